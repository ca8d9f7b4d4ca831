"""The language of the article text."""

from __future__ import annotations

import py3langid

from pipelines.document import Document


def detect_language(doc: Document, text: str) -> str | None:
    """py3langid on the text; the page's ``lang`` attribute when the text is too short."""
    if len(text) >= 200:
        code, _score = py3langid.classify(text)
        return code
    if doc.lang:
        return doc.lang.split("-")[0].lower()
    return None
