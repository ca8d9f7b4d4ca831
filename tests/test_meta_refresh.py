"""Meta-refresh redirects: Scrapy's decisions, without decoding pages that declare none."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares.meta_refresh import SCAN_BYTES, PrefixMetaRefreshMiddleware

FILLER = "<p>" + "Zürich news. " * 50 + "</p>"


def _page(head: str, body: str = FILLER, encoding: str = "utf-8") -> HtmlResponse:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return HtmlResponse("http://127.0.0.1/a", body=html.encode(encoding),
                        headers={"Content-Type": f"text/html; charset={encoding}"})


def _both() -> tuple[PrefixMetaRefreshMiddleware, MetaRefreshMiddleware]:
    crawler = get_crawler()
    return (PrefixMetaRefreshMiddleware.from_crawler(crawler),
            MetaRefreshMiddleware.from_crawler(crawler))


@pytest.mark.parametrize("page", [
    _page('<meta http-equiv="refresh" content="0; url=/b">'),
    _page('<META HTTP-EQUIV="Refresh" CONTENT="1;URL=http://127.0.0.1/c">'),
    _page('<noscript><meta http-equiv="refresh" content="0; url=/b"></noscript>'),
    _page('<meta http-equiv="refresh" content="500; url=/slow">'),
    _page("", body=FILLER * 30 + '<meta http-equiv="refresh" content="0; url=/late">'),
    _page('<meta http-equiv="refresh" content="0; url=/b">', encoding="cp1252"),
    _page('<meta http-equiv="refresh" content="0; url=/b">', encoding="utf-16"),
    _page("<title>plain</title>"),
])
def test_same_answer_as_scrapys_middleware(page: HtmlResponse) -> None:
    ours, scrapys = _both()
    request = Request(page.url)
    expected = scrapys.process_response(request, page.replace())
    got = ours.process_response(request, page)
    if isinstance(expected, Request):
        assert isinstance(got, Request)
        assert got.url == expected.url
    else:
        assert got is page


def test_a_refresh_is_followed() -> None:
    ours, _ = _both()
    got = ours.process_response(Request("http://127.0.0.1/a"),
                                _page('<meta http-equiv="refresh" content="0; url=/b">'))
    assert isinstance(got, Request)
    assert got.url == "http://127.0.0.1/b"


def test_a_page_without_refresh_is_not_decoded() -> None:
    ours, _ = _both()
    page = _page("<title>plain</title>", body=FILLER * 40)
    assert len(page.body) > SCAN_BYTES
    assert ours.process_response(Request(page.url), page) is page
    assert page._cached_ubody is None
