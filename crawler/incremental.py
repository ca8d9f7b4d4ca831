"""Incremental crawls against the persistent crawl state: a downloader and a spider middleware.

Requests carry ``meta["newsclean_role"]``: ``"entry"`` (a candidate article URL) or ``"hub"``
(start page, feed, sitemap, listing page; the default when no role is set).

- An entry already in the state is not requested again unless its discovery
  ``meta["newsclean_lastmod"]`` is newer than what the state saw (``incremental/skipped_known``).
  :class:`KnownEntryFilter` drops it as the spider yields it, before the scheduler (no
  ``IgnoreRequest`` to count as a failure); the downloader middleware checks again at download
  time (requests resumed from a JOBDIR queue). A refetch is conditional (If-None-Match /
  If-Modified-Since) and a 304 ends it (``incremental/not_modified``).
- A hub is always requested, conditionally when the state holds its validators and body; a 304 is
  answered with the stored body (``incremental/hub_replayed``), so the spider sees the same links
  and every entry among them is skipped as known. Replaying rather than ignoring keeps nested
  hubs (sitemap index -> sitemaps, robots.txt -> sitemaps) fetched: they may have changed.
- A 200 entry is noted for the output stage, which updates the state once the record is written.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.responsetypes import responsetypes
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.statscollectors import StatsCollector

from crawler.state import CrawlState, Fetch, crawl_state, host_of, is_newer
from pipelines.record import utc_now

logger = logging.getLogger(__name__)

ROLE_KEY = "newsclean_role"
LASTMOD_KEY = "newsclean_lastmod"
SOURCE_KEY = "newsclean_source"
CONDITIONAL_KEY = "newsclean_conditional"
IGNORED_KNOWN_STAT = "incremental/skipped_known_at_download"
ENTRY = "entry"
HUB = "hub"


class IncrementalMiddleware:
    """Skips known unchanged entries, sends conditional GETs and handles their 304s.

    Settings: ``NEWSCLEAN_INCREMENTAL_ENABLED`` (default on; needs the crawl state),
    ``NEWSCLEAN_INCREMENTAL_HUB_BODY_MAXSIZE`` (largest hub body kept for 304 replay).
    """

    def __init__(self, state: CrawlState, stats: StatsCollector, hub_body_maxsize: int) -> None:
        self.state = state
        self.stats = stats
        self.hub_body_maxsize = hub_body_maxsize

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        """Read the ``NEWSCLEAN_INCREMENTAL_*`` settings; needs the crawl state extension."""
        state = incremental_state(crawler)
        assert crawler.stats is not None
        maxsize = crawler.settings.getint("NEWSCLEAN_INCREMENTAL_HUB_BODY_MAXSIZE", 10 * 1024**2)
        return cls(state, crawler.stats, maxsize)

    def process_request(self, request: Request) -> None:
        """Drop known unchanged entries; add validators to requests the state can answer."""
        if request_role(request) == ENTRY:
            self._entry_request(request)
        else:
            self._hub_request(request)

    def process_response(self, request: Request, response: Response) -> Response:
        """Answer 304s; note entries for the output stage and hubs' validators for the state."""
        entry = request_role(request) == ENTRY
        if response.status == 304 and request.meta.get(CONDITIONAL_KEY):
            self.stats.inc_value("incremental/not_modified")
            if entry:
                self.state.mark_seen([request.url], utc_now(), fetch_of(request, response))
                raise IgnoreRequest(f"not modified: {request.url}")
            return self._replay_hub(request, response)
        if response.status != 200:
            return response
        if entry:
            self.state.note_fetch(response.url, fetch_of(request, response))
        else:
            self._save_hub(request, response)
        return response

    def _entry_request(self, request: Request) -> None:
        page = self.state.page(request.url)
        if page is None:
            self.stats.inc_value("incremental/entry_new")
            return
        if is_known(self.state, request):
            self.stats.inc_value("incremental/skipped_known")
            self.stats.inc_value(IGNORED_KNOWN_STAT)  # also counted as an IgnoreRequest
            raise IgnoreRequest(f"known and unchanged: {request.url}")
        self.stats.inc_value("incremental/entry_changed_lastmod")
        self._add_validators(request, page.etag, page.last_modified)

    def _hub_request(self, request: Request) -> None:
        hub = self.state.hub(request.url)
        if hub is not None:
            self._add_validators(request, hub.etag, hub.last_modified)

    def _add_validators(self, request: Request, etag: str | None, modified: str | None) -> None:
        if not (etag or modified) or b"If-None-Match" in request.headers:
            return
        if b"If-Modified-Since" in request.headers:
            return
        if etag:
            request.headers[b"If-None-Match"] = etag
        if modified:
            request.headers[b"If-Modified-Since"] = modified
        request.meta[CONDITIONAL_KEY] = True
        self.stats.inc_value("incremental/conditional")

    def _replay_hub(self, request: Request, response: Response) -> Response:
        hub = self.state.hub(request.url)
        if hub is None:  # validators were sent, so the body was there: a race with another run
            raise IgnoreRequest(f"not modified and no stored body: {request.url}")
        self.stats.inc_value("incremental/hub_replayed")
        headers = {b"Content-Type": hub.content_type} if hub.content_type else {}
        response_class = responsetypes.from_args(headers=headers, url=request.url, body=hub.body)
        return response_class(
            url=request.url, status=200, headers=headers, body=hub.body,
            flags=["newsclean-state"], request=request,
        )

    def _save_hub(self, request: Request, response: Response) -> None:
        etag = header(response, b"ETag")
        modified = header(response, b"Last-Modified")
        if not (etag or modified) or len(response.body) > self.hub_body_maxsize:
            return
        self.state.save_hub(
            request.url, request_source(request), etag, modified,
            header(response, b"Content-Type"), response.body, utc_now(),
        )


