"""End to end: ``scrapy crawl news -a sources=...`` discovers articles through every route.

One generated site on 127.0.0.1 (dates relative to today, so the age window is testable) has
one area per route: RSS 2.0 and 0.91, Atom, JSON Feed, a sitemap index with a gzip part,
a Google News sitemap, robots.txt ``Sitemap:`` lines and section pages. The sources file gives
each area its own source. The server records every request; Scrapy's debug log says which
hub referred each article.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from demo.server import serving

ROOT = Path(__file__).resolve().parent.parent
CRAWL_TIMEOUT_S = 120
NOW = datetime.now(UTC)
CRAWLED = re.compile(r"Crawled \((\d+)\) <GET ([^>]+)> \(referer: ([^)]+)\)")
STAT = re.compile(r"'([\w/.-]+)': (\d+),?$", re.MULTILINE)

ROUTES: dict[str, tuple[str, str]] = {  # article path: (source, the hub that lists it)
    "/rss/2026/11/harbour-cranes-get-new-operators/": ("rss", "/rss/feed.xml"),
    "/rss/2026/11/ferry-timetable-changes-in-winter/": ("rss", "/rss/feed.xml"),
    "/rss091/2026/11/old-format-feed-still-carries-news/": ("rss091", "/rss091/feed.xml"),
    "/atom/2026/11/atom-readers-get-the-bridge-story/": ("atom", "/atom/atom.xml"),
    "/json/2026/11/json-feed-lists-the-council-vote/": ("json", "/json/feed.json"),
    "/maps/2026/11/gzipped-sitemap-lists-this-story/": ("maps", "/maps/part-1.xml.gz"),
    "/maps/2026/11/plain-sitemap-part-lists-this-one/": ("maps", "/maps/part-2.xml"),
    "/gnews/2026/11/fresh-story-in-the-news-sitemap/": ("gnews", "/gnews/news-sitemap.xml"),
    "/robots/2026/11/robots-txt-sitemap-found-this/": ("robots", "/robots-sitemap.xml"),
    "/sections/world/2026/11/section-page-links-to-this-story/": ("sections",
                                                                  "/sections/world/"),
}
STALE = "/gnews/2026/09/stale-story-out-of-the-window/"
OLD_PART = "/maps/part-old.xml"
FILTERED = ("/sections/tag/harbour/", "/sections/author/ann-smith/", "/sections/page/2/",
            "/sections/search/", "/sections/logo.png", "/sections/login",
            "/sections/2026/11/19/")

SOURCES = """\
# every area of the test site is one source
[[source]]
name = "rss"
feeds = ["{o}/rss/feed.xml"]
discover_sitemaps = false

[[source]]
name = "rss091"
feeds = ["{o}/rss091/feed.xml"]
discover_sitemaps = false

[[source]]
name = "atom"
feeds = ["{o}/atom/atom.xml"]
discover_sitemaps = false

[[source]]
name = "json"
feeds = ["{o}/json/feed.json"]
discover_sitemaps = false

[[source]]
name = "maps"
sitemaps = ["{o}/maps/index.xml"]
max_age_days = 10

[[source]]
name = "gnews"
sitemaps = ["{o}/gnews/news-sitemap.xml"]
max_age_days = 7

[[source]]
name = "robots"
start_pages = ["{o}/robots/"]

[[source]]
name = "sections"
start_pages = ["{o}/sections/"]
discover_sitemaps = false
depth = 3

