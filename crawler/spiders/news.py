"""The ``news`` spider: start pages, feeds and sitemaps in, fetched article pages out."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import courlan
from scrapy import Request, Spider
from scrapy.exceptions import UsageError
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor

from crawler.discovery import (
    ResponseKind,
    classify_response,
    feed_entries,
    robots_sitemaps,
    sitemap_entries,
)
from crawler.items import FetchedPage
from pipelines.extract import utc_now

_ARTICLE_LD_TYPE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:\w*NewsArticle|Article|BlogPosting|Report)"'
)


class NewsSpider(Spider):
    """Crawl news sites from start URLs (pages, RSS/Atom feeds, sitemaps) within their domains."""

    name = "news"

    def __init__(self, start_urls: str = "", follow_article_links: str = "0",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [url.strip() for url in start_urls.split(",") if url.strip()]
        if not self.start_urls:
            raise UsageError("the news spider needs -a start_urls=URL[,URL...]")
        for url in self.start_urls:
            if urlsplit(url).scheme not in ("http", "https"):
                raise UsageError(f"not an http(s) URL: {url!r}")
        self.allowed_domains = sorted({urlsplit(url).hostname or "" for url in self.start_urls})
        self.follow_article_links = follow_article_links.lower() in ("1", "true", "yes")
        # Off-site links are filtered by Scrapy's OffsiteMiddleware (it compares host names;
        # LinkExtractor's allow_domains compares host:port and would drop every local link).
        self.link_extractor = LinkExtractor()

    async def start(self) -> AsyncIterator[Request]:
        """One request per start URL; the response's kind decides what happens next."""
        for url in self.start_urls:
            yield Request(url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Request | FetchedPage]:
        """Dispatch on what the response is."""
        kind = classify_response(response)
        self.crawler.stats.inc_value(f"news/response/{kind.value}")
        if kind is ResponseKind.SITEMAP:
            for url, nested in sitemap_entries(response):
                yield Request(url, callback=self.parse, priority=1 if nested else 0)
        elif kind is ResponseKind.FEED:
            for url in feed_entries(response):
                yield Request(url, callback=self.parse)
        elif kind is ResponseKind.ROBOTS:
            for url in robots_sitemaps(response):
                yield Request(url, callback=self.parse)
        elif kind is ResponseKind.HTML:
            yield from self.parse_page(response)

    def parse_page(self, response: Response) -> Iterator[Request | FetchedPage]:
        """Hand article candidates to the pipeline; follow links from listing pages."""
        is_article = looks_like_article(response)
        if is_article or not is_listing_url(response.url):
            yield FetchedPage(
                url=response.url,
                body=response.body,
                content_type=response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
                status=response.status,
                fetched_at=utc_now(),
                depth=response.meta.get("depth", 0),
            )
        else:
            self.crawler.stats.inc_value("news/listing_page")
        if not is_article or self.follow_article_links:
            for link in self.link_extractor.extract_links(response):
                yield Request(link.url, callback=self.parse)


def looks_like_article(response: Response) -> bool:
    """A cheap first guess from og:type and JSON-LD; the extraction stage decides for good."""
    og_type = response.xpath('//meta[@property="og:type"]/@content').get("")
    if og_type.strip().lower() == "article":
        return True
    scripts = response.xpath('//script[contains(@type, "ld+json")]/text()').getall()
    return any(_ARTICLE_LD_TYPE.search(script) for script in scripts)


def is_listing_url(url: str) -> bool:
    """Home, section, tag, author and pagination URLs (courlan's navigation filter)."""
    path = urlsplit(url).path
    return path in ("", "/", "/index.html") or courlan.is_navigation_page(url)
