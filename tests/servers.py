"""Test servers on loopback that record every request, and a probe crawl through real Scrapy.

``serve(routes, host)`` starts a stdlib ``http.server`` on ``host`` (127.0.0.1 or another
127/8 address, never anything else) and an ephemeral port; each route answers with a fixed
``Reply`` or a sequence of them (the last one repeats), and every request is recorded with its
arrival time and headers. ``probe_crawl`` runs ``python -m tests.servers`` in a subprocess (a
reactor cannot be restarted, so one crawl per process): the project's settings, the given
overrides, and a tiny spider that requests the start URLs and reports what came back.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from demo.server import serving

ROOT = Path(__file__).resolve().parent.parent
PROBE_TIMEOUT_S = 60
# What every probe crawl overrides: no pipeline stages, no feed, no summary line, no delays.
# Loopback is refused by default (RequestSafetyMiddleware): tests allow it explicitly.
QUIET = {
    "ITEM_PIPELINES": {},
    "FEEDS": {},
    "EXTENSIONS": {},
    "TELNETCONSOLE_ENABLED": False,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "LOG_LEVEL": "INFO",
}
ALLOW_LOOPBACK = {"SAFETY_ALLOWED_HOSTS": ["127.0.0.1"]}


@dataclass(frozen=True)
class Reply:
    """One canned HTTP answer."""

    status: int = 200
    body: bytes = b"<html><body><p>ok</p></body></html>"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it."""

    path: str
    at: float
    headers: dict[str, str]


Route = Reply | Sequence[Reply]


class RecordingServer(ThreadingHTTPServer):
    """A loopback HTTP server answering from a route table and recording each request."""

    daemon_threads = True

    def __init__(self, host: str, routes: dict[str, Route]) -> None:
        if not host.startswith("127."):
            raise ValueError(f"test servers bind loopback only, not {host!r}")
        super().__init__((host, 0), _Handler)
        self.routes = routes
        self.hits: list[Hit] = []
        self.lock = threading.Lock()

    @property
    def origin(self) -> str:
        """``http://host:port`` of this server."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.origin + path

    def paths(self) -> list[str]:
        """The paths requested so far, in arrival order."""
        with self.lock:
            return [hit.path for hit in self.hits]

    def times(self, path: str) -> list[float]:
        """Arrival times (monotonic seconds) of the requests for ``path``."""
        with self.lock:
            return [hit.at for hit in self.hits if hit.path == path]

    def answer(self, path: str, headers: dict[str, str]) -> Reply:
        """Record the request and choose its reply (the n-th of a sequence, then the last)."""
        with self.lock:
            seen = sum(1 for hit in self.hits if hit.path == path)
            self.hits.append(Hit(path, time.monotonic(), headers))
        route = self.routes.get(path)
        if route is None:
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        if isinstance(route, Reply):
            return route
        return route[min(seen, len(route) - 1)]


class _Handler(BaseHTTPRequestHandler):
    """Serve from the server's route table."""

    server: RecordingServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        """Answer a GET."""
        self.send_reply(self.server.answer(self.path, dict(self.headers.items())))

    def send_reply(self, reply: Reply) -> None:
        """Write ``reply`` with its status, headers and a Content-Length."""
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""


@contextmanager
def serve(routes: dict[str, Route], host: str = "127.0.0.1") -> Iterator[RecordingServer]:
    """A recording server on ``host`` (loopback) and a free port, for the ``with`` block."""
    server = RecordingServer(host, routes)
    with serving(server):
        yield server


def redirect(location: str, status: int = 302) -> Reply:
    """A redirect reply to ``location``."""
    return Reply(status, b"", {"Location": location})


@dataclass
class ProbeRun:
    """What a probe crawl saw: responses and failures per URL, the stats, the log."""

    returncode: int
    responses: list[dict[str, Any]]
    failures: list[dict[str, Any]]
    stats: dict[str, Any]
    log: str


def probe_crawl(urls: list[str], settings: dict[str, Any], tmp_path: Path,
                headers: dict[str, str] | None = None) -> ProbeRun:
    """Crawl ``urls`` in a subprocess: project settings, then ``QUIET``, then ``settings``."""
    out = tmp_path / "probe.json"
    command = [sys.executable, "-m", "tests.servers", "--out", str(out),
               "--settings", json.dumps({**QUIET, **settings}),
               "--headers", json.dumps(headers or {}), *urls]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          timeout=PROBE_TIMEOUT_S, check=False)
    result = json.loads(out.read_text("utf-8")) if out.exists() else {}
    return ProbeRun(done.returncode, result.get("responses", []), result.get("failures", []),
                    result.get("stats", {}), done.stderr)


def _run_probe(urls: list[str], settings: dict[str, Any], headers: dict[str, str],
               out: Path) -> None:
    """In the subprocess: run the probe spider once and write what it saw to ``out``."""
    from scrapy import Request, Spider
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings
    from twisted.python.failure import Failure

    responses: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []

    class ProbeSpider(Spider):
        """Request each start URL; record responses and failures."""

        name = "probe"
        custom_settings: ClassVar[dict[str, Any]] = {"HTTPERROR_ALLOW_ALL": True}

        async def start(self) -> Any:
            """One request per URL, with the given headers."""
            for url in urls:
                yield Request(url, headers=headers, callback=self.parse_any,
                              errback=self.failed, dont_filter=True)

        def parse_any(self, response: Any) -> None:
            """Record a response."""
            responses.append({"url": response.url, "status": response.status,
                              "size": len(response.body),
                              "request_url": response.request.url})

        def failed(self, failure: Failure) -> None:
            """Record a failure."""
            failures.append({"url": failure.request.url,  # type: ignore[attr-defined]
                             "type": failure.type.__name__ if failure.type else "",
                             "message": str(failure.value)})

    project = get_project_settings()
    project.setdict(settings, priority="cmdline")
    process = CrawlerProcess(project, install_root_handler=True)
    crawler = process.create_crawler(ProbeSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    out.write_text(json.dumps({"responses": responses, "failures": failures,
                               "stats": stats}, default=str), "utf-8")


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.servers --out FILE [--settings JSON] [--headers JSON] URL...``."""
    parser = argparse.ArgumentParser(prog="python -m tests.servers")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--settings", default="{}")
    parser.add_argument("--headers", default="{}")
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args(argv)
    _run_probe(args.urls, json.loads(args.settings), json.loads(args.headers), args.out)
    return 0


GAP_TOLERANCE_S = 0.05  # timer and clock granularity between the crawler and the server


def gaps(times: list[float]) -> list[float]:
    """Seconds between consecutive arrival times."""
    return [later - earlier for earlier, later in itertools.pairwise(times)]


if __name__ == "__main__":
    sys.exit(main())
