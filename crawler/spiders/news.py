"""The ``news`` spider: sources (start pages, feeds, sitemaps) in, fetched article pages out.

Every request carries ``meta["newsclean_source"]`` (the source's name) and
``meta["newsclean_role"]``: ``"hub"`` for start pages, feeds, sitemaps, robots.txt and listing
pages (fetched for the URLs they list, every run) or ``"entry"`` for a candidate article URL;
entries found in feeds and sitemaps also carry ``meta["newsclean_lastmod"]`` (ISO 8601) when
the hub dated them. Only entry responses (and hub pages that say they are articles) become
:class:`~crawler.items.FetchedPage` items.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, Self
from urllib.parse import urlsplit

import courlan
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, UsageError
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.discovery import (
    Entry,
    ResponseKind,
    UnreadableBody,
    advertised_feeds,
    classify_response,
    declares_entities,
    feed_entries,
    is_too_old,
    json_feed_entries,
    read_body,
    robots_sitemaps,
    sitemap_entries,
)
from crawler.items import FetchedPage
from crawler.sources import Source, SourcesError, adhoc_source, load_sources
from crawler.url_classifier import UrlKind, classify_url
from pipelines.record import utc_now
from pipelines.urls import normalize

ROLE_KEY = "newsclean_role"
SOURCE_KEY = "newsclean_source"
LASTMOD_KEY = "newsclean_lastmod"
TITLE_KEY = "newsclean_title"
HUB, ENTRY = "hub", "entry"

_ARTICLE_LD_TYPE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:\w*NewsArticle|Article|BlogPosting|Report)"'
)
_LINK_HREFS = "//a/@href | //area/@href"
_NOT_A_LINK = re.compile(r"^\s*(?:#|javascript:|mailto:|tel:|data:)", re.IGNORECASE)
_TRUE = ("1", "true", "yes")
_FEED_KINDS = (ResponseKind.FEED, ResponseKind.JSON_FEED)
_XML_KINDS = (ResponseKind.SITEMAP, ResponseKind.FEED)
_MAX_REDIRECTS = "max redirections reached"  # RedirectMiddleware's IgnoreRequest message


class NewsSpider(Spider):
    """Crawl news sources (a sources file, or ad-hoc start URLs) within their domains."""

    name = "news"
    max_age_days: float = 0.0
    pages_per_run: int = 0
    max_sitemap_size: int = 0

    def __init__(self, start_urls: str = "", sources: str = "", only: str = "",
                 follow_article_links: str = "0", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.follow_article_links = follow_article_links.lower() in _TRUE
        self.sources = _chosen_sources(start_urls, sources, only, self.follow_article_links)
        self.sources_by_name = {source.name: source for source in self.sources}
        self.start_urls = [url for source in self.sources for url in source.urls]
        # Off-site links are filtered by Scrapy's OffsiteMiddleware (it compares host names;
        # LinkExtractor's allow_domains compares host:port and would drop every local link);
        # each source's own domains are checked again in _discovered.
        self.allowed_domains = sorted({d for source in self.sources for d in source.domains})
        self._entries: dict[str, set[str]] = defaultdict(set)
        self._hubs: dict[str, set[str]] = defaultdict(set)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Read the discovery settings (the sources file may override them per source)."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_age_days = settings.getfloat("NEWSCLEAN_MAX_AGE_DAYS", 0.0)
        spider.pages_per_run = settings.getint("NEWSCLEAN_PAGES_PER_RUN", 0)
        spider.max_sitemap_size = settings.getint("DOWNLOAD_MAXSIZE", 0)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        """Each source's URLs, then its robots.txt when it lists no sitemap of its own."""
        for source in self.sources:
            for url in source.urls:
                yield self._request(url, source, HUB)
            if source.discover_sitemaps and not source.sitemaps:
                for origin in _origins(source.urls):
                    yield self._request(f"{origin}/robots.txt", source, HUB)

    # --- dispatch -----------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Request | FetchedPage]:
        """Dispatch on what the response is."""
        source = self._source_of(response)
        stats = self.crawler.stats
        try:
            body = read_body(response, self.max_sitemap_size)
        except UnreadableBody as exc:
            stats.inc_value("discovery/gzip_failed")
            stats.inc_value(f"news/failed/{exc.kind}")
            self.logger.warning("%s: %s", exc, response.url)
            return
        kind = classify_response(response, body)
        stats.inc_value(f"news/response/{kind.value}")
        if kind in _XML_KINDS and declares_entities(body):
            stats.inc_value("news/failed/xml_entities")
            self.logger.warning("XML with entity declarations refused (XML bomb?): %s",
                                response.url)
            return
        if kind is ResponseKind.HTML and not isinstance(response, TextResponse):
            stats.inc_value("news/failed/not_html")
            return
        if kind is ResponseKind.SITEMAP:
            yield from self._from_sitemap(sitemap_entries(response, body), source, response)
        elif kind in _FEED_KINDS:
            entries = feed_entries(response) if kind is ResponseKind.FEED else (
                json_feed_entries(response))
            for entry in entries:
                yield from self._discovered(entry, source, response, kind.value, trusted=True)
        elif kind is ResponseKind.ROBOTS:
            for url in robots_sitemaps(response):
                yield from self._hub(url, source, response, "robots", priority=1)
        elif kind is ResponseKind.HTML:
            yield from self.parse_page(response, source)

    def parse_page(self, response: Response, source: Source) -> Iterator[Request | FetchedPage]:
        """Entries go to the pipeline; hubs are followed (and handed on if they are articles)."""
        is_entry = response.meta.get(ROLE_KEY) == ENTRY
        is_article = is_entry or looks_like_article(response)
        if is_article:
            if not is_entry:
                self.crawler.stats.inc_value("news/hub_article")
            yield self._fetched_page(response, source)
        else:
            self.crawler.stats.inc_value("news/listing_page")
        at_start_page = not is_entry and response.meta.get("depth", 0) == 0
        if at_start_page and source.discover_feeds:
            for url in advertised_feeds(response):  # <link rel="alternate"> feeds
                if url not in source.urls:
                    yield from self._hub(url, source, response, "autodiscovery", priority=1)
        if not is_article or source.follow_article_links:
            for url in page_links(response):
                yield from self._discovered(Entry(url), source, response, "link")

    # --- discovery ----------------------------------------------------------------------

    def _from_sitemap(self, entries: Iterable[Entry], source: Source,
                      response: Response) -> Iterator[Request]:
        """Nested sitemaps (unless dated out of the window) and the entries of a urlset."""
        for entry in entries:
            if not entry.is_sitemap:
                # A Google News entry (it has a news:title) is an article whatever its URL.
                yield from self._discovered(entry, source, response, "sitemap",
                                            trusted=entry.title is not None)
            elif self._too_old(entry, source):
                self.crawler.stats.inc_value("discovery/too_old")
            else:
                yield from self._hub(entry.url, source, response, "sitemap", priority=1)

    def _discovered(self, entry: Entry, source: Source, response: Response, via: str, *,
                    trusted: bool = False) -> Iterator[Request]:
        """A URL a hub lists: filtered, followed as a hub, or scheduled as an entry.

        ``trusted``: feeds and news sitemaps list articles, so a URL without an article's
        shape is still an entry there; elsewhere it is a listing page, fetched as a hub.
        """
        stats = self.crawler.stats
        url = normalize(entry.url)
        if not source.allows(url):
            stats.inc_value("discovery/filtered/offsite")
            return
        verdict = classify_url(url, source.patterns)
        if verdict.kind is not UrlKind.FILTERED and url != entry.url:
            # normalising percent-encodes ";jsessionid=..." out of the session filter's sight
            found_as = classify_url(entry.url, source.patterns)
            verdict = found_as if found_as.kind is UrlKind.FILTERED else verdict
        if verdict.kind is UrlKind.FILTERED:
            stats.inc_value(f"discovery/filtered/{verdict.reason}")
            return
        if verdict.kind is UrlKind.LISTING and not trusted:
            yield from self._hub(url, source, response, via)
            return
        if self._too_old(entry, source):
            stats.inc_value("discovery/too_old")
            return
        if url in self._entries[source.name] or not self._depth_ok(response, source):
            return
        limit = source.pages_per_run or self.pages_per_run
        if limit and len(self._entries[source.name]) >= limit:
            stats.inc_value("discovery/page_limit")
            return
        self._entries[source.name].add(url)
        stats.inc_value(f"discovery/entry/{via}")
        stats.inc_value(f"discovery/source/{source.name}/entries")
        meta: dict[str, Any] = {}
        if entry.lastmod is not None:
            meta[LASTMOD_KEY] = entry.lastmod.isoformat()
        if entry.title:
            meta[TITLE_KEY] = entry.title
        yield self._request(url, source, ENTRY, meta=meta)

    def _hub(self, url: str, source: Source, response: Response, via: str,
             priority: int = 0) -> Iterator[Request]:
        """A listing page, feed or sitemap to fetch for its links, once per run and source."""
        if url in self._hubs[source.name] or not self._depth_ok(response, source):
            return
        if not source.allows(url):
            self.crawler.stats.inc_value("discovery/filtered/offsite")
            return
        self._hubs[source.name].add(url)
        self.crawler.stats.inc_value(f"discovery/hub/{via}")
        yield self._request(url, source, HUB, priority=priority)

    def _depth_ok(self, response: Response, source: Source) -> bool:
        """Whether a request made from ``response`` stays within the source's depth."""
        if source.depth is None or response.meta.get("depth", 0) < source.depth:
            return True
        self.crawler.stats.inc_value("discovery/depth_limit")
        return False

    def _too_old(self, entry: Entry, source: Source) -> bool:
        """Whether the entry's date is out of the source's (or the crawl's) window."""
        window = self.max_age_days if source.max_age_days is None else source.max_age_days
        return is_too_old(entry.lastmod, window, datetime.now(UTC))

    # --- helpers ------------------------------------------------------------------------

    def _request(self, url: str, source: Source, role: str, *, priority: int = 0,
                 meta: dict[str, Any] | None = None) -> Request:
        """A request of ``role`` for ``source``, answered by :meth:`parse`."""
        meta = {**(meta or {}), ROLE_KEY: role, SOURCE_KEY: source.name}
        return Request(url, callback=self.parse, errback=self.failed, priority=priority,
                       meta=meta)

    def failed(self, failure: Failure) -> Failure:
        """Count the failures no downloader stat sees, then let Scrapy handle it as before.

        Download errors are counted by DownloaderStats and non-2xx answers by
        HttpErrorMiddleware; a response given up in a ``process_response`` (a gzip bomb, too
        many redirects) reaches only this errback.
        """
        kind = ignored_response_kind(failure)
        if kind:
            self.crawler.stats.inc_value(f"news/failed/{kind}")
            self.logger.warning("%s: %s", kind, failure.getErrorMessage())
        return failure

    def _source_of(self, response: Response) -> Source:
        """The source a response was fetched for (the first one for a bare request)."""
        name = response.meta.get(SOURCE_KEY)
        return self.sources_by_name.get(name) or self.sources[0]

    def _fetched_page(self, response: Response, source: Source) -> FetchedPage:
        """The item handed to the pipeline stages."""
        return FetchedPage(
            url=response.url,
            body=response.body,
            content_type=response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
            status=response.status,
            fetched_at=utc_now(),
            depth=response.meta.get("depth", 0),
            source=source.name,
        )


