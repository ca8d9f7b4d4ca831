"""The article body: DOM pre-clean on a copy, trafilatura's main text, then paragraph cleaning."""

from __future__ import annotations

import logging
import re
from copy import copy, deepcopy
from dataclasses import dataclass, field
from functools import cache

# trafilatura internals (pinned to trafilatura >=2.3.1,<2.4: core.trafilatura_sequence's stages
# are re-run below so the fast and the full pass share the raw prune and the tree cleaning);
# tests/test_body.py compares main_text with bare_extraction and fails if these change.
from lxml import etree, html
from trafilatura.baseline import _BLOCK_ELEMS
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_JUSTEXT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
)
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.settings import Extractor
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from pipelines.body_xpaths import (
    baseline,
    compare_extraction,
    extract_content,
    html2txt,
    justext_rescue,
    recall_retry,
)
from pipelines.cleaning import (
    CleaningOptions,
    Prefiltered,
    TextContext,
    clean_page,
    clean_paragraphs,
    title_variants,
    word_count,
)
from pipelines.document import Document
from pipelines.record import Removal

logger = logging.getLogger(__name__)

SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.])(?=\s|$)")
# Characters XML forbids (C0 controls but tab/newline/CR): trafilatura discards a page holding one.
INVALID_XML_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Below this many words trafilatura's text is replaced by a longer fallback when there is one.
FALLBACK_MIN_WORDS = 40
# Tags trafilatura's html2txt always drops (the tag names in its BASIC_CLEAN_XPATH).
ALWAYS_CLEANED_TAGS = frozenset({"aside", "fencedframe", "footer", "script", "style", "svg",
                                 "template"})
# Any element whose id or class holds "teaser" (trafilatura's TEASER_DISCARD_XPATH test, any tag).
TEASER_NAMED = etree.XPath(
    ".//*[contains(translate(@id, 'T', 't'), 'teaser') or contains(translate(@class, 'T', 't'),"
    " 'teaser')]"
)
# Found in the id/class lines of id_class_names wherever trafilatura's RAW_TREE_PRUNE_XPATH
# ("mvp-post-add-(box|wrap)", "infinite-?scroll", "elementor-share-buttons") or
# REMOVE_COMMENTS_AND_LISTS_XPATH (id "^([Cc]omment|comol|disqus_thread|dsq-comments)", class
# "^[Cc]omment|(article|post)-comments") can match; tests/test_body.py checks them on examples.
RAW_PRUNE_HINT_RE = re.compile(r"mvp-post-add-|infinite-?scroll|elementor-share-buttons")
RAW_PRUNE_HINT = Prefiltered(RAW_PRUNE_HINT_RE)
# The tags those expressions select (raw prune: div, section, aside; comment lists: div, list,
# section, details, ol, ul); other elements' names are not read.
PRUNED_TAGS = ("div", "section", "aside", "details", "ol", "ul", "list")
COMMENT_LIST_HINT_RE = re.compile(
    r"^(?:[Cc]omment|comol|disqus_thread|dsq-comments)|(?:article|post)-comments", re.MULTILINE
)
COMMENT_LIST_HINT = Prefiltered(COMMENT_LIST_HINT_RE)
# The fast trafilatura pass is kept when it has this many words and this share of the area's.
FAST_MIN_WORDS = 200
FAST_AREA_SHARE = 0.5
# trafilatura's main-text call; options chosen by measurement on ../shared/bench (fast=True cost
# 0.011 body F1, favor_precision/favor_recall lost `with` snippets).
TRAFILATURA_OPTIONS: dict[str, bool] = {
    "include_comments": False, "with_metadata": False, "include_tables": True,
    "favor_precision": False, "favor_recall": False, "fast": False,
}

__all__ = ["Body", "CleaningOptions", "extract_body"]


