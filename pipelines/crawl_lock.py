"""One lock file per source, so that two scheduled crawls of the same source never overlap.

``fcntl.flock`` locks belong to the open file: the kernel drops them when the process ends, even
when it is killed, so a crashed run never leaves a stale lock behind. The holder's pid is written
into the file for the message the refused run prints.

The same locks are taken by ``newsclean crawl`` before it starts Scrapy (so a skipped run
prints one line and writes nothing) and by the crawl itself (``crawler.extensions.CrawlGuard``,
so scrapyd jobs and ``scrapy crawl`` are covered too). ``flock`` locks of two open files
conflict even inside one process, so the locks are re-entrant per process: the crawl that
``newsclean crawl`` starts shares the locks its command took.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

SourceNames = Callable[[str, "str | None"], list[str]]


@dataclass
class _Held:
    """A lock file this process has flocked, and how many CrawlLocks share it."""

    fd: int
    holders: int = 1


# The locks this process holds, by resolved lock file. See the module docstring.
_HELD: dict[Path, _Held] = {}


class LockHeld(Exception):
    """Another process holds the lock of ``name``."""

    def __init__(self, name: str, pid: str) -> None:
        super().__init__(f"{name} is locked by pid {pid}")
        self.name = name
        self.pid = pid


def lock_names(spider_args: Mapping[str, str], source_names: SourceNames) -> list[str]:
    """What a run locks: each source of the file it crawls, and each start URL's host:port."""
    found: list[str] = []
    if spider_args.get("sources"):
        found = source_names(spider_args["sources"], spider_args.get("only"))
    urls = [url.strip() for url in spider_args.get("start_urls", "").split(",") if url.strip()]
    return names_to_lock(found, urls)


def names_to_lock(sources: Iterable[str], start_urls: Iterable[str]) -> list[str]:
    """``source NAME`` for each named source, ``site HOST:PORT`` for each ad-hoc start URL."""
    names = {f"source {name}" for name in sources}
    names.update(f"site {urlsplit(url).netloc.lower()}" for url in start_urls)
    return sorted(names)


def lock_file_name(name: str) -> str:
    """A file name for the lock of ``name``: unsafe characters become ``_``."""
    return _UNSAFE.sub("_", name).strip("_.") + ".lock"


class CrawlLock:
    """Non-blocking exclusive locks on ``DIR/<name>.lock`` for each name, held until exit.

    Re-entrant within a process: a lock this process already holds is shared, and the file is
    unlocked when its last holder releases it.
    """

    def __init__(self, directory: Path, names: Sequence[str]) -> None:
        self.directory = Path(directory)
        self.names = sorted(names)
        self._paths: list[Path] = []

    def acquire(self) -> None:
        """Take every lock or none; raise :class:`LockHeld` for the first one taken elsewhere."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for name in self.names:
            path = (self.directory / lock_file_name(name)).resolve()
            if path in _HELD:
                _HELD[path].holders += 1
            else:
                try:
                    _HELD[path] = _Held(_locked_fd(path, name))
                except LockHeld:
                    self.release()
                    raise
            self._paths.append(path)

    def release(self) -> None:
        """Drop the locks taken so far (the files stay: removing them would race)."""
        while self._paths:
            path = self._paths.pop()
            held = _HELD[path]
            held.holders -= 1
            if not held.holders:
                del _HELD[path]
                fcntl.flock(held.fd, fcntl.LOCK_UN)
                os.close(held.fd)

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _locked_fd(path: Path, name: str) -> int:
    """``path`` opened and flocked, with this pid written in; :class:`LockHeld` if taken."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        raise LockHeld(name, pid) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd
