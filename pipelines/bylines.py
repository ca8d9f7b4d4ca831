"""Bylines: the credit as printed, the people it names, the agencies it credits.

Signals, strongest first: JSON-LD ``author`` of the article object, microdata
``itemprop=author``, the printed byline (elements classed byline/author, ``rel=author`` links, the
credit lines the body stage stripped), then ``<meta name=author>`` and friends. The first signal
that names a person wins (a JSON-LD CMS account name, "jane.doe", yields to a later signal with
a full name); agencies from every signal (and "(AP) —" datelines) go to
``wire_sources``. The publisher and agencies are authors only when nobody else is credited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice
from typing import Any

from lxml import etree

from pipelines.body import Body
from pipelines.byline_rules import (
    ABOUT_AUTHOR,
    ACCOUNT_NAME,
    BARE_CREDIT_LABEL,
    BY_PREFIX,
    COPYRIGHT_OWNER,
    CREDIT_LABEL,
    DATE_TEXT,
    DATED_CREDIT,
    DATELINE,
    DESK_LINE,
    DESK_WORDS,
    HONORIFIC,
    NOISE,
    NOT_PERSON_ENDING,
    NOT_PERSON_WORDS,
    ORG_WORDS,
    OUTLET_WORDS,
    PERSONAL_NAME,
    PIECE_BY,
    SOURCE_LABEL,
    SPACE_BEFORE_PUNCT,
    TEXT_BYLINE,
    WRITTEN_BY_LABELS,
)
from pipelines.document import Document
from pipelines.fields import Credits
from pipelines.metatext import article_objects, as_list, clean_text, glued_key, host_labels, key
from pipelines.names import ParsedCredit, agency_of, parse_credit
from pipelines.source import site_name_candidates
from pipelines.titles import choose_title

_AUTHOR_PROPS = frozenset({"author", "creator"})
_ITEMPROP_NAME = etree.XPath(".//*[@itemprop='name']")
_REVIEW_TYPES = re.compile(r"Review|Comment|Answer|Question|Rating", re.I)
# the page body; its elements are walked in C by tag (``iter(*_BYLINE_TAGS)``) and judged by one
# regex on class and rel: about four times cheaper than an XPath of ``contains(@class, ...)`` tests
_BODY = etree.XPath("//body")
_MARK_ATTRIBUTES = ("class", "id", "data-testid", "rel")  # rel=author links
_MARK_SET = frozenset(_MARK_ATTRIBUTES)
_BYLINE_CLASS = re.compile(
    r"byline|author|autor|auteur|writer|journalist|reporter|submitted|posted-by", re.I)
# The same lower-case words matched case-sensitively: on a lower-cased ASCII value the same
# verdict, four times faster (re.I defeats the regex's first-letter skip).
_BYLINE_CLASS_LOWER = re.compile(_BYLINE_CLASS.pattern)
# hCard's "vcard" is a byline; "writerProfile", "author-bio": boxes about the writer
_NOT_BYLINE_CLASS = re.compile(
    r"comment|avatar|image|img|photo|bio|desc|about|social|share|follow|tooltip|caret|more|list"
    r"|widget|teaser|related|box|(?<!v)card|popup|modal|profile|bread", re.I)
# "with-sidebar", "has-sidebar": layout flags of a container, not the sidebar itself; an article's
# own footer ("entry-footer", "contentFooter") prints its credits
_NOT_BYLINE_AREA = re.compile(
    r"comment|related|teaser|(?<!with-)(?<!has-)(?<!no-)sidebar|widget"
    r"|(?<!entry-)(?<!post-)(?<!article-)(?<!content)(?<!content-)(?<!content_)footer", re.I)
_HEADLINE = etree.XPath("(//body//h1)[1]")
# a box about the writer, read only when no byline names anyone
_BIO_BOX = re.compile(
    r"author[-_]?(?:bio|box|info)|about[-_]?(?:the[-_]?)?author|autor(?:en)?[-_]?box"
    r"|bio[-_]?author", re.I)
_BIO_NAME_TAGS = ("h2", "h3", "h4", "h5", "h6", "strong", "b", "a", "span", "p", "div")
_PAGE_TAGS = frozenset({"body", "html"})
# news markup (NITF) left in syndicated pages: "<byline>Von Jane Doe</byline>"
_NITF_BYLINE = "byline"
_BYLINE_TAGS = frozenset({"div", "span", "p", "a", "address", "li", "strong", "b", "em", "small",
                          "section", "header", "h2", "h3", "h4", "h5", "h6", "cite", "dd", "ul",
                          "td", _NITF_BYLINE})
_TEXT_BYLINE_START = re.compile(
    r"[\s*–—-]*(?:by|von|par|por|door|av|af|text|autor|autorin|written|posted|verfasst"
    r"|eingestellt|erstellt)\b", re.I)
# "Blog Beitrag von", "A guest post by": the kind of piece, then one of these words (second to
# fourth word of the lead; looked up before the regex, which costs more)
_PIECE_START = re.compile(r"[\s*–—-]*" + PIECE_BY + r"\b", re.I)
_PIECE_BY_WORDS = frozenset({"von", "by", "de", "par", "por", "di", "door"})
_PIECE_WORDS = slice(1, 4)
_LEAD_MARKS = re.compile(r"^[\s*–—-]+")  # dashes and stars before a printed byline
_NOT_WORD = re.compile(r"\W")  # ends the preposition ("von:", "by,")
# a lead this long (whitespace included) is a paragraph: its text exceeds _MAX_TEXT_BYLINE
_MAX_TEXT_LEAD = 200
# elements that may print an unmarked byline (at most two child elements: "By <a>Name</a>")
_TEXT_TAGS = ("p", "span", "div", "strong", "b", "em", "small", "address", "li")
_MAX_TEXT_CHILDREN = 2
_META_AUTHOR_KEYS = ("author", "article:author", "articleauthor", "parsely-author",
                     "sailthru.author", "shareaholic:article_author_name", "dc.creator",
                     "dcterms.creator", "byl", "citation_author")
_MAX_READING_LABELS = 4  # twitter:label1..4 / twitter:data1..4
# leaf elements that may print a credit label ("<b>Autor:</b>")
_LABEL_TAGS = ("b", "strong", "h5", "h6", "dt", "span", "em", "label", "small", "div")
_LABEL_CLASS = re.compile(r"label", re.I)
# a preposition alone in its element before the credit, per language: "<span>by</span> <a>..</a>"
_BY_WORDS = frozenset({"by", "von", "par", "por", "door", "di", "av", "af"})
_MAX_LABEL_CHARS = 24
_WORD_CHAR = re.compile(r"\w")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")  # scripts that space names (CJK names are one word)
_MAX_BYLINE_NODES = 12
_MAX_BYLINE_CHARS = 200
_MAX_TEXT_BYLINE = 70
_HEADLINE_NEIGHBOURS = 2  # elements either side of the headline read for a credit
_MAX_SELF_WORDS = 4
# footer notices: "© 2019 Jane Doe", "(c) Jane Doe • Impressum", "Copyright 2006-2008 by Jane Doe"
# the footer is at the end of the page: walked backwards over at most this many elements
_MAX_FOOTER_ELEMENTS = 150
_COPYRIGHT_MARK = re.compile(r"©|\([cC]\)|opyright")
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})
_MAX_COPYRIGHT_NOTICES = 8
# a signature under the text: "<p><strong>Jane Doe</strong></p>"
_EMPHASIS_TAGS = ("strong", "b", "em")
_MIN_SIGNATURE_WORDS = 2
_MAX_SIGNATURE_WORDS = 3
_FOOTER_AREA = re.compile(r"footer|copyright|colophon", re.I)
# elements whose text the reader never sees
_UNPRINTED_TAGS = ("script", "style", "noscript", "template")
# elements with a style or class that may hide them (``display: none``, "hidden"; not the
# ``hidden`` attribute: React streams content in hidden elements and moves it into place by script)
_STYLED = etree.XPath(".//*[@style or contains(@class, 'hid') or contains(@class, 'none')"
                      " or contains(@class, 'comment') or contains(@id, 'comment')]")
# readers' comments: a writer named only there replied to the article, it does not credit them
_COMMENTS = re.compile(r"(?:^|[\s_-])comments?(?:[\s_-]|$)|commentlist|comment-list", re.I)
_WORD_EDGES = " .,;:()[]\"'“”‘’«»"
_ORGANISATION_SIGNAL = "json-ld-org"  # a site name from a JSON-LD Organization
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
# class names that hide an element in the common CSS frameworks and themes
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:hidden|is-hidden|d-none|display-none|hide|rich-snippet-hidden)(?:\s|$)")
_FIRST_POST_AUTHOR = etree.XPath(
    "(//body//article[@data-author][not(contains(@class, 'comment'))])[1]/@data-author")
_CREDIT_REMOVALS = ("byline", "credit_line", "source", "author_bio", "metadata")
_MIN_SEARCH_CHARS = 3  # a shorter last word is found anywhere: the whole name is looked for
# a CMS account made of a first and a last name: "christian.stadtfeld", "jane_doe"
_ACCOUNT_PARTS = re.compile(r"([a-zß-ÿ]{2,})[._-]([a-zß-ÿ]{2,})")
_UNSEEN_SIGNALS = frozenset({"json-ld", "itemprop", "meta"})  # fields the reader never sees
_NOT_FOOTER_AREA = re.compile(r"figure|figcaption|image|img|photo|foto|sidebar|caption", re.I)


def choose_credits(doc: Document, body: Body, *, title: str | None = None,
                   site_names: list[tuple[str, str]] | None = None) -> Credits:
    """Byline, authors and wire sources of the page; see the module docstring for the rules.

    ``title`` and ``site_names`` (:func:`site_name_candidates`) are computed here when the caller
    has not computed them already.
    """
    if site_names is None:
        site_names = site_name_candidates(doc)
    publishers = _publisher_keys(doc, site_names)
    printed, agency_lines = _printed_bylines(doc, body, title, publishers)
    itemprop = _itemprop_authors(doc)
    json_ld = _json_ld_authors(doc)
    meta = [parse_credit(n, publishers, organisations=False) for n in _meta_authors(doc)]
    signals: list[tuple[str, list[ParsedCredit]]] = [
        ("json-ld", [parse_credit(n, publishers, typed=True) for n in json_ld]),
        ("itemprop", _first_group(itemprop, publishers)),
        ("byline", _first_group(printed, publishers, stop_at_publisher=True)),
        ("meta", meta),
    ]
    wires = _wire_sources(signals, body, agency_lines)
    page_text = _PageText(doc, [*(t for t, _n in printed), *body.paragraphs,
                                *body.removed_of(*_CREDIT_REMOVALS)])
    named = [(signal, _unique(a for p in parsed for a in p.authors)) for signal, parsed in signals]
    for i, (signal, authors) in enumerate(named):
        if signal == "meta":  # one word there is a place or a brand, unless a CJK-style name
            authors = [a for a in authors if len(a.split()) > 1 or not _LATIN.search(a)]
        if signal in _UNSEEN_SIGNALS:
            authors = [page_text.full_name(a) or a for a in authors]
            authors = [a for a in authors if page_text.prints(a)]
        if authors and not _yields(authors, [later for _s, later in named[i + 1:]]):
            byline = _printed_byline(printed, authors) or _plain(signals[i][1])
            return Credits(byline, authors, wires, signal)
    # nobody but an agency or the publisher itself is credited; a credited agency comes first
    credits = [(signal, _self_or_agency_credits(names, publishers))
               for signal, names in (("json-ld", json_ld),
                                     ("itemprop", [t for t, _n in itemprop]),
                                     ("byline", [t for t, _n in printed]))]
    credits[0] = ("json-ld", [c for c in credits[0][1]  # the publisher as printed, if at all
                              if agency_of(c) or page_text.prints(c, whole=True)])
    credits.append(("meta", _unique(printed for p in meta for _c, printed in p.agencies)))
    for wanted in (_agencies_only, bool):
        for signal, credited in credits:
            if credited and wanted(credited):
                byline = _printed_byline(printed, credited) or credited[0]
                return Credits(byline, credited, wires, signal)
    if wires:
        sign_off = _dateline_sign_off(body)
        authors = [sign_off] if sign_off else list(wires)
        return Credits(_printed_byline(printed, authors), authors, wires, "wire")
    starter = _thread_starter(doc)
    if starter:
        return Credits(_printed_byline(printed, [starter]), [starter], wires, "thread-starter")
    owner = _site_owner(doc, site_names)
    if owner and page_text.prints(owner, whole=True):
        return Credits(_printed_byline(printed, [owner]), [owner], wires, "site-owner")
    owner = _copyright_owner(doc, site_names, publishers)
    if owner:
        return Credits(_printed_byline(printed, [owner]), [owner], wires, "copyright")
    return Credits(_printed_byline(printed, []), [], wires, None)


class _PageText:
    """The page's text in lower case, read on first use, to tell whether a name is printed."""

    def __init__(self, doc: Document, seen: list[str]) -> None:
        self._doc = doc
        self._seen = seen  # texts known to be printed: bylines, paragraphs, stripped lines
        self._seen_text: str | None = None
        self._text: str | None = None
        self._scripts: list[str] = []
        self._hidden: list[tuple[str, list[str]]] | None = None

    def prints(self, name: str, *, whole: bool = False) -> bool:
        """True when the page prints ``name`` (its last word, or the ``whole`` name, in any
        case) outside scripts, or when it is a desk: a writer named only in JSON-LD or meta tags
        is a CMS account or a template's stale value, not the page's credit. Names in scripts
        that do not space words are kept (such bylines are often rendered by scripts)."""
        words = name.split()
        if not words or _desks_only([name]) or not _LATIN.search(name):
            return True
        short = len(words[-1].strip(_WORD_EDGES)) < _MIN_SEARCH_CHARS  # "Megha M"
        word = (" ".join(words) if whole or short else words[-1]).strip(_WORD_EDGES).lower()
        if not word:
            return True
        if self._seen_text is None:
            self._seen_text = "\n".join(self._seen).lower()
        if word in self._seen_text:
            return True
        if self._text is None:
            self._read()
        text = self._text
        if not text:  # no body to read (a frameset page): nothing tells the name is unprinted
            return True
        printed = text.count(word) - sum(script.count(word) for script in self._scripts)
        return printed > 0 and printed > self._hidden_count(word)

    def full_name(self, account: str) -> str | None:
        """The full name the page prints for a CMS account "first.last" ("christian.stadtfeld"
        signs "(Christian P. Stadtfeld)"), middle initials allowed; None when not printed."""
        parts = _ACCOUNT_PARTS.fullmatch(account)
        if not parts:
            return None
        first, last = (re.escape(part) for part in parts.groups())
        pattern = re.compile(rf"\b{first}(?:\s+[A-ZÀ-Þ]\.)*\s+{last}\b", re.I)
        match = pattern.search("\n".join(self._seen))
        return match.group(0) if match and match.group(0)[:1].isupper() else None

    def _read(self) -> None:
        """Text of the body (scripts included, as serialised in C) and of its scripts."""
        self._text = ""
        for body in _body(self._doc):
            self._text = etree.tostring(body, method="text", encoding=str).lower()
            self._scripts = [node.text.lower() for node in body.iter(*_UNPRINTED_TAGS)
                             if node.text]

    def _hidden_count(self, word: str) -> int:
        """How often elements styled ``display: none`` (or readers' comments) print ``word``
        (outside their scripts); read on first use, outermost such elements only."""
        if self._hidden is None:
            self._hidden = []
            for body in _body(self._doc):
                hidden = [n for n in _STYLED(body) if _hidden(n) or _COMMENTS.search(
                    _marks(n, "class", "id"))]
                outer = set(hidden)
                for node in hidden:
                    if any(parent in outer for parent in node.iterancestors()):
                        continue
                    scripts = [n.text.lower() for n in node.iter(*_UNPRINTED_TAGS) if n.text]
                    self._hidden.append((etree.tostring(node, method="text", encoding=str,
                                                        with_tail=False).lower(), scripts))
        return sum(text.count(word) - sum(s.count(word) for s in scripts)
                   for text, scripts in self._hidden)


