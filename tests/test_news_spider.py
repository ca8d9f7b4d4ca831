"""``crawler.spiders.news``: arguments, first-guess heuristics and dispatch on built responses."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.utils.misc import is_generator_with_return_value
from scrapy.utils.test import get_crawler

from crawler.items import FetchedPage
from crawler.spiders.news import NewsSpider, looks_like_article

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


def _meta(role: str, depth: int) -> dict[str, Any]:
    return {"depth": depth, "newsclean_role": role, "newsclean_source": "start_urls"}


def _html(url: str, body: str, depth: int = 0, role: str = "hub") -> HtmlResponse:
    return HtmlResponse(
        url, body=body.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"},
        request=Request(url, meta=_meta(role, depth)),
    )


def _xml(url: str, body: bytes, content_type: str = "application/xml") -> XmlResponse:
    return XmlResponse(url, body=body, headers={"Content-Type": content_type},
                       request=Request(url, meta=_meta("hub", 0)))


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


# --- arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize("start_urls", ["", " , ,"])
def test_start_urls_are_required(start_urls: str) -> None:
    with pytest.raises(UsageError, match=r"start_urls=URL.* or -a sources=FILE"):
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
    results = list(spider.parse(_xml(f"{SITE}/sitemap.xml", SITEMAP)))
    assert _urls(results) == [ARTICLE_URL, f"{SITE}/2024/05/02/storm.html"]
    assert not _pages(results)
    assert all(r.priority == 0 and r.callback == spider.parse for r in results)
    assert spider.crawler.stats.get_value("news/response/sitemap") == 1


def test_sitemap_index_gives_prioritised_requests() -> None:
    spider = _spider()
    results = list(spider.parse(_xml(f"{SITE}/sitemap.xml", SITEMAP_INDEX)))
    assert [(r.url, r.priority) for r in results] == [(f"{SITE}/sitemap-news.xml", 1)]


def test_feed_gives_requests() -> None:
    spider = _spider()
    response = _xml(f"{SITE}/feed.xml", RSS, "application/rss+xml")
    results = list(spider.parse(response))
    assert _urls(results) == [ARTICLE_URL, f"{SITE}/2024/05/02/storm.html"]
    assert len(results) == 2
    assert spider.crawler.stats.get_value("news/response/feed") == 1


def test_robots_gives_sitemap_requests() -> None:
    spider = _spider()
    response = TextResponse(f"{SITE}/robots.txt", body=b"User-agent: *\nSitemap: /sitemap.xml\n",
                            request=Request(f"{SITE}/robots.txt", meta=_meta("hub", 0)))
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


def test_section_page_is_followed_and_not_handed_on() -> None:
    """A hub without article signals only gives links (it used to reach the pipeline)."""
    spider = _spider()
    results = list(spider.parse(_html(f"{SITE}/world/", HOME)))
    assert _pages(results) == []
    assert ARTICLE_URL in _urls(results)
    assert spider.crawler.stats.get_value("news/listing_page") == 1


def test_article_page_gives_a_fetched_page_and_no_links() -> None:
    spider = _spider()
    results = list(spider.parse(_html(ARTICLE_URL, ARTICLE, depth=2, role="entry")))
    assert _urls(results) == []
    (page,) = results
    assert isinstance(page, FetchedPage)
    assert page.url == ARTICLE_URL
    assert page.body == ARTICLE.encode("utf-8")
    assert page.content_type == "text/html; charset=utf-8"
    assert page.status == 200
    assert page.depth == 2
    assert page.fetched_at.endswith("+00:00")
    assert page.source == "start_urls"


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
                        headers={"Content-Type": "image/png"},
                        request=Request(f"{SITE}/logo.png", meta=_meta("entry", 1)))
    assert list(spider.parse(response)) == []
    assert spider.crawler.stats.get_value("news/response/other") == 1


# --- request roles (the contract with crawler.incremental) ---------------------------------

DATED_RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>
<item><title>Bridge</title><link>http://127.0.0.1:8000/2024/05/01/bridge.html</link>
<pubDate>Wed, 01 May 2024 10:00:00 +0000</pubDate></item>
<item><title>Storm</title><link>/2024/05/02/storm.html</link></item></channel></rss>"""


