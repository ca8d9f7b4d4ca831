"""The language of the article text; the page's ``lang`` attribute is fallback and tie-breaker."""

from __future__ import annotations

from array import array
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pipelines.document import Document

MIN_TEXT_CHARS = 200
# The first paragraphs decide: py3langid's walk costs about 0.5 µs a byte (its tables do not
# fit the CPU cache); 600 characters and 1,200 gave the same language on all 635 bench pages.
MAX_TEXT_CHARS = 600
MIN_CONFIDENCE = 0.9


def detect_language(doc: Document, text: str) -> str | None:
    """py3langid on the text; the page's ``lang`` when the text is short or the guess unsure."""
    declared = page_language(doc)
    if len(text) < MIN_TEXT_CHARS:
        return declared
    code, confidence = _identifier().classify(text[:MAX_TEXT_CHARS])
    if declared and code != declared and confidence < MIN_CONFIDENCE:
        return declared
    return code


def page_language(doc: Document) -> str | None:
    """The primary subtag of ``<html lang>`` (or ``content-language``), lower-cased."""
    raw = doc.lang or doc.meta_first("content-language", "og:locale", "dc.language")
    if not raw:
        return None
    code = raw.replace("_", "-").split("-")[0].strip().lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


@cache
def _identifier() -> LanguageIdentifier:
    """One identifier per process, loaded on first use, probabilities normalised to 0..1."""
    return compact(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


def compact(identifier: LanguageIdentifier) -> LanguageIdentifier:
    """Hold the identifier's per-state tables as arrays of machine integers, not int objects.

    The model's big tables are arrays already (NumPy, ``array``): loaded in the forkserver,
    the workers share them. But py3langid keeps two tables of its byte walk, one entry per DFA
    state (104,583), as lists of Python ints (8 MB); reading an int writes its reference count,
    so every worker copied the pages they lie on (6 MB of private memory a worker after 600
    texts). Read from an array, the value is a new int: no shared page is written, the results
    are the same, and the walk is as fast (measured on the 1,890 openings of the bench texts).
    py3langid has no option for it; a version without these lists is left as it is.
    """
    for name, typecode in (("_rowbase", "q"), ("tk_output", "q")):
        table = getattr(identifier, name, None)
        if isinstance(table, list):
            setattr(identifier, name, array(typecode, table))
    return identifier
