"""``crawler.extensions``: the one-line summary at the end of a crawl."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from scrapy import signals
from scrapy.utils.test import get_crawler

from crawler.extensions import CrawlSummary, summary_line


def test_summary_of_an_empty_crawl() -> None:
    assert summary_line({}, [], "finished") == (
        "newsclean summary: pages fetched 0, articles written 0, not articles 0, duplicates 0, "
        "failures: none; output: none (finish: finished)"
    )


def test_summary_counts_failures_by_kind_and_outputs() -> None:
    stats = {
        "response_received_count": 12,
        "item_scraped_count": 5,
        "extract/article": 7,
        "extract/not_article": 3,
        "extract/failed/not_html": 1,
        "extract/failed/empty_page": 2,
        "dedup/duplicate_url": 1,
        "dedup/duplicate_content": 1,
        "validate/valid": 5,
        "validate/invalid": 1,
        "spider_exceptions/ValueError": 1,
        "downloader/exception_type_count/twisted.internet.error.TimeoutError": 4,
        "downloader/request_count": 13,
        "news/response/html": 12,
    }
    line = summary_line(stats, ["file:///out/news-1.jsonl", "s3://bucket/x.jsonl"], "closespider")
    assert line == (
        "newsclean summary: pages fetched 12, articles written 5, not articles 3, duplicates 2, "
        "failures: failed/empty_page=2, failed/not_html=1, spider_exceptions/ValueError=1, "
        "timeout=4, validate/invalid=1; "
        "output: file:///out/news-1.jsonl, s3://bucket/x.jsonl (finish: closespider)"
    )


@pytest.mark.parametrize(
    "key", ["extract/article", "extract/not_article", "validate/valid", "dedup/duplicate_url",
            "downloader/request_count", "item_dropped_count"],
)
def test_non_failure_stats_are_not_failures(key: str) -> None:
    assert "failures: none" in summary_line({key: 3}, [], "finished")


def test_extension_prints_the_line_when_the_engine_stops(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    crawler = get_crawler()
    extension = CrawlSummary.from_crawler(crawler)
    crawler.stats.set_value("response_received_count", 2)
    crawler.stats.set_value("item_scraped_count", 1)
    crawler.stats.set_value("extract/failed/not_html", 1)
    crawler.signals.send_catch_log(
        signal=signals.feed_slot_closed, slot=SimpleNamespace(uri="output/news.jsonl")
    )
    crawler.signals.send_catch_log(signal=signals.spider_closed, spider=None, reason="finished")
    with caplog.at_level(logging.INFO, logger="crawler.extensions"):
        crawler.signals.send_catch_log(signal=signals.engine_stopped)
    expected = (
        "newsclean summary: pages fetched 2, articles written 1, not articles 0, duplicates 0, "
        "failures: failed/not_html=1; output: output/news.jsonl (finish: finished)"
    )
    assert capsys.readouterr().out == expected + "\n"
    assert expected in caplog.messages
    assert extension.outputs == ["output/news.jsonl"]
