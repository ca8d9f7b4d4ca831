"""``newsclean crawl``: one scheduled crawl, locked per source, failing loudly on many failures.

The crawls are real ``newsclean crawl`` processes against sites served on 127.0.0.1: the
bundled demo site, and small sites the tests write (a slow one, a mostly broken one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.extensions import FAILURE_PREFIXES, IGNORED, SKIPPED_KNOWN, failure_rate
from demo.run import LOCAL_SETTINGS
from demo.server import SiteServer, serve_site
from pipelines.cli import main
from pipelines.crawl_cli import EXIT_FAILURE_RATE, EXIT_POOL_FAILED, parse_overrides
from pipelines.crawl_lock import CrawlLock, LockHeld, lock_file_name, lock_names
from pipelines.schema import schema_errors

NEWSCLEAN = str(Path(sys.executable).parent / "newsclean")
RUN_TIMEOUT_S = 120
WORDS = ("harbour", "council", "budget", "bridge", "winter", "market", "tram", "library")


def article_page(n: int) -> str:
    """A small article page: og:type article, a headline and five distinct paragraphs."""
    paragraphs = "\n".join(
        f"<p>Report {n}, part {p}: "
        + " ".join(f"the {WORDS[(n + p + i) % len(WORDS)]} saw change {n * 100 + p * 10 + i}"
                   for i in range(8))
        + ".</p>"
        for p in range(5)
    )
    return (
        f"<!doctype html><html lang='en'><head><title>Story {n} | Test Daily</title>"
        f"<meta property='og:type' content='article'></head><body><article>"
        f"<h1>Story {n}</h1>{paragraphs}</article></body></html>"
    )


def write_site(root: Path, articles: int, empty: int = 0) -> Path:
    """A home page linking ``articles`` article pages and ``empty`` pages with no body.

    The links have an article's URL shape, so the spider hands every page to extraction.
    """
    day = root / "2026" / "11" / "27"
    day.mkdir(parents=True)
    links = []
    for n in range(articles):
        (day / f"harbour-council-story-{n}.html").write_text(article_page(n), "utf-8")
        links.append(f"/2026/11/27/harbour-council-story-{n}.html")
    for n in range(empty):
        (day / f"broken-market-report-{n}.html").write_bytes(b"")
        links.append(f"/2026/11/27/broken-market-report-{n}.html")
    anchors = "".join(f"<li><a href='{link}'>{link}</a></li>" for link in links)
    (root / "index.html").write_text(
        f"<!doctype html><html><head><title>Test Daily</title></head>"
        f"<body><ul>{anchors}</ul></body></html>", "utf-8",
    )
    return root


@pytest.fixture
def small_site(tmp_path: Path) -> Iterator[SiteServer]:
    """Five articles, no failures."""
    with serve_site(write_site(tmp_path / "site", articles=5)) as server:
        yield server


@pytest.fixture
def broken_site(tmp_path: Path) -> Iterator[SiteServer]:
    """One article and four pages with an empty body: most pages fail."""
    with serve_site(write_site(tmp_path / "broken", articles=1, empty=4)) as server:
        yield server


def crawl_args(start_urls: str, output_dir: Path, *settings: str) -> list[str]:
    """A ``newsclean crawl`` command line with loopback-friendly settings."""
    command = [NEWSCLEAN, "crawl", "--start-urls", start_urls]
    for setting in (*LOCAL_SETTINGS, f"NEWSCLEAN_OUTPUT_DIR={output_dir}", *settings):
        command += ["-s", setting]
    return command


def run_crawl(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a ``newsclean crawl`` command to its end."""
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          timeout=RUN_TIMEOUT_S, check=False)


def summary(stdout: str) -> str:
    """The one ``newsclean summary`` line of a run."""
    lines = [line for line in stdout.splitlines() if line.startswith("newsclean summary:")]
    assert len(lines) == 1, stdout
    return lines[0]


