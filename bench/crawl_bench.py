"""``make bench-crawl``: crawl a generated local news site end to end and print throughput figures.

One run: generate N article pages (:mod:`bench.site_generator`), serve them on 127.0.0.1
(:mod:`bench.static_server`, its own process), then

1. extraction only: the pipeline's own task function over a sample of the same pages, in this
   process (the single-core limit);
2. the crawl: ``scrapy crawl news`` with the full pipeline and the extraction pool;
3. the same crawl with ``EXTRACT_WORKERS=0`` (extraction inline on the reactor thread), stopped
   after ``--inline-items`` records;
4. Scrapy alone: :mod:`bench.bare_spider`, Scrapy's default settings and a spider that does
   nothing, fetching ``--bare-pages`` of the same pages: the CPU per page that Scrapy and
   Twisted spend before newsclean does anything (0 pages = skip it).

For each crawl: article pages/s over the wall time of the ``scrapy`` process, CPU use (user+sys of
the process tree over wall time: 2.0 = two cores busy; CPU ms per article, the reactor's share,
and what the tree spends beyond extraction only against the budget a 1.6 ratio allows on 2
cores), peak RSS and PSS of the process tree (polled from /proc; both are judged against the
400 MB target, since the RSS sum counts the pages the workers share once per process) and each
process's peak RSS/PSS and CPU seconds. ``--profile`` runs the pool crawl under cProfile timed
by CPU time (a busy machine does not inflate it as it does wall time) and prints the reactor
process's top functions by own and by cumulative time.

    python -m bench.crawl_bench [--pages 3000] [--inline-items 1000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.site_generator import generate_site

ROOT = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
POLL_S = 0.25
# Politeness off for a loopback server we own; everything else is the project's settings.
CRAWL_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=0", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS=32",
    "CONCURRENT_REQUESTS_PER_DOMAIN=32", "LOG_LEVEL=INFO", "TELNETCONSOLE_ENABLED=0",
    "SAFETY_ALLOWED_HOSTS=127.0.0.1",
)
# Runs ``scrapy ARGS`` under cProfile timed by CPU (not wall) time, which a busy machine
# does not inflate: ``python -c PROFILED_SCRAPY PROFILE_PATH ARGS...``.
PROFILED_SCRAPY = "import sys; from bench.crawl_bench import profile_scrapy; profile_scrapy()"
STAT = re.compile(r"'([\w/]+)': (\d+(?:\.\d+)?)")


@dataclass(slots=True)
class CrawlFigures:
    """What one crawl measured."""

    label: str
    wall_s: float
    records: int
    responses: int
    cpu_s: float
    reactor_cpu_s: float
    peak_rss: int
    peak_pss: int
    peak_main_rss: int
    returncode: int
    roles: str = ""
    cpu_by_role: dict[str, float] = field(default_factory=dict)  # CPU seconds, summed by role
    role_counts: dict[str, int] = field(default_factory=dict)  # processes with CPU, by role

    def per_role(self) -> str:
        """CPU ms per article of each role (the workers together), the busiest first."""
        parts = []
        for role, cpu in sorted(self.cpu_by_role.items(), key=lambda kv: -kv[1]):
            count = self.role_counts.get(role, 1)
            name = f"{role} (x{count})" if count > 1 else role
            parts.append(f"{name} {self._ms_per_page(cpu):.2f} ms")
        return ", ".join(parts)

    @property
    def pages_per_s(self) -> float:
        """Article records per wall-clock second."""
        return self.records / self.wall_s if self.wall_s else 0.0

    def _ms_per_page(self, cpu_s: float) -> float:
        return 1000 * cpu_s / self.records if self.records else 0.0

    def lines(self, extract_ms: float = 0.0) -> list[str]:
        """Report lines; ``extract_ms``: extraction-only CPU per page, for the overhead budget."""
        per_article = self._ms_per_page(self.cpu_s)
        lines = [
            f"{self.label}: {self.records} articles ({self.responses} responses) in "
            f"{self.wall_s:.1f} s = {self.pages_per_s:.1f} pages/s end to end "
            f"(exit {self.returncode})",
            f"  CPU {self.cpu_s:.1f} s = {self.cpu_s / self.wall_s:.2f} cores = "
            f"{per_article:.1f} ms per article, of which the scrapy (reactor) process "
            f"{self._ms_per_page(self.reactor_cpu_s):.1f} ms",
        ]
        if extract_ms and self.records:
            lines.append(
                f"  CPU per article beyond extraction only's {extract_ms:.1f} ms: "
                f"{per_article - extract_ms:.1f} ms (reactor, IPC, workers' overhead; a 1.6 "
                f"ratio on 2 cores needs it under {overhead_budget(extract_ms):.1f} ms)")
        return [
            *lines,
            f"  memory: "
            f"peak RSS {self.peak_rss / 2**20:.0f} MB (sum over the process tree), "
            f"peak PSS {self.peak_pss / 2**20:.0f} MB; the scrapy process alone: peak RSS "
            f"{self.peak_main_rss / 2**20:.0f} MB",
            f"  per process: peak RSS/PSS, CPU (share of the time asleep: waiting for work "
            f"or I/O, not for a CPU): {self.roles}",
            f"  CPU per article by role: {self.per_role()}",
        ]


def overhead_budget(extract_ms: float, cores: int = 2, ratio: float = 1.6) -> float:
    """CPU ms per article beyond extraction that ``cores`` can spend and still reach ``ratio``.

    End to end ``cores / (E + X)`` pages per CPU-second against ``1 / E`` for one process:
    the ratio is ``cores * E / (E + X)``, so ``X <= E * (cores / ratio - 1)``.
    """
    return extract_ms * (cores / ratio - 1)


def memory_verdict(peak_rss: int, peak_pss: int, target_mb: int = 400) -> str:
    """The memory target checked against both figures, which differ by the shared pages."""
    def verdict(value: int) -> str:
        return "met" if value <= target_mb * 2**20 else "missed"

    return (f"memory target <= {target_mb} MB: PSS {peak_pss / 2**20:.0f} MB {verdict(peak_pss)}, "
            f"RSS sum {peak_rss / 2**20:.0f} MB {verdict(peak_rss)} (the RSS sum counts the "
            "pages the workers share with their forkserver once per process)")


def process_tree(root_pid: int) -> list[int]:
    """``root_pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def memory_of(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; zeros once it is gone."""
    try:
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
        pss = 0
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
                break
        return rss, pss
    except (OSError, ValueError, IndexError):
        return 0, 0


def _command(pid: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    return " ".join(a.decode(errors="replace") for a in argv if a)


def process_role(pid: int) -> str:
    """``scrapy``, ``forkserver``, ``worker`` (forked by the forkserver), ``resource-tracker``
    (multiprocessing's) or the command."""
    words = _command(pid)
    if "forkserver" in words:
        try:
            ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            ppid = 0
        return "worker" if "forkserver" in _command(ppid) else "forkserver"
    return command_role(words)


def command_role(command: str) -> str:
    """The role of a process that is not the forkserver or one of its children."""
    if "resource_tracker" in command:
        return "resource-tracker"
    if "multiprocessing" in command:
        return "worker"
    if "scrapy" in command:
        return "scrapy"
    return command[:40]


def sched_seconds(pid: int) -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) of a process; zeros once gone.

    From ``/proc/PID/schedstat``: the wait is what a busy machine adds, so that a process's
    lifetime minus both is the time it slept (waited for work or I/O) whatever the load.
    """
    try:
        fields = Path(f"/proc/{pid}/schedstat").read_text().split()
        return int(fields[0]) / 1e9, int(fields[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0, 0.0


def sleep_share(lifetime_s: float, on_cpu_s: float, runqueue_s: float) -> float:
    """The share of ``lifetime_s`` a process spent neither running nor waiting for a CPU."""
    if lifetime_s <= 0:
        return 0.0
    return max(0.0, lifetime_s - on_cpu_s - runqueue_s) / lifetime_s


def cpu_seconds(pid: int) -> float:
    """user+sys CPU seconds of one running process; zero once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class TreePoller(threading.Thread):
    """Polls a process tree: peaks of summed RSS and PSS, last CPU seconds of every process.

    CPU is polled because the forkserver and its workers are not reaped by the crawl process,
    so ``wait4``'s rusage would miss them.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_main_rss = 0
        self.cpu: dict[int, float] = {}
        self.per_process: dict[int, tuple[str, int, int]] = {}  # pid: (role, peak RSS, PSS)
        # pid: (first and last poll time, schedstat then and now) for the sleep share
        self.sched: dict[int, tuple[float, float, tuple[float, float], tuple[float, float]]] = {}
        self.stopped = threading.Event()

    def descendants_cpu(self) -> float:
        """CPU seconds of the processes below the root (the root's come from ``wait4``)."""
        return sum(cpu for pid, cpu in self.cpu.items() if pid != self.pid)

    def _note(self, pid: int, rss: int, pss: int) -> None:
        role, peak_rss, peak_pss = self.per_process.get(pid) or (process_role(pid), 0, 0)
        self.per_process[pid] = (role, max(peak_rss, rss), max(peak_pss, pss))

    def _note_sched(self, pid: int, now: float) -> None:
        sched = sched_seconds(pid)
        if sched == (0.0, 0.0):
            return
        first, _, start, _ = self.sched.get(pid) or (now, now, sched, sched)
        self.sched[pid] = (first, now, start, sched)

    def asleep(self, pid: int) -> float:
        """The share of the polled lifetime ``pid`` slept (no work, or I/O)."""
        if pid not in self.sched:
            return 0.0
        first, last, start, end = self.sched[pid]
        return sleep_share(last - first, end[0] - start[0], end[1] - start[1])

    def cpu_by_role(self) -> tuple[dict[str, float], dict[str, int]]:
        """CPU seconds summed by role, and how many processes had CPU in each role."""
        seconds: dict[str, float] = {}
        counts: dict[str, int] = {}
        for pid, (role, _, _) in self.per_process.items():
            cpu = self.cpu.get(pid, 0.0)
            if cpu:
                seconds[role] = seconds.get(role, 0.0) + cpu
                counts[role] = counts.get(role, 0) + 1
        return seconds, counts

    def roles(self) -> str:
        """Each process's role, peak RSS/PSS in MB, CPU seconds and share of time asleep."""
        return ", ".join(
            f"{role} {rss / 2**20:.0f}/{pss / 2**20:.0f} MB {self.cpu.get(pid, 0.0):.1f} s "
            f"({100 * self.asleep(pid):.0f}% asleep)"
            for pid, (role, rss, pss) in self.per_process.items() if rss)

    def run(self) -> None:
        """Poll until stopped."""
        while not self.stopped.wait(POLL_S):
            self.poll()

    def poll(self) -> None:
        """Read every process of the tree once; update the peaks.

        A poll during which a process exited does not count towards the summed peaks: the pages
        it shared go to the processes read after it, so the sum would count them twice (the
        workers' exit at the end of a crawl added up to 15 MB of PSS that way).
        """
        pids = process_tree(self.pid)
        rss = pss = 0
        complete = True
        for pid in pids:
            r, p = memory_of(pid)
            complete = complete and r > 0
            rss, pss = rss + r, pss + p
            self._note(pid, r, p)
            self._note_sched(pid, time.monotonic())
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu_seconds(pid))
        if complete and process_tree(self.pid) == pids:
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.peak_main_rss = max(self.peak_main_rss, memory_of(self.pid)[0])


@contextmanager
def static_server(root: Path) -> Iterator[tuple[str, int]]:
    """Run :mod:`bench.static_server` on ``root``; yields (origin, server pid)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.static_server", str(root)], cwd=ROOT,
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        origin = process.stdout.readline().strip()
        if not origin.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"the static server did not start: {origin!r}")
        yield origin, process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def crawl_command(origin: str, work: Path, settings: list[str], profile: Path | None) -> list[str]:
    """The ``scrapy crawl news`` command line."""
    runner = [sys.executable, "-m", "scrapy"]
    if profile is not None:
        runner = [sys.executable, "-c", PROFILED_SCRAPY, str(profile)]
    command = [*runner, "crawl", "news",
               "-a", f"start_urls={origin}/sitemap.xml,{origin}/"]
    for setting in [*CRAWL_SETTINGS, f"NEWSCLEAN_OUTPUT_DIR={work / 'output'}",
                    f"LOG_FILE={work / 'crawl.log'}",
                    f"NEWSCLEAN_STATE_DIR={work / 'state'}", *settings]:
        command += ["-s", setting]
    return command


def profile_scrapy() -> None:
    """``scrapy sys.argv[2:]`` under a CPU-time cProfile written to ``sys.argv[1]``."""
    from scrapy.cmdline import execute

    profiler = cProfile.Profile(time.process_time)
    path, args = sys.argv[1], sys.argv[2:]
    profiler.enable()
    try:
        execute(["scrapy", *args])
    finally:
        profiler.disable()
        profiler.dump_stats(path)


def run_crawl(label: str, origin: str, work: Path, settings: list[str],
              profile: Path | None = None) -> CrawlFigures:
    """Run one crawl and measure it."""
    work.mkdir(parents=True)
    command = crawl_command(origin, work, settings, profile)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    poller = TreePoller(process.pid)
    poller.start()
    _, status, usage = os.wait4(process.pid, 0)  # rusage: the process and its reaped children
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    poller.stopped.set()
    poller.join()
    by_role, counts = poller.cpu_by_role()
    stats = {key: float(value) for key, value in STAT.findall(
        (work / "crawl.log").read_text("utf-8", errors="replace"))}
    return CrawlFigures(
        label=label, wall_s=wall, records=int(stats.get("item_scraped_count", 0)),
        responses=int(stats.get("response_received_count", 0)),
        cpu_s=usage.ru_utime + usage.ru_stime + poller.descendants_cpu(),
        reactor_cpu_s=poller.cpu.get(process.pid, 0.0), peak_rss=poller.peak_rss,
        peak_pss=poller.peak_pss, peak_main_rss=poller.peak_main_rss, returncode=process.returncode,
        roles=poller.roles(), cpu_by_role=by_role, role_counts=counts,
    )


def bare_scrapy_line(origin: str, paths: list[str], work: Path, extract_ms: float) -> str:
    """Fetch ``paths`` with :mod:`bench.bare_spider`; its pages/s and CPU per page, as a line."""
    work.mkdir(parents=True)
    url_file = work / "urls.txt"
    url_file.write_text("".join(f"{origin}{path}\n" for path in paths), "utf-8")
    # cwd outside the project: runspider then uses Scrapy's defaults, not crawler/settings.py.
    report = work / "report.json"
    command = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "bench" / "bare_spider.py"),
               "-a", f"urls={url_file}", "-a", f"report={report}",
               "-s", "ROBOTSTXT_OBEY=0", "-s", "LOG_LEVEL=WARNING",
               "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32",
               "-s", "TELNETCONSOLE_ENABLED=0", "-s", "REMOTE_CONTROL_ENABLED=0"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    if process.wait() != 0 or not report.exists():
        return "Scrapy alone: the bare spider FAILED"
    wall = time.perf_counter() - started
    measured = json.loads(report.read_text("utf-8"))
    cpu_ms = measured["cpu_s"] * 1000 / max(1, measured["answers"] - 1)
    return (f"Scrapy alone (default settings, a spider that does nothing, {len(paths)} of the "
            f"pages): {len(paths) / wall:.1f} pages/s with start-up, CPU {cpu_ms:.2f} ms per "
            f"page between its first and last answer, "
            f"against the {overhead_budget(extract_ms):.2f} ms per article beyond extraction "
            f"that a 1.6 ratio allows")


def extraction_only(
    site: Path, paths: list[str], origin: str, sample: int
) -> tuple[int, float, float]:
    """Pages, pages/s (wall) and pages/s (CPU) of the pool's task function, in this process."""
    from pipelines.body import CleaningOptions
    from pipelines.worker_pool import PageTask, init_worker, run_task

    init_worker()
    step = max(1, len(paths) // sample)
    chosen = paths[::step][:sample]
    options = CleaningOptions()
    tasks = [
        PageTask((site / p.lstrip("/") / "index.html").read_bytes(), origin + p,
                 "text/html; charset=utf-8", None, options)
        for p in chosen
    ]
    started, started_cpu = time.perf_counter(), time.process_time()
    articles = sum(run_task(task).record is not None for task in tasks)
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    if articles != len(tasks):
        print(f"warning: {len(tasks) - articles} sample pages gave no record", flush=True)
    return len(tasks), len(tasks) / elapsed, len(tasks) / elapsed_cpu


def top_functions(profile: Path, limit: int = 25, key: str = "tottime") -> str:
    """The reactor process's functions by own (``tottime``) or ``cumulative`` CPU time."""
    out = io.StringIO()
    pstats.Stats(str(profile), stream=out).sort_stats(key).print_stats(limit)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(lines[start:])


def main(argv: list[str] | None = None) -> int:
    """Generate, serve, measure, print."""
    parser = argparse.ArgumentParser(prog="python -m bench.crawl_bench", description=__doc__)
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--extract-sample", type=int, default=600,
                        help="pages of the single-process extraction pass (default 600)")
    parser.add_argument("--inline-items", type=int, default=600,
                        help="records after which the inline crawl stops (0 = skip it)")
    parser.add_argument("--bare-pages", type=int, default=3000,
                        help="pages Scrapy alone fetches for its CPU per page (0 = skip it)")
    parser.add_argument("--workers", type=int, default=None, help="EXTRACT_WORKERS of the crawl")
    parser.add_argument("--jobdir", action="store_true",
                        help="disk queues: JOBDIR in the work folder")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="extra Scrapy setting for both crawls")
    parser.add_argument("--profile", action="store_true", help="cProfile the pool crawl")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="newsclean-bench-"))
    site = work / "site"
    site.mkdir()
    print(f"load average at start: {os.getloadavg()}; cores: {os.cpu_count()}", flush=True)
    with static_server(site) as (origin, server_pid):
        started = time.perf_counter()
        paths = generate_site(site, args.pages, origin)
        size = sum((site / p.lstrip("/") / "index.html").stat().st_size for p in paths)
        print(f"site: {len(paths)} articles, mean {size / len(paths) / 1024:.0f} KB, generated "
              f"in {time.perf_counter() - started:.1f} s, served at {origin}", flush=True)

        sample, extract_rate, cpu_rate = extraction_only(
            site, paths, origin, args.extract_sample)
        print(f"extraction only (one process, {sample} of the pages): {extract_rate:.1f} "
              f"pages/s ({cpu_rate:.1f} per CPU second)", flush=True)

        settings = list(args.set)
        if args.workers is not None:
            settings.append(f"EXTRACT_WORKERS={args.workers}")
        if args.jobdir:
            settings.append(f"JOBDIR={work / 'job'}")
        profile = work / "crawl.prof" if args.profile else None
        server_cpu = cpu_seconds(server_pid)
        pooled = run_crawl("crawl, extraction pool", origin, work / "pool", settings, profile)
        server_cpu = cpu_seconds(server_pid) - server_cpu
        print("\n".join(pooled.lines(1000 / cpu_rate)), flush=True)
        print(f"  static server CPU {server_cpu:.1f} s (not counted above)", flush=True)
        ratio = pooled.pages_per_s / extract_rate
        print(memory_verdict(pooled.peak_rss, pooled.peak_pss), flush=True)
        print(f"ratio end to end / extraction only: {ratio:.2f} (target >= 1.6)", flush=True)

        if args.inline_items:
            inline = run_crawl(
                "crawl, inline (EXTRACT_WORKERS=0)", origin, work / "inline",
                [*args.set, "EXTRACT_WORKERS=0", f"CLOSESPIDER_ITEMCOUNT={args.inline_items}"],
            )
            print("\n".join(inline.lines(1000 / cpu_rate)), flush=True)
            if inline.pages_per_s:
                print(f"pool / inline: {pooled.pages_per_s / inline.pages_per_s:.2f}", flush=True)
        if args.bare_pages:
            print(bare_scrapy_line(origin, paths[:args.bare_pages], work / "bare",
                                   1000 / cpu_rate), flush=True)
    if profile is not None:
        print("profile of the reactor process (pool crawl), by own CPU time:")
        print(top_functions(profile))
        print("by cumulative CPU time:")
        print(top_functions(profile, 40, "cumulative"))
    print(f"load average at end: {os.getloadavg()}")
    if args.keep:
        print(f"work folder kept: {work}")
    else:
        subprocess.run(["rm", "-rf", str(work)], check=False)
    return 0 if pooled.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
