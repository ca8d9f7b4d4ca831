"""Host naming helpers shared by the metadata stages."""

from __future__ import annotations

import pytest

from pipelines.metatext import archived_url, clean_text, glued_key, host_labels, key


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.bbc.co.uk/news/world-1", ("bbc", "bbc.co.uk")),
    ("https://edition.example-news.com/a/b", ("example-news", "example-news.com")),
    ("https://web.archive.org/web/20120216182711/http://www.harbour-gazette.it/story",
     ("harbour-gazette", "harbour-gazette.it")),
    ("https://web.archive.org/web/20130217080612id_/https://tv-orange.example.de/x",
     ("example", "tv-orange.example.de")),
    ("http://web.archive.org/web/2014/www.gazette.org/a", ("gazette", "gazette.org")),
])
def test_host_labels_name_archived_copies_after_their_original(url: str,
                                                                expected: tuple[str, str]) -> None:
    assert host_labels(url) == expected


def test_archived_url_leaves_other_urls_and_archive_pages_alone() -> None:
    assert archived_url("https://example.org/web/2019/x") == "https://example.org/web/2019/x"
    assert archived_url("https://web.archive.org/about/") == "https://web.archive.org/about/"


def test_soft_hyphens_dropped_by_default_and_kept_on_request() -> None:
    assert clean_text("Welt&shy;ern\u00e4hrung\u200b") == "Welternährung"
    assert clean_text("Welt&shy;ernährung", soft_hyphens=True) == "Welt\u00adernährung"


def test_keys_ignore_soft_hyphens() -> None:
    assert key("Welt\u00adernährung heute") == key("Welternährung heute") == "welternährung heute"
    assert glued_key("Welt\u00adernährung Heute") == "welternährungheute"
