"""Requests and records of a first and a second (incremental) crawl of a generated local site.

    python -m bench.incremental_bench [--articles 1000] [--edit 10]

Generates a site of N articles (``bench.incremental_site``), serves it on 127.0.0.1, crawls it
twice with the real ``news`` spider and one state folder, optionally edits some articles in
between (they must come back with ``updated: true``), and prints per run: requests sent, article
pages requested, 304s, records written, ``incremental/*`` stats and the wall time.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.incremental_site import SiteServer, edit_article, serve, write_site

ROOT = Path(__file__).resolve().parent.parent
# Loopback crawl: no politeness delays; the safety middleware must let 127.0.0.1 through.
LOCAL_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=0", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "SAFETY_ALLOWED_HOSTS=127.0.0.1", "TELNETCONSOLE_ENABLED=0", "LOG_LEVEL=INFO",
)
_STAT = re.compile(r"'([\w/.\-]+)': (\d+)")


@dataclass
class CrawlRun:
    """One crawl: exit status, log, stats, what the server saw, new records."""

    returncode: int
    stderr: str
    stats: dict[str, int]
    hits: dict[str, int]
    not_modified: int
    records: list[dict[str, Any]]
    seconds: float

    @property
    def article_requests(self) -> int:
        """Requests for article pages that reached the server."""
        return sum(count for path, count in self.hits.items() if path.startswith("/news/"))


def crawl_command(start_urls: list[str], output_dir: Path, state_dir: Path,
                  *settings: str) -> list[str]:
    """The ``scrapy crawl news`` command line for a local site."""
    command = [sys.executable, "-m", "scrapy", "crawl", "news",
               "-a", f"start_urls={','.join(start_urls)}"]
    for setting in (*LOCAL_SETTINGS, f"NEWSCLEAN_OUTPUT_DIR={output_dir}",
                    f"NEWSCLEAN_STATE_DIR={state_dir}", *settings):
        command += ["-s", setting]
    return command


def start_urls(site: SiteServer) -> list[str]:
    """Home page and robots.txt (whose Sitemap: line lists every article)."""
    return [site.url("/"), site.url("/robots.txt")]


def read_records(output_dir: Path, skip: set[Path] | None = None) -> list[dict[str, Any]]:
    """Every record of every ``*.jsonl`` in ``output_dir`` (except the ``skip`` files)."""
    return [
        json.loads(line)
        for path in sorted(output_dir.glob("*.jsonl")) if path not in (skip or set())
        for line in path.read_text("utf-8").splitlines()
    ]


def crawl_stats(log: str) -> dict[str, int]:
    """The integer stats of Scrapy's end-of-crawl stats dump."""
    dump = log.rsplit("Dumping Scrapy stats:", 1)
    return {key: int(value) for key, value in _STAT.findall(dump[1])} if len(dump) == 2 else {}


def run_crawl(site: SiteServer, output_dir: Path, state_dir: Path, *settings: str,
              timeout: float = 600) -> CrawlRun:
    """Crawl ``site`` once in a subprocess; return what happened."""
    before = set(output_dir.glob("*.jsonl"))
    site.reset_counts()
    started = time.monotonic()
    done = subprocess.run(
        crawl_command(start_urls(site), output_dir, state_dir, *settings),
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
    )
    seconds = time.monotonic() - started
    return CrawlRun(done.returncode, done.stderr, crawl_stats(done.stderr), dict(site.hits),
                    sum(site.not_modified.values()), read_records(output_dir, before), seconds)


def report(name: str, run: CrawlRun) -> str:
    """One line of figures for a run."""
    updated = sum(1 for record in run.records if record.get("updated"))
    incremental = ", ".join(f"{key.split('/', 1)[1]}={value}"
                            for key, value in sorted(run.stats.items())
                            if key.startswith("incremental/"))
    return (f"{name}: requests {run.stats.get('downloader/request_count', 0)} "
            f"(article pages {run.article_requests}, 304 {run.not_modified}), "
            f"records {len(run.records)} (updated {updated}), {run.seconds:.1f} s; {incremental}")


def main(argv: list[str] | None = None) -> int:
    """Generate, serve, crawl twice, print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.incremental_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edit", type=int, default=0, help="articles edited before run 2")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsclean-incremental-") as tmp:
        root, output_dir, state_dir = (Path(tmp) / name for name in ("site", "output", "state"))
        write_site(root, args.articles)
        with serve(root) as site:
            print(f"site: {args.articles} articles at {site.origin}", flush=True)
            first = run_crawl(site, output_dir, state_dir)
            print(report("run 1", first), flush=True)
            for i in range(args.edit):
                edit_article(root, i * max(1, args.articles // max(1, args.edit)),
                             f"This story was corrected, edit number {i}. " * 8)
            second = run_crawl(site, output_dir, state_dir)
            print(report("run 2", second), flush=True)
    return 0 if first.returncode == second.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
