"""The headline, without the site name glued to it.

Every signal (h1, og:title, JSON-LD headline, twitter:title, the title tag) offers its text and
the variants left after cutting site or section names off at separators ("Headline | Site",
"Site – Headline"). The headline is the variant most signals agree on; ties go to the stronger
signal, and the printed form comes from the first signal (in ``_PRINT_RANK``) that has it, or
from the h1 where that sets the same words with typographic marks. The visible h1 replaces
agreed metadata where it tells the same story as that text or as another metadata field, and
where it heads the <article>.
A "Kicker: " topic line goes where the page itself drops it (og:title, an h1 under another
kicker); an h1 offers its text both with and without the kicker line or screen-reader extras
it prints, so either form can meet the metadata (only without a kicker set in a block of its
own: that is a line above the headline). An h1 in a breadcrumb trail (often an SEO copy)
gives way to the h2 the article prints after it where a metadata field gives that heading;
a page without h1 offers the first h2 in its <article> instead.
Site names come from the page's site-name fields, the host and a logo h1 linking home; a name
glued to the headline without a separator ("HeadlineSite Name") is offered cut off too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from lxml import etree

from pipelines.document import Document
from pipelines.fields import Choice
from pipelines.metatext import (
    SEGMENT_SEPARATORS,
    article_objects,
    clean_text,
    glued_key,
    host_labels,
    key,
    strip_dangling,
    text_of,
)
from pipelines.source import site_name_candidates

_LINKS = etree.XPath(".//a[@href]")
# never printed as heading text: code, and ruby readings (furigana) above the characters
_NOT_TEXT_TAGS = frozenset({"style", "script", "noscript", "template", "rt", "rp"})
# inline emphasis at the start of a heading is part of it, not a kicker line
_INLINE_MARKUP = frozenset({"a", "b", "strong", "em", "i", "q", "abbr", "mark", "sup", "sub"})
_WS = re.compile(r"\s+")
_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.php", "/home", "/de/", "/en/", "/fr/"})
# a kicker in one of these is a line of its own above the headline
_BLOCK_TAGS = frozenset({"div", "p", "header"})
_FOLLOWING_H2 = etree.XPath("following::h2[1]")
_CRUMB = "crumb"  # in a class or id: breadcrumb trails ("breadcrumb", "crumbs", "BreadCrumb")
_IN_ARTICLE = etree.XPath("boolean(ancestor::article)")
_ASIDE_TAGS = frozenset({"aside", "nav", "footer"})  # an <article> in them is a teaser card
# children of an h1 that are not the headline: kickers, overlines, screen-reader separators
_H1_EXTRAS = etree.XPath(
    ".//*[contains(@class, 'kicker') or contains(@class, 'overline') or contains(@class, 'topline')"
    " or contains(@class, 'dachzeile') or contains(@class, 'eyebrow')"
    " or contains(@class, 'roofline') or contains(@class, 'toptitle')"
    " or contains(@class, 'offscreen') or contains(@class, 'show-for-sr')"
    " or contains(@class, 'sr-only') or contains(@class, 'visually-hidden')"
    " or contains(@class, 'visuallyhidden') or contains(@class, 'screen-reader')"
    " or contains(@class, 'separator')]"
)
_MAX_H1 = 4
_MAX_TITLE_CHARS = 400
_MIN_TITLE_CHARS = 3
_PRIORITY = ("h1", "og", "json-ld", "itemprop", "twitter", "meta", "title-tag")
_RANK = {signal: i for i, signal in enumerate(_PRIORITY)}
# the printed form (quotes, case) is taken from metadata first: it is typed, not styled
_PRINT_RANK = {s: i for i, s in enumerate(("og", "json-ld", "twitter", "meta", "h1", "itemprop",
                                           "title-tag"))}
# typographic marks that metadata fields often carry as their ASCII stand-ins
_ASCII_STAND_INS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"',
                                  "\u201d": '"', "\u201e": '"', "\u2013": "-", "\u2014": "-",
                                  "\u2026": "..."})
_SHORT_AFFIX_WORDS = 4
_MIN_GLUED_NAME = 8  # shorter names glued to a headline's end may be its own last word
_CRUMB_WORDS = 2  # "Headline | Section | Forum": each crumb after the headline
_MIN_H1_WORDS = 2
_PRINTED = frozenset({"h1", "itemprop"})  # signals read off printed elements, not metadata fields
_MIN_ARTICLE_H1_WORDS = 3  # shorter h1s in an article are mostly section labels ("O Opinion")
_SENTENCE_END = re.compile(r"[.!?]$")
_MIN_CONTENT_WORD = 4  # letters; shorter words are mostly articles and prepositions
_HANGUL_START = "\u1100"  # Hangul Jamo; the CJK blocks come after it
_MIN_SHARED = 0.15  # of the shorter side's words; a long printed h1 may reword most of them
# "Kicker: Headline": a short topic line glued in front of the headline with a colon
_KICKER = re.compile(r"^([^:]{2,60}):\s+(\S.*)$")
_MAX_KICKER_WORDS = 5
_MAX_KICKER_LINE_WORDS = 8  # a line printed apart from the headline may run longer
# "Headline-정치ㅣ한국일보": a section glued to the headline with a hyphen before a glued site-name
# separator; only in scripts that never hyphenate words (Hangul, kana, CJK ideographs)
_GLUED_SECTION = re.compile(r"(?<=\S)-[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,4}$")


@dataclass(frozen=True, slots=True)
class _Variant:
    text: str
    signal: str
    full: bool  # the signal's whole text, not a part cut at a separator


@dataclass(frozen=True, slots=True)
class _Heading:
    """A headline-like h1: its printed text, and the text without kicker lines and hidden extras."""

    text: str
    bare: str | None
    apart: bool = False  # a kicker in a block of its own (div, p): a line above the headline
    article: _Heading | None = None  # the next h2, where this h1 sits in a breadcrumb trail
    in_article: bool = False  # inside the page's <article> element


def choose_title(doc: Document, site_names: list[tuple[str, str]] | None = None) -> Choice:
    """The title most signals agree on, site-name affixes cut off; see the module docstring.

    ``site_names`` (:func:`site_name_candidates`) is computed here when not passed.
    """
    names = _site_names(doc, site_name_candidates(doc) if site_names is None else site_names)
    headings, logos = _headings(doc)
    names |= {glued_key(logo) for logo in logos} - {""}
    headings = [h for h in headings if not _is_site_name(h.text, names)]
    # a site name is never the headline: logo h1s, "Site" parts of "Headline | Site"
    found = list(_candidates(doc, headings))
    printed: set[str] = set()
    if any(h.article for h in headings):
        headings, printed = _printed_headings(headings, found, names)
        found = list(_candidates(doc, headings))
    candidates = [(t, s) for t, s in found if not _is_site_name(t, names)] or found
    if not candidates:
        return Choice()
    variants = [v for text, signal in candidates for v in _variants(text, signal, names)
                if v.full or not _is_site_name(v.text, names)]
    variants += _kicker_rests(variants)
    support: dict[str, set[str]] = {}
    full: dict[str, int] = {}
    for variant in variants:
        k = key(variant.text)
        if k:
            support.setdefault(k, set()).add(variant.signal)
            full[k] = full.get(k, 0) + variant.full
    best_key = _voted_key(support, full, headings, printed)
    if len(support[best_key]) == 1:
        return _single_signal(candidates, names)
    if "h1" not in support[best_key]:
        others = (key(strip_site_names(text, names)) for text, signal in candidates
                  if signal not in support[best_key] and signal not in _PRINTED)
        h1 = _printed_h1(headings, best_key, others)
        if h1:
            return Choice(h1, "h1")
    best = min((v for v in variants if key(v.text) == best_key),
               key=lambda v: (not v.full, _PRINT_RANK[v.signal]))
    best = _typeset_form(best, variants)
    bare = _without_kicker(best.text, candidates)
    if bare:
        return Choice(strip_dangling(bare[0]), bare[1])
    return Choice(strip_site_names(best.text, names, short_tail=False), best.signal)


def _voted_key(support: dict[str, set[str]], full: dict[str, int], headings: list[_Heading],
               printed: set[str]) -> str:
    """The key most signals support (then: a whole text, the stronger signal, the longer key).

    A tie between an h1 with and without its kicker line goes to the bare headline: metadata
    that sets the kicker off as a segment ("Topic - Headline") treats it as a section name.
    An article heading that metadata gives (see :func:`_printed_headings`) outvotes the fields
    copying a breadcrumb h1.
    """
    bare_keys = {key(h.bare) for h in headings if h.bare and not _colon_kicker(h)}
    if printed & support.keys():
        return max(printed & support.keys(), key=lambda k: (k in bare_keys, len(k)))
    return max(support, key=lambda k: (
        len(support[k]) > 1, full[k] > 0, len(support[k]), -min(_RANK[s] for s in support[k]),
        k in bare_keys, len(k),
    ))


def _printed_headings(headings: list[_Heading], found: list[tuple[str, str]],
                      names: set[str]) -> tuple[list[_Heading], set[str]]:
    """Breadcrumb h1s replaced by the article's own heading after them where metadata gives it.

    An h1 in the breadcrumb trail is often an SEO copy of the headline; the heading the article
    prints below it (an h2) is the headline readers see when og:title or another field has it
    (an itemprop on the h2 itself does not count). Also returns the keys metadata gives.
    """
    meta = {key(v.text) for text, signal in found if signal not in _PRINTED
            for v in _variants(text, signal, names)} - {""}
    out, printed = [], set()
    for heading in headings:
        article = heading.article
        shared = {key(article.text), key(article.bare)} & meta if article else set()
        out.append(article if article and shared else heading)
        printed |= shared
    return out, printed


def _colon_kicker(heading: _Heading) -> bool:
    """The h1 prints its kicker line with a colon ("Topic: Headline"): one headline."""
    match = _KICKER.match(heading.text)
    return match is not None and key(match.group(2)) == key(heading.bare)


def _typeset_form(best: _Variant, variants: list[_Variant]) -> _Variant:
    """The printed h1 where it sets ``best`` with typographic marks (’ „“ – …) for ASCII ones."""
    if not best.text.isascii() and best.text.translate(_ASCII_STAND_INS) != best.text:
        return best
    for variant in variants:
        if (variant.signal == "h1" and variant.full and variant.text != best.text
                and variant.text.translate(_ASCII_STAND_INS) == best.text):
            return variant
    return best


def _without_kicker(text: str, candidates: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The headline without its "Kicker: " where the page drops the kicker itself.

    That is og:title giving exactly the rest, or an h1 printing the rest under another kicker
    (the kicker is then a topic line, not part of the headline). A headline the h1 prints with
    this very kicker keeps it: readers see it as one line.
    """
    match = _KICKER.match(text)
    if not match or len(match.group(1).split()) > _MAX_KICKER_WORDS:
        return None
    rest, whole = key(match.group(2)), key(text)
    h1_keeps_it = any(s == "h1" and key(t) == whole for t, s in candidates)
    for candidate, signal in candidates:
        if key(strip_dangling(candidate)) == rest and (
                signal == "og" or (signal == "h1" and not h1_keeps_it)):
            return candidate, signal
    return None


