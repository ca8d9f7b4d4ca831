"""Dates: structured signals normalised to ISO 8601, htmldate fallback, never the future."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.dates import choose_dates, normalise_date
from pipelines.document import parse_document

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-05-03T10:15:00+02:00", "2024-05-03T10:15:00+02:00"),
    ("2024-05-03T08:15:00Z", "2024-05-03T08:15:00+00:00"),
    ("2024-05-03", "2024-05-03"),
    ("Fri, 03 May 2024 10:15:00 +0200", "2024-05-03T10:15:00+02:00"),
    ("Tue Jan 28 15:28:56 CET 2020", "2020-01-28T15:28:56"),
    ("03.05.2024", "2024-05-03"),
    ("2024-5-3 22:17:36", "2024-05-03T22:17:36"),
    ("May 3, 2024", "2024-05-03"),
    ("2031-01-01", None),
    ("1970-01-01", None),
    ("yesterday-ish", None),
    ("2:33 PM", None),
    ("14:33", None),
])
def test_normalise_date(raw: str, expected: str | None) -> None:
    assert normalise_date(raw, NOW) == expected


def _dates(head: str, body: str = "", url: str = "https://news.example/story"):
    doc = parse_document(f"<html><head>{head}</head><body>{body}<p>x</p></body></html>", url)
    return choose_dates(doc, now=NOW)


def test_json_ld_published_and_modified() -> None:
    dates = _dates('<script type="application/ld+json">{"@type": "NewsArticle",'
                   ' "datePublished": "2024-05-03T10:15:00+02:00",'
                   ' "dateModified": "2024-05-04T09:00:00+02:00"}</script>')
    assert dates.published == "2024-05-03T10:15:00+02:00"
    assert dates.modified == "2024-05-04T09:00:00+02:00"
    assert dates.signal == "json-ld"


def test_meta_published_time() -> None:
    dates = _dates('<meta property="article:published_time" content="2024-05-03T10:15:00Z">')
    assert (dates.published, dates.signal) == ("2024-05-03T10:15:00+00:00", "meta")


def test_time_element_with_itemprop() -> None:
    dates = _dates("", '<time itemprop="datePublished" datetime="2024-04-30">30 April</time>')
    assert (dates.published, dates.signal) == ("2024-04-30", "time")


def test_structured_date_beats_url_date() -> None:
    dates = _dates('<meta property="article:published_time" content="2024-05-03">',
                   url="https://news.example/2019/01/01/story")
    assert dates.published == "2024-05-03"


def test_future_structured_date_ignored() -> None:
    dates = _dates('<meta property="article:published_time" content="2030-05-03">'
                   '<meta property="article:modified_time" content="2030-05-04">')
    assert dates.published is None or dates.published < "2024-06-03"
    assert dates.modified is None


def test_modified_earlier_than_published_dropped() -> None:
    dates = _dates('<meta property="article:published_time" content="2024-05-03">'
                   '<meta property="article:modified_time" content="2024-05-01">')
    assert (dates.published, dates.modified) == ("2024-05-03", None)


def test_htmldate_fallback_reads_the_text() -> None:
    dates = _dates("", "<p class='date'>Published on 2 May 2024</p>")
    assert dates.published == "2024-05-02"
    assert dates.signal == "htmldate"


def test_url_date_is_the_last_resort() -> None:
    doc = parse_document("<html><body><p>Kein Datum hier.</p></body></html>",
                         "https://blog.example/2009/12/23/monstergespraeche-1/")
    dates = choose_dates(doc)
    assert dates.published == "2009-12-23"
    assert dates.signal in ("htmldate", "url")


def test_impossible_url_date_is_ignored() -> None:
    doc = parse_document("<html><body><p>x</p></body></html>",
                         "https://blog.example/2009/13/45/post/")
    assert choose_dates(doc).published is None


def test_utc_time_takes_the_local_form_of_the_same_instant() -> None:
    dates = _dates('<script type="application/ld+json">{"@type": "NewsArticle",'
                   ' "datePublished": "2024-05-02T22:04:00Z"}</script>'
                   '<meta name="date" content="Fri, 03 May 2024 00:04:00 +0200">')
    assert dates.published == "2024-05-03T00:04:00+02:00"
    assert dates.signal == "meta"


def test_utc_time_kept_when_no_signal_gives_the_same_instant_locally() -> None:
    dates = _dates('<script type="application/ld+json">{"@type": "NewsArticle",'
                   ' "datePublished": "2024-05-02T22:04:00Z"}</script>'
                   '<meta property="article:published_time" content="2024-05-01T09:00:00+02:00">')
    assert dates.published == "2024-05-02T22:04:00+00:00"
