"""``pipelines.dedup``: one record per canonical URL and per text within a crawl."""

from __future__ import annotations

import re

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from crawler.items import FetchedPage
from pipelines.dedup import DedupStage, duplicate_kind
from tests.factories import make_record


@pytest.fixture
def crawler() -> Crawler:
    return get_crawler(settings_dict={"DEDUP_ENABLED": True})


@pytest.fixture
def stage(crawler: Crawler) -> DedupStage:
    return DedupStage.from_crawler(crawler)


def test_disabled_raises_not_configured() -> None:
    with pytest.raises(NotConfigured):
        DedupStage.from_crawler(get_crawler(settings_dict={"DEDUP_ENABLED": False}))
    with pytest.raises(NotConfigured):
        DedupStage.from_crawler(get_crawler(settings_dict={"DEDUP_ENABLED": "0"}))


def test_enabled_by_default() -> None:
    assert isinstance(DedupStage.from_crawler(get_crawler()), DedupStage)


def test_distinct_records_pass(stage: DedupStage, crawler: Crawler) -> None:
    first = make_record()
    second = make_record(canonical_url="https://www.example.com/other", content_hash="b" * 64)
    assert stage.process_item(first) is first
    assert stage.process_item(second) is second
    assert crawler.stats.get_stats() == {}


def test_same_canonical_url_is_dropped(stage: DedupStage, crawler: Crawler) -> None:
    stage.process_item(make_record())
    repeat = make_record(url="https://www.example.com/news/story.html?ref=x", content_hash="c" * 64)
    with pytest.raises(DropItem, match="duplicate url"):
        stage.process_item(repeat)
    assert crawler.stats.get_value("dedup/duplicate_url") == 1
    assert crawler.stats.get_value("dedup/duplicate_content") is None


def test_same_text_under_another_url_is_dropped(stage: DedupStage, crawler: Crawler) -> None:
    stage.process_item(make_record())
    mirror = "https://mirror.example.org/s"
    copy = make_record(url=mirror, canonical_url=mirror)
    with pytest.raises(DropItem, match=re.escape(f"duplicate content: {mirror}")):
        stage.process_item(copy)
    with pytest.raises(DropItem):
        stage.process_item(copy)
    assert crawler.stats.get_value("dedup/duplicate_content") == 2
    assert crawler.stats.get_value("dedup/duplicate_url") is None


def test_dropped_record_is_not_remembered(stage: DedupStage, crawler: Crawler) -> None:
    stage.process_item(make_record())
    with pytest.raises(DropItem):  # same URL, new text: the new text must not be recorded
        stage.process_item(make_record(content_hash="d" * 64))
    fresh = make_record(canonical_url="https://www.example.com/fresh", content_hash="d" * 64)
    assert stage.process_item(fresh) is fresh


def test_stages_of_two_crawls_do_not_share_state() -> None:
    first = DedupStage.from_crawler(get_crawler())
    second = DedupStage.from_crawler(get_crawler())
    record = make_record()
    first.process_item(record)
    assert second.process_item(record) is record


def test_non_record_items_pass_through(stage: DedupStage, crawler: Crawler) -> None:
    page = FetchedPage("https://example.com/", b"<html></html>", "text/html", 200, "2024")
    assert stage.process_item(page) is page
    assert stage.process_item(page) is page
    item = {"canonical_url": "https://www.example.com/news/story.html"}
    assert stage.process_item(item) is item
    assert crawler.stats.get_stats() == {}


def test_duplicate_kind_prefers_url() -> None:
    record = make_record()
    assert duplicate_kind(record, set(), set()) is None
    assert duplicate_kind(record, {record.canonical_url}, {record.content_hash}) == "url"
    assert duplicate_kind(record, set(), {record.content_hash}) == "content"
