"""Is a URL an article, a listing page (home, section) or something not to fetch at all?

Library first: courlan's filters (``is_not_crawlable``, ``is_navigation_page``, its extension
and site-structure filters) decide whether a URL is skipped; the regexes here name the reason
(the stat ``discovery/filtered/<reason>``) and add what courlan misses (``/authors/``, session
ids, date-only archive paths, feeds). What survives is an article when its URL has the shape of
one (a slug, a date followed by a segment, a long numeric id), otherwise a listing page that
the spider fetches only to follow its links. A source's article patterns override all of it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from courlan.filters import extension_filter, is_navigation_page, is_not_crawlable, type_filter

# --- filtered: named reasons, checked in this order --------------------------------------
_SESSION = re.compile(
    r"(?:(?:[;?&]|%3B)(?:jsessionid|phpsessid|sessionid|session_id|sessid|sid)=)", re.IGNORECASE
)
_MEDIA = re.compile(
    r"\.(?:jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|pdf|zip|gz|tar|rar|7z|mp3|m4a|aac|ogg|wav"
    r"|flac|mp4|m4v|avi|mov|mkv|webm|flv|css|js|woff2?|ttf|otf|eot|docx?|xlsx?|pptx?|odt|epub"
    r"|exe|dmg|apk)$",
    re.IGNORECASE,
)
_FEED = re.compile(
    r"(?:/(?:feed|feeds|rss|atom)(?:/[\w.-]*)?/?$|\.(?:rss|atom|xml|json)$|/sitemap[\w.-]*$)",
    re.IGNORECASE,
)
_LOGIN = re.compile(
    r"/(?:login|logout|log-in|signin|sign-in|signup|sign-up|register|registrierung|anmelden"
    r"|account|my-account|mein-konto|subscribe|abo|wp-login\.php|wp-admin)(?:[/?.]|$)",
    re.IGNORECASE,
)
_SEARCH = re.compile(
    r"(?:/(?:search|suche|recherche|buscar)(?:[/?.]|$)|[?&](?:s|q|query|search)=)",
    re.IGNORECASE,
)
_TAG = re.compile(
    r"/(?:tags?|topics?|schlagw(?:o|ö)rt(?:e|er)?|stichw(?:o|ö)rt(?:e|er)?|labels?)/", re.IGNORECASE
)
_AUTHOR = re.compile(r"/(?:authors?|autor(?:in|en)?|byline|journalists?)/", re.IGNORECASE)
_PAGINATION = re.compile(
    r"(?:/(?:page|seite|pages|p)/\d+/?$|[?&](?:page|paged|seite|pg|offset|start)=\d+)",
    re.IGNORECASE,
)
_COMMENTS = re.compile(r"(?:[?&]replytocom=|/comments?/|/comment-page-\d+)", re.IGNORECASE)
_ARCHIVE = re.compile(
    r"(?:/(?:archives?|archiv|calendar|kalender)(?:/|$)"
    r"|/(?:19|20)\d{2}(?:/(?:0?[1-9]|1[0-2]))?(?:/(?:0?[1-9]|[12]\d|3[01]))?/?$)",
    re.IGNORECASE,
)
_REASONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("session", _SESSION),
    ("media", _MEDIA),
    ("feed", _FEED),
    ("login", _LOGIN),
    ("search", _SEARCH),
    ("tag", _TAG),
    ("author", _AUTHOR),
    ("pagination", _PAGINATION),
    ("comments", _COMMENTS),
    ("archive", _ARCHIVE),
)

# --- listing pages that are fetched as hubs (courlan calls them navigation) ----------------
_CATEGORY = re.compile(r"/(?:category|categories|kategorie|rubrik|ressort|section)/", re.I)
_HOME = re.compile(r"^/?(?:(?:index|default|home|start)\.\w{2,5})?$", re.IGNORECASE)

# --- article shapes ----------------------------------------------------------------------
_DATED = re.compile(r"/(?:19|20)\d{2}/(?:0?[1-9]|1[0-2])/(?:\d{1,2}/)?[^/]+")
_LONG_ID = re.compile(r"\d{5,}")
_ID_QUERY = re.compile(r"(?:^|&)(?:id|story|article|artikel|newsid|storyid|p)=\w+", re.I)
_SLUG_SPLIT = re.compile(r"[-_+]+")
_EXTENSION = re.compile(r"\.\w{2,5}$")
_MIN_SLUG_WORDS = 3


class UrlKind(enum.Enum):
    """What the spider does with a URL."""

    ARTICLE = "article"  # fetched as an entry, handed to the pipeline
    LISTING = "listing"  # fetched as a hub, for its links only
    FILTERED = "filtered"  # not fetched


@dataclass(frozen=True, slots=True)
class Verdict:
    """A URL's kind and why."""

    kind: UrlKind
    reason: str


@dataclass(frozen=True, slots=True)
class ArticlePatterns:
    """A source's own rules: ``deny`` never fetched, ``allow`` the only articles."""

    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def compile(cls, allow: Sequence[str] = (), deny: Sequence[str] = ()) -> ArticlePatterns:
        """Compile regex strings (``re.error`` on a bad one)."""
        return cls(tuple(re.compile(p) for p in allow), tuple(re.compile(p) for p in deny))


NO_PATTERNS = ArticlePatterns()


def classify_url(url: str, patterns: ArticlePatterns = NO_PATTERNS) -> Verdict:
    """Article, listing or filtered (with the reason), source patterns first."""
    if any(p.search(url) for p in patterns.deny):
        return Verdict(UrlKind.FILTERED, "pattern")
    if any(p.search(url) for p in patterns.allow):
        return Verdict(UrlKind.ARTICLE, "pattern")
    verdict = _by_structure(url)
    if patterns.allow and verdict.kind is UrlKind.ARTICLE:
        return Verdict(UrlKind.LISTING, "not_allowed")
    return verdict


def filtered_reason(url: str) -> str | None:
    """Why ``url`` is not worth fetching, or None (courlan's filters, then our own)."""
    parts = urlsplit(url)
    path_query = parts.path + ("?" + parts.query if parts.query else "")
    for reason, pattern in _REASONS:
        if pattern.search(path_query):
            return reason
    if _CATEGORY.search(parts.path):
        return None  # a section: courlan calls it navigation, we fetch it as a hub
    if is_not_crawlable(url):
        return "not_crawlable"
    if not extension_filter(parts.path):
        return "media"
    if is_navigation_page(url) or not type_filter(url, strict=False, with_nav=False):
        return "navigation"
    return None


def looks_like_article_url(url: str) -> bool:
    """A slug of several words, a date followed by a segment, or a long numeric id."""
    parts = urlsplit(url)
    if _DATED.search(parts.path) or _ID_QUERY.search(parts.query):
        return True
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return False
    last = _EXTENSION.sub("", segments[-1])
    if _LONG_ID.search(last) or (len(segments) > 1 and _LONG_ID.fullmatch(segments[-2])):
        return True
    return len([w for w in _SLUG_SPLIT.split(last) if w]) >= _MIN_SLUG_WORDS


def _by_structure(url: str) -> Verdict:
    """The verdict from the URL's structure alone."""
    reason = filtered_reason(url)
    if reason:
        return Verdict(UrlKind.FILTERED, reason)
    if _HOME.match(urlsplit(url).path):
        return Verdict(UrlKind.LISTING, "home")
    if looks_like_article_url(url):
        return Verdict(UrlKind.ARTICLE, "shape")
    return Verdict(UrlKind.LISTING, "section")