@dataclass(slots=True)
class Body:
    """The clean paragraphs and what was stripped on the way."""

    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Paragraphs separated by one blank line."""
        return "\n\n".join(self.paragraphs)

    def removed_of(self, *kinds: str) -> list[str]:
        """Texts of the removals of the given kinds, in page order."""
        return [r.text for r in self.removed if r.kind in kinds]


def extract_body(doc: Document, options: CleaningOptions) -> Body:
    """Main text of ``doc`` as clean paragraphs, with every removal reported."""
    removed: list[Removal] = []
    tree, area = clean_page(deepcopy(doc.tree), options, removed)
    text = quick_text(tree, doc.url, area)
    if word_count(text) < FALLBACK_MIN_WORDS:
        text = fallback_text(doc, tree, text)
    paragraphs = [tidy(line) for line in text.split("\n") if line.strip()]
    paragraphs = clean_paragraphs(paragraphs, page_context(doc), removed, options)
    return Body(paragraphs=paragraphs, removed=removed)


def extractor(url: str, **overrides: bool) -> Extractor:
    """trafilatura's settings for one page, as ``bare_extraction`` builds them.

    A copy of a settings object made once per set of ``overrides``, with the page's URL: each
    new Extractor reads eight numbers from its ConfigParser, 0.3 ms.
    """
    options = copy(_extractor_template(tuple(sorted(overrides.items()))))
    source = url or None  # as Extractor.__init__ sets its url and source
    options.source = source and source.encode("utf-8", "replace").decode("utf-8")
    options.url = url
    return options


@cache
def _extractor_template(overrides: tuple[tuple[str, bool], ...]) -> Extractor:
    """trafilatura's settings without a URL (its metadata date window, unused without
    metadata, is the day of the first call)."""
    kwargs = {**TRAFILATURA_OPTIONS, **dict(overrides)}
    return Extractor(
        output_format="python", fast=kwargs["fast"], precision=kwargs["favor_precision"],
        recall=kwargs["favor_recall"], comments=kwargs["include_comments"],
        tables=kwargs["include_tables"], with_metadata=kwargs["with_metadata"],
    )


@dataclass(slots=True)
class Prepared:
    """A page tree after trafilatura's raw prune and tree cleaning, shared by its passes.

    ``raw`` is pruned in place; ``cleaned`` is the tree-cleaned copy before tag conversion
    (jusText's input), kept untouched so each pass converts its own copy.
    """

    raw: html.HtmlElement
    cleaned: html.HtmlElement
    url: str
    _page_chars: int | None = None
    _page_chars_bound: int | None = None

    def page_chars(self) -> int:
        """Length of trafilatura's plain text of the whole page (computed once)."""
        if self._page_chars is None:
            self._page_chars = len(html2txt(self.raw))
        return self._page_chars

    def page_chars_bound(self) -> int:
        """An upper bound of :meth:`page_chars` at a fifth of its cost (computed once)."""
        if self._page_chars_bound is None:
            self._page_chars_bound = spaced_text_bound(self.raw)
        return self._page_chars_bound


def prepare(tree: html.HtmlElement, options: Extractor) -> Prepared:
    """trafilatura's raw prune of ``tree`` (in place) and its tree cleaning, done once.

    Each prune list runs only when its hint regex finds a match in the ids and classes (without
    one its XPaths match nothing): a walk reading two attributes is cheaper than their regexes.
    """
    is_forum = _forum_thread_page(tree)
    names = id_class_names(tree)
    if RAW_PRUNE_HINT.search(names):
        tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
    comments_pruned = not options.comments and (options.focus == "precision" or not is_forum)
    if comments_pruned and COMMENT_LIST_HINT.search(names):
        tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)
    return Prepared(tree, tree_cleaning(copy(tree), options), options.url or "")


def id_class_names(tree: html.HtmlElement) -> str:
    """The ``id`` and ``class`` values of the elements of ``tree`` with one of PRUNED_TAGS,
    one per line."""
    parts: list[str] = []
    for node in tree.iter(*PRUNED_TAGS):
        parts.append(node.get("id") or "")
        parts.append(node.get("class") or "")
    return "\n".join(parts)


MainResult = tuple[etree._Element, str]


def main_extraction(prepared: Prepared, options: Extractor) -> MainResult | None:
    """trafilatura's main extractor on a converted copy of the cleaned tree (None if it raises)."""
    converted = convert_tags(copy(prepared.cleaned), options, prepared.url)
    try:
        return extract_content(converted, options)
    except (TypeError, ValueError):
        return None


