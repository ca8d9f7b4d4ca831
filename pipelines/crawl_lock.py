"""One lock file per source, so that two scheduled crawls of the same source never overlap.

``fcntl.flock`` locks belong to the open file: the kernel drops them when the process ends, even
when it is killed, so a crashed run never leaves a stale lock behind. The holder's pid is written
into the file for the message the refused run prints.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

SourceNames = Callable[[str, "str | None"], list[str]]


class LockHeld(Exception):
    """Another process holds the lock of ``name``."""

    def __init__(self, name: str, pid: str) -> None:
        super().__init__(f"{name} is locked by pid {pid}")
        self.name = name
        self.pid = pid


def lock_names(spider_args: Mapping[str, str], source_names: SourceNames) -> list[str]:
    """What a run locks: each source of the file it crawls, and each start URL's host:port."""
    names: set[str] = set()
    if spider_args.get("sources"):
        found = source_names(spider_args["sources"], spider_args.get("only"))
        names.update(f"source {name}" for name in found)
    urls = [url.strip() for url in spider_args.get("start_urls", "").split(",") if url.strip()]
    names.update(f"site {urlsplit(url).netloc.lower()}" for url in urls)
    return sorted(names)


def lock_file_name(name: str) -> str:
    """A file name for the lock of ``name``: unsafe characters become ``_``."""
    return _UNSAFE.sub("_", name).strip("_.") + ".lock"


class CrawlLock:
    """Non-blocking exclusive locks on ``DIR/<name>.lock`` for each name, held until exit."""

    def __init__(self, directory: Path, names: Sequence[str]) -> None:
        self.directory = Path(directory)
        self.names = sorted(names)
        self._fds: list[int] = []

    def acquire(self) -> None:
        """Take every lock or none; raise :class:`LockHeld` for the first one taken elsewhere."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for name in self.names:
            fd = os.open(self.directory / lock_file_name(name), os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                os.close(fd)
                self.release()
                raise LockHeld(name, pid) from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            self._fds.append(fd)

    def release(self) -> None:
        """Drop the locks taken so far (the files stay: removing them would race)."""
        while self._fds:
            fd = self._fds.pop()
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

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
