"""Finding the downloader slot of a request: the per-domain queue whose delay politeness tunes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.core.downloader import Slot
    from scrapy.crawler import Crawler


def slot_key(crawler: Crawler, request: Request) -> str:
    """The key of the slot ``request`` is (or will be) downloaded through: its host name."""
    assert crawler.engine is not None
    return crawler.engine.downloader.get_slot_key(request)


def existing_slot(crawler: Crawler, key: str) -> Slot | None:
    """The live slot for ``key``, or None before its first request or after it was collected."""
    assert crawler.engine is not None
    return crawler.engine.downloader.slots.get(key)
