"""``pipelines.worker_pool``: extraction in worker processes, equal to inline, crashes survived."""

from __future__ import annotations

import asyncio
import ctypes.util
import functools
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.items import FetchedPage
from pipelines import worker_pool
from pipelines.body import CleaningOptions
from pipelines.extract import ExtractionResult
from pipelines.extraction_stage import ExtractionStage
from pipelines.language import MIN_TEXT_CHARS
from pipelines.record import ArticleRecord, PageError
from pipelines.worker_pool import (
    MAX_START_FAILURES,
    PAGES_PER_WORKER,
    POOL_FAILED,
    WORKER_CRASH,
    ExtractionPool,
    PageTask,
    heap_trimmer,
    init_worker,
    read_task,
    run_task,
    task_frame,
)

DEMO_SITE = Path(__file__).resolve().parent.parent / "demo" / "site"
ORIGIN = "http://127.0.0.1:8765"
CRAWLED_AT = "2024-05-01T10:00:00+00:00"
CRASH_MARK = "crash-worker"


def crash_on_marked_page(task: PageTask) -> ExtractionResult:
    """Kill the worker on a marked URL, as a segfault would; extract the others."""
    if CRASH_MARK in task.url:
        os._exit(3)
    return run_task(task)


def crash_once(task: PageTask) -> ExtractionResult:
    """Kill the worker the first time a marked page is seen (the marker file is the memory)."""
    marker = Path(task.url.rsplit("#", 1)[1])
    try:  # O_EXCL: of two workers starting at once, one crashes
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return run_task(task)
    os._exit(3)


def broken_warm_up() -> None:
    """A warm-up that raises, as a broken install or a bad model file would."""
    raise RuntimeError("warm-up broken on purpose")


def killed_warm_up() -> None:
    """A worker killed as soon as it starts (the OOM killer, an operator)."""
    os.kill(os.getpid(), signal.SIGKILL)


def stuck_warm_up() -> None:
    """A warm-up that never ends."""
    time.sleep(3600)


def warm_up_failing_once(marker: str) -> None:
    """Fail the first worker's warm-up only (the marker file is the memory)."""
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        init_worker()
        return
    raise RuntimeError("first warm-up fails")


def probe_memory_setup(task: PageTask) -> ExtractionResult:
    """Report, as an error message, what the worker inherited: frozen objects, its warm-up."""
    import gc

    from pipelines.worker_pool import PageResult

    warmed = worker_pool._WARMED is not None and worker_pool.init_worker() is worker_pool._WARMED
    return PageResult(error=PageError("probe", f"{gc.get_freeze_count()} {warmed}"))


def _demo_tasks() -> list[PageTask]:
    manifest = json.loads((DEMO_SITE / "articles.json").read_text("utf-8"))
    paths = [article["path"] for article in manifest["articles"]] + manifest["non_articles"][:3]
    tasks = []
    for path in paths:
        file = DEMO_SITE / path.lstrip("/")
        if file.is_dir() or path.endswith("/"):
            file = file / "index.html"
        body = file.read_bytes().replace(b"{{ORIGIN}}", ORIGIN.encode())
        tasks.append(PageTask(body, ORIGIN + path, "text/html; charset=utf-8", CRAWLED_AT,
                              CleaningOptions()))
    return tasks


async def _extract_all(pool: ExtractionPool, tasks: list[PageTask]) -> list[ExtractionResult]:
    return list(await asyncio.gather(*(pool.extract(task) for task in tasks)))


@pytest.fixture(scope="module")
def demo_tasks() -> list[PageTask]:
    return _demo_tasks()


@pytest.fixture(scope="module")
def pool() -> Iterator[ExtractionPool]:
    pool = ExtractionPool(2)
    yield pool
    pool.close()


def test_pool_results_equal_inline_extraction(
    pool: ExtractionPool, demo_tasks: list[PageTask]
) -> None:
    inline = [run_task(task) for task in demo_tasks]
    pooled = asyncio.run(_extract_all(pool, demo_tasks))
    assert pooled == inline
    assert sum(result.record is not None for result in pooled) >= 8
    assert any(result.error is not None for result in pooled), "the non-articles come back too"


