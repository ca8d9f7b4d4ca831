"""The end-of-crawl summary line, and the one definition of what counts as a failure.

:func:`failure_counts` turns the crawl stats into failures by kind, in words an operator reads
(``timeout``, ``too_large``, ``redirect_loop``, ``http_500``, ``failed/not_html``...), one per
request or page given up: a download error that was retried and then succeeded is no failure.
:func:`refusal_counts` lists what was not fetched on purpose (robots.txt, safety, off-site,
4xx answers) and :func:`skip_counts` the links not followed (URL filters, depth, length). The
summary line and the failure rate (:func:`failure_rate`) both read :func:`failure_counts`.

:class:`CrawlGuard` makes every crawl (``newsclean crawl``, ``scrapy crawl``, a scrapyd job) take
its sources' locks and check its failure rate, and says what it did in the close reason: scrapyd
has no exit status to carry it.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured

from crawler.sources import ADHOC_NAME
from pipelines.crawl_lock import CrawlLock, LockHeld, names_to_lock
from pipelines.output import output_closed

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

    from crawler.sources import Source

logger = logging.getLogger(__name__)

# Stats whose keys name a failure; kept for callers that filter keys by prefix.
FAILURE_PREFIXES = ("extract/failed/", "validate/invalid", "spider_exceptions/",
                    "downloader/exception_type_count/", "news/failed/", "redirect/loop",
                    "httperror/response_ignored_status_count/")
EXCEPTION_PREFIX = "downloader/exception_type_count/"
RETRIED_PREFIX = "retry/reason_count/"
HTTP_STATUS_PREFIX = "httperror/response_ignored_status_count/"
IGNORED = f"{EXCEPTION_PREFIX}scrapy.exceptions.IgnoreRequest"
# Known unchanged entries dropped at download time (crawler.incremental) raise IgnoreRequest;
# they are not failures. (Most are dropped before scheduling and never reach that stat.)
SKIPPED_KNOWN = "incremental/skipped_known_at_download"
# The failures and fetched pages of a JOBDIR job's earlier, interrupted runs (CrawlGuard).
EARLIER_FAILURES = "failure_rate/earlier_runs_failures"
EARLIER_PAGES = "failure_rate/earlier_runs_pages"
# The file in JOBDIR that carries them from one run of the job to the next.
EARLIER_RATE_FILE = "newsclean-failure-rate.json"

# Download exceptions (Scrapy's and Twisted's class paths) in an operator's words.
_TIMEOUT, _LOST, _REFUSED, _DNS = "timeout", "connection_lost", "connection_refused", "dns_error"
EXCEPTION_WORDS: dict[str, str] = {
    "twisted.internet.error.TimeoutError": _TIMEOUT,
    "twisted.internet.error.TCPTimedOutError": _TIMEOUT,
    "twisted.internet.defer.TimeoutError": _TIMEOUT,
    "scrapy.exceptions.DownloadTimeoutError": _TIMEOUT,
    "scrapy.exceptions.DownloadCancelledError": "too_large",  # DOWNLOAD_MAXSIZE on the wire
    "twisted.internet.defer.CancelledError": "too_large",
    "twisted.internet.error.ConnectionRefusedError": _REFUSED,
    "scrapy.exceptions.DownloadConnectionRefusedError": _REFUSED,
    "twisted.internet.error.DNSLookupError": _DNS,
    "scrapy.exceptions.CannotResolveHostError": _DNS,
    "twisted.internet.error.ConnectionLost": _LOST,
    "twisted.internet.error.ConnectionDone": _LOST,
    "twisted.web._newclient.ResponseNeverReceived": _LOST,
    "twisted.web._newclient.ResponseFailed": _LOST,
    "twisted.web.http._DataLoss": _LOST,
    "twisted.web.client.PartialDownloadError": _LOST,
    "scrapy.exceptions.ResponseDataLossError": _LOST,
    "scrapy.exceptions.DownloadFailedError": "download_failed",
    "OpenSSL.SSL.Error": "tls_error",
}
# Requests not sent on purpose: the component's own stat -> the summary's word.
REFUSAL_STATS: dict[str, str] = {
    "robotstxt/forbidden": "robots",
    "offsite/filtered": "offsite",
    "redirect/refused_scheme": "scheme",
}
REFUSAL_PREFIXES: dict[str, str] = {"safety/refused/": ""}  # safety/refused/<kind> -> <kind>
# The close reasons of CrawlGuard: another crawl holds a source's lock; too many failures.
LOCKED = "locked"
TOO_MANY_FAILURES = "failure_rate_exceeded"
DEFAULT_MAX_FAILURE_RATE = 0.2
# Links found but not followed.
SKIP_STATS: dict[str, str] = {
    "depth/request_ignored_count": "too_deep",
    "discovery/depth_limit": "too_deep",
    "urllength/request_ignored_count": "url_too_long",
    "discovery/page_limit": "page_limit",
    "discovery/too_old": "too_old",
    "discovery/filtered/offsite": "offsite",
    "redirect/to_seen_url": "redirect_to_seen_url",  # the duplicate filter dropped it
}


class CrawlSummary:
    """Logs and prints one line when the spider closes; optionally writes the stats as JSON."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.stats_file = crawler.settings.get("NEWSCLEAN_STATS_FILE") or ""
        self.outputs: list[str] = []
        self.reason = "unknown"
        self.done = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        """Connect to the output signals, ``spider_closed`` and ``engine_stopped``.

        The line is written at ``engine_stopped``: feed slots and the output stage close during
        ``spider_closed``, so only then is the output path known.
        """
        extension = cls(crawler)
        crawler.signals.connect(extension.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(extension.output_closed, signal=output_closed)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def feed_slot_closed(self, slot: Any) -> None:
        """Remember where the records went."""
        self.outputs.append(str(slot.uri))

    def output_closed(self, path: str) -> None:
        """Remember the output stage's file."""
        self.outputs.append(path)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Remember why the crawl ended; a ``locked`` crawl is summed up now.

        CrawlGuard closes a ``locked`` crawl before its engine starts, and Scrapy sends no
        ``engine_stopped`` for an engine that never ran.
        """
        self.reason = reason
        if reason == LOCKED:
            self.engine_stopped()

    def engine_stopped(self) -> None:
        """Emit the summary (and write the stats file when ``NEWSCLEAN_STATS_FILE`` is set)."""
        if self.done:
            return
        self.done = True
        stats = self.stats.get_stats()
        line = summary_line(stats, self.outputs, self.reason)
        logger.info(line)
        print(line, flush=True)
        if self.stats_file:
            write_stats(stats, Path(self.stats_file))


@dataclass(frozen=True)
class FailureRate:
    """Failures, pages fetched and their ratio for one run."""

    failures: int
    pages: int

    @property
    def rate(self) -> float:
        """Failures per fetched page; a run that fetched nothing but failed counts as 1.0."""
        if self.pages:
            return self.failures / self.pages
        return 1.0 if self.failures else 0.0

    def describe(self, threshold: float) -> str:
        """``failure rate 0.57 (4 failures, 7 pages fetched; NEWSCLEAN_MAX_FAILURE_RATE=0.3)``."""
        return (f"failure rate {self.rate:.2f} ({self.failures} failures, {self.pages} pages "
                f"fetched; NEWSCLEAN_MAX_FAILURE_RATE={threshold:g})")


def failure_rate(stats: Mapping[str, Any]) -> FailureRate:
    """The summary line's failures counted against ``response_received_count``.

    A job resumed from its ``JOBDIR`` adds the runs before it (:data:`EARLIER_FAILURES`,
    :data:`EARLIER_PAGES`, set by :class:`CrawlGuard`): the job's rate, not the last run's.
    """
    return FailureRate(failure_total(stats) + int(stats.get(EARLIER_FAILURES, 0)),
                       int(stats.get("response_received_count", 0))
                       + int(stats.get(EARLIER_PAGES, 0)))


def load_earlier_rate(path: Path) -> FailureRate:
    """The failures and pages of a job's interrupted runs, kept in its ``JOBDIR``; none if new.

    Scrapy's own stats start from zero on each resume and its ``SpiderState`` saves before
    later extensions' ``spider_closed`` handlers run, hence a file of the guard's own.
    """
    try:
        data = json.loads(path.read_text("utf-8"))
        return FailureRate(int(data["failures"]), int(data["pages"]))
    except FileNotFoundError:
        return FailureRate(0, 0)
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("ignoring unreadable %s (%s): the failure rate counts this run only",
                       path, error)
        return FailureRate(0, 0)


def save_earlier_rate(path: Path, rate: FailureRate) -> None:
    """Write ``rate`` for the next resume of the job, whole or not at all."""
    write_stats({"failures": rate.failures, "pages": rate.pages}, path)


def lock_names_of(sources: Sequence[Source]) -> list[str]:
    """The locks a crawl of ``sources`` takes: named sources by name, ad-hoc URLs by site."""
    named = [source.name for source in sources if source.name != ADHOC_NAME]
    adhoc = [url for source in sources if source.name == ADHOC_NAME for url in source.urls]
    return names_to_lock(named, adhoc)


class CrawlGuard:
    """Per-source locks and the failure-rate check, inside the crawl.

    - **Lock** (``NEWSCLEAN_LOCK_ENABLED``, on): when the spider opens, the locks of its sources
      are taken in ``NEWSCLEAN_STATE_DIR/locks`` (:mod:`pipelines.crawl_lock`). When another
      crawl holds one, the guard raises ``CloseSpider`` from ``spider_opened``: Scrapy (2.13+)
      then closes the crawl with the reason ``locked`` before the engine starts, so nothing is
      fetched, not even requests left in a ``JOBDIR`` queue. A warning names the holder.
    - **Failure rate** (``NEWSCLEAN_FAILURE_CHECK_ENABLED``, on): when the crawl has nothing left
      to do, failures per page fetched above ``NEWSCLEAN_MAX_FAILURE_RATE`` log an error and
      close it with the reason ``failure_rate_exceeded`` instead of ``finished``. A job paused
      and resumed with ``JOBDIR`` is judged on all its runs: a run that closes other than
      ``finished`` (``shutdown``, ``closespider_*``...) leaves its counts in
      ``JOBDIR/newsclean-failure-rate.json`` for the next one (stats
      ``failure_rate/earlier_runs_*``); a run killed outright leaves none, like Scrapy's stats.
    """

    def __init__(self, crawler: Crawler, lock_dir: Path, threshold: float | None) -> None:
        self.crawler = crawler
        self.lock_dir = lock_dir
        self.threshold = threshold
        self.lock: CrawlLock | None = None
        jobdir = crawler.settings.get("JOBDIR")
        self.earlier_rate_path = Path(jobdir) / EARLIER_RATE_FILE if jobdir else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlGuard:
        """Connect what the settings turn on; ``NotConfigured`` when both are off."""
        settings = crawler.settings
        locking = settings.getbool("NEWSCLEAN_LOCK_ENABLED", True)
        checking = settings.getbool("NEWSCLEAN_FAILURE_CHECK_ENABLED", True)
        if not locking and not checking:
            raise NotConfigured("NEWSCLEAN_LOCK_ENABLED and NEWSCLEAN_FAILURE_CHECK_ENABLED off")
        threshold = max_failure_rate(settings) if checking else None
        guard = cls(crawler, Path(settings.get("NEWSCLEAN_STATE_DIR") or "state") / "locks",
                    threshold)
        if locking:
            crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(guard.engine_stopped, signal=signals.engine_stopped)
        if checking:
            crawler.signals.connect(guard.spider_idle, signal=signals.spider_idle)
            if guard.earlier_rate_path is not None:
                crawler.signals.connect(guard.load_earlier_runs, signal=signals.spider_opened)
                crawler.signals.connect(guard.save_for_next_run, signal=signals.spider_closed)
        return guard

    def load_earlier_runs(self, spider: Spider) -> None:
        """Count the failures and pages of the job's interrupted runs into this run's rate."""
        assert self.crawler.stats is not None and self.earlier_rate_path is not None
        earlier = load_earlier_rate(self.earlier_rate_path)
        if earlier.pages or earlier.failures:
            self.crawler.stats.set_value(EARLIER_FAILURES, earlier.failures)
            self.crawler.stats.set_value(EARLIER_PAGES, earlier.pages)

    def save_for_next_run(self, spider: Spider, reason: str) -> None:
        """Keep the job's counts while its ``JOBDIR`` may still be resumed; forget them when done.

        Only ``finished`` ends a job (its queue is empty). A run closed otherwise (``shutdown``,
        ``closespider_*``, a failure) leaves its queue to resume; a ``locked`` run fetched nothing
        and leaves the file as it found it.
        """
        assert self.crawler.stats is not None and self.earlier_rate_path is not None
        if reason == LOCKED:
            return
        if reason == "finished":
            self.earlier_rate_path.unlink(missing_ok=True)
            return
        save_earlier_rate(self.earlier_rate_path, failure_rate(self.crawler.stats.get_stats()))

    def spider_opened(self, spider: Spider) -> None:
        """Take the locks of the spider's sources (``sources``: the news spider's)."""
        names = lock_names_of(getattr(spider, "sources", ()))
        if not names:
            return
        lock = CrawlLock(self.lock_dir, names)
        try:
            lock.acquire()
        except LockHeld as held:
            logger.warning("another crawl of %s is running (pid %s): closing without fetching "
                           "anything (finish: %s)", held.name, held.pid, LOCKED)
            raise CloseSpider(LOCKED) from None
        self.lock = lock

    def spider_idle(self, spider: Spider) -> None:
        """Close as ``failure_rate_exceeded`` instead of ``finished`` on too many failures."""
        assert self.crawler.stats is not None and self.threshold is not None
        rate = failure_rate(self.crawler.stats.get_stats())
        if rate.rate > self.threshold:
            logger.error("%s: too many failures (finish: %s)", rate.describe(self.threshold),
                         TOO_MANY_FAILURES)
            raise CloseSpider(TOO_MANY_FAILURES)

    def engine_stopped(self) -> None:
        """Release the locks once every component has closed (the output is written)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def max_failure_rate(settings: BaseSettings) -> float:
    """``NEWSCLEAN_MAX_FAILURE_RATE``: the failures per fetched page above which a run fails."""
    return settings.getfloat("NEWSCLEAN_MAX_FAILURE_RATE", DEFAULT_MAX_FAILURE_RATE)


