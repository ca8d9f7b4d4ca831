"""Bylines: the credit as printed, the people it names, the agencies it credits."""

from __future__ import annotations

from pipelines.body import Body
from pipelines.document import Document
from pipelines.fields import Credits


def choose_credits(doc: Document, body: Body) -> Credits:
    """Authors from JSON-LD or meta ``author``."""
    names: list[str] = []
    for obj in doc.json_ld:
        for author in obj.get("author") or []:
            if isinstance(author, dict) and isinstance(author.get("name"), str):
                names.append(author["name"].strip())
    if names:
        return Credits(byline=None, authors=names, signal="json-ld")
    meta = doc.meta_first("author")
    if meta:
        return Credits(byline=meta, authors=[meta], signal="meta")
    return Credits()
