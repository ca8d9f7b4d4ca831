"""The body stage end to end on hand-written pages: story paragraphs in, boilerplate out."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import pytest
from lxml import html as lxml_html
from lxml.etree import XPath
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from pipelines.body import (
    COMMENT_LIST_HINT,
    RAW_PRUNE_HINT,
    Body,
    CleaningOptions,
    extract_body,
    extractor,
    id_class_names,
    prepare,
)
from pipelines.cleaning import Prefiltered
from pipelines.document import parse_document

PAGES = Path(__file__).parent / "fixtures" / "pages"
WP_URL = "https://coastalherald.example/2026/11/harbour-authority-approves-night-ferry-trial/"

STORY = [
    "The harbour authority on Wednesday approved a six-month trial of night ferry crossings",
    "Boats will leave every forty minutes between ten in the evening",
    "“Shift workers at the hospital and the container yard have asked for this for years,”",
    "Residents of the island have complained that the last crossing at half past nine",
    "The operator, Strait Lines, will receive a subsidy of up to 1.2 million for the trial",
    "Environmental groups welcomed the decision but asked for the older diesel vessels",
]
FILLER = (
    "The council said the works would begin in spring and last about eighteen months, with "
    "lanes closed overnight and buses diverted through the industrial estate while crews work. "
)


def _body(html: str, url: str = "https://news.example/2026/11/12/story-slug/",
          options: CleaningOptions | None = None) -> Body:
    return extract_body(parse_document(html, url), options or CleaningOptions())


def _page(inner: str, title: str = "Bridge works to start in spring") -> str:
    return (f"<html><head><title>{title} – Example News</title>"
            f'<meta property="og:title" content="{title}"></head><body>'
            f"<header><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav></header>"
            f"<article><h1>{title}</h1><div class='entry-content'>{inner}</div></article>"
            "</body></html>")


@pytest.fixture(scope="module")
def wordpress_body() -> Body:
    html = (PAGES / "body_wordpress_credit.html").read_bytes()
    return extract_body(parse_document(html, WP_URL), CleaningOptions())


def test_wordpress_page_keeps_exactly_the_story(wordpress_body: Body) -> None:
    assert len(wordpress_body.paragraphs) == len(STORY)
    for paragraph, start in zip(wordpress_body.paragraphs, STORY, strict=True):
        assert paragraph.startswith(start)
    assert "\n\n" in wordpress_body.text
    assert "Harbour authority approves night ferry trial" not in wordpress_body.text


def test_wordpress_page_reports_each_removal_kind(wordpress_body: Body) -> None:
    kinds = {r.kind for r in wordpress_body.removed}
    assert {"credit_line", "contact_details", "share", "comment_form"} <= kinds
    credit = wordpress_body.removed_of("credit_line")
    assert credit == [
        "Harbour authority approves night ferry trial The Coastal Herald Editors and Wire "
        "Services/ Reuters."
    ]
    contact = " ".join(wordpress_body.removed_of("contact_details"))
    assert "tbaines@coastalherald.example" in contact
    removed_text = " ".join(r.text for r in wordpress_body.removed)
    for phrase in ("Leave a Reply", "Your email address will not be published",
                   "This site uses Akismet to reduce spam"):
        assert phrase in removed_text
        assert phrase not in wordpress_body.text


def test_headline_is_not_in_the_text() -> None:
    html = _page(f"<p>Bridge works to start in spring</p><p>{FILLER * 2}</p><p>{FILLER}</p>")
    body = _body(html)
    assert "Bridge works to start in spring" not in body.text
    assert body.paragraphs[0].startswith("The council said")


def test_printed_byline_at_top_is_reported_as_byline() -> None:
    body = _body(_page(f"<p>By Jane Doe and Tom Baines</p><p>{FILLER * 2}</p><p>{FILLER}</p>"))
    assert body.removed_of("byline") == ["By Jane Doe and Tom Baines"]
    assert not body.text.startswith("By ")


def test_ap_dateline_stays_story_text() -> None:
    first = "WASHINGTON (AP) — Federal regulators on Thursday ordered inspections of old engines."
    body = _body(_page(f"<p>{first}</p><p>{FILLER * 2}</p><p>{FILLER}</p>"))
    assert body.paragraphs[0] == first
    assert not body.removed_of("credit_line")


@pytest.mark.parametrize("credit", [
    "Reporting by Jane Doe; Editing by Tom Baines",
    "(Reporting by Jane Doe in Berlin; Writing by Tom Baines)",
    "Mit Material von dpa",
    "With AFP",
    "— Associated Press contributed to this report.",
])
def test_trailing_credit_lines_are_removed(credit: str) -> None:
    body = _body(_page(f"<p>{FILLER * 2}</p><p>{FILLER}</p><p>{credit}</p>"))
    assert body.removed_of("credit_line") == [credit]
    assert credit not in body.text


def test_body_selector_restricts_the_text() -> None:
    html = ("<html><body><div class='teaser'><p>" + "Other story teaser text here. " * 20
            + "</p></div><div id='story'><p>" + FILLER * 2 + "</p><p>" + FILLER
            + "</p></div></body></html>")
    assert "Other story" in _body(html).text
    for selector in ("#story", "//div[@id='story']"):
        body = _body(html, options=CleaningOptions(body_selector=selector))
        assert "Other story" not in body.text
        assert body.paragraphs[0].startswith("The council said")


def test_body_selector_matching_nothing_falls_back_to_the_page() -> None:
    html = _page(f"<p>{FILLER * 2}</p><p>{FILLER}</p>")
    body = _body(html, options=CleaningOptions(body_selector="#nope"))
    assert body.paragraphs[0].startswith("The council said")


def test_drop_selectors_remove_and_report() -> None:
    html = _page(f"<p>{FILLER * 2}</p><p class='promo'>Visit our shop for mugs and tote bags "
                 f"with the finest local designs, open daily.</p><p>{FILLER}</p>")
    assert "Visit our shop" in _body(html).text
    body = _body(html, options=CleaningOptions(drop_selectors=("p.promo",)))
    assert "Visit our shop" not in body.text
    assert body.removed_of("selector") == [
        "Visit our shop for mugs and tote bags with the finest local designs, open daily."
    ]


def test_invalid_selector_is_an_error() -> None:
    with pytest.raises(ValueError, match="invalid selector"):
        _body(_page("<p>x</p>"), options=CleaningOptions(drop_selectors=("p[",)))


def test_source_tree_is_not_modified() -> None:
    doc = parse_document((PAGES / "body_wordpress_credit.html").read_bytes(), WP_URL)
    before = len(list(doc.tree.iter()))
    extract_body(doc, CleaningOptions(drop_selectors=("p",)))
    assert len(list(doc.tree.iter())) == before


LD_STORY = " ".join(f"Sentence {n} of the story about the new ferry timetable." for n in range(12))


def test_json_ld_article_body_is_the_fallback_when_trafilatura_finds_nothing() -> None:
    html = ('<html><head><title>Ferry</title><script type="application/ld+json">'
            f'{{"@type": "NewsArticle", "articleBody": "{LD_STORY}"}}</script></head>'
            "<body><div id='app'></div></body></html>")
    body = _body(html)
    assert body.text == LD_STORY


def test_json_ld_article_body_with_markup_is_not_used() -> None:
    html = ('<html><head><script type="application/ld+json">'
            '{"@type": "NewsArticle", "articleBody": "<p>Markup, not text</p>"}</script></head>'
            "<body><div id='app'></div></body></html>")
    assert _body(html).text == ""


def test_control_characters_do_not_cost_the_story() -> None:
    inner = "".join(f"<p>{FILLER}\x07 paragraph {n}.</p>" for n in range(6))
    body = _body(_page(inner))
    assert len(body.paragraphs) == 6
    assert "\x07" not in body.text


def test_long_trafilatura_text_is_kept_over_json_ld() -> None:
    inner = "".join(f"<p>{FILLER} Paragraph {n}.</p>" for n in range(6))
    html = _page(inner).replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"articleBody": "A teaser only."}</script></head>',
    )
    assert "A teaser only" not in _body(html).text


def test_quick_text_falls_back_to_the_full_pass_without_an_article_area() -> None:
    from lxml import html as lxml_html

    from pipelines.body import main_text, quick_text

    page = "<html><body><div>" + "<p>The ferry leaves at dawn from the north pier.</p>" * 30
    tree = lxml_html.fromstring(page + "</div></body></html>")
    assert quick_text(tree, "https://example.com/a", None) == main_text(tree, "https://example.com/a")


def test_quick_text_keeps_a_fast_text_that_covers_the_area() -> None:
    from lxml import html as lxml_html

    from pipelines.body import main_text, quick_text

    story = "".join(
        f"<p>Sailing {n} leaves the north pier at dawn when the sea is calm enough "
        "for the small boats, the harbour master said on Tuesday.</p>" for n in range(20)
    )
    page = f"<html><body><div class='entry-content'>{story}</div></body></html>"
    tree = lxml_html.fromstring(page)
    area = tree.find(".//div")
    fast = main_text(tree, "https://example.com/a", fast=True)
    assert quick_text(tree, "https://example.com/a", area) == fast
    assert "Sailing 19 leaves" in fast


# --- trafilatura's cascade, re-run on shared trees (pinned to trafilatura >=2.3.1,<2.4) -------

_SAILINGS = "".join(
    f"<p>Sailing {n} leaves the north pier at dawn when the sea is calm enough "
    "for the small boats, the harbour master said on Tuesday.</p>" for n in range(20)
)
_NAV = "".join(f"<li><a href='/s/{n}'>Section number {n} of the site</a></li>" for n in range(60))
CASCADE_PAGES = {
    "story": f"<html><body><article>{_SAILINGS}</article><ul>{_NAV}</ul></body></html>",
    # short text: the baseline rescue reads the JSON-LD articleBody
    "short": (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        f'"articleBody": "{FILLER * 3}"}}</script></head>'
        "<body><article><p>Ferries resume.</p></article></body></html>"
    ),
    # a short story among much page text: the recall escalation runs
    "escalation": (
        "<html><body><div class='story'><p>" + FILLER + "</p></div>"
        + "".join(f"<div class='box'><span>{FILLER} Box {n}.</span></div>" for n in range(12))
        + f"<div class='comments'><p>{FILLER}</p></div></body></html>"
    ),
}


@pytest.mark.parametrize("name", sorted(CASCADE_PAGES))
@pytest.mark.parametrize("overrides", [{}, {"fast": True}, {"favor_recall": True}])
def test_main_text_matches_bare_extraction(name: str, overrides: dict[str, bool]) -> None:
    """The re-run cascade gives bare_extraction's text: fails if trafilatura's internals change."""
    import trafilatura
    from lxml import html as lxml_html

    from pipelines.body import TRAFILATURA_OPTIONS, main_text

    url = "https://example.com/a"
    page = CASCADE_PAGES[name]
    expected = trafilatura.bare_extraction(
        lxml_html.document_fromstring(page), url=url, **{**TRAFILATURA_OPTIONS, **overrides}
    )
    ours = main_text(lxml_html.document_fromstring(page), url, **overrides)
    assert ours == (getattr(expected, "text", None) or "")
    assert ours


TEASER = "<div class='article-Teaser'><p>Read also: the ferry timetable for the winter.</p></div>"


@pytest.mark.parametrize("teaser", ["", TEASER])
def test_quick_text_full_pass_after_a_short_fast_pass_matches_a_fresh_full_pass(
    teaser: str,
) -> None:
    """The shared preparation (and the reused main extraction without teasers) leaves the full
    pass as it would be on its own."""
    from lxml import html as lxml_html

    from pipelines.body import extractor, has_teasers, main_text, prepare, quick_text

    page = CASCADE_PAGES["story"].replace("</article>", f"{teaser}</article>")
    tree = lxml_html.document_fromstring(page)
    area = tree.find(".//article")
    area.append(lxml_html.fromstring(f"<div>{FILLER * 40}</div>"))  # fast text < half the area
    expected = main_text(deepcopy(tree), "https://example.com/a")
    options = extractor("https://example.com/a", fast=True)
    assert has_teasers(prepare(deepcopy(tree), options)) is bool(teaser)
    assert quick_text(tree, "https://example.com/a", area) == expected
    assert "Sailing 19 leaves" in expected


BOUND_PAGES = [
    "<html><body><div><p>Ferries resume</p>at dawn<span>today</span></div></body></html>",
    # dropped blocks keep their tails; cookie banners and footer divs only shorten html2txt
    "<html><head><title>T</title></head><body><p>One</p><aside>Side</aside>tail"
    "<script>var x = 1;</script>two<div class='cookie-consent'>Accept all</div>"
    "<div id='page-footer'>Imprint</div><footer><p>Foot</p></footer><svg><text>S</text></svg>"
    "<ul><li>a</li><li>b<template>t</template>c</li></ul><br>end\tof page</body></html>",
    "<div><p>No body element</p><style>p {}</style>after</div>",
]


@pytest.mark.parametrize("page", BOUND_PAGES)
def test_spaced_text_bound_is_never_below_html2txt(page: str) -> None:
    """The cheap bound that skips html2txt must hold, or escalations would be missed."""
    from lxml import html as lxml_html
    from trafilatura.baseline import html2txt

    from pipelines.body import spaced_text_bound

    tree = lxml_html.fromstring(page)
    exact = len(html2txt(tree))
    assert exact > 0
    assert spaced_text_bound(tree) >= exact


def test_spaced_text_bound_is_exact_without_optional_drops() -> None:
    from lxml import html as lxml_html
    from trafilatura.baseline import html2txt

    from pipelines.body import spaced_text_bound

    tree = lxml_html.fromstring(BOUND_PAGES[0])
    assert spaced_text_bound(tree) == len(html2txt(tree)) == len("Ferries resume at dawntoday")


@pytest.mark.parametrize("name", sorted(CASCADE_PAGES))
def test_fast_and_full_main_extractor_agree_without_teasers(name: str) -> None:
    """The premise of reusing the fast pass's main extraction (trafilatura >=2.3.1,<2.4)."""
    from lxml import html as lxml_html

    from pipelines.body import extractor, has_teasers, main_extraction, prepare

    results = []
    for fast in (True, False):
        options = extractor("https://example.com/a", fast=fast)
        prepared = prepare(lxml_html.document_fromstring(CASCADE_PAGES[name]), options)
        assert not has_teasers(prepared)
        body, text = main_extraction(prepared, options)
        results.append((text, lxml_html.tostring(body)))
    assert results[0] == results[1]


