"""``crawler.incremental``: second runs fetch only hubs; edited articles come back ``updated``.

End to end: the real ``news`` spider crawls a generated site on 127.0.0.1 whose server answers
conditional requests; the unit tests drive the middleware with a real crawler and state.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from bench.incremental_bench import CrawlRun, run_crawl
from bench.incremental_site import SiteServer, article_path, edit_article, serve, write_site
from crawler.extensions import summary_line
from crawler.incremental import IncrementalMiddleware, KnownEntryFilter
from crawler.state import CrawlState, CrawlStateExtension
from pipelines.schema import schema_errors

ARTICLES = 30
HUBS = {"/", "/robots.txt", "/sitemap.xml"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SiteServer, Path]]:
    root = tmp_path_factory.mktemp("site")
    write_site(root, ARTICLES)
    with serve(root) as server:
        yield server, root


@pytest.fixture(scope="module")
def runs(site: tuple[SiteServer, Path],
         tmp_path_factory: pytest.TempPathFactory) -> dict[str, CrawlRun]:
    """Three crawls with one state: first, unchanged, after edits."""
    server, root = site
    output, state = tmp_path_factory.mktemp("output"), tmp_path_factory.mktemp("state")
    first = run_crawl(server, output, state)
    second = run_crawl(server, output, state)
    edit_article(root, 3, "The council reversed its decision on Friday after a long debate. " * 6)
    touched = root / article_path(7).lstrip("/")  # newer lastmod, same text
    os.utime(touched, (touched.stat().st_atime, touched.stat().st_mtime + 3600))
    edit_article(root, 11, "Officials confirmed a second vote will be held next month. " * 6)
    third = run_crawl(server, output, state)
    return {"first": first, "second": second, "third": third}


def test_first_run_writes_every_article_once(runs: dict[str, CrawlRun]) -> None:
    first = runs["first"]
    assert first.returncode == 0, first.stderr[-3000:]
    paths = sorted(record["url"].split("/", 3)[3] for record in first.records)
    assert paths == sorted(article_path(i).lstrip("/") for i in range(ARTICLES))
    assert all(record["updated"] is False for record in first.records)
    assert all(schema_errors(record) == [] for record in first.records)
    assert first.stats["incremental/new"] == ARTICLES


def test_second_run_fetches_only_hubs_and_writes_nothing(runs: dict[str, CrawlRun]) -> None:
    second = runs["second"]
    assert second.returncode == 0, second.stderr[-3000:]
    assert second.records == []
    assert set(second.hits) <= HUBS, second.hits
    assert second.article_requests == 0
    assert second.stats["incremental/skipped_known"] >= ARTICLES
    # robots.txt and the home page are unchanged: answered 304 and replayed from the state
    assert second.not_modified >= 2 and second.stats["incremental/hub_replayed"] >= 2
    assert "articles written 0, not articles 0, duplicates 0, failures: none; output: none" in (
        second.stderr)


def test_edited_articles_come_back_updated(runs: dict[str, CrawlRun]) -> None:
    third = runs["third"]
    assert third.returncode == 0, third.stderr[-3000:]
    by_path = {record["url"].split("/", 3)[3]: record for record in third.records}
    assert sorted(by_path) == sorted(article_path(i).lstrip("/") for i in (3, 11))
    assert all(record["updated"] is True for record in by_path.values())
    assert "reversed its decision" in by_path[article_path(3).lstrip("/")]["text"]
    # the touched article was fetched again (newer lastmod) but its text had not changed
    assert third.hits.get(article_path(7)) == 1
    assert third.stats["incremental/unchanged"] == 1
    assert third.stats["incremental/entry_changed_lastmod"] == 3
    assert third.article_requests == 3


def _middleware(tmp_path: Path) -> tuple[IncrementalMiddleware, CrawlState]:
    crawler = get_crawler(settings_dict={"NEWSCLEAN_STATE_DIR": str(tmp_path)})
    state = CrawlStateExtension.from_crawler(crawler).state
    assert crawler.stats is not None
    return IncrementalMiddleware(state, crawler.stats, 1024), state


def test_known_entry_is_skipped_unless_its_lastmod_is_newer(tmp_path: Path) -> None:
    middleware, state = _middleware(tmp_path)
    state.mark_written(["https://example.com/a"], "https://example.com/a", "h",
                       "2026-03-01T10:00:00+00:00")
    entry = {"newsclean_role": "entry", "newsclean_lastmod": "2026-03-01T09:00:00Z"}
    with pytest.raises(IgnoreRequest):
        middleware.process_request(Request("https://example.com/a", meta=entry))
    newer = Request("https://example.com/a",
                    meta={**entry, "newsclean_lastmod": "2026-03-01T11:00:00Z"})
    assert middleware.process_request(newer) is None
    assert middleware.process_request(Request("https://example.com/b", meta=entry)) is None
    # without a role a request is a hub: never skipped
    assert middleware.process_request(Request("https://example.com/a")) is None


def test_hub_304_is_answered_from_the_state(tmp_path: Path) -> None:
    middleware, _ = _middleware(tmp_path)
    url = "https://example.com/section/"
    body = b"<html><body><a href='/a'>a</a></body></html>"
    first = Request(url)
    middleware.process_request(first)
    assert b"If-None-Match" not in first.headers
    middleware.process_response(first, HtmlResponse(
        url, body=body, headers={"ETag": '"v1"', "Content-Type": "text/html"}, request=first))
    again = Request(url)
    middleware.process_request(again)
    assert again.headers[b"If-None-Match"] == b'"v1"'
    replayed = middleware.process_response(again, Response(url, status=304, request=again))
    assert (replayed.status, replayed.body, replayed.flags) == (200, body, ["newsclean-state"])
    assert isinstance(replayed, HtmlResponse)


def test_entry_304_ends_the_request(tmp_path: Path) -> None:
    middleware, state = _middleware(tmp_path)
    state.mark_written(["https://example.com/a"], "https://example.com/a", "h",
                       "2026-03-01T10:00:00+00:00")
    page = state.page("https://example.com/a")
    assert page is not None
    request = Request("https://example.com/a", meta={
        "newsclean_role": "entry", "newsclean_lastmod": "2026-03-02T00:00:00Z"})
    state.mark_seen(["https://example.com/a"], "2026-03-01T10:00:00+00:00")
    middleware._add_validators(request, '"e"', None)
    with pytest.raises(IgnoreRequest, match="not modified"):
        middleware.process_response(request, Response(request.url, status=304, request=request))
    page = state.page("https://example.com/a")
    assert page is not None and page.lastmod == "2026-03-02T00:00:00Z"


def test_summary_does_not_count_skipped_entries_as_failures() -> None:
    ignored = "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest"
    at_download = "incremental/skipped_known_at_download"
    assert "failures: none" in summary_line(
        {ignored: 40, at_download: 40, "incremental/skipped_known": 900}, [], "finished")
    # robots.txt refusals stay failures, however many entries were skipped before scheduling
    assert f"failures: {ignored}=2;" in summary_line(
        {ignored: 42, at_download: 40, "incremental/skipped_known": 900}, [], "finished")


def test_spider_middleware_drops_known_entries_before_scheduling(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"NEWSCLEAN_STATE_DIR": str(tmp_path)})
    state = CrawlStateExtension.from_crawler(crawler).state
    state.mark_written(["https://example.com/a"], "https://example.com/a", "h",
                       "2026-03-01T10:00:00+00:00")
    middleware = KnownEntryFilter(crawler, state)
    entry = {"newsclean_role": "entry"}
    known = Request("https://example.com/a", meta=entry)
    new = Request("https://example.com/b", meta=entry)
    hub = Request("https://example.com/a")
    assert list(middleware.process_spider_output(None, [known, new, hub, "item"])) == [
        new, hub, "item"]
    assert crawler.stats.get_value("incremental/skipped_known") == 1
