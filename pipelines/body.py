"""The article body: trafilatura's main-text extraction over the shared tree."""

from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura

from pipelines.document import Document
from pipelines.record import Removal


@dataclass(frozen=True, slots=True)
class CleaningOptions:
    """Knobs of the body stage; per-source overrides come from the sources file."""

    body_selector: str | None = None
    drop_selectors: tuple[str, ...] = ()


@dataclass(slots=True)
class Body:
    """The clean paragraphs and what was stripped on the way."""

    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Paragraphs separated by one blank line."""
        return "\n\n".join(self.paragraphs)


def extract_body(doc: Document, options: CleaningOptions) -> Body:
    """Main text of ``doc`` as paragraphs."""
    result = trafilatura.bare_extraction(
        doc.tree, url=doc.url, include_comments=False, with_metadata=False
    )
    text = getattr(result, "text", None) or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    return Body(paragraphs=paragraphs)