[source.overrides]
title = "h1"
drop = [".share"]
"""


def _article(path: str) -> bytes:
    """A plain news article page with enough text for the extraction stage."""
    title = path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").capitalize()
    paragraphs = "".join(
        f"<p>{title} was reported on {day} by our correspondent, who spoke with residents, "
        f"officials and experts about what the change means for the town in paragraph {day}."
        "</p>"
        for day in range(1, 7)
    )
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": title, "datePublished": NOW.date().isoformat(),
                     "author": {"@type": "Person", "name": "Ann Smith"}})
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:type" content="article">'
        f'<script type="application/ld+json">{ld}</script></head><body>'
        f'<article><h1>{title}</h1><p class="byline">By Ann Smith</p>{paragraphs}'
        f'</article></body></html>'
    ).encode()


def _page(links: list[str]) -> bytes:
    """A listing page linking to ``links``."""
    items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
    return f"<!DOCTYPE html><html><head><title>Index</title></head><body><ul>{items}</ul>" \
           f"</body></html>".encode()


def _urlset(origin: str, entries: list[tuple[str, datetime]], news: bool = False) -> bytes:
    """A sitemap urlset; a Google News sitemap when ``news``."""
    rows = []
    for path, date in entries:
        extra = (f"<news:news><news:publication><news:name>Test</news:name>"
                 f"<news:language>en</news:language></news:publication>"
                 f"<news:publication_date>{date.isoformat()}</news:publication_date>"
                 f"<news:title>{path}</news:title></news:news>") if news else (
                     f"<lastmod>{date.date().isoformat()}</lastmod>")
        rows.append(f"<url><loc>{origin}{path}</loc>{extra}</url>")
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>{"".join(rows)}</urlset>'
            ).encode()


def build_site(origin: str) -> dict[str, tuple[str, bytes]]:
    """Path -> (content type, body) of the whole test site."""
    recent, old = NOW - timedelta(days=1), NOW - timedelta(days=60)
    html, xml = "text/html; charset=utf-8", "application/xml"
    site: dict[str, tuple[str, bytes]] = {path: (html, _article(path)) for path in ROUTES}
    site[STALE] = (html, _article(STALE))
    rss_items = "".join(
        f"<item><title>{p}</title><link>{origin}{p}</link>"
        f"<pubDate>{format_datetime(recent)}</pubDate></item>"
        for p, (source, _) in ROUTES.items() if source == "rss"
    )
    site["/rss/feed.xml"] = ("application/rss+xml", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<link>{origin}/</link><description>d</description>{rss_items}</channel></rss>"
    ).encode())
    site["/rss091/feed.xml"] = ("application/rss+xml", (
        '<?xml version="1.0"?><rss version="0.91"><channel><title>T</title>'
        f"<link>{origin}/</link><description>d</description><language>en</language>"
        "<item><title>Old format</title>"
        f"<link>{origin}/rss091/2026/11/old-format-feed-still-carries-news/</link></item>"
        "</channel></rss>"
    ).encode())
    site["/atom/atom.xml"] = ("application/atom+xml", (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>T</title><id>urn:t</id><updated>{recent.isoformat()}</updated>"
        f"<entry><title>Bridge</title><id>urn:t:1</id><updated>{recent.isoformat()}</updated>"
        '<link rel="alternate" href="/atom/2026/11/atom-readers-get-the-bridge-story/"/>'
        "</entry></feed>"
    ).encode())
    site["/json/feed.json"] = ("application/feed+json", json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{"id": "1", "url": f"{origin}/json/2026/11/json-feed-lists-the-council-vote/",
                   "title": "Council", "date_published": recent.isoformat()}],
    }).encode())
    site["/maps/index.xml"] = (xml, (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{origin}/maps/part-1.xml.gz</loc></sitemap>"
        f"<sitemap><loc>{origin}/maps/part-2.xml</loc>"
        f"<lastmod>{recent.isoformat()}</lastmod></sitemap>"
        f"<sitemap><loc>{origin}{OLD_PART}</loc><lastmod>{old.isoformat()}</lastmod></sitemap>"
        "</sitemapindex>"
    ).encode())
    site["/maps/part-1.xml.gz"] = ("application/gzip", gzip.compress(_urlset(
        origin, [("/maps/2026/11/gzipped-sitemap-lists-this-story/", recent)])))
    site["/maps/part-2.xml"] = (xml, _urlset(
        origin, [("/maps/2026/11/plain-sitemap-part-lists-this-one/", recent)]))
    site[OLD_PART] = (xml, _urlset(origin, [("/maps/2026/09/never-fetched-old-story/", old)]))
    site["/gnews/news-sitemap.xml"] = (xml, _urlset(origin, [
        ("/gnews/2026/11/fresh-story-in-the-news-sitemap/", recent), (STALE, old)], news=True))
    site["/robots.txt"] = ("text/plain", (
        f"User-agent: *\nDisallow: /private/\nSitemap: {origin}/robots-sitemap.xml\n").encode())
    site["/robots-sitemap.xml"] = (xml, _urlset(
        origin, [("/robots/2026/11/robots-txt-sitemap-found-this/", recent)]))
    site["/robots/"] = (html, _page([]))
    site["/sections/"] = (html, _page(["/sections/world/", *FILTERED]))
    site["/sections/world/"] = (html, _page(
        ["/sections/world/2026/11/section-page-links-to-this-story/", "/sections/"]))
    return site


@dataclass
class RecordingSite:
    """A generated site served on 127.0.0.1, recording the paths it was asked for."""

    server: ThreadingHTTPServer
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    """GET from the site's dict; 404 otherwise."""

    site: RecordingSite

    def do_GET(self) -> None:
        """Answer and record one request."""
        self.site.hits.append(self.path)
        found = self.site.pages.get(self.path)
        if found is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        content_type, body = found
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@contextmanager
def serve() -> Iterator[RecordingSite]:
    """The generated site on an ephemeral loopback port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    recording = RecordingSite(server)
    _Handler.site = recording
    recording.pages.update(build_site(recording.origin))
    with serving(server):
        yield recording


@pytest.fixture
def site() -> Iterator[RecordingSite]:
    """A fresh site for one test."""
    with serve() as recording:
        yield recording


@dataclass
class Crawl:
    """What one ``scrapy crawl news -a sources=...`` left behind."""

    returncode: int
    stderr: str
    referers: dict[str, str]  # crawled path -> path of the referring hub
    stats: dict[str, int]
    records: list[dict[str, Any]]


def crawl(site: RecordingSite, tmp_path: Path, sources_text: str, *args: str) -> Crawl:
    """Write the sources file, run the real spider on it, parse log, stats and records."""
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_text.format(o=site.origin), "utf-8")
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}",
               *args]
    for setting in ("AUTOTHROTTLE_ENABLED=0", "DOWNLOAD_DELAY=0", "LOG_LEVEL=DEBUG",
                    "SAFETY_ALLOWED_HOSTS=127.0.0.1", "TELNETCONSOLE_ENABLED=0",
                    f"NEWSCLEAN_OUTPUT_DIR={tmp_path / 'out'}",
                    f"NEWSCLEAN_STATE_DIR={tmp_path / 'state'}"):
        command += ["-s", setting]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          timeout=CRAWL_TIMEOUT_S, check=False)
    origin = site.origin
    referers = {
        url.removeprefix(origin): ref.removeprefix(origin)
        for status, url, ref in CRAWLED.findall(done.stderr) if status == "200"
    }
    stats_text = done.stderr.split("Dumping Scrapy stats", 1)[-1]
    records = [json.loads(line) for path in sorted((tmp_path / "out").rglob("*.jsonl"))
               for line in path.read_text("utf-8").splitlines() if line.strip()]
    return Crawl(done.returncode, done.stderr, referers,
                 {k: int(v) for k, v in STAT.findall(stats_text)}, records)


@pytest.fixture(scope="module")
def full_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RecordingSite, Crawl]]:
    """All sources crawled once, for the whole module."""
    with serve() as recording:
        yield recording, crawl(recording, tmp_path_factory.mktemp("full"), SOURCES)


def test_every_route_discovers_its_articles(full_crawl: tuple[RecordingSite, Crawl]) -> None:
    _site, run = full_crawl
    assert run.returncode == 0, run.stderr[-3000:]
    wrong = {path: (run.referers.get(path), hub) for path, (_, hub) in ROUTES.items()
             if run.referers.get(path) != hub}
    assert not wrong, f"(referred by, expected hub): {wrong}"
    assert run.stats["discovery/entry/feed"] == 4  # RSS 2.0 x2, RSS 0.91, Atom
    assert run.stats["discovery/entry/json_feed"] == 1
    assert run.stats["discovery/entry/sitemap"] == 4
    assert run.stats["discovery/entry/link"] == 1


def test_each_article_fetched_once_and_written(full_crawl: tuple[RecordingSite, Crawl]) -> None:
    site, run = full_crawl
    for path in ROUTES:
        assert site.hits.count(path) == 1, path
    written = sorted(record["url"].removeprefix(site.origin) for record in run.records)
    assert written == sorted(ROUTES)


def test_old_entries_and_old_sitemaps_are_skipped(
    full_crawl: tuple[RecordingSite, Crawl],
) -> None:
    site, run = full_crawl
    assert STALE not in site.hits, "older than the gnews source's 7-day window"
    assert OLD_PART not in site.hits, "a nested sitemap last modified out of the window"
    assert run.stats["discovery/too_old"] == 2


def test_gzip_sitemap_and_index_are_read(full_crawl: tuple[RecordingSite, Crawl]) -> None:
    _site, run = full_crawl
    assert run.referers["/maps/part-1.xml.gz"] == "/maps/index.xml"
    assert run.stats["news/response/sitemap"] >= 4  # index, gzip part, plain part, ...


def test_robots_txt_is_read_only_for_sources_without_sitemaps(
    full_crawl: tuple[RecordingSite, Crawl],
) -> None:
    _site, run = full_crawl
    assert run.referers["/robots-sitemap.xml"] == "/robots.txt"
    assert run.stats["discovery/hub/robots"] == 1  # the robots source; maps lists its own


def test_section_links_are_classified(full_crawl: tuple[RecordingSite, Crawl]) -> None:
    site, run = full_crawl
    assert run.referers["/sections/world/"] == "/sections/"
    for path in FILTERED:
        assert path not in site.hits, path
    for reason in ("tag", "author", "pagination", "search", "media", "login", "archive"):
        assert run.stats[f"discovery/filtered/{reason}"] == 1, reason
    assert run.stats["news/listing_page"] >= 3  # /sections/, /sections/world/, /robots/


def test_only_crawls_the_named_source(site: RecordingSite, tmp_path: Path) -> None:
    run = crawl(site, tmp_path, SOURCES, "-a", "only=atom")
    assert run.returncode == 0, run.stderr[-3000:]
    assert set(site.hits) - {"/robots.txt"} == {
        "/atom/atom.xml", "/atom/2026/11/atom-readers-get-the-bridge-story/"}
    assert run.stats["discovery/source/atom/entries"] == 1


def test_bad_sources_file_is_refused_before_any_request(
    site: RecordingSite, tmp_path: Path,
) -> None:
    bad = SOURCES.replace('name = "json"\nfeeds = ["{o}/json/feed.json"]',
                          'name = "json"\nfeeds = ["{o}/json/feed.json"]\ndepth = "deep"')
    run = crawl(site, tmp_path, bad)
    assert run.returncode != 0
    sources = tmp_path / "sources.toml"
    line = sources.read_text("utf-8").splitlines().index('depth = "deep"') + 1
    assert f"{sources}:{line}: source 'json': depth: Input should be a valid integer" in run.stderr
    assert site.hits == []
    assert run.referers == {}