# Attribute values each matched by one of trafilatura's raw-prune or comment-list expressions.
PRUNED_NAMES = [
    ('id="mvp-post-add-box"', RAW_TREE_PRUNE_XPATH, RAW_PRUNE_HINT),
    ('class="x infinite-scroll"', RAW_TREE_PRUNE_XPATH, RAW_PRUNE_HINT),
    ('class="infinitescroll"', RAW_TREE_PRUNE_XPATH, RAW_PRUNE_HINT),
    ('class="elementor-share-buttons"', RAW_TREE_PRUNE_XPATH, RAW_PRUNE_HINT),
    ('id="Comments"', REMOVE_COMMENTS_AND_LISTS_XPATH, COMMENT_LIST_HINT),
    ('id="comol-list"', REMOVE_COMMENTS_AND_LISTS_XPATH, COMMENT_LIST_HINT),
    ('id="disqus_thread"', REMOVE_COMMENTS_AND_LISTS_XPATH, COMMENT_LIST_HINT),
    ('id="dsq-comments"', REMOVE_COMMENTS_AND_LISTS_XPATH, COMMENT_LIST_HINT),
    ('class="comment-list"', REMOVE_COMMENTS_AND_LISTS_XPATH, COMMENT_LIST_HINT),
    ('class="wp post-comments"', REMOVE_COMMENTS_AND_LISTS_XPATH, COMMENT_LIST_HINT),
]


