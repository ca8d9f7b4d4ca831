"""Items that travel from the spider to the pipeline stages.

The spider yields :class:`FetchedPage`; the extraction stage turns it into a
:class:`pipelines.record.ArticleRecord`, which is what the feed exports write.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class FetchedPage:
    """A fetched HTML page: the bytes and what the extractor needs to decode them."""

    url: str
    body: bytes
    content_type: str | None
    status: int
    fetched_at: str
    depth: int = 0
    source: str | None = None  # the sources-file name the page was found for
