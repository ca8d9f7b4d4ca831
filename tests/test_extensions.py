"""``crawler.extensions``: the one-line summary at the end of a crawl, and CrawlGuard."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.extensions import (
    EARLIER_FAILURES,
    EARLIER_PAGES,
    EARLIER_RATE_FILE,
    LOCKED,
    TOO_MANY_FAILURES,
    CrawlGuard,
    CrawlSummary,
    FailureRate,
    failure_rate,
    lock_names_of,
    summary_line,
)
from crawler.sources import Source, adhoc_source
from pipelines.crawl_lock import lock_names

ROOT = Path(__file__).resolve().parent.parent


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


def test_summary_explains_redirects_to_known_urls() -> None:
    stats = {"dupefilter/filtered": 3, "redirect/to_seen_url": 2, "discovery/filtered/tag": 1}
    assert summary_line(stats, [], "finished").endswith(
        "not followed: redirect_to_seen_url=2, tag=1 (finish: finished)")


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


# --- CrawlGuard: the per-source lock and the failure-rate check inside the crawl ------------

HOLDER = ("import sys\nfrom pathlib import Path\nfrom pipelines.crawl_lock import CrawlLock\n"
          "with CrawlLock(Path(sys.argv[1]), sys.argv[2:]):\n"
          "    print('held', flush=True)\n    sys.stdin.read()\n")


def guarded_crawler(tmp_path: Path, **settings: object) -> tuple[Crawler, CrawlGuard]:
    """A crawler with its state folder in ``tmp_path`` and a CrawlGuard built from it."""
    crawler = get_crawler(settings_dict={"NEWSCLEAN_STATE_DIR": str(tmp_path), **settings})
    return crawler, CrawlGuard.from_crawler(crawler)


def open_spider(crawler: Crawler, *sources: Source) -> tuple[SimpleNamespace, str | None]:
    """Send ``spider_opened`` for a stand-in spider crawling ``sources``; the CloseSpider reason."""
    spider = SimpleNamespace(sources=list(sources))
    results = crawler.signals.send_catch_log(signal=signals.spider_opened, spider=spider)
    return spider, close_reason(results)


def close_reason(results: list[tuple[Any, Any]]) -> str | None:
    """The reason of the CloseSpider a signal handler raised, None when none did."""
    for _, result in results:
        if isinstance(result, Failure) and isinstance(result.value, CloseSpider):
            return result.value.reason
    return None


def free_elsewhere(lock_dir: Path, name: str) -> bool:
    """Whether another process can take the lock of ``name`` right now."""
    probe = [sys.executable, "-c", HOLDER.replace("sys.stdin.read()", "pass"), str(lock_dir), name]
    done = subprocess.run(probe, capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0 or f"LockHeld: {name} is locked by pid" in done.stderr
    return done.returncode == 0


def guard_lines(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    """(level, message) of what crawler.extensions logged (Scrapy's own extensions listen too)."""
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "crawler.extensions"]


def idle_reason(crawler: Crawler, spider: object) -> str | None:
    """The CloseSpider reason a ``spider_idle`` handler gave, None when none did."""
    return close_reason(crawler.signals.send_catch_log(signal=signals.spider_idle, spider=spider))


@pytest.fixture
def held_elsewhere(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``source daily`` and ``site 127.0.0.1:9`` until the test ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "locks"), "source daily",
         "site 127.0.0.1:9"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield holder
    holder.communicate("")


DAILY = Source(name="daily", start_pages=("http://127.0.0.1:8/",))
WEEKLY = Source(name="weekly", feeds=("http://127.0.0.1:9/feed.xml",))


def test_lock_names_match_newsclean_crawls() -> None:
    adhoc = adhoc_source(["http://127.0.0.1:9/", "http://Example.com/feed"])
    assert lock_names_of([DAILY, WEEKLY, adhoc]) == [
        "site 127.0.0.1:9", "site example.com", "source daily", "source weekly"]
    args = {"sources": "s.toml", "start_urls": "http://127.0.0.1:9/,http://Example.com/feed"}
    assert lock_names(args, lambda path, only: ["daily", "weekly"]) == lock_names_of(
        [DAILY, WEEKLY, adhoc])


def test_a_crawl_whose_source_is_locked_fetches_nothing_and_closes_as_locked(
    tmp_path: Path, held_elsewhere: subprocess.Popen[str], caplog: pytest.LogCaptureFixture
) -> None:
    crawler, guard = guarded_crawler(tmp_path)
    with caplog.at_level(logging.WARNING, logger="crawler.extensions"):
        _, reason = open_spider(crawler, WEEKLY, DAILY)
    assert reason == LOCKED  # Scrapy closes the crawl before its engine starts
    assert guard_lines(caplog) == [(logging.WARNING,
        f"another crawl of source daily is running (pid {held_elsewhere.pid}): closing without "
        f"fetching anything (finish: {LOCKED})")]
    assert free_elsewhere(tmp_path / "locks", "source weekly")  # all or nothing
    crawler.signals.send_catch_log(signal=signals.engine_stopped)
    assert guard.lock is None


def test_a_crawl_holds_its_locks_until_the_engine_stops(
    tmp_path: Path, held_elsewhere: subprocess.Popen[str]
) -> None:
    crawler, guard = guarded_crawler(tmp_path, NEWSCLEAN_FAILURE_CHECK_ENABLED=False)
    spider, reason = open_spider(crawler, WEEKLY)
    assert reason is None
    assert idle_reason(crawler, spider) is None  # finishes as "finished"
    assert not free_elsewhere(tmp_path / "locks", "source weekly")
    crawler.signals.send_catch_log(signal=signals.engine_stopped)
    assert free_elsewhere(tmp_path / "locks", "source weekly")
    assert guard.lock is None