@pytest.mark.parametrize(("attribute", "expressions", "hint"), PRUNED_NAMES)
def test_prune_hints_cover_what_trafilatura_prunes(
    attribute: str, expressions: list[XPath], hint: Prefiltered
) -> None:
    tree = lxml_html.fromstring(f"<html><body><header class='site'>Site</header>"
                                f"<div {attribute}><p>Reply text</p></div>"
                                "<p>Story text</p></body></html>")
    assert any(expression(tree) for expression in expressions)
    assert hint.search(id_class_names(tree))
    prepared = prepare(tree, extractor("https://news.example/a"))
    assert "Reply text" not in prepared.raw.text_content()


@pytest.mark.parametrize("attribute", ['class="x comments-area"', 'id="no-comments"',
                                       'id="recomment"', 'class="scroll infinite"'])
def test_prune_hints_miss_what_trafilatura_keeps(attribute: str) -> None:
    tree = lxml_html.fromstring(f"<html><body><div {attribute}><p>Text</p></div></body></html>")
    names = id_class_names(tree)
    assert not any(x(tree) for x in [*RAW_TREE_PRUNE_XPATH, *REMOVE_COMMENTS_AND_LISTS_XPATH])
    assert not RAW_PRUNE_HINT.search(names) and not COMMENT_LIST_HINT.search(names)


