"""Benchmark metrics, exactly as defined in ``../shared/bench/README.md``; pure functions only.

Per-page functions return ``None`` when the page has no gold value for the metric: such a page is
skipped for that metric, never counted as a hit or a miss.

Choices the README leaves open, made here once:

- Body: tokens are ``re.findall(r"\\w+", text)`` (case kept). A text of 1 to 3 tokens is one
  shorter shingle, an empty text has none (as in the public article-extraction benchmark).
  Per page precision and recall are 1 when fp = fn = 0. Precision is undefined (``None``, left
  out of the precision mean) when the prediction has no shingle at all, as in the public
  benchmark; that page still scores recall 0. Likewise recall is undefined for an empty (not
  null) gold body with a non-empty prediction. A null gold body skips the page for all body metrics.
  F1 is computed from the mean precision and the mean recall, not averaged per page.
- Snippets: whitespace runs collapse to one space in both snippet and text, matching is
  case-sensitive substring search in the article text only (not the title). Shares are micro
  averages: snippets found (or absent) over all snippets of the set, so a page with many snippets
  weighs more. A page with no snippet of a kind is skipped for that kind. Blank snippets (a few
  in trafilatura-dev) are ignored: they would be "found" in any text.
- Title: whitespace-collapsed, ``casefold`` equality; null or blank gold (trafilatura-dev has a
  few ``""``) is skipped, a missing prediction is a miss.
- Authors: sets of lower-cased, whitespace-collapsed names. Exact: set equality (``[]`` gold
  wants no author; a missing prediction counts as ``[]``). Jaccard of two empty sets is 1.
  Null gold is skipped for both.
- Date: the ``YYYY-MM-DD`` of both values (their first 10 characters; a ``Y-M-D`` prefix with
  one-digit month or day, as in one gold value, is zero-padded first) are equal. Null or blank
  gold (trafilatura-dev has 60 ``""``, outside the README's format) is skipped; a missing
  prediction is a miss.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TOKEN_RE = re.compile(r"\w+")
WHITESPACE_RE = re.compile(r"\s+")
DATE_PREFIX_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
SHINGLE_SIZE = 4

Shingle = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overlap:
    """Shingle overlap of one page, tp + fp + fn normalised to 1 (all 0 when both are empty)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """Per-page precision; ``None`` when nothing was predicted (and something was expected)."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """Per-page recall; 1 when fp = fn = 0, ``None`` when the gold text has no shingle."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fn == 0:
            return None
        return self.tp / (self.tp + self.fn)


@dataclass(frozen=True, slots=True)
class SnippetCount:
    """How many snippets of one kind a page has and how many of them scored as hits."""

    hits: int
    total: int

    @property
    def share(self) -> float | None:
        """Per-page share of hits; ``None`` when the page has no snippet of this kind."""
        return self.hits / self.total if self.total else None


def tokenize(text: str | None) -> list[str]:
    """The README's tokens: all matches of ``\\w+``."""
    return TOKEN_RE.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[Shingle]:
    """Multiset of ``size``-token shingles; a shorter non-empty text is a single shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    last = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(last))


def body_overlap(gold: str, predicted: str | None) -> Overlap:
    """tp/fp/fn of the shingle multisets of gold and predicted text, divided by their sum."""
    gold_sh, pred_sh = shingles(gold), shingles(predicted)
    tp = sum((gold_sh & pred_sh).values())
    fp = sum((pred_sh - gold_sh).values())
    fn = sum((gold_sh - pred_sh).values())
    total = tp + fp + fn
    if total == 0:
        return Overlap(0.0, 0.0, 0.0)
    return Overlap(tp / total, fp / total, fn / total)


def collapse_ws(text: str | None) -> str:
    """Collapse every whitespace run to one space and strip the ends."""
    return WHITESPACE_RE.sub(" ", text or "").strip()


def snippets_found(snippets: Sequence[str], text: str | None) -> SnippetCount:
    """Count the snippets that occur in the text (after collapsing whitespace)."""
    haystack = collapse_ws(text)
    needles = [n for n in (collapse_ws(s) for s in snippets) if n]
    return SnippetCount(sum(1 for n in needles if n in haystack), len(needles))


def snippets_absent(snippets: Sequence[str], text: str | None) -> SnippetCount:
    """Count the snippets that do not occur in the text (after collapsing whitespace)."""
    found = snippets_found(snippets, text)
    return SnippetCount(found.total - found.hits, found.total)


def title_match(gold: str | None, predicted: str | None) -> float | None:
    """1.0 if titles are equal ignoring case and whitespace runs, 0.0 if not, None if no gold."""
    if not collapse_ws(gold):
        return None
    if predicted is None:
        return 0.0
    return float(collapse_ws(gold).casefold() == collapse_ws(predicted).casefold())


def author_set(names: Iterable[str] | None) -> frozenset[str]:
    """Lower-cased, whitespace-collapsed, non-empty author names as a set."""
    return frozenset(n for n in (collapse_ws(x).lower() for x in names or ()) if n)


def authors_exact(gold: Sequence[str] | None, predicted: Sequence[str] | None) -> float | None:
    """1.0 if the lower-cased name sets are equal, 0.0 if not, None if gold is not annotated."""
    if gold is None:
        return None
    return float(author_set(gold) == author_set(predicted))


def authors_jaccard(gold: Sequence[str] | None, predicted: Sequence[str] | None) -> float | None:
    """Jaccard index of the lower-cased name sets (1.0 for two empty sets), None without gold."""
    if gold is None:
        return None
    g, p = author_set(gold), author_set(predicted)
    union = g | p
    return len(g & p) / len(union) if union else 1.0


def date_match(gold: str | None, predicted: str | None) -> float | None:
    """1.0 if the ``YYYY-MM-DD`` prefixes are equal, 0.0 if not, None if no gold date."""
    if not collapse_ws(gold):
        return None
    if not predicted:
        return 0.0
    return float(day(gold) == day(predicted))


def day(value: str) -> str:
    """The ``YYYY-MM-DD`` part of an ISO 8601 value (zero-padding a one-digit month or day)."""
    value = value.strip()
    match = DATE_PREFIX_RE.match(value)
    if match:
        year, month, dom = match.groups()
        return f"{year}-{int(month):02d}-{int(dom):02d}"
    return value[:10]


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None if there are none."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def micro_share(counts: Iterable[SnippetCount]) -> float | None:
    """Hits over all snippets of all pages; None if there is no snippet at all."""
    hits = total = 0
    for c in counts:
        hits += c.hits
        total += c.total
    return hits / total if total else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean of the mean precision and the mean recall."""
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)
