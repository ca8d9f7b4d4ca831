"""The bundled demo site: served on 127.0.0.1, complete, and truthful to its manifest."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import ProxyHandler, Request, build_opener
from urllib.robotparser import RobotFileParser

import pytest

from demo.server import SiteServer, serve_site

SITE = Path(__file__).resolve().parent.parent / "demo" / "site"
MANIFEST: dict[str, Any] = json.loads((SITE / "articles.json").read_text(encoding="utf-8"))
ARTICLES: list[dict[str, Any]] = MANIFEST["articles"]
ARTICLE_PATHS = [a["path"] for a in ARTICLES]
NON_ARTICLES: list[str] = MANIFEST["non_articles"]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# No proxy, ever: every request goes straight to the loopback server.
OPENER = build_opener(ProxyHandler({}))
TAG = re.compile(r"<[^>]+>")
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer."""

    status: int
    content_type: str
    text: str


@pytest.fixture(scope="module")
def server() -> Iterator[SiteServer]:
    """The demo site on a free port of 127.0.0.1."""
    with serve_site(SITE) as running:
        yield running


def fetch(server: SiteServer, path: str, method: str = "GET") -> Fetched:
    """GET (or HEAD) a root-relative path; HTTP errors are answers too."""
    url = path if path.startswith("http") else server.url(path)
    assert url.startswith(server.origin + "/"), url
    try:
        with OPENER.open(Request(url, method=method), timeout=10) as response:
            body = response.read().decode("utf-8")
            return Fetched(response.status, response.headers["Content-Type"], body)
    except HTTPError as error:
        with error:
            return Fetched(error.code, error.headers.get("Content-Type", ""), "")


def visible_text(page: str) -> str:
    """The page's text with tags dropped, entities decoded and whitespace collapsed."""
    text = html.unescape(TAG.sub("", SCRIPT_OR_STYLE.sub(" ", page)))
    return " ".join(text.split())


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def same_site_links(server: SiteServer, base: str, page: str) -> set[str]:
    """Root-relative paths (with query) of the ``<a href>`` links that stay on the server."""
    parser = _Links()
    parser.feed(page)
    found = set()
    for href in parser.hrefs:
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == server.origin:
            found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def robots(server: SiteServer) -> RobotFileParser:
    """The served robots.txt, parsed."""
    parser = RobotFileParser()
    parser.parse(fetch(server, "/robots.txt").text.splitlines())
    return parser


def test_server_binds_loopback_and_refuses_other_hosts(server: SiteServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.origin)
    assert server.url("/wp/") == server.origin + "/wp/"
    assert server.url("wp/") == server.origin + "/wp/"
    with pytest.raises(ValueError):
        serve_site(SITE, host="0.0.0.0")


def test_manifest_is_well_formed() -> None:
    assert len(ARTICLES) >= 8
    assert {a["style"] for a in ARTICLES} >= {"wordpress", "modern", "regional-de"}
    assert len(set(ARTICLE_PATHS)) == len(ARTICLE_PATHS)
    assert not set(ARTICLE_PATHS) & set(NON_ARTICLES)
    for article in ARTICLES:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["published"])
        assert article["language"] in {"en", "de"}
        assert article["title"] and article["source"]
        assert 2 <= len(article["must_contain"]) <= 3
        assert article["must_not_contain"]


@pytest.mark.parametrize("path", ARTICLE_PATHS)
def test_article_is_served_and_matches_manifest(server: SiteServer, path: str) -> None:
    article = next(a for a in ARTICLES if a["path"] == path)
    answer = fetch(server, path)
    assert answer.status == 200
    assert answer.content_type == "text/html; charset=utf-8"
    assert "{{ORIGIN}}" not in answer.text
    assert f'rel="canonical" href="{server.origin}{path}"' in answer.text
    text = visible_text(answer.text)
    assert article["title"] in text
    if article["byline"]:
        assert article["byline"] in text
    for sentence in article["must_contain"]:
        assert " ".join(sentence.split()) in text, sentence
    for boilerplate in article["must_not_contain"]:
        # Truthfulness: what the cleaner must strip is really printed on the page.
        assert " ".join(boilerplate.split()) in text, boilerplate
    words = len(text.split())
    assert words > 250


@pytest.mark.parametrize("path", NON_ARTICLES)
def test_non_article_page_is_served(server: SiteServer, path: str) -> None:
    answer = fetch(server, path)
    assert answer.status == 200
    assert answer.content_type == "text/html; charset=utf-8"
    assert "{{ORIGIN}}" not in answer.text


