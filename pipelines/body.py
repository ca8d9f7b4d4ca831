"""The article body: DOM pre-clean on a copy, trafilatura's main text, then paragraph cleaning."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field

import trafilatura

from pipelines.cleaning import (
    CleaningOptions,
    TextContext,
    clean_paragraphs,
    clean_tree,
    title_variants,
)
from pipelines.document import Document
from pipelines.record import Removal

SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.])(?=\s|$)")

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
    tree = clean_tree(deepcopy(doc.tree), options, removed)
    result = trafilatura.bare_extraction(
        tree, url=doc.url, include_comments=False, with_metadata=False
    )
    text = getattr(result, "text", None) or ""
    paragraphs = [tidy(line) for line in text.split("\n") if line.strip()]
    paragraphs = clean_paragraphs(paragraphs, page_context(doc), removed, options)
    return Body(paragraphs=paragraphs, removed=removed)


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