def _thread_starter(doc: Document) -> str | None:
    """The member who opened a forum thread: the first post's ``data-author`` (XenForo's
    ``<article class="message" data-author="...">``), on a page crediting nobody else."""
    for author in _FIRST_POST_AUTHOR(doc.tree):
        name = clean_text(str(author))
        if name and parse_credit(name, typed=True).authors:
            return name
    return None


def _site_owner(doc: Document, site_names: list[tuple[str, str]]) -> str | None:
    """The person a personal site is named after: "Wolfgang Michal" on wolfgangmichal.de."""
    label = glued_key(host_labels(doc.url)[0])
    if any(signal == _ORGANISATION_SIGNAL for _name, signal in site_names):
        return None  # the site says it is an organisation ("Creative Commons")
    for name, _signal in site_names:
        person = HONORIFIC.sub("", name).strip()
        if (glued_key(person) == label and PERSONAL_NAME.fullmatch(person)
                and not OUTLET_WORDS.intersection(person.casefold().split())):
            return person
    return None


def _yields(authors: list[str], later: list[list[str]]) -> bool:
    """True when a later signal's writers beat ``authors``: CMS accounts ("jane.doe") yield to a
    full name, newsrooms ("Nature Editorial") to a signal naming only people."""
    if _accounts_only(authors):
        return any(len(a.split()) > 1 for names in later for a in names)
    if _desks_only(authors):
        return any(names and all(PERSONAL_NAME.fullmatch(a) for a in names) for names in later)
    return False


