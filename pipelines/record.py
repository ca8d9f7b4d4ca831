"""The article record: what newsclean writes, one JSON object per article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pipelines.record_data import record_data

SCHEMA_VERSION = 2


@dataclass(frozen=True, slots=True)
class Removal:
    """One piece of boilerplate the cleaner stripped from the article area."""

    kind: str
    text: str


@dataclass(slots=True)
class Provenance:
    """Which signal won for each chosen field (e.g. ``json-ld``, ``og``, ``h1``, ``byline``)."""

    title: str | None = None
    authors: str | None = None
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class PageError:
    """Why a page gave no record: a value, never a swallowed exception."""

    kind: str
    message: str


@dataclass(slots=True)
class ArticleRecord:
    """One clean article; field meanings are documented in ``pipelines/schema``."""

    id: str
    url: str
    canonical_url: str
    title: str | None
    text: str
    byline: str | None
    authors: list[str]
    source: str | None
    source_domain: str
    wire_sources: list[str]
    published: str | None
    modified: str | None
    language: str | None
    description: str | None
    image: str | None
    word_count: int
    content_hash: str
    removed: list[Removal]
    crawled_at: str
    provenance: Provenance = field(default_factory=Provenance)
    updated: bool = False
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data."""
        return record_data(self)


def utc_now() -> str:
    """The current UTC time in ISO 8601 with seconds: the format of ``crawled_at``.

    Here, in the record's light module, so that the crawl process can stamp times without
    importing the extraction code (trafilatura and the language model).
    """
    return datetime.now(UTC).isoformat(timespec="seconds")