def write_stats(stats: Mapping[str, Any], path: Path) -> None:
    """The stats as one JSON object (dates as ISO strings), written whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(dict(stats), default=str, indent=1, sort_keys=True), "utf-8")
    partial.replace(path)


def failure_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """Failures by kind: requests and pages given up, not the attempts that were retried."""
    counts: Counter[str] = Counter()
    for key, value in stats.items():
        if not isinstance(value, int) or not value:
            continue
        if key == IGNORED:
            counts[key] += max(0, value - _explained_ignores(stats))
        elif key.startswith(EXCEPTION_PREFIX):
            name = key.removeprefix(EXCEPTION_PREFIX)
            given_up = value - int(stats.get(RETRIED_PREFIX + name, 0))
            counts[exception_word(name)] += max(0, given_up)
        elif key.startswith(HTTP_STATUS_PREFIX):
            status = key.removeprefix(HTTP_STATUS_PREFIX)
            if is_server_failure(status):
                counts[f"http_{status}"] += value
        elif key.startswith("news/failed/"):
            counts[key.removeprefix("news/failed/")] += value
        elif key == "redirect/loop":
            counts["redirect_loop"] += value
        elif key.startswith("extract/failed/"):
            counts[key.removeprefix("extract/")] += value
        elif key == "validate/invalid" or key.startswith("spider_exceptions/"):
            counts[key] += value
    return {kind: n for kind, n in sorted(counts.items()) if n}


def failure_total(stats: Mapping[str, Any]) -> int:
    """All failures of a crawl: the sum of :func:`failure_counts`."""
    return sum(failure_counts(stats).values())


def refusal_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """Requests not sent on purpose (robots.txt, safety, off-site) and 4xx answers, by kind."""
    counts: Counter[str] = Counter()
    for key, value in stats.items():
        if not isinstance(value, int) or not value:
            continue
        if key in REFUSAL_STATS:
            counts[REFUSAL_STATS[key]] += value
        elif key.startswith("safety/refused/"):
            counts[key.removeprefix("safety/refused/")] += value
        elif key.startswith(HTTP_STATUS_PREFIX):
            status = key.removeprefix(HTTP_STATUS_PREFIX)
            if not is_server_failure(status):
                counts[f"http_{status}"] += value
    return dict(sorted(counts.items()))


def skip_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """Links found and not followed: URL filters (session ids, archives...), depth, length."""
    counts: Counter[str] = Counter()
    for key, value in stats.items():
        if not isinstance(value, int) or not value:
            continue
        if key in SKIP_STATS:
            counts[SKIP_STATS[key]] += value
        elif key.startswith("discovery/filtered/"):
            counts[key.removeprefix("discovery/filtered/")] += value
    return dict(sorted(counts.items()))


def exception_word(class_path: str) -> str:
    """A download exception's kind in words (``timeout``); else its class name, lower-case."""
    return EXCEPTION_WORDS.get(class_path) or class_path.rsplit(".", 1)[-1].lower()


