"""Serve the bundled demo news site on 127.0.0.1, in a background thread.

Why hand-written: the site's XML files, robots.txt, the manifest and the HTML pages' canonical
links must carry absolute URLs, and the port is only known once the server is bound. Pages
therefore say ``{{ORIGIN}}`` and this module replaces it with ``http://127.0.0.1:PORT`` as
each text file is served. Everything else (path translation, directory redirects, files that
are not text) is the standard library's ``http.server``; there is no framework and no
dependency. The server binds a loopback address only and never opens a connection itself.

    python -m demo.server [--port 8765] [--root demo/site] [--verbose]
"""

from __future__ import annotations

import argparse
import io
import ipaddress
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from functools import partial
from http import HTTPStatus
from http.server import HTTPServer, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

PLACEHOLDER = b"{{ORIGIN}}"
DEFAULT_ROOT = Path(__file__).resolve().parent / "site"
DEFAULT_PORT = 8765

# Suffixes whose bytes are searched for the placeholder, with the type they are served as.
TEXT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}
# Feeds named by convention get their specific media type.
NAMED_TYPES: dict[str, str] = {
    "feed.xml": "application/rss+xml; charset=utf-8",
    "atom.xml": "application/atom+xml; charset=utf-8",
}


class _SiteHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its public origin and whether to log."""

    daemon_threads = True
    origin: str = ""
    verbose: bool = False

    def handle_error(self, request: object, client_address: object) -> None:
        """Report a failed request only when asked (clients hanging up are routine)."""
        if self.verbose:
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Static files from the site root, with ``{{ORIGIN}}`` substituted in text files."""

    server: _SiteHTTPServer

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        """Answer GET/HEAD: text files substituted in memory, other files as the stdlib does."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
                return super().send_head()  # the stdlib's 301 to the slashed URL
            path = path / "index.html"
        if not path.is_file() or path.suffix.lower() not in TEXT_TYPES:
            return super().send_head()
        body = path.read_bytes().replace(PLACEHOLDER, self.server.origin.encode("ascii"))
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path: str | Path) -> BinaryIO | None:  # type: ignore[override]
        """No generated listings: a folder without ``index.html`` is simply not there."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def log_message(self, format: str, *args: object) -> None:
        """Log requests to stderr only when the server was started verbose."""
        if self.server.verbose:
            super().log_message(format, *args)


def content_type(path: Path) -> str:
    """The Content-Type a text file of the site is served with."""
    return NAMED_TYPES.get(path.name) or TEXT_TYPES[path.suffix.lower()]


class SiteServer:
    """A running demo-site server; stop it with ``stop()`` or use it as a context manager."""

    def __init__(self, httpd: _SiteHTTPServer, thread: threading.Thread) -> None:
        self._httpd = httpd
        self._thread = thread

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``, without a trailing slash."""
        return self._httpd.origin

    @property
    def port(self) -> int:
        """The bound TCP port."""
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        """The absolute URL of a root-relative ``path`` on this server."""
        return self.origin + (path if path.startswith("/") else "/" + path)

    def stop(self) -> None:
        """Shut the server down, close its socket and wait for its thread."""
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


@contextmanager
def serving(server: HTTPServer, before_stop: Callable[[], None] | None = None) -> Iterator[None]:
    """Run ``server`` from a daemon thread for the ``with`` block, then stop and close it.

    ``before_stop`` runs first on the way out (e.g. to release handlers that stream forever).
    Shared by the demo, the benchmarks' and the tests' loopback servers.
    """
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield
    finally:
        if before_stop is not None:
            before_stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve_site(
    root: Path = DEFAULT_ROOT, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False
) -> SiteServer:
    """Serve ``root`` on a loopback ``host`` (port 0: any free port) from a background thread."""
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"the demo server binds loopback addresses only, not {host!r}")
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"no site folder at {root}")
    handler = partial(SiteRequestHandler, directory=str(root))
    httpd = _SiteHTTPServer((host, port), handler)
    bound_host, bound_port = httpd.server_address[:2]
    shown_host = f"[{bound_host}]" if ":" in str(bound_host) else str(bound_host)
    httpd.origin = f"http://{shown_host}:{bound_port}"
    httpd.verbose = verbose
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="demo-site", daemon=True
    )
    thread.start()
    return SiteServer(httpd, thread)


def main(argv: list[str] | None = None) -> int:
    """Serve the demo site until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m demo.server", description=main.__doc__)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the site folder")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    args = parser.parse_args(argv)
    server = serve_site(args.root, port=args.port, verbose=args.verbose)
    print(f"demo site served at {server.origin}/ (Ctrl-C stops)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
