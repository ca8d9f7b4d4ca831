"""What a response is (HTML page, sitemap, feed, robots.txt) and the entries it lists."""

from __future__ import annotations

import calendar
import enum
import io
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree
from scrapy.http import Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

_SNIFF_BYTES = 512
_JSON_FEED_SNIFF_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b\x08"
_JSON_FEED_MARK = b"jsonfeed.org/version/"
_NEWS_NAMESPACE = "sitemap-news"
_FEED_DATE_KEYS = ("updated_parsed", "published_parsed")
_DTD_SNIFF_BYTES = 65536
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
# Feed autodiscovery (<link rel="alternate" type=... href=...>): RSS, Atom, JSON Feed.
FEED_LINK_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json"})
_FEED_LINKS = "//link[@href][@type][@rel]"
# WordPress and most CMSs advertise comment feeds beside the site's feed, at a .../comments/...
# path whatever the language: they list comments, not articles.
_COMMENTS_FEED = re.compile(r"/comments(?:/|$)|[?&]feed=comments", re.IGNORECASE)


class ResponseKind(enum.Enum):
    """The kinds of response the news spider handles."""

    HTML = "html"
    SITEMAP = "sitemap"
    FEED = "feed"
    JSON_FEED = "json_feed"
    ROBOTS = "robots"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Entry:
    """One URL a sitemap or feed lists, with its newest date and title where given."""

    url: str
    lastmod: datetime | None = None
    title: str | None = None
    is_sitemap: bool = False


class UnreadableBody(ValueError):
    """A body the spider cannot read; ``kind`` (``too_large``, ``bad_gzip``) names it for stats."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def read_body(response: Response, max_size: int = 0) -> bytes:
    """The body, gunzipped when it is a gzip file (``.xml.gz``); :exc:`UnreadableBody` if not.

    A ``Content-Encoding: gzip`` body was already decoded by Scrapy's HttpCompression
    middleware; what is left gzipped here is a gzip *file*, as sitemaps often are.
    """
    if response.body[:3] != _GZIP_MAGIC:
        return response.body
    try:
        return gunzip(response.body, max_size=max_size)
    except ValueError as exc:  # scrapy's _DecompressionMaxSizeExceeded
        raise UnreadableBody("too_large", f"gzip file over {max_size} bytes inflated") from exc
    except (OSError, EOFError) as exc:
        raise UnreadableBody("bad_gzip", f"broken gzip file: {exc}") from exc


def response_body(response: Response, max_size: int = 0) -> bytes | None:
    """The body as :func:`read_body` gives it; None when it is too large or broken."""
    try:
        return read_body(response, max_size)
    except UnreadableBody:
        return None


def declares_entities(body: bytes) -> bool:
    """Whether an XML body declares entities in its DTD: no sitemap or feed needs them.

    Entity expansion is how an XML bomb ("billion laughs") grows a few bytes into gigabytes;
    such a document is refused before any parser sees it.
    """
    head = body[:_DTD_SNIFF_BYTES]
    return b"<!DOCTYPE" in head.upper() and _ENTITY_DECL.search(head) is not None


def classify_response(response: Response, body: bytes | None = None) -> ResponseKind:
    """Tell pages, sitemaps and feeds apart by the body's first tag, then by content type."""
    body = response.body if body is None else body
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    if response.url.endswith("/robots.txt"):
        return ResponseKind.ROBOTS
    head = body[:_SNIFF_BYTES].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return ResponseKind.SITEMAP
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return ResponseKind.FEED
    if head.startswith(b"{") and (
        "feed+json" in content_type or _JSON_FEED_MARK in body[:_JSON_FEED_SNIFF_BYTES]
    ):
        return ResponseKind.JSON_FEED
    if "html" in content_type or b"<html" in head or b"<!doctype html" in head:
        return ResponseKind.HTML
    if "xml" in content_type:
        return ResponseKind.SITEMAP if b"sitemap" in head else ResponseKind.FEED
    return ResponseKind.OTHER


# --- sitemaps ---------------------------------------------------------------------------


def sitemap_entries(response: Response, body: bytes | None = None) -> Iterator[Entry]:
    """Every ``<url>``/``<sitemap>`` of a sitemap or index, Google News fields included.

    Parsed like Scrapy's ``Sitemap`` (entity resolution off, so XML bombs are refused), but
    keeping the ``news:`` children that ``Sitemap`` flattens away.
    """
    body = response.body if body is None else body
    events = lxml.etree.iterparse(
        io.BytesIO(body), events=("end",), recover=True, remove_comments=True,
        resolve_entities=False, no_network=True, collect_ids=False, remove_pis=True,
    )
    try:
        for _, elem in events:
            name = _local_name(elem)
            if name not in ("url", "sitemap"):
                continue
            entry = _sitemap_entry(elem, response.url, is_sitemap=name == "sitemap")
            _release(elem)
            if entry is not None:
                yield entry
    except lxml.etree.XMLSyntaxError:  # empty or hopeless; complete entries were yielded
        return


