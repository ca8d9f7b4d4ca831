"""From HTML to an article record: one code path for the crawl and ``newsclean extract``."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from pipelines.article_detection import not_article_reason
from pipelines.body import CleaningOptions, extract_body
from pipelines.bylines import choose_credits
from pipelines.dates import choose_dates
from pipelines.document import Document, PageParseError, parse_document
from pipelines.fields import Choice, Credits
from pipelines.language import detect_language
from pipelines.names import parse_credit
from pipelines.record import ArticleRecord, PageError, Provenance, utc_now
from pipelines.site_rules import SiteRules, selected_text
from pipelines.source import choose_source, site_name_candidates
from pipelines.titles import choose_title
from pipelines.urls import canonical_url, record_id, source_domain

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """Either a record or the reason there is none."""

    record: ArticleRecord | None = None
    error: PageError | None = None


def extract_page(
    body: bytes | str,
    url: str,
    *,
    content_type: str | None = None,
    options: CleaningOptions | None = None,
    rules: SiteRules | None = None,
    crawled_at: str | None = None,
) -> ExtractionResult:
    """Extract the article of one page; failures come back as ``error``, never raised.

    ``rules`` are a source's pinned selectors (from the sources file), tried before the
    generic rules.
    """
    try:
        doc = parse_document(body, url, content_type)
    except PageParseError as exc:
        return ExtractionResult(error=exc.as_error())
    try:
        return build_record(doc, options or CleaningOptions(), crawled_at, rules)
    except Exception as exc:  # a bug on one page must not cost the batch: report it as a value
        logger.exception("extraction failed for %s", url)
        return ExtractionResult(error=PageError("extraction_error", f"{type(exc).__name__}: {exc}"))


def build_record(
    doc: Document,
    options: CleaningOptions,
    crawled_at: str | None = None,
    rules: SiteRules | None = None,
) -> ExtractionResult:
    """Run every field stage over one parsed document."""
    rules = rules or SiteRules()
    body = extract_body(doc, rules.cleaning_options(options))
    reason = not_article_reason(doc, body)
    if reason:
        return ExtractionResult(error=PageError("not_article", reason))
    text = body.text
    site_names = site_name_candidates(doc)  # read once, shared by title, credits and source
    title = pinned_title(doc, rules) or choose_title(doc, site_names)
    credits = pinned_credits(doc, rules) or choose_credits(
        doc, body, title=title.value, site_names=site_names
    )
    source = choose_source(doc, site_names)
    dates = choose_dates(doc)
    canonical = canonical_url(doc)
    record = ArticleRecord(
        id=record_id(canonical),
        url=doc.url,
        canonical_url=canonical,
        title=title.value,
        text=text,
        byline=credits.byline,
        authors=credits.authors,
        source=source.value,
        source_domain=source_domain(canonical),
        wire_sources=credits.wire_sources,
        published=dates.published,
        modified=dates.modified,
        language=detect_language(doc, text),
        description=doc.meta_first("og:description", "description", "twitter:description"),
        image=doc.meta_first("og:image", "twitter:image"),
        word_count=len(text.split()),
        content_hash=content_hash(text),
        removed=body.removed,
        crawled_at=crawled_at or utc_now(),
        provenance=Provenance(
            title=title.signal, authors=credits.signal, published=dates.signal,
            source=source.signal,
        ),
    )
    return ExtractionResult(record=record)


def pinned_title(doc: Document, rules: SiteRules) -> Choice | None:
    """The headline where the source's title selector points, if it matches."""
    text = selected_text(doc.tree, rules.title) if rules.title else None
    return Choice(text, "override") if text else None


def pinned_credits(doc: Document, rules: SiteRules) -> Credits | None:
    """The credits printed where the source's byline selector points, if it matches."""
    printed = selected_text(doc.tree, rules.byline) if rules.byline else None
    if not printed:
        return None
    parsed = parse_credit(printed)
    agencies = list(dict.fromkeys(canonical for canonical, _printed in parsed.agencies))
    return Credits(printed, parsed.authors or agencies, agencies, "override")


def content_hash(text: str) -> str:
    """sha256 of the whitespace-normalised text: equal for the same story however it is wrapped."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