def _candidates(doc: Document, headings: list[_Heading]) -> Iterable[tuple[str, str]]:
    for obj in article_objects(doc.json_ld):
        headline = _meta_text(obj.get("headline")) or _meta_text(obj.get("name"))
        if headline:
            yield headline, "json-ld"
            break
    for meta_key, signal in (("og:title", "og"), ("twitter:title", "twitter"),
                             ("dc.title", "meta"), ("parsely-title", "meta")):
        value = _meta_text(doc.meta_first(meta_key))
        if value:
            yield value, signal
    for heading in headings:
        if not heading.apart:
            yield heading.text, "h1"
        if heading.bare:
            yield heading.bare, "h1"
    for node in doc.itemprop("headline")[:1]:
        yield text_of(node), "itemprop"
    if doc.title_tag:
        yield _meta_text(doc.title_tag), "title-tag"


def _meta_text(value: object) -> str:
    """A metadata headline cleaned, its soft hyphens kept: they are part of the printed title."""
    return clean_text(value, soft_hyphens=True)


def _is_logo(node: etree._Element, url: str) -> bool:
    """An h1 whose only content is a link to the site's home page: the logo, not a headline."""
    links = _LINKS(node)
    if len(links) != 1 or text_of(links[0]) != text_of(node):
        return False
    path = urlsplit(urljoin(url, links[0].get("href") or "")).path
    return path in _HOME_PATHS


