"""Extraction in worker processes: pages in, results out, a crashed worker counted and survived.

The crawl runs on one reactor thread; extraction is CPU work. :class:`ExtractionPool` sends each
page (bytes, URL, options) to one of its worker processes, which import the extraction modules
once (:func:`init_worker`). The transport has no helper thread in the crawl process: each worker
has a task pipe and a result pipe, both non-blocking on the crawl's side, and the asyncio event
loop reads the result pipes (``loop.add_reader``) and flushes what a full task pipe did not take
(``loop.add_writer``). ``concurrent.futures.ProcessPoolExecutor`` was used before; its feeder and
manager threads took the GIL from the reactor thread at every system call it made (the output
``write``, SQLite, the disk queue), costing about 3 ms a page.

A worker that dies (segfault, OOM kill) is seen as the end of its result pipe: it is replaced,
the page it was working on is retried once (the pages queued behind it are sent again, not
counted as attempts), and a page that kills its worker twice comes back as a ``worker_crash``
error. The other workers are not disturbed.

A worker that cannot start is another matter: respawning it would repeat its death for every
page. Each worker sends a "ready" frame once warmed up; :data:`MAX_START_FAILURES` deaths (or
failed spawns, or workers not ready within :data:`READY_TIMEOUT_S`) in a row before that frame,
or more than :data:`MAX_CRASHES_IN_WINDOW` deaths of ready workers within
:data:`CRASH_WINDOW_S`, fail the pool: the reason is logged once, every page in it and every
later page comes back as a ``pool_failed`` error, and ``on_failure`` lets the crawl stop.

Starting the workers blocks until the forkserver has imported and warmed up the extraction code
(about 2 s of CPU: dateparser's locales, the language model). :meth:`ExtractionPool.start_soon`
does that in a short-lived thread, so that the crawl fetches its first pages meanwhile; the
first page handed to the pool waits for the workers.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import ctypes
import ctypes.util
import fcntl
import logging
import multiprocessing
import os
import pickle
import signal
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from pipelines.cleaning import CleaningOptions
from pipelines.record import PageError
from pipelines.site_rules import SiteRules

if TYPE_CHECKING:
    from pipelines.record import ArticleRecord

logger = logging.getLogger(__name__)

WORKER_CRASH = "worker_crash"
POOL_FAILED = "pool_failed"
# The circuit breaker (see the module docstring). Start-up deaths are counted in a row: one
# worker that reaches "ready" resets the count. Ready workers may die on hostile pages (each
# such page costs two deaths); only a burst of them means the workers cannot run at all.
MAX_START_FAILURES = 3
MAX_CRASHES_IN_WINDOW = 30
CRASH_WINDOW_S = 60.0
# A worker forked from the warmed-up forkserver is ready in milliseconds; its own warm-up on a
# loaded machine takes seconds. Past this it is stuck, and killed as a failed start.
READY_TIMEOUT_S = 120.0
# Workers are forked from a forkserver, never from the crawl process (no forked reactor, threads
# or sockets). The forkserver imports PRELOAD, which warms the extraction code up, so that every
# worker starts at once and shares the language model copy-on-write.
START_METHOD = "forkserver"
PRELOAD = ["pipelines.worker_preload"]
# Distinct paragraphs: the cleaner drops repeated ones, and the language model is only loaded
# (and so only shared by the workers) when the text reaches ``language.MIN_TEXT_CHARS``.
_WARM_UP_PARAGRAPHS = (
    "The worker reads this page once at start, so that every lazy import is done before the "
    "first real page arrives.",
    "Loading the language model here, in the forkserver, lets every worker forked from it "
    "share the model's pages instead of reading a private copy.",
    "The council met on Tuesday evening and approved the plan for the new bridge by seven "
    "votes to two, after a debate of more than three hours.",
    "Work on the river crossing is expected to start in June and to last about two years, "
    "according to the engineers who presented the project.",
    "Residents of the old town said they welcomed the decision but asked for quieter "
    "construction methods during the night.",
)
_WARM_UP_PAGE = (
    b"<html lang='en'><head><title>Warm up</title><meta property='og:type' content='article'>"
    b"</head><body><article><h1>Warm up</h1>"
    + "".join(f"<p>{text}</p>" for text in _WARM_UP_PARAGRAPHS).encode()
    + b"</article></body></html>"
)
_WARMED: PageResult | None = None  # init_worker's result, once it ran in this process
_HEADER = struct.Struct("!Q")  # frame: payload length, then the pickled payload
_READY = "ready"  # a worker's first frame, once it is warmed up
# A task frame: the pickled task without its body, then the body as it is, so that the page's
# bytes are not copied into a pickle and a frame on the way (about 85 KB a page).
_TASK_HEADER = struct.Struct("!QQ")  # lengths of the pickled rest and of the body
_READ_SIZE = 1 << 18
# Pipes are enlarged from 64 KB to this (at most /proc/sys/fs/pipe-max-size), so that a page of
# up to 1 MB goes into its task pipe in one write, without waiting for the worker to read.
PIPE_SIZE = 1 << 20
# Pages queued in one worker's task pipe by default, the one it works on included: the next
# pages are already there when it finishes one, so no worker waits for the reactor in between.
# The crawl process shares the cores with its workers and is not scheduled at once when a
# result comes back: with 2 pages a worker slept 5-8% of a crawl on a loaded 2-core machine
# (bench-crawl's "asleep" share), with 4 1-2%.
PAGES_PER_WORKER = 4
# A worker hands the memory its pages freed back to the system every this many pages. glibc
# keeps freed heap (lxml trees, page strings) for reuse, so a worker grows to the sum of the
# biggest pages it met: on the 635 bench pages, 110 MB private without trimming, 83 MB
# trimming every 10 pages (0.12 ms a page), 74 MB trimming after each (0.6 ms a page).
TRIM_EVERY_PAGES = 10


@dataclass(frozen=True, slots=True)
class PageTask:
    """What a worker needs to extract one page."""

    body: bytes
    url: str
    content_type: str | None
    crawled_at: str | None
    options: CleaningOptions
    rules: SiteRules | None = None


# The extraction code (trafilatura, the language model...) is imported where it runs: in the
# workers and the forkserver, or inline on first use; the crawl process itself does not need it.


@dataclass(frozen=True, slots=True)
class PageResult:
    """:class:`pipelines.extract.ExtractionResult`'s two fields, as the pool hands them back.

    A class of this light module, so that unpickling a worker's answer does not import the
    extraction code into the crawl process.
    """

    record: ArticleRecord | None = None
    error: PageError | None = None


def init_worker() -> PageResult:
    """Load the extraction code and its lazy parts (trafilatura, language model) once.

    The language model is read in a thread while dateparser loads its locales: its lzma
    decompression releases the GIL, which takes ~0.4 s off the forkserver's start-up, the
    time the crawl's first pages wait for the workers. A process warmed up already (a worker
    forked from the forkserver) returns at once: running the warm-up again would write to the
    pages it shares with the forkserver (about 20 MB a worker, mostly dateparser's locales) and
    cost 30 ms of CPU.
    """
    global _WARMED
    if _WARMED is not None:
        return _WARMED
    from pipelines import language
    from pipelines.dates import warm_up_date_parser
    from pipelines.extract import extract_page

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    model = threading.Thread(target=language._identifier, name="newsclean-language-model")
    model.start()
    try:
        warm_up_date_parser()
    finally:
        model.join()  # before any fork: the forkserver forks its workers after this
    result = extract_page(_WARM_UP_PAGE, "http://127.0.0.1/warm-up", options=CleaningOptions())
    _WARMED = PageResult(result.record, result.error)
    return _WARMED


def pool_context() -> multiprocessing.context.BaseContext:
    """The multiprocessing context workers start from."""
    context = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "forkserver":
        context.set_forkserver_preload(PRELOAD)  # type: ignore[attr-defined]
    return context


def run_task(task: PageTask) -> PageResult:
    """Extract one page; runs in a worker (or inline)."""
    from pipelines.extract import extract_page

    result = extract_page(
        task.body, task.url, content_type=task.content_type, options=task.options,
        rules=task.rules, crawled_at=task.crawled_at,
    )
    return PageResult(result.record, result.error)


def crash_result(message: str) -> PageResult:
    """The result of a page whose worker died twice."""
    return PageResult(error=PageError(WORKER_CRASH, message))


def frame(payload: object) -> bytes:
    """``payload`` pickled, behind its length."""
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def task_frame(task: PageTask) -> list[bytes]:
    """The parts of ``task``'s frame, written together: header, pickled rest, body."""
    rest = pickle.dumps((task.url, task.content_type, task.crawled_at, task.options, task.rules),
                        protocol=pickle.HIGHEST_PROTOCOL)
    return [_TASK_HEADER.pack(len(rest), len(task.body)), rest, task.body]


def read_task(fd: int) -> PageTask | None:
    """The next task written by :func:`task_frame` to a blocking ``fd``; None at end of file."""
    header = _read_exact(fd, _TASK_HEADER.size)
    if header is None:
        return None
    rest_size, body_size = _TASK_HEADER.unpack(header)
    rest = pickle.loads(_read_exact(fd, rest_size) or b"")
    body = _read_exact(fd, body_size) if body_size else b""
    if body is None:
        return None
    return PageTask(body, *rest)


def failed_result(reason: str) -> PageResult:
    """The result of a page the failed pool cannot extract."""
    return PageResult(error=PageError(POOL_FAILED, f"the extraction pool failed: {reason}"))


def worker_main(tasks: Connection, results: Connection,
                task_fn: Callable[[PageTask], PageResult],
                warm_up: Callable[[], object] = init_worker) -> None:
    """A worker's loop: warm up, say ready, then read a task frame and answer ``(True, result)``
    or ``(False, exception)``.

    Ctrl-C reaches the whole process group; the worker ignores it and exits when the crawl
    closes its task pipe (or dies: the pipe ends then too).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()  # an exception here ends the worker before its ready frame: a failed start
    task_fd, result_fd = tasks.fileno(), results.fileno()
    _write_all(result_fd, frame(_READY))
    trim = heap_trimmer()
    pages = 0
    while True:
        task = read_task(task_fd)
        if task is None:
            return  # the pool closed the task pipe
        try:
            answer: tuple[bool, object] = (True, task_fn(task))
        except Exception as exc:  # a bug in the task function: the caller gets the exception
            answer = (False, exc)
        _write_all(result_fd, frame(answer))
        pages += 1
        if trim is not None and pages % TRIM_EVERY_PAGES == 0:
            trim(0)


def heap_trimmer() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (musl, macOS).

    Called through ctypes: neither the standard library nor a maintained package exposes it.
    """
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
    if trim is not None:
        trim.argtypes = [ctypes.c_size_t]  # int malloc_trim(size_t pad)
        trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


def _write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to a blocking ``fd``."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exact(fd: int, size: int) -> bytes | None:
    """``size`` bytes from a blocking ``fd``; None at end of file."""
    chunk = os.read(fd, size)  # mostly all of it: one read, no copy
    if len(chunk) == size:
        return chunk
    if not chunk:
        return None
    buffer = bytearray(size)
    buffer[:len(chunk)] = chunk
    done = len(chunk)
    with memoryview(buffer) as view:
        while done < size:
            got = os.readv(fd, [view[done:]])
            if not got:
                return None
            done += got
    return bytes(buffer)


@dataclass(slots=True)
class _Job:
    task: PageTask
    future: asyncio.Future[PageResult]
    attempts: int = 0


@dataclass(slots=True)
class _Worker:
    """One worker process and the crawl's ends of its two pipes."""

    process: BaseProcess
    task_fd: int
    result_fd: int
    jobs: collections.deque[_Job] = field(default_factory=collections.deque)
    outbox: bytearray = field(default_factory=bytearray)
    inbox: bytearray = field(default_factory=bytearray)
    loop: asyncio.AbstractEventLoop | None = None
    ready: bool = False  # its ready frame came: it started
    ready_timer: asyncio.TimerHandle | None = None


class ExtractionPool:
    """A bounded, self-healing pool of worker processes running :func:`run_task`.

    ``max_in_flight`` pages are in the pool at most; further callers wait, which keeps their
    responses active in Scrapy's scraper slot and so slows the downloader.
    """

    def __init__(
        self,
        workers: int,
        *,
        max_in_flight: int | None = None,
        on_crash: Callable[[], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        task_fn: Callable[[PageTask], PageResult] = run_task,
        warm_up: Callable[[], object] = init_worker,
    ) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        self.workers = workers
        self.max_in_flight = max_in_flight or PAGES_PER_WORKER * workers
        self.per_worker = -(-self.max_in_flight // workers)
        self.on_crash = on_crash
        self.on_failure = on_failure
        self.task_fn = task_fn
        self.warm_up = warm_up
        self.crashes = 0
        self.closed = False
        self.failure: str | None = None  # why the pool failed (the circuit breaker tripped)
        self._start_failures = 0  # in a row
        self._crash_times: collections.deque[float] = collections.deque()
        self._workers: list[_Worker] = []
        self._waiting: collections.deque[_Job] = collections.deque()
        self._slots: asyncio.Semaphore | None = None
        self._slots_loop: asyncio.AbstractEventLoop | None = None
        # workers being started by start_soon's thread; start() takes them over
        self._starting: concurrent.futures.Future[list[_Worker]] | None = None

    @property
    def processes(self) -> list[BaseProcess]:
        """The live worker processes (started on first use)."""
        return [worker.process for worker in self.start()]

    def start(self) -> list[_Worker]:
        """Start the workers if they do not run yet (waits for a :meth:`start_soon`).

        A spawn that raises counts as a failed start; enough of them fail the pool, which then
        has no workers.
        """
        if self.closed:
            raise RuntimeError("the extraction pool is closed")
        if self._starting is not None:
            starting, self._starting = self._starting, None
            try:
                self._workers.extend(starting.result())
            except Exception as exc:
                self._start_failed(f"starting the workers raised {exc!r}")
        while self.failure is None and len(self._workers) < self.workers:
            try:
                self._workers.append(self._spawn())
            except Exception as exc:
                self._start_failed(f"starting a worker raised {exc!r}")
        return self._workers

    def start_soon(self) -> None:
        """Start the workers in a background thread; :meth:`start` and the pages wait for it."""
        if self.closed:
            raise RuntimeError("the extraction pool is closed")
        if self._starting is not None or self._workers:
            return
        starting: concurrent.futures.Future[list[_Worker]] = concurrent.futures.Future()
        self._starting = starting

        def spawn_all() -> None:
            workers: list[_Worker] = []
            try:
                for _ in range(self.workers):
                    workers.append(self._spawn())
            except BaseException as exc:
                _stop(workers)
                starting.set_exception(exc)
            else:
                starting.set_result(workers)

        threading.Thread(target=spawn_all, name="newsclean-pool-start", daemon=True).start()

    @property
    def starting(self) -> bool:
        """Whether a :meth:`start_soon` is still under way."""
        return self._starting is not None and not self._starting.done()

    def _spawn(self) -> _Worker:
        context = pool_context()
        task_r, task_w = context.Pipe(duplex=False)
        result_r, result_w = context.Pipe(duplex=False)
        process = context.Process(  # type: ignore[attr-defined]
            target=worker_main, args=(task_r, result_w, self.task_fn, self.warm_up), daemon=True,
            name="newsclean-extract",
        )
        process.start()
        task_r.close()
        result_w.close()
        task_fd, result_fd = os.dup(task_w.fileno()), os.dup(result_r.fileno())
        task_w.close()
        result_r.close()
        for fd in (task_fd, result_fd):
            os.set_blocking(fd, False)
            _enlarge_pipe(fd)
        return _Worker(process, task_fd, result_fd)

    @property
    def in_flight(self) -> int:
        """Pages handed to the pool and not answered yet."""
        return len(self._waiting) + sum(len(worker.jobs) for worker in self._workers)

    def slots(self) -> asyncio.Semaphore:
        """The in-flight bound of the running event loop."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots_loop is not loop:
            self._slots, self._slots_loop = asyncio.Semaphore(self.max_in_flight), loop
        return self._slots

    async def extract(self, task: PageTask) -> PageResult:
        """Extract ``task`` in a worker, waiting for a free slot first (asyncio loop)."""
        async with self.slots():
            if self._starting is not None and not self._starting.done():
                # a failed start is counted by start(), on this thread
                await asyncio.wait([asyncio.wrap_future(self._starting)])
            if self.closed:
                raise RuntimeError("the extraction pool is closed")
            if self.failure is not None:
                return failed_result(self.failure)
            job = _Job(task, asyncio.get_running_loop().create_future())
            self._waiting.append(job)
            self._dispatch()
            return await job.future

    def extract_blocking(self, task: PageTask) -> PageResult:
        """Extract ``task`` in a worker and wait for it (no event loop may be running)."""
        return asyncio.run(self.extract(task))

    def _dispatch(self) -> None:
        """Hand waiting jobs to the least busy workers that have room."""
        loop = asyncio.get_running_loop()
        workers = self.start()
        if self.failure is not None:
            return  # _fail answered the waiting jobs
        for worker in workers:  # a worker's death is seen even before it has a page
            self._attach(worker, loop)
        while self._waiting:
            worker = min(workers, key=lambda w: len(w.jobs))
            if len(worker.jobs) >= self.per_worker:
                return
            job = self._waiting.popleft()
            worker.jobs.append(job)
            self._send(worker, task_frame(job.task))

    def _attach(self, worker: _Worker, loop: asyncio.AbstractEventLoop) -> None:
        """Watch the worker's result pipe from ``loop`` (a new loop in tests: move there)."""
        if worker.loop is loop:
            return
        self._detach(worker)
        loop.add_reader(worker.result_fd, self._on_readable, worker)
        worker.loop = loop
        if worker.outbox:
            loop.add_writer(worker.task_fd, self._on_writable, worker)
        if not worker.ready:
            worker.ready_timer = loop.call_later(READY_TIMEOUT_S, self._ready_overdue, worker)

    def _detach(self, worker: _Worker) -> None:
        if worker.ready_timer is not None:
            worker.ready_timer.cancel()
            worker.ready_timer = None
        if worker.loop is not None and not worker.loop.is_closed():
            worker.loop.remove_reader(worker.result_fd)
            worker.loop.remove_writer(worker.task_fd)
        worker.loop = None

    def _ready_overdue(self, worker: _Worker) -> None:
        """Kill a worker stuck in its warm-up: its result pipe ends, a failed start."""
        worker.ready_timer = None
        if not worker.ready:
            logger.warning("an extraction worker was not ready after %.0f s; killed",
                           READY_TIMEOUT_S)
            worker.process.kill()

    def _send(self, worker: _Worker, parts: list[bytes]) -> None:
        """Write what the pipe takes now; the loop writes the rest when it has room."""
        if worker.outbox:
            for part in parts:
                worker.outbox += part
            return
        try:
            written = os.writev(worker.task_fd, parts)
        except BlockingIOError:
            written = 0
        except BrokenPipeError:
            return  # the worker is dead: its result pipe ends, and _on_readable recovers
        for part in parts:
            if written < len(part):
                worker.outbox += memoryview(part)[written:]
            written = max(0, written - len(part))
        if worker.outbox:
            assert worker.loop is not None
            worker.loop.add_writer(worker.task_fd, self._on_writable, worker)

    def _on_writable(self, worker: _Worker) -> None:
        try:
            written = os.write(worker.task_fd, worker.outbox)
        except BlockingIOError:
            return
        except BrokenPipeError:
            written = len(worker.outbox)
        del worker.outbox[:written]
        if not worker.outbox and worker.loop is not None:
            worker.loop.remove_writer(worker.task_fd)

    def _on_readable(self, worker: _Worker) -> None:
        try:
            chunk = os.read(worker.result_fd, _READ_SIZE)
        except BlockingIOError:
            return
        if not chunk:
            self._recover(worker)
            return
        worker.inbox += chunk
        while len(worker.inbox) >= _HEADER.size:
            size = _HEADER.unpack_from(worker.inbox)[0]
            end = _HEADER.size + size
            if len(worker.inbox) < end:
                break
            payload = pickle.loads(memoryview(worker.inbox)[_HEADER.size:end])
            del worker.inbox[:end]
            if worker.ready:
                _settle(worker.jobs.popleft().future, *payload)
            else:  # a worker's first frame is _READY
                self._on_ready(worker)
        self._dispatch()

    def _on_ready(self, worker: _Worker) -> None:
        worker.ready = True
        self._start_failures = 0
        if worker.ready_timer is not None:
            worker.ready_timer.cancel()
            worker.ready_timer = None

    def _recover(self, worker: _Worker) -> None:
        """Replace a dead worker; retry its page once, resend the pages queued behind it.

        A worker that died before it was ready had no page in hand: its pages are all sent
        again, and the death counts towards the circuit breaker's failed starts.
        """
        self._detach(worker)
        os.close(worker.task_fd)
        os.close(worker.result_fd)
        worker.process.join(timeout=5)
        self._workers.remove(worker)
        exitcode = worker.process.exitcode
        self.crashes += 1
        if self.on_crash is not None:
            self.on_crash()
        jobs = list(worker.jobs)
        if worker.ready and jobs:
            culprit = jobs[0]
            culprit.attempts += 1
            if culprit.attempts >= 2:
                jobs.pop(0)
                _settle(culprit.future, True, crash_result(
                    f"worker died twice on this page (exit {exitcode})"))
        self._waiting.extendleft(reversed(jobs))  # before _fail, which answers them
        if not worker.ready:
            self._start_failed(f"a worker died before it was ready (exit {exitcode})")
        else:
            logger.warning("an extraction worker died (exit %s); replaced (%d so far)",
                           exitcode, self.crashes)
            self._count_crash()
        if self.failure is None and not self.closed:
            self._dispatch()

    def _start_failed(self, reason: str) -> None:
        """Count a failed start; fail the pool after :data:`MAX_START_FAILURES` in a row."""
        self._start_failures += 1
        logger.warning("an extraction worker failed to start (%d in a row): %s",
                       self._start_failures, reason)
        if self._start_failures >= MAX_START_FAILURES:
            self._fail(f"{self._start_failures} extraction workers in a row failed to start, "
                       f"the last one: {reason}")

    def _count_crash(self) -> None:
        """Fail the pool when ready workers die faster than hostile pages explain."""
        now = time.monotonic()
        self._crash_times.append(now)
        while self._crash_times[0] < now - CRASH_WINDOW_S:
            self._crash_times.popleft()
        if len(self._crash_times) > MAX_CRASHES_IN_WINDOW:
            self._fail(f"{len(self._crash_times)} extraction workers died within "
                       f"{CRASH_WINDOW_S:.0f} s")

    def _fail(self, reason: str) -> None:
        """Trip the circuit breaker: stop the workers, answer every page with the reason."""
        if self.failure is not None:
            return
        self.failure = reason
        logger.error("the extraction pool failed, no page can be extracted: %s", reason)
        workers, self._workers = self._workers, []
        for worker in workers:
            self._detach(worker)
        _stop(workers)
        for worker in workers:
            self._waiting.extend(worker.jobs)
        self._answer_waiting()
        if self.on_failure is not None:
            try:
                self.on_failure(reason)
            except Exception:  # the pages are answered: the crawl still ends, slower
                logger.exception("the extraction pool's on_failure callback raised")

    def _answer_waiting(self) -> None:
        """Give every waiting page the failed pool's result."""
        assert self.failure is not None
        result = failed_result(self.failure)
        while self._waiting:
            _settle(self._waiting.popleft().future, True, result)

    def close(self) -> None:
        """Stop the workers (once started); pages still in the pool are cancelled."""
        self.closed = True
        workers, self._workers = self._workers, []
        if self._starting is not None:
            starting, self._starting = self._starting, None
            with contextlib.suppress(Exception):
                workers.extend(starting.result())
        for worker in workers:
            self._detach(worker)
        _stop(workers)
        for worker in workers:
            for job in worker.jobs:
                _cancel(job.future)
        for job in self._waiting:
            _cancel(job.future)
        self._waiting.clear()


def _stop(workers: list[_Worker]) -> None:
    """Close the workers' pipes and wait for them to exit (killed after 10 s)."""
    for worker in workers:
        os.close(worker.task_fd)  # the worker reads the end of its task pipe and exits
    for worker in workers:
        worker.process.join(timeout=10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        os.close(worker.result_fd)


def _enlarge_pipe(fd: int) -> None:
    """Grow the pipe's buffer to :data:`PIPE_SIZE` where the system allows it."""
    # not Linux, or above pipe-max-size: the default size stays
    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _settle(future: asyncio.Future[PageResult], ok: bool, value: Any) -> None:
    if future.done() or future.get_loop().is_closed():
        return  # the caller went away (its loop ended)
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


def _cancel(future: asyncio.Future[PageResult]) -> None:
    if not future.done() and not future.get_loop().is_closed():
        future.cancel()


def default_workers() -> int:
    """One worker per usable core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
