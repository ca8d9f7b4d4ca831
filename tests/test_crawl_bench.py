"""The crawl benchmark's arithmetic, process bookkeeping and its Scrapy-alone pass."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench import crawl_bench
from bench.crawl_bench import (
    CrawlFigures,
    TreePoller,
    bare_scrapy_line,
    command_role,
    memory_verdict,
    overhead_budget,
    process_role,
    process_tree,
    sched_seconds,
    sleep_share,
    static_server,
)
from bench.site_generator import generate_site


def test_overhead_budget_reaches_the_ratio_exactly() -> None:
    extract_ms = 7.8
    budget = overhead_budget(extract_ms)
    assert budget == pytest.approx(1.95)
    assert 2 * extract_ms / (extract_ms + budget) == pytest.approx(1.6)


def test_memory_verdict_judges_both_figures() -> None:
    line = memory_verdict(peak_rss=650 * 2**20, peak_pss=350 * 2**20)
    assert "PSS 350 MB met" in line
    assert "RSS sum 650 MB missed" in line


def test_figures_print_the_overhead_beyond_extraction() -> None:
    figures = CrawlFigures("crawl", wall_s=10.0, records=1000, responses=1000, cpu_s=10.0,
                           reactor_cpu_s=2.5, peak_rss=0, peak_pss=0, peak_main_rss=0,
                           returncode=0)
    text = "\n".join(figures.lines(extract_ms=7.5))
    assert "10.0 ms per article" in text
    assert "reactor) process 2.5 ms" in text
    assert "beyond extraction only's 7.5 ms: 2.5 ms" in text
    assert "under 1.9 ms" in text


def test_process_tree_and_roles_of_this_process() -> None:
    assert process_tree(os.getpid())[0] == os.getpid()
    assert process_role(os.getpid()) not in ("forkserver", "worker", "scrapy")


def test_sleep_share_leaves_out_the_wait_for_a_cpu() -> None:
    # 10 s alive, 4 s running, 5 s runnable on a busy machine: asleep 1 s
    assert sleep_share(10.0, 4.0, 5.0) == pytest.approx(0.1)
    assert sleep_share(10.0, 6.0, 5.0) == 0.0
    assert sleep_share(0.0, 0.0, 0.0) == 0.0


def test_sched_seconds_of_this_process() -> None:
    on_cpu, _ = sched_seconds(os.getpid())
    assert on_cpu > 0
    assert sched_seconds(2**22 + 1) == (0.0, 0.0)  # above pid_max: no such process


def test_cpu_per_article_by_role() -> None:
    figures = CrawlFigures("crawl", wall_s=10.0, records=1000, responses=1000, cpu_s=10.0,
                           reactor_cpu_s=2.0, peak_rss=0, peak_pss=0, peak_main_rss=0,
                           returncode=0, cpu_by_role={"scrapy": 2.0, "worker": 6.0,
                                                      "forkserver": 0.5},
                           role_counts={"scrapy": 1, "worker": 2, "forkserver": 1})
    assert figures.per_role() == "worker (x2) 6.00 ms, scrapy 2.00 ms, forkserver 0.50 ms"
    assert "CPU per article by role: worker (x2) 6.00 ms" in "\n".join(figures.lines())


def test_poller_sums_cpu_by_role() -> None:
    poller = TreePoller(os.getpid())
    poller.per_process = {1: ("worker", 1, 1), 2: ("worker", 1, 1), 3: ("scrapy", 1, 1),
                          4: ("worker", 1, 1)}
    poller.cpu = {1: 3.0, 2: 2.5, 3: 1.0}  # pid 4 never ran: not counted
    assert poller.cpu_by_role() == ({"worker": 5.5, "scrapy": 1.0}, {"worker": 2, "scrapy": 1})


@pytest.mark.parametrize(
    ("command", "role"),
    [
        ("python -c from multiprocessing.resource_tracker import main;main(8)", "resource-tracker"),
        ("python -c from multiprocessing.spawn import spawn_main; spawn_main()", "worker"),
        ("python -m scrapy crawl news -a start_urls=x", "scrapy"),
    ],
)
def test_command_roles(command: str, role: str) -> None:
    assert command_role(command) == role


def _fake_tree(monkeypatch: pytest.MonkeyPatch, trees: list[list[int]],
               memory: dict[int, tuple[int, int]]) -> None:
    """The tree as successive process_tree calls see it, and each process's (RSS, PSS)."""
    calls = iter(trees)
    monkeypatch.setattr(crawl_bench, "process_tree", lambda root: next(calls))
    monkeypatch.setattr(crawl_bench, "memory_of", lambda pid: memory.get(pid, (0, 0)))
    monkeypatch.setattr(crawl_bench, "process_role", lambda pid: "worker")
    monkeypatch.setattr(crawl_bench, "cpu_seconds", lambda pid: 0.0)
    monkeypatch.setattr(crawl_bench, "sched_seconds", lambda pid: (0.0, 0.0))


def test_a_poll_that_saw_a_process_exit_leaves_the_summed_peaks_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    poller = TreePoller(1)
    _fake_tree(monkeypatch, [[1, 2, 3], [1, 2, 3]], {1: (10, 5), 2: (10, 5), 3: (10, 5)})
    poller.poll()
    assert (poller.peak_rss, poller.peak_pss) == (30, 15)
    # process 3 exits mid-poll: 1 and 2 were read with its share of their pages, now larger
    _fake_tree(monkeypatch, [[1, 2, 3], [1, 2]], {1: (10, 9), 2: (10, 9), 3: (10, 5)})
    poller.poll()
    assert (poller.peak_rss, poller.peak_pss) == (30, 15)
    # gone already when read (its memory torn down, not reaped yet): not a full sum either
    _fake_tree(monkeypatch, [[1, 2, 3], [1, 2, 3]], {1: (10, 9), 2: (10, 9)})
    poller.poll()
    assert (poller.peak_rss, poller.peak_pss) == (30, 15)
    _fake_tree(monkeypatch, [[1, 2], [1, 2]], {1: (12, 9), 2: (12, 9)})
    poller.poll()
    assert (poller.peak_rss, poller.peak_pss) == (30, 18)


def test_scrapy_alone_fetches_the_pages_and_times_them(tmp_path: Path) -> None:
    """The bare spider, through real Scrapy, against the benchmark's own static server."""
    site = tmp_path / "site"
    site.mkdir()
    with static_server(site) as (origin, _):
        paths = generate_site(site, 6, origin)
        line = bare_scrapy_line(origin, paths, tmp_path / "bare", extract_ms=5.0)
    assert line.startswith(f"Scrapy alone (default settings, a spider that does nothing, "
                           f"{len(paths)} of the pages): ")
    assert "FAILED" not in line
    assert json.loads((tmp_path / "bare" / "report.json").read_text("utf-8"))["answers"] == 6
    assert line.endswith("against the 1.25 ms per article beyond extraction that a 1.6 ratio "
                         "allows")
