"""A crawl's failure rate from its stats: the failures of the summary line per page fetched."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crawler.extensions import failure_counts


@dataclass(frozen=True)
class FailureRate:
    """Failures, pages fetched and their ratio for one run."""

    failures: int
    pages: int

    @property
    def rate(self) -> float:
        """Failures per fetched page; a run that fetched nothing but failed counts as 1.0."""
        if self.pages:
            return self.failures / self.pages
        return 1.0 if self.failures else 0.0


def failure_rate(stats: Mapping[str, Any]) -> FailureRate:
    """The summary line's failures counted against ``response_received_count``."""
    failures = sum(int(value) for value in failure_counts(stats).values())
    return FailureRate(failures, int(stats.get("response_received_count", 0)))
