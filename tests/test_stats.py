"""The crawl's stats collector keeps Scrapy's behaviour without the per-call wrapper."""

from __future__ import annotations

from scrapy import Spider
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.stats import CrawlStatsCollector


class _Spider(Spider):
    name = "stats"


def test_counts_like_scrapys_collector() -> None:
    crawler = get_crawler(_Spider, {"STATS_CLASS": "crawler.stats.CrawlStatsCollector"})
    crawler.spider = _Spider()
    stats = CrawlStatsCollector(crawler)
    stats.inc_value("a")
    stats.inc_value("a", 2)
    stats.inc_value("b", start=10)
    stats.max_value("m", 3)
    stats.max_value("m", 1)
    stats.min_value("n", 3)
    stats.min_value("n", 1)
    stats.set_value("s", "x")
    assert stats.get_stats() == {"a": 3, "b": 11, "m": 3, "n": 1, "s": "x"}
    assert stats.get_value("missing", 7) == 7
    stats.close_spider(reason="finished")
    assert stats.spider_stats["stats"]["a"] == 3


def test_methods_are_not_wrapped() -> None:
    crawler = get_crawler(_Spider)
    ours, scrapys = CrawlStatsCollector(crawler), MemoryStatsCollector(crawler)
    assert ours.inc_value.__func__ is MemoryStatsCollector.inc_value
    assert not hasattr(scrapys.inc_value, "__func__")  # Scrapy's shim: a plain wrapper function


def test_is_the_crawls_stats_class() -> None:
    from crawler import settings

    assert settings.STATS_CLASS == "crawler.stats.CrawlStatsCollector"