def test_every_article_is_reachable_from_the_home_page(server: SiteServer) -> None:
    rules = robots(server)
    seen: set[str] = {"/"}
    queue = deque(["/"])
    disallowed_links: set[str] = set()
    while queue:
        path = queue.popleft()
        answer = fetch(server, path)
        assert answer.status == 200, path
        if not answer.content_type.startswith("text/html"):
            continue
        for link in same_site_links(server, server.url(path), answer.text) - seen:
            seen.add(link)
            if not rules.can_fetch("newsclean", server.url(link)):
                disallowed_links.add(link)
            elif urlsplit(link).path.endswith(("/", ".html")):
                queue.append(link)
    reached = {urlsplit(link).path for link in seen}
    assert set(ARTICLE_PATHS) <= reached
    assert set(NON_ARTICLES) - {"/index.html"} <= reached
    assert disallowed_links == set(MANIFEST["disallowed"])
    for tracked in MANIFEST["tracking_links"]:
        assert tracked["href"] in seen


def test_robots_txt(server: SiteServer) -> None:
    answer = fetch(server, "/robots.txt")
    assert answer.status == 200
    assert answer.content_type == "text/plain; charset=utf-8"
    assert "{{ORIGIN}}" not in answer.text
    rules = robots(server)
    for path in MANIFEST["disallowed"]:
        assert fetch(server, path).status == 200  # it exists; robots alone keeps it out
        assert not rules.can_fetch("newsclean", server.url(path))
    for path in ARTICLE_PATHS + NON_ARTICLES:
        assert rules.can_fetch("newsclean", server.url(path)), path
    assert rules.site_maps() == [server.url(path) for path in MANIFEST["sitemaps"]]


@pytest.mark.parametrize("path", ["/sitemap.xml", "/news-sitemap.xml"])
def test_sitemaps_list_every_article(server: SiteServer, path: str) -> None:
    answer = fetch(server, path)
    assert answer.status == 200
    assert answer.content_type == "application/xml; charset=utf-8"
    assert "{{ORIGIN}}" not in answer.text
    root = ET.fromstring(answer.text)
    locs = [loc.text or "" for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert all(loc.startswith(server.origin + "/") for loc in locs)
    assert {server.url(p) for p in ARTICLE_PATHS} <= set(locs)
    if path == "/sitemap.xml":
        assert all(url.find("sm:lastmod", SITEMAP_NS) is not None for url in root)


def test_rss_feed(server: SiteServer) -> None:
    answer = fetch(server, "/feed.xml")
    assert answer.status == 200
    assert answer.content_type == "application/rss+xml; charset=utf-8"
    assert "{{ORIGIN}}" not in answer.text
    links = [link.text for link in ET.fromstring(answer.text).findall("channel/item/link")]
    assert links and set(links) <= {server.url(p) for p in ARTICLE_PATHS}


def test_atom_feed(server: SiteServer) -> None:
    answer = fetch(server, "/atom.xml")
    assert answer.status == 200
    assert answer.content_type == "application/atom+xml; charset=utf-8"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(answer.text).findall("a:entry/a:link", ns)
    assert entries and {e.get("href") for e in entries} <= {server.url(p) for p in ARTICLE_PATHS}


def test_manifest_is_served_with_origin(server: SiteServer) -> None:
    answer = fetch(server, "/articles.json")
    assert answer.status == 200
    assert answer.content_type == "application/json; charset=utf-8"
    assert json.loads(answer.text)["articles"] == ARTICLES


def test_static_files_keep_their_own_types(server: SiteServer) -> None:
    image = ARTICLES[0]["path"].split("/")[1]  # any image of the first section
    png = next((SITE / image).rglob("*.png")).relative_to(SITE).as_posix()
    with OPENER.open(server.url("/" + png), timeout=10) as response:
        assert response.headers["Content-Type"] == "image/png"
        assert response.read(8) == b"\x89PNG\r\n\x1a\n"


def test_missing_pages_are_404(server: SiteServer) -> None:
    assert fetch(server, "/wp/2026/11/no-such-post/").status == 404
    assert fetch(server, "/no-such-file.html").status == 404
    assert fetch(server, "/wp/wp-content/").status == 404  # a folder without index.html


def test_query_strings_and_head_requests(server: SiteServer) -> None:
    tracked = MANIFEST["tracking_links"][0]
    assert fetch(server, tracked["href"]).text == fetch(server, tracked["canonical"]).text
    head = fetch(server, "/", method="HEAD")
    assert head.status == 200 and head.text == ""


def test_directory_without_slash_redirects(server: SiteServer) -> None:
    # urllib follows the 301 to the slashed URL.
    assert fetch(server, "/wp").status == 200