@pytest.mark.parametrize(("failures", "reason"), [(2, None), (3, TOO_MANY_FAILURES)])
def test_failure_rate_above_the_threshold_closes_with_an_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, failures: int, reason: str | None
) -> None:
    crawler, _ = guarded_crawler(tmp_path, NEWSCLEAN_MAX_FAILURE_RATE="0.2",
                                 NEWSCLEAN_LOCK_ENABLED=False)
    crawler.stats.set_value("response_received_count", 10)
    crawler.stats.set_value("extract/failed/empty_page", failures)
    crawler.stats.set_value("extract/not_article", 5)  # not a failure
    with caplog.at_level(logging.INFO, logger="crawler.extensions"):
        assert idle_reason(crawler, SimpleNamespace()) == reason
    if reason:
        assert guard_lines(caplog) == [(logging.ERROR,
            f"failure rate 0.30 (3 failures, 10 pages fetched; NEWSCLEAN_MAX_FAILURE_RATE=0.2): "
            f"too many failures (finish: {TOO_MANY_FAILURES})")]
    else:
        assert guard_lines(caplog) == []


def run_of_job(jobdir: Path, pages: int, failures: int, end: str) -> str | None:
    """One run of a JOBDIR job through a real CrawlGuard: its idle verdict, then its close."""
    crawler, _ = guarded_crawler(jobdir.parent, JOBDIR=str(jobdir), NEWSCLEAN_LOCK_ENABLED=False,
                                 NEWSCLEAN_MAX_FAILURE_RATE="0.2")
    spider, _ = open_spider(crawler)
    crawler.stats.inc_value("response_received_count", pages)
    crawler.stats.inc_value("extract/failed/empty_page", failures)
    verdict = idle_reason(crawler, spider) if end == "finished" else None
    crawler.signals.send_catch_log(signal=signals.spider_closed, spider=spider, reason=end)
    return verdict


def test_a_resumed_job_is_judged_on_all_its_runs(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    # 5 failures in 10 pages, interrupted; then 10 clean pages: 5 in 20 is 0.25 > 0.2.
    assert run_of_job(jobdir, pages=10, failures=5, end="shutdown") is None
    assert (jobdir / EARLIER_RATE_FILE).exists()
    assert run_of_job(jobdir, pages=10, failures=0, end="finished") == TOO_MANY_FAILURES
    # The job is over: its counts are gone, and the next job starts from nothing.
    assert not (jobdir / EARLIER_RATE_FILE).exists()
    # 10 clean pages, interrupted; then 1 failure in 2 pages: 1 in 12 passes.
    assert run_of_job(jobdir, pages=10, failures=0, end="shutdown") is None
    assert run_of_job(jobdir, pages=2, failures=1, end="finished") is None


def test_runs_closed_by_a_closespider_limit_count_toward_the_resumed_job(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    assert run_of_job(jobdir, pages=10, failures=4, end="closespider_itemcount") is None
    assert run_of_job(jobdir, pages=2, failures=0, end="finished") == TOO_MANY_FAILURES


def test_a_locked_run_leaves_the_earlier_counts_alone(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    run_of_job(jobdir, pages=8, failures=3, end="shutdown")
    saved = (jobdir / EARLIER_RATE_FILE).read_text("utf-8")
    run_of_job(jobdir, pages=0, failures=0, end=LOCKED)
    assert (jobdir / EARLIER_RATE_FILE).read_text("utf-8") == saved


def test_earlier_runs_show_in_the_stats_and_the_cli_verdict(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    run_of_job(jobdir, pages=8, failures=3, end="shutdown")
    crawler, _ = guarded_crawler(tmp_path, JOBDIR=str(jobdir), NEWSCLEAN_LOCK_ENABLED=False)
    open_spider(crawler)
    stats = crawler.stats.get_stats()
    assert (stats[EARLIER_FAILURES], stats[EARLIER_PAGES]) == (3, 8)
    crawler.stats.inc_value("response_received_count", 2)
    assert failure_rate(stats) == FailureRate(3, 10)


def test_an_unreadable_earlier_rate_file_counts_this_run_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    jobdir = tmp_path / "job"
    jobdir.mkdir()
    (jobdir / EARLIER_RATE_FILE).write_text("{not json", "utf-8")
    with caplog.at_level(logging.WARNING, logger="crawler.extensions"):
        assert run_of_job(jobdir, pages=10, failures=1, end="finished") is None
    assert "failure rate counts this run only" in caplog.text


def test_the_guard_is_off_when_both_checks_are(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"NEWSCLEAN_LOCK_ENABLED": False,
                                         "NEWSCLEAN_FAILURE_CHECK_ENABLED": False})
    with pytest.raises(NotConfigured):
        CrawlGuard.from_crawler(crawler)
    crawler, _ = guarded_crawler(tmp_path, NEWSCLEAN_FAILURE_CHECK_ENABLED=False)
    crawler.stats.set_value("extract/failed/empty_page", 5)
    assert idle_reason(crawler, open_spider(crawler)[0]) is None


def test_a_locked_crawl_is_summed_up_when_it_closes(capsys: pytest.CaptureFixture[str]) -> None:
    crawler = get_crawler()
    extension = CrawlSummary.from_crawler(crawler)
    crawler.signals.send_catch_log(signal=signals.spider_closed, spider=None, reason=LOCKED)
    line = ("newsclean summary: pages fetched 0, articles written 0, not articles 0, "
            "duplicates 0, failures: none; output: none (finish: locked)\n")
    assert capsys.readouterr().out == line  # no engine_stopped comes for a locked crawl
    crawler.signals.send_catch_log(signal=signals.engine_stopped)
    assert capsys.readouterr().out == ""  # and the line is not printed twice if it does
    assert extension.done
