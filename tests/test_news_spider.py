"""``crawler.spiders.news``: arguments, first-guess heuristics and dispatch on built responses."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import FetchedPage
from crawler.spiders.news import NewsSpider, is_listing_url, looks_like_article

SITE = "http://127.0.0.1:8000"
ARTICLE_URL = f"{SITE}/2024/05/01/bridge.html"
NAV = (f'<nav><a href="{SITE}/">Home</a> <a href="/world/">World</a> '
       '<a href="/tag/roads">Roads</a></nav>')
ARTICLE = f"""<!DOCTYPE html><html lang="en"><head><title>Council approves bridge</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council approves bridge"}}</script></head>
<body>{NAV}<article><h1>Council approves bridge</h1><p>The council voted on Tuesday.</p>
<p>Read also <a href="/2024/05/02/storm.html">the storm</a>.</p></article></body></html>"""
HOME = f"""<!DOCTYPE html><html lang="en"><head><title>Example News</title></head>
<body>{NAV}<ul><li><a href="/2024/05/01/bridge.html">Bridge</a></li>
<li><a href="/2024/05/02/storm.html">Storm</a></li>
<li><a href="https://elsewhere.org/story">Elsewhere</a></li></ul></body></html>"""
SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://127.0.0.1:8000/2024/05/01/bridge.html</loc></url>
<url><loc>/2024/05/02/storm.html</loc></url></urlset>"""
SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://127.0.0.1:8000/sitemap-news.xml</loc></sitemap></sitemapindex>"""
RSS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News</title>
<link>http://127.0.0.1:8000/</link><description>Latest</description>
<item><title>Bridge</title><link>http://127.0.0.1:8000/2024/05/01/bridge.html</link></item>
<item><title>Storm</title><link>/2024/05/02/storm.html</link></item></channel></rss>"""


def _spider(**kwargs: Any) -> NewsSpider:
    kwargs.setdefault("start_urls", f"{SITE}/")
    return NewsSpider.from_crawler(get_crawler(NewsSpider), **kwargs)


def _html(url: str, body: str, depth: int = 0) -> HtmlResponse:
    return HtmlResponse(
        url, body=body.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"},
        request=Request(url, meta={"depth": depth}),
    )


def _urls(results: list[Request | FetchedPage]) -> list[str]:
    return [r.url for r in results if isinstance(r, Request)]


def _pages(results: list[Request | FetchedPage]) -> list[FetchedPage]:
    return [r for r in results if isinstance(r, FetchedPage)]


# --- heuristics ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="og:type" content=" Article ">', True),
        ('<meta property="og:type" content="website">', False),
        ('<script type="application/ld+json">{"@type": "NewsArticle"}</script>', True),
        ('<script type="application/ld+json">{"@type" : ["ReportageNewsArticle"]}</script>', True),
        ('<script type="application/ld+json">{"@type": "BlogPosting"}</script>', True),
        ('<script type="application/ld+json">{"@type": "Article"}</script>', True),
        ('<script type="application/ld+json">{"@type": "WebPage"}</script>', False),
        ('<script type="application/ld+json">{"@type": "ArticleSeries"}</script>', False),
        ('<script>var x = {"@type": "NewsArticle"};</script>', False),
        ("", False),
    ],
)
def test_looks_like_article(head: str, expected: bool) -> None:
    response = _html(ARTICLE_URL, f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert looks_like_article(response) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"{SITE}", True),
        (f"{SITE}/", True),
        (f"{SITE}/index.html", True),
        (f"{SITE}/tag/politics", True),
        (f"{SITE}/category/world/", True),
        (f"{SITE}/author/ann-smith", True),
        (f"{SITE}/page/2", True),
        (ARTICLE_URL, False),
        (f"{SITE}/news/council-approves-bridge", False),
    ],
)
def test_is_listing_url(url: str, expected: bool) -> None:
    assert is_listing_url(url) is expected


# --- arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize("start_urls", ["", " , ,"])
def test_start_urls_are_required(start_urls: str) -> None:
    with pytest.raises(UsageError, match="start_urls"):
        _spider(start_urls=start_urls)


def test_start_urls_argument_is_required() -> None:
    with pytest.raises(UsageError):
        NewsSpider.from_crawler(get_crawler(NewsSpider))


@pytest.mark.parametrize(
    "url", ["ftp://example.com/feed.xml", "example.com", "file:///etc/passwd", "javascript:x"]
)
def test_non_http_urls_are_refused(url: str) -> None:
    with pytest.raises(UsageError, match="not an http"):
        _spider(start_urls=f"https://example.com/,{url}")


def test_start_urls_split_and_allowed_domains_derived() -> None:
    spider = _spider(start_urls=f" {SITE}/ , https://www.example.com/feed.xml,https://WWW.Example.com/x")
    assert spider.start_urls == [f"{SITE}/", "https://www.example.com/feed.xml",
                                 "https://WWW.Example.com/x"]
    assert spider.allowed_domains == ["127.0.0.1", "www.example.com"]
    assert spider.follow_article_links is False


def test_offsite_middleware_keeps_local_links_whatever_the_port() -> None:
    spider = _spider(start_urls=f"{SITE}/,https://www.example.com/")
    offsite = OffsiteMiddleware.from_crawler(spider.crawler)
    for url in (f"{SITE}/2024/x.html", "http://127.0.0.1:9999/y", "https://www.example.com/a",
                "https://m.www.example.com/a"):
        assert offsite.should_follow(Request(url), spider), url
    for url in ("https://elsewhere.org/story", "https://example.com/a", "http://127.0.0.2/"):
        assert not offsite.should_follow(Request(url), spider), url


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("YES", True),
                                                 ("0", False), ("no", False)])
def test_follow_article_links_argument(value: str, expected: bool) -> None:
    assert _spider(follow_article_links=value).follow_article_links is expected


def test_start_yields_one_request_per_start_url() -> None:
    spider = _spider(start_urls=f"{SITE}/,{SITE}/feed.xml")

    async def collect() -> list[Request]:
        return [request async for request in spider.start()]

    requests = asyncio.run(collect())
    assert [r.url for r in requests] == [f"{SITE}/", f"{SITE}/feed.xml"]
    assert all(r.callback == spider.parse for r in requests)


# --- parse dispatch -----------------------------------------------------------------------


def test_sitemap_gives_requests() -> None:
    spider = _spider()
    results = list(spider.parse(XmlResponse(f"{SITE}/sitemap.xml", body=SITEMAP)))
    assert _urls(results) == [ARTICLE_URL, f"{SITE}/2024/05/02/storm.html"]
    assert not _pages(results)
    assert all(r.priority == 0 and r.callback == spider.parse for r in results)
    assert spider.crawler.stats.get_value("news/response/sitemap") == 1


def test_sitemap_index_gives_prioritised_requests() -> None:
    spider = _spider()
    results = list(spider.parse(XmlResponse(f"{SITE}/sitemap.xml", body=SITEMAP_INDEX)))
    assert [(r.url, r.priority) for r in results] == [(f"{SITE}/sitemap-news.xml", 1)]


def test_feed_gives_requests() -> None:
    spider = _spider()
    response = XmlResponse(f"{SITE}/feed.xml", body=RSS,
                           headers={"Content-Type": "application/rss+xml"})
    results = list(spider.parse(response))
    assert _urls(results) == [ARTICLE_URL, f"{SITE}/2024/05/02/storm.html"]
    assert len(results) == 2
    assert spider.crawler.stats.get_value("news/response/feed") == 1


def test_robots_gives_sitemap_requests() -> None:
    spider = _spider()
    response = TextResponse(f"{SITE}/robots.txt", body=b"User-agent: *\nSitemap: /sitemap.xml\n")
    assert _urls(list(spider.parse(response))) == [f"{SITE}/sitemap.xml"]


def test_listing_page_gives_requests_and_no_page() -> None:
    spider = _spider()
    results = list(spider.parse(_html(f"{SITE}/", HOME)))
    assert not _pages(results)
    urls = _urls(results)
    assert ARTICLE_URL in urls and f"{SITE}/2024/05/02/storm.html" in urls
    assert f"{SITE}/world/" in urls
    stats = spider.crawler.stats
    assert stats.get_value("news/listing_page") == 1
    assert stats.get_value("news/response/html") == 1


def test_section_page_is_handed_on_and_followed() -> None:
    """Not a listing URL by its path: the extraction stage decides, and links are followed."""
    spider = _spider()
    results = list(spider.parse(_html(f"{SITE}/world/", HOME)))
    assert [p.url for p in _pages(results)] == [f"{SITE}/world/"]
    assert ARTICLE_URL in _urls(results)
    assert spider.crawler.stats.get_value("news/listing_page") is None


def test_article_page_gives_a_fetched_page_and_no_links() -> None:
    spider = _spider()
    results = list(spider.parse(_html(ARTICLE_URL, ARTICLE, depth=2)))
    assert _urls(results) == []
    (page,) = results
    assert isinstance(page, FetchedPage)
    assert page.url == ARTICLE_URL
    assert page.body == ARTICLE.encode("utf-8")
    assert page.content_type == "text/html; charset=utf-8"
    assert page.status == 200
    assert page.depth == 2
    assert page.fetched_at.endswith("+00:00")


def test_article_links_followed_when_asked() -> None:
    spider = _spider(follow_article_links="1")
    results = list(spider.parse(_html(ARTICLE_URL, ARTICLE)))
    assert len(_pages(results)) == 1
    assert f"{SITE}/2024/05/02/storm.html" in _urls(results)


def test_article_at_a_listing_url_is_still_handed_on() -> None:
    spider = _spider()
    results = list(spider.parse(_html(f"{SITE}/", ARTICLE)))
    assert [p.url for p in _pages(results)] == [f"{SITE}/"]


def test_other_responses_give_nothing() -> None:
    spider = _spider()
    response = Response(f"{SITE}/logo.png", body=b"\x89PNG\r\n\x1a\n",
                        headers={"Content-Type": "image/png"})
    assert list(spider.parse(response)) == []
    assert spider.crawler.stats.get_value("news/response/other") == 1
