"""Publication and modification dates."""

from __future__ import annotations

from htmldate import find_date

from pipelines.document import Document
from pipelines.fields import Dates


def choose_dates(doc: Document) -> Dates:
    """JSON-LD dates first, then htmldate over the shared tree."""
    for obj in doc.json_ld:
        published = obj.get("datePublished")
        if isinstance(published, str) and published.strip():
            modified = obj.get("dateModified")
            return Dates(published.strip(), modified if isinstance(modified, str) else None,
                         "json-ld")
    published = find_date(doc.tree, url=doc.url, original_date=True)
    modified = find_date(doc.tree, url=doc.url, original_date=False)
    return Dates(published, modified if modified != published else None, "htmldate")
