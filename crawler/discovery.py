"""What a response is (HTML page, sitemap, feed) and the URLs it lists."""

from __future__ import annotations

import enum
import io
from collections.abc import Iterator
from urllib.parse import urljoin

import feedparser
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

_SNIFF_BYTES = 512


class ResponseKind(enum.Enum):
    """The kinds of response the news spider handles."""

    HTML = "html"
    SITEMAP = "sitemap"
    FEED = "feed"
    ROBOTS = "robots"
    OTHER = "other"


def classify_response(response: Response) -> ResponseKind:
    """Tell pages, sitemaps and feeds apart by content type, then by the body's first tag."""
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    if response.url.endswith("/robots.txt"):
        return ResponseKind.ROBOTS
    head = response.body[:_SNIFF_BYTES].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return ResponseKind.SITEMAP
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return ResponseKind.FEED
    if "html" in content_type or b"<html" in head or b"<!doctype html" in head:
        return ResponseKind.HTML
    if "xml" in content_type:
        return ResponseKind.SITEMAP if b"sitemap" in head else ResponseKind.FEED
    return ResponseKind.OTHER


def sitemap_entries(response: Response) -> Iterator[tuple[str, bool]]:
    """``(url, is_sitemap)`` for every ``<loc>`` of a sitemap or sitemap index.

    Scrapy's ``Sitemap`` parses with entity resolution off, so XML bombs are refused.
    """
    try:
        sitemap = Sitemap(response.body)
    except Exception:  # lxml raises several types on broken XML; a broken sitemap lists nothing
        return
    nested = sitemap.type == "sitemapindex"
    for entry in sitemap:
        loc = entry.get("loc")
        if loc:
            yield urljoin(response.url, loc.strip()), nested


def feed_entries(response: Response) -> Iterator[str]:
    """Links of the entries of an RSS or Atom feed (feedparser handles every dialect)."""
    # A stream, never the bytes: feedparser opens bytes naming a file (b"/dev/zero") as a path.
    body = io.BytesIO(response.body)
    parsed = feedparser.parse(body, response_headers={"content-location": response.url})
    for entry in parsed.entries:
        link = entry.get("link")
        if link:
            yield urljoin(response.url, link)


def robots_sitemaps(response: Response) -> Iterator[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    yield from sitemap_urls_from_robots(response.body, base_url=response.url)
