"""Per-source selectors from the sources file, applied before the generic rules.

A source can pin where its headline, byline and body are and which blocks to drop. The
selectors are CSS, or XPath when they start with ``/``, ``./`` or ``(``; they are compiled
once per source (the rules object is cached), never keyed on a domain in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cssselect import GenericTranslator
from lxml import etree

from pipelines.cleaning import CleaningOptions

_XPATH_START = re.compile(r"^\s*(?:/|\./|\()")
_CSS = GenericTranslator()


@dataclass(frozen=True, slots=True)
class SiteRules:
    """The selectors a source pins; None or empty leaves the generic rules in charge."""

    title: str | None = None
    byline: str | None = None
    body: str | None = None
    drop: tuple[str, ...] = ()

    def cleaning_options(self, base: CleaningOptions | None = None) -> CleaningOptions:
        """``base`` with this source's body and drop selectors."""
        base = base or CleaningOptions()
        return CleaningOptions(
            body_selector=self.body or base.body_selector,
            drop_selectors=(*base.drop_selectors, *self.drop),
            dom_rules=base.dom_rules,
            text_rules=base.text_rules,
            drop_embeds=base.drop_embeds,
        )


def selector_xpath(selector: str) -> str:
    """A selector as XPath: XPath as written (``/``, ``./``, ``(``), else CSS translated."""
    if _XPATH_START.match(selector):
        return selector
    return _CSS.css_to_xpath(selector)


@cache
def compiled(selector: str) -> etree.XPath:
    """The compiled XPath of ``selector`` (raises lxml's or cssselect's error when invalid)."""
    return etree.XPath(selector_xpath(selector))


def selected_text(tree: etree._Element, selector: str) -> str | None:
    """Whitespace-normalised text of the first element ``selector`` matches, or None."""
    for node in compiled(selector)(tree):
        text = " ".join((node if isinstance(node, str) else node.text_content()).split())
        if text:
            return text
    return None
