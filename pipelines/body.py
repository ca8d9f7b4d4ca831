"""The article body: DOM pre-clean on a copy, trafilatura's main text, then paragraph cleaning."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field

import trafilatura
from lxml import html

from pipelines.cleaning import (
    CleaningOptions,
    TextContext,
    clean_page,
    clean_paragraphs,
    title_variants,
    word_count,
)
from pipelines.document import Document
from pipelines.record import Removal

SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.])(?=\s|$)")
# Characters XML forbids (C0 controls but tab/newline/CR): trafilatura discards a page holding one.
INVALID_XML_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Below this many words trafilatura's text is replaced by a longer fallback when there is one.
FALLBACK_MIN_WORDS = 40
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


def main_text(tree: html.HtmlElement, url: str, **overrides: bool) -> str:
    """trafilatura's main text of the (cleaned) tree; empty when it finds none."""
    kwargs = {**TRAFILATURA_OPTIONS, **overrides}
    result = trafilatura.bare_extraction(tree, url=url, **kwargs)
    return getattr(result, "text", None) or ""


def quick_text(tree: html.HtmlElement, url: str, area: html.HtmlElement | None) -> str:
    """trafilatura's fast pass when it covers the article area, else its full pass.

    The full pass also runs readability and jusText and compares them (a third of trafilatura's
    time); where the fast text already holds at least half the words of the article area found
    by the DOM steps, the comparison rarely changes the result (measured on ../shared/bench).
    """
    if area is not None:
        text = main_text(tree, url, fast=True)
        words = word_count(text)
        if words >= FAST_MIN_WORDS and words >= FAST_AREA_SHARE * len(area.text_content().split()):
            return text
    return main_text(tree, url)


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
