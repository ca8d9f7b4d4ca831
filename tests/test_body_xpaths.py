"""The Python tree tests give exactly what trafilatura's XPaths give (trafilatura >=2.3.1,<2.4)."""

from __future__ import annotations

import re
from copy import deepcopy
from itertools import product

import pytest
import trafilatura.core as trafilatura_core
import trafilatura.external as trafilatura_external
import trafilatura.main_extractor as trafilatura_main
from lxml import etree
from lxml import html as lxml_html
from trafilatura.baseline import baseline as trafilatura_baseline
from trafilatura.baseline import html2txt as trafilatura_html2txt
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.settings import BASIC_CLEAN_XPATH
from trafilatura.xpaths import (
    BODY_XPATH,
    DISCARD_IMAGE_ELEMENTS,
    OVERALL_DISCARD_XPATH,
    TEASER_DISCARD_XPATH,
)

from pipelines import body_xpaths
from pipelines.body import extractor
from pipelines.body_xpaths import (
    BASIC_CLEAN_TEST,
    BODY_TESTS,
    CAPTION_TESTS,
    OVERALL_DISCARD_TESTS,
    PATTERNS,
    TEASER_TESTS,
    TreeTest,
    baseline,
    cached_search,
    compare_extraction,
    extract_content,
    first_id_or_class,
    html2txt,
    justext_rescue,
    recall_retry,
)

PAIRS = [
    *zip(BODY_XPATH, BODY_TESTS, strict=True),
    *zip(OVERALL_DISCARD_XPATH, OVERALL_DISCARD_TESTS, strict=True),
    *zip(TEASER_DISCARD_XPATH, TEASER_TESTS, strict=True),
    *zip(DISCARD_IMAGE_ELEMENTS, CAPTION_TESTS, strict=True),
    (BASIC_CLEAN_XPATH, BASIC_CLEAN_TEST),
]
# Attribute sets that pass (or nearly pass) one of the tests; order matters for @id|@class.
ATTRIBUTES = [
    "", 'class="post"', 'class="post x"', 'class="entry"', 'itemprop="articleBody"',
    'id="articleContent"', 'id="main-article-body"', 'class="x post_content"',
    'class="ArticleContent"', 'role="article"', 'id="story"', 'class="cell"',
    'id="primary-col"', 'id="x-primary"', 'class="FullText"', 'class="article lead"',
    'class="single-post"', 'id="content"', 'class="content"', 'id="contentBody"',
    'class="content__body"', 'id="Main-Content"', 'class="pageMain-Content"',
    'class="x Page-content"', 'class="main-wrap"', 'id="mainbox"', 'role="main"',
    'data-lp-replacement-content=""', 'role="Navigation"', 'data-component="MostPopularStories"',
    'id="a" class="cookie-bar"', 'class="cookie-bar" id="a"', 'id="Cookie" class="cookie"',
    'id="share-tools"', 'id="x-shar"', 'class="sharing"', 'class="top ad box"', 'class="ad-x"',
    'class="lead-ad-slot"', 'class="x ad-slot"', 'class="widget-area"', 'class="elated"',
    'class="comments-title"', 'class="reply-box"', 'id="x" class="reply-box"',
    'class="reply-box" id="x"', 'id="hidden-x"', 'style="hidden"', 'id="a" style="hidden"',
    'style="hidden" id="a"', 'style="display:none"', 'style="color: red; display: none"',
    'id="akismet-x"', 'class="x hidden"', 'class="hide-me"', 'class="hidden"',
    'aria-hidden="true"', 'aria-hidden="false"', 'id="Teaser-1"', 'class="article-teaser"',
    'class="TEASER"', 'id="img-caption"', 'id="Img-Caption"', 'class="wp-caption"',
    'class="Caption"', 'class="x Cookie-Banner"', 'id="onetrust-sdk"', 'class="page-footer"',
    'id="footer" class="x"', 'class="x" id="footer"',
]
TAGS = ["div", "section", "article", "main", "p", "span", "ul", "li", "h2", "a", "figure",
        "aside", "footer", "template"]


