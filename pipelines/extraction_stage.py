"""Item pipeline stage: a fetched page in, an article record out (or a counted drop)."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.items import FetchedPage
from pipelines.body import CleaningOptions
from pipelines.extract import extract_page
from pipelines.record import ArticleRecord

logger = logging.getLogger(__name__)


class ExtractionStage:
    """Runs :func:`pipelines.extract.extract_page` on every :class:`FetchedPage`.

    Stats: ``extract/article``, ``extract/not_article``, ``extract/failed/<kind>``.
    """

    def __init__(self, crawler: Crawler, options: CleaningOptions) -> None:
        self.stats = crawler.stats
        self.options = options

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionStage:
        """Read ``EXTRACT_ENABLED``."""
        if not crawler.settings.getbool("EXTRACT_ENABLED", True):
            raise NotConfigured("EXTRACT_ENABLED is off")
        return cls(crawler, CleaningOptions())

    def process_item(self, item: object) -> object:
        """Replace a fetched page by its article record; drop pages that are not articles."""
        if not isinstance(item, FetchedPage):
            return item
        result = extract_page(
            item.body, item.url, content_type=item.content_type, options=self.options,
            crawled_at=item.fetched_at,
        )
        if result.record is not None:
            self.stats.inc_value("extract/article")
            return result.record
        error = result.error
        assert error is not None
        if error.kind == "not_article":
            self.stats.inc_value("extract/not_article")
            raise DropItem(f"not an article ({error.message}): {item.url}", log_level="DEBUG")
        self.stats.inc_value(f"extract/failed/{error.kind}")
        logger.warning("extraction failed (%s) for %s: %s", error.kind, item.url, error.message)
        raise DropItem(f"extraction failed ({error.kind}): {item.url}", log_level="DEBUG")


def is_record(item: object) -> bool:
    """True for the items the output stages handle."""
    return isinstance(item, ArticleRecord)
