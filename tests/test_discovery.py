"""``crawler.discovery``: what a response is, and the URLs a sitemap, feed or robots.txt lists."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse

from crawler.discovery import (
    Entry,
    ResponseKind,
    advertised_feeds,
    classify_response,
    feed_entries,
    robots_sitemaps,
    sitemap_entries,
)

SITE = "https://news.example.com"
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://news.example.com/2024/05/01/bridge.html</loc><lastmod>2024-05-01</lastmod></url>
  <url><loc>
    /2024/05/02/storm.html
  </loc></url>
  <url><lastmod>2024-05-03</lastmod></url>
  <url><loc></loc></url>
</urlset>"""
SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.com/sitemap-2024-05.xml</loc></sitemap>
  <sitemap><loc>sitemap-news.xml</loc></sitemap>
</sitemapindex>"""
RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example.com/</link>
<description>Latest</description>
<item><title>Bridge</title><link>https://news.example.com/2024/05/01/bridge.html</link></item>
<item><title>Storm</title><link>/2024/05/02/storm.html</link></item>
<item><title>No link</title><description>Only text</description></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example News</title><id>urn:example:news</id>
<updated>2024-05-02T00:00:00Z</updated>
<entry><title>Bridge</title><id>urn:example:1</id><updated>2024-05-01T00:00:00Z</updated>
  <link rel="alternate" type="text/html" href="https://news.example.com/2024/05/01/bridge.html"/>
</entry>
<entry><title>Storm</title><id>urn:example:2</id><updated>2024-05-02T00:00:00Z</updated>
  <link href="storm.html"/></entry>
</feed>"""
ROBOTS = b"""User-agent: *
Disallow: /private/
Sitemap: https://news.example.com/sitemap.xml
  sitemap: /sitemap-news.xml
# Sitemap: https://news.example.com/commented.xml
"""
HTML = b"""<!DOCTYPE html><html><head><title>Home</title></head>
<body><a href="/2024/05/01/bridge.html">Bridge</a></body></html>"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://news.example.com/&lol9;</loc></url>
</urlset>"""


def _pairs(entries: Iterable[Entry]) -> list[tuple[str, bool]]:
    return [(entry.url, entry.is_sitemap) for entry in entries]


# --- classify_response --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (XmlResponse(f"{SITE}/sitemap.xml", body=URLSET), ResponseKind.SITEMAP),
        (XmlResponse(f"{SITE}/sitemap_index.xml", body=SITEMAP_INDEX), ResponseKind.SITEMAP),
        # sniffed from the body whatever the header says
        (TextResponse(f"{SITE}/s", body=URLSET, headers={"Content-Type": "text/plain"}),
         ResponseKind.SITEMAP),
        (XmlResponse(f"{SITE}/feed.xml", body=RSS,
                     headers={"Content-Type": "application/rss+xml"}), ResponseKind.FEED),
        (XmlResponse(f"{SITE}/atom", body=ATOM,
                     headers={"Content-Type": "application/atom+xml"}), ResponseKind.FEED),
        (TextResponse(f"{SITE}/feed", body=ATOM, headers={"Content-Type": "text/plain"}),
         ResponseKind.FEED),
        (TextResponse(f"{SITE}/robots.txt", body=ROBOTS,
                      headers={"Content-Type": "text/plain"}), ResponseKind.ROBOTS),
        (HtmlResponse(f"{SITE}/", body=HTML, headers={"Content-Type": "text/html"}),
         ResponseKind.HTML),
        # no header: the doctype tells
        (HtmlResponse(f"{SITE}/page", body=HTML), ResponseKind.HTML),
        (HtmlResponse(f"{SITE}/frag", body=b"<p>fragment</p>",
                      headers={"Content-Type": "text/html; charset=utf-8"}), ResponseKind.HTML),
        (Response(f"{SITE}/logo.png", body=b"\x89PNG\r\n\x1a\n\x00\x00",
                  headers={"Content-Type": "image/png"}), ResponseKind.OTHER),
        (TextResponse(f"{SITE}/notes.txt", body=b"plain words",
                      headers={"Content-Type": "text/plain"}), ResponseKind.OTHER),
    ],
    ids=["urlset", "sitemapindex", "urlset-as-text", "rss", "atom", "atom-as-text", "robots",
         "html", "html-no-header", "html-fragment", "png", "text"],
)
def test_classify_response(response: Response, kind: ResponseKind) -> None:
    assert classify_response(response) is kind


def test_classify_xml_with_a_long_prolog_by_sitemap_mention() -> None:
    """Past the sniffed bytes an XML content type decides: sitemap if it mentions one."""
    long_prolog = b'<?xml version="1.0"?>' + b"<!-- " + b"x" * 600 + b" -->"
    styled = long_prolog.replace(b"<!--", b'<?xml-stylesheet href="/sitemap.xsl"?><!--')
    sitemap = XmlResponse(f"{SITE}/s.xml", body=styled + URLSET.split(b"?>", 1)[1],
                          headers={"Content-Type": "text/xml"})
    assert classify_response(sitemap) is ResponseKind.SITEMAP
    other = XmlResponse(f"{SITE}/f.xml", body=long_prolog + b"<feed></feed>",
                        headers={"Content-Type": "application/xml"})
    assert classify_response(other) is ResponseKind.FEED


# --- sitemap_entries ----------------------------------------------------------------------