def _page() -> lxml_html.HtmlElement:
    """Every tag with every attribute set, nested two deep, and some text."""
    blocks = "".join(
        f"<{tag} {attributes}><span>x</span><div class='inner' {attributes}>text</div></{tag}>"
        for attributes, tag in product(ATTRIBUTES, TAGS)
    )
    return lxml_html.document_fromstring(f"<html><body><main>{blocks}</main></body></html>")


def _converted(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The tree as trafilatura's main extractor sees it (lists, items and refs renamed)."""
    options = extractor("https://news.example/a")
    return convert_tags(tree_cleaning(deepcopy(tree), options), options, options.url)


def _same(expression: etree.XPath, test: TreeTest, tree: etree._Element) -> list[etree._Element]:
    expected = expression(tree)
    found = test(tree)
    assert found == (expected[:1] if test.first else expected), test
    return found


@pytest.mark.parametrize(("expression", "test"), PAIRS, ids=[str(t) for _x, t in PAIRS])
def test_tree_test_finds_what_the_xpath_finds(expression: etree.XPath, test: TreeTest) -> None:
    tree = _page()
    found = _same(expression, test, tree)
    assert found  # every test passes some element of the page
    _same(expression, test, _converted(tree))
    for node in tree.iter("div", "section"):  # relative to inner nodes too
        _same(expression, test, node)


@pytest.mark.parametrize("index", range(len(BODY_TESTS)))
def test_body_tests_stop_where_an_earlier_frame_matches_nothing(index: int) -> None:
    tree = lxml_html.document_fromstring("<html><body><div><p>Only text</p></div></body></html>")
    assert BODY_TESTS[index](tree) == BODY_XPATH[index](tree) == []


def test_first_of_id_and_class_is_in_source_order() -> None:
    tree = lxml_html.fromstring("<div><p class='cookie' id='a'>x</p><p id='a' class='cookie'>y"
                                "</p></div>")
    assert [p.text for p in OVERALL_DISCARD_TESTS[0](tree)] == ["x"]
    assert OVERALL_DISCARD_TESTS[0](tree) == OVERALL_DISCARD_XPATH[0](tree)


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.pattern[:20] for p in PATTERNS])
def test_each_pattern_is_trafilaturas(pattern: re.Pattern[str]) -> None:
    """Fails when trafilatura changes an expression's tokens: copy them again."""
    paths = " ".join(x.path for x, _test in PAIRS)
    assert f"'{pattern.pattern}'" in paths
    assert not pattern.search("")  # an absent attribute never passes


@pytest.mark.parametrize("attributes", [
    [], [("href", "x")], [("id", "a")], [("class", "b")], [("id", "a"), ("class", "b")],
    [("class", "b"), ("href", "x"), ("id", "a")], [("class", ""), ("id", "a")],
])
def test_first_id_or_class_is_first_of(attributes: list[tuple[str, str]]) -> None:
    attrs = dict(attributes)
    assert (first_id_or_class(attributes, attrs.get("id"), attrs.get("class"))
            == body_xpaths.first_of(attributes, body_xpaths.ID_CLASS))


def test_cached_search_answers_as_the_search() -> None:
    found = cached_search(re.compile(r"^nav|-ad-"))
    for value in ("navbar", "top-ad-slot", "subnav", "navbar", "header"):
        assert found(value) is bool(re.search(r"^nav|-ad-", value))
    assert found.cache_info().hits == 1  # "navbar" twice


def test_literal_patterns_are_their_words() -> None:
    assert body_xpaths.COOKIE.pattern == body_xpaths.COOKIE_WORD
    assert body_xpaths.HIDDEN.pattern == body_xpaths.HIDDEN_WORD
    assert body_xpaths.READER_COMMENTS_ID.pattern == "|".join(body_xpaths.READER_COMMENTS_WORDS)
    assert len(body_xpaths.READER_COMMENTS_WORDS) == 2  # _hidden tests both by index
    for word in (body_xpaths.COOKIE_WORD, body_xpaths.HIDDEN_WORD,
                 *body_xpaths.READER_COMMENTS_WORDS):
        assert not set(word) & set(".^$*+?{}[]\\|()")  # no regex syntax: a substring test
        # is the search