def _desks_only(authors: list[str]) -> bool:
    """True when every name is a newsroom ("Nature Editorial", "Redaktion"): a writer named by
    a later signal then beats them."""
    return all(DESK_WORDS.intersection(a.casefold().replace("-", " ").split()) for a in authors)


def _body(doc: Document) -> list[etree._Element]:
    """The page's ``<body>`` (a child of the root as parsed; ``//body`` walks the whole tree)."""
    body = doc.tree.find("body")
    return [body] if body is not None else _BODY(doc.tree)[:1]


def _copyright_owner(doc: Document, site_names: list[tuple[str, str]],
                     publishers: frozenset[str]) -> str | None:
    """The person a site's footer copyright names ("© 2019 Jane Doe") on a page crediting
    nobody: personal sites print their owner there and nowhere else.

    Only notices in a footer/copyright area count; photo copyrights sit in figures, image
    areas and sidebars. The site's own name is no person where the site declares itself an
    organisation.
    """
    organisation = any(signal == _ORGANISATION_SIGNAL for _name, signal in site_names)
    for notices, (text, holder) in enumerate(_notices_from_the_end(doc), 1):
        match = COPYRIGHT_OWNER.search(text)
        if (match and _is_personal(match.group(1)) and _in_footer(holder)
                and not (organisation and glued_key(match.group(1)) in publishers)):
            return match.group(1)
        if notices >= _MAX_COPYRIGHT_NOTICES:
            break
    return None


