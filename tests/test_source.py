"""Source: the publisher's reader-facing name, glued forms respaced."""

from __future__ import annotations

import re

import pytest

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


_ARTICLE = ('<script type="application/ld+json">'
            '{{"@type": "NewsArticle", "publisher": {{"@type": "{kind}", "name": "{name}"}}}}'
            "</script>")


@pytest.mark.parametrize(("kind", "name"), [
    ("Organization", "Coastal Media GmbH & Co. KG"),
    ("Organization", "Ediciones Costa S.L."),
    ("Person", "Jane Miller"),
    ("Organization", "Blogger"),
])
def test_legal_person_and_platform_publishers_yield_to_the_site_name(kind: str, name: str) -> None:
    publisher = _ARTICLE.format(kind=kind, name=name)
    site = '<meta property="og:site_name" content="Coastal Herald">'
    assert _source(publisher + site)[0] == "Coastal Herald"
    assert _source(publisher)[0] == name  # the only name still beats the domain


def test_site_name_field_holding_the_headline_is_dropped() -> None:
    value, signal = _source('<meta property="og:site_name" content="Wind farm opens to citizens">'
                            "<title>Wind farm opens to citizens | EnCo</title>",
                            url="https://www.enco.example/press/wind")
    assert (value, signal) == ("EnCo", "title-tag")


@pytest.mark.parametrize(("title", "url", "expected"), [
    ("Winter pike | pike-fishing.ch | Your Swiss fishing magazine",
     "https://www.pike-fishing.ch/a", "pike-fishing.ch"),
    ("pikefishing.ch - News - Snow maps now on Pikefishing.ch", "https://pikefishing.ch/a",
     "pikefishing.ch"),
    ("Fire Brigade Oldenburg - Training", "https://firedivers-oldenburg.example/a",
     "Fire Brigade Oldenburg"),
    ("La Prensa Gráfica | Fiscal debate", "https://www.laprensagrafica.example/a",
     "La Prensa Gráfica"),
    ("Börsen-Zeitung - Rates rise", "https://www.boersen-zeitung.example/a", "Börsen-Zeitung"),
])
def test_title_affix_names_the_host(title: str, url: str, expected: str) -> None:
    doc = parse_document(f"<html><head><title>{title}</title></head><body><p>x</p></body></html>",
                         url)
    assert title_affix(doc) == expected


@pytest.mark.parametrize("title", [
    "Witch hazel in winter » When does it bloom?",
    "Lyrics: Only Miss You - Jam Hsiao (Only Miss You - Jam)",
])
def test_question_or_broken_bracket_is_no_site_name(title: str) -> None:
    doc = parse_document(f"<html><head><title>{title}</title></head><body><p>x</p></body></html>",
                         "https://www.garden.example/a")
    assert title_affix(doc) is None


def test_long_site_name_field_keeps_the_part_naming_the_host() -> None:
    tagged = "Heart and Blood - Interior | Design | Lifestyle | Food | Travel Blog"
    assert _source(f'<meta property="og:site_name" content="{tagged}">',
                   url="https://www.heartandblood.example/a") == ("Heart and Blood", "og")
    long_headline = "Artificial intelligence at school - children learn faster and better now"
    assert _source(f'<meta name="application-name" content="{long_headline}">',
                   url="https://rp.example/a") == ("rp.example", "domain")


def test_dangling_separator_dropped() -> None:
    assert _source('<meta name="application-name" content="Island Observer -">')[0] == (
        "Island Observer")


def test_known_name_at_the_end_beats_digits_of_an_ip_host() -> None:
    doc = parse_document("<html><head><title>Rail line closed in 2027 - River News</title>"
                         '<meta property="og:site_name" content="River News"></head>'
                         "<body><p>x</p></body></html>", "http://127.0.0.1:8000/region/a.html")
    assert title_affix(doc, ["River News"]) == "River News"
    assert choose_source(doc).value == "River News"
