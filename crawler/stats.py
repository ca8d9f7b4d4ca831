"""The crawl's stats collector: Scrapy's in-memory one, without its per-call shim.

Scrapy 2.19's ``StatsCollector.__getattribute__`` wraps every ``inc_value``/``set_value``...
in a checker that warns about the deprecated ``spider`` argument: two extra Python calls for
each of the ~45 stats updates a page makes on the reactor thread. The methods themselves are
unchanged (they still accept ``spider``); only the warning about passing it is gone.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class CrawlStatsCollector(MemoryStatsCollector):
    """``MemoryStatsCollector`` with plain attribute access."""

    __getattribute__ = object.__getattribute__
