"""Run one scheduled crawl of the ``news`` spider, as cron (or any scheduler) would.

    newsclean crawl --sources sources.toml [--only NAME] [-s NAME=VALUE ...]
    newsclean crawl --start-urls https://example.com/,https://example.com/feed.xml

The crawl runs in this process with the project settings (``scrapy.cfg`` found from the
working directory, else ``crawler.settings``). A lock per source in the state folder
(``NEWSCLEAN_STATE_DIR``, ``locks/``) keeps two runs of the same source from overlapping: the
second one prints a message and exits 0 without starting Scrapy. (The crawl takes the same locks
itself, ``crawler.extensions.CrawlGuard``, which covers scrapyd jobs too.) Exit status: 0 the
crawl ran (or was skipped), 1 it could not start, 3 its failure rate passed
``NEWSCLEAN_MAX_FAILURE_RATE`` (the crawl then also closed as ``failure_rate_exceeded``), 4 its
extraction workers could not run (it closed as ``extract_pool_failed``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.extensions import FailureRate, failure_rate, max_failure_rate
from pipelines.crawl_lock import CrawlLock, LockHeld, lock_names
from pipelines.extraction_stage import POOL_FAILED_REASON

if TYPE_CHECKING:
    from scrapy.settings import Settings

SPIDER = "news"
SETTINGS_MODULE = "crawler.settings"
EXIT_OK = 0
EXIT_NOT_STARTED = 1
EXIT_FAILURE_RATE = 3
EXIT_POOL_FAILED = 4


class UsageError(ValueError):
    """A bad ``newsclean crawl`` command line."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``crawl`` options."""
    parser.add_argument("--sources", metavar="FILE", help="the sources file (sources.toml)")
    parser.add_argument("--only", metavar="NAME[,NAME]", help="crawl only these sources")
    parser.add_argument(
        "--start-urls", metavar="URLS",
        help="comma-separated start pages, feeds, sitemaps or robots.txt (an ad-hoc source)",
    )
    parser.add_argument(
        "-s", "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable)",
    )


def run(args: argparse.Namespace) -> int:
    """Take the source's lock, crawl, report; the exit status says how it went."""
    spider_args = spider_arguments(args)
    settings = project_settings(parse_overrides(args.settings))
    state_dir = Path(settings.get("NEWSCLEAN_STATE_DIR") or "state")
    names = lock_names(spider_args, load_source_names)
    try:
        with CrawlLock(state_dir / "locks", names):
            stats = crawl(settings, spider_args)
    except LockHeld as held:
        print(f"another crawl of {held.name} is running (pid {held.pid}); skipping", flush=True)
        return EXIT_OK
    if stats is None:
        print(f"{SPIDER} crawl could not start (see the log above)", file=sys.stderr)
        return EXIT_NOT_STARTED
    if stats.get("finish_reason") == POOL_FAILED_REASON:
        print(f"{SPIDER} crawl closed as {POOL_FAILED_REASON}: no page could be extracted "
              "(see the log above)", file=sys.stderr, flush=True)
        return EXIT_POOL_FAILED
    return verdict(failure_rate(stats), max_failure_rate(settings))


def spider_arguments(args: argparse.Namespace) -> dict[str, str]:
    """The ``-a`` arguments of the ``news`` spider from the command line."""
    if not args.sources and not args.start_urls:
        raise UsageError("give --sources FILE or --start-urls URLS")
    if args.only and not args.sources:
        raise UsageError("--only needs --sources")
    if args.sources and not Path(args.sources).is_file():
        raise UsageError(f"no sources file at {args.sources}")
    spider_args = {"start_urls": args.start_urls, "sources": args.sources, "only": args.only}
    return {key: value for key, value in spider_args.items() if value}


def parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """``NAME=VALUE`` strings as a dict; a pair without ``=`` is a usage error."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"-s expects NAME=VALUE, got {pair!r}")
        overrides[name.strip()] = value
    return overrides


def project_settings(overrides: Mapping[str, str]) -> Settings:
    """The project settings (``scrapy.cfg`` from the cwd, else ``crawler.settings``) plus ``-s``."""
    from scrapy.utils.conf import closest_scrapy_cfg
    from scrapy.utils.project import get_project_settings

    if "SCRAPY_SETTINGS_MODULE" not in os.environ and not closest_scrapy_cfg():
        os.environ["SCRAPY_SETTINGS_MODULE"] = SETTINGS_MODULE
    settings = get_project_settings()
    settings.setdict(dict(overrides), priority="cmdline")
    return settings


def load_source_names(path: str, only: str | None) -> list[str]:
    """The names of the sources a run covers: ``only`` (comma-separated), else all in the file."""
    from crawler.sources import SourcesError, load_sources

    try:
        names = [source.name for source in load_sources(path)]
    except SourcesError as exc:
        raise UsageError(f"bad sources file: {exc}") from exc
    if not only:
        return names
    wanted = sorted({name.strip() for name in only.split(",") if name.strip()})
    unknown = [name for name in wanted if name not in names]
    if unknown:
        raise UsageError(f"--only {only}: no source named {', '.join(unknown)} in {path} "
                         f"(it has: {', '.join(names)})")
    return wanted


def crawl(settings: Settings, spider_args: Mapping[str, str]) -> dict[str, Any] | None:
    """Run the ``news`` spider to the end in this process; its stats, or None if it never ran."""
    from scrapy.crawler import CrawlerProcess

    for handler in list(logging.root.handlers):  # Scrapy installs its own root handler
        logging.root.removeHandler(handler)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SPIDER)
    process.crawl(crawler, **spider_args)
    process.start()
    if process.bootstrap_failed or crawler.stats is None:
        return None
    return crawler.stats.get_stats()


def verdict(rate: FailureRate, threshold: float) -> int:
    """Print the failure-rate line; ``EXIT_FAILURE_RATE`` when the rate passes ``threshold``."""
    line = f"newsclean crawl: {rate.describe(threshold)}"
    if rate.rate > threshold:
        print(f"{line}: too many failures", file=sys.stderr, flush=True)
        return EXIT_FAILURE_RATE
    print(line, flush=True)
    return EXIT_OK
