"""The sources file (``sources.toml``): what to crawl, per source, validated before any request.

Each ``[[source]]`` table is a :class:`Source`; a file that does not parse or validate raises
:class:`SourcesError` naming the file, the line and the reason. See ``sources.example.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
from cssselect import SelectorError
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass

from crawler.url_classifier import ArticlePatterns
from pipelines.site_rules import SiteRules, selector_xpath

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_SOURCE_HEADER = re.compile(r"^\s*\[\[\s*source\s*\]\]", re.MULTILINE)
_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
_STRICT_DATACLASS = ConfigDict(extra="forbid", str_strip_whitespace=True)
ADHOC_NAME = "start_urls"  # the source behind -a start_urls=...


class SourcesError(ValueError):
    """A sources file that cannot be used: where and why."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{path}:{line}: {reason}")


def _checked_selector(selector: str) -> str:
    """``selector`` if it compiles as CSS or XPath, else ValueError with lxml's reason."""
    try:
        lxml.etree.XPath(selector_xpath(selector))
    except SelectorError as exc:
        raise ValueError(f"bad CSS selector {selector!r}: {exc}") from exc
    except lxml.etree.XPathSyntaxError as exc:
        raise ValueError(f"bad XPath {selector!r}: {exc}") from exc
    return selector


@pydantic_dataclass(frozen=True, config=_STRICT_DATACLASS)
class SourceOverrides:
    """Per-source selectors (CSS, or XPath when starting with ``/``, ``./`` or ``(``)."""

    title: str | None = None
    byline: str | None = None
    body: str | None = None
    drop: tuple[str, ...] = ()

    @field_validator("title", "byline", "body")
    @classmethod
    def _one(cls, value: str | None) -> str | None:
        return None if value is None else _checked_selector(value)

    @field_validator("drop")
    @classmethod
    def _many(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_checked_selector(selector) for selector in value)

    def site_rules(self) -> SiteRules | None:
        """The extraction rules these overrides pin, or None when they pin nothing."""
        if not (self.title or self.byline or self.body or self.drop):
            return None
        return SiteRules(self.title, self.byline, self.body, self.drop)