def test_blocking_extraction_equals_inline(
    pool: ExtractionPool, demo_tasks: list[PageTask]
) -> None:
    assert pool.extract_blocking(demo_tasks[0]) == run_task(demo_tasks[0])


@pytest.mark.parametrize(
    ("body", "kind"), [(b"", "empty_page"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not_html")]
)
def test_failures_come_back_as_values(pool: ExtractionPool, body: bytes, kind: str) -> None:
    task = PageTask(body, f"{ORIGIN}/broken", None, CRAWLED_AT, CleaningOptions())
    result = asyncio.run(pool.extract(task))
    assert result.record is None
    assert result.error is not None
    assert result.error.kind == kind


def test_in_flight_pages_are_bounded(demo_tasks: list[PageTask]) -> None:
    bounded = ExtractionPool(2, max_in_flight=3)
    peak = 0
    dispatch = bounded._dispatch

    def counting_dispatch() -> None:
        nonlocal peak
        dispatch()
        peak = max(peak, bounded.in_flight)

    bounded._dispatch = counting_dispatch  # type: ignore[method-assign]
    try:
        results = asyncio.run(_extract_all(bounded, demo_tasks * 2))
    finally:
        bounded.close()
    assert results == [run_task(t) for t in demo_tasks * 2]
    assert 1 <= peak <= 3


def test_each_worker_gets_several_pages_queued_by_default(demo_tasks: list[PageTask]) -> None:
    # a worker finds its next page in its pipe even when the crawl process is not scheduled
    pool = ExtractionPool(1)
    peak = 0
    dispatch = pool._dispatch

    def counting_dispatch() -> None:
        nonlocal peak
        dispatch()
        peak = max(peak, max(len(worker.jobs) for worker in pool._workers))

    pool._dispatch = counting_dispatch  # type: ignore[method-assign]
    try:
        asyncio.run(_extract_all(pool, demo_tasks[:6]))
    finally:
        pool.close()
    assert pool.max_in_flight == PAGES_PER_WORKER == 4
    assert peak == PAGES_PER_WORKER


def test_a_page_that_kills_its_worker_twice_is_a_counted_failure(
    demo_tasks: list[PageTask],
) -> None:
    crashes: list[int] = []
    pool = ExtractionPool(2, task_fn=crash_on_marked_page, on_crash=lambda: crashes.append(1))
    killer = PageTask(b"<html></html>", f"{ORIGIN}/{CRASH_MARK}", None, None, CleaningOptions())
    try:
        result = asyncio.run(pool.extract(killer))
        assert result.error is not None
        assert result.error.kind == WORKER_CRASH
        assert pool.crashes == len(crashes) == 2
        # The pool works again afterwards, and the other pages are intact.
        assert asyncio.run(_extract_all(pool, demo_tasks)) == [run_task(t) for t in demo_tasks]
    finally:
        pool.close()


def test_pages_in_flight_during_a_crash_are_retried(
    demo_tasks: list[PageTask], tmp_path: Path
) -> None:
    pool = ExtractionPool(2, task_fn=crash_once)
    marker = tmp_path / "crashed"
    tasks = [
        PageTask(t.body, f"{t.url}#{marker}", t.content_type, t.crawled_at, t.options)
        for t in demo_tasks
    ]
    try:
        results = asyncio.run(_extract_all(pool, tasks))
    finally:
        pool.close()
    assert pool.crashes == 1
    assert marker.exists()
    assert [r.error.kind for r in results if r.error] == [
        r.error.kind for r in map(run_task, tasks) if r.error
    ]
    assert all(r.error is None or r.error.kind != WORKER_CRASH for r in results)


def test_stage_counts_a_worker_crash_and_goes_on() -> None:
    crawler = get_crawler(settings_dict={"EXTRACT_WORKERS": 1})
    stage = ExtractionStage.from_crawler(crawler)
    assert stage.pool is not None
    stage.pool.task_fn = crash_on_marked_page
    page = FetchedPage(f"{ORIGIN}/{CRASH_MARK}", b"<html></html>", None, 200, CRAWLED_AT)
    demo = _demo_tasks()[0]
    good = FetchedPage(demo.url, demo.body, demo.content_type, 200, CRAWLED_AT)
    try:
        with pytest.raises(DropItem, match=f"extraction failed \\({WORKER_CRASH}\\)"):
            asyncio.run(stage.process_item(page))
        assert isinstance(asyncio.run(stage.process_item(good)), ArticleRecord)
    finally:
        stage.close_spider()
    assert crawler.stats.get_value(f"extract/failed/{WORKER_CRASH}") == 1
    assert crawler.stats.get_value("extract/worker_crash") == 2
    assert crawler.stats.get_value("extract/article") == 1


def test_closed_pool_refuses_work() -> None:
    pool = ExtractionPool(1)
    pool.close()
    with pytest.raises(RuntimeError, match="closed"):
        asyncio.run(pool.extract(PageTask(b"", ORIGIN, None, None, CleaningOptions())))


def test_a_pool_needs_a_worker() -> None:
    with pytest.raises(ValueError, match="at least one worker"):
        ExtractionPool(0)


def test_warm_up_page_loads_the_language_model() -> None:
    # Below MIN_TEXT_CHARS the language model is not used, so the forkserver would not load it
    # and every worker would read a private copy (74 MB each) on its first page.
    result = init_worker()
    assert result.record is not None
    assert len(result.record.text) >= MIN_TEXT_CHARS
    assert result.record.language == "en"


def test_warm_up_loads_the_model_and_leaves_no_thread_behind() -> None:
    # the forkserver forks its workers after the warm-up: no thread may still run then
    from pipelines import language

    before = threading.active_count()
    init_worker()
    assert threading.active_count() == before
    assert language._identifier.cache_info().currsize == 1


def test_workers_ignore_ctrl_c(demo_tasks: list[PageTask]) -> None:
    # Ctrl-C reaches the whole process group; the crawl decides when its workers stop.
    pool = ExtractionPool(1)
    try:
        assert asyncio.run(pool.extract(demo_tasks[0])) == run_task(demo_tasks[0])
        (process,) = pool.processes
        assert process.pid is not None
        os.kill(process.pid, signal.SIGINT)
        assert asyncio.run(pool.extract(demo_tasks[1])) == run_task(demo_tasks[1])
        assert pool.crashes == 0
        assert pool.processes == [process]
    finally:
        pool.close()


def _gated_spawn(monkeypatch: pytest.MonkeyPatch, gate: threading.Event) -> list[object]:
    """Make every worker start wait for ``gate``, as a slow forkserver start-up would."""
    spawn = ExtractionPool._spawn
    started: list[object] = []

    def gated(self: ExtractionPool) -> object:
        assert gate.wait(30)
        worker = spawn(self)
        started.append(worker)
        return worker

    monkeypatch.setattr(ExtractionPool, "_spawn", gated)
    return started


def test_start_soon_returns_before_the_workers_run_and_pages_wait_for_them(
    monkeypatch: pytest.MonkeyPatch, demo_tasks: list[PageTask]
) -> None:
    gate = threading.Event()
    _gated_spawn(monkeypatch, gate)
    pool = ExtractionPool(2)

    async def scenario() -> ExtractionResult:
        pending = asyncio.ensure_future(pool.extract(demo_tasks[0]))
        await asyncio.sleep(0.05)
        assert not pending.done()  # the page waits for the workers...
        gate.set()
        return await pending  # ...and is extracted once they run

    try:
        pool.start_soon()
        assert pool.starting
        assert asyncio.run(scenario()) == run_task(demo_tasks[0])
        assert not pool.starting
        assert len(pool.processes) == 2
    finally:
        gate.set()
        pool.close()


def test_closing_a_starting_pool_stops_its_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    started = _gated_spawn(monkeypatch, gate)
    pool = ExtractionPool(1)
    pool.start_soon()
    assert pool.starting
    threading.Timer(0.05, gate.set).start()
    pool.close()  # waits for the start, then stops what it started
    assert not pool.starting
    (worker,) = started
    assert not worker.process.is_alive()  # type: ignore[attr-defined]
    assert pool.in_flight == 0
    with pytest.raises(RuntimeError, match="closed"):
        pool.start()


def test_a_start_that_keeps_raising_fails_the_pool_and_its_pages(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    spawns: list[int] = []

    def broken(self: ExtractionPool) -> object:
        spawns.append(1)
        raise OSError("no forkserver today")

    monkeypatch.setattr(ExtractionPool, "_spawn", broken)
    pool = ExtractionPool(1)
    task = PageTask(b"", ORIGIN, None, None, CleaningOptions())
    try:
        pool.start_soon()
        result = asyncio.run(pool.extract(task))
        later = asyncio.run(pool.extract(task))
    finally:
        pool.close()
    assert result.error is not None
    assert result.error.kind == POOL_FAILED
    assert "no forkserver today" in result.error.message
    assert later == result  # answered at once, no new attempt to start
    assert len(spawns) == MAX_START_FAILURES
    assert [r.levelno for r in caplog.records].count(logging.ERROR) == 1


def _run_failing_pool(pool: ExtractionPool, tasks: list[PageTask]) -> list[ExtractionResult]:
    """Extract ``tasks`` with a pool expected to fail; a hang fails the test after 60 s."""
    async def bounded() -> list[ExtractionResult]:
        return await asyncio.wait_for(_extract_all(pool, tasks), 60)

    try:
        return asyncio.run(bounded())
    finally:
        pool.close()


@pytest.mark.parametrize(
    ("warm_up", "death"), [(broken_warm_up, "exit 1"), (killed_warm_up, "exit -9")]
)
def test_workers_dying_at_start_fail_the_pool_instead_of_respawning_forever(
    demo_tasks: list[PageTask], caplog: pytest.LogCaptureFixture,
    warm_up: object, death: str,
) -> None:
    failures: list[str] = []
    pool = ExtractionPool(2, warm_up=warm_up, on_failure=failures.append)  # type: ignore[arg-type]
    results = _run_failing_pool(pool, demo_tasks)
    assert pool.failure is not None
    assert failures == [pool.failure]
    assert f"{MAX_START_FAILURES} extraction workers in a row failed to start" in pool.failure
    assert death in pool.failure
    assert pool.crashes == MAX_START_FAILURES
    assert {r.error.kind for r in results if r.error} == {POOL_FAILED}
    assert all(r.record is None for r in results)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [f"the extraction pool failed, no page can be extracted: {pool.failure}"]


def test_a_raising_failure_callback_does_not_keep_the_pages_waiting(
    demo_tasks: list[PageTask], caplog: pytest.LogCaptureFixture
) -> None:
    def broken_callback(reason: str) -> None:
        raise RuntimeError("no engine yet")

    pool = ExtractionPool(1, warm_up=broken_warm_up, on_failure=broken_callback)
    results = _run_failing_pool(pool, demo_tasks[:3])
    assert [r.error.kind for r in results if r.error] == [POOL_FAILED] * 3
    assert "on_failure callback raised" in caplog.text


def test_a_worker_stuck_in_its_warm_up_is_killed_and_counted(
    demo_tasks: list[PageTask], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_pool, "READY_TIMEOUT_S", 0.3)
    pool = ExtractionPool(1, warm_up=stuck_warm_up)
    results = _run_failing_pool(pool, demo_tasks[:2])
    assert pool.failure is not None
    assert "exit -9" in pool.failure
    assert [r.error.kind for r in results if r.error] == [POOL_FAILED, POOL_FAILED]


def test_one_failed_start_is_retried_without_failing_its_pages(
    demo_tasks: list[PageTask], tmp_path: Path
) -> None:
    # the pages sent to a worker that died before it was ready are not counted against them
    warm_up = functools.partial(warm_up_failing_once, str(tmp_path / "failed-once"))
    pool = ExtractionPool(1, warm_up=warm_up)
    try:
        results = asyncio.run(_extract_all(pool, demo_tasks))
    finally:
        pool.close()
    assert (tmp_path / "failed-once").exists()
    assert pool.crashes == 1
    assert pool.failure is None
    assert results == [run_task(task) for task in demo_tasks]


def test_too_many_worker_deaths_in_a_window_fail_the_pool(
    demo_tasks: list[PageTask], monkeypatch: pytest.MonkeyPatch
) -> None:
    # ready workers dying on page after page: 2 deaths per killer page, the third trips it
    monkeypatch.setattr(worker_pool, "MAX_CRASHES_IN_WINDOW", 2)
    pool = ExtractionPool(1, task_fn=crash_on_marked_page)
    killers = [
        PageTask(b"<html></html>", f"{ORIGIN}/{CRASH_MARK}/{n}", None, None, CleaningOptions())
        for n in range(3)
    ]
    results = _run_failing_pool(pool, killers + demo_tasks[:2])
    assert pool.failure == "3 extraction workers died within 60 s"
    kinds = [r.error.kind for r in results if r.error]
    assert kinds[0] == WORKER_CRASH
    assert kinds[1:] == [POOL_FAILED] * 4


def test_task_frames_round_trip_through_a_pipe() -> None:
    # the body (larger than a pipe's default 64 KB) arrives in several reads
    task = PageTask(b"<p>" + b"x" * 300_000, ORIGIN + "/a", "text/html", CRAWLED_AT,
                    CleaningOptions())
    empty = PageTask(b"", ORIGIN + "/b", None, None, CleaningOptions())
    read_end, write_end = os.pipe()

    def write_all() -> None:
        for part in [*task_frame(task), *task_frame(empty)]:
            os.write(write_end, part)
        os.close(write_end)

    writer = threading.Thread(target=write_all)
    writer.start()
    try:
        assert read_task(read_end) == task
        assert read_task(read_end) == empty
        assert read_task(read_end) is None  # end of file
    finally:
        writer.join()
        os.close(read_end)


def test_a_page_larger_than_its_pipe_is_sent_in_parts(demo_tasks: list[PageTask]) -> None:
    # 3 MB do not fit the 1 MB task pipe: the event loop writes the rest as the worker reads
    page = demo_tasks[0]
    padded = page.body.replace(b"</body>", b"<!--" + b"x" * 3_000_000 + b"--></body>")
    big = PageTask(padded, page.url, page.content_type, page.crawled_at, page.options)
    pool = ExtractionPool(1)
    try:
        results = asyncio.run(_extract_all(pool, [big, demo_tasks[1], big]))
    finally:
        pool.close()
    assert results == [run_task(big), run_task(demo_tasks[1]), run_task(big)]


def test_a_failing_forkserver_warm_up_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # the forkserver survives; its workers run the warm-up again and trip the breaker
    from pipelines import worker_preload

    monkeypatch.setattr(worker_preload, "init_worker", broken_warm_up)
    assert worker_preload.warm_up() is None
    assert "warm-up failed" in caplog.text
    assert "warm-up broken on purpose" in caplog.text


def test_warm_up_runs_once_per_process() -> None:
    first = init_worker()
    threads = threading.active_count()
    assert init_worker() is first
    assert threading.active_count() == threads


def test_workers_inherit_a_frozen_warmed_up_heap(demo_tasks: list[PageTask]) -> None:
    # frozen: the workers' garbage collections do not copy the forkserver's pages
    pool = ExtractionPool(1, task_fn=probe_memory_setup)
    try:
        result = asyncio.run(pool.extract(demo_tasks[0]))
    finally:
        pool.close()
    assert result.error is not None
    frozen, warmed = result.error.message.split()
    assert int(frozen) > 100_000
    assert warmed == "True"


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc")
def test_the_heap_trimmer_gives_freed_heap_back() -> None:
    trim = heap_trimmer()
    assert trim is not None, "glibc on Linux has malloc_trim"
    blocks = [bytearray(2000) for _ in range(20_000)]  # 40 MB of malloc'd heap, not mmapped
    keep = bytearray(2000)  # above the freed blocks: free() alone cannot shrink the heap
    blocks.clear()
    before = _rss_mb()
    trim(0)
    assert before - _rss_mb() > 20
    assert keep == bytearray(2000)


def test_no_heap_trimmer_without_a_c_library_that_has_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    assert heap_trimmer() is None
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: "libnothing.so.0")
    assert heap_trimmer() is None
