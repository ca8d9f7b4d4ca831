"""Item pipeline stage: one record per canonical URL and per content hash within a crawl."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from pipelines.record import ArticleRecord


class DedupStage:
    """Drops a record whose canonical URL or text was already written in this crawl.

    Stats: ``dedup/duplicate_url``, ``dedup/duplicate_content``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.seen_urls: set[str] = set()
        self.seen_hashes: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupStage:
        """Read ``DEDUP_ENABLED``."""
        if not crawler.settings.getbool("DEDUP_ENABLED", True):
            raise NotConfigured("DEDUP_ENABLED is off")
        return cls(crawler)

    def process_item(self, item: object) -> object:
        """Pass the first record of each URL and text, drop the rest."""
        if not isinstance(item, ArticleRecord):
            return item
        kind = duplicate_kind(item, self.seen_urls, self.seen_hashes)
        if kind:
            self.stats.inc_value(f"dedup/duplicate_{kind}")
            raise DropItem(f"duplicate {kind}: {item.url}", log_level="DEBUG")
        self.seen_urls.add(item.canonical_url)
        self.seen_hashes.add(item.content_hash)
        return item


def duplicate_kind(record: ArticleRecord, urls: set[str], hashes: set[str]) -> str | None:
    """``url`` or ``content`` when ``record`` repeats one already seen, else None."""
    if record.canonical_url in urls:
        return "url"
    if record.content_hash in hashes:
        return "content"
    return None
