"""Refuse redirects that loop back into their own chain or leave http(s), and count them.

Scrapy's RedirectMiddleware sends a loop ``/a -> /b -> /a`` back to the scheduler, whose
duplicate filter drops it without a word, and hands a redirect to ``ftp:`` or ``file:`` to the
spider as a plain 3xx response. This middleware sits just before it (``process_response`` runs
from the downloader side) and turns both into a counted :exc:`IgnoreRequest`.

A redirect to a URL the crawl already has (fetched, or waiting in the scheduler) is dropped by
the duplicate filter as well, counted only as ``dupefilter/filtered``. The scheduler reports
every request it drops with the ``request_dropped`` signal; one that came from a redirect (it
carries RedirectMiddleware's ``redirect_urls``) is counted as ``redirect/to_seen_url``, which the
summary line lists as ``redirect_to_seen_url`` under "not followed".
"""

from __future__ import annotations

import logging
from typing import Self
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TO_SEEN_URL = "redirect/to_seen_url"
FETCHED_SCHEMES = frozenset({"http", "https"})


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL already in the request's redirect chain."""


class RedirectScheme(IgnoreRequest):
    """A redirect to a scheme that is not fetched (``ftp:``, ``file:``, ``data:``...)."""


class RedirectGuardMiddleware:
    """Count and refuse redirect loops and redirects out of http(s)."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Off when redirects are not followed at all."""
        if not crawler.settings.getbool("REDIRECT_ENABLED", True):
            raise NotConfigured("REDIRECT_ENABLED is off")
        assert crawler.stats is not None
        guard = cls(crawler.stats)
        crawler.signals.connect(guard.request_dropped, signal=signals.request_dropped)
        return guard

    def request_dropped(self, request: Request, spider: Spider) -> None:
        """Count a redirect the scheduler dropped: its target is already known to the crawl."""
        chain = request.meta.get("redirect_urls")
        if chain:
            self.stats.inc_value(TO_SEEN_URL)
            logger.debug("Redirect to a URL this crawl already has: %s -> %s", chain[-1],
                         request.url)

    def process_response(self, request: Request, response: Response) -> Response:
        """Let every answer through except a looping or out-of-scheme redirect."""
        if response.status not in REDIRECT_STATUSES or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get(b"Location")
        if not location:
            return response
        target = redirect_target(request.url, location.decode("latin-1"))
        if urlsplit(target).scheme.lower() not in FETCHED_SCHEMES:
            self.stats.inc_value("redirect/refused_scheme")
            logger.info("Refused redirect out of http(s): %s -> %s", request.url, target)
            raise RedirectScheme(f"redirect to another scheme: {target}")
        if is_loop(target, [request.url, *request.meta.get("redirect_urls", [])]):
            self.stats.inc_value("redirect/loop")
            logger.info("Refused redirect loop: %s -> %s", request.url, target)
            raise RedirectLoop(f"redirect loop back to {target}")
        return response


def redirect_target(url: str, location: str) -> str:
    """The absolute URL a ``Location`` header points to, without its fragment."""
    location = location.strip()
    if location.startswith("//"):
        location = f"{urlsplit(url).scheme}:{location}"
    return urljoin(url, location).split("#", 1)[0]


def is_loop(target: str, chain: list[str]) -> bool:
    """Whether ``target`` is one of the URLs the redirect chain already went through."""
    return target in {url.split("#", 1)[0] for url in chain}
