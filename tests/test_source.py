"""Source: the publisher's reader-facing name, glued forms respaced."""

from __future__ import annotations

import re

from pipelines.document import parse_document
from pipelines.source import (
    _ASCII_CASE_EXTRAS,
    _spaced_pattern,
    choose_source,
    site_name_candidates,
    title_affix,
)


def _source(head: str, body: str = "", url: str = "https://thebritishjournal.example/a") -> tuple:
    doc = parse_document(f"<html><head>{head}</head><body>{body}<p>x</p></body></html>", url)
    choice = choose_source(doc)
    return choice.value, choice.signal


def test_glued_title_suffix_respaced_from_page_text() -> None:
    value, signal = _source("<title>Putin hosts talks – Thebritishjournal</title>",
                            "<p>Almost all The British Journal staff can be reached by e-mail.</p>")
    assert value == "The British Journal"
    assert signal == "title-tag+spaced"


def test_glued_og_site_name_respaced_from_json_ld_org() -> None:
    value, _ = _source('<meta property="og:site_name" content="Thebritishjournal">'
                       '<script type="application/ld+json">{"@type": "Organization",'
                       ' "name": "The British Journal"}</script>')
    assert value == "The British Journal"


def test_json_ld_publisher_first() -> None:
    value, signal = _source('<meta property="og:site_name" content="TBJ Online">'
                            '<script type="application/ld+json">{"@type": "NewsArticle",'
                            ' "publisher": {"@type": "Organization",'
                            ' "name": "The British Journal"}}</script>')
    assert (value, signal) == ("The British Journal", "json-ld")


def test_tagline_dropped() -> None:
    value, _ = _source('<meta property="og:site_name" content="Freie Presse - Nachrichten aus '
                       'Chemnitz">', url="https://www.freiepresse.de/a")
    assert value == "Freie Presse"


def test_domain_as_last_resort() -> None:
    assert _source("", url="https://www.herald.example/a") == ("herald.example", "domain")


def test_title_prefix_named_like_og_site_name_is_the_affix() -> None:
    doc = parse_document('<html><head><meta property="og:site_name" content="NEWS EASY">'
                         "<title>NEWS EASY|子どもの法律ができる</title></head>"
                         "<body><p>x</p></body></html>",
                         "https://www3.broadcaster.example/news/easy/1.html")
    assert title_affix(doc, ["NEWS EASY"]) == "NEWS EASY"
    assert ("子どもの法律ができる", "title-tag") not in site_name_candidates(doc)


def test_spaced_pattern_case_extras_complete() -> None:
    """Every non-ASCII character re.IGNORECASE matches to an ASCII letter is in the table."""
    extras = "".join(chr(code) for code in range(128, 0x110000)
                     if re.fullmatch("[a-z]", chr(code), re.I))
    assert sorted(extras) == sorted("".join(_ASCII_CASE_EXTRAS.values()))


def test_spaced_pattern_matches_like_ignorecase() -> None:
    plain = re.compile(r"(?<!\w)t[\s\u00a0]?h[\s\u00a0]?e(?!\w)", re.I)
    text = "The the-THE Th e T\u00a0HE xthe thex \u0130t the"
    fast = _spaced_pattern("the")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in _spaced_pattern("ist").finditer("\u0130st IST \u0131 s t")] == [
        "\u0130st", "IST", "\u0131 s t"]
