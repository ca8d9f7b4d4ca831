"""The publisher's reader-facing name."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from lxml import etree

from pipelines.document import Document
from pipelines.fields import Choice
from pipelines.metatext import (
    article_objects,
    as_list,
    clean_text,
    glued_key,
    host_labels,
    key,
    segments,
    strip_dangling,
    text_of,
    types_of,
)

_ORG_TYPES = frozenset({"NewsMediaOrganization", "Organization", "Corporation", "WebSite",
                        "OnlineBusiness", "LocalBusiness"})
_URLISH = re.compile(r"^(?:https?://|www\.)", re.I)
_MAX_NAME_WORDS = 8
_MIN_GLUED = 5  # shorter glued names ("BBC") are left as they are
# The non-ASCII characters re.IGNORECASE matches to an ASCII letter (a test checks the list).
_ASCII_CASE_EXTRAS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_SPACE = r"[\s\u00a0]?"
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HOST_WORD_SPLIT = re.compile(r"[-_]")
_MIN_HOST_NAME = 3  # a shorter host name is found inside too many words
_MAX_AFFIX_WORDS = 4  # a site-name segment of a title is short
_MIN_HOST_WORD = 4  # shorter host words ("cdu", "mv") occur inside too many other words
# legal forms that end a company's name, by language: en, de, es/pt/fr/it, nl, pl
_LEGAL_FORM = re.compile(
    r"(?:\s|^)(?:Ltd\.?|Limited|Inc\.?|LLC|plc|Corp\.?"
    r"|g?GmbH(?: & Co\.? KG)?|mbH|AG|KG|KGaA|SE"
    r"|S\.\s?[AL]\.?|S\.A\.S\.?|SAS|SARL|S\.p\.A\.?|S\.r\.l\.?|Ltda\.?"
    r"|B\.V\.?|N\.V\.?|Sp\. z o\.\s?o\.?)$"
)
# blog platforms a CMS names as publisher instead of the blog
_PLATFORMS = frozenset({"blogger", "blogspot", "wordpress", "wordpress.com", "tumblr", "medium",
                        "squarespace", "wix", "ghost", "substack"})


def site_name_candidates(doc: Document) -> list[tuple[str, str]]:
    """Every (name, signal) the page offers for its publisher, strongest signal first."""
    found: list[tuple[str, str]] = []
    for obj in article_objects(doc.json_ld):
        for publisher in as_list(obj.get("publisher")):
            name, person = _name_of(publisher, doc)
            if name:
                found.append((name, "json-ld-person" if person else "json-ld"))
    for key_, signal in (("og:site_name", "og"), ("application-name", "meta"),
                         ("apple-mobile-web-app-title", "meta")):
        value = clean_text(doc.meta_first(key_))
        if value:
            found.append((value, signal))
    for obj in doc.json_ld:
        if types_of(obj) & _ORG_TYPES:
            name = clean_text(obj.get("name"))
            if name:
                found.append((name, "json-ld-org"))
    affix = title_affix(doc, [name for name, _signal in found])
    if affix:
        found.append((affix, "title-tag"))
    headline = _title_headline(doc, affix)
    glued_host = glued_key(host_labels(doc.url)[0])
    out = []
    for name, signal in found:
        tidy = _tidy(name, doc)
        # a long field is a name only where a part of it names the host: "Site - a, b, c, d"
        if (_plausible(name) or (_plausible(tidy) and _names_host(tidy, glued_host))) and (
                glued_key(tidy) != headline):
            out.append((tidy, signal))
    return out


def choose_source(doc: Document, candidates: list[tuple[str, str]] | None = None) -> Choice:
    """JSON-LD publisher, og:site_name, application-name, title-tag affix, then the domain.

    A legal company name, a person or a blog platform as publisher goes after the others.

    ``candidates`` (:func:`site_name_candidates`) is computed here when not passed.
    """
    if candidates is None:
        candidates = site_name_candidates(doc)
    _label, host = host_labels(doc.url)
    if candidates:
        value, signal = min(candidates, key=_demoted)  # min is stable: the first of the best
    elif host:
        value, signal = host, "domain"
    else:
        return Choice()
    if " " not in value and len(glued_key(value)) >= _MIN_GLUED:
        spaced = _spaced_form(value, candidates, doc)
        if spaced:
            return Choice(spaced, signal + "+spaced")
    return Choice(value, signal)


def _demoted(candidate: tuple[str, str]) -> bool:
    """Names a reader does not know the site by: its company's legal name ("Tamedia AG"), the
    person a CMS fills in as publisher, the blog platform ("Blogger"). They go after the others.
    """
    name, signal = candidate
    return (signal == "json-ld-person" or name.casefold() in _PLATFORMS
            or _LEGAL_FORM.search(name) is not None)


def title_affix(doc: Document, known: list[str] | None = None) -> str | None:
    """The site-name part of the title tag: its last (or first) segment when it has several.

    An end segment naming the host or one of the ``known`` names (og:site_name...), then a
    middle one ("Headline | site.ch | Tagline"), then an end segment sharing a word of the host
    name ("Fire Brigade Oldenburg" on fire-divers-oldenburg.de) is the affix; failing those, a short
    last segment that reads like a name.
    """
    if not doc.title_tag:
        return None
    parts = segments(clean_text(doc.title_tag))
    if len(parts) < 2:
        return None
    name_label, _host = host_labels(doc.url)
    glued_host = glued_key(name_label)
    glued_known = {glued_key(name) for name in known or ()} - {""}
    ends = (parts[-1], parts[0])
    for group in (ends, parts[1:-1]):
        naming = [part for part in group
                  if _names_host(part, glued_host) or glued_key(part) in glued_known]
        if naming:  # the closest to a bare name: "site.ch" before "News on Site.ch"
            return min(naming, key=lambda part: len(glued_key(part)))
    host_words = [w for w in _HOST_WORD_SPLIT.split(name_label) if len(w) >= _MIN_HOST_WORD]
    for part in ends if len(host_words) > 1 else ():
        if len(part.split()) <= _MAX_AFFIX_WORDS and any(w in glued_key(part) for w in host_words):
            return part
    last = parts[-1]
    if (len(last.split()) > _MAX_AFFIX_WORDS or last.endswith("?")
            or last.count("(") != last.count(")")):
        return None  # a question, or a cut through brackets, is no name
    # a short last part that the headline itself carries is the headline's end, not a site name
    headlines = [clean_text(o.get("headline")) for o in article_objects(doc.json_ld)]
    headlines.extend(text_of(h1) for h1 in doc.tree.iter("h1"))
    glued_last = glued_key(last)
    carried = any(glued_last in glued_key(h) and glued_last != glued_key(h) for h in headlines if h)
    return None if carried else last


def _names_host(part: str, glued_host: str) -> bool:
    """True when ``part`` spells the host's name, accents folded: "Börsen-Zeitung" for
    boersen-zeitung.de, "La Prensa Gráfica" for laprensagrafica.com."""
    if len(glued_host) < _MIN_HOST_NAME or glued_host.isdigit():  # "aa", or an IP address
        return False
    return any(glued_host in form for form in _host_forms(part))


def _host_forms(text: str) -> tuple[str, ...]:
    """Glued key of ``text`` as written, with German umlauts spelled out, and accents dropped."""
    glued = glued_key(text)
    if glued.isascii():
        return (glued,)
    spelled = glued.translate(_UMLAUTS)
    folded = "".join(c for c in unicodedata.normalize("NFKD", glued)
                     if not unicodedata.combining(c))
    return glued, spelled, folded


def _title_headline(doc: Document, affix: str | None) -> str:
    """Glued key of the title segment across from the site-name affix: the headline's part."""
    if not affix or not doc.title_tag:
        return ""
    parts = segments(clean_text(doc.title_tag))
    other = parts[-1] if affix == parts[0] else parts[0]
    return "" if glued_key(other) == glued_key(affix) else glued_key(other)


