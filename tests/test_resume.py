"""Killed and paused crawls: restarted with the same state (or JOBDIR), every article exactly once.

Each test crawls a generated site on 127.0.0.1 with the real ``news`` spider in a subprocess,
stops it midway (``SIGKILL``: a crash; ``SIGINT`` once: Scrapy's graceful pause) and runs it again.
"""

from __future__ import annotations

import collections
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.incremental_bench import ROOT, crawl_command, read_records, run_crawl, start_urls
from bench.incremental_site import SiteServer, article_path, serve, write_site
from crawler.extensions import LOCKED
from pipelines.crawl_lock import CrawlLock, names_to_lock

KILL_ARTICLES = 2000
PAUSE_ARTICLES = 200
WAIT_S = 120


def _lines(output_dir: Path) -> int:
    return sum(path.read_bytes().count(b"\n") for path in output_dir.glob("*.jsonl"))


def _start(site: SiteServer, output_dir: Path, state_dir: Path,
           *settings: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(crawl_command(start_urls(site), output_dir, state_dir, *settings),
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_lines(process: subprocess.Popen[bytes], output_dir: Path, lines: int) -> None:
    deadline = time.monotonic() + WAIT_S
    while _lines(output_dir) < lines:
        assert process.poll() is None, "the crawl ended before it could be stopped"
        assert time.monotonic() < deadline, "the crawl wrote too little in time"
        time.sleep(0.05)


def _paths_written(output_dir: Path) -> collections.Counter[str]:
    return collections.Counter("/" + record["url"].split("/", 3)[3]
                               for record in read_records(output_dir))


@pytest.fixture
def big_site(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    write_site(root, KILL_ARTICLES)
    with serve(root) as server:
        yield server


def test_sigkill_midway_then_restart_writes_every_article_exactly_once(
    big_site: SiteServer, tmp_path: Path
) -> None:
    output_dir, state_dir = tmp_path / "output", tmp_path / "state"
    crawl = _start(big_site, output_dir, state_dir)
    _wait_for_lines(crawl, output_dir, KILL_ARTICLES // 3)
    crawl.send_signal(signal.SIGKILL)
    crawl.wait(timeout=30)
    written_before = _lines(output_dir)
    assert 0 < written_before < KILL_ARTICLES
    # A crash inside a write leaves a torn line: the restart must cut it off.
    with next(output_dir.glob("*.jsonl")).open("ab") as torn:
        torn.write(b'{"id": "torn", "url": "http://127.0.0.1/half')

    again = run_crawl(big_site, output_dir, state_dir)

    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stats["output/recovered_partial_lines"] == 1
    written = _paths_written(output_dir)
    assert sorted(written) == sorted(article_path(i) for i in range(KILL_ARTICLES))
    assert set(written.values()) == {1}, [p for p, n in written.items() if n > 1][:5]
    assert again.article_requests <= KILL_ARTICLES - written_before + 50
    print(f"killed after {written_before} lines; restart: {again.article_requests} article "
          f"requests, replayed {again.stats.get('output/replayed_lines', 0)} lines from the "
          f"output tail, {again.seconds:.1f} s")


def test_sigint_pauses_and_the_same_jobdir_resumes(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_site(root, PAUSE_ARTICLES)
    output_dir, state_dir, job_dir = tmp_path / "output", tmp_path / "state", tmp_path / "job"
    # The crawl fetches while its extraction workers start (seconds on a busy machine): a small
    # scraper slot keeps it from fetching the whole site ahead before the first record.
    slow = ("CONCURRENT_REQUESTS=2", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "DOWNLOAD_DELAY=0.02",
            "SCRAPER_SLOT_MAX_ACTIVE_SIZE=20000", f"JOBDIR={job_dir}")
    with serve(root) as site:
        crawl = _start(site, output_dir, state_dir, *slow)
        _wait_for_lines(crawl, output_dir, PAUSE_ARTICLES // 4)
        crawl.send_signal(signal.SIGINT)
        assert crawl.wait(timeout=60) == 0
        paused_at = _lines(output_dir)
        assert paused_at < PAUSE_ARTICLES
        assert (job_dir / "requests.queue").is_dir()

        # While another crawl holds the site's lock, the queued requests stay queued.
        with CrawlLock(state_dir / "locks", names_to_lock([], start_urls(site))):
            locked = run_crawl(site, output_dir, state_dir, *slow)
        assert locked.returncode == 0, locked.stderr[-3000:]
        assert f"(finish: {LOCKED})" in locked.stderr
        assert locked.hits == {}, locked.hits
        assert _lines(output_dir) == paused_at

        resumed = run_crawl(site, output_dir, state_dir, *slow)

    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "Resuming crawl" in resumed.stderr
    assert resumed.hits.get("/sitemap.xml", 0) == 0, "a resumed crawl continues its queue"
    written = _paths_written(output_dir)
    assert sorted(written) == sorted(article_path(i) for i in range(PAUSE_ARTICLES))
    assert set(written.values()) == {1}