class Source(BaseModel):
    """One news source: where its URLs come from, what is an article, and its limits."""

    model_config = _STRICT

    name: str = Field(pattern=_NAME)
    start_pages: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_allow: tuple[str, ...] = ()
    article_deny: tuple[str, ...] = ()
    depth: int | None = Field(default=None, ge=0)
    pages_per_run: int | None = Field(default=None, ge=1)
    max_age_days: float | None = Field(default=None, ge=0)
    discover_sitemaps: bool = True
    discover_feeds: bool = True
    follow_article_links: bool = False
    overrides: SourceOverrides = SourceOverrides()
    _patterns: ArticlePatterns = PrivateAttr(default_factory=ArticlePatterns)
    _domain_names: tuple[str, ...] = PrivateAttr(default=())

    @field_validator("start_pages", "feeds", "sitemaps")
    @classmethod
    def _http_urls(cls, urls: tuple[str, ...]) -> tuple[str, ...]:
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"not an http(s) URL: {url!r}")
        return urls

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, domains: tuple[str, ...]) -> tuple[str, ...]:
        for domain in domains:
            if not domain or "/" in domain or ":" in domain:
                raise ValueError(f"a domain is a host name without scheme or port: {domain!r}")
        return tuple(domain.lower().lstrip(".") for domain in domains)

    @field_validator("article_allow", "article_deny")
    @classmethod
    def _regexes(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
        return patterns

    @model_validator(mode="after")
    def _has_urls(self) -> Source:
        if not self.urls:
            raise ValueError("a source needs at least one of start_pages, feeds, sitemaps")
        return self

    def model_post_init(self, context: Any, /) -> None:
        """Compile the article URL patterns and derive the domains once (``allows`` is per link)."""
        self._patterns = ArticlePatterns.compile(self.article_allow, self.article_deny)
        self._domain_names = self.allowed_domains or tuple(
            sorted({(urlsplit(url).hostname or "").lower() for url in self.urls}))

    @property
    def urls(self) -> tuple[str, ...]:
        """Start pages, feeds and sitemaps, in that order."""
        return (*self.start_pages, *self.feeds, *self.sitemaps)

    @property
    def domains(self) -> tuple[str, ...]:
        """``allowed_domains``, or the host names of the source's URLs when none are given."""
        return self._domain_names

    @property
    def patterns(self) -> ArticlePatterns:
        """The compiled article URL patterns."""
        return self._patterns

    def allows(self, url: str) -> bool:
        """Whether ``url``'s host is one of the source's domains or a subdomain of one."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)


class _SourcesFile(BaseModel):
    """The whole file: one or more ``[[source]]`` tables."""

    model_config = _STRICT

    source: tuple[Source, ...] = Field(default=(), validate_default=True)

    @field_validator("source")
    @classmethod
    def _distinct(cls, sources: tuple[Source, ...]) -> tuple[Source, ...]:
        if not sources:
            raise ValueError("the file lists no [[source]] table")
        return sources


def adhoc_source(urls: Sequence[str], *, follow_article_links: bool = False) -> Source:
    """The source behind ``-a start_urls=...``: every URL a start page, no robots.txt probe."""
    return Source(name=ADHOC_NAME, start_pages=tuple(urls), discover_sitemaps=False,
                  follow_article_links=follow_article_links)


def load_sources(path: Path | str) -> list[Source]:
    """Read and validate a sources file; :class:`SourcesError` says where and why not."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(path, 0, f"cannot read the sources file: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        raise SourcesError(path, int(match[1]) if match else 0, f"TOML: {exc}") from exc
    try:
        sources = list(_SourcesFile.model_validate(data).source)
    except ValidationError as exc:
        error = exc.errors()[0]
        line = _error_line(text, error["loc"])
        where = ".".join(str(part) for part in error["loc"][2:])
        reason = error["msg"].removeprefix("Value error, ")
        name = _source_name(data, error["loc"])
        prefix = f"source {name!r}" if name else "sources file"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        where = f"{where}: " if where else ""
        raise SourcesError(path, line, f"{prefix}: {where}{reason}{more}") from exc
    names = [source.name for source in sources]
    for index, name in enumerate(names):
        if name in names[:index]:
            line = _error_line(text, ("source", index, "name"))
            raise SourcesError(path, line, f"source {name!r}: the name is used twice")
    return sources


def _source_name(data: dict[str, Any], loc: tuple[Any, ...]) -> str | None:
    """The ``name`` of the source an error is about, when it has one."""
    if len(loc) < 2 or loc[0] != "source" or not isinstance(loc[1], int):
        return None
    sources = data.get("source")
    if isinstance(sources, list) and loc[1] < len(sources) and isinstance(sources[loc[1]], dict):
        name = sources[loc[1]].get("name")
        return name if isinstance(name, str) else None
    return None


def _error_line(text: str, loc: tuple[Any, ...]) -> int:
    """The line of the erring key: its ``[[source]]`` block, then the key inside it."""
    if len(loc) < 2 or loc[0] != "source" or not isinstance(loc[1], int):
        return 1
    headers = [text.count("\n", 0, m.start()) + 1 for m in _SOURCE_HEADER.finditer(text)]
    if loc[1] >= len(headers):
        return 1
    lines = text.splitlines()
    start = headers[loc[1]]
    end = headers[loc[1] + 1] if loc[1] + 1 < len(headers) else len(lines) + 1
    if len(loc) > 2 and isinstance(loc[2], str):
        key = re.compile(rf"^\s*(?:{re.escape(loc[2])}\s*=|\[\s*source\.{re.escape(loc[2])}\s*\])")
        for number in range(start, end):
            if key.match(lines[number - 1]):
                return number
    return start