def test_trafilatura_itself_is_untouched() -> None:
    assert trafilatura_main.BODY_XPATH is BODY_XPATH
    assert trafilatura_main.OVERALL_DISCARD_XPATH is OVERALL_DISCARD_XPATH
    assert trafilatura_core.extract_content is trafilatura_main.extract_content
    assert extract_content is not trafilatura_main.extract_content
    assert extract_content.__code__ is trafilatura_main.extract_content.__code__
    assert body_xpaths._MAIN["_extract"].__globals__["BODY_XPATH"] is BODY_TESTS
    assert trafilatura_external.basic_cleaning.__globals__["BASIC_CLEAN_XPATH"] is BASIC_CLEAN_XPATH


STORY = "".join(f"<p>Paragraph {n} of the story about the night ferry and its harbour.</p>"
                for n in range(12))
PAGES = [
    f"<html><body><nav><a href='/'>Home</a></nav><div class='article-body'>{STORY}"
    "<div class='share-tools'><a href='/s'>Share</a></div><p class='wp-caption'>Photo</p>"
    f"</div><div class='sidebar'>{STORY[:200]}</div></body></html>",
    f"<html><body><div id='x'><div class='teaser'><p>Read also</p></div>{STORY}</div>"
    "<div style='display:none'><p>Hidden</p></div></body></html>",
    "<html><body><p>Too short.</p><div class='cookie'>Accept</div></body></html>",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("fast", [False, True])
def test_extract_content_is_trafilaturas(page: str, fast: bool) -> None:
    options = extractor("https://news.example/a", fast=fast)
    tree = _converted(lxml_html.document_fromstring(page))
    body, text = extract_content(deepcopy(tree), options)
    expected_body, expected_text = trafilatura_main.extract_content(deepcopy(tree), options)
    assert text == expected_text
    assert etree.tostring(body) == etree.tostring(expected_body)


@pytest.mark.parametrize("page", PAGES)
def test_recall_retry_is_trafilaturas(page: str) -> None:
    options = extractor("https://news.example/a", favor_recall=True)
    tree = lxml_html.document_fromstring(page)
    body, text = recall_retry(deepcopy(tree), options, options.url)
    expected_body, expected_text = trafilatura_core._recall_retry(deepcopy(tree), options,
                                                                   options.url)
    assert text == expected_text
    assert etree.tostring(body) == etree.tostring(expected_body)


@pytest.mark.parametrize("page", PAGES)
def test_plain_text_and_baseline_are_trafilaturas(page: str) -> None:
    tree = lxml_html.document_fromstring(page.replace("<body>", "<body><aside>Side</aside>"
                                                      "<script>var a;</script>"))
    assert html2txt(tree) == trafilatura_html2txt(tree)
    body, text, length = baseline(tree)
    expected_body, expected_text, expected_length = trafilatura_baseline(tree)
    assert (text, length) == (expected_text, expected_length)
    assert etree.tostring(body) == etree.tostring(expected_body)


@pytest.mark.parametrize("page", PAGES)
def test_justext_and_comparison_are_trafilaturas(page: str) -> None:
    options = extractor("https://news.example/a")
    tree = lxml_html.document_fromstring(page)
    _body, text = justext_rescue(deepcopy(tree), options)
    assert text == trafilatura_external.justext_rescue(deepcopy(tree), options)[1]
    main_body, main_text = trafilatura_main.extract_content(_converted(tree), options)
    expected = trafilatura_external.compare_extraction(
        tree_cleaning(deepcopy(tree), options), deepcopy(tree), deepcopy(main_body), main_text,
        options)
    found = compare_extraction(tree_cleaning(deepcopy(tree), options), deepcopy(tree),
                               deepcopy(main_body), main_text, options)
    assert found[1] == expected[1]
    assert etree.tostring(found[0]) == etree.tostring(expected[0])
