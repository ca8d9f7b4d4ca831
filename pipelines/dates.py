"""Publication and modification dates, ISO 8601.

The published date, strongest signal first:

1. Structured data: JSON-LD ``datePublished`` of the article, ``article:published_time`` and
   friends, ``itemprop=datePublished``/``<time pubdate>``, normalised with the zone the page
   gives (the local form of a UTC instant when another signal gives it). When the dateline
   printed by the headline names another day, the structured date (published, weak meta or
   dateModified) that is the dateline's instant wins, in the printed zone: "2022-05-04T00:44Z"
   under "03/05/2022 21:44" is 21:44 at -03:00, and a page that prints its last change as its
   date states that date.
2. The dateline: a date in a short text next to the headline (the first real ``h1``, else an
   ``h2`` the ``<title>`` repeats), not in links, sentences, teaser lists or update labels.
3. The first ``<time datetime>`` outside links; then weak meta (``date``, ``dc.date``,
   ``dcterms.date``: some date of the page); then a structured modified date.
4. htmldate (markup search, its text search only when that finds nothing), last the URL.

On ../shared/bench, letting htmldate overrule a structured date scored lower on fundus-dev
(0.977 vs 0.992) for +0.005 on trafilatura-dev. No date is ever in the future.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from itertools import islice
from typing import NamedTuple

from dateutil import parser as dateutil_parser
from htmldate import find_date
from htmldate.extractors import get_external_parser
from lxml import etree

from pipelines.date_rules import (
    DATELINE_LEAD,
    MONTHS,
    PRINTED_DATES,
    PRINTED_TIME,
    UPDATE_LABEL,
)
from pipelines.document import Document
from pipelines.fields import Dates
from pipelines.metatext import article_objects, clean_text

_PUBLISHED_META = ("article:published_time", "og:published_time", "og:article:published_time",
                   "datepublished", "parsely-pub-date", "sailthru.date", "pubdate",
                   "publishdate", "publish-date", "publish_date", "dc.date.issued",
                   "dcterms.created", "citation_publication_date", "article.published",
                   "published_time", "cxenseparse:recs:publishtime")
# "some date of the page" (Dublin Core's date, a CMS's generation or last-change time): weaker
# than the date printed under the headline
_WEAK_META = ("dc.date", "dcterms.date", "date")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                  "dcterms.modified", "last-modified", "article.updated", "lastmod")
# the machine-readable stamp of the first <time> outside links (teasers link to other pages)
_TIME_STAMPS = etree.XPath("(//body//time[@datetime][not(ancestor::a)])[1]/@datetime")
_DAY_FIRST = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}")
_ZONE_NAME = re.compile(r"\b(?!UTC\b|GMT\b)[A-Z]{3,5}\b(?!\s*[-+]?\d{1,2}\b(?!:))")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
# "/2009/12/23/": a full date as path segments (blog permalinks)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")
# the headline, and the short texts printed just after and before it (kicker, dateline, byline)
_MAX_H1, _MAX_H2 = 4, 6  # without a usable h1, an h2 whose text the <title> repeats
_XML_SPACE = " \t\r\n"  # what XPath's normalize-space() strips
# h1s that are not the headline: the site logo, screen-reader-only page labels
_NOT_HEADLINE_CLASS = re.compile(r"logo|aural|sr-only|visually-hidden|screen-reader|offscreen",
                                 re.I)
_HIDDEN_TEXT_PARENTS = frozenset({"script", "style", "title"})
_NEAR_AFTER = 25
_NEAR_BEFORE = 8
_MAX_NEAR_CHARS = 80
_MIN_HEADLINE_CHARS = 12
# a second, different date this close to the first in a look-alike element: a teaser list
_TEASER_SPAN = 10
_CENTURY = 100
# hAtom's "updated" and the like: the date of the last change, not of publication
# (WordPress themes mark the post date "entry-date updated": that one is the publication)
_MODIFIED_CLASS = re.compile(
    r"^(?!.*\b(?:published|entry-date)\b).*\b(?:updated|modified|date-?modified)\b", re.I
)
_MAX_WORDS_AROUND_DATE = 4  # "Written:", "Mittwoch, … - 14:30", "…, Jane Doe"; not a sentence
_NOT_DATE_TEXT = frozenset({"script", "style", "noscript", "template", "a", "option"})
_WORD = re.compile(r"[^\W\d_]{2,}")
_EARLIEST = datetime(1995, 1, 1)
_FUTURE_SLACK = timedelta(days=1)
_SAME_INSTANT = timedelta(minutes=2)
# the span of the world's zone offsets, and their step
_WESTMOST, _EASTMOST = timedelta(hours=-12), timedelta(hours=14)
_ZONE_STEP = timedelta(minutes=15)
# dateutil fills what the text lacks from this default: year 1 means the text named no date
_NO_DATE = datetime(1, 1, 1)


def choose_dates(doc: Document, now: datetime | None = None) -> Dates:
    """Published and modified dates of ``doc``; see the module docstring for the rules."""
    now = now or datetime.now(UTC)
    published, signal = _published(doc, now)
    modified_sig = _first_valid(_modified_signals(doc), now)
    modified = modified_sig[0] if modified_sig else None
    if not published and modified:  # the page's only own date: its last change
        published, signal = modified, "modified"
    if not published:
        published, signal = _htmldate(doc, now), "htmldate"
    if not published:
        published, signal = _url_date(doc.url, now), "url"
    if not published:
        signal = None
    if published and modified and modified[:10] < published[:10]:
        modified = None
    if modified == published:
        modified = None
    return Dates(published, modified, signal)


class Printed(NamedTuple):
    """A date printed on the page, with the time of day printed next to it if any."""

    day: date
    clock: time | None = None


def _published(doc: Document, now: datetime) -> tuple[str | None, str | None]:
    """The published date from the page's own signals, strongest first (htmldate not asked).

    A strong structured date wins, in the form the dateline prints when the two are the same
    instant; next the dateline under the headline, the first ``<time>`` stamp, weak meta dates.
    """
    signals = _published_signals(doc)
    weak = [(value, "meta") for key in _WEAK_META
            for value in doc.meta.get(key, ())[:1]]
    printed = _headline_date(doc, now)
    structured = _first_valid(signals, now)
    if structured:
        chosen = _local_form(structured, signals + weak, now)
        if printed and chosen[0][:10] != printed.day.isoformat():
            # the dateline may print the last change as the article's date: that is the date
            # the page states, dateModified gives its time and zone
            changed = [(raw, "modified") for raw, _ in _modified_signals(doc)]
            return _agreeing_form(signals + weak + changed, printed, now) or chosen
        return chosen
    if printed:
        return printed.day.isoformat(), "printed"
    stamped = _first_valid([(raw, "time") for raw in _TIME_STAMPS(doc.tree)], now)
    if stamped:
        return stamped
    weak_date = _first_valid(weak, now)
    return _local_form(weak_date, weak, now) if weak_date else (None, None)


def _agreeing_form(signals: list[tuple[str, str]], printed: Printed,
                   now: datetime) -> tuple[str, str] | None:
    """The first structured date that is the printed dateline's instant, as printed.

    "2022-05-04T00:44Z" in JSON-LD under a dateline "03/05/2022 21:44" is one moment seen in
    two zones; the reader (and the calendar date) sees the printed one.
    """
    for raw, signal in signals:
        value = normalise_date(raw, now)
        form = _printed_form(value, printed) if value else None
        if form:
            return form, signal
    return None


def _printed_form(value: str, printed: Printed) -> str | None:
    """``value`` (normalised ISO) in the zone of ``printed`` if both can be one instant, else None.

    With a printed time, the two must differ by whole quarter hours within the span of real
    zone offsets; with a date alone, ``value`` must be a UTC time whose instant falls on the
    printed day somewhere on earth.
    """
    if value[:10] == printed.day.isoformat():
        return value
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) <= 10:  # a date without a time names no instant
        return None
    offset = parsed.utcoffset()
    base = parsed.replace(tzinfo=None, second=0) - (offset or timedelta(0))
    if printed.clock is None:
        if offset != timedelta(0):
            return None
        earliest, latest = (base + _WESTMOST).date(), (base + _EASTMOST).date()
        return printed.day.isoformat() if earliest <= printed.day <= latest else None
    local = datetime.combine(printed.day, printed.clock)
    shift = local - base
    if not _WESTMOST <= shift <= _EASTMOST or shift % _ZONE_STEP:
        return None
    if offset is None:  # a time without a zone: keep it zone-less
        return local.isoformat(timespec="seconds")
    return local.replace(tzinfo=timezone(shift)).isoformat(timespec="seconds")


def _published_signals(doc: Document) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for obj in article_objects(doc.json_ld):
        for field in ("datePublished", "dateCreated", "uploadDate"):
            value = obj.get(field)
            if isinstance(value, str) and value.strip():
                found.append((value, "json-ld"))
                break
        if found:
            break
    for key in _PUBLISHED_META:
        for value in doc.meta.get(key, ())[:1]:  # more: itemprop teasers
            found.append((value, "meta"))
    for node in _itemprop_published(doc)[:2]:
        found.append((node.get("datetime") or node.get("content") or node.text_content(), "time"))
    return found


def _itemprop_published(doc: Document) -> list[etree._Element]:
    """Elements with itemprop datePublished (not ``<meta>``) and ``<time pubdate>``, page order."""
    return [node for node in doc.marked if node.get("itemprop") == "datePublished"
            or (node.tag == "time" and node.get("pubdate") is not None)]


def _modified_signals(doc: Document) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for obj in article_objects(doc.json_ld):
        value = obj.get("dateModified")
        if isinstance(value, str) and value.strip():
            found.append((value, "json-ld"))
            break
    for key in _MODIFIED_META:
        for value in doc.meta.get(key, ())[:1]:  # more: itemprop teasers
            found.append((value, "meta"))
    for node in doc.itemprop("dateModified")[:1]:
        found.append((node.get("datetime") or node.get("content") or node.text_content(), "time"))
    return found


def _first_valid(signals: list[tuple[str, str]], now: datetime) -> tuple[str, str] | None:
    for raw, signal in signals:
        value = normalise_date(raw, now)
        if value:
            return value, signal
    return None


def _local_form(chosen: tuple[str, str], signals: list[tuple[str, str]],
                now: datetime) -> tuple[str, str]:
    """The same instant as ``chosen`` (a UTC time) from a signal that gives the local offset.

    "2019-10-18T22:04Z" in JSON-LD and "Sat, 19 Oct 2019 00:04 +0200" in a meta tag are one
    moment, but readers (and the calendar date) see the local one.
    """
    instant = _aware(chosen[0])
    if instant is None or instant.utcoffset() != timedelta(0):
        return chosen
    for raw, signal in signals:
        value = normalise_date(raw, now)
        other = _aware(value) if value else None
        if (value and other is not None and other.utcoffset() != timedelta(0)
                and abs(other - instant) <= _SAME_INSTANT):
            return value, signal
    return chosen


def _aware(value: str) -> datetime | None:
    """A normalised ISO value as a zone-aware datetime, or None (dates, local times)."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def normalise_date(raw: str, now: datetime | None = None) -> str | None:
    """``raw`` as ISO 8601 (date-time with its zone if given, else a date); None if implausible."""
    text = clean_text(raw)
    if not text or len(text) > 64:
        return None
    now = now or datetime.now(UTC)
    parsed = _parse(text)
    if parsed is None:
        return None
    naive = parsed.replace(tzinfo=None)
    if naive < _EARLIEST or naive > now.replace(tzinfo=None) + _FUTURE_SLACK:
        return None
    if not _HAS_TIME.search(text):
        return naive.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    # zone names dateutil does not know ("CET") would only warn: keep the local time instead
    text = _ZONE_NAME.sub(" ", text)
    try:
        parsed = dateutil_parser.parse(text, dayfirst=bool(_DAY_FIRST.match(text)), fuzzy=False,
                                       default=_NO_DATE)
    except (ValueError, OverflowError, TypeError):
        return None
    return None if parsed.year == _NO_DATE.year else parsed  # "2:33 PM" is no date


