"""``GcTuning``: start-up objects frozen, a higher threshold while the engine runs, undone."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.gc_tuning import GcTuning


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


def test_freezes_and_raises_the_threshold_until_the_engine_stops() -> None:
    before = gc.get_threshold()
    extension = GcTuning(25_000)
    extension.engine_started()
    assert gc.get_threshold() == (25_000, before[1], before[2])
    assert gc.get_freeze_count() > 1000  # the modules, classes... loaded so far
    extension.engine_started()  # a second start changes nothing
    extension.engine_stopped()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    extension.engine_stopped()  # stopping twice is harmless
    assert gc.get_threshold() == before


def test_garbage_made_while_crawling_is_still_collected() -> None:
    extension = GcTuning(25_000)
    extension.engine_started()
    try:
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
    finally:
        extension.engine_stopped()


def test_settings() -> None:
    crawler = get_crawler(settings_dict={"NEWSCLEAN_GC_THRESHOLD": 9000})
    assert GcTuning.from_crawler(crawler).threshold == 9000
    with pytest.raises(NotConfigured):
        GcTuning.from_crawler(get_crawler(settings_dict={"NEWSCLEAN_GC_TUNING": False}))


def test_two_crawls_in_one_process_give_the_settings_back_once_both_stop() -> None:
    before = gc.get_threshold()
    first, second = GcTuning(25_000), GcTuning(30_000)
    first.engine_started()
    second.engine_started()  # must not take the first crawl's raised threshold as the default
    first.engine_stopped()
    assert gc.get_freeze_count() > 0  # the second crawl still runs
    second.engine_stopped()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