def test_start_requests_are_hubs_of_their_source() -> None:
    spider = _spider(start_urls=f"{SITE}/,{SITE}/feed.xml")

    async def collect() -> list[Request]:
        return [request async for request in spider.start()]

    for request in asyncio.run(collect()):
        assert request.meta["newsclean_role"] == "hub"
        assert request.meta["newsclean_source"] == "start_urls"
        assert not request.dont_filter


def test_feed_entries_are_entries_with_lastmod() -> None:
    spider = _spider()
    spider.max_age_days = 0  # the entries are from 2024
    results = list(spider.parse(_xml(f"{SITE}/feed.xml", DATED_RSS, "application/rss+xml")))
    assert [r.meta["newsclean_role"] for r in results] == ["entry", "entry"]
    assert results[0].meta["newsclean_lastmod"] == "2024-05-01T10:00:00+00:00"
    assert results[0].meta["newsclean_title"] == "Bridge"
    assert "newsclean_lastmod" not in results[1].meta
    assert spider.crawler.stats.get_value("discovery/entry/feed") == 2


def test_feed_entries_out_of_the_window_are_skipped() -> None:
    spider = _spider()
    spider.max_age_days = 30
    results = list(spider.parse(_xml(f"{SITE}/feed.xml", DATED_RSS, "application/rss+xml")))
    assert _urls(results) == [f"{SITE}/2024/05/02/storm.html"]  # undated: kept
    assert spider.crawler.stats.get_value("discovery/too_old") == 1


def test_links_of_a_listing_page_get_their_roles_and_filters() -> None:
    spider = _spider()
    results = list(spider.parse(_html(f"{SITE}/", HOME)))
    roles = {r.url: r.meta["newsclean_role"] for r in results}
    assert roles[ARTICLE_URL] == "entry"
    assert roles[f"{SITE}/world/"] == "hub"
    assert f"{SITE}/tag/roads" not in roles
    assert "https://elsewhere.org/story" not in roles
    stats = spider.crawler.stats
    assert stats.get_value("discovery/filtered/tag") == 1
    assert stats.get_value("discovery/filtered/offsite") == 1
    assert all("newsclean_lastmod" not in r.meta for r in results)


def test_pages_per_run_stops_new_entries() -> None:
    spider = _spider()
    spider.pages_per_run = 1
    results = list(spider.parse(_html(f"{SITE}/", HOME)))
    entries = [r.url for r in results if r.meta["newsclean_role"] == "entry"]
    assert entries == [ARTICLE_URL]
    assert spider.crawler.stats.get_value("discovery/page_limit") == 1


def test_entries_found_twice_are_scheduled_once() -> None:
    spider = _spider()
    first = _urls(list(spider.parse(_html(f"{SITE}/", HOME))))
    again = _urls(list(spider.parse(_html(f"{SITE}/", HOME))))
    assert ARTICLE_URL in first and again == []


def test_sources_file_and_only(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(f"""
[[source]]
name = "one"
feeds = ["{SITE}/feed.xml"]
depth = 1

[[source]]
name = "two"
start_pages = ["https://www.example.com/"]
""", "utf-8")
    spider = _spider(start_urls="", sources=str(path), only="two")
    assert [s.name for s in spider.sources] == ["two"]
    assert spider.allowed_domains == ["www.example.com"]
    with pytest.raises(UsageError, match="no source named three"):
        _spider(start_urls="", sources=str(path), only="three")
    with pytest.raises(UsageError, match="needs -a sources"):
        _spider(only="two")


def test_bad_sources_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nname = "x"\nfeeds = ["ftp://a/feed"]\n', "utf-8")
    with pytest.raises(UsageError, match=r"sources.toml:3: source 'x': feeds: not an http"):
        _spider(start_urls="", sources=str(path))


def test_callbacks_return_no_value() -> None:
    # what Scrapy's WARN_ON_GENERATOR_RETURN_VALUE check (off in crawler/settings.py) looks for
    spider = _spider()
    for callback in (spider.parse, spider.parse_page, spider.failed, spider.start):
        assert not is_generator_with_return_value(callback)
