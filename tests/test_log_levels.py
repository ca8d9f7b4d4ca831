"""The scrapy logger follows LOG_LEVEL during a crawl, so dropped DEBUG lines are never built."""

from __future__ import annotations

import logging
import logging.config
from collections.abc import Iterator

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.log import DEFAULT_LOGGING
from scrapy.utils.test import get_crawler

from crawler.log_levels import SCRAPY_LOGGER, ScrapyLogLevel, raise_level

ENGINE = logging.getLogger("scrapy.core.engine")


@pytest.fixture(autouse=True)
def _scrapy_logger_as_scrapy_sets_it() -> Iterator[logging.Logger]:
    logger = logging.getLogger(SCRAPY_LOGGER)
    before = logger.level
    logger.setLevel(logging.DEBUG)  # what Scrapy's logging setup does
    yield logger
    logger.setLevel(before)


def test_level_is_raised_then_given_back() -> None:
    logger = logging.getLogger(SCRAPY_LOGGER)
    extension = ScrapyLogLevel.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "INFO"}))
    assert logger.level == logging.INFO
    assert not ENGINE.isEnabledFor(logging.DEBUG)
    assert ENGINE.isEnabledFor(logging.INFO)
    extension.restore()
    assert logger.level == logging.DEBUG
    assert ENGINE.isEnabledFor(logging.DEBUG)


def test_after_scrapys_own_logging_setup() -> None:
    logging.getLogger(SCRAPY_LOGGER).setLevel(logging.NOTSET)
    logging.config.dictConfig(DEFAULT_LOGGING)  # the part of Scrapy's setup that sets levels
    assert ENGINE.isEnabledFor(logging.DEBUG)  # Scrapy builds DEBUG records...
    ScrapyLogLevel.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "INFO"}))
    assert not ENGINE.isEnabledFor(logging.DEBUG)  # ...no more


def test_a_stricter_level_chosen_elsewhere_is_kept() -> None:
    logger = logging.getLogger(SCRAPY_LOGGER)
    logger.setLevel(logging.WARNING)
    assert raise_level(logger, logging.INFO) is None
    extension = ScrapyLogLevel.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "INFO"}))
    extension.restore()
    assert logger.level == logging.WARNING


def test_debug_level_keeps_every_line() -> None:
    ScrapyLogLevel.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "DEBUG"}))
    assert ENGINE.isEnabledFor(logging.DEBUG)


def test_can_be_switched_off() -> None:
    crawler = get_crawler(settings_dict={"NEWSCLEAN_SCRAPY_LOG_LEVEL": False})
    with pytest.raises(NotConfigured):
        ScrapyLogLevel.from_crawler(crawler)
    assert logging.getLogger(SCRAPY_LOGGER).level == logging.DEBUG
