"""Extraction in worker processes: pages in, results out, a crashed worker counted and survived.

The crawl runs on one reactor thread; extraction is CPU work. :class:`ExtractionPool` sends each
page (bytes, URL, options) to a :class:`concurrent.futures.ProcessPoolExecutor` whose workers
import the extraction modules once, in :func:`init_worker`. A worker that dies (segfault, OOM
kill) breaks the whole executor: the pool is then rebuilt, every page that was in flight is
retried once, and a page that breaks the pool again comes back as a ``worker_crash`` error.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from pipelines.body import CleaningOptions
from pipelines.extract import ExtractionResult, extract_page
from pipelines.record import PageError
from pipelines.site_rules import SiteRules

logger = logging.getLogger(__name__)

WORKER_CRASH = "worker_crash"
# Workers are forked from a forkserver, never from the crawl process (no forked reactor, threads
# or sockets). The forkserver imports PRELOAD, which warms the extraction code up, so that every
# worker starts at once and shares the language model's ~75 MB copy-on-write.
START_METHOD = "forkserver"
PRELOAD = ["pipelines.worker_preload"]
_WARM_UP_PAGE = (
    b"<html lang='en'><head><title>Warm up</title><meta property='og:type' content='article'>"
    b"</head><body><article><h1>Warm up</h1>"
    + b"<p>The worker reads one page at start so that every lazy import and the language model "
    b"are loaded once, before the first real page arrives in the queue of the pool.</p>" * 12
    + b"</article></body></html>"
)


@dataclass(frozen=True, slots=True)
class PageTask:
    """What a worker needs to extract one page."""

    body: bytes
    url: str
    content_type: str | None
    crawled_at: str | None
    options: CleaningOptions
    rules: SiteRules | None = None


def init_worker() -> ExtractionResult:
    """Load the extraction code and its lazy parts (trafilatura, language model) once."""
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return extract_page(_WARM_UP_PAGE, "http://127.0.0.1/warm-up", options=CleaningOptions())


def pool_context() -> multiprocessing.context.BaseContext:
    """The multiprocessing context workers start from."""
    context = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "forkserver":
        context.set_forkserver_preload(PRELOAD)  # type: ignore[attr-defined]
    return context


def run_task(task: PageTask) -> ExtractionResult:
    """Extract one page; runs in a worker (or inline)."""
    return extract_page(
        task.body, task.url, content_type=task.content_type, options=task.options,
        rules=task.rules, crawled_at=task.crawled_at,
    )


def crash_result(message: str) -> ExtractionResult:
    """The result of a page whose worker died twice."""
    return ExtractionResult(error=PageError(WORKER_CRASH, message))


class ExtractionPool:
    """A bounded, self-healing process pool for :func:`run_task`.

    ``max_in_flight`` pages are handed to the executor at most; further callers wait, which
    keeps their responses active in Scrapy's scraper slot and so slows the downloader.
    """

    def __init__(
        self,
        workers: int,
        *,
        max_in_flight: int | None = None,
        on_crash: Callable[[], None] | None = None,
        task_fn: Callable[[PageTask], ExtractionResult] = run_task,
    ) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        self.workers = workers
        self.max_in_flight = max_in_flight or 2 * workers
        self.on_crash = on_crash
        self.task_fn = task_fn
        self.crashes = 0
        self.closed = False
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0
        self._slots: asyncio.Semaphore | None = None
        self._slots_loop: asyncio.AbstractEventLoop | None = None

    @property
    def executor(self) -> ProcessPoolExecutor:
        """The live executor, started on first use."""
        if self.closed:
            raise RuntimeError("the extraction pool is closed")
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=pool_context(),
                initializer=init_worker,
            )
        return self._executor

    def submit(self, task: PageTask) -> tuple[int, Future[ExtractionResult]]:
        """Hand ``task`` to the executor; returns the pool generation it went to."""
        return self._generation, self.executor.submit(self.task_fn, task)

    def recover(self, generation: int) -> None:
        """Replace a broken executor once per breakage and count the crash."""
        if generation != self._generation or self.closed:
            return  # another page of the same generation already replaced it
        self.crashes += 1
        self._generation += 1
        broken, self._executor = self._executor, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)
        logger.warning("an extraction worker died; pool restarted (%d so far)", self.crashes)
        if self.on_crash is not None:
            self.on_crash()

    def slots(self) -> asyncio.Semaphore:
        """The in-flight bound of the running event loop."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots_loop is not loop:
            self._slots, self._slots_loop = asyncio.Semaphore(self.max_in_flight), loop
        return self._slots

    async def extract(self, task: PageTask) -> ExtractionResult:
        """Extract ``task`` in a worker, waiting for a free slot first (asyncio loop)."""
        async with self.slots():
            for attempt in (1, 2):
                generation = self._generation
                try:
                    generation, future = self.submit(task)
                    return await asyncio.wrap_future(future)
                except BrokenProcessPool as exc:
                    self.recover(generation)
                    if attempt == 2:
                        return crash_result(f"worker died twice on this page: {exc}")
        raise AssertionError("unreachable")  # pragma: no cover

    def extract_blocking(self, task: PageTask) -> ExtractionResult:
        """Extract ``task`` in a worker and wait for it (no event loop, no bound)."""
        for attempt in (1, 2):
            generation = self._generation
            try:
                generation, future = self.submit(task)
                return future.result()
            except BrokenProcessPool as exc:
                self.recover(generation)
                if attempt == 2:
                    return crash_result(f"worker died twice on this page: {exc}")
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Stop the workers; pending pages are cancelled."""
        self.closed = True
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    """One worker per usable core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
