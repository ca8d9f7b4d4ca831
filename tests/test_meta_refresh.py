"""Meta-refresh redirects: Scrapy's decisions, without decoding pages that declare none."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares import meta_refresh
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


# "Zürich" puts non-ASCII characters before the refresh: character 3,900 is past byte 4,112.
_LATE_NON_ASCII = _page(
    "", body="Zürich " * 540 + '<meta http-equiv="refresh" content="0; url=/z">')


@pytest.mark.parametrize("page", [
    _LATE_NON_ASCII,
    _page('<meta http-equiv="refresh" content="0; url=/b">', body="x", encoding="iso-2022-jp"),
    _page('<meta http-equiv="re\x1b(Bfresh" content="0; url=/b">', body="x",
          encoding="iso-2022-jp"),
    _page('<meta http-equiv="refresh" content="0; url=/b">', body="Новости " * 900,
          encoding="koi8-r"),
    _page('<meta http-equiv="REFRESH" content="0; url=/b">', encoding="gbk"),
    _page("", body="x" * 4070 + '<meta http-equiv="refresh" content="0; url=/edge">'),
])
def test_same_answer_near_the_window_and_in_other_encodings(page: HtmlResponse) -> None:
    test_same_answer_as_scrapys_middleware(page)


def test_late_non_ascii_refresh_is_within_scrapys_window() -> None:
    body = _LATE_NON_ASCII.body
    assert body.find(b"refresh") > 4112  # past the ASCII window: the wide one must be read
    assert _LATE_NON_ASCII.text.find("refresh") < 4096


def test_a_plain_page_skips_the_markup_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    def scan(*args: object, **kwargs: object) -> None:
        raise AssertionError("w3lib's scan ran on a page without the word")

    monkeypatch.setattr(meta_refresh, "get_meta_refresh", scan)
    for encoding in ("utf-8", "cp1252", "gbk"):
        page = _page("<title>plain</title>", body=FILLER * 40, encoding=encoding)
        assert not meta_refresh.may_refresh(page, ["script", "noscript"])


def test_other_encodings_are_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(meta_refresh, "get_meta_refresh",
                        lambda *args, **kwargs: calls.append(args) or (None, None))
    page = _page("<title>plain</title>", encoding="utf-16")
    assert not meta_refresh.may_refresh(page, ["script", "noscript"])
    assert len(calls) == 1