class KnownEntryFilter(BaseSpiderMiddleware):
    """Spider middleware: drops known unchanged entries before they are scheduled.

    Same switches as :class:`IncrementalMiddleware`; stat ``incremental/skipped_known``.
    """

    def __init__(self, crawler: Crawler, state: CrawlState) -> None:
        super().__init__(crawler)
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KnownEntryFilter:
        """Needs the crawl state and ``NEWSCLEAN_INCREMENTAL_ENABLED``."""
        state = incremental_state(crawler)
        return cls(crawler, state)

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        """None for a known unchanged entry, else the request."""
        if is_known(self.state, request):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("incremental/skipped_known")
            return None
        return request


def is_known(state: CrawlState, request: Request) -> bool:
    """True for an entry the state has, whose discovery lastmod is not newer."""
    if request_role(request) != ENTRY:
        return False
    page = state.page(request.url)
    return page is not None and not is_newer(request.meta.get(LASTMOD_KEY), page)


def request_role(request: Request) -> str:
    """``entry`` or ``hub`` (a request without a role is a hub)."""
    return ENTRY if request.meta.get(ROLE_KEY) == ENTRY else HUB


def request_source(request: Request) -> str:
    """The source a request belongs to: the discovery's name, else the host name."""
    return str(request.meta.get(SOURCE_KEY) or host_of(request.url))


def fetch_of(request: Request, response: Response) -> Fetch:
    """What the state needs to remember of an entry response."""
    urls = (*request.meta.get("redirect_urls", ()), request.url, response.url)
    return Fetch(
        source=request_source(request),
        urls=tuple(dict.fromkeys(urls)),
        etag=header(response, b"ETag"),
        last_modified=header(response, b"Last-Modified"),
        lastmod=request.meta.get(LASTMOD_KEY),
        fetched_at=utc_now(),
    )


def header(response: Response, name: bytes) -> str | None:
    """A response header as text, or None."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def incremental_state(crawler: Crawler) -> CrawlState:
    """The crawl state incremental components read; NotConfigured when they are off."""
    if not crawler.settings.getbool("NEWSCLEAN_INCREMENTAL_ENABLED", True):
        raise NotConfigured("NEWSCLEAN_INCREMENTAL_ENABLED is off")
    state = crawl_state(crawler)
    if state is None:
        raise NotConfigured("incremental crawls need the crawl state (NEWSCLEAN_STATE_ENABLED)")
    return state
