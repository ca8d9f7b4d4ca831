"""Apply robots.txt ``Crawl-delay`` per domain: Scrapy parses it but never applies it.

The parser comes from the ``robots_parsed`` signal of Scrapy's RobotsTxtMiddleware (one per
host, fetched before the host's first request). Each later request of that host raises its
downloader slot's delay to ``min(Crawl-delay, POLITENESS_MAX_CRAWL_DELAY)`` when it is lower,
so the slot keeps ``max(configured or AutoThrottle delay, Crawl-delay)``. The floor is checked on
every request because AutoThrottle lowers slot delays after fast responses. Random jitter is
turned off on such slots: Crawl-delay is a minimum spacing, and jitter would go below it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.middlewares.slots import existing_slot, slot_key

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


class CrawlDelayMiddleware:
    """Hold each domain's downloader slot to at least its robots.txt Crawl-delay."""

    def __init__(self, crawler: Crawler, max_delay: float, user_agent: str) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_delay = max_delay
        self.user_agent = user_agent
        self.delays: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read ``POLITENESS_CRAWL_DELAY_ENABLED`` and ``POLITENESS_MAX_CRAWL_DELAY``."""
        settings = crawler.settings
        if not settings.getbool("POLITENESS_CRAWL_DELAY_ENABLED", True):
            raise NotConfigured("POLITENESS_CRAWL_DELAY_ENABLED is off")
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("ROBOTSTXT_OBEY is off: no robots.txt, no Crawl-delay")
        user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or "*"
        middleware = cls(crawler, settings.getfloat("POLITENESS_MAX_CRAWL_DELAY", 10.0),
                         user_agent)
        crawler.signals.connect(middleware.robots_parsed, signal=signals.robots_parsed)
        return middleware

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Remember the host's Crawl-delay for our user agent, capped."""
        agent = request.headers.get(b"User-Agent") or self.user_agent
        delay = robotparser.crawl_delay(agent)
        if not delay or delay <= 0:
            return
        key = slot_key(self.crawler, request)
        if delay > self.max_delay:
            logger.warning(
                "robots.txt of %s asks for Crawl-delay %.1f s; capped at "
                "POLITENESS_MAX_CRAWL_DELAY (%.1f s)", key, delay, self.max_delay,
            )
            self.stats.inc_value("politeness/crawl_delay_capped")
            delay = self.max_delay
        self.delays[key] = max(self.delays.get(key, 0.0), delay)
        self.stats.inc_value("politeness/crawl_delay_domains")
        logger.info("robots.txt of %s: Crawl-delay %.1f s applied", key, self.delays[key])

    def process_request(self, request: Request) -> None:
        """Raise the slot's delay to the host's Crawl-delay before the request is queued."""
        key = slot_key(self.crawler, request)
        floor = self.delays.get(key)
        if floor is None:
            return
        slot = existing_slot(self.crawler, key)
        # A new slot sends its first request at once whatever its delay; it exists from then on.
        if slot is None:
            return
        slot.jitter = 0.0
        if slot.delay < floor:
            slot.delay = floor
            self.stats.inc_value("politeness/crawl_delay_applied")
