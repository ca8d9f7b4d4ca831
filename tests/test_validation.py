"""``pipelines.validation``: every record is checked against the published schema."""

from __future__ import annotations

import logging
import re

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.items import FetchedPage
from pipelines.validation import ValidationStage
from tests.factories import make_record


@pytest.fixture
def crawler() -> Crawler:
    return get_crawler()


@pytest.fixture
def stage(crawler: Crawler) -> ValidationStage:
    return ValidationStage.from_crawler(crawler)


def test_valid_record_passes_and_is_counted(stage: ValidationStage, crawler: Crawler) -> None:
    record = make_record()
    assert stage.process_item(record) is record
    assert stage.process_item(make_record(title=None)) is not None
    assert crawler.stats.get_value("validate/valid") == 2
    assert crawler.stats.get_value("validate/invalid") is None


@pytest.mark.parametrize(
    ("overrides", "path"),
    [
        ({"id": "not-hex"}, "id"),
        ({"text": ""}, "text"),
        ({"word_count": -3}, "word_count"),
        ({"authors": ["Ann", ""]}, "authors/1"),
        ({"content_hash": "short"}, "content_hash"),
        ({"schema_version": 1}, "schema_version"),
    ],
)
def test_invalid_record_is_dropped_and_counted(
    stage: ValidationStage, crawler: Crawler, overrides: dict[str, object], path: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    record = make_record(**overrides)
    with caplog.at_level(logging.ERROR, logger="pipelines.validation"), pytest.raises(
        DropItem, match=re.escape(f"invalid record: {record.url}")
    ):
        stage.process_item(record)
    assert crawler.stats.get_value("validate/invalid") == 1
    assert crawler.stats.get_value("validate/valid") is None
    assert f"invalid record for {record.url}: {path}: " in caplog.text


def test_log_names_at_most_three_violations(
    stage: ValidationStage, caplog: pytest.LogCaptureFixture
) -> None:
    record = make_record(id="x", text="", word_count=-1, content_hash="y", schema_version=0)
    with caplog.at_level(logging.ERROR, logger="pipelines.validation"), pytest.raises(DropItem):
        stage.process_item(record)
    (message,) = [r.getMessage() for r in caplog.records]
    assert message.count("; ") == 2


def test_non_record_items_pass_through(stage: ValidationStage, crawler: Crawler) -> None:
    page = FetchedPage("https://example.com/", b"<html></html>", "text/html", 200, "2024")
    assert stage.process_item(page) is page
    item = {"id": "bad"}
    assert stage.process_item(item) is item
    assert crawler.stats.get_stats() == {}
