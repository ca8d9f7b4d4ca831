"""The headline, without the site name glued to it."""

from __future__ import annotations

import re

from pipelines.document import Document
from pipelines.fields import Choice

_SUFFIX_SEPARATORS = re.compile(r"\s+[|\-–—:·»]\s+")


def choose_title(doc: Document) -> Choice:
    """JSON-LD headline, og:title, h1, then the title tag without its site-name part."""
    for obj in doc.json_ld:
        headline = obj.get("headline")
        if isinstance(headline, str) and headline.strip():
            return Choice(" ".join(headline.split()), "json-ld")
    og = doc.meta_first("og:title")
    if og:
        return Choice(_strip_site_name(og), "og")
    h1 = doc.tree.xpath("//h1")
    if h1 and h1[0].text_content().strip():
        return Choice(" ".join(h1[0].text_content().split()), "h1")
    if doc.title_tag:
        return Choice(_strip_site_name(doc.title_tag), "title-tag")
    return Choice()


def _strip_site_name(title: str) -> str:
    parts = _SUFFIX_SEPARATORS.split(title)
    return max(parts, key=len).strip() if len(parts) > 1 else title.strip()