def _notices_from_the_end(doc: Document) -> Iterable[tuple[str, etree._Element]]:
    """Copyright notices among the texts of the body's last elements, walked roughly from the
    end of the page backwards, each with the element it is printed in (a tail's is the parent)."""
    search = _COPYRIGHT_MARK.search
    for body in _body(doc):
        stack = [body]
        for _ in range(_MAX_FOOTER_ELEMENTS):
            if not stack:
                break
            node = stack.pop()
            tail = node.tail
            if tail and search(tail) and node is not body:
                yield tail, node.getparent()
            text = node.text
            if text and search(text):
                yield text, node
            stack.extend(child for child in node
                         if isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS)


def _is_personal(name: str) -> bool:
    """True when ``name`` reads as a person's name, not a body, outlet or rights notice."""
    return bool(PERSONAL_NAME.fullmatch(name)) and _is_body_free(name)


def _is_body_free(name: str) -> bool:
    """True when no word of ``name`` makes it an organisation, outlet or rights notice."""
    words = name.casefold().split()
    return not (ORG_WORDS.search(name) or OUTLET_WORDS.intersection(words)
                or NOT_PERSON_WORDS.intersection(words)
                or any(NOT_PERSON_ENDING.search(w) for w in words))


def _in_footer(node: etree._Element | None) -> bool:
    """True when ``node`` sits in a footer or copyright area, not in a figure or sidebar."""
    footer = False
    while node is not None and node.tag not in _PAGE_TAGS:
        marks = f"{node.tag} {node.get('class', '')} {node.get('id', '')}"
        if _NOT_FOOTER_AREA.search(marks):
            return False
        footer = footer or _FOOTER_AREA.search(marks) is not None
        node = node.getparent()
    return footer


def _accounts_only(authors: list[str]) -> bool:
    """True when every name is a CMS account name: a printed full name then beats them."""
    return all(ACCOUNT_NAME.fullmatch(a) for a in authors)


def _publisher_keys(doc: Document, site_names: list[tuple[str, str]]) -> frozenset[str]:
    label, host = host_labels(doc.url)
    keys = {glued_key(name) for name, _signal in site_names}
    keys |= {glued_key(label), glued_key(host)}
    keys.discard("")
    return frozenset(keys)


def _json_ld_authors(doc: Document) -> list[str]:
    for obj in article_objects(doc.json_ld):
        names = [n for value in as_list(obj.get("author")) or as_list(obj.get("creator"))
                 for n in _names_in(value, doc)]
        if names:
            return names
    return []


