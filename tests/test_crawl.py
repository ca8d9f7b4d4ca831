"""End to end: the real ``news`` spider crawls the demo site on 127.0.0.1."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from pipelines.schema import schema_errors
from tests.conftest import CrawlRun


def _by_path(run: CrawlRun) -> dict[str, dict[str, Any]]:
    return {urlsplit(record["url"]).path: record for record in run.records}


def test_crawl_finishes_and_prints_summary(demo_crawl: CrawlRun) -> None:
    assert demo_crawl.returncode == 0, demo_crawl.stderr[-3000:]
    assert len(demo_crawl.outputs) == 1
    summary = [line for line in demo_crawl.stdout.splitlines() if "newsclean summary" in line]
    assert len(summary) == 1
    assert f"articles written {len(demo_crawl.records)}" in summary[0]
    assert str(demo_crawl.outputs[0]) in summary[0]


def test_every_article_gives_exactly_one_record(
    demo_crawl: CrawlRun, demo_manifest: dict[str, Any]
) -> None:
    expected = sorted(article["path"] for article in demo_manifest["articles"])
    assert sorted(_by_path(demo_crawl)) == expected
    assert len({record["canonical_url"] for record in demo_crawl.records}) == len(expected)


def test_non_articles_give_no_record(demo_crawl: CrawlRun, demo_manifest: dict[str, Any]) -> None:
    paths = set(_by_path(demo_crawl))
    assert not paths & set(demo_manifest["non_articles"])
    assert not any(path.startswith("/private/") for path in paths), "robots.txt disallows it"


def test_every_record_validates(demo_crawl: CrawlRun) -> None:
    assert demo_crawl.records
    for record in demo_crawl.records:
        assert schema_errors(record) == [], record["url"]


@pytest.mark.parametrize("field", ["title", "byline", "source"])
def test_record_fields_match_the_page(
    demo_crawl: CrawlRun, demo_manifest: dict[str, Any], field: str
) -> None:
    records = _by_path(demo_crawl)
    wrong = {
        article["path"]: (records[article["path"]][field], article[field])
        for article in demo_manifest["articles"]
        if article["path"] in records and records[article["path"]][field] != article[field]
    }
    assert not wrong, f"{field} (got, expected): {wrong}"


@pytest.mark.parametrize("field", ["authors", "wire_sources"])
def test_record_credits_match_the_page(
    demo_crawl: CrawlRun, demo_manifest: dict[str, Any], field: str
) -> None:
    records = _by_path(demo_crawl)
    wrong = {
        article["path"]: (records[article["path"]][field], article[field])
        for article in demo_manifest["articles"]
        if article["path"] in records
        and sorted(records[article["path"]][field]) != sorted(article[field])
    }
    assert not wrong, f"{field} (got, expected): {wrong}"


def test_dates_and_language(demo_crawl: CrawlRun, demo_manifest: dict[str, Any]) -> None:
    records = _by_path(demo_crawl)
    for article in demo_manifest["articles"]:
        record = records[article["path"]]
        assert (record["published"] or "")[:10] == article["published"], article["path"]
        assert record["language"] == article["language"], article["path"]


def test_text_keeps_the_story_and_drops_the_boilerplate(
    demo_crawl: CrawlRun, demo_manifest: dict[str, Any]
) -> None:
    records = _by_path(demo_crawl)
    for article in demo_manifest["articles"]:
        text = " ".join(records[article["path"]]["text"].split())
        for sentence in article["must_contain"]:
            assert " ".join(sentence.split()) in text, (article["path"], sentence)
        for boilerplate in article["must_not_contain"]:
            assert " ".join(boilerplate.split()) not in text, (article["path"], boilerplate)


def test_seed_style_page_reports_what_was_removed(
    demo_crawl: CrawlRun, demo_manifest: dict[str, Any]
) -> None:
    records = _by_path(demo_crawl)
    seed_like = [
        records[article["path"]] for article in demo_manifest["articles"]
        if "Wire Services/" in (article["byline"] or "")
    ]
    assert seed_like, "the demo site must have a seed-style page"
    for record in seed_like:
        kinds = {removal["kind"] for removal in record["removed"]}
        assert {"credit_line", "contact_details"} <= kinds, kinds
        assert "@" not in record["text"]
