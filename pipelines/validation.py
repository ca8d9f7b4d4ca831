"""Item pipeline stage: every record is checked against the published JSON Schema."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from pipelines.record import ArticleRecord
from pipelines.record_data import record_data
from pipelines.schema import is_valid, schema_errors

logger = logging.getLogger(__name__)


class ValidationStage:
    """Drops (and counts as ``validate/invalid``) a record that breaks the schema.

    Validation cannot be switched off: the schema is the contract with downstream pipelines.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationStage:
        """Build the stage."""
        return cls(crawler)

    def process_item(self, item: object) -> object:
        """Pass a valid record, drop an invalid one with its first violations logged."""
        if not isinstance(item, ArticleRecord):
            return item
        data = record_data(item)
        if not is_valid(data):
            errors = schema_errors(data)
            self.stats.inc_value("validate/invalid")
            logger.error("invalid record for %s: %s", item.url, "; ".join(errors[:3]))
            raise DropItem(f"invalid record: {item.url}", log_level="DEBUG")
        self.stats.inc_value("validate/valid")
        return item