def _headings(doc: Document) -> tuple[list[_Heading], list[str]]:
    """The page's first h1s that are not a logo, each read once, and the logos' texts.

    A logo h1 (only a link to the home page) prints the site's name, as "Headline | Site" does.
    """
    headings: list[_Heading] = []
    logos: list[str] = []
    articles: list[etree._Element] = []
    h1s = 0
    for node in doc.tree.iter("h1", "article"):  # a C-level walk that stops at the fourth h1
        if node.tag == "article":
            articles.append(node)
            continue
        h1s += 1
        if _is_logo(node, doc.url):
            logos.append(text_of(node))
        elif heading := _heading(node):
            headings.append(_placed(heading, node))
        if h1s == _MAX_H1:
            break
    return headings or _article_h2(articles), logos


def _article_h2(articles: list[etree._Element]) -> list[_Heading]:
    """The first h2 of the page's one <article>, standing in for the h1 the page does not have.

    Many blog and CMS templates set the post title as the article's first h2. A page of several
    <article>s (not counting those nested in one, such as comments) is a listing of teaser
    cards, each headed by its own story; so is an <article> in an aside, the navigation or a
    footer.
    """
    stories = [article for article in articles
               if not any(ancestor.tag in _ASIDE_TAGS or ancestor.tag == "article"
                          for ancestor in article.iterancestors())]
    if len(stories) != 1:
        return []
    for node in stories[0].iter("h2"):
        heading = _heading(node)
        if heading:  # an empty h2 (an icon, a spacer) is skipped
            return [heading]
    return []


