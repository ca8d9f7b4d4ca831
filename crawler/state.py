"""Persistent crawl state: what each URL looked like when its record was last written.

One SQLite file (``NEWSCLEAN_STATE_DIR/crawl-state.sqlite3``) keyed by normalised URL, with the
source each URL belongs to. Three tables:

- ``pages``: article URLs (requested, fetched and canonical forms) with content hash, ETag,
  Last-Modified, the discovery ``lastmod``, first/last seen and last written times, and the
  outcome (``written`` or ``not_article``);
- ``hubs``: start pages, feeds, sitemaps and listing pages with their validators and last body,
  so that a ``304 Not Modified`` can be answered from the state;
- ``outputs``: for each output file, the offset up to which its lines are known to the state.

Updates are buffered in memory and written in one short transaction by :meth:`CrawlState.flush`,
which the output stage calls only after the lines are in the output file: a crash never marks an
unwritten article as done, and the output lines past ``outputs.committed`` are replayed into the
state on the next start (see :mod:`pipelines.output`).
"""

from __future__ import annotations

import gzip
import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from pipelines.urls import normalize

logger = logging.getLogger(__name__)

STATE_FILE = "crawl-state.sqlite3"
WRITTEN = "written"
NOT_ARTICLE = "not_article"
_MAX_PENDING_FETCHES = 50_000
_MAX_KEYS = 4096  # normalised URLs remembered (cleared when full)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    canonical_url TEXT,
    source TEXT,
    outcome TEXT NOT NULL,
    content_hash TEXT,
    etag TEXT,
    last_modified TEXT,
    lastmod TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_written TEXT
);
CREATE INDEX IF NOT EXISTS pages_source ON pages (source);
CREATE TABLE IF NOT EXISTS hubs (
    url TEXT PRIMARY KEY,
    source TEXT,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT,
    body BLOB,
    last_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outputs (
    path TEXT PRIMARY KEY,
    committed INTEGER NOT NULL
);
"""
_PAGE_COLUMNS = (
    "url", "canonical_url", "source", "outcome", "content_hash", "etag", "last_modified",
    "lastmod", "first_seen", "last_seen", "last_written",
)


@dataclass(frozen=True, slots=True)
class PageState:
    """What the state knows about one article URL."""

    url: str
    canonical_url: str | None
    source: str | None
    outcome: str
    content_hash: str | None
    etag: str | None
    last_modified: str | None
    lastmod: str | None
    first_seen: str
    last_seen: str
    last_written: str | None


@dataclass(frozen=True, slots=True)
class HubState:
    """A hub's validators and the body they belong to (for answering a 304)."""

    url: str
    etag: str | None
    last_modified: str | None
    content_type: str | None
    body: bytes


@dataclass(frozen=True, slots=True)
class Fetch:
    """What the downloader saw of one entry response, until its outcome is known."""

    source: str
    urls: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    lastmod: str | None
    fetched_at: str


class CrawlState:
    """The state database of one state folder; buffered writes, one transaction per flush."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self._pages: dict[str, PageState] = {}
        self._hubs: dict[str, tuple[str | None, HubState, str]] = {}
        self._outputs: dict[str, int] = {}
        self._fetches: OrderedDict[str, Fetch] = OrderedDict()
        self._keys: dict[str, str] = {}

    @classmethod
    def open(cls, state_dir: str | Path) -> CrawlState:
        """Open (creating if needed) the state database in ``state_dir``."""
        return cls(Path(state_dir).resolve() / STATE_FILE)

    # --- reading ------------------------------------------------------------------------
    def page(self, url: str) -> PageState | None:
        """The state of ``url`` (any of its forms), pending updates included."""
        return self._page(self._key(url))

    def _key(self, url: str) -> str:
        """``normalize(url)``, remembered: a record's URLs are looked up several times."""
        key = self._keys.get(url)
        if key is None:
            if len(self._keys) >= _MAX_KEYS:
                self._keys.clear()
            key = self._keys[url] = normalize(url)
        return key

    def _page(self, key: str) -> PageState | None:
        if key in self._pages:
            return self._pages[key]
        row = self.db.execute(
            f"SELECT {', '.join(_PAGE_COLUMNS)} FROM pages WHERE url = ?", (key,)
        ).fetchone()
        return PageState(*row) if row else None

    def hub(self, url: str) -> HubState | None:
        """The stored validators and body of hub ``url``."""
        key = normalize(url)
        if key in self._hubs:
            return self._hubs[key][1]
        row = self.db.execute(
            "SELECT url, etag, last_modified, content_type, body FROM hubs WHERE url = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        return HubState(row[0], row[1], row[2], row[3], gzip.decompress(row[4]))

    def committed_offset(self, output: Path) -> int | None:
        """How far the lines of ``output`` are known to the state (None: never seen)."""
        key = str(output.resolve())
        if key in self._outputs:
            return self._outputs[key]
        row = self.db.execute("SELECT committed FROM outputs WHERE path = ?", (key,)).fetchone()
        return int(row[0]) if row else None

    def count(self, source: str | None = None, outcome: str = WRITTEN) -> int:
        """Distinct canonical URLs with ``outcome`` (of one source, or all), flushed rows only."""
        query = "SELECT COUNT(DISTINCT canonical_url) FROM pages WHERE outcome = ?"
        args: tuple[str, ...] = (outcome,)
        if source is not None:
            query += " AND source = ?"
            args += (source,)
        return int(self.db.execute(query, args).fetchone()[0])

    # --- buffered updates ---------------------------------------------------------------
    def mark_written(
        self, urls: Iterable[str], canonical_url: str, content_hash: str, written_at: str,
        fetch: Fetch | None = None,
    ) -> None:
        """Stage: the record of ``canonical_url`` is in the output (all URL forms point to it)."""
        self._stage_page(
            [*urls, canonical_url], canonical_url=canonical_url, outcome=WRITTEN,
            content_hash=content_hash, seen_at=written_at, written_at=written_at, fetch=fetch,
        )

    def mark_seen(
        self, urls: Iterable[str], seen_at: str, fetch: Fetch | None = None,
        outcome: str | None = None,
    ) -> None:
        """Stage: URLs fetched again without a new record (unchanged, 304, not an article)."""
        self._stage_page(list(urls), outcome=outcome, seen_at=seen_at, fetch=fetch)

    def save_hub(
        self, url: str, source: str | None, etag: str | None, last_modified: str | None,
        content_type: str | None, body: bytes, seen_at: str,
    ) -> None:
        """Stage a hub's validators and body."""
        key = normalize(url)
        self._hubs[key] = (source, HubState(key, etag, last_modified, content_type, body), seen_at)

    def set_committed(self, output: Path, offset: int) -> None:
        """Stage: the lines of ``output`` up to ``offset`` are reflected in the state."""
        self._outputs[str(output.resolve())] = offset

    def note_fetch(self, url: str, fetch: Fetch) -> None:
        """Remember an entry response until its record is written or dropped."""
        self._fetches[url] = fetch
        if len(self._fetches) > _MAX_PENDING_FETCHES:
            self._fetches.popitem(last=False)

    def pop_fetch(self, url: str) -> Fetch | None:
        """The fetch noted for ``url`` (the record's fetched URL), forgotten once taken."""
        return self._fetches.pop(url, None)

    @property
    def pending(self) -> int:
        """Updates waiting for :meth:`flush`."""
        return len(self._pages) + len(self._hubs) + len(self._outputs)

    def flush(self) -> None:
        """Write all staged updates in one transaction."""
        if not self.pending:
            return
        pages = [tuple(getattr(page, c) for c in _PAGE_COLUMNS) for page in self._pages.values()]
        hubs = [
            (hub.url, source, hub.etag, hub.last_modified, hub.content_type,
             gzip.compress(hub.body, compresslevel=5), seen)
            for source, hub, seen in self._hubs.values()
        ]
        placeholders = ", ".join("?" * len(_PAGE_COLUMNS))
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(
                f"INSERT OR REPLACE INTO pages ({', '.join(_PAGE_COLUMNS)}) "
                f"VALUES ({placeholders})", pages,
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO hubs (url, source, etag, last_modified, content_type, "
                "body, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)", hubs,
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO outputs (path, committed) VALUES (?, ?)",
                list(self._outputs.items()),
            )
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        self._pages.clear()
        self._hubs.clear()
        self._outputs.clear()

    def close(self) -> None:
        """Flush and close the database."""
        self.flush()
        self.db.close()

    def _stage_page(
        self, urls: list[str], *, seen_at: str, fetch: Fetch | None,
        canonical_url: str | None = None, outcome: str | None = None,
        content_hash: str | None = None, written_at: str | None = None,
    ) -> None:
        for key in dict.fromkeys(self._key(url) for url in urls):
            old = self._page(key)
            if old is None and outcome is None:
                continue
            page = old or PageState(
                url=key, canonical_url=canonical_url, source=None, outcome=outcome or WRITTEN,
                content_hash=content_hash, etag=None, last_modified=None, lastmod=None,
                first_seen=seen_at, last_seen=seen_at, last_written=None,
            )
            page = replace(
                page,
                canonical_url=canonical_url or page.canonical_url,
                source=page.source or (fetch.source if fetch else None) or host_of(key),
                outcome=outcome or page.outcome,
                content_hash=content_hash or page.content_hash,
                last_seen=seen_at,
                last_written=written_at or page.last_written,
            )
            if fetch is not None:
                page = replace(
                    page, etag=fetch.etag or page.etag,
                    last_modified=fetch.last_modified or page.last_modified,
                    lastmod=latest(page.lastmod, fetch.lastmod),
                )
            self._pages[key] = page


class CrawlStateExtension:
    """Opens the state database for the crawl's other components and closes it at the end.

    Settings: ``NEWSCLEAN_STATE_ENABLED`` (default on), ``NEWSCLEAN_STATE_DIR`` (``state``).
    Components reach the database with ``crawler.get_extension(CrawlStateExtension).state``.
    """

    def __init__(self, state: CrawlState) -> None:
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStateExtension:
        """Open the database; ``NotConfigured`` when the state is switched off."""
        if not crawler.settings.getbool("NEWSCLEAN_STATE_ENABLED", True):
            raise NotConfigured("NEWSCLEAN_STATE_ENABLED is off")
        state = CrawlState.open(crawler.settings.get("NEWSCLEAN_STATE_DIR", "state"))
        logger.info("crawl state: %s", state.path)
        extension = cls(state)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        """Flush what is left (hub validators) and close."""
        self.state.close()


def crawl_state(crawler: Crawler) -> CrawlState | None:
    """The crawl's state database, or None when the state is switched off."""
    extension = crawler.get_extension(CrawlStateExtension)
    return extension.state if extension is not None else None


def host_of(url: str) -> str:
    """The host name of ``url``: the source of a URL no discovery named."""
    return urlsplit(url).hostname or ""


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as an aware UTC datetime (naive means UTC); None if not."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def latest(old: str | None, new: str | None) -> str | None:
    """The later of two ISO 8601 times (an unparsable value loses)."""
    if parse_time(new) is None:
        return old
    if parse_time(old) is None:
        return new
    return new if parse_time(new) > parse_time(old) else old  # type: ignore[operator]


def is_newer(lastmod: str | None, page: PageState) -> bool:
    """True when a discovery ``lastmod`` says the page changed since the state last saw it."""
    new = parse_time(lastmod)
    if new is None:
        return False
    old = parse_time(page.lastmod) or parse_time(page.last_seen)
    return old is None or new > old
