"""``crawler.sources``: the sources file, its validation and where its errors are."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from crawler.sources import (
    Source,
    SourceOverrides,
    SourcesError,
    adhoc_source,
    load_sources,
    selector_xpath,
)

ROOT = Path(__file__).resolve().parent.parent
GOOD = """\
[[source]]
name = "one"
start_pages = ["https://www.example.com/"]
feeds = ["https://feeds.example.com/rss"]
article_allow = ['/\\d{4}/']

[source.overrides]
title = "h1.headline"
drop = [".share", "//aside"]

[[source]]
name = "two"
sitemaps = ["https://example.org/sitemap.xml.gz"]
allowed_domains = ["Example.org"]
depth = 2
pages_per_run = 10
max_age_days = 1.5
"""


def _load(tmp_path: Path, text: str) -> list[Source]:
    path = tmp_path / "sources.toml"
    path.write_text(text, "utf-8")
    return load_sources(path)


def _error(tmp_path: Path, text: str) -> SourcesError:
    with pytest.raises(SourcesError) as caught:
        _load(tmp_path, text)
    return caught.value


def test_good_file(tmp_path: Path) -> None:
    one, two = _load(tmp_path, GOOD)
    assert one.name == "one" and one.urls == ("https://www.example.com/",
                                              "https://feeds.example.com/rss")
    assert one.domains == ("feeds.example.com", "www.example.com")
    assert one.patterns.allow[0].search("https://www.example.com/2026/x")
    assert one.overrides == SourceOverrides(title="h1.headline", drop=(".share", "//aside"))
    assert one.discover_sitemaps and not one.follow_article_links
    assert two.domains == ("example.org",)
    assert two.allows("https://news.example.org/a") and not two.allows("https://xexample.org/")
    assert (two.depth, two.pages_per_run, two.max_age_days) == (2, 10, 1.5)
    assert two.overrides == SourceOverrides()


def test_overrides_are_a_frozen_dataclass() -> None:
    overrides = SourceOverrides(title="h1", byline=None, body="article", drop=(".x",))
    assert dataclasses.is_dataclass(overrides)
    with pytest.raises(dataclasses.FrozenInstanceError):
        overrides.title = "h2"  # type: ignore[misc]


def test_selectors_css_or_xpath() -> None:
    assert selector_xpath("//div[@id='a']") == "//div[@id='a']"
    assert selector_xpath("(//p)[1]") == "(//p)[1]"
    assert selector_xpath("h1.headline").startswith("descendant-or-self::h1")


def test_example_file_is_valid() -> None:
    names = [source.name for source in load_sources(ROOT / "sources.example.toml")]
    assert names == ["harbour-gazette", "elbufer"]


def test_toml_syntax_error_has_its_line(tmp_path: Path) -> None:
    error = _error(tmp_path, GOOD.replace('depth = 2', 'depth = 2 2'))
    assert error.line == GOOD.splitlines().index("depth = 2") + 1
    assert str(error).startswith(f"{tmp_path / 'sources.toml'}:{error.line}: TOML: ")


@pytest.mark.parametrize(
    ("old", "new", "line_of", "reason"),
    [
        ('depth = 2', 'depth = -1', 'depth = -1',
         "source 'two': depth: Input should be greater than or equal to 0"),
        ('max_age_days = 1.5', 'max_age = 1.5', 'max_age = 1.5',
         "source 'two': max_age: Extra inputs are not permitted"),
        ('feeds = ["https://feeds.example.com/rss"]', 'feeds = ["feeds.example.com/rss"]',
         'feeds = ["feeds.example.com/rss"]',
         "source 'one': feeds: not an http(s) URL: 'feeds.example.com/rss'"),
        ("article_allow = ['/\\d{4}/']", "article_allow = ['(unclosed']",
         "article_allow = ['(unclosed']",
         "source 'one': article_allow: bad regular expression '(unclosed'"),
        ('title = "h1.headline"', 'title = "h1["', "[source.overrides]",
         "source 'one': overrides.title: bad CSS selector 'h1['"),
        ('drop = [".share", "//aside"]', 'drop = ["//aside["]', "[source.overrides]",
         "source 'one': overrides.drop: bad XPath '//aside['"),
        ('name = "two"', 'name = "one"', "[[source]]",
         "source 'one': the name is used twice"),
    ],
)
def test_schema_errors_have_line_and_reason(
    tmp_path: Path, old: str, new: str, line_of: str, reason: str
) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    error = _error(tmp_path, text)
    assert reason in error.reason
    lines = text.splitlines()
    if line_of == "[[source]]":  # the second source's name line
        line_of = 'name = "one"'
        expected = len(lines) - lines[::-1].index(line_of)
    else:
        expected = lines.index(line_of) + 1
    assert error.line == expected, str(error)


def test_source_without_urls(tmp_path: Path) -> None:
    error = _error(tmp_path, '[[source]]\nname = "bare"\n')
    assert error.line == 1
    assert "source 'bare': a source needs at least one of start_pages, feeds, sitemaps" in str(
        error)


def test_missing_name_and_empty_file(tmp_path: Path) -> None:
    assert "name: Field required" in str(_error(tmp_path, '[[source]]\nfeeds = ["http://a/"]\n'))
    assert "lists no [[source]]" in str(_error(tmp_path, "# nothing yet\n"))


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(tmp_path / "missing.toml")


def test_adhoc_source() -> None:
    source = adhoc_source(["http://127.0.0.1:8000/", "http://127.0.0.1:8000/feed.xml"])
    assert source.name == "start_urls" and source.start_pages == source.urls
    assert source.domains == ("127.0.0.1",) and source.discover_sitemaps is False