def test_prepare_without_hints_keeps_the_tree() -> None:
    tree = lxml_html.fromstring("<html><body><div id='main' class='story'><p>Story text</p>"
                                "</div><section class='more'><p>Other</p></section></body></html>")
    assert id_class_names(tree) == "main\nstory\n\nmore"
    prepared = prepare(tree, extractor("https://news.example/a"))
    assert prepared.raw.text_content() == "Story textOther"


@pytest.mark.parametrize(("tag", "attribute"), [
    ("section", 'class="x infinite-scroll"'), ("aside", 'id="mvp-post-add-wrap"'),
    ("ul", 'class="comment-list"'), ("ol", 'id="comments"'), ("details", 'id="comments"'),
    ("section", 'class="post-comments"'),
])
def test_prune_hints_read_every_tag_trafilatura_prunes(tag: str, attribute: str) -> None:
    tree = lxml_html.fromstring(f"<html><body><{tag} {attribute}><p>x</p></{tag}></body></html>")
    assert any(x(tree) for x in [*RAW_TREE_PRUNE_XPATH, *REMOVE_COMMENTS_AND_LISTS_XPATH])
    names = id_class_names(tree)
    assert RAW_PRUNE_HINT.search(names) or COMMENT_LIST_HINT.search(names)


@pytest.mark.parametrize(("tag", "attribute"), [
    ("p", 'class="comment-list"'), ("span", 'id="disqus_thread"'),
    ("article", 'class="infinite-scroll"'), ("li", 'class="comment"'),
])
def test_prune_hints_skip_tags_trafilatura_never_prunes(tag: str, attribute: str) -> None:
    tree = lxml_html.fromstring(f"<html><body><{tag} {attribute}>x</{tag}></body></html>")
    assert not any(x(tree) for x in [*RAW_TREE_PRUNE_XPATH, *REMOVE_COMMENTS_AND_LISTS_XPATH])
    assert id_class_names(tree) == ""


@pytest.mark.parametrize("overrides", [{}, {"fast": True}, {"favor_recall": True}])
@pytest.mark.parametrize("url", ["https://news.example/a", ""])
def test_extractor_settings_are_trafilaturas(url: str, overrides: dict[str, bool]) -> None:
    """The copied settings equal an Extractor built for the page, and are the page's own."""
    from trafilatura.settings import Extractor

    from pipelines.body import TRAFILATURA_OPTIONS

    kwargs = {**TRAFILATURA_OPTIONS, **overrides}
    expected = Extractor(
        output_format="python", fast=kwargs["fast"], precision=kwargs["favor_precision"],
        recall=kwargs["favor_recall"], comments=kwargs["include_comments"],
        tables=kwargs["include_tables"], url=url, with_metadata=kwargs["with_metadata"],
    )
    options = extractor(url, **overrides)
    for name in Extractor.__slots__:
        assert getattr(options, name) == getattr(expected, name), name
    options.focus = "precision"
    assert extractor(url, **overrides).focus == expected.focus