def test_urlset_entries_resolved_and_stripped() -> None:
    response = XmlResponse(f"{SITE}/sitemaps/pages.xml", body=URLSET)
    assert _pairs(sitemap_entries(response)) == [
        (f"{SITE}/2024/05/01/bridge.html", False),
        (f"{SITE}/2024/05/02/storm.html", False),
    ]


def test_sitemap_index_entries_are_nested_sitemaps() -> None:
    response = XmlResponse(f"{SITE}/sitemaps/index.xml", body=SITEMAP_INDEX)
    assert _pairs(sitemap_entries(response)) == [
        (f"{SITE}/sitemap-2024-05.xml", True),
        (f"{SITE}/sitemaps/sitemap-news.xml", True),
    ]


@pytest.mark.parametrize(
    "body",
    [b"", b"not xml at all", b"<html><body>a page</body></html>", b"<urlset><url><lo"],
    ids=["empty", "text", "html", "truncated"],
)
def test_broken_sitemap_lists_nothing(body: bytes) -> None:
    assert _pairs(sitemap_entries(XmlResponse(f"{SITE}/sitemap.xml", body=body))) == []


def test_truncated_sitemap_keeps_complete_entries() -> None:
    body = URLSET[: URLSET.index(b"<url><lastmod>")]
    assert _pairs(sitemap_entries(XmlResponse(f"{SITE}/sitemap.xml", body=body))) == [
        (f"{SITE}/2024/05/01/bridge.html", False),
        (f"{SITE}/2024/05/02/storm.html", False),
    ]


def test_billion_laughs_sitemap_is_not_expanded() -> None:
    response = XmlResponse(f"{SITE}/sitemap.xml", body=BILLION_LAUGHS)
    started = time.monotonic()
    entries = _pairs(sitemap_entries(response))
    assert time.monotonic() - started < 2
    assert all("lol" not in url and len(url) < 100 for url, _ in entries)


# --- feed_entries -------------------------------------------------------------------------


def test_rss_entries() -> None:
    response = XmlResponse(f"{SITE}/feeds/rss.xml", body=RSS)
    assert [e.url for e in feed_entries(response)] == [
        f"{SITE}/2024/05/01/bridge.html",
        f"{SITE}/2024/05/02/storm.html",
    ]


def test_atom_entries_relative_to_the_feed() -> None:
    response = XmlResponse(f"{SITE}/news/atom.xml", body=ATOM)
    assert [e.url for e in feed_entries(response)] == [
        f"{SITE}/2024/05/01/bridge.html",
        f"{SITE}/news/storm.html",
    ]


def test_feed_entries_of_a_non_feed_is_empty() -> None:
    assert list(feed_entries(HtmlResponse(f"{SITE}/", body=HTML))) == []
    assert list(feed_entries(XmlResponse(f"{SITE}/feed.xml", body=b""))) == []


def test_feed_body_naming_a_local_file_is_not_opened(tmp_path: Path) -> None:
    local = tmp_path / "local-feed.xml"
    local.write_bytes(RSS)
    response = XmlResponse(f"{SITE}/feed", body=str(local).encode(),
                           headers={"Content-Type": "application/xml"})
    assert classify_response(response) is ResponseKind.FEED
    assert list(feed_entries(response)) == []


# --- robots_sitemaps ----------------------------------------------------------------------


def test_robots_sitemaps() -> None:
    response = TextResponse(f"{SITE}/robots.txt", body=ROBOTS)
    assert list(robots_sitemaps(response)) == [
        f"{SITE}/sitemap.xml",
        f"{SITE}/sitemap-news.xml",
    ]


def test_robots_without_sitemaps() -> None:
    response = TextResponse(f"{SITE}/robots.txt", body=b"User-agent: *\nDisallow:\n")
    assert list(robots_sitemaps(response)) == []


# --- feed autodiscovery -----------------------------------------------------------------

HOME = f"""<!doctype html><html><head>
<link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml">
<link rel="ALTERNATE home" type="Application/Atom+XML; charset=utf-8" href="atom.xml#top">
<link rel="alternate" type="application/feed+json" href="{SITE}/feed.json">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" href="/?feed=comments-rss2">
<link rel="alternate" type="text/html" hreflang="de" href="/de/">
<link rel="stylesheet" type="application/rss+xml" href="/not-alternate.xml">
<link rel="alternate" href="/no-type.xml">
<link rel="alternate" type="application/rss+xml" href="  ">
<link rel="alternate" type="application/rss+xml" href="javascript:void(0)">
<link rel="alternate" type="application/rss+xml" href="https://feeds.example.org/news">
</head><body><a href="/other.xml" type="application/rss+xml" rel="alternate">x</a></body></html>"""


def test_advertised_feeds_of_a_page() -> None:
    page = HtmlResponse(f"{SITE}/news/", body=HOME.encode(), encoding="utf-8")
    assert advertised_feeds(page) == [
        f"{SITE}/feed.xml", f"{SITE}/news/atom.xml", f"{SITE}/feed.json",
        "https://feeds.example.org/news",  # off-site feeds are the spider's to refuse
    ]


def test_advertised_feeds_resolve_against_the_base_href() -> None:
    body = (b'<html><head><base href="https://cdn.example.com/site/">'
            b'<link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>')
    page = HtmlResponse(f"{SITE}/", body=body, encoding="utf-8")
    assert advertised_feeds(page) == ["https://cdn.example.com/site/atom.xml"]
    assert advertised_feeds(HtmlResponse(f"{SITE}/", body=b"<html></html>")) == []
