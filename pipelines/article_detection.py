"""Is this page an article? Index, tag, author and short pages give no record."""

from __future__ import annotations

from pipelines.body import Body
from pipelines.document import Document

ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
                 "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting", "Report")
MIN_WORDS_WITH_SIGNAL = 40
MIN_WORDS_WITHOUT_SIGNAL = 150


def not_article_reason(doc: Document, body: Body) -> str | None:
    """None when ``doc`` is an article, else a short reason (``no_text``, ``too_short``...)."""
    words = sum(len(p.split()) for p in body.paragraphs)
    if not words:
        return "no_text"
    has_signal = bool(doc.json_ld_of_type(*ARTICLE_TYPES)) or (
        (doc.meta_first("og:type") or "").lower() == "article"
    )
    needed = MIN_WORDS_WITH_SIGNAL if has_signal else MIN_WORDS_WITHOUT_SIGNAL
    return None if words >= needed else "too_short"