def has_teasers(prepared: Prepared) -> bool:
    """Whether any element of the cleaned tree is classed or named as a teaser.

    A superset of what trafilatura's TEASER_DISCARD_XPATH prunes, the only blocks where its
    fast and full main extractors differ: without them the full pass can reuse the fast one.
    """
    return bool(TEASER_NAMED(prepared.cleaned))


def cascade(prepared: Prepared, options: Extractor, main: MainResult | None = None) -> str:
    """trafilatura's extraction cascade (``trafilatura_sequence`` without comments) as text.

    Stages: main extractor (or its result ``main``), readability/jusText comparison unless
    fast, baseline rescue when short, recall escalation when the text covers little of the
    page. Empty when nothing is found, like ``bare_extraction``.
    """
    raw = prepared.raw
    try:
        if main is None:
            cleaned = convert_tags(copy(prepared.cleaned), options, prepared.url)
            main = extract_content(cleaned, options)
        body, text = main
        if not options.fast:
            body, text = compare_extraction(prepared.cleaned, copy(raw), body, text, options)
        if len(text) < options.min_extracted_size and options.focus != "precision":
            b_body, b_text, b_len = baseline(raw)
            if b_len > len(text):
                body, text = b_body, b_text
        if _escalates(text, options, prepared):
            body, text = _escalated(body, text, raw, options, prepared.url)
    except (TypeError, ValueError):
        return ""
    if len(text) < options.min_output_size:
        return ""
    return xmltotxt(body, options.formatting)


def _escalates(text: str, options: Extractor, prepared: Prepared) -> bool:
    """trafilatura's test for the recall escalation; the cheap bound of the page text settles
    most pages without its html2txt."""
    if not (options.focus == "balanced" and 0 < len(text) < ESCALATION_MAX_LENGTH):
        return False
    if len(text) >= ESCALATION_PAGE_SHARE * prepared.page_chars_bound():
        return False
    return len(text) < ESCALATION_PAGE_SHARE * prepared.page_chars()


def spaced_text_bound(tree: html.HtmlElement) -> int:
    """At least the length of ``html2txt(tree)``, read without copying or cleaning the tree.

    html2txt drops the elements of BASIC_CLEAN_XPATH (keeping their tails), puts a space at
    both ends of each block element and joins the words with single spaces. Here only the
    elements it always drops are skipped; its other drops (cookie banners, footer divs) and
    its removal of control characters only shorten its text, so this length is never smaller.
    """
    body = tree.find(".//body")
    root = tree if body is None else body
    parts: list[str] = []
    skipped: etree._Element | None = None
    for event, node in etree.iterwalk(root, events=("start", "end")):
        tag = node.tag
        if event == "start":
            if skipped is None and tag in ALWAYS_CLEANED_TAGS:
                skipped = node
            elif skipped is None and isinstance(tag, str):
                parts.append(" " + (node.text or "") if tag in _BLOCK_ELEMS else node.text or "")
            continue
        if skipped is not None and node is not skipped:
            continue
        if node is not root:
            gap = " " if skipped is None and tag in _BLOCK_ELEMS else ""
            parts.append(gap + (node.tail or ""))
        skipped = None
    words = "".join(parts).split()
    return sum(map(len, words)) + max(len(words) - 1, 0)


def _escalated(
    body: etree._Element, text: str, raw: html.HtmlElement, options: Extractor, url: str
) -> tuple[etree._Element, str]:
    """The recall retry (and jusText unless fast) when clearly longer than ``text``."""
    r_options = copy(options)
    r_options.focus = "recall"
    r_body, r_text = body, ""
    try:
        r_body, r_text = recall_retry(raw, r_options, url)
    except Exception:  # as trafilatura: a failed retry keeps the text found
        logger.debug("recall retry failed for %s", url, exc_info=True)
    j_body, j_text = body, ""
    if not options.fast:
        try:
            j_body, j_text = justext_rescue(copy(raw), options)
        except Exception:  # as trafilatura: a failed jusText candidate keeps the text found
            logger.debug("jusText candidate failed for %s", url, exc_info=True)
    if len(j_text) > len(r_text) and (
        len(j_text) > ESCALATION_JUSTEXT_RATIO * len(text)
    ):
        return j_body, j_text
    long_enough = len(r_text) >= options.min_extracted_size
    if long_enough and len(r_text) > ESCALATION_ACCEPT_RATIO * len(text):
        return r_body, r_text
    return body, text