def _placed(heading: _Heading, node: etree._Element) -> _Heading:
    """``heading`` marked by where its h1 sits: in a breadcrumb trail or in the <article>.

    A breadcrumb h1 (under a nav or a "crumb" class below the body) gets the first h2 after
    it as its article heading, if that reads as one.
    """
    if _in_breadcrumb(node):
        return _with_article_heading(heading, node)
    return replace(heading, in_article=True) if _IN_ARTICLE(node) else heading


def _in_breadcrumb(node: etree._Element) -> bool:
    """The element sits in a nav or an element with "crumb" in its class or id (below the body)."""
    for ancestor in node.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False
        if ancestor.tag == "nav":
            return True
        for attribute in (ancestor.get("class"), ancestor.get("id")):
            if attribute and _CRUMB in attribute.lower():
                return True
    return False


def _with_article_heading(heading: _Heading, node: etree._Element) -> _Heading:
    """``heading`` with the first h2 after the h1 as its article heading, if it reads as one."""
    following = _FOLLOWING_H2(node)
    article = _heading(following[0]) if following else None
    if article is None or article.text == heading.text:
        return heading
    return replace(heading, article=article)


def _heading(node: etree._Element) -> _Heading | None:
    """The h1's text and (when it differs) the text without kickers and screen-reader extras.

    A kicker is marked by its class or printed as the h1's first short line with the headline
    after it (``<h1><span>Topic</span> Headline</h1>``). The tree is walked, not copied.
    """
    text = _text_skipping(node, frozenset())
    if not _MIN_TITLE_CHARS <= len(text) <= _MAX_TITLE_CHARS:
        return None
    extras = set(_H1_EXTRAS(node))
    kicker = _leading_line(node)
    if kicker is not None:
        extras.add(kicker)
    bare = _text_skipping(node, frozenset(extras)) if extras else ""
    if not bare or bare == text:
        return _Heading(text, None)
    return _Heading(text, bare, any(extra.tag in _BLOCK_TAGS for extra in extras))


