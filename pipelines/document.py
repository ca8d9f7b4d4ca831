"""Parse a page once: the lxml tree plus the metadata signals every stage reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import charset_normalizer
from lxml import etree, html
from w3lib.encoding import html_body_declared_encoding, html_to_unicode, read_bom, resolve_encoding

from pipelines.record import PageError

_PARSER = html.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False,
    encoding="utf-8",  # the text is decoded already and re-encoded as UTF-8 below
)
# lxml.html's default lookup calls back into Python for every element it creates (to give
# forms and inputs their own classes, which no stage uses): one plain HtmlElement class for all
# saves about 1.5 ms a page across the stages.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(element=html.HtmlElement, comment=html.HtmlComment)
)
_SINGLE_BYTE_FALLBACKS = frozenset(
    {"cp1252", "iso8859-1", "iso8859-15", "latin-1", "windows-1252", "ascii"}
)
_DETECT_BYTES = 64 * 1024
_UTF8_NAMES = frozenset({"utf-8", "utf8"})  # html_to_unicode names its default "utf8"
_MIN_VALID_PER_INVALID = 4
_LATIN_SINGLE_BYTE = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "mac_roman", "mac_latin2",
    *(f"iso8859_{part}" for part in (1, 2, 3, 4, 9, 10, 13, 14, 15, 16)),
})
MAX_HTML_BYTES = 20 * 1024 * 1024
# microdata markers: one walk serves the date, headline and author stages
_MARKED = etree.XPath("//*[@itemprop][not(self::meta)]|//time[@pubdate]")
_ANY_TITLE = etree.XPath("//title")
_LD_TYPE_CASE = str.maketrans("LDJSON", "ldjson")  # XPath translate(): only these letters


class PageParseError(ValueError):
    """A page that cannot be parsed; ``kind`` names the failure for stats."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind

    def as_error(self) -> PageError:
        """The failure as a record value."""
        return PageError(self.kind, str(self))


@dataclass(slots=True)
class Document:
    """A parsed page and its signals, computed once and shared by every stage."""

    url: str
    tree: html.HtmlElement
    meta: dict[str, list[str]] = field(default_factory=dict)
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)
    lang: str | None = None
    title_tag: str | None = None
    _marked: list[html.HtmlElement] | None = field(default=None, init=False, repr=False)
    _itemprops: dict[str, list[html.HtmlElement]] | None = field(default=None, init=False,
                                                                 repr=False)

    @property
    def marked(self) -> list[html.HtmlElement]:
        """Elements other than ``<meta>`` with an ``itemprop``, and ``<time pubdate>``, in page
        order; found in one walk on first use and kept (the stages edit copies of the tree).
        """
        if self._marked is None:
            self._marked = _MARKED(self.tree)
        return self._marked

    def itemprop(self, value: str) -> list[html.HtmlElement]:
        """Elements other than ``<meta>`` whose ``itemprop`` is exactly ``value``, in page order."""
        if self._itemprops is None:
            index: dict[str, list[html.HtmlElement]] = {}
            for node in self.marked:
                prop = node.get("itemprop")
                if prop is not None:
                    index.setdefault(prop, []).append(node)
            self._itemprops = index
        return self._itemprops.get(value, [])

    def meta_first(self, *keys: str) -> str | None:
        """The first non-empty value among the given meta names/properties (lower-case)."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value.strip():
                    return value.strip()
        return None

    def json_ld_of_type(self, *types: str) -> list[dict[str, Any]]:
        """JSON-LD objects whose ``@type`` is one of ``types``."""
        wanted = set(types)
        return [obj for obj in self.json_ld if wanted & set(_as_list(obj.get("@type")))]


def decode_html(body: bytes | str, content_type: str | None = None) -> str:
    """Decode a response body to text, trusting BOM, header, then the page's meta charset."""
    return _decode(body, content_type)[0]


def _decode(body: bytes | str, content_type: str | None) -> tuple[str, bytes | None]:
    """The text of ``body`` and, when ``body`` already is its UTF-8 encoding, ``body`` too.

    Handing lxml the original bytes of a clean UTF-8 page spares a strict re-decode and a
    re-encode (about 0.2 ms a page).
    """
    if isinstance(body, str):
        return body, None
    encoding, text = html_to_unicode(content_type, body)
    if encoding in _SINGLE_BYTE_FALLBACKS and not _header_charset(content_type):
        # A page re-served without its HTTP header often keeps a stale latin-1 <meta> while its
        # bytes are UTF-8; valid multi-byte UTF-8 is almost never genuine latin-1 text.
        try:
            utf8 = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            return text, None
        if not utf8.isascii():
            return utf8, None
    if encoding in _UTF8_NAMES and "\ufffd" not in text:
        # decoded without a single replacement: the bytes are valid UTF-8 (a BOM was dropped)
        return text, None if read_bom(body)[0] else body
    return _redecoded(body, encoding) or text, None