def is_server_failure(status: str) -> bool:
    """5xx and 429 answers are failures; other 4xx (404, 410, 403) are the site's refusal."""
    return status.startswith("5") or status == "429"


def _explained_ignores(stats: Mapping[str, Any]) -> int:
    """IgnoreRequests some component counted as a refusal or a known skip."""
    refused = sum(int(stats.get(key, 0)) for key in ("robotstxt/forbidden", "offsite/filtered"))
    refused += sum(int(v) for k, v in stats.items()
                   if k.startswith("safety/refused/") and isinstance(v, int))
    return refused + int(stats.get(SKIPPED_KNOWN, 0))


def _listed(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{kind}={n}" for kind, n in counts.items())


def summary_line(stats: Mapping[str, Any], outputs: list[str], reason: str) -> str:
    """One line from the stats; the refused and not-followed parts only when not empty."""
    duplicates = stats.get("dedup/duplicate_url", 0) + stats.get("dedup/duplicate_content", 0)
    parts = [f"failures: {_listed(failure_counts(stats)) or 'none'}",
             f"output: {', '.join(outputs) or 'none'}"]
    if refused := refusal_counts(stats):
        parts.append(f"refused: {_listed(refused)}")
    if skipped := skip_counts(stats):
        parts.append(f"not followed: {_listed(skipped)}")
    return (
        f"newsclean summary: pages fetched {stats.get('response_received_count', 0)}, "
        f"articles written {stats.get('item_scraped_count', 0)}, "
        f"not articles {stats.get('extract/not_article', 0)}, "
        f"duplicates {duplicates}, {'; '.join(parts)} (finish: {reason})"
    )
