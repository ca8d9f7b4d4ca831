"""Is this page an article? Index, section, tag, author, search and about pages give no record."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from courlan import is_navigation_page

from pipelines.body import Body
from pipelines.cleaning import word_count
from pipelines.document import Document

ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
                 "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting", "Report",
                 "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle", "ScholarlyArticle",
                 "SocialMediaPosting", "Review", "Recipe")
NON_ARTICLE_TYPES = ("CollectionPage", "SearchResultsPage", "ProfilePage", "AboutPage",
                     "ContactPage", "ItemList", "WebSite", "FAQPage")
NON_ARTICLE_OG_TYPES = ("website", "profile", "product", "video.other", "books.author")
# Path segments of index, search, author and legal pages (in the languages of the rule tables).
NAVIGATION_SEGMENTS = re.compile(
    r"^(?:search|suche|recherche|buscar|busca|cerca|zoeken|tags?|topics?|themen?|category|categories"
    r"|kategorie|rubrique|categoria|author|authors|autor|autoren|auteur|autore|page|archive|archiv"
    r"|about|about-us|impressum|datenschutz|privacy|kontakt|contact|imprint|mentions-legales)$",
    re.IGNORECASE,
)
WP_POST_QUERY = re.compile(r"^p=\d+$")
# A page that declares itself an article may be a very short post (a poem, a note).
MIN_WORDS_WITH_SIGNAL = 15
MIN_WORDS_WITHOUT_SIGNAL = 40
MIN_WORDS_NAVIGATION = 300


def not_article_reason(doc: Document, body: Body) -> str | None:
    """None when ``doc`` is an article, else a short reason (``no_text``, ``too_short``...)."""
    words = sum(word_count(p) for p in body.paragraphs)
    if not words:
        return "no_text"
    article_signal = has_article_signal(doc)
    if not article_signal:
        reason = navigation_reason(doc)
        if reason and words < MIN_WORDS_NAVIGATION:
            return reason
    needed = MIN_WORDS_WITH_SIGNAL if article_signal else MIN_WORDS_WITHOUT_SIGNAL
    return None if words >= needed else "too_short"


def has_article_signal(doc: Document) -> bool:
    """JSON-LD of an article type or ``og:type`` article."""
    og_type = (doc.meta_first("og:type") or "").lower()
    return bool(doc.json_ld_of_type(*ARTICLE_TYPES)) or og_type == "article"


def navigation_reason(doc: Document) -> str | None:
    """Why the URL or the page's declared type says index/section/tag/author/search page."""
    parts = urlsplit(doc.url)
    path = parts.path
    if path.strip("/") in ("", "index.html", "index.php", "home") and not parts.query:
        return "front_page"
    # WordPress' "?p=123" is a post id, not a page number.
    url = doc.url if not WP_POST_QUERY.match(parts.query) else doc.url.split("?", 1)[0]
    if is_navigation_page(url) or _has_navigation_segment(path):
        return "navigation_page"
    if doc.json_ld_of_type(*NON_ARTICLE_TYPES) and not doc.json_ld_of_type(*ARTICLE_TYPES):
        return "listing_page"
    og_type = (doc.meta_first("og:type") or "").lower()
    if og_type in NON_ARTICLE_OG_TYPES and not parts.query and _looks_like_section(path):
        return "section_page"
    return None


def _looks_like_section(path: str) -> bool:
    """A short path of one or two plain words (``/politics/``, ``/about``), no slug nor id."""
    parts = [p for p in path.split("/") if p]
    return len(parts) <= 2 and all(
        "-" not in p and "_" not in p and not any(c.isdigit() for c in p) for p in parts
    )


def _has_navigation_segment(path: str) -> bool:
    """One of the last two path segments (extension left off) is ``search``, ``authors``..."""
    segments = [part.rsplit(".", 1)[0] for part in path.split("/") if part][-2:]
    return any(NAVIGATION_SEGMENTS.match(segment) for segment in segments)