def _redecoded(body: bytes, encoding: str) -> str | None:
    """When the chosen charset cannot decode the bytes, the text of the first one that can.

    A header or ``<meta>`` saying UTF-8 over cp1252 or Shift_JIS bytes, or a page declaring
    nothing that is not UTF-8: the page's own ``<meta>`` charset, then UTF-8, then
    charset_normalizer's guess, then cp1252 (the web's default single-byte charset). None when
    the chosen charset was right.
    """
    if read_bom(body)[0] or _strictly(body, encoding) is not None:
        return None
    if encoding == "utf-8" and _mostly_utf8(body):
        return None  # a UTF-8 page with a few stray bytes: browsers show it as UTF-8 too
    for candidate in (html_body_declared_encoding(body), "utf-8", _detected(body), "cp1252"):
        resolved = resolve_encoding(candidate) if candidate else None
        if resolved and resolved != encoding and (text := _strictly(body, resolved)) is not None:
            return text
    return None


def _mostly_utf8(body: bytes) -> bool:
    """At least four valid multi-byte UTF-8 characters for each invalid byte sequence."""
    text = body.decode("utf-8", "replace")
    invalid = text.count("\ufffd")
    valid = sum(1 for char in text if ord(char) > 127) - invalid
    return valid >= _MIN_VALID_PER_INVALID * invalid


def _detected(body: bytes) -> str | None:
    """charset_normalizer's best guess; only reached for pages no declared charset decodes."""
    best = charset_normalizer.from_bytes(body[:_DETECT_BYTES]).best()
    if best is None:
        return None
    # Short Latin text fools detectors among the Latin single-byte charsets (cp1250 vs cp1252):
    # there the web's default wins; a script they tell apart (Shift_JIS, GB2312, cp1251) stays.
    return "cp1252" if best.encoding in _LATIN_SINGLE_BYTE else best.encoding


def _strictly(body: bytes, encoding: str) -> str | None:
    """``body`` decoded without a single replacement, or None."""
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _header_charset(content_type: str | None) -> bool:
    return bool(content_type and "charset=" in content_type.lower())


def parse_document(body: bytes | str, url: str, content_type: str | None = None) -> Document:
    """Parse ``body`` into a :class:`Document`; raises :class:`PageParseError` on bad input."""
    # isspace(): the same test as an empty strip() (same whitespace set, for bytes and str)
    # without copying the page, and it stops at the first other character
    if not body or body.isspace():
        raise PageParseError("empty_page", "the page body is empty")
    if len(body) > MAX_HTML_BYTES:
        raise PageParseError("too_large", f"the page is larger than {MAX_HTML_BYTES} bytes")
    text, utf8 = _decode(body, content_type)
    if not text or text.isspace():  # e.g. a byte-order mark and nothing else
        raise PageParseError("empty_page", "the page body is empty")
    if "\x00" in text[:4096]:
        raise PageParseError("not_html", "the body looks like binary data, not HTML")
    try:
        tree = html.document_fromstring(utf8 or text.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise PageParseError("parse_error", f"lxml could not parse the page: {exc}") from exc
    if tree is None or not len(tree):
        raise PageParseError("parse_error", "the page has no HTML elements")
    return Document(
        url=url,
        tree=tree,
        meta=_read_meta(tree),
        json_ld=_read_json_ld(tree),
        links=_read_links(tree),
        lang=(tree.get("lang") or tree.get("xml:lang") or "").strip() or None,
        title_tag=_title_tag(tree),
    )


def _title_tag(tree: html.HtmlElement) -> str | None:
    """The ``<title>`` in the head, else the first anywhere; the parser puts the one ``<head>``
    under the root, so a path lookup replaces a walk of the whole tree."""
    return _text_of(tree.find("head/title")) or _text_of(next(iter(_ANY_TITLE(tree)), None))


def _text_of(node: html.HtmlElement | None) -> str | None:
    if node is None:
        return None
    text = " ".join(node.text_content().split())
    return text or None


def _read_meta(tree: html.HtmlElement) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        content = node.get("content")
        if key and content is not None:
            meta.setdefault(key.strip().lower(), []).append(content)
    return meta


def _read_links(tree: html.HtmlElement) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for node in tree.iter("link"):
        href = node.get("href")
        for rel in (node.get("rel") or "").lower().split():
            if href:
                links.setdefault(rel, []).append(href.strip())
    return links


def _read_json_ld(tree: html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, with ``@graph`` containers flattened.

    Hand-written rather than extruct's JsonLdExtractor: that one re-serialises the tree; the
    script text is all we need, and broken JSON-LD must be skipped, not fatal.
    """
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").translate(_LD_TYPE_CASE):
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        _flatten(data, objects)
    return objects


def _flatten(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        if "@graph" in data:
            _flatten(data["@graph"], out)
        if "@type" in data:
            out.append(data)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
