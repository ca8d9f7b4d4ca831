"""End to end: a start page's ``<link rel="alternate">`` feeds are followed (autodiscovery).

A small site on 127.0.0.1 whose configured start pages (home and a section) advertise RSS,
Atom and JSON feeds; ``scrapy crawl news -a sources=...`` (without the pipeline stages, which
play no part here) must fetch each advertised same-site feed once and the articles they list,
and nothing else the pages advertise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.servers import RecordingServer, Reply, serve

ROOT = Path(__file__).resolve().parent.parent
CRAWL_TIMEOUT_S = 90
HTML = {"Content-Type": "text/html; charset=utf-8"}
STORIES = {  # article path: the feed that lists it
    "/2026/11/27/story-in-the-rss-feed/": "/feed.xml",
    "/2026/11/27/story-in-the-json-feed/": "/feed.json",
    "/2026/11/27/story-in-the-section-feed/": "/news/feed.xml",
    "/2026/11/27/story-in-the-configured-feed/": "/atom.xml",
}
NOT_FOLLOWED = ("/comments/feed/", "/offsite.xml", "/world/feed.xml")


def feed_links(*links: tuple[str, str]) -> str:
    """``<link rel="alternate">`` tags for (type, href) pairs."""
    return "".join(f'<link rel="alternate" type="application/{kind}" href="{href}">'
                   for kind, href in links)


def page(head: str = "", body: str = "") -> Reply:
    """A non-article HTML page."""
    return Reply(body=f"<!doctype html><html><head><title>Test Daily</title>{head}</head>"
                      f"<body>{body}</body></html>".encode(), headers=HTML)


def rss(path: str) -> Reply:
    """An RSS 2.0 feed listing ``path``."""
    return Reply(body=(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                       f"<item><title>x</title><link>{path}</link></item></channel></rss>"
                       ).encode(), headers={"Content-Type": "application/rss+xml"})


def build_routes(server: RecordingServer) -> dict[str, Reply]:
    """The site: two start pages advertising feeds, a section page found by a link."""
    offsite = f"http://localhost:{server.server_address[1]}/offsite.xml"  # another host name
    home_head = feed_links(("rss+xml", "/feed.xml"), ("atom+xml", "/atom.xml"),
                           ("feed+json", "/feed.json"), ("rss+xml", "/comments/feed/"),
                           ("rss+xml", offsite))
    json_feed = {"version": "https://jsonfeed.org/version/1.1", "title": "T",
                 "items": [{"id": "1", "url": "/2026/11/27/story-in-the-json-feed/"}]}
    routes = {
        "/": page(home_head, '<a href="/world/">World</a>'),
        "/news/": page(feed_links(("rss+xml", "/feed.xml"), ("rss+xml", "/news/feed.xml"))),
        "/world/": page(feed_links(("rss+xml", "/world/feed.xml"))),
        "/feed.json": Reply(body=json.dumps(json_feed).encode(),
                            headers={"Content-Type": "application/feed+json"}),
        "/atom.xml": Reply(body=(
            b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b'<entry><title>x</title><link rel="alternate" '
            b'href="/2026/11/27/story-in-the-configured-feed/"/></entry></feed>'),
            headers={"Content-Type": "application/atom+xml"}),
    }
    for path, feed in STORIES.items():
        routes.setdefault(feed, rss(path))
        routes[path] = page(body=f"<article><h1>{path}</h1></article>")
    for path in NOT_FOLLOWED:
        routes[path] = rss("/2026/11/27/never-listed-story/")
    return routes


@dataclass
class Crawl:
    """What the crawl asked for and its final stats."""

    paths: list[str]
    stats: dict[str, Any]
    log: str


def crawl_site(tmp: Path, source_options: str = "") -> Crawl:
    """One crawl of the site's source: start pages / and /news/, the configured /atom.xml."""
    with serve({}) as server:
        server.routes.update(build_routes(server))
        sources = tmp / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "daily"\nstart_pages = ["{server.url("/")}", '
            f'"{server.url("/news/")}"]\nfeeds = ["{server.url("/atom.xml")}"]\n'
            f"discover_sitemaps = false\n{source_options}", "utf-8")
        settings = {"ITEM_PIPELINES": "{}", "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0",
                    "TELNETCONSOLE_ENABLED": "0", "SAFETY_ALLOWED_HOSTS": "127.0.0.1",
                    "NEWSCLEAN_STATE_DIR": str(tmp / "state"), "LOG_LEVEL": "INFO",
                    "NEWSCLEAN_STATS_FILE": str(tmp / "stats.json")}
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}"]
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              timeout=CRAWL_TIMEOUT_S, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        stats = json.loads((tmp / "stats.json").read_text("utf-8"))
        return Crawl(server.paths(), stats, done.stderr)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    """The source as configured: autodiscovery on (the default)."""
    yield crawl_site(tmp_path_factory.mktemp("autodiscovery"))


def test_advertised_feeds_and_their_articles_are_fetched_once(crawl: Crawl) -> None:
    for path, feed in STORIES.items():
        assert crawl.paths.count(feed) == 1, (feed, crawl.paths)
        assert crawl.paths.count(path) == 1, (path, crawl.paths)


def test_only_same_site_article_feeds_of_start_pages_are_followed(crawl: Crawl) -> None:
    assert "/world/" in crawl.paths  # fetched, but not a start page: its feed is not read
    assert not set(NOT_FOLLOWED) & set(crawl.paths), crawl.paths


def test_autodiscovery_is_counted(crawl: Crawl) -> None:
    # /feed.xml, /feed.json, /news/feed.xml; /atom.xml is configured, /feed.xml advertised twice.
    assert crawl.stats["discovery/hub/autodiscovery"] == 3, crawl.stats
    assert crawl.stats["discovery/filtered/offsite"] == 1  # the localhost feed
    assert "dupefilter/filtered" not in crawl.stats


def test_a_source_can_turn_autodiscovery_off(tmp_path: Path) -> None:
    crawl = crawl_site(tmp_path, "discover_feeds = false\n")
    assert "/atom.xml" in crawl.paths and "/news/" in crawl.paths  # configured URLs still are
    advertised = {"/feed.xml", "/feed.json", "/news/feed.xml"}
    assert not advertised & set(crawl.paths), crawl.paths
    assert "discovery/hub/autodiscovery" not in crawl.stats
