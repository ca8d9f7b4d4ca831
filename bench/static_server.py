"""A small, fast static file server for benchmarks: asyncio, HTTP/1.1 keep-alive, ``sendfile``.

The standard library's ``http.server`` spends about a millisecond of CPU per request in Python;
on a 2-core machine that CPU is taken from the crawl being measured. This server parses only the
request line and headers, answers GET/HEAD with ``loop.sendfile`` and keeps connections open. It
binds 127.0.0.1 only, prints ``http://127.0.0.1:PORT`` once listening, and serves until killed.

    python -m bench.static_server ROOT [--port 0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
MAX_HEADER = 64 * 1024


def resolve(root: Path, target: str) -> Path | None:
    """The file for a request target, or None (outside the root, or missing)."""
    path = unquote(urlsplit(target).path)
    if ".." in path.split("/"):
        return None
    file = root / path.lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def response_head(status: str, length: int, content_type: str, keep_alive: bool) -> bytes:
    """Status line and headers."""
    connection = "keep-alive" if keep_alive else "close"
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n"
            f"Connection: {connection}\r\n\r\n").encode("latin-1")


async def handle(root: Path, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Serve requests on one connection until the client closes it."""
    loop = asyncio.get_running_loop()
    try:
        while True:
            try:
                header = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                return
            lines = header.decode("latin-1").split("\r\n")
            method, target, version = [*lines[0].split(" "), "", "", ""][:3]
            lowered = header.lower()
            keep_alive = version == "HTTP/1.1" and b"connection: close" not in lowered
            file = resolve(root, target) if method in ("GET", "HEAD") else None
            if file is None:
                body = b"not found\n"
                writer.write(response_head("404 Not Found", len(body), "text/plain", keep_alive))
                writer.write(body)
            else:
                size = file.stat().st_size
                kind = TYPES.get(file.suffix, "application/octet-stream")
                writer.write(response_head("200 OK", size, kind, keep_alive))
                if method == "GET":
                    with file.open("rb") as handle_:
                        await loop.sendfile(writer.transport, handle_)
            await writer.drain()
            if not keep_alive:
                return
    except ConnectionError:
        return
    finally:
        writer.close()


async def serve(root: Path, port: int) -> None:
    """Listen on 127.0.0.1:``port`` and serve forever."""
    server = await asyncio.start_server(
        lambda r, w: handle(root, r, w), HOST, port, limit=MAX_HEADER, backlog=512
    )
    bound = server.sockets[0].getsockname()[1]
    print(f"http://{HOST}:{bound}", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    """Serve a folder."""
    parser = argparse.ArgumentParser(prog="python -m bench.static_server", description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    os.chdir(args.root)
    try:
        asyncio.run(serve(args.root.resolve(), args.port))
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
