"""The fast paths of the cleaning steps give the same answers as the plain searches."""

from __future__ import annotations

import re

import pytest
from lxml import etree, html

from pipelines import boilerplate_rules
from pipelines.cleaning import (
    ANYWHERE_RULES,
    TEXTS_WITH_NEEDLE_XPATH,
    VISIBLE_TEXT_XPATH,
    Prefiltered,
    _area_rank,
    _is_contact,
    anywhere_kind,
    dom_kind,
    required_substrings,
    scan_page,
    visible_texts,
)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"abc\d+xyzw", ("xyzw",)),  # the longer of two literal runs
    (r"\b(?:hello|goodbye) world", (" world",)),
    (r"\b(?:cats|dogs)\s*\d", ("cats", "dogs")),  # one of the branches
    (r"(?:abc)?d+", ("d",)),  # an optional part requires nothing
    (r"x(?:long)*y", ("x",)),  # nor a repeat that may be absent (of equals, the first)
    (r"(?:abc){2,}", ("abc",)),
    (r"affiliate links|affiliate", ("affiliate",)),  # "affiliate links" holds "affiliate"
    (r"\d+\s+\w", None),  # no literal at all
    (r"(?:abc|\d)x", ("x",)),  # a branch without a literal voids the alternation only
])
def test_required_substrings(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_substrings(re.compile(pattern)) == expected


def test_case_insensitive_patterns_have_no_required_substrings() -> None:
    assert required_substrings(re.compile("abc", re.IGNORECASE)) is None
    assert required_substrings(re.compile("x(?i:abc)")) is None


def test_every_anywhere_rule_has_required_substrings() -> None:
    # a rule without them would be searched on every paragraph: fine, but slow
    assert all(needles for _kind, needles, _pattern in ANYWHERE_RULES)


TEXTS = [
    "Your email address will not be published. Required fields are marked *",
    "Ihre E-Mail-Adresse wird nicht veröffentlicht.",
    "You're already a subscriber? Log in here.",
    "This post contains affiliate links; we may earn a commission.",
    "Sign up for our free morning newsletter.",
    "Jahresbericht (PDF | 38 KB)",
    "Folgen Sie uns auf unserem WhatsApp-Kanal",
    "Mehr dazu lesen Sie in unserem Liveblog: Alle Entwicklungen",
    ">> Die Lage in der Ukraine",
    "Die Inhalte stehen unter einer Creative-Commons-Lizenz.",
    "Got a story? Get in touch with the newsroom.",
    "Senden Sie uns Ihre Hinweise.",
    "The council said the works would begin in spring and last about eighteen months.",
    "Die Regierung will das Gesetz noch vor der Sommerpause beschließen.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_anywhere_kind_agrees_with_searching_every_pattern(text: str) -> None:
    lowered = text.lower()
    expected = next((kind for kind, pattern in boilerplate_rules.TEXT_PATTERNS_ANYWHERE.items()
                     if pattern.search(lowered)), None)
    assert anywhere_kind(lowered) == expected


def test_anywhere_kind_finds_each_kind_of_the_samples() -> None:
    found = {anywhere_kind(text.lower()) for text in TEXTS}
    assert set(boilerplate_rules.TEXT_PATTERNS_ANYWHERE) <= found


@pytest.mark.parametrize(("text", "expected"), [
    ("Write to jane.doe@herald.example", True),
    ("Tel.: +49 30 1234 5678", True),
    ("Telefon und Fax der Redaktion", False),  # no digit, no "@": cleared before the search
    ("The 2026 budget was passed.", False),
])
def test_is_contact(text: str, expected: bool) -> None:
    assert _is_contact(text) is expected


VISIBLE_TEXT_PAGE = (
    "<html><body><div id='plain'>a<b>b</b>c<!-- note -->d<p>e<i>f</i></p>g</div>"
    "<div id='scripted'>a<script>var x = 1;</script>b<style>p {}</style>c"
    "<noscript><p>enable js</p></noscript>d<template><p>t</p></template>e</div>"
    "<noscript><div id='inside'>x<span>y</span></div></noscript>"
    "<template><div id='templated'>z</div></template></body></html>"
)


@pytest.mark.parametrize("ident", ["plain", "scripted", "inside", "templated"])
def test_visible_texts_are_the_xpaths(ident: str) -> None:
    tree = html.document_fromstring(VISIBLE_TEXT_PAGE)
    node = tree.get_element_by_id(ident)
    assert visible_texts(node) == VISIBLE_TEXT_XPATH(node)


def test_visible_texts_leave_out_hidden_text_and_keep_comment_tails() -> None:
    tree = html.document_fromstring(VISIBLE_TEXT_PAGE)
    assert visible_texts(tree.get_element_by_id("plain")) == list("abcdefg")
    assert visible_texts(tree.get_element_by_id("scripted")) == list("abcde")
    assert visible_texts(tree.get_element_by_id("inside")) == []


def test_visible_texts_of_a_node_holding_an_entity_reference_are_the_xpaths() -> None:
    node = html.fromstring("<div>a<p>b</p></div>")
    node[0].append(etree.Entity("amp"))
    assert visible_texts(node) == VISIBLE_TEXT_XPATH(node) == ["a", "b"]


def test_prefiltered_search_answers_as_the_pattern() -> None:
    pattern = re.compile(r"^(?:[Cc]omment|comol)|post-comments", re.MULTILINE)
    hint = Prefiltered(pattern)
    assert hint.needles == ("comol", "omment")
    for text in ("main\nComments", "x post-comments", "nocomment", "story\nlead", ""):
        found, expected = hint.search(text), pattern.search(text)
        assert (found and found.group()) == (expected and expected.group())


def test_prefiltered_without_needles_searches_every_text() -> None:
    hint = Prefiltered(re.compile(r"\d+"))
    assert hint.needles is None
    assert hint.search("page 12") is not None


SCANNED_PAGE = (
    "<html><body><nav role='navigation' class='share'>n</nav>"
    "<div class='related-posts entry-content' id='x'>r</div>"
    "<div class='post-body'><p>story</p><div id='comments'>c</div></div>"
    "<article class='teaser'>t</article><article>a</article>"
    "<div itemprop='articleBody' class='share-bar'>b</div><div class='' id='newsletter'>s</div>"
    "<section role='Banner ' class='entry-content'>h</section></body></html>"
)


def test_scan_page_finds_what_the_per_node_rules_find() -> None:
    tree = html.document_fromstring(SCANNED_PAGE)
    scan = scan_page(tree)
    nodes = list(tree.iter(etree.Element))
    assert scan.blocks == [(n, k) for n in nodes if (k := dom_kind(n)) is not None]
    ranked = [(rank, i, n) for i, n in enumerate(nodes)
              if (rank := _area_rank(n, n.get("class"))) is not None]
    assert scan.areas == [n for *_key, n in sorted(ranked, key=lambda r: (r[0], r[1]))]



def test_texts_with_needle_are_the_body_texts_holding_it() -> None:
    tree = html.document_fromstring(
        "<html><head><title>the lead</title></head><body><p>the lead <b>x</b>tail the lead</p>"
        "<script>var s = 'the lead';</script><div><div>not it</div>the lead</div></body></html>")
    found = TEXTS_WITH_NEEDLE_XPATH(tree, needle="the lead")
    expected = etree.XPath("//body//text()[contains(., $needle)]"
                           "[not(parent::script or parent::style)]")(tree, needle="the lead")
    assert found == expected
    assert [(t.getparent().tag, t.is_tail) for t in found] == [("p", False), ("b", True),
                                                                ("div", True)]