def main_text(tree: html.HtmlElement, url: str, **overrides: bool) -> str:
    """trafilatura's main text of the (cleaned) tree; empty when it finds none.

    ``tree`` is pruned in place (a private copy).
    """
    options = extractor(url, **overrides)
    return cascade(prepare(tree, options), options)


def quick_text(tree: html.HtmlElement, url: str, area: html.HtmlElement | None) -> str:
    """trafilatura's fast pass when it covers the article area, else its full pass.

    The full pass also runs readability and jusText and compares them (a third of trafilatura's
    time); where the fast text already holds at least half the words of the article area found
    by the DOM steps, the comparison rarely changes the result (measured on ../shared/bench).
    Both passes share trafilatura's raw prune and tree cleaning, and the main extractor's
    result where the page has no teaser blocks; ``tree`` is pruned in place.
    """
    area_words = len(area.text_content().split()) if area is not None else None
    options = extractor(url)
    prepared = prepare(tree, options)
    if area_words is None:
        return cascade(prepared, options)
    fast = extractor(url, fast=True)
    main = main_extraction(prepared, fast)
    text = cascade(prepared, fast, main) if main is not None else ""
    words = word_count(text)
    if words >= FAST_MIN_WORDS and words >= FAST_AREA_SHARE * area_words:
        return text
    return cascade(prepared, options, None if main is None or has_teasers(prepared) else main)


def fallback_text(doc: Document, tree: html.HtmlElement, text: str) -> str:
    """A longer text when trafilatura's is empty or short: the JSON-LD ``articleBody`` or
    trafilatura again on a tree with XML-invalid characters removed, in recall mode."""
    best = text
    ld_body = json_ld_article_body(doc)
    if word_count(ld_body) > word_count(best):
        best = ld_body
    if word_count(best) < FALLBACK_MIN_WORDS:
        retry = main_text(strip_invalid_chars(tree), doc.url, favor_recall=True)
        if word_count(retry) > word_count(best):
            best = retry
    return best


def json_ld_article_body(doc: Document) -> str:
    """The longest JSON-LD ``articleBody`` of the page, or empty."""
    bodies = [obj["articleBody"] for obj in doc.json_ld if isinstance(obj.get("articleBody"), str)]
    body = max(bodies, key=len, default="")
    return "" if "<" in body[:200] and ">" in body[:200] else body  # HTML markup: not a text


def strip_invalid_chars(tree: html.HtmlElement) -> html.HtmlElement:
    """Remove XML-invalid control characters from every text and tail of ``tree`` in place."""
    for node in tree.iter():
        if node.text and INVALID_XML_CHARS_RE.search(node.text):
            node.text = INVALID_XML_CHARS_RE.sub("", node.text)
        if node.tail and INVALID_XML_CHARS_RE.search(node.tail):
            node.tail = INVALID_XML_CHARS_RE.sub("", node.tail)
    return tree


def tidy(line: str) -> str:
    """One paragraph with whitespace collapsed and no space before a comma or full stop."""
    return SPACE_BEFORE_PUNCT_RE.sub(r"\1", " ".join(line.split()))


def page_context(doc: Document) -> TextContext:
    """Headline variants of ``doc`` (og:title, JSON-LD headline, ``<title>``, first ``<h1>``)."""
    headlines = [obj.get("headline") for obj in doc.json_ld if isinstance(obj.get("headline"), str)]
    h1 = doc.tree.find(".//h1")
    return TextContext(
        titles=title_variants(
            doc.meta_first("og:title", "twitter:title"),
            *headlines[:2],
            doc.title_tag,
            h1.text_content() if h1 is not None else None,
        )
    )
