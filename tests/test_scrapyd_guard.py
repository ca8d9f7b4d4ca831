"""Scrapyd jobs take the per-source lock and check their failure rate (``CrawlGuard``).

Scrapyd has no exit status to report with, so the crawl says it in its close reason and log:
a job that overlaps a running crawl of its source closes at once as ``locked`` without fetching
anything, and one with too many failures closes as ``failure_rate_exceeded`` with an error
line. A real Scrapyd on 127.0.0.1 runs the deployed project, as in ``tests/test_scrapyd.py``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.extensions import LOCKED, TOO_MANY_FAILURES
from demo.run import LOCAL_SETTINGS
from demo.server import serve_site
from pipelines.crawl_lock import CrawlLock
from tests.servers import RecordingServer, Reply, serve
from tests.test_crawl_cli import write_site
from tests.test_scrapyd import PROJECT, Scrapyd, deploy, scrapyd, wait_for_job

__all__ = ["scrapyd"]  # the module-scoped Scrapyd fixture, used here under its own name


@pytest.fixture(scope="module")
def deployed(scrapyd: Scrapyd, tmp_path_factory: pytest.TempPathFactory) -> Scrapyd:
    """The Scrapyd with the project deployed once for this module."""
    done = deploy(scrapyd, tmp_path_factory.mktemp("deploy"))
    assert done.returncode == 0, done.stderr + done.stdout
    return scrapyd


@pytest.fixture
def home_page() -> Iterator[RecordingServer]:
    """A one-page site that records every request it gets."""
    page = Reply(body=b"<!doctype html><html><body><a href='/news/'>News</a></body></html>")
    with serve({"/": page, "/news/": page}) as server:
        yield server


def run_job(scrapyd: Scrapyd, start_urls: str, tmp_path: Path, *settings: str) -> str:
    """Schedule ``news`` with loopback settings (INFO log), wait for it; the job's log."""
    scheduled = scrapyd.post("schedule.json", [
        ("project", PROJECT), ("spider", "news"), ("start_urls", start_urls),
        ("setting", f"NEWSCLEAN_OUTPUT_DIR={tmp_path / 'out'}"),
        ("setting", f"NEWSCLEAN_STATE_DIR={tmp_path / 'state'}"),
        ("setting", f"NEWSCLEAN_STATS_FILE={tmp_path / 'stats.json'}"),
        *(("setting", s) for s in LOCAL_SETTINGS if not s.startswith("LOG_")),
        *(("setting", s) for s in settings),
    ])
    assert scheduled["status"] == "ok", scheduled
    job = wait_for_job(scrapyd, scheduled["jobid"])
    log = Path(scrapyd.home, "logs", PROJECT, "news", f"{job['id']}.log")
    assert log.exists(), scrapyd.log()
    return log.read_text("utf-8", "replace")


def stats_of(tmp_path: Path) -> dict[str, Any]:
    """The job's final stats (NEWSCLEAN_STATS_FILE)."""
    return json.loads((tmp_path / "stats.json").read_text("utf-8"))


def test_a_job_overlapping_a_crawl_of_its_site_closes_as_locked(
    deployed: Scrapyd, home_page: RecordingServer, tmp_path: Path
) -> None:
    site = home_page.origin.removeprefix("http://")
    # This test process stands for the running crawl: it holds the site's lock.
    with CrawlLock(tmp_path / "state" / "locks", [f"site {site}"]):
        log = run_job(deployed, home_page.url("/"), tmp_path)
    assert home_page.paths() == [], log[-3000:]
    assert (f"WARNING: another crawl of site {site} is running (pid {os.getpid()})"
            f": closing without fetching anything (finish: {LOCKED})") in log, log[-3000:]
    assert stats_of(tmp_path)["finish_reason"] == LOCKED
    assert f"(finish: {LOCKED})" in log
    assert not list((tmp_path / "out").glob("*.jsonl"))

    # Once the other crawl is over, the same job crawls.
    log = run_job(deployed, home_page.url("/"), tmp_path)
    assert "/" in home_page.paths(), log[-3000:]
    assert stats_of(tmp_path)["finish_reason"] == "finished"
    assert "another crawl" not in log


def test_a_job_with_too_many_failures_closes_with_an_error(
    deployed: Scrapyd, tmp_path: Path
) -> None:
    # robots.txt (404), the home page, one article, four empty pages: 4 failures in 7 pages.
    with serve_site(write_site(tmp_path / "site", articles=1, empty=4)) as site:
        log = run_job(deployed, site.url("/"), tmp_path, "NEWSCLEAN_MAX_FAILURE_RATE=0.3")
    assert ("ERROR: failure rate 0.57 (4 failures, 7 pages fetched; "
            "NEWSCLEAN_MAX_FAILURE_RATE=0.3): too many failures "
            f"(finish: {TOO_MANY_FAILURES})") in log, log[-3000:]
    stats = stats_of(tmp_path)
    assert stats["finish_reason"] == TOO_MANY_FAILURES
    assert stats["item_scraped_count"] == 1  # the crawl ran to its end: the good page is written
    assert "articles written 1, " in log and f"(finish: {TOO_MANY_FAILURES})" in log
