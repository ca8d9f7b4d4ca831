"""Small result values that the field stages hand to the extractor."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Choice:
    """A chosen field value and the signal it came from (``json-ld``, ``og``, ``h1``...)."""

    value: str | None = None
    signal: str | None = None


@dataclass(frozen=True, slots=True)
class Credits:
    """Who the page credits: the printed byline, parsed authors and news agencies."""

    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    wire_sources: list[str] = field(default_factory=list)
    signal: str | None = None


@dataclass(frozen=True, slots=True)
class Dates:
    """Publication and modification dates (ISO 8601) and the signal of ``published``."""

    published: str | None = None
    modified: str | None = None
    signal: str | None = None