def _url_date(url: str, now: datetime) -> str | None:
    """The date spelled as ``/YYYY/MM/DD/`` path segments of the URL, if valid and not future."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        found = date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return found.isoformat() if _EARLIEST.date() <= found <= now.date() else None


def _headline_date(doc: Document, now: datetime) -> Printed | None:
    """The date printed in a short text just after (else just before) the headline ``h1``.

    Dates in links and in sentences are other pages' and events' dates; dates repeated in
    look-alike (same tag and class) elements with different values are a list of teasers, not
    the article's date.
    """
    head = _headline(doc)
    if head is None:
        return None
    after = list(islice(_texts_after(head), _NEAR_AFTER))
    before = list(islice(_texts_before(head), _NEAR_BEFORE))  # nearest first
    near = after[:_NEAR_BEFORE] + before + after[_NEAR_BEFORE:]
    chosen: tuple[Printed, tuple[str, str], int] | None = None
    for index, (text, parent) in enumerate(near):
        if chosen and index > chosen[2] + _TEASER_SPAN:
            break
        if parent.tag in _NOT_DATE_TEXT or _MODIFIED_CLASS.search(parent.get("class", "")):
            continue
        found = _dateline(text, now.date())
        if not found or not _EARLIEST.date() <= found.day <= now.date():
            continue
        shape = (parent.tag, parent.get("class", ""))
        if chosen is None:
            chosen = (found, shape, index)
        elif shape[1] and shape == chosen[1] and found.day != chosen[0].day:
            return None
    return chosen[0] if chosen else None


# A text node of the page and the element lxml gives as its parent: the element whose ``text``
# or whose ``tail`` it is.
_Text = tuple[str, etree._Element]


def _texts_after(head: etree._Element) -> Iterator[_Text]:
    """The visible texts after ``head`` (not inside it) in page order, read lazily.

    XPath's ``following::text()`` with the visible-text filter, without its walk over the
    whole rest of the page.
    """
    node: etree._Element | None = head
    while node is not None:
        parent = node.getparent()
        if _visible(node.tail, parent):
            yield node.tail, node
        for sibling in node.itersiblings():
            yield from _texts_within(sibling)
        node = parent


def _texts_before(head: etree._Element) -> Iterator[_Text]:
    """The visible texts before ``head`` (not its ancestors' tails), nearest first, lazily."""
    node: etree._Element | None = head
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from _texts_within_backwards(sibling)
        parent = node.getparent()
        if parent is not None and _visible(parent.text, parent):
            yield parent.text, parent
        node = parent


def _texts_within(node: etree._Element) -> Iterator[_Text]:
    """The visible texts inside ``node`` in page order, its tail last."""
    for event, element in etree.iterwalk(node, events=("start", "end")):
        if event == "start":
            if isinstance(element.tag, str) and _visible(element.text, element):
                yield element.text, element
        elif _visible(element.tail, element.getparent()):
            yield element.tail, element


def _texts_within_backwards(node: etree._Element) -> Iterator[_Text]:
    """The visible texts inside ``node`` in reverse page order, its tail first."""
    if _visible(node.tail, node.getparent()):
        yield node.tail, node
    for child in reversed(node):
        yield from _texts_within_backwards(child)
    if isinstance(node.tag, str) and _visible(node.text, node):
        yield node.text, node


def _visible(text: str | None, parent: etree._Element | None) -> bool:
    """A text with more than XML whitespace, outside script, style and title."""
    return bool(text and text.strip(_XML_SPACE)) and (
        parent is None or parent.tag not in _HIDDEN_TEXT_PARENTS)


def _dateline(text: str, today: date) -> Printed | None:
    """The date of a short dateline text, or of the dateline that opens a paragraph.

    A date labelled as an update ("Updated Mar 12, 2020") is the last change, not the
    publication. ``today`` places two-digit years.
    """
    text = text.strip()
    if len(text) > _MAX_NEAR_CHARS:
        lead = DATELINE_LEAD.match(text)
        if not lead:
            return None
        text = lead[1]
    match = _first_date(text)
    if match is None or UPDATE_LABEL.search(text, 0, match.start()):
        return None
    return read_printed(text, _MAX_WORDS_AROUND_DATE, match, today)


def _headline(doc: Document) -> etree._Element | None:
    """The headline element: the first real ``h1``, else an ``h2`` the ``<title>`` repeats."""
    for h1 in _body_headings(doc, "h1", _MAX_H1):
        if not _NOT_HEADLINE_CLASS.search(h1.get("class", "")):
            return h1
    title = clean_text(doc.title_tag or "").casefold()
    for h2 in _body_headings(doc, "h2", _MAX_H2) if title else ():
        text = clean_text(h2.text_content()).casefold()
        if len(text) >= _MIN_HEADLINE_CHARS and text in title:
            return h2
    return None


def _body_headings(doc: Document, tag: str, limit: int) -> Iterator[etree._Element]:
    """The first ``limit`` ``tag`` elements of ``<body>`` with text, found lazily.

    A C-level walk that stops at the first usable one, where an XPath would read all of them.
    """
    body = doc.tree.find("body")
    if body is None:
        return iter(())
    with_text = (node for node in body.iter(tag) if node.text_content().strip(_XML_SPACE))
    return islice(with_text, limit)


def printed_date(text: str, max_words: int | None = None,
                 today: date | None = None) -> date | None:
    """The first calendar date written in ``text`` ("26.01.2022", "1. Februar 2022"), if any.

    With ``max_words``, a text with more words than that besides the date is a sentence: None.
    """
    found = read_printed(text, max_words, today=today)
    return found.day if found else None


def read_printed(text: str, max_words: int | None = None, match: re.Match[str] | None = None,
                 today: date | None = None) -> Printed | None:
    """The first date written in ``text`` and the time of day written after it, if any.

    ``match`` is that date's match when the caller has found it already. A two-digit year is
    of this century up to the year of ``today`` (default: the clock's), else of the last.
    """
    match = match or _first_date(text)
    if match is None:
        return None
    if max_words is not None:
        rest = text[:match.start()] + " " + text[match.end():]
        if len(_WORD.findall(rest)) > max_words:
            return None
    parts = match.groupdict()
    month = parts.get("nmonth") or MONTHS.get(parts["month"].casefold().rstrip("."))
    year = int(parts["year"])
    if year < _CENTURY:  # "28.09.19"
        this_year = (today or date.today()).year
        year += _CENTURY * (20 if year <= this_year % _CENTURY else 19)
    try:
        day = date(year, int(month or 0), int(parts["day"]))
    except ValueError:
        return None
    return Printed(day, _printed_clock(text[match.end():]))


def _first_date(text: str) -> re.Match[str] | None:
    """The leftmost match of any printed date pattern in ``text``."""
    matches = [m for m in (p.search(text) for p in PRINTED_DATES) if m]
    return min(matches, key=lambda m: m.start()) if matches else None


def _printed_clock(text: str) -> time | None:
    """The time of day written in ``text`` ("21:44", "15.00 Uhr", "2:00 a. m."), if any."""
    match = PRINTED_TIME.search(text)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    half = (match["half"] or "").replace(".", "").replace(" ", "").lower()
    if half and not 1 <= hour <= 12:
        return None
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _htmldate(doc: Document, now: datetime) -> str | None:
    """htmldate's date: its markup search first, its text search only when that finds none.

    With ``original_date``, the text search picks the oldest date anywhere on the page (an old
    teaser's) even where the markup names the article's own.
    """
    for extensive in (False, True):
        found = _find_date(doc, now, extensive)
        if found:
            return found
    return None


def _find_date(doc: Document, now: datetime, extensive: bool) -> str | None:
    max_date = (now + _FUTURE_SLACK).date().isoformat()
    try:
        found = find_date(doc.tree, url=doc.url, original_date=True, extensive_search=extensive,
                          max_date=max_date, min_date="1995-01-01")
    except (ValueError, TypeError):  # htmldate rejects some odd trees; the page has no date then
        return None
    if not found:
        return None
    return found if date.fromisoformat(found[:10]) <= now.date() + _FUTURE_SLACK else None


def warm_up_date_parser() -> None:
    """Pay dateparser's one-time locale loading (about 1.5 s) now rather than on some page.

    htmldate hands strings it cannot read itself to dateparser, which loads every locale the
    first time a string matches none; a string no locale reads triggers that load.
    """
    get_external_parser().get_date_data("n2 2001 - 2020 n2")
