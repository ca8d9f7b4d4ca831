"""Item pipeline stage: a fetched page in, an article record out (or a counted drop).

Extraction runs in a process pool (:mod:`pipelines.worker_pool`) so that the reactor thread keeps
fetching while the workers parse; ``EXTRACT_WORKERS=0`` runs it inline on the reactor thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.asyncio import is_asyncio_available
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from twisted.internet.defer import Deferred

from crawler.items import FetchedPage
from pipelines.cleaning import CleaningOptions
from pipelines.record import ArticleRecord
from pipelines.site_rules import SiteRules
from pipelines.worker_pool import (
    POOL_FAILED,
    ExtractionPool,
    PageResult,
    PageTask,
    default_workers,
    init_worker,
    run_task,
)

logger = logging.getLogger(__name__)
# The crawl's close reason when the extraction pool's circuit breaker trips.
POOL_FAILED_REASON = "extract_pool_failed"


class ExtractionStage:
    """Runs :func:`pipelines.extract.extract_page` on every :class:`FetchedPage`.

    Settings: ``EXTRACT_ENABLED``, ``EXTRACT_WORKERS`` (processes; 0 = inline, default one per
    core), ``EXTRACT_MAX_IN_FLIGHT`` (pages handed to the pool at once, default 4 per worker),
    ``EXTRACT_WARM_UP`` (the workers' warm-up function, an import path; tests make it fail).
    Stats: ``extract/article``, ``extract/not_article``, ``extract/failed/<kind>``,
    ``extract/worker_crash`` (pool restarts), ``extract/workers``.

    When the pool fails (its workers cannot start, see :mod:`pipelines.worker_pool`), the crawl
    is closed with the reason ``extract_pool_failed``; the pages in hand count as
    ``extract/failed/pool_failed``.
    """

    def __init__(
        self, crawler: Crawler, options: CleaningOptions, pool: ExtractionPool | None = None
    ) -> None:
        self.stats = crawler.stats
        self.crawler = crawler
        self.rules_by_source: dict[str, SiteRules] = {}
        self.options = options
        self.pool = pool
        self.closing: Deferred[None] | None = None  # the crawl's close after a pool failure

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionStage:
        """Read ``EXTRACT_ENABLED``, ``EXTRACT_WORKERS`` and ``EXTRACT_MAX_IN_FLIGHT``."""
        settings = crawler.settings
        if not settings.getbool("EXTRACT_ENABLED", True):
            raise NotConfigured("EXTRACT_ENABLED is off")
        workers = settings.getint("EXTRACT_WORKERS", -1)
        if workers < 0:
            workers = default_workers()
        pool = None
        if workers > 0:
            warm_up: Callable[[], object] = load_object(
                settings.get("EXTRACT_WARM_UP") or init_worker)
            pool = ExtractionPool(
                workers,
                max_in_flight=settings.getint("EXTRACT_MAX_IN_FLIGHT", 0) or None,
                on_crash=lambda: crawler.stats.inc_value("extract/worker_crash"),
                warm_up=warm_up,
            )
        stage = cls(crawler, CleaningOptions(), pool)
        if pool is not None:
            pool.on_failure = stage.pool_failed
        crawler.signals.connect(stage.close_pool, signal=signals.engine_stopped)
        return stage

    def open_spider(self) -> None:
        """Read the sources' pinned selectors; start the workers so start-up overlaps fetching."""
        self.rules_by_source = site_rules_by_source(self.crawler.spider)
        self.stats.set_value("extract/workers", self.pool.workers if self.pool else 0)
        if self.pool is not None:
            self.pool.start_soon()

    def close_spider(self) -> None:
        """Stop the workers."""
        self.close_pool()

    def close_pool(self) -> None:
        """Stop the workers if they still run (also on engine stop, should close_spider not run)."""
        if self.pool is not None and not self.pool.closed:
            self.pool.close()

    def pool_failed(self, reason: str) -> None:
        """Close the crawl: no page can be extracted (the pool logged why)."""
        if self.closing is not None or not self.crawler.crawling:
            return  # no crawl runs (a stage used on its own) or it is closing already
        engine = self.crawler.engine
        self.closing = deferred_from_coro(engine.close_spider_async(reason=POOL_FAILED_REASON))
        self.closing.addErrback(lambda failure: logger.error(
            "closing the crawl after the extraction pool failed: %s", failure.value))

    async def process_item(self, item: object) -> object:
        """Replace a fetched page by its article record; drop pages that are not articles."""
        if not isinstance(item, FetchedPage):
            return item
        task = PageTask(item.body, item.url, item.content_type, item.fetched_at, self.options,
                        self.rules_by_source.get(item.source or ""))
        if self.pool is None or not is_asyncio_available():
            result = run_task(task)
        else:
            result = await self.pool.extract(task)
        return self.outcome(result, item.url)

    def outcome(self, result: PageResult, url: str) -> ArticleRecord:
        """Count the result; return the record or raise :exc:`DropItem`."""
        if result.record is not None:
            self.stats.inc_value("extract/article")
            return result.record
        error = result.error
        assert error is not None
        if error.kind == "not_article":
            self.stats.inc_value("extract/not_article")
            raise DropItem(f"not an article ({error.message}): {url}", log_level="DEBUG")
        self.stats.inc_value(f"extract/failed/{error.kind}")
        # the pool logged its failure once; the crawl is closing
        level = logging.DEBUG if error.kind == POOL_FAILED else logging.WARNING
        logger.log(level, "extraction failed (%s) for %s: %s", error.kind, url, error.message)
        raise DropItem(f"extraction failed ({error.kind}): {url}", log_level="DEBUG")


def site_rules_by_source(spider: object) -> dict[str, SiteRules]:
    """Each source's pinned selectors (a spider without sources pins none)."""
    rules = {}
    for source in getattr(spider, "sources", ()):
        pinned = source.overrides.site_rules()
        if pinned is not None:
            rules[source.name] = pinned
    return rules


def is_record(item: object) -> bool:
    """True for the items the output stages handle."""
    return isinstance(item, ArticleRecord)