def _names_in(value: Any, doc: Document) -> list[str]:
    if isinstance(value, str):
        return [clean_text(value)] if not value.startswith("http") else []
    if not isinstance(value, dict):
        return []
    if "name" not in value and "@id" in value:
        ref = value["@id"]
        value = next((o for o in doc.json_ld if o.get("@id") == ref and "name" in o), value)
    name = value.get("name") or value.get("byline")
    if isinstance(name, list):
        return [clean_text(n) for n in name if isinstance(n, str)]
    if not name and (value.get("givenName") or value.get("familyName")):
        name = f"{value.get('givenName', '')} {value.get('familyName', '')}"
    return [clean_text(name)] if isinstance(name, str) and name.strip() else []


def _itemprop_authors(doc: Document) -> list[tuple[str, etree._Element | None]]:
    names = []
    # doc.marked: the page's itemprop elements (not <meta>), found once for every stage
    nodes = [n for n in doc.marked
             if _AUTHOR_PROPS.intersection(n.get("itemprop", "").split()) and not _in_review(n)]
    for node in nodes[:_MAX_BYLINE_NODES]:
        inner = _ITEMPROP_NAME(node)
        target = inner[0] if inner else node
        names.append((target.get("content") or _node_text(target), node))
    return [(n, node) for n, node in names if n]


def _in_review(node: etree._Element) -> bool:
    """True when the item ``node`` belongs to is a review, comment or forum answer."""
    for scope in node.iterancestors():
        if scope.get("itemscope") is not None:
            return bool(_REVIEW_TYPES.search(scope.get("itemtype") or ""))
    return False


def _first_group(credits: list[tuple[str, etree._Element | None]],
                 publishers: frozenset[str], *, stop_at_publisher: bool = False,
                 ) -> list[ParsedCredit]:
    """The first credit that names someone, plus its siblings in the same byline block.

    Pages repeat author boxes for related articles and comments; the article's own byline
    comes first, and co-authors sit next to each other.
    """
    group: list[ParsedCredit] = []
    block: etree._Element | None = None
    for text, node in credits:
        parsed = parse_credit(text, publishers)
        if not group:
            if parsed.authors or parsed.agencies:
                group.append(parsed)
                block = _block_of(node)
            elif stop_at_publisher and _self_or_agency_credits([text], publishers):
                break  # the article credits its publisher: later credits are other articles'
            continue
        if node is not None and block is not None and _block_of(node) is block:
            group.append(parsed)
    return group


def _printed_byline(printed: list[tuple[str, etree._Element | None]],
                    authors: Iterable[str]) -> str | None:
    """The first printed credit that prints every chosen author or names someone; else the first.

    A label printed where bylines sit ("Datum", "Text vorlesen") is not the page's byline when a
    later credit names a writer; a long credit the name parser gives up on still is when it
    prints the authors chosen. The publisher counts as named here ("Von Eurosport").
    """
    wanted = [a.casefold() for a in authors]
    for text, _node in printed:
        folded = text.casefold()
        if wanted and all(a in folded for a in wanted):
            return text
        parsed = parse_credit(text)
        if parsed.authors or parsed.agencies:
            return text
    return printed[0][0] if printed else None


def _block_of(node: etree._Element | None) -> etree._Element | None:
    if node is None:
        return None
    parent = node.getparent()
    grand = parent.getparent() if parent is not None else None
    return grand if grand is not None else parent


def _meta_authors(doc: Document) -> list[str]:
    """Names in author meta tags; URLs and e-mail addresses (no name) are passed over."""
    for meta_key in _META_AUTHOR_KEYS:
        values = [clean_text(v) for v in doc.meta.get(meta_key, ())
                  if v.strip() and not v.strip().startswith("http") and "@" not in v]
        if values:
            return values
    return _reading_label_authors(doc)


def _reading_label_authors(doc: Document) -> list[str]:
    """The writer in WordPress (Yoast) reading labels: ``twitter:label1`` "Written by" and
    ``twitter:data1``, or ``twitter:misc:Written by``."""
    for i in range(1, _MAX_READING_LABELS + 1):
        labels = doc.meta.get(f"twitter:label{i}")
        if not labels:
            break
        if labels[0].strip().casefold() in WRITTEN_BY_LABELS:
            return [clean_text(v) for v in doc.meta.get(f"twitter:data{i}", ()) if v.strip()]
    for label in WRITTEN_BY_LABELS:
        values = doc.meta.get(f"twitter:misc:{label}")
        if values:
            return [clean_text(v) for v in values if v.strip()]
    return []


