"""Hand-made records shared by the stage tests."""

from __future__ import annotations

from typing import Any

from pipelines.record import ArticleRecord, Provenance, Removal


def make_record(**overrides: Any) -> ArticleRecord:
    """A complete, schema-valid article record; ``overrides`` replace single fields."""
    fields: dict[str, Any] = {
        "id": "0123456789abcdef0123456789abcdef",
        "url": "https://www.example.com/news/story.html?utm_source=x",
        "canonical_url": "https://www.example.com/news/story.html",
        "title": "Council approves the new bridge",
        "text": "The council voted on Tuesday.\n\nWork starts in June.",
        "byline": "By Ann Smith and Bo Lee",
        "authors": ["Ann Smith", "Bo Lee"],
        "source": "Example News",
        "source_domain": "example.com",
        "wire_sources": ["AP"],
        "published": "2024-05-01T09:30:00+00:00",
        "modified": None,
        "language": "en",
        "description": "The vote was 7 to 2.",
        "image": "https://www.example.com/img/bridge.jpg",
        "word_count": 10,
        "content_hash": "a" * 64,
        "removed": [Removal("share", "Share this article")],
        "crawled_at": "2024-05-01T10:00:00+00:00",
        "provenance": Provenance(title="json-ld", authors="byline", published="json-ld"),
        "updated": False,
    }
    fields.update(overrides)
    return ArticleRecord(**fields)
