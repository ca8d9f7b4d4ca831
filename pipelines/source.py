"""The publisher's reader-facing name."""

from __future__ import annotations

from pipelines.document import Document
from pipelines.fields import Choice


def choose_source(doc: Document) -> Choice:
    """JSON-LD publisher, og:site_name, application-name."""
    for obj in doc.json_ld:
        publisher = obj.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return Choice(publisher["name"].strip(), "json-ld")
    for key, signal in (("og:site_name", "og"), ("application-name", "meta")):
        value = doc.meta_first(key)
        if value:
            return Choice(value, signal)
    return Choice()
