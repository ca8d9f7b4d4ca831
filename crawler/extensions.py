"""The end-of-crawl summary line, and the one definition of what counts as a failure.

:func:`failure_counts` turns the crawl stats into failures by kind, in words an operator reads
(``timeout``, ``too_large``, ``redirect_loop``, ``http_500``, ``failed/not_html``...), one per
request or page given up: a download error that was retried and then succeeded is no failure.
:func:`refusal_counts` lists what was not fetched on purpose (robots.txt, safety, off-site,
4xx answers) and :func:`skip_counts` the links not followed (URL filters, depth, length). The
summary line and ``newsclean crawl``'s failure rate (:mod:`pipelines.failure_rate`) both read
:func:`failure_total`.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from pipelines.output import output_closed

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
# Links found but not followed.
SKIP_STATS: dict[str, str] = {
    "depth/request_ignored_count": "too_deep",
    "discovery/depth_limit": "too_deep",
    "urllength/request_ignored_count": "url_too_long",
    "discovery/page_limit": "page_limit",
    "discovery/too_old": "too_old",
    "discovery/filtered/offsite": "offsite",
}


class CrawlSummary:
    """Logs and prints one line when the spider closes; optionally writes the stats as JSON."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.stats_file = crawler.settings.get("NEWSCLEAN_STATS_FILE") or ""
        self.outputs: list[str] = []
        self.reason = "unknown"

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
        """Remember why the crawl ended."""
        self.reason = reason

    def engine_stopped(self) -> None:
        """Emit the summary (and write the stats file when ``NEWSCLEAN_STATS_FILE`` is set)."""
        stats = self.stats.get_stats()
        line = summary_line(stats, self.outputs, self.reason)
        logger.info(line)
        print(line, flush=True)
        if self.stats_file:
            write_stats(stats, Path(self.stats_file))


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
