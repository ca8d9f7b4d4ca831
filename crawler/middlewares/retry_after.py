"""Respect 429/503 answers: pause only that domain's slot, then let RetryMiddleware retry.

On a 429 or 503 the domain's downloader slot is paused: for ``Retry-After`` seconds (or until its
HTTP date) when the server says so, else for an exponential backoff (``POLITENESS_BACKOFF_BASE``
doubled on each further 429/503 of that domain, capped by ``POLITENESS_BACKOFF_MAX``). The
response then goes on to Scrapy's RetryMiddleware (this middleware sits just above it, at 560),
which schedules the retry with its usual budget (``RETRY_TIMES``) and stats; the retry waits in
the paused slot, other domains go on. A ``Retry-After`` above ``POLITENESS_MAX_RETRY_AFTER`` is
not waited for: the request is given up (``IgnoreRequest``) and the slot pauses for the cap.

A pause raises the slot's delay (jitter off) so that its next request starts just after the
pause's end, and a timer restores the slot's delay and jitter at the end, so the requests after
the retry are spaced as before. The delay is re-asserted on every request of a paused slot,
because AutoThrottle lowers slot delays after fast responses.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic
from typing import TYPE_CHECKING, Self

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import CallLaterResult, call_later

from crawler.middlewares.slots import existing_slot, slot_key

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.core.downloader import Slot
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

_SECONDS = re.compile(r"\d+(?:\.\d+)?")


def parse_retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (seconds or HTTP date); None if invalid."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if _SECONDS.fullmatch(text):
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(strikes: int, base: float, cap: float) -> float:
    """``base`` doubled for each 429/503 after the first, at most ``cap``."""
    return min(cap, base * 2 ** max(0, strikes - 1))


# The slot's own timer fires this long after ours, so the restored delay is in place by then.
_MARGIN_S = 0.05


@dataclass
class _Pause:
    """A paused slot: when the pause ends, what to restore then, and the restore timer."""

    slot: Slot
    until: float
    saved_delay: float
    saved_jitter: float
    timer: CallLaterResult | None = None


class RetryAfterMiddleware:
    """Pause a domain after 429/503 (Retry-After or backoff) and leave the retry to Scrapy."""

    def __init__(self, crawler: Crawler, codes: set[int], max_wait: float,
                 backoff_base: float, backoff_max: float) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.codes = codes
        self.max_wait = max_wait
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.pauses: dict[str, _Pause] = {}
        self.strikes: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read ``POLITENESS_RETRY_AFTER_*``, ``POLITENESS_MAX_RETRY_AFTER``, backoff settings."""
        settings = crawler.settings
        if not settings.getbool("POLITENESS_RETRY_AFTER_ENABLED", True):
            raise NotConfigured("POLITENESS_RETRY_AFTER_ENABLED is off")
        codes = {int(code) for code in settings.getlist("POLITENESS_RETRY_AFTER_HTTP_CODES",
                                                        [429, 503])}
        not_retried = codes - {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
        if settings.getbool("RETRY_ENABLED") and not_retried:
            logger.warning("HTTP %s pause the domain but are not in RETRY_HTTP_CODES: "
                           "such requests are not retried", sorted(not_retried))
        middleware = cls(
            crawler, codes,
            max_wait=settings.getfloat("POLITENESS_MAX_RETRY_AFTER", 120.0),
            backoff_base=settings.getfloat("POLITENESS_BACKOFF_BASE", 1.0),
            backoff_max=settings.getfloat("POLITENESS_BACKOFF_MAX", 60.0),
        )
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_request(self, request: Request) -> None:
        """Keep a paused slot paused (AutoThrottle may have lowered its delay)."""
        key = slot_key(self.crawler, request)
        if key in self.pauses:
            self._hold(self.pauses[key])

    def process_response(self, request: Request, response: Response) -> Response:
        """Pause the slot on 429/503 (Retry-After or backoff); give up above the cap."""
        key = request.meta.get("download_slot") or slot_key(self.crawler, request)
        status = response.status
        if status not in self.codes:
            self.strikes.pop(key, None)
            return response
        wait = parse_retry_after(response.headers.get(b"Retry-After"))
        if wait is None:
            self.strikes[key] = self.strikes.get(key, 0) + 1
            wait = backoff_delay(self.strikes[key], self.backoff_base, self.backoff_max)
            self.stats.inc_value(f"politeness/retry_after/backoff/{status}")
        elif wait > self.max_wait:
            self.stats.inc_value(f"politeness/retry_after/too_long/{status}")
            self._pause(key, self.max_wait)
            logger.warning(
                "Gave up %s: HTTP %d asks to retry after %.0f s, more than "
                "POLITENESS_MAX_RETRY_AFTER (%.0f s)", request, status, wait, self.max_wait,
            )
            raise IgnoreRequest(f"Retry-After {wait:.0f} s exceeds POLITENESS_MAX_RETRY_AFTER")
        else:
            self.stats.inc_value(f"politeness/retry_after/honoured/{status}")
        self._pause(key, wait)
        logger.info("HTTP %d from %s: pausing %s for %.1f s", status, request, key, wait)
        return response

    def spider_closed(self) -> None:
        """Cancel the restore timers still pending."""
        for pause in self.pauses.values():
            if pause.timer is not None:
                pause.timer.cancel()
        self.pauses.clear()

    def _pause(self, key: str, wait: float) -> None:
        """Start or extend the pause of the slot ``key``."""
        slot = existing_slot(self.crawler, key)
        if slot is None:
            return
        until = monotonic() + wait
        pause = self.pauses.get(key)
        if pause is None or pause.slot is not slot:
            pause = self.pauses[key] = _Pause(slot, until, slot.delay, slot.jitter)
        elif until <= pause.until:
            return
        pause.until = until
        if pause.timer is not None:
            pause.timer.cancel()
        pause.timer = call_later(wait, self._resume, key)
        self.stats.inc_value("politeness/retry_after/paused")
        self._hold(pause)

    def _hold(self, pause: _Pause) -> None:
        """Make the slot's next request start just after the end of its pause."""
        pause.slot.jitter = 0.0
        pause.slot.delay = max(pause.slot.delay,
                               pause.until + _MARGIN_S - pause.slot.lastseen)

    def _resume(self, key: str) -> None:
        """End the pause: the slot gets back its delay and jitter."""
        pause = self.pauses.pop(key, None)
        if pause is None:
            return
        pause.slot.delay = pause.saved_delay
        pause.slot.jitter = pause.saved_jitter
        self.stats.inc_value("politeness/retry_after/resumed")
        logger.debug("Resumed %s (delay %.2f s)", key, pause.saved_delay)