def _chosen_sources(start_urls: str, sources: str, only: str,
                    follow_article_links: bool) -> list[Source]:
    """The sources the spider arguments ask for; UsageError before any request otherwise."""
    chosen: list[Source] = []
    if sources:
        try:
            chosen = load_sources(sources)
        except SourcesError as exc:
            raise UsageError(f"bad sources file: {exc}") from exc
        if only:
            names = {name.strip() for name in only.split(",") if name.strip()}
            unknown = names - {source.name for source in chosen}
            if unknown:
                known = ", ".join(source.name for source in chosen)
                raise UsageError(f"-a only={only}: no source named {', '.join(sorted(unknown))}"
                                 f" in {sources} (it has: {known})")
            chosen = [source for source in chosen if source.name in names]
    elif only:
        raise UsageError("-a only=NAME needs -a sources=FILE")
    urls = [url.strip() for url in start_urls.split(",") if url.strip()]
    for url in urls:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise UsageError(f"not an http(s) URL: {url!r}")
    if urls:
        chosen.append(adhoc_source(urls, follow_article_links=follow_article_links))
    if not chosen:
        raise UsageError("the news spider needs -a start_urls=URL[,URL...] or -a sources=FILE")
    return chosen


def _origins(urls: Iterable[str]) -> list[str]:
    """``scheme://host[:port]`` of each URL, once each, in order."""
    origins: dict[str, None] = {}
    for url in urls:
        parts = urlsplit(url)
        origins[f"{parts.scheme}://{parts.netloc}"] = None
    return list(origins)


def page_links(response: Response) -> Iterator[str]:
    """Absolute http(s) URLs of a page's ``<a>``/``<area>`` links, without fragments, once each.

    A plain XPath and ``urljoin``: Scrapy's LinkExtractor costs ~14 ms a page, and the URL
    classifier does the filtering it would do.
    """
    seen: set[str] = set()
    for href in response.xpath(_LINK_HREFS).getall():
        if _NOT_A_LINK.match(href):
            continue
        url = response.urljoin(href.strip()).split("#", 1)[0]
        if url not in seen and urlsplit(url).scheme in ("http", "https"):
            seen.add(url)
            yield url


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


def ignored_response_kind(failure: Failure) -> str | None:
    """``too_large`` (a decompression bomb) or ``too_many_redirects``; None for the rest."""
    if not failure.check(IgnoreRequest):
        return None
    cause = failure.value.__cause__
    if cause is not None and type(cause).__name__ == "_DecompressionMaxSizeExceeded":
        return "too_large"
    if str(failure.value) == _MAX_REDIRECTS:
        return "too_many_redirects"
    return None
