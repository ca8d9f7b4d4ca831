"""The crawl process's cyclic garbage collector, tuned for a long crawl on the reactor thread.

Every request and response allocates dozens of container objects (Deferreds, coroutines, dicts,
headers), so CPython's collector runs its youngest generation every 700 allocations and, now
and then, a full collection that walks every object the process holds, most of them modules,
classes and settings loaded at start-up that never become garbage. This extension, once the
engine has started, moves what exists then into the permanent generation (``gc.freeze()``:
full collections no longer walk it) and raises the first threshold
(``NEWSCLEAN_GC_THRESHOLD``), so that young objects are examined less often. Both are
given back when the engine stops (several crawls may share a process). Garbage is still
collected: only how often, and over what, changes.
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class _Tuned:
    """The process's collector settings before the first running crawl tuned them."""

    crawls = 0  # running crawls that tuned the collector
    previous: tuple[int, int, int] = gc.get_threshold()


class GcTuning:
    """Freeze start-up objects and raise the youngest generation's threshold while crawling.

    Settings: ``NEWSCLEAN_GC_TUNING`` (on by default), ``NEWSCLEAN_GC_THRESHOLD`` (allocations
    between collections of the youngest generation; CPython's default is 700). Crawls running
    at once in one process share the tuning: the last one to stop gives the settings back.
    """

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.running = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GcTuning:
        """Off when ``NEWSCLEAN_GC_TUNING`` is false."""
        settings = crawler.settings
        if not settings.getbool("NEWSCLEAN_GC_TUNING", True):
            raise NotConfigured("NEWSCLEAN_GC_TUNING is off")
        extension = cls(max(1, settings.getint("NEWSCLEAN_GC_THRESHOLD", 700)))
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self) -> None:
        """Collect once, freeze what is left, raise the threshold."""
        if self.running:
            return
        self.running = True
        _Tuned.crawls += 1
        if _Tuned.crawls == 1:
            _Tuned.previous = gc.get_threshold()
            gc.collect()
            gc.freeze()
        _, middle, oldest = _Tuned.previous
        gc.set_threshold(self.threshold, middle, oldest)

    def engine_stopped(self) -> None:
        """Give the thresholds back and let full collections see the frozen objects again."""
        if not self.running:
            return
        self.running = False
        _Tuned.crawls -= 1
        if _Tuned.crawls == 0:
            gc.set_threshold(*_Tuned.previous)
            gc.unfreeze()
