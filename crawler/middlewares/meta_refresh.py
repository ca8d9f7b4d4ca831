"""Scrapy's meta-refresh redirects, without decoding every page to look for one.

``MetaRefreshMiddleware`` reads ``response.text[:4096]``, which decodes the whole body (about
0.2 ms for an 85 KB page on the reactor thread) although almost no page declares a refresh.
Scrapy (w3lib) only follows a ``<meta>`` whose attributes spell ``refresh`` (in any case), so a
page whose first 4,096 characters lack that word has none. In an encoding that writes every
ASCII character as its own byte, that word would be those seven bytes: this subclass looks for
them in the leading bytes (lower-cased, a few microseconds) and hands only a page that may
declare a refresh, or one in another encoding (UTF-16, ISO-2022...), to w3lib's byte-level scan
and then to Scrapy's own code, which decides exactly as before.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Response
from w3lib.html import get_meta_refresh

# Scrapy looks at the first 4,096 characters; no encoding takes more than 4 bytes for one.
SCAN_CHARS = 4096
SCAN_BYTES = 4 * SCAN_CHARS
# A few characters more than Scrapy reads: a byte order mark or the like shifts its window.
_SLACK = 16
_REFRESH = b"refresh"
# Codecs (codecs.lookup names) that write each ASCII character as that one byte, and no other
# character as ASCII letters alone (multi-byte ones may put them in trail bytes: a harmless
# false hit). One byte per character in the first group, so 4,096 characters are 4,096 bytes.
_SINGLE_BYTE = ("ascii", "iso8859-", "cp125", "cp874", "koi8-", "tis-620")
_MULTI_BYTE = frozenset({"utf-8", "utf-8-sig", "gbk", "gb2312", "gb18030", "big5", "big5hkscs",
                         "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "cp950"})


def may_refresh(response: HtmlResponse, ignore_tags: list[str]) -> bool:
    """Whether the page may declare a refresh Scrapy follows (a superset test).

    ``refresh`` missing from the bytes that hold its first :data:`SCAN_CHARS` characters rules
    one out; otherwise (or in an encoding whose bytes cannot tell) w3lib's scan of the first
    :data:`SCAN_BYTES` bytes decides.
    """
    window = _ascii_window(response.body, response.encoding)
    if window is not None and _REFRESH not in window.lower():
        return False
    interval, _ = get_meta_refresh(response.body, "", response.encoding, ignore_tags,
                                   max_scan=SCAN_BYTES)
    return interval is not None


def _ascii_window(body: bytes, encoding: str) -> bytes | None:
    """The leading bytes that hold the first :data:`SCAN_CHARS` characters of ``body``, or None
    when ``encoding`` may write ASCII letters otherwise than as their own bytes."""
    kind = _codec_kind(encoding)
    if kind == "single":
        return body[:SCAN_CHARS + _SLACK]
    if kind == "multi":
        head = body[:SCAN_CHARS + _SLACK]
        # all ASCII: one byte per character; else up to 4 bytes each
        return head if head.isascii() else body[:SCAN_BYTES + _SLACK]
    return None


@lru_cache(maxsize=64)
def _codec_kind(encoding: str) -> str:
    """``single`` or ``multi`` (byte) for a codec that writes ASCII as itself, else ``other``."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return "other"
    if name.startswith(_SINGLE_BYTE):
        return "single"
    return "multi" if name in _MULTI_BYTE else "other"


class PrefixMetaRefreshMiddleware(MetaRefreshMiddleware):
    """``MetaRefreshMiddleware`` (same settings) that skips pages without a refresh cheaply."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        """Scrapy's handling for a page that may declare a refresh; the rest pass as they are."""
        if isinstance(response, HtmlResponse) and not may_refresh(response, self._ignore_tags):
            return response
        return super().process_response(request, response)