def _leading_line(node: etree._Element) -> etree._Element | None:
    """The h1's first child when it is a short line of its own with more text after it."""
    while len(node) == 1 and not (node.text or "").strip() and not (node[0].tail or "").strip():
        node = node[0]  # a wrapper around the whole heading
    if (node.text or "").strip():
        return None
    first = next((child for child in node if _is_text_element(child)), None)
    if first is None or first.tag in _INLINE_MARKUP:
        return None
    if any((sibling.tail or "").strip() for sibling in first.itersiblings(preceding=True)):
        return None
    words = len(_text_skipping(first, frozenset()).split())
    if not 0 < words <= _MAX_KICKER_LINE_WORDS:
        return None
    after = (first.tail or "") + "".join(_text_skipping(sibling, frozenset()) + (sibling.tail or "")
                                         for sibling in first.itersiblings())
    return first if len(after.split()) >= _MIN_H1_WORDS else None


def _is_text_element(node: etree._Element) -> bool:
    return isinstance(node.tag, str) and node.tag not in _NOT_TEXT_TAGS


def _text_skipping(node: etree._Element, skip: frozenset[etree._Element]) -> str:
    """Whitespace-collapsed text of ``node`` without ``skip`` subtrees, scripts or ruby readings."""
    parts: list[str] = []
    _collect_text(node, skip, parts)
    return _WS.sub(" ", "".join(parts)).strip()


