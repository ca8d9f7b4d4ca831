"""A hostile news site on loopback: one path per way a page or a server can go wrong.

Built on :mod:`tests.servers` (a recording server answering from a route table): ``Drip``
replies send their body a byte at a time, query strings fall back to the bare path (the same
article under tracking parameters), and ``/events/?day=YYYY-MM-DD`` is an endless calendar,
each day linking to the next one, to session-id variants of itself and to a date archive.
"""

from __future__ import annotations

import gzip
import json
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from demo.server import serving
from tests.servers import RecordingServer, Reply, Route, _Handler

HTML = {"Content-Type": "text/html"}
NEWS = "/news/2026/11"


@dataclass(frozen=True)
class Drip(Reply):
    """A reply whose body trickles out one byte every ``delay`` seconds, at most ``limit``."""

    delay: float = 0.2
    limit: int = 40


class _HostileHandler(_Handler):
    """The recording handler, plus dripping replies."""

    server: HostileServer

    def do_GET(self) -> None:
        """Answer a GET; a ``Drip`` slowly, stopping when the client hangs up."""
        reply = self.server.answer(self.path, dict(self.headers.items()))
        if not isinstance(reply, Drip):
            self.send_reply(reply)
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        try:
            for byte in reply.body[: reply.limit]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if self.server.stopping.wait(reply.delay):
                    break
        except OSError:  # the crawler gave up and closed the connection
            pass
        self.close_connection = True


class HostileServer(RecordingServer):
    """A recording server with the hostile site's dynamic parts."""

    def __init__(self, host: str, routes: dict[str, Route]) -> None:
        super().__init__(host, routes)
        self.RequestHandlerClass = _HostileHandler
        self.stopping = threading.Event()

    def answer(self, path: str, headers: dict[str, str]) -> Reply:
        """The calendar trap, exact routes, then the route of the path without its query."""
        if path.startswith(("/events/", "/grow/")):
            super().answer(path, headers)  # recorded
            page = calendar_page if path.startswith("/events/") else growing_page
            return Reply(body=page(path))
        bare = path.split("?", 1)[0].split(";", 1)[0]
        if path not in self.routes and bare in self.routes:
            path_reply = super().answer(bare, headers)
            with self.lock:  # recorded under its real path
                self.hits[-1] = type(self.hits[-1])(path, self.hits[-1].at, headers)
            return path_reply
        return super().answer(path, headers)


@contextmanager
def serve_hostile(routes: dict[str, Route], host: str = "127.0.0.1") -> Iterator[HostileServer]:
    """The hostile site on ``host`` (loopback) and a free port, for the ``with`` block."""
    server = HostileServer(host, routes)
    with serving(server, before_stop=server.stopping.set):
        yield server


# --- pages -------------------------------------------------------------------------------


def article(title: str, sentence: str, *, canonical: str = "", lang: str = "en",
            meta_charset: str = "") -> str:
    """A news article page whose every paragraph carries ``sentence`` and its number."""
    paragraphs = "".join(
        f"<p>{sentence} ({title}, {n}.) The reporter spoke with residents and officials "
        f"about what the change means for the harbour town in part {n} of this story.</p>"
        for n in range(1, 7)
    )
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": title, "datePublished": "2026-11-20"}, ensure_ascii=False)
    head = f'<meta charset="{meta_charset}">' if meta_charset else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{head}<title>{title}</title>{link}'
            f'<meta property="og:type" content="article">'
            f'<script type="application/ld+json">{ld}</script></head><body><article>'
            f"<h1>{title}</h1>{paragraphs}</article></body></html>")


def listing(links: list[str], title: str = "Index") -> bytes:
    """A listing page linking to ``links``."""
    items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><ul>{items}</ul>"
            "</body></html>").encode()


def calendar_page(path: str) -> bytes:
    """One day of the endless calendar: links to the next day and to URLs never to fetch."""
    day = date.fromisoformat(path.rsplit("day=", 1)[-1][:10]) if "day=" in path else (
        date(2026, 11, 28))
    following = day + timedelta(days=1)
    return listing([
        f"/events/?day={following.isoformat()}",
        f"/events/;jsessionid=A{following.toordinal()}?day={following.isoformat()}",
        f"/events/?day={following.isoformat()}&sid={following.toordinal()}",
        f"/calendar/{following.year}/{following.month:02d}/{following.day:02d}/",
    ], title=f"Events on {day.isoformat()}")


def growing_page(path: str) -> bytes:
    """A listing page whose only link is its own URL made 200 characters longer."""
    return listing([f"{path}{'x' * 200}/"], title="Growing")


def xml_bomb() -> bytes:
    """A sitemap whose entities expand to gigabytes ("billion laughs")."""
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE urlset [{entities}]>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<url><loc>&lol9;</loc></url></urlset>").encode()


def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes, gzipped: a few kilobytes on the wire."""
    return gzip.compress(b"\0" * size, compresslevel=9)


def binary_junk() -> bytes:
    """A PNG signature and random bytes, as an image served as text/html would be."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(5).randbytes(6000)
