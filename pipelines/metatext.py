"""Text helpers shared by the metadata stages (titles, bylines, source, dates)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
_TAG = re.compile(r"<[^>]{1,200}>")
_SOFT_HYPHEN = "\u00ad"  # an invisible line-break hint inside a word ("Welt\u00adernährung")
_ZERO_WIDTH = "\u200b"
# separators between a headline and a site or section name: spaced dashes, bars, bullets...
SEGMENT_SEPARATORS = re.compile(r"\s+[|\-–—·»•~:/]{1,2}\s+|\s*[|ㅣ｜]\s*|\s+::\s+")
_TRAILING_SEPARATOR = re.compile(r"(?:\s+[|\-–—·»•~:]+|\s*[|ㅣ｜])\s*$")
_LEADING_SEPARATOR = re.compile(r"^\s*[|\-–—·»•~:]+\s+")
# Article-like JSON-LD types: signals on these beat those on WebPage/WebSite objects.
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
    "LiveBlogPosting", "SocialMediaPosting", "TechArticle", "ScholarlyArticle", "Report",
    "SatiricalArticle", "Review", "Recipe", "HowTo", "VideoObject", "PodcastEpisode",
})
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "CollectionPage", "AboutPage", "ProfilePage"})
# hosting prefixes that are not part of a site's name
_HOST_PREFIXES = ("www.", "www1.", "www2.", "m.", "amp.", "mobile.", "beta.", "edition.")
# An archived copy's URL ends with the page's own URL: web.archive.org/web/<timestamp>/<url>
# (also "<timestamp>id_/" forms). Its site names belong to that URL, not to the archive.
_WAYBACK_URL = re.compile(r"^https?://web\.archive\.org/web/\d{1,14}[a-z_]*/(?P<url>.+)$",
                          re.IGNORECASE)


def clean_text(value: Any, *, soft_hyphens: bool = False) -> str:
    """A metadata string with entities decoded (twice if double-escaped), tags and spaces folded.

    Soft hyphens are dropped unless ``soft_hyphens``: a headline keeps them as the page sets them.
    """
    if not isinstance(value, str):
        return ""
    text = value
    for _ in range(2):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if not soft_hyphens:
        text = text.replace(_SOFT_HYPHEN, "")
    return _WS.sub(" ", text.replace(_ZERO_WIDTH, "")).strip()


def key(text: str | None) -> str:
    """Comparison key: case-folded word tokens joined by one space (soft hyphens ignored)."""
    return " ".join(_WORD.findall((text or "").replace(_SOFT_HYPHEN, "").casefold()))


def glued_key(text: str | None) -> str:
    """Comparison key without spaces, so "Thebritishjournal" meets "The British Journal"."""
    return key(text).replace(" ", "").replace("_", "")


def segments(title: str) -> list[str]:
    """The parts of a title split at site-name separators, empty parts dropped."""
    return [part.strip() for part in SEGMENT_SEPARATORS.split(title) if part.strip()]


def strip_dangling(title: str) -> str:
    """A title without a separator left dangling at either end ("Headline -").

    A closing guillemet that pairs an opening one ("« Quote »") is punctuation, not a separator.
    """
    text = title.strip()
    if not (text.endswith("»") and text.count("«") >= text.count("»")):
        text = _TRAILING_SEPARATOR.sub("", text)
    return _LEADING_SEPARATOR.sub("", text).strip()


def text_of(node: etree._Element) -> str:
    """Whitespace-collapsed text content of an element."""
    return _WS.sub(" ", node.text_content()).strip()


def host_labels(url: str) -> tuple[str, str]:
    """(registered-ish name, full host) of a URL: ``www.bbc.co.uk`` gives ("bbc", "bbc.co.uk").

    An archived copy (web.archive.org) is named after the URL it archives.
    """
    host = (urlsplit(archived_url(url)).hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix):]
            break
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in {"co", "com", "org", "net", "ac",
                                                                      "gov", "or", "ne"}:
        name = labels[-3]
    elif len(labels) >= 2:
        name = labels[-2]
    else:
        name = host
    return name, host


def archived_url(url: str) -> str:
    """The original URL of a Wayback Machine copy, else ``url`` itself."""
    match = _WAYBACK_URL.match(url)
    if not match:
        return url
    original = match.group("url")
    return original if "://" in original else "http://" + original


def as_list(value: Any) -> list[Any]:
    """``value`` as a list (``None`` is empty)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def types_of(obj: dict[str, Any]) -> set[str]:
    """The ``@type`` values of a JSON-LD object, schema.org prefixes dropped."""
    return {str(t).rsplit("/", 1)[-1] for t in as_list(obj.get("@type"))}


def article_objects(json_ld: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """JSON-LD objects of article types first, then web-page objects."""
    pages = []
    for obj in json_ld:
        kinds = types_of(obj)
        if kinds & ARTICLE_TYPES:
            yield obj
        elif kinds & PAGE_TYPES:
            pages.append(obj)
    yield from pages
