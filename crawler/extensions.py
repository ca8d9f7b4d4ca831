"""The end-of-crawl summary line."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from pipelines.output import output_closed

logger = logging.getLogger(__name__)

FAILURE_PREFIXES = ("extract/failed/", "validate/invalid", "spider_exceptions/",
                    "downloader/exception_type_count/")
IGNORED = "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest"
# Known unchanged entries dropped at download time (crawler.incremental) raise IgnoreRequest;
# they are not failures. (Most are dropped before scheduling and never reach that stat.)
SKIPPED_KNOWN = "incremental/skipped_known_at_download"


class CrawlSummary:
    """Logs and prints one line when the spider closes: fetched, written, failures, output."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.outputs: list[str] = []
        self.reason = "unknown"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        """Connect to the output signals, ``spider_closed`` and ``engine_stopped``.

        The line is written at ``engine_stopped``: feed slots and the output stage close during
        ``spider_closed``, so only then is the output path known.
        """
        extension = cls(crawler)
        crawler.signals.connect(extension.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(extension.output_closed, signal=output_closed)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def feed_slot_closed(self, slot: Any) -> None:
        """Remember where the records went."""
        self.outputs.append(str(slot.uri))

    def output_closed(self, path: str) -> None:
        """Remember the output stage's file."""
        self.outputs.append(path)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Remember why the crawl ended."""
        self.reason = reason

    def engine_stopped(self) -> None:
        """Emit the summary."""
        line = summary_line(self.stats.get_stats(), self.outputs, self.reason)
        logger.info(line)
        print(line, flush=True)


def failure_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """The failure stats of a crawl, by key (also read by ``newsclean crawl``'s failure rate)."""
    counted = {**stats}
    if IGNORED in counted:
        counted[IGNORED] -= stats.get(SKIPPED_KNOWN, 0)
    return {
        key: value for key, value in sorted(counted.items())
        if key.startswith(FAILURE_PREFIXES) and value > 0
    }


def summary_line(stats: dict[str, Any], outputs: list[str], reason: str) -> str:
    """One human-readable line from the crawl stats."""
    failures = {
        key.split("/", 1)[1] if key.startswith("extract/") else key: value
        for key, value in failure_counts(stats).items()
    }
    failure_text = ", ".join(f"{k}={v}" for k, v in failures.items()) or "none"
    duplicates = stats.get("dedup/duplicate_url", 0) + stats.get("dedup/duplicate_content", 0)
    return (
        f"newsclean summary: pages fetched {stats.get('response_received_count', 0)}, "
        f"articles written {stats.get('item_scraped_count', 0)}, "
        f"not articles {stats.get('extract/not_article', 0)}, "
        f"duplicates {duplicates}, "
        f"failures: {failure_text}; output: {', '.join(outputs) or 'none'} (finish: {reason})"
    )
