"""``pipelines.urls``: canonical URL, record id and publisher domain."""

from __future__ import annotations

import re

import pytest

from pipelines.document import parse_document
from pipelines.urls import canonical_url, normalize, record_id, source_domain

FETCHED = "https://www.example.com/news/2024/story.html?utm_source=twitter"


def _canonical(head: str, fetched: str = FETCHED) -> str:
    page = f"<html><head>{head}</head><body><p>Text.</p></body></html>"
    return canonical_url(parse_document(page, fetched))


def test_rel_canonical_wins_over_og_url_and_is_resolved() -> None:
    head = (
        '<link rel="canonical" href="/news/2024/story?utm_medium=social">'
        '<meta property="og:url" content="https://www.example.com/og-version">'
    )
    assert _canonical(head) == "https://www.example.com/news/2024/story"


def test_og_url_used_without_rel_canonical() -> None:
    head = '<meta property="og:url" content="https://example.com/og-version#top">'
    assert _canonical(head) == "https://example.com/og-version"


def test_fetched_url_used_without_signals() -> None:
    assert _canonical("") == "https://www.example.com/news/2024/story.html"


def test_tracking_parameters_are_stripped_and_others_kept() -> None:
    fetched = (
        "https://News.Example.COM:443/article.php?story=42&utm_campaign=spring&fbclid=abc"
        "&gclid=xyz&utm_source=nl#comments"
    )
    assert _canonical("", fetched) == "https://news.example.com/article.php?story=42"


def test_different_query_ids_stay_different_articles() -> None:
    first = _canonical("", "https://example.com/news.php?story=1")
    second = _canonical("", "https://example.com/news.php?story=2")
    assert first != second
    assert record_id(first) != record_id(second)


def test_cross_site_canonical_is_ignored() -> None:
    head = (
        '<link rel="canonical" href="https://wire-agency.org/original/story">'
        '<meta property="og:url" content="https://www.example.com/news/og">'
    )
    assert _canonical(head) == "https://www.example.com/news/og"
    only_foreign = '<link rel="canonical" href="https://wire-agency.org/original/story">'
    assert _canonical(only_foreign) == "https://www.example.com/news/2024/story.html"


def test_canonical_on_another_subdomain_of_the_same_site_is_kept() -> None:
    head = '<link rel="canonical" href="https://amp.example.com/news/2024/story">'
    assert _canonical(head) == "https://amp.example.com/news/2024/story"


@pytest.mark.parametrize("href", ["javascript:void(0)", "mailto:desk@example.com", "ftp://example.com/x"])
def test_non_http_canonical_is_ignored(href: str) -> None:
    assert _canonical(f'<link rel="canonical" href="{href}">') == (
        "https://www.example.com/news/2024/story.html"
    )


def test_first_usable_canonical_link_is_taken() -> None:
    head = (
        '<link rel="canonical" href="https://elsewhere.net/a">'
        '<link rel="canonical" href="/second">'
    )
    assert _canonical(head) == "https://www.example.com/second"


def test_normalize_lower_cases_host_and_drops_default_port_and_fragment() -> None:
    assert normalize("HTTP://WWW.Example.com:80/Path/?b=2&a=1#x") == (
        "http://www.example.com/Path/?a=1&b=2"
    )
    assert normalize("http://127.0.0.1:8000/a/b.html") == "http://127.0.0.1:8000/a/b.html"


def test_record_id_is_stable_32_hex_and_distinct() -> None:
    first = record_id("https://example.com/a")
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert record_id("https://example.com/a") == first
    # sha256("https://example.com/a")[:32], pinned so that ids survive refactors
    assert first == "2dce0a4c50441bfccfa9caf4b58c3cba"
    assert record_id("https://example.com/b") != first


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.bbc.co.uk/news/world-1", "bbc.co.uk"),
        ("https://edition.cnn.com/2024/05/01/x", "cnn.com"),
        ("http://127.0.0.1:8000/article.html", "127.0.0.1"),
        ("http://localhost:8000/a", "localhost"),
        ("https://example.com/", "example.com"),
    ],
)
def test_source_domain(url: str, domain: str) -> None:
    assert source_domain(url) == domain