def _collect_text(node: etree._Element, skip: frozenset[etree._Element], parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for child in node:
        if _is_text_element(child) and child not in skip:
            if child.tag == "br":
                parts.append(" ")
            _collect_text(child, skip, parts)
        if child.tail:
            parts.append(child.tail)


def _variants(text: str, signal: str, names: set[str]) -> list[_Variant]:
    """A signal's text whole, and its parts around separators: the candidates it votes for."""
    text = strip_dangling(text)
    if not _MIN_TITLE_CHARS <= len(text) <= _MAX_TITLE_CHARS:
        return []
    out = [_Variant(text, signal, True)]
    cuts = list(SEGMENT_SEPARATORS.finditer(text))
    for i, cut in enumerate(cuts):
        head = _head_before(text, cut)
        if not text.endswith("?") or "?" in head:  # no site name ends a question: it runs on
            out.append(_Variant(head, signal, False))
        if i == 0:
            out.append(_Variant(_without_glued_name(head, names), signal, False))
        out.append(_Variant(text[cut.end():].strip(), signal, False))
        for later in cuts[i + 1:]:
            out.append(_Variant(text[cut.end(): later.start()].strip(), signal, False))
    if not cuts:
        out.append(_Variant(_without_glued_name(text, names), signal, False))
    return [v for v in out if v.text]


def _kicker_rests(variants: list[_Variant]) -> list[_Variant]:
    """The headline after "Kicker: " where signals glue different kickers to it.

    "Preview: Headline" and "Review: Headline" agree on "Headline"; a kicker that all signals
    share (or word alike, "Team Coach: " and "Coach: ") stays part of the headline.
    """
    kickers: dict[str, set[str]] = {}
    rests: list[_Variant] = []
    for variant in variants:
        match = _KICKER.match(variant.text) if ":" in variant.text else None
        if match and len(match.group(1).split()) <= _MAX_KICKER_WORDS:
            kickers.setdefault(key(match.group(2)), set()).add(key(match.group(1)))
            rests.append(_Variant(match.group(2), variant.signal, False))
    return [rest for rest in rests if _unrelated_pair(kickers[key(rest.text)])]


def _unrelated_pair(kickers: set[str]) -> bool:
    """Two of the kickers share no word: different topic lines, not one worded two ways."""
    words = [set(kicker.split()) for kicker in kickers]
    return any(not a & b for i, a in enumerate(words) for b in words[i + 1:])


def _without_glued_name(text: str, names: set[str]) -> str:
    """``text`` without a site name glued to its end with no space or separator between.

    Some templates print "HeadlineSite Name": the name's first letter follows the headline's
    last one directly. A name after a space is left alone: it may be the headline's own words.
    """
    glued = glued_key(text)
    for name in names:
        if len(name) < _MIN_GLUED_NAME or len(glued) <= len(name) or not glued.endswith(name):
            continue
        for start in range(len(text) - 1, 0, -1):
            if glued_key(text[start:]) == name:
                before = text[start - 1]
                return text[:start].strip() if before.isalnum() and text[start].isupper() else ""
    return ""


def _printed_h1(headings: list[_Heading], agreed: str, others: Iterable[str]) -> str | None:
    """The h1 that beats the agreed metadata, if one does.

    It tells the same story as the agreed text or as another metadata field (``others``, keys
    read only when needed: og:title may be a teaser while the title tag words the printed
    headline), or it heads the <article>.
    """
    return (_related_h1(headings, agreed) or _article_h1(headings, agreed)
            or next((h1 for other in others if (h1 := _related_h1(headings, other))), None))


def _related_h1(headings: list[_Heading], agreed: str) -> str | None:
    """The headline-like h1 that tells the same story as the agreed metadata, if one does.

    Metadata titles are often SEO or social rewrites of the printed headline; the h1 is what
    readers see, so it wins when it shares enough words with them (of several h1s, the one
    sharing most, by two words at least). An h1 with a kicker line wins only where the
    metadata holds its headline whole (and mostly): the metadata words the kicker otherwise.
    An h1 that only appends words to the metadata (a date, a section, a run-in) does not win.
    """
    agreed_words = set(agreed.split())
    min_shared = 1 if len(headings) == 1 else _MIN_H1_WORDS  # of several h1s, one word is chance
    best, best_share = None, _MIN_SHARED
    for heading in headings:
        if heading.bare:
            bare = key(heading.bare)
            if f" {bare} " in f" {agreed} " and 2 * len(bare.split()) >= len(agreed_words):
                return strip_dangling(heading.bare)
            continue
        if key(heading.text).startswith(agreed + " "):
            continue
        words = set(key(heading.text).split())
        shared = len(_content_words(words & agreed_words))
        if len(words) < _MIN_H1_WORDS or shared < min_shared:
            continue
        share = shared / min(len(words), len(agreed_words))
        if share > best_share or (best is None and share == best_share):
            best, best_share = heading.text, share
    return strip_dangling(best) if best else None


def _article_h1(headings: list[_Heading], agreed: str) -> str | None:
    """The first h1 where it heads the <article> with a headline of its own (three words or more).

    The metadata words the story differently (a social or SEO rewrite sharing few words or
    none), while the article prints its own headline. An h1 that only appends words to the
    metadata does not win (see :func:`_related_h1`).
    """
    first = headings[0] if headings else None
    if first is None or not first.in_article or first.bare:
        return None
    text = key(first.text)
    if len(text.split()) < _MIN_ARTICLE_H1_WORDS or text.startswith(agreed + " "):
        return None
    return strip_dangling(first.text)


def _content_words(words: set[str]) -> set[str]:
    """Words that can show two titles tell one story: short words ("the", "de", "à") cannot.

    Hangul and CJK words are short by nature, so they always count.
    """
    return {word for word in words
            if len(word) >= _MIN_CONTENT_WORD or word.isdigit() or max(word) >= _HANGUL_START}


def _single_signal(candidates: list[tuple[str, str]], names: set[str]) -> Choice:
    """No two signals agree: the strongest signal, with known site names cut off its ends."""
    text, signal = min(candidates, key=lambda c: _RANK[c[1]])
    return Choice(strip_site_names(text, names), signal)


def _site_names(doc: Document, site_names: list[tuple[str, str]]) -> set[str]:
    names = {glued_key(name) for name, _signal in site_names}
    label, host = host_labels(doc.url)
    names |= {glued_key(label), glued_key(host)}
    names.discard("")
    return names


def strip_site_names(title: str, names: set[str], *, short_tail: bool = True) -> str:
    """``title`` without leading/trailing segments that are a site name (by glued key)."""
    title = strip_dangling(title)
    changed = True
    while changed:
        changed = False
        cuts = list(SEGMENT_SEPARATORS.finditer(title))
        if not cuts:
            break
        head, tail = title[: cuts[0].start()], title[cuts[-1].end():]
        if _is_site_name(tail, names) or (short_tail and _is_short_tail(title, cuts)):
            title, changed = _head_before(title, cuts[-1]), True
        elif len(cuts) > 1 and _is_site_name(title[cuts[-2].end(): cuts[-1].start()], names):
            title, changed = _head_before(title, cuts[-2]), True  # "Headline | Site - Tagline"
        elif _is_site_name(head, names):
            title, changed = _without_leading_crumb(title[cuts[0].end():].strip(), cuts[0]), True
    return strip_dangling(title)


def _without_leading_crumb(rest: str, cut: re.Match[str]) -> str:
    """``rest`` (after "Site » ") without a section crumb set off by the same separator.

    "Site » Blog Archive » Headline": the crumb is short and the headline after it longer.
    """
    crumb = SEGMENT_SEPARATORS.search(rest)
    if crumb is None or crumb.group().strip() != cut.group().strip():
        return rest
    head, tail = rest[: crumb.start()], rest[crumb.end():]
    if len(head.split()) <= _CRUMB_WORDS and len(tail.split()) > _SHORT_AFFIX_WORDS:
        return tail.strip()
    return rest


def _is_short_tail(title: str, cuts: list[re.Match[str]]) -> bool:
    """A last segment short enough to be a site or section name after a longer headline.

    After one separator it may run to four words; after several ("Headline | Forum | Site")
    every segment after the headline must be a crumb of two words at most.
    """
    head = title[: cuts[0].start()]
    ends = [cut.start() for cut in cuts[1:]] + [len(title)]
    affixes = [title[cut.end(): end] for cut, end in zip(cuts, ends, strict=True)]
    limit = _SHORT_AFFIX_WORDS if len(cuts) == 1 else _CRUMB_WORDS
    return (len(head.split()) > _SHORT_AFFIX_WORDS
            and all(len(affix.split()) <= limit for affix in affixes)
            and _SENTENCE_END.search(affixes[-1]) is None)


def _head_before(text: str, cut: re.Match[str]) -> str:
    """The text before a separator, without a section glued to it when the separator is glued."""
    head = text[: cut.start()].strip()
    glued = cut.group() == cut.group().strip()
    return _GLUED_SECTION.sub("", head) if glued else head


def _is_site_name(part: str, names: set[str]) -> bool:
    glued = glued_key(part)
    return bool(glued) and any(
        glued == n or (len(n) >= 4 and n in glued and len(glued) < 2 * len(n)) for n in names
    )