def _printed_bylines(doc: Document, body: Body, title: str | None = None,
                     publishers: frozenset[str] = frozenset(),
                     ) -> tuple[list[tuple[str, etree._Element | None]], list[ParsedCredit]]:
    """Printed credits and the agency-only credit lines ("Mit Material von dpa").

    Stripped credit lines come first, then byline elements in page order; a credit line naming
    only agencies is a source note under the text, not the byline, and comes last.
    """
    found: list[tuple[str, etree._Element | None]] = []
    agency_only: list[tuple[str, etree._Element | None]] = []
    agency_lines: list[ParsedCredit] = []
    title_key = ""
    if any(r.kind == "credit_line" for r in body.removed):
        title_key = key(title if title is not None else choose_title(doc).value)
    desks: list[tuple[str, etree._Element | None]] = []
    for removal in body.removed:
        if removal.kind == "source":  # "Quelle: kathpress" credits an agency, "IN-Redaktion" a desk
            text = SOURCE_LABEL.sub("", clean_text(removal.text)).strip(" .")
            parsed = parse_credit(text, publishers)
            if parsed.agencies and not parsed.authors:
                agency_only.append((text, None))
                agency_lines.append(parsed)
            elif DESK_LINE.fullmatch(text) or _signed_off(parsed):
                desks.append((text, None))
        elif removal.kind in ("byline", "credit_line"):
            text = _after_title(clean_text(removal.text), title_key).strip(" .")
            if not text:
                continue
            parsed = parse_credit(text)
            if parsed.agencies and not parsed.authors:
                agency_only.append((text, None))
                agency_lines.append(parsed)
            else:
                found.append((text, None))
    seen: set[str] = set()
    classed = list(_classed_nodes(doc))  # walked once for the bylines and the author boxes
    heads = _HEADLINE(doc.tree)
    head = heads[0] if heads else None
    outside = _headline_areas(head)  # shared verdict cache of _outside_excluded_area
    for node in _byline_nodes(classed, outside):
        text = _node_text(node)
        if not text or len(text) > _MAX_BYLINE_CHARS or text in seen:
            continue
        seen.add(text)
        if CREDIT_LABEL.fullmatch(text):  # "<span class=author-label>Autor:</span> Jane Doe"
            text = _text_after(node)
        found.append((_tidy_printed(text), node))
        if len(found) >= _MAX_BYLINE_NODES:
            break
    if not _names_a_writer(found, publishers):  # the writer before the publisher or a label
        unmarked = (_text_bylines(doc, {t for t, _n in found}) or _labelled_bylines(doc, outside)
                    or _headline_credits(head) or _bio_box_credits(classed, outside))
        if not found or _names_a_writer(unmarked):  # not a link "Autor werden" before a label
            found[:0] = unmarked
    signature = _signature(doc, body)
    if signature is not None:  # a name signing off the text: after the bylines at the top
        found.append(signature)
    found.extend(desks)  # a newsroom signing a source line: after every printed byline
    found.extend(agency_only)
    return [(t, n) for t, n in found if t], agency_lines


def _signed_off(parsed: ParsedCredit) -> bool:
    """True when a source line is a desk's sign-off ("Quelle: MDR THÜRINGEN/ls")."""
    return len(parsed.authors) == 1 and "/" in parsed.authors[0]


