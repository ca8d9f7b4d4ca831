"""Scrapy's per-page DEBUG lines are not even built when the log level would drop them.

Scrapy's logging setup sets the ``scrapy`` logger to DEBUG and filters by ``LOG_LEVEL`` in its
root handler, so every "Crawled (200)" and "Scraped from"/"Dropped" line (two a page, at DEBUG)
becomes a ``LogRecord`` that the handler then throws away: about 0.1 ms a page on the reactor
thread. This extension raises the ``scrapy`` logger to ``LOG_LEVEL`` while the crawl runs, so
those records are never made; the log itself is unchanged, and ``LOG_LEVEL=DEBUG`` keeps every
line. The previous level is given back when the engine stops (several crawls may share a
process).
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

SCRAPY_LOGGER = "scrapy"


class ScrapyLogLevel:
    """Raise the ``scrapy`` logger to ``LOG_LEVEL`` (setting ``NEWSCLEAN_SCRAPY_LOG_LEVEL``)."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.previous: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScrapyLogLevel:
        """Apply the level at once; off when ``NEWSCLEAN_SCRAPY_LOG_LEVEL`` is false."""
        settings = crawler.settings
        if not settings.getbool("NEWSCLEAN_SCRAPY_LOG_LEVEL", True):
            raise NotConfigured("NEWSCLEAN_SCRAPY_LOG_LEVEL is off")
        level = logging.getLevelName(str(settings.get("LOG_LEVEL", "DEBUG")).upper())
        if not isinstance(level, int):
            raise NotConfigured(f"unknown LOG_LEVEL {settings.get('LOG_LEVEL')!r}")
        extension = cls(level)
        extension.previous = raise_level(logging.getLogger(SCRAPY_LOGGER), level)
        crawler.signals.connect(extension.restore, signal=signals.engine_stopped)
        return extension

    def restore(self) -> None:
        """Give the ``scrapy`` logger its level back if this extension raised it."""
        logger = logging.getLogger(SCRAPY_LOGGER)
        if self.previous is not None and logger.level == self.level:
            logger.setLevel(self.previous)
        self.previous = None


def raise_level(logger: logging.Logger, level: int) -> int | None:
    """Set ``logger`` to ``level`` if it lets more through; return the level it had, or None."""
    if logger.getEffectiveLevel() >= level:
        return None
    previous = logger.level
    logger.setLevel(level)
    return previous
