"""``crawler.state``: the persistent crawl state (SQLite), its buffered updates and time rules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crawler.state import (
    NOT_ARTICLE,
    WRITTEN,
    CrawlState,
    Fetch,
    PageState,
    is_newer,
    latest,
    parse_time,
)

WHEN = "2026-03-01T10:00:00+00:00"


def _fetch(*urls: str, lastmod: str | None = None) -> Fetch:
    return Fetch(source="times", urls=urls, etag='"abc"',
                 last_modified="Sun, 01 Mar 2026 09:00:00 GMT", lastmod=lastmod, fetched_at=WHEN)


@pytest.fixture
def state(tmp_path: Path) -> CrawlState:
    return CrawlState.open(tmp_path / "state")


def test_written_page_is_known_under_every_url_form(state: CrawlState) -> None:
    fetch = _fetch("https://Example.com/a?utm_source=x", "https://example.com/a-final",
                   lastmod="2026-03-01T08:00:00Z")
    state.mark_written(fetch.urls, "https://example.com/a", "h1", WHEN, fetch)
    for url in ("https://example.com/a?utm_source=x", "https://example.com/a-final",
                "https://example.com/a"):
        page = state.page(url)
        assert page is not None, url
        assert (page.outcome, page.content_hash, page.canonical_url, page.source) == (
            WRITTEN, "h1", "https://example.com/a", "times")
        assert (page.etag, page.lastmod, page.last_written) == (
            '"abc"', "2026-03-01T08:00:00Z", WHEN)


def test_updates_reach_the_file_only_on_flush(state: CrawlState) -> None:
    state.mark_written(["https://example.com/a"], "https://example.com/a", "h1", WHEN)
    other = sqlite3.connect(state.path)
    assert other.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 0
    assert state.pending
    state.flush()
    assert other.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 1
    assert not state.pending
    assert state.count() == 1 and state.count("example.com") == 1 and state.count("other") == 0


def test_state_survives_reopening(tmp_path: Path) -> None:
    first = CrawlState.open(tmp_path)
    first.mark_written(["https://example.com/a"], "https://example.com/a", "h1", WHEN)
    first.save_hub("https://example.com/feed.xml", "times", '"e1"', None, "application/rss+xml",
                   b"<rss/>" * 100, WHEN)
    first.set_committed(tmp_path / "out.jsonl", 123)
    first.close()
    again = CrawlState.open(tmp_path)
    assert again.page("https://example.com/a") is not None
    hub = again.hub("https://example.com/feed.xml")
    assert hub is not None and hub.body == b"<rss/>" * 100 and hub.etag == '"e1"'
    assert again.committed_offset(tmp_path / "out.jsonl") == 123
    assert again.committed_offset(tmp_path / "other.jsonl") is None


def test_seen_keeps_hash_and_written_time_and_never_invents_a_page(state: CrawlState) -> None:
    state.mark_written(["https://example.com/a"], "https://example.com/a", "h1", WHEN)
    later = "2026-03-02T10:00:00+00:00"
    state.mark_seen(["https://example.com/a"], later, _fetch(lastmod="2026-03-02T09:00:00Z"))
    page = state.page("https://example.com/a")
    assert page is not None
    assert (page.content_hash, page.last_written, page.last_seen) == ("h1", WHEN, later)
    assert page.lastmod == "2026-03-02T09:00:00Z"
    state.mark_seen(["https://example.com/unknown"], later)
    assert state.page("https://example.com/unknown") is None
    state.mark_seen(["https://example.com/about"], later, outcome=NOT_ARTICLE)
    about = state.page("https://example.com/about")
    assert about is not None and about.outcome == NOT_ARTICLE


def test_pending_fetches_are_taken_once(state: CrawlState) -> None:
    fetch = _fetch("https://example.com/a")
    state.note_fetch("https://example.com/a", fetch)
    assert state.pop_fetch("https://example.com/a") == fetch
    assert state.pop_fetch("https://example.com/a") is None


def _page(lastmod: str | None, last_seen: str = WHEN) -> PageState:
    return PageState("u", "u", "s", WRITTEN, "h", None, None, lastmod, WHEN, last_seen, WHEN)


@pytest.mark.parametrize(
    ("lastmod", "stored", "newer"),
    [
        (None, "2026-03-01T00:00:00Z", False),
        ("not a date", "2026-03-01T00:00:00Z", False),
        ("2026-03-01T00:00:00Z", "2026-03-01T00:00:00+00:00", False),
        ("2026-03-01T01:00:00+02:00", "2026-03-01T00:00:00Z", False),
        ("2026-03-01T00:00:01Z", "2026-03-01T00:00:00Z", True),
        ("2026-03-02", "2026-03-01T00:00:00Z", True),
        ("2026-03-01T09:00:00Z", None, False),  # before the last fetch (WHEN, 10:00)
        ("2026-03-01T11:00:00Z", None, True),  # edited after the last fetch
    ],
)
def test_is_newer(lastmod: str | None, stored: str | None, newer: bool) -> None:
    assert is_newer(lastmod, _page(stored)) is newer


def test_parse_time_and_latest() -> None:
    assert parse_time("2026-03-01") == parse_time("2026-03-01T00:00:00Z")
    assert parse_time("yesterday") is None and parse_time(None) is None
    assert latest("2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z") == "2026-03-01T00:00:00Z"
    assert latest(None, "2026-02-01") == "2026-02-01"
    assert latest("2026-02-01", "garbage") == "2026-02-01"
