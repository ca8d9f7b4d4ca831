"""A generated local news site for incremental-crawl tests and benchmarks, and its server.

``write_site(root, n)`` writes ``n`` small article pages, a home page listing the latest ones, a
sitemap with each article's ``<lastmod>`` and a ``robots.txt`` pointing at it. ``serve(root)``
serves the folder on 127.0.0.1 with a stdlib ``ThreadingHTTPServer`` that answers conditional
requests (``ETag`` from mtime and size, ``Last-Modified``, ``304``) and counts requests per path.
``edit_article(root, i, text)`` changes one article and its sitemap ``<lastmod>`` between runs.
Pages say ``{{ORIGIN}}``; the server puts its own ``http://127.0.0.1:PORT`` there.
"""

from __future__ import annotations

import collections
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from demo.server import serving

PLACEHOLDER = b"{{ORIGIN}}"
HOME_LISTS = 20
_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
          ".txt": "text/plain; charset=utf-8"}
_WORDS = (
    "council", "harbour", "budget", "river", "school", "bridge", "market", "station", "festival",
    "library", "rail", "court", "hospital", "museum", "forest", "water", "energy", "farmers",
    "workers", "students",
)
_ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Loopback Times</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Loopback Times">
<link rel="canonical" href="{{{{ORIGIN}}}}{path}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{published}",
"author": {{"@type": "Person", "name": "Ann Writer"}},
"publisher": {{"@type": "Organization", "name": "Loopback Times"}}}}</script>
</head><body><header><a href="/">Loopback Times</a></header>
<article><h1>{title}</h1><p class="byline">By Ann Writer</p>
{paragraphs}
</article><footer><p>Copyright Loopback Times</p></footer></body></html>
"""


def article_path(i: int) -> str:
    """The URL path of article ``i``."""
    return f"/news/2026/story-{i:05d}.html"


def _paragraphs(i: int, text: str | None) -> str:
    if text is not None:
        return f"<p>{text}</p>"
    words = [_WORDS[(i * 7 + k * 3) % len(_WORDS)] for k in range(60)]
    sentences = [
        f"Story {i} reports that the {' '.join(words[k:k + 12])} plan moved ahead on day {k}."
        for k in range(0, 60, 12)
    ]
    return "\n".join(f"<p>{sentence} It is article number {i}.</p>" for sentence in sentences)


def _write(path: Path, text: str, mtime: datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    os.utime(path, (mtime.timestamp(), mtime.timestamp()))


def write_site(root: Path, n: int, now: datetime | None = None) -> None:
    """Write a site of ``n`` articles (article ``i`` last modified ``i`` minutes before now)."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    for i in range(n):
        _write_article(root, i, now - timedelta(minutes=i + 1), None)
    _write_home(root, n, now)
    _write(root / "robots.txt", "User-agent: *\nAllow: /\nSitemap: {{ORIGIN}}/sitemap.xml\n",
           now)
    write_sitemap(root)


def _write_article(root: Path, i: int, modified: datetime, text: str | None) -> None:
    path = article_path(i)
    html = _ARTICLE.format(title=f"Story {i}: the council plan moves ahead", path=path,
                           published=modified.isoformat(), paragraphs=_paragraphs(i, text))
    _write(root / path.lstrip("/"), html, modified)


def _write_home(root: Path, n: int, now: datetime) -> None:
    links = "\n".join(f'<li><a href="{article_path(i)}">Story {i}</a></li>'
                      for i in range(min(n, HOME_LISTS)))
    _write(root / "index.html",
           f"<!doctype html><html><head><title>Loopback Times</title></head><body>"
           f"<h1>Loopback Times</h1><ul>{links}</ul></body></html>\n", now)


def write_sitemap(root: Path) -> None:
    """Rewrite ``sitemap.xml`` from the articles' modification times."""
    entries = []
    for path in sorted((root / "news").rglob("*.html")):
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()
        loc = "{{ORIGIN}}/" + path.relative_to(root).as_posix()
        entries.append(f"<url><loc>{loc}</loc><lastmod>{modified}</lastmod></url>")
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries) + "\n</urlset>\n")
    (root / "sitemap.xml").write_text(body, "utf-8")


def edit_article(root: Path, i: int, text: str) -> None:
    """Replace article ``i``'s text, mark it modified now and update the sitemap."""
    _write_article(root, i, datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1), text)
    write_sitemap(root)


class SiteServer(ThreadingHTTPServer):
    """Serves a site folder with conditional GET; counts requests per path."""

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root.resolve()
        self.origin = f"http://127.0.0.1:{self.server_address[1]}"
        self.hits: collections.Counter[str] = collections.Counter()
        self.not_modified: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        """Absolute URL of a root-relative path."""
        return self.origin + path

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a killed crawler resets its connections, which is what some tests do."""

    def reset_counts(self) -> None:
        """Forget the request counts (between crawls)."""
        with self.lock:
            self.hits.clear()
            self.not_modified.clear()


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits[path] += 1
        file = self.server.root / (path.lstrip("/") or "index.html")
        if path.endswith("/"):
            file = file / "index.html"
        if not file.resolve().is_relative_to(self.server.root) or not file.is_file():
            self._send(HTTPStatus.NOT_FOUND, {}, b"not found")
            return
        stat = file.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        headers = {"ETag": etag, "Last-Modified": formatdate(stat.st_mtime, usegmt=True),
                   "Content-Type": _TYPES.get(file.suffix, "application/octet-stream")}
        if _not_modified(self.headers, etag, stat.st_mtime):
            with self.server.lock:
                self.server.not_modified[path] += 1
            self._send(HTTPStatus.NOT_MODIFIED, headers, b"")
            return
        body = file.read_bytes().replace(PLACEHOLDER, self.server.origin.encode("ascii"))
        self._send(HTTPStatus.OK, headers, body)

    def _send(self, status: HTTPStatus, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != HTTPStatus.NOT_MODIFIED:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


def _not_modified(headers: Any, etag: str, mtime: float) -> bool:
    if headers.get("If-None-Match") is not None:
        return etag in [tag.strip() for tag in headers["If-None-Match"].split(",")]
    since = headers.get("If-Modified-Since")
    if since:
        try:
            return int(mtime) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False


@contextmanager
def serve(root: Path) -> Iterator[SiteServer]:
    """Serve ``root`` on 127.0.0.1 (a free port) from a background thread."""
    server = SiteServer(root)
    with serving(server):
        yield server