def wait_for_lock(path: Path, pid: int, process: subprocess.Popen[str]) -> None:
    """Wait until ``pid`` has written itself into the lock file (bounded)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip() == str(pid):
            return
        if process.poll() is not None:
            pytest.fail(f"the first crawl ended before taking the lock: {process.communicate()}")
        time.sleep(0.05)
    pytest.fail(f"no lock by pid {pid} at {path}")


# --- whole runs ----------------------------------------------------------------------------


def test_a_normal_run_exits_0_and_writes_records(demo_server: SiteServer, tmp_path: Path) -> None:
    start_urls = ",".join(demo_server.url(path) for path in ("/", "/feed.xml", "/robots.txt"))
    done = run_crawl(crawl_args(start_urls, tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    outputs = sorted((tmp_path / "out").glob("*.jsonl"))
    records = [json.loads(line) for line in outputs[0].read_text("utf-8").splitlines()]
    assert records and all(schema_errors(record) == [] for record in records)
    assert f"articles written {len(records)}" in summary(done.stdout)
    assert "newsclean crawl: failure rate" in done.stdout
    # No scrapy.cfg in the cwd: crawler.settings is used, the lock is under ./state/locks/.
    lock = tmp_path / "state" / "locks" / lock_file_name(f"site 127.0.0.1:{demo_server.port}")
    assert lock.is_file()


def test_an_overlapping_run_of_the_same_site_is_skipped(
    small_site: SiteServer, tmp_path: Path
) -> None:
    state = f"NEWSCLEAN_STATE_DIR={tmp_path / 'state'}"
    # One request at a time, 0.8 s apart: the first run holds the lock for several seconds.
    slow = ("DOWNLOAD_DELAY=0.8", "RANDOMIZE_DOWNLOAD_DELAY=False",
            "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    first = subprocess.Popen(
        crawl_args(small_site.url("/"), tmp_path / "out1", state, *slow), cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        lock = tmp_path / "state" / "locks" / lock_file_name(f"site 127.0.0.1:{small_site.port}")
        wait_for_lock(lock, first.pid, first)
        second = run_crawl(
            crawl_args(small_site.url("/index.html"), tmp_path / "out2", state), cwd=tmp_path
        )
        assert first.poll() is None, "the first run ended too early to prove anything"
        stdout, stderr = first.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == (
        f"another crawl of site 127.0.0.1:{small_site.port} is running (pid {first.pid}); skipping"
    )
    assert not (tmp_path / "out2").exists()
    assert first.returncode == 0, stderr[-3000:]
    assert "(finish: finished)" in summary(stdout)

    # The lock went with the first process: the next run crawls.
    third = run_crawl(crawl_args(small_site.url("/"), tmp_path / "out3", state), cwd=tmp_path)
    assert third.returncode == 0, third.stdout + third.stderr[-3000:]
    assert "(finish: finished)" in summary(third.stdout)


@pytest.mark.parametrize(("threshold", "status"), [("0.3", EXIT_FAILURE_RATE), ("0.9", 0)])
def test_failure_rate_above_the_threshold_exits_3(
    broken_site: SiteServer, tmp_path: Path, threshold: str, status: int
) -> None:
    done = run_crawl(
        crawl_args(broken_site.url("/"), tmp_path / "out", f"NEWSCLEAN_STATE_DIR={tmp_path}",
                   f"NEWSCLEAN_MAX_FAILURE_RATE={threshold}"),
        cwd=tmp_path,
    )
    assert done.returncode == status, done.stderr[-3000:]
    assert "failed/empty_page=4" in summary(done.stdout)
    # The crawl itself closed as failure_rate_exceeded (crawler.extensions.CrawlGuard).
    reason = "failure_rate_exceeded" if status else "finished"
    assert summary(done.stdout).endswith(f"(finish: {reason})")
    assert ("too many failures (finish: failure_rate_exceeded)" in done.stderr) == bool(status)
    # robots.txt (404), the home page, one article, four empty pages: 4 failures in 7 pages.
    verdict = "newsclean crawl: failure rate 0.57 (4 failures, 7 pages fetched; " \
              f"NEWSCLEAN_MAX_FAILURE_RATE={threshold})"
    if status:
        assert f"{verdict}: too many failures" in done.stderr
    else:
        assert verdict in done.stdout


def test_a_crawl_whose_extraction_workers_cannot_start_exits_4(
    broken_site: SiteServer, tmp_path: Path
) -> None:
    done = run_crawl(
        crawl_args(broken_site.url("/"), tmp_path / "out", f"NEWSCLEAN_STATE_DIR={tmp_path}",
                   "EXTRACT_WORKERS=1",
                   "EXTRACT_WARM_UP=tests.test_extraction_stage.broken_warm_up"),
        cwd=Path(__file__).resolve().parent.parent,  # where tests.* imports from
    )
    assert done.returncode == EXIT_POOL_FAILED, done.stderr[-3000:]
    assert summary(done.stdout).endswith("(finish: extract_pool_failed)")
    assert "news crawl closed as extract_pool_failed: no page could be extracted" in done.stderr


def write_sources(path: Path, site: SiteServer) -> Path:
    """A sources file with two sources on the local ``site``."""
    path.write_text(
        f'[[source]]\nname = "daily"\nstart_pages = ["{site.url("/")}"]\n\n'
        f'[[source]]\nname = "weekly"\nstart_pages = ["{site.url("/index.html")}"]\n',
        "utf-8",
    )
    return path


def test_a_sources_run_locks_its_sources(small_site: SiteServer, tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources.toml", small_site)
    command = crawl_args(small_site.url("/"), tmp_path / "out", f"NEWSCLEAN_STATE_DIR={tmp_path}")
    command[2:4] = ["--sources", str(sources), "--only", "daily"]
    done = run_crawl(command, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "articles written 5" in summary(done.stdout)
    assert sorted(path.name for path in (tmp_path / "locks").iterdir()) == ["source_daily.lock"]


def test_a_run_covering_a_locked_source_is_skipped(
    small_site: SiteServer, tmp_path: Path
) -> None:
    sources = write_sources(tmp_path / "sources.toml", small_site)
    command = crawl_args(small_site.url("/"), tmp_path / "out", f"NEWSCLEAN_STATE_DIR={tmp_path}")
    command[2:4] = ["--sources", str(sources)]  # both sources, while 'weekly' is held here
    with CrawlLock(tmp_path / "locks", ["source weekly"]):
        done = run_crawl(command, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"another crawl of source weekly is running (pid {os.getpid()}); skipping"
    )
    assert not (tmp_path / "out").exists()


def test_bad_sources_and_unknown_names_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "x"\nstart_pages = ["ftp://example.com/"]\n', "utf-8")
    assert main(["crawl", "--sources", str(bad)]) == 2
    assert f"bad sources file: {bad}:" in capsys.readouterr().err
    good = tmp_path / "good.toml"
    good.write_text('[[source]]\nname = "x"\nstart_pages = ["http://127.0.0.1:9/"]\n', "utf-8")
    assert main(["crawl", "--sources", str(good), "--only", "x,y"]) == 2
    assert "no source named y" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crawl"]) == 2
    assert "give --sources FILE or --start-urls URLS" in capsys.readouterr().err
    assert main(["crawl", "--start-urls", "http://127.0.0.1:9/", "--only", "x"]) == 2
    assert main(["crawl", "--start-urls", "http://127.0.0.1:9/", "-s", "NOVALUE"]) == 2


# --- helpers -------------------------------------------------------------------------------


HOLD_LOCK = ("import sys, time\nfrom pathlib import Path\n"
             "from pipelines.crawl_lock import CrawlLock\n"
             "with CrawlLock(Path(sys.argv[1]), sys.argv[2:]):\n"
             "    print('held', flush=True)\n    time.sleep(60)\n")


@pytest.fixture
def other_holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the locks of ``site b`` in ``tmp_path`` until the test ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path), "site b"],
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent.parent)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield holder
    finally:
        holder.kill()
        holder.communicate()


def test_lock_is_exclusive_and_names_its_holder(
    tmp_path: Path, other_holder: subprocess.Popen[str]
) -> None:
    with CrawlLock(tmp_path, ["site a"]):
        with pytest.raises(LockHeld) as held, CrawlLock(tmp_path, ["site a", "site b"]):
            pass
        assert held.value.name == "site b"
        assert held.value.pid == str(other_holder.pid)
        with CrawlLock(tmp_path, ["site c"]):  # another source is free
            pass
    other_holder.kill()
    other_holder.wait()
    with CrawlLock(tmp_path, ["site b"]):  # the kernel dropped the dead holder's lock
        pass


def test_lock_is_reentrant_within_a_process(
    tmp_path: Path, other_holder: subprocess.Popen[str]
) -> None:
    probe = [sys.executable, "-c", HOLD_LOCK.replace("time.sleep(60)", "pass"), str(tmp_path)]
    outer = CrawlLock(tmp_path, ["site a"])
    with outer, CrawlLock(tmp_path, ["site a"]):  # newsclean crawl, then its crawl
        pass
    # The inner release left the outer one holding the lock: another process is refused.
    with outer:
        with CrawlLock(tmp_path, ["site a"]):
            pass
        refused = subprocess.run([*probe, "site a"], capture_output=True, text=True,
                                 cwd=Path(__file__).parent.parent, check=False)
        assert refused.returncode != 0 and "LockHeld" in refused.stderr
    # A failed acquisition releases the shares it took, so the outer lock stays its only one.
    with outer, pytest.raises(LockHeld):
        CrawlLock(tmp_path, ["site a", "site b"]).acquire()
    freed = subprocess.run([*probe, "site a"], capture_output=True, text=True,
                           cwd=Path(__file__).parent.parent, check=False)
    assert freed.returncode == 0, freed.stderr


def test_lock_names_per_source_or_site() -> None:
    def names(path: str, only: str | None) -> list[str]:
        return [only] if only else ["berlin", "wire"]

    assert lock_names({"sources": "s.toml"}, names) == ["source berlin", "source wire"]
    assert lock_names({"sources": "s.toml", "only": "wire"}, names) == ["source wire"]
    both = {"sources": "s.toml", "only": "wire", "start_urls": "http://127.0.0.1:81/"}
    assert lock_names(both, names) == ["site 127.0.0.1:81", "source wire"]
    urls = "http://127.0.0.1:81/,http://127.0.0.1:81/feed.xml,https://Example.com/"
    assert lock_names({"start_urls": urls}, names) == ["site 127.0.0.1:81", "site example.com"]
    assert lock_file_name("site 127.0.0.1:81") == "site_127.0.0.1_81.lock"
    assert lock_file_name("source ../../etc") == "source_.._.._etc.lock"


def test_failure_rate_counts_the_summary_failures() -> None:
    stats = {
        "response_received_count": 10,
        "extract/failed/empty_page": 2,
        "validate/invalid": 1,
        "downloader/exception_type_count/twisted.internet.error.TimeoutError": 1,
        "extract/not_article": 5,
        "item_scraped_count": 3,
    }
    rate = failure_rate(stats)
    assert (rate.failures, rate.pages, rate.rate) == (4, 10, 0.4)
    assert all(key.startswith(FAILURE_PREFIXES) for key in stats if "fail" in key)
    assert failure_rate({}).rate == 0.0
    # An unchanged site's second run: known entries refused at download time are no failure.
    skipped = {"response_received_count": 2, IGNORED: 5, SKIPPED_KNOWN: 5}
    assert failure_rate(skipped).rate == 0.0
    assert failure_rate({**skipped, IGNORED: 6}).failures == 1  # robots.txt, say
    assert failure_rate({"downloader/exception_type_count/x": 3}).rate == 1.0


def test_parse_overrides() -> None:
    assert parse_overrides(["A=1", "B=x=y", "C="]) == {"A": "1", "B": "x=y", "C": ""}