def _name_of(value: Any, doc: Document) -> tuple[str, bool]:
    """A publisher's name, and whether the publisher is a person."""
    if isinstance(value, str):
        return clean_text(value), False
    if isinstance(value, dict):
        if "name" not in value and "@id" in value:
            for obj in doc.json_ld:
                if obj.get("@id") == value["@id"] and obj is not value:
                    value = obj
                    break
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        return clean_text(name), "Person" in types_of(value)
    return "", False


def _plausible(name: str) -> bool:
    return bool(name) and len(name) <= 80 and len(name.split()) <= _MAX_NAME_WORDS


def _tidy(name: str, doc: Document) -> str:
    """A URL becomes its host; a "Name - tagline" keeps the part that names the site."""
    name = strip_dangling(name)
    if _URLISH.match(name):
        return host_labels(name if "://" in name else "http://" + name)[1] or name
    parts = segments(name)
    if len(parts) > 1:
        label = glued_key(host_labels(doc.url)[0])
        where = label + glued_key(doc.url)
        for part in parts:
            if label and glued_key(part) and any(form in where for form in _host_forms(part)):
                return part
        return parts[0]
    return name.lstrip("@")


def _spaced_form(value: str, candidates: list[tuple[str, str]], doc: Document) -> str | None:
    """The spaced, cased spelling of a glued name, as used elsewhere in the page."""
    glued = glued_key(value.split(".")[0] if "." in value else value)
    for other, _signal in candidates:
        if " " in other and glued_key(other) == glued:
            return other
    pattern = _spaced_pattern(glued)
    counts: Counter[str] = Counter()
    # one C-level pass over the page text (plus meta contents) instead of a walk over elements
    texts = [etree.tostring(doc.tree, method="text", encoding="unicode")]
    texts.extend(v for values in doc.meta.values() for v in values)
    for text in texts:
        for match in pattern.finditer(text):
            form = " ".join(match.group(0).split())
            if " " in form:
                counts[form] += 1
    if not counts:
        return None
    # most frequent, then the one whose words are capitalised
    return max(counts, key=lambda f: (counts[f], sum(w[:1].isupper() for w in f.split()),
                                      key(f) != f.casefold()))


def _spaced_pattern(glued: str) -> re.Pattern[str]:
    r"""``glued`` case-insensitively, with an optional space between its characters, as a word.

    An ASCII first character becomes an explicit case-sensitive class with the word-boundary
    check after it: re then skips ahead to that character instead of trying every position
    (5x faster over a whole page), with the matches of the plain ``(?<!\w)...`` form under
    re.IGNORECASE.
    """
    if not glued[0].isascii():
        return re.compile(r"(?<!\w)" + _SPACE.join(map(re.escape, glued)) + r"(?!\w)", re.I)
    first = glued[0]
    variants = {first, first.upper(), first.lower(), *_ASCII_CASE_EXTRAS.get(first.lower(), "")}
    head = "[" + "".join(map(re.escape, sorted(variants))) + r"](?<!\w[\s\S])"
    rest = "".join(_SPACE + re.escape(char) for char in glued[1:])
    return re.compile(head + (f"(?i:{rest})" if rest else "") + r"(?!\w)")
