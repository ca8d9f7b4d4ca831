"""URL identity of a record: canonical URL, stable id, publisher domain."""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin, urlsplit

import courlan

from pipelines.document import Document


def canonical_url(doc: Document) -> str:
    """rel=canonical, else og:url, else the fetched URL; normalised, tracking parameters removed.

    A canonical link pointing to another host is ignored: syndicated copies often point to the
    original, and the record must stay attributable to the page that was fetched.
    """
    fetched = doc.url
    for candidate in (*doc.links.get("canonical", ()), doc.meta_first("og:url")):
        if not candidate:
            continue
        absolute = urljoin(fetched, candidate)
        if urlsplit(absolute).scheme in ("http", "https") and _same_site(absolute, fetched):
            return normalize(absolute)
    return normalize(fetched)


def normalize(url: str) -> str:
    """courlan's normalisation (lower-case host, no default port, no trackers), no fragment.

    Not courlan's strict mode: it keeps only an allow-list of query parameters, so
    ``news.php?story=1`` and ``news.php?story=2`` would share one canonical URL and one id.
    """
    try:
        return courlan.normalize_url(url, strict=False).split("#", 1)[0]
    except (ValueError, AttributeError):
        return url


def record_id(canonical: str) -> str:
    """A stable id derived from the canonical URL."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def source_domain(url: str) -> str:
    """The registered domain of ``url`` (``bbc.co.uk`` for ``www.bbc.co.uk``)."""
    host = urlsplit(url).hostname or ""
    return courlan.extract_domain(url) or host


def _same_site(a: str, b: str) -> bool:
    return source_domain(a) == source_domain(b)