def _signature(doc: Document, body: Body) -> tuple[str, etree._Element] | None:
    """The writer signing off the text: a last paragraph that is only a name, printed in bold
    or italics ("<p><strong>Jane Doe</strong></p>")."""
    if not body.paragraphs:
        return None
    last = body.paragraphs[-1].strip()
    words = last.split()
    if not (_MIN_SIGNATURE_WORDS <= len(words) <= _MAX_SIGNATURE_WORDS) or not all(
            w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return None
    if not _is_body_free(last):
        return None
    for root in _body(doc):
        for node in root.iter(*_EMPHASIS_TAGS):
            if (node.text or "").strip() == last and _node_text(node) == last:
                parent = node.getparent()
                if parent is not None and _node_text(parent) == last:
                    return last, node
    return None


def _names_a_writer(found: list[tuple[str, etree._Element | None]],
                    publishers: frozenset[str] = frozenset()) -> bool:
    """True when a byline element names a writer or an agency (the publisher too when
    ``publishers`` is empty); when they credit only the publisher ("By The Planetary Press") or
    print a label or an account nobody reads as a name ("Gespeichert von human"), an unmarked
    byline ("Written by: Jane Doe") may name the writer."""
    for text, _node in found:
        parsed = parse_credit(text, publishers)
        if parsed.authors or parsed.agencies:
            return True
    return False


def _byline_nodes(classed: list[etree._Element],
                  outside: dict[etree._Element, bool]) -> Iterable[etree._Element]:
    """Elements classed as bylines/authors (or ``rel=author``) outside comments and sidebars.

    The container of the headline is the article, whatever its class or id says (Blogger's
    "widget Blog", themes' ``id="sidebar"`` content areas): ``outside`` is
    :func:`_headline_areas`.
    """
    for node in classed:
        if _NOT_BYLINE_CLASS.search(_marks(node, *_MARK_ATTRIBUTES)) or _hidden(node):
            continue
        if _outside_excluded_area(node.getparent(), outside):
            yield node


def _headline_areas(head: etree._Element | None) -> dict[etree._Element, bool]:
    """The containers of the headline, judged inside the article (see :func:`_byline_nodes`);
    the dict caches the verdicts of :func:`_outside_excluded_area`."""
    return dict.fromkeys(head.iterancestors(), True) if head is not None else {}


def _marks(node: etree._Element, *attributes: str) -> str:
    """The values of ``attributes`` joined by spaces (empty when none is set)."""
    return " ".join(value for value in map(node.get, attributes) if value)


def _classed_nodes(doc: Document) -> Iterable[etree._Element]:
    """Body elements of a byline tag whose class, id, ``data-testid`` (React sites) or ``rel``
    reads byline/author/writer..."""
    judged: dict[str, bool] = {}  # pages repeat a few class strings on many elements
    for body in _body(doc):
        for node in body.iter(*_BYLINE_TAGS):
            if node.tag == _NITF_BYLINE:
                yield node
                continue
            for attribute, marks in node.items():  # one call for all attributes
                if attribute not in _MARK_SET or not marks:
                    continue
                verdict = judged.get(marks)
                if verdict is None:
                    verdict = judged[marks] = _is_byline_mark(marks)
                if verdict:
                    yield node
                    break


def _is_byline_mark(marks: str) -> bool:
    """Whether a class, id, ``data-testid`` or ``rel`` value reads byline/author/writer...;
    non-ASCII values keep re.I, which also folds look-alikes (the Kelvin sign as "k")."""
    if marks.isascii():
        return _BYLINE_CLASS_LOWER.search(marks.lower()) is not None
    return _BYLINE_CLASS.search(marks) is not None


def _hidden(node: etree._Element) -> bool:
    """True when the element's style (``display: none``) or class ("hidden", "d-none") hides it."""
    style = node.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    classes = node.get("class")
    return bool(classes) and _HIDDEN_CLASS.search(classes) is not None


def _outside_excluded_area(node: etree._Element | None,
                           judged: dict[etree._Element, bool]) -> bool:
    """True when neither ``node`` nor an ancestor is a comment, related, sidebar... area."""
    path = []
    verdict = True
    while node is not None and node.tag not in _PAGE_TAGS:  # body classes flag the page layout
        known = judged.get(node)
        if known is not None:
            verdict = known
            break
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if _NOT_BYLINE_AREA.search(marks) or _hidden(node):
            verdict = False
            break
        if "articleBody" in (node.get("itemprop") or ""):
            break  # the article text, whatever its containers are called (Blogger "widget Blog")
        path.append(node)
        node = node.getparent()
    for seen in path:
        judged[seen] = verdict
    return verdict


def _body_elements(doc: Document, tags: tuple[str, ...]) -> Iterable[etree._Element]:
    """Elements of the given tags inside the body, in page order (walked in C by lxml)."""
    for body in _body(doc):
        yield from body.iter(*tags)


def _text_bylines(doc: Document, known: frozenset[str] | set[str] = frozenset(),
                  ) -> list[tuple[str, etree._Element | None]]:
    """Unmarked printed bylines: a short element reading "By/Von/Par Name" (not one of the
    ``known`` credits), outside readers' comments ("Great post by Jane!")."""
    for node in _body_elements(doc, _TEXT_TAGS):
        children = len(node)
        if children > _MAX_TEXT_CHILDREN:
            continue
        lead = node.text
        if not lead or lead.isspace():
            lead = node[0].text if children and isinstance(node[0].tag, str) else None
        if not lead or len(lead) > _MAX_TEXT_LEAD or not _is_text_byline_lead(lead):
            continue
        text = _node_text(node)
        if (len(text) <= _MAX_TEXT_BYLINE and TEXT_BYLINE.match(text)
                and not _in_comments(node)):
            tidy = _tidy_printed(text)
            if tidy not in known:
                return [(tidy, node)]
    return []


def _is_text_byline_lead(lead: str) -> bool:
    """True when ``lead`` starts like a printed byline: "By", "Von", "Blog Beitrag von"."""
    if _TEXT_BYLINE_START.match(lead):
        return True
    words = _LEAD_MARKS.sub("", lead, count=1).split(None, _PIECE_WORDS.stop)[_PIECE_WORDS]
    return (any(_NOT_WORD.split(word, 1)[0].lower() in _PIECE_BY_WORDS for word in words)
            and _PIECE_START.match(lead) is not None)


def _in_comments(node: etree._Element | None) -> bool:
    """True when ``node`` or an ancestor is a readers' comments area (class or id)."""
    while node is not None and node.tag not in _PAGE_TAGS:
        if _COMMENTS.search(_marks(node, "class", "id")):
            return True
        node = node.getparent()
    return False


def _labelled_bylines(doc: Document, outside: dict[etree._Element, bool] | None = None,
                      ) -> list[tuple[str, etree._Element | None]]:
    """A credit after a label element: "<b>Autor:</b> <a>Jane Doe</a>", "<h5>Von:</h5> Jane Doe",
    "<span>by</span> <a>Jane Doe</a>" (that one not in comments, sidebars or the page footer:
    "Kommentar <small>von</small> <cite>Jane</cite>", "Made <span>by</span> <a>Agency</a>");
    ``outside`` is :func:`_headline_areas`."""
    outside = {} if outside is None else outside
    for node in _body_elements(doc, _LABEL_TAGS):
        text = node.text
        if (len(node) or not text or len(text.strip()) > _MAX_LABEL_CHARS
                or not _is_credit_label(node)):
            continue
        bare = text.strip().casefold() in _BY_WORDS
        if bare and (_words_before(node) or not _outside_excluded_area(node.getparent(), outside)
                     or _in_page_footer(node)):
            continue
        credit = _next_text(node) if bare else _text_after(node)
        if credit and len(credit) <= _MAX_TEXT_BYLINE:
            return [(_tidy_printed(credit), node)]
    return []


def _words_before(node: etree._Element) -> bool:
    """True when a word comes right before ``node`` in its parent ("Photo <span>by</span>",
    "Sponsored <span>by</span>": the preposition then credits no writer)."""
    previous = node.getprevious()
    before = previous.tail if previous is not None else getattr(node.getparent(), "text", None)
    return bool(before) and _WORD_CHAR.search(before) is not None


def _in_page_footer(node: etree._Element) -> bool:
    """True when ``node`` sits in a ``<footer>`` that is not an article's own."""
    footer = False
    for parent in node.iterancestors():
        if parent.tag == "article":
            return False
        footer = footer or parent.tag == "footer"
    return footer


def _next_text(node: etree._Element) -> str:
    """The text right after ``node``: its tail, else the next element's text ("<span>by</span>
    <h3><a>Jane Doe</a></h3>"), not what follows that (the headline after the credit)."""
    tail = " ".join((node.tail or "").split())
    if tail:
        return tail
    following = node.getnext()
    return _node_text(following) if following is not None and isinstance(
        following.tag, str) else ""


def _is_credit_label(node: etree._Element) -> bool:
    """True when the childless ``node`` prints a credit label: "Autor:", or "Interview" in an
    element classed as a label (a credits box of label and value elements)."""
    text = node.text or ""
    if ":" in text:
        return CREDIT_LABEL.fullmatch(text) is not None
    if text.strip().casefold() in _BY_WORDS:  # "<span>by</span> <a>Jane Doe</a>"
        return True
    return (BARE_CREDIT_LABEL.fullmatch(text) is not None
            and _LABEL_CLASS.search(node.get("class") or "") is not None)


def _headline_credits(head: etree._Element | None) -> list[tuple[str, etree._Element | None]]:
    """An unmarked credit next to the headline among dates: "04.02.2022 | 13:10 Uhr | Jane Doe"
    (one personal name among "|"-separated parts, one of them a date or time)."""
    if head is None:
        return []
    neighbours = [*islice(head.itersiblings(preceding=True), _HEADLINE_NEIGHBOURS),
                  *islice(head.itersiblings(), _HEADLINE_NEIGHBOURS)]
    for node in neighbours:
        if not isinstance(node.tag, str) or len(node) > _MAX_TEXT_CHILDREN:
            continue
        text = _node_text(node)
        if not text or len(text) > _MAX_TEXT_BYLINE or "|" not in text:
            continue
        parts = [part.strip() for part in text.split("|")]
        names = [part for part in parts if _is_personal(part)]
        if len(names) == 1 and any(DATE_TEXT.search(part) for part in parts):
            return [(names[0], node)]
    return []


def _bio_box_credits(classed: list[etree._Element], outside: dict[etree._Element, bool],
                     ) -> list[tuple[str, etree._Element | None]]:
    """The writer named in a box about the author ("author-bio", "about-author"): the first
    short text in it that is a personal name, after an "About the author" label."""
    for node in classed:
        if not _BIO_BOX.search(_marks(node, "class", "id")):
            continue
        if not _outside_excluded_area(node.getparent(), outside):
            continue
        for inner in node.iter(*_BIO_NAME_TAGS):
            text = ABOUT_AUTHOR.sub("", _node_text(inner)).strip(" :")
            if text and len(text) <= _MAX_TEXT_BYLINE and _is_personal(text):
                return [(text, inner)]
    return []


def _text_after(node: etree._Element) -> str:
    """Text following ``node`` up to the next line break once some text has been read."""
    parts = [node.tail or ""]
    for sibling in node.itersiblings():
        if sibling.tag == "br":
            if " ".join(parts).strip():
                break
        elif isinstance(sibling.tag, str):
            parts.append(_node_text(sibling))
        parts.append(sibling.tail or "")
        if sum(map(len, parts)) > _MAX_TEXT_BYLINE:
            break
    return " ".join(" ".join(parts).split())


def _after_title(text: str, title_key: str) -> str:
    """The credit after a headline repeated in front of it ("Topic: Headline Jane Doe")."""
    if not title_key:
        return text
    words = text.split()
    for i in range(len(words)):
        if key(" ".join(words[:i + 1])).endswith(title_key):
            return " ".join(words[i + 1:])
    return text


def _tidy_printed(text: str) -> str:
    dated = DATED_CREDIT.match(text)  # "Posted on May 3, 2020 by Jane Doe": the credit follows
    if dated:
        text = text[dated.start(1):]
    text = DATE_TEXT.sub("", NOISE.sub(" ", text))
    return " ".join(text.split()).strip(" |·•-–—,;:")


def _node_text(node: etree._Element) -> str:
    """Text of inline children joined by spaces, without a space before punctuation."""
    return SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(" ".join(node.itertext()).split()))