def _sitemap_entry(elem: Any, base_url: str, *, is_sitemap: bool) -> Entry | None:
    """The entry of one ``<url>`` or ``<sitemap>`` element, or None without a ``<loc>``."""
    fields: dict[str, str] = {}
    for child in elem.iter():
        name = _local_name(child)
        text = (child.text or "").strip()
        if not name or not text:
            continue
        if child.getparent() is elem and name in ("loc", "lastmod"):
            fields[name] = text
        elif _NEWS_NAMESPACE in str(child.tag) and name in ("publication_date", "title"):
            fields[f"news_{name}"] = text
    if "loc" not in fields:
        return None
    dates = [parse_date(fields.get("lastmod")), parse_date(fields.get("news_publication_date"))]
    return Entry(
        url=urljoin(base_url, fields["loc"]),
        lastmod=max((d for d in dates if d is not None), default=None),
        title=fields.get("news_title"),
        is_sitemap=is_sitemap,
    )


def _local_name(elem: Any) -> str:
    """An element's tag without its namespace ('' for comments and the like)."""
    tag = elem.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _release(elem: Any) -> None:
    """Free a parsed entry and its finished siblings (sitemaps can hold 50,000 entries)."""
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


# --- feeds ------------------------------------------------------------------------------


def feed_entries(response: Response) -> Iterator[Entry]:
    """Links of the entries of an RSS 0.9x/1.0/2.0 or Atom feed (feedparser reads them all)."""
    # A stream, never the bytes: feedparser opens bytes naming a file (b"/dev/zero") as a path.
    body = io.BytesIO(response.body)
    parsed = feedparser.parse(body, response_headers={"content-location": response.url})
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        # dict.get: FeedParserDict.get maps a missing updated_parsed to published_parsed, warning.
        dates = [_struct_date(dict.get(entry, key)) for key in _FEED_DATE_KEYS]
        yield Entry(
            url=urljoin(response.url, link),
            lastmod=max((d for d in dates if d is not None), default=None),
            title=entry.get("title") or None,
        )


def json_feed_entries(response: Response) -> Iterator[Entry]:
    """Items of a JSON Feed (https://jsonfeed.org/version/1.1).

    feedparser reads XML feeds only, and a JSON Feed is a plain JSON object, so ``json``
    and a few lines do: ``items[].url`` (the permalink; ``external_url`` points elsewhere),
    ``date_modified``/``date_published``, ``title``.
    """
    try:
        feed = json.loads(response.body)
    except (ValueError, UnicodeDecodeError):
        return
    items = feed.get("items") if isinstance(feed, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        dates = [parse_date(item.get(key)) for key in ("date_modified", "date_published")]
        title = item.get("title")
        yield Entry(
            url=urljoin(response.url, item["url"].strip()),
            lastmod=max((d for d in dates if d is not None), default=None),
            title=title if isinstance(title, str) and title else None,
        )


def advertised_feeds(response: Response) -> list[str]:
    """Absolute URLs of the feeds an HTML page advertises, once each, in page order.

    ``<link rel="alternate">`` (rel is a list of tokens, matched without case) with an RSS,
    Atom or JSON Feed ``type``; relative ``href`` values are resolved as the page's links are
    (``<base href>`` included). Comment feeds are left out. feedparser dropped autodiscovery
    and w3lib has none, so it is read here: one XPath, checked in Python.
    """
    feeds: dict[str, None] = {}
    for link in response.xpath(_FEED_LINKS):
        rel = link.attrib.get("rel", "").lower().split()
        kind = link.attrib.get("type", "").split(";")[0].strip().lower()
        href = link.attrib.get("href", "").strip()
        if "alternate" not in rel or kind not in FEED_LINK_TYPES or not href:
            continue
        url = response.urljoin(href).split("#", 1)[0]
        if urlsplit(url).scheme in ("http", "https") and not _COMMENTS_FEED.search(url):
            feeds[url] = None
    return list(feeds)


def robots_sitemaps(response: Response) -> Iterator[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    yield from sitemap_urls_from_robots(response.body, base_url=response.url)


# --- dates ------------------------------------------------------------------------------


def parse_date(value: object) -> datetime | None:
    """A W3C/RFC 3339 date or date-time as an aware UTC datetime (naive ones taken as UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _struct_date(value: time.struct_time | None) -> datetime | None:
    """feedparser's UTC ``struct_time`` as an aware datetime."""
    if value is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)


def is_too_old(lastmod: datetime | None, max_age_days: float, now: datetime) -> bool:
    """Older than the window (a window of 0 or less, or no date, is never too old)."""
    return lastmod is not None and max_age_days > 0 and lastmod < now - timedelta(max_age_days)
