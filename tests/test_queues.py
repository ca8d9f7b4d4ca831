"""The disk queue's request serialisation: Scrapy's dict, without the member search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scrapy import FormRequest, Request, Spider
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from crawler import queues
from crawler.queues import PickleFifoDiskQueue, PickleLifoDiskQueue, request_to_dict


class _Spider(Spider):
    name = "queues"

    def parse(self, response: Any) -> None:
        """A callback."""

    def failed(self, failure: Any) -> None:
        """An errback."""

    alias = parse


def _requests(spider: _Spider) -> list[Request]:
    return [
        Request("http://127.0.0.1/a", callback=spider.parse, errback=spider.failed,
                priority=3, meta={"newsclean_role": "entry", "depth": 2},
                headers={"Accept": "text/html"}),
        Request("http://127.0.0.1/b"),
        Request("http://127.0.0.1/c", callback=spider.alias, dont_filter=True),
        FormRequest("http://127.0.0.1/d", formdata={"q": "x"}, callback=spider.parse),
    ]


def test_request_to_dict_is_scrapys_dict() -> None:
    spider = _Spider()
    for request in _requests(spider):
        assert request_to_dict(request, spider) == request.to_dict(spider=spider)


def test_without_scrapys_private_helper_the_queue_uses_request_to_dict(
        monkeypatch: pytest.MonkeyPatch) -> None:
    spider = _Spider()
    calls: list[Request] = []
    real = Request.to_dict
    monkeypatch.setattr(queues, "_find_method", None)
    monkeypatch.setattr(Request, "to_dict",
                        lambda self, **kw: calls.append(self) or real(self, **kw))
    request = _requests(spider)[0]
    assert request_to_dict(request, spider) == real(request, spider=spider)
    assert calls == [request]


def test_method_names_are_looked_up_once_per_spider(monkeypatch: pytest.MonkeyPatch) -> None:
    spider, calls = _Spider(), []
    real = queues._find_method
    monkeypatch.setattr(queues, "_find_method", lambda *a: calls.append(a) or real(*a))
    for _ in range(3):
        request_to_dict(Request("http://127.0.0.1/", callback=spider.parse), spider)
    assert len(calls) == 1
    request_to_dict(Request("http://127.0.0.1/", callback=_Spider().parse), _Spider())
    assert len(calls) == 2


def test_a_callback_that_is_no_spider_method_is_refused_as_scrapy_does() -> None:
    # The scheduler catches the ValueError and keeps such a request in memory.
    spider = _Spider()
    with pytest.raises(ValueError, match="not an instance method"):
        request_to_dict(Request("http://127.0.0.1/", callback=lambda r: None), spider)
    with pytest.raises(ValueError, match="not an instance method"):
        request_to_dict(Request("http://127.0.0.1/", callback=_Spider().parse), None)


@pytest.mark.parametrize("queue_class", [PickleLifoDiskQueue, PickleFifoDiskQueue])
def test_requests_come_back_from_disk_unchanged(queue_class: type, tmp_path: Path) -> None:
    crawler = get_crawler(_Spider)
    crawler.spider = spider = _Spider()
    queue = queue_class.from_crawler(crawler, str(tmp_path / "q"))
    sent = _requests(spider)
    for request in sent:
        queue.push(request)
    queue.close()
    queue = queue_class.from_crawler(crawler, str(tmp_path / "q"))
    back = [queue.pop() for _ in sent]
    assert queue.pop() is None
    queue.close()
    if queue_class is PickleLifoDiskQueue:
        back.reverse()
    for before, after in zip(sent, back, strict=True):
        assert after.to_dict(spider=spider) == before.to_dict(spider=spider)
        assert type(after) is type(before)
        assert after.callback == before.callback
        assert request_from_dict(request_to_dict(before, spider), spider=spider).url == before.url