def _wire_sources(signals: list[tuple[str, list[ParsedCredit]]], body: Body,
                  agency_lines: list[ParsedCredit]) -> list[str]:
    wires = [canonical for _s, parsed in signals for p in parsed for canonical, _ in p.agencies]
    wires.extend(canonical for p in agency_lines for canonical, _ in p.agencies)
    match = _dateline(body)
    if match:
        wires.append(agency_of(match.group("agency")) or match.group("agency"))
    return _unique(wires)


def _dateline(body: Body) -> re.Match[str] | None:
    return DATELINE.match(body.paragraphs[0]) if body.paragraphs else None


def _dateline_sign_off(body: Body) -> str | None:
    """The desk's sign-off in a wire dateline: "Hamburg (dpa/lno) –" credits "dpa/lno"."""
    match = _dateline(body)
    if not match:
        return None
    authors = parse_credit(match.group("credit")).authors
    return authors[0] if len(authors) == 1 and "/" in authors[0] else None


def _agencies_only(credited: list[str]) -> bool:
    return all(agency_of(name) for name in credited)


def _self_or_agency_credits(names: Iterable[str], publishers: frozenset[str]) -> list[str]:
    """Credits naming only the publisher or an agency, as printed (desk credits)."""
    out = []
    for name in names:
        parsed = parse_credit(name)
        out.extend(printed for _canonical, printed in parsed.agencies)
        cleaned = BY_PREFIX.sub("", clean_text(name)).strip(" .")
        if glued_key(cleaned) in publishers and len(cleaned.split()) <= _MAX_SELF_WORDS:
            out.append(cleaned)
    return _unique(out)


def _plain(parsed: list[ParsedCredit]) -> str | None:
    names = _unique(a for p in parsed for a in p.authors)
    return ", ".join(names) if names else None


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        folded = item.casefold()
        if item and folded not in seen:
            seen.add(folded)
            out.append(item)
    return out
