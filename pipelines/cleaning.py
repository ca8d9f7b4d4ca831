"""Cleaning steps of the body stage: small functions, one job each, that report what they strip.

DOM steps run on a private copy of the page tree before trafilatura: the source's selector steps
(``(tree, options, removed) -> tree``), then the generic rule steps, which share one walk over the
tree (:func:`scan_page`: the article area and every named block). Text steps run on trafilatura's
paragraphs (``(paragraphs, context, removed) -> paragraphs``). Every step appends one
:class:`Removal` per piece it strips so users can audit it. The rules themselves are data in
:mod:`pipelines.boilerplate_rules`.
"""

from __future__ import annotations

import json
import logging
import re
import re._constants as sre_constants  # the parse tree of a regex, read by required_substrings
import re._parser as sre_parser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree, html
from lxml.cssselect import CSSSelector, SelectorError

from pipelines import boilerplate_rules as rules
from pipelines.record import Removal

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CleaningOptions:
    """Knobs of the body stage; per-source overrides come from the sources file."""

    body_selector: str | None = None
    drop_selectors: tuple[str, ...] = ()
    dom_rules: bool = True
    text_rules: bool = True
    # Embedded social posts: quoted content on some sites, noise on others; off by default.
    drop_embeds: bool = False


@dataclass(slots=True)
class TextContext:
    """What the text steps know about the page: the headline variants to recognise."""

    titles: list[str] = field(default_factory=list)


DomStep = Callable[[html.HtmlElement, CleaningOptions, list[Removal]], html.HtmlElement]
COMMENT_KINDS = frozenset({"comments", "comment_form"})
TextStep = Callable[[list[str], TextContext, list[Removal]], list[str]]

# Generic article containers (``itemprop=articleBody`` first, ``<article>`` last), most specific
# first; the first with enough text is the article area.
ARTICLE_AREA_CLASSES = ("entry-content", "post-content", "article-body", "article-content",
                        "story-body", "article__body", "post-body", "entry-body")
AREA_CLASS_RANKS = {name: rank for rank, name in enumerate(ARTICLE_AREA_CLASSES, start=1)}
ARTICLE_TAG_RANK = len(ARTICLE_AREA_CLASSES) + 1
AREA_MIN_CHARS = 400
HEADING_TAGS = ("h1", "h2", "h3")
HEADING_RANKS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
PARAGRAPHS_XPATH = etree.XPath(".//p")
FORMS_XPATH = etree.XPath(".//form | .//nav | .//aside")
LINK_BLOCKS_XPATH = etree.XPath(".//ul | .//ol | .//div | .//section")
# Teaser cards: a link wrapping a headline, or a headline that holds a link.
TEASER_XPATH = etree.XPath(
    ".//a[.//h2 or .//h3 or .//h4 or .//h5 or .//h6]"
    " | .//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6][.//a]"
    " | .//*[contains(local-name(), '-teaser')]"  # a custom element: <x-inline-teaser>
)
PROTECTED_TAGS = frozenset({"html", "body", "main", "article", "head"})
INLINE_TAGS = frozenset({"a", "em", "strong", "b", "i", "u", "sup", "sub", "small", "abbr", "time",
                         "mark", "cite", "q", "code", "br", "img", "source", "picture"})
VISIBLE_TEXT_XPATH = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]",
    smart_strings=False,  # plain strings: only joined
)
HIDDEN_TEXT_TAGS = ("script", "style", "noscript", "template")
# A JavaScript/JSON string literal, and the escaped or plain paragraph tags a story's HTML holds.
STRING_LITERAL_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPED_P_TAG = "\\u003cp"
SCRIPT_HTML_MIN_PARAGRAPHS = 3
# A page whose paragraphs hold fewer characters than this may keep its story in script data.
SCRIPT_STORY_MAX_PAGE_CHARS = 500
# The page's summary (og:description, else the meta description): the lead it prints, if any.
DESCRIPTION_XPATH = etree.XPath(
    "(//meta[@property='og:description']/@content | //meta[@name='description']/@content)[1]"
)
# "//body/descendant::text()" is "//body//text()" without the intermediate set of every node
# (descendant-or-self::node()) that libxml2 builds for "//": a tenth faster.
TEXTS_WITH_NEEDLE_XPATH = etree.XPath(
    "//body/descendant::text()[contains(., $needle)][not(parent::script or parent::style)]"
)
SCRIPTS_WITH_HTML_XPATH = etree.XPath(
    "//script[not(@type='application/ld+json')][contains(., '\\u003cp')]"
)
LEAD_MIN_WORDS = 8
HGROUP_STANDFIRST_XPATH = etree.XPath(".//hgroup[h1]/*[self::h2 or self::p][not(.//a)]")
INLINE_OR_PARAGRAPH_TAGS = frozenset({"p", "span", "a", "em", "strong", "b", "i"})
LEAD_NEEDLE_CHARS = 40
STORY_PARAGRAPH_MIN_CHARS = 150
WS_RE = re.compile(r"\s+")
AD_LABEL_RE = rules.TEXT_PATTERNS_ANYWHERE["ad_label"]
# Any character CONTACT_RE's phone numbers need (its e-mail addresses need an "@").
DIGIT_RE = re.compile(r"\d")
CJK_CHAR_RE = re.compile("[\u3040-\u9fff\uac00-\ud7af]")
WORD_RE = re.compile(r"\w+")
TITLE_SPLIT_RE = re.compile(r"\s+[|–—·•:»-]\s+")
# Headline matching: a kicker glued in front holds at most this many letters (spaces left out)
# and KICKER_MAX_WORDS words (a longer lead-in is a sentence ending in the headline's words),
# the headline itself at least this many letters; a headline printed without the title's kicker
# keeps at least this many words. A kicker paragraph above the headline has at most
# KICKER_MAX_WORDS words.
KICKER_MAX_CHARS = 60
HEADLINE_MIN_CHARS = 20
HEADLINE_TAIL_MIN_WORDS = 4
KICKER_MAX_WORDS = 4


# --- helpers -------------------------------------------------------------------------------------


def collapse(text: str) -> str:
    """Whitespace runs collapsed to one space, stripped."""
    return WS_RE.sub(" ", text).strip()


def node_text(node: html.HtmlElement) -> str:
    """The visible text of ``node`` (scripts and styles left out), whitespace collapsed."""
    return collapse(" ".join(visible_texts(node)))


def visible_texts(node: html.HtmlElement) -> list[str]:
    """VISIBLE_TEXT_XPATH's text nodes of ``node``, in document order.

    Most nodes neither hold nor sit in a script, style, noscript or template: their text nodes
    are all of ``itertext()`` (which also yields entity references; HTML parsing leaves none,
    and a node holding one takes the XPath too), read without the XPath's four ancestor walks
    per text node (half node_text's time on ../shared/bench).
    """
    if (next(node.iter(etree.Entity, *HIDDEN_TEXT_TAGS), None) is None
            and next(node.iterancestors(*HIDDEN_TEXT_TAGS), None) is None):
        return list(node.itertext())
    return VISIBLE_TEXT_XPATH(node)


def word_count(text: str) -> int:
    """Words of ``text``; a CJK run counts one word per two characters."""
    words = len(text.split())
    if text.isascii():
        return words
    return max(words, len(CJK_CHAR_RE.findall(text)) // 2)


@lru_cache(maxsize=256)
def compile_selector(selector: str) -> etree.XPath:
    """A CSS selector or an XPath expression (starting with ``/`` or ``(``) compiled once."""
    selector = selector.strip()
    if selector.startswith(("/", "(", "./")):
        return etree.XPath(selector)
    try:
        return etree.XPath(CSSSelector(selector).path)
    except SelectorError as exc:
        raise ValueError(f"invalid selector {selector!r}: {exc}") from exc


def drop_node(node: html.HtmlElement, kind: str, removed: list[Removal]) -> None:
    """Remove ``node`` (keeping its tail text) and record it."""
    text = node_text(node)
    if text:
        removed.append(Removal(kind, text))
    node.drop_tree()


def dom_kind(node: html.HtmlElement) -> str | None:
    """The boilerplate kind that ``node``'s class, id, role or tag names, if any."""
    return _names_kind(node.get("class"), node.get("id"), node.get("role"))


def _names_kind(classes: str | None, ident: str | None, role: str | None) -> str | None:
    if role:
        kind = rules.DOM_ROLE_KINDS.get(role.strip().lower())
        if kind:
            return kind
    if classes:
        kind = value_kind(classes)
        if kind:
            return kind
    return value_kind(ident) if ident else None


# Any token of any kind as a whole name or a whole ``-``/``_`` part somewhere in a class or id
# attribute (lower-cased): one search that clears the three attributes in four naming none,
# before the per-name test. A name or part matching DOM_TOKEN_RE always matches here.
DOM_TOKEN_ANYWHERE_RE = re.compile(
    r"(?<![^\s\-_:.])(?:" + "|".join(f"(?:{p})" for p in rules.DOM_TOKENS.values())
    + r")(?![^\s\-_:.])"
)


@lru_cache(maxsize=16384)
def value_kind(value: str) -> str | None:
    """The first boilerplate kind named in a class or id attribute (cached: whole class strings
    repeat on a page and across a site's pages)."""
    if DOM_TOKEN_ANYWHERE_RE.search(value.lower()) is None:
        return None
    for name in value.split():
        kind = name_kind(name)
        if kind:
            return kind
    return None


@lru_cache(maxsize=16384)
def name_kind(raw: str) -> str | None:
    """The boilerplate kind one class or id name stands for (cached: names repeat a lot)."""
    name = raw.lower()
    if name.startswith(rules.DOM_NAME_EXCLUDED_PREFIXES):
        return None
    parts = [name, *rules.DOM_NAME_SPLIT.split(name)] if len(name) > 1 else [name]
    for part in parts:
        found = rules.DOM_TOKEN_RE.match(part)
        if found:
            return found.lastgroup
    return None


@dataclass(slots=True)
class PageScan:
    """One walk over the tree: the article area and the blocks whose names say boilerplate."""

    area: html.HtmlElement | None = None
    area_chars: int = 0
    blocks: list[tuple[html.HtmlElement, str]] = field(default_factory=list)
    areas: list[html.HtmlElement] = field(default_factory=list)  # candidates, best rank first

    def pick_area(self) -> html.HtmlElement | None:
        """Choose (again, after removals) the best candidate that still holds enough text."""
        self.area, self.area_chars = None, 0
        for node in self.areas:
            if _is_detached(node):
                continue
            chars = len(node.text_content())
            if chars >= AREA_MIN_CHARS:
                self.area, self.area_chars = node, chars
                break
        return self.area


def scan_page(tree: html.HtmlElement) -> PageScan:
    """Find the article area and every named boilerplate block in a single pass over ``tree``."""
    areas: list[tuple[int, int, html.HtmlElement]] = []
    blocks: list[tuple[html.HtmlElement, str]] = []
    for node in tree.iter(etree.Element):
        classes = node.get("class")
        ident = node.get("id")
        role = node.get("role")
        if classes or ident or role:
            kind = _names_kind(classes, ident, role)
            if kind is not None:
                blocks.append((node, kind))
        if classes or node.tag == "article" or node.get("itemprop"):
            rank = _area_rank(node, classes)
            if rank is not None:
                areas.append((rank, len(areas), node))
    scan = PageScan(blocks=blocks, areas=[node for *_key, node in sorted(areas, key=_first_two)])
    scan.pick_area()
    return scan


def _first_two(item: tuple[int, int, html.HtmlElement]) -> tuple[int, int]:
    return item[0], item[1]


def _area_rank(node: html.HtmlElement, classes: str | None) -> int | None:
    if node.get("itemprop") == "articleBody":
        return 0
    if classes:
        rank = _classes_rank(classes)
        if rank is not None:
            return rank
    return ARTICLE_TAG_RANK if node.tag == "article" else None


@lru_cache(maxsize=16384)
def _classes_rank(classes: str) -> int | None:
    ranks = [AREA_CLASS_RANKS[name] for name in classes.split() if name in AREA_CLASS_RANKS]
    return min(ranks) if ranks else None


def _is_protected(node: html.HtmlElement, area: html.HtmlElement | None) -> bool:
    if node.tag in PROTECTED_TAGS or not isinstance(node.tag, str):
        return True
    if node.tag in INLINE_TAGS:
        return True
    if area is not None and (node is area or node in area.iterancestors()):
        return True
    return bool(node.tag != "h1" and next(node.iter("h1"), None) is not None)


# --- DOM steps -----------------------------------------------------------------------------------


def drop_selected(
    tree: html.HtmlElement, options: CleaningOptions, removed: list[Removal]
) -> html.HtmlElement:
    """Remove what the source's ``drop_selectors`` name (kind ``selector``)."""
    for selector in options.drop_selectors:
        for node in compile_selector(selector)(tree):
            if node.getparent() is not None:
                drop_node(node, "selector", removed)
    return tree


def select_body(
    tree: html.HtmlElement, options: CleaningOptions, removed: list[Removal]
) -> html.HtmlElement:
    """Keep only the source's ``body_selector`` container(s), when it matches anything."""
    if not options.body_selector:
        return tree
    matches = [n for n in compile_selector(options.body_selector)(tree) if isinstance(n.tag, str)]
    if not matches:
        logger.debug("body_selector %r matched nothing", options.body_selector)
        return tree
    root = html.Element("html")
    head = tree.find("head")
    if head is not None:
        root.append(head)
    body = etree.SubElement(root, "body")
    for node in matches:
        node.tail = None
        body.append(node)
    return root


# The source's own selectors run first, before the generic rules look at the page.
SELECTOR_STEPS: tuple[DomStep, ...] = (select_body, drop_selected)


def drop_boilerplate_blocks(
    tree: html.HtmlElement, scan: PageScan, options: CleaningOptions, removed: list[Removal]
) -> html.HtmlElement:
    """Remove blocks whose class/id/role names a boilerplate kind; inside the article area only,
    except comment, cookie and newsletter blocks, which go page-wide."""
    area = scan.area
    story_chars = -1  # the page's paragraph text, measured once a block is up for removal
    for node, found in scan.blocks:
        kind: str | None = found
        if node.getparent() is None or _is_detached(node):
            continue
        in_area = area is not None and _inside(node, area)
        if kind == "tags":
            kind = "navigation" if in_area else None
        if kind is None or (not in_area and kind not in rules.PAGE_WIDE_KINDS):
            continue
        if kind == "embed" and not options.drop_embeds:
            continue
        if _is_protected(node, area):
            continue
        if story_chars < 0:
            story_chars = _paragraph_chars(tree)
        if _holds_the_story(node, kind, scan.area_chars, story_chars):
            continue
        if kind == "comments" and _is_bare_comment_form(node):
            kind = "comment_form"
        thread = _thread_after_heading(node, area, story_chars) if kind == "comments" else []
        drop_node(node, kind, removed)
        for post in thread:
            drop_node(post, "comments", removed)
    if area is not None and not _is_detached(area):
        _drop_forms_and_asides(area, removed)
    return tree


def _paragraph_chars(node: html.HtmlElement) -> int:
    return sum(len(p.text_content()) for p in PARAGRAPHS_XPATH(node))


def _has_paragraph_chars(node: html.HtmlElement, limit: int) -> bool:
    """Whether the paragraphs in ``node`` hold ``limit`` characters or more (read lazily)."""
    total = 0
    for paragraph in node.iter("p"):
        total += len(paragraph.text_content())
        if total >= limit:
            return True
    return False


def _holds_the_story(node: html.HtmlElement, kind: str, area_chars: int, story_chars: int) -> bool:
    """A block too big for its kind: it wraps the story (a "share" class on the post wrapper)."""
    if story_chars and _paragraph_chars(node) > rules.MAX_STORY_SHARE * story_chars:
        return True
    if kind in COMMENT_KINDS:
        return False
    chars = len(node.text_content())
    return chars > rules.MAX_BLOCK_CHARS and chars > rules.MAX_AREA_SHARE * area_chars


def _inside(node: html.HtmlElement, area: html.HtmlElement) -> bool:
    return any(anc is area for anc in node.iterancestors())


def _is_detached(node: html.HtmlElement) -> bool:
    """Whether ``node`` sits in a subtree already dropped (lxml keeps it in the document)."""
    top = node
    for top in node.iterancestors():  # noqa: B007 - the loop finds the topmost ancestor
        pass
    return top.tag != "html"


def _thread_after_heading(
    heading: html.HtmlElement, area: html.HtmlElement | None, story_chars: int
) -> list[html.HtmlElement]:
    """The blocks a comment-section heading opens: its following siblings up to the next heading
    of its rank or higher (a forum thread's replies, a list of reader comments printed next to
    their heading rather than inside a comment container). Empty when ``heading`` is no heading
    or the blocks may hold the story: one is or holds the article area or the page's ``<h1>``,
    or, with no article area found, they hold over half the page's paragraph text."""
    rank = HEADING_RANKS.get(heading.tag)
    if rank is None:
        return []
    thread: list[html.HtmlElement] = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        sibling_rank = HEADING_RANKS.get(sibling.tag)
        if sibling_rank is not None and sibling_rank <= rank:
            break
        if next(sibling.iter("h1"), None) is not None:
            return []
        if area is not None and (sibling is area or _inside(area, sibling)):
            return []
        thread.append(sibling)
    if area is None and story_chars and (
        sum(map(_paragraph_chars, thread)) > rules.MAX_STORY_SHARE * story_chars
    ):
        return []
    return thread


def _is_bare_comment_form(node: html.HtmlElement) -> bool:
    """A comment section holding the reply form but no reader comment yet."""
    return node.find(".//form") is not None and not node.xpath(".//li | .//article")


def _drop_forms_and_asides(area: html.HtmlElement, removed: list[Removal]) -> None:
    for node in FORMS_XPATH(area):
        if node.getparent() is None or _is_protected(node, area):
            continue
        if node.tag == "form":
            if node.find(".//textarea") is not None:
                kind = "comment_form"
            elif node.find('.//input[@type="email"]') is not None:
                kind = "newsletter"
            else:
                kind = "navigation"
        else:
            kind = rules.DOM_TAG_KINDS[node.tag]
        drop_node(node, kind, removed)


def drop_link_lists(area: html.HtmlElement | None, removed: list[Removal]) -> None:
    """Remove link-dense lists and boxes inside the article area (``related``)."""
    if area is None or _is_detached(area):
        return
    for node in LINK_BLOCKS_XPATH(area):
        if node.getparent() is None or _is_protected(node, area) or _is_detached(node):
            continue
        links = node.findall(".//a")
        if len(links) < rules.LINK_DENSITY_MIN_LINKS:
            continue
        text = node_text(node)
        if not text or len(text) > rules.LINK_DENSITY_MAX_CHARS:
            continue
        link_chars = sum(len(collapse(a.text_content())) for a in links)
        if link_chars / len(text) >= rules.LINK_DENSITY_THRESHOLD:
            drop_node(node, "related", removed)


def drop_teasers(area: html.HtmlElement | None, removed: list[Removal]) -> None:
    """Remove teasers of other stories inside the article area (``related``): a link that wraps
    a headline, or a headline that is all one link."""
    if area is None or _is_detached(area):
        return
    for node in TEASER_XPATH(area):
        if node.getparent() is None or node is area or _is_detached(node):
            continue
        text = node_text(node)
        if not text or len(text) > rules.TEASER_MAX_CHARS:
            continue
        if node.tag == "a" and (node.get("href") or "").startswith("#"):
            continue
        if node.tag != "a" and "-teaser" not in node.tag and not _is_all_link(node, text):
            continue
        if next(node.iter("h1"), None) is not None:
            continue
        drop_node(node, "related", removed)


def _is_all_link(heading: html.HtmlElement, text: str) -> bool:
    """Whether the text of ``heading`` is that of one link (to another page)."""
    links = heading.findall(".//a")
    if len(links) != 1 or (links[0].get("href") or "").startswith("#"):
        return False
    return len(node_text(links[0])) >= 0.9 * len(text)


def restore_script_story(tree: html.HtmlElement) -> bool:
    """Put a story that only exists as HTML inside script data (a Next.js or Nuxt page rendered in
    the browser) into the page as an ``<article>``, when the page itself has hardly any paragraph
    text; returns whether it did."""
    # The paragraph test first, stopping at the limit: nearly every page passes it within a few
    # paragraphs, and it spares the script search (which copies every script's text).
    if _has_paragraph_chars(tree, SCRIPT_STORY_MAX_PAGE_CHARS):
        return False
    scripts = [s.text for s in SCRIPTS_WITH_HTML_XPATH(tree) if s.text]
    if not scripts:
        return False
    fragments = [f for text in scripts for f in _html_strings(text, depth=2)]
    body = tree.find("body")
    if not fragments or body is None:
        return False
    best = max(fragments, key=lambda f: f.count("<p"))
    article = etree.SubElement(body, "article")
    for part in html.fragments_fromstring(best):
        if isinstance(part, str):
            article.text = (article.text or "") + part
        else:
            article.append(part)
    return True


def _html_strings(text: str, depth: int) -> list[str]:
    """The decoded string literals of ``text`` holding several paragraphs of HTML; a literal that
    is itself JSON is searched again (``depth`` levels), its innermost HTML strings preferred."""
    found: list[str] = []
    for match in STRING_LITERAL_RE.finditer(text):
        literal = match.group(1)
        if literal.count(ESCAPED_P_TAG) + literal.count("<p") < SCRIPT_HTML_MIN_PARAGRAPHS:
            continue
        try:
            decoded = json.loads(f'"{literal}"')
        except ValueError:
            continue
        inner = _html_strings(decoded, depth - 1) if depth > 0 and '"' in decoded else []
        found.extend(inner or [decoded])
    return found


def restore_lead(tree: html.HtmlElement, area: html.HtmlElement | None) -> bool:
    """Move the printed lead (standfirst: the element showing the page's description) next to
    the story's first paragraph when the extractor would miss it: outside the article area, in a
    ``<header>`` or in a "teaser" block (which the extractor drops); returns whether it did."""
    if area is None or area.tag in INLINE_OR_PARAGRAPH_TAGS or _is_detached(area):
        return False
    found = DESCRIPTION_XPATH(tree)
    description = collapse(str(found[0])) if found else ""
    lead = None
    if word_count(description) >= LEAD_MIN_WORDS:
        lead = _lead_element(tree, description[:LEAD_NEEDLE_CHARS], description)
    if lead is None:
        lead = _hgroup_standfirst(area)
    if lead is None or lead is area or _inside(area, lead) or not _lead_is_hidden(lead, area):
        return False
    first = _first_story_paragraph(area, lead)
    if first is None:
        return False
    paragraph = html.Element("p")
    paragraph.text = node_text(lead)
    first.addprevious(paragraph)
    lead.drop_tree()
    return True


def _hgroup_standfirst(area: html.HtmlElement) -> html.HtmlElement | None:
    """The sentence printed under the headline in its ``<hgroup>`` (a standfirst, not a short
    kicker), which the extractor drops with the page header."""
    for heading in HGROUP_STANDFIRST_XPATH(area):
        if word_count(node_text(heading)) >= LEAD_MIN_WORDS:
            return heading
    return None


def _lead_is_hidden(lead: html.HtmlElement, area: html.HtmlElement) -> bool:
    """Whether the extractor would miss ``lead``: outside the area, under a header or a teaser."""
    if not _inside(lead, area) or _is_bare_text_div(lead):
        return True
    for node in (lead, *lead.iterancestors()):
        if node is area:
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if node.tag == "header" or "teaser" in names:
            return True
    return False


def _is_bare_text_div(node: html.HtmlElement) -> bool:
    """A ``<div>`` holding text and inline markup only: the extractor drops its text."""
    return node.tag == "div" and all(child.tag in INLINE_TAGS for child in node)


def _first_story_paragraph(
    area: html.HtmlElement, lead: html.HtmlElement
) -> html.HtmlElement | None:
    """The first paragraph of the story proper in the area (not the lead, not a caption)."""
    for paragraph in PARAGRAPHS_XPATH(area):
        if paragraph is lead or _inside(paragraph, lead) or _inside(lead, paragraph):
            continue
        if len(paragraph.text_content()) >= STORY_PARAGRAPH_MIN_CHARS:
            return paragraph
    return None


def _lead_element(tree: html.HtmlElement, needle: str, description: str) -> html.HtmlElement | None:
    """The smallest element printing ``description`` (its text about as long, no more)."""
    texts = TEXTS_WITH_NEEDLE_XPATH(tree, needle=needle)
    if not texts:
        return None
    element = texts[0].getparent()
    if element is None:
        return None
    if texts[0].is_tail:
        element = element.getparent()
    text = node_text(element)
    while len(text) < 0.8 * len(description) and element.getparent() is not None:
        element = element.getparent()
        text = node_text(element)
    if description[:-3] not in text and text not in description:
        return None
    return element if len(text) <= 1.5 * len(description) else None


def merge_split_area(scan: PageScan) -> int:
    """Gather a story split over repeated containers (the article area's class again, in sibling
    wrappers between ads) into the area, so the extractor reads it whole; returns how many moved.

    A twin holding a headline, or with a heading of its own next to it, is another story (an
    appended article, a post of a blog's front page), and is left where it is."""
    area = scan.area
    if area is None or _area_rank(area, area.get("class")) == ARTICLE_TAG_RANK:
        return 0  # repeated <article> elements are teasers or appended stories
    signature = (area.tag, area.get("class"), area.get("itemprop"))
    # Candidates of one class share a rank, so scan.areas holds them in document order.
    group = [n for n in scan.areas if (n.tag, n.get("class"), n.get("itemprop")) == signature]
    moved = 0
    before = 0
    seen_area = False
    for node in group:
        if node is area:
            seen_area = True
            continue
        if not _is_twin(node, area):
            continue
        _detach_keeping_tail(node)
        if seen_area:
            area.append(node)
        else:
            area.insert(before, node)
            before += 1
        moved += 1
    if moved:
        scan.area_chars = len(area.text_content())
    return moved


def _is_twin(node: html.HtmlElement, area: html.HtmlElement) -> bool:
    if _is_detached(node) or _inside(node, area) or _inside(area, node):
        return False
    if not node_text(node) or next(node.iter("h1"), None) is not None:
        return False
    ancestors = set(area.iterancestors())
    branch = node  # the top of node's own branch below the ancestor it shares with the area
    while (parent := branch.getparent()) is not None and parent not in ancestors:
        branch = parent
    return not any(not _inside(h, node) for h in branch.iter(*HEADING_TAGS))


def _detach_keeping_tail(node: html.HtmlElement) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
        node.tail = None
    parent.remove(node)


def clean_tree(
    tree: html.HtmlElement, options: CleaningOptions, removed: list[Removal]
) -> html.HtmlElement:
    """Run the DOM steps in order over ``tree`` (a private copy: it is modified)."""
    return clean_page(tree, options, removed)[0]


def clean_page(
    tree: html.HtmlElement, options: CleaningOptions, removed: list[Removal]
) -> tuple[html.HtmlElement, html.HtmlElement | None]:
    """The DOM steps over ``tree`` (modified), and the article area found on the way (or None).

    The page is walked once for the article area and the named blocks, which both rule steps
    share.
    """
    area = None
    for step in SELECTOR_STEPS:
        tree = step(tree, options, removed)
    if options.dom_rules:
        restore_script_story(tree)
        scan = scan_page(tree)
        merge_split_area(scan)
        drop_boilerplate_blocks(tree, scan, options, removed)
        area = scan.pick_area()
        drop_link_lists(area, removed)
        drop_teasers(area, removed)
        restore_lead(tree, area)
    return tree, area


# --- text steps ----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower-cased words only, for loose comparisons of headlines."""
    return " ".join(WORD_RE.findall(text.casefold()))


def title_variants(*candidates: str | None) -> list[str]:
    """Normalised headline variants: each candidate and its parts around ``|``/``–`` separators."""
    seen: list[str] = []
    for candidate in candidates:
        if not candidate:
            continue
        for variant in (candidate, *TITLE_SPLIT_RE.split(candidate)):
            norm = normalise(variant)
            if len(norm.split()) >= 2 and norm not in seen:
                seen.append(norm)
    return seen


def drop_headline(paragraphs: list[str], ctx: TextContext, removed: list[Removal]) -> list[str]:
    """Remove the headline when trafilatura kept it as the first paragraph(s), with the short
    kicker printed above it ("MIDDLE EAST CRISIS") or glued in front of it."""
    if len(paragraphs) < 2 or not ctx.titles:
        return paragraphs
    compact_titles = [title.replace(" ", "") for title in ctx.titles]
    kept = list(paragraphs)
    for _ in range(2):
        if len(kept) > 1 and is_headline(kept[0], ctx.titles, compact_titles):
            removed.append(Removal("headline", kept.pop(0)))
        elif (len(kept) > 2 and _is_kicker(kept[0])
              and is_headline(kept[1], ctx.titles, compact_titles)):
            removed.extend(Removal("headline", kept.pop(0)) for _ in range(2))
        else:
            break
    return kept


def is_headline(paragraph: str, titles: Sequence[str], compact_titles: Sequence[str]) -> bool:
    """Whether ``paragraph`` prints a headline variant: the same words (spaces aside: kicker and
    headline spans are often glued), after a short kicker, or without the title's kicker."""
    norm = normalise(paragraph)
    if norm in titles:
        return True
    compact = norm.replace(" ", "")
    printed_words = len(paragraph.split())  # "US-Dream-Team" is one word of a kicker
    for spaced, title in zip(titles, compact_titles, strict=True):
        if compact == title:
            return True
        if (len(title) >= HEADLINE_MIN_CHARS and compact.endswith(title)
                and len(compact) - len(title) <= KICKER_MAX_CHARS
                and printed_words - len(spaced.split()) <= KICKER_MAX_WORDS):
            return True
        if len(norm.split()) >= HEADLINE_TAIL_MIN_WORDS and title.endswith(compact):
            return True
    return False


def _is_kicker(paragraph: str) -> bool:
    """A short label above the headline ("MIDDLE EAST CRISIS", "Finanzmärkte"): a few
    capitalised words, no sentence (a "Posted on" line is no kicker)."""
    words = paragraph.split()
    return (
        len(words) <= KICKER_MAX_WORDS
        and all(not word[0].islower() for word in words)
        and not paragraph.rstrip().endswith((".", "!", "?", ":"))
    )


def drop_byline(paragraphs: list[str], ctx: TextContext, removed: list[Removal]) -> list[str]:
    """Remove a printed "By Jane Doe" line at the top of the body (kind ``byline``)."""
    for index, paragraph in enumerate(paragraphs[: rules.BYLINE_HEAD]):
        if len(paragraph.split()) <= rules.BYLINE_MAX_WORDS and rules.BYLINE_RE.match(paragraph):
            removed.append(Removal("byline", paragraph))
            return paragraphs[:index] + paragraphs[index + 1 :]
    return paragraphs


def drop_dateline(paragraphs: list[str], ctx: TextContext, removed: list[Removal]) -> list[str]:
    """Remove a dateline standing alone as the first paragraph ("NEW DELHI:", "Berlin.")."""
    if len(paragraphs) > 1 and rules.DATELINE_RE.match(paragraphs[0]):
        removed.append(Removal("metadata", paragraphs[0]))
        return paragraphs[1:]
    return paragraphs


def is_credit_line(paragraph: str, titles: Sequence[str] = ()) -> bool:
    """Whether ``paragraph`` credits reporters, editors or agencies, not the story."""
    if len(paragraph.split()) > rules.CREDIT_LINE_MAX_WORDS:
        return False
    if rules.CREDIT_LINE_RE.search(paragraph):
        return True
    norm = normalise(paragraph)
    for title in titles:
        at = norm.find(title)
        if at < 0:
            continue
        rest = norm[at + len(title):].strip()
        if rest and len(rest.split()) <= 15 and rules.NEWSROOM_CREDIT_RE.search(rest):
            return True
    return False


def drop_credit_lines(paragraphs: list[str], ctx: TextContext, removed: list[Removal]) -> list[str]:
    """Remove credit lines ("Reporting by ...", "Mit Material von dpa", a headline + newsroom
    credit) from the end of the body, and parenthesised ones anywhere (kind ``credit_line``)."""
    kept: list[str] = []
    tail_start = max(0, len(paragraphs) - rules.CREDIT_LINE_TAIL)
    for index, paragraph in enumerate(paragraphs):
        in_tail = index >= tail_start or paragraph.startswith("(")
        if index > 0 and in_tail and is_credit_line(paragraph, ctx.titles):
            removed.append(Removal("credit_line", paragraph))
        else:
            kept.append(paragraph)
    return kept


# --- fast paths for the wording rules ----------------------------------------------------------

REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def required_substrings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` contains at least one (None: no such set).

    Read from the regex's parse tree: a run of literal characters is required, an alternation
    requires one of its branches' sets, a group or a repeat of at least one its content's; of a
    sequence's required sets the one with the longest shortest string is kept. Everything else
    (classes, anchors, optional parts, lookarounds) requires nothing. A text holding none of
    the strings cannot match, which a few ``in`` tests settle at a tenth of a search's cost.
    Case-insensitive patterns get None (their literals would need case folding).
    """
    if pattern.flags & re.IGNORECASE:
        return None
    found = _required_in(sre_parser.parse(pattern.pattern, pattern.flags).data)
    if found is None:
        return None
    # A string holding another is redundant: any text holding it holds the shorter one.
    return tuple(sorted(s for s in found if not any(o != s and o in s for o in found)))


def _required_in(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """The best required set of a parsed sequence (see :func:`required_substrings`)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre_constants.LITERAL:
            run.append(chr(arg))  # type: ignore[arg-type]
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        if op is sre_constants.SUBPATTERN:
            _group, add_flags, _del_flags, content = arg  # type: ignore[misc]
            if add_flags & re.IGNORECASE:
                return None
            candidates.append(_required_in(content.data))
        elif op is sre_constants.BRANCH:
            branches = [_required_in(branch.data) for branch in arg[1]]  # type: ignore[index]
            if all(branches):
                candidates.append(frozenset().union(*branches))
        elif op in REPEATS and arg[0] >= 1:  # type: ignore[index]
            candidates.append(_required_in(arg[2].data))  # type: ignore[index]
    if run:
        candidates.append(frozenset({"".join(run)}))
    useful = [c for c in candidates if c]
    return max(useful, key=lambda c: (min(map(len, c)), -len(c))) if useful else None


# The anywhere rules in kind order, each with the strings one of which a match needs.
ANYWHERE_RULES: tuple[tuple[str, tuple[str, ...] | None, re.Pattern[str]], ...] = tuple(
    (kind, required_substrings(pattern), pattern)
    for kind, pattern in rules.TEXT_PATTERNS_ANYWHERE.items()
)


def anywhere_kind(lowered: str) -> str | None:
    """The first kind (in rule order) whose anywhere pattern occurs in the lower-cased text.

    Same result as searching every pattern: a pattern is searched only when the text holds one
    of its required substrings, without which it cannot match.
    """
    for kind, needles, pattern in ANYWHERE_RULES:
        if needles is not None and not _holds_any(lowered, needles):
            continue
        if pattern.search(lowered):
            return kind
    return None


class Prefiltered:
    """A regex searched only in texts holding one of its required substrings: the same answers
    as ``pattern.search``, and a few ``in`` tests settle the texts that cannot match."""

    __slots__ = ("needles", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles = required_substrings(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        if self.needles is not None and not _holds_any(text, self.needles):
            return None
        return self.pattern.search(text)


def _holds_any(text: str, needles: tuple[str, ...]) -> bool:
    # a plain loop: any() over a generator costs a quarter more than the tests themselves
    for needle in needles:  # noqa: SIM110
        if needle in text:
            return True
    return False


def paragraph_kind(paragraph: str) -> str | None:
    """The boilerplate kind a short paragraph's wording names, if any."""
    words = len(paragraph.split())
    if words > rules.MAX_BOILERPLATE_WORDS:
        return _long_boilerplate_kind(paragraph, words)
    kind = anywhere_kind(paragraph.lower())
    if kind:
        return kind
    found = rules.TEXT_START_RE.match(paragraph)
    if found:
        return found.lastgroup
    if words <= rules.CONTACT_MAX_WORDS and _is_contact(paragraph):
        return "contact_details"
    if words <= rules.METADATA_MAX_WORDS and rules.METADATA_RE.match(
        rules.BULLET_RE.sub("", paragraph)  # a list item's bullet left out
    ):
        return "metadata"
    if words <= 3 * rules.METADATA_FIELD_MAX_WORDS and _is_metadata_fields(paragraph):
        return "metadata"
    if words <= 6 and rules.PHOTO_AGENCY_RE.match(paragraph):
        return "photo_credit"
    if words <= rules.CAPTION_MAX_WORDS and rules.CAPTION_CREDIT_RE.match(paragraph):
        return "photo_credit"
    return None


def _long_boilerplate_kind(paragraph: str, words: int) -> str | None:
    """The kind of a long consent box or cookie notice (their wording is never a story's)."""
    if words > rules.LONG_BOILERPLATE_MAX_WORDS:
        return None
    found = rules.LONG_TEXT_START_RE.match(paragraph)
    return found.lastgroup if found else None


def _is_long_disclosure(paragraphs: list[str], index: int) -> bool:
    """An affiliate disclosure too long for the other wording rules, at the top or the end."""
    if rules.DISCLOSURE_HEAD <= index < len(paragraphs) - rules.DISCLOSURE_TAIL:
        return False
    paragraph = paragraphs[index]
    words = len(paragraph.split())
    return (
        rules.MAX_BOILERPLATE_WORDS < words <= rules.DISCLOSURE_MAX_WORDS
        and AD_LABEL_RE.search(paragraph.lower()) is not None
    )


def _is_metadata_fields(paragraph: str) -> bool:
    """Short fields joined by separators, one of them a date or a time."""
    fields = rules.METADATA_FIELD_SPLIT.split(paragraph)
    return (
        len(fields) >= 2
        and all(len(f.split()) <= rules.METADATA_FIELD_MAX_WORDS for f in fields)
        and any(rules.METADATA_DATE_FIELD_RE.match(f.strip()) for f in fields)
    )


def _is_contact(paragraph: str) -> bool:
    # CONTACT_RE's e-mail addresses hold an "@", its phone numbers digits: without either the
    # search (a tenth of the paragraph rules' time) cannot find anything.
    if "@" not in paragraph and DIGIT_RE.search(paragraph) is None:
        return False
    found = rules.CONTACT_RE.findall(paragraph)
    if not found:
        return False
    share = sum(len(f) for f in found) / len(paragraph)
    return share > 0.4 or bool(rules.CONTACT_WORDS_RE.search(paragraph.split("@", 1)[0]))


def drop_boilerplate_paragraphs(
    paragraphs: list[str], ctx: TextContext, removed: list[Removal]
) -> list[str]:
    """Remove short paragraphs whose wording is boilerplate; after a comment-section marker in
    the second half of the body, everything else is reader comments."""
    kept: list[str] = []
    in_comments = False
    half = len(paragraphs) // 2
    after_author_heading = False
    for index, paragraph in enumerate(paragraphs):
        kind = paragraph_kind(paragraph)
        if kind in COMMENT_KINDS and index >= half and index > 0:
            in_comments = True
        if kind is None and in_comments:
            kind = "comments"
        author_heading = kind is None and _is_author_heading(paragraphs, index)
        if kind is None and (author_heading or after_author_heading):
            kind = "author_bio"
        if kind is None and _is_closing_bio(paragraphs, index):
            kind = "author_bio"
        if kind is None and is_homoglyph_spam(paragraph):
            kind = "ad_label"
        if kind is None and _is_long_disclosure(paragraphs, index):
            kind = "ad_label"
        after_author_heading = author_heading
        if kind is None:
            kept.append(paragraph)
        else:
            removed.append(Removal(kind, paragraph))
    return kept


def _is_author_heading(paragraphs: list[str], index: int) -> bool:
    """An "About the author" heading in the second half, with the bio paragraph after it."""
    return (
        len(paragraphs) // 2 <= index < len(paragraphs) - 1
        and len(paragraphs[index + 1].split()) <= rules.BIO_MAX_WORDS
        and rules.AUTHOR_HEADING_RE.match(paragraphs[index]) is not None
    )


def _is_closing_bio(paragraphs: list[str], index: int) -> bool:
    """A short "Jane Doe is the founder of ..." among the last two paragraphs of a long body."""
    paragraph = paragraphs[index]
    return (
        len(paragraphs) >= rules.BIO_MIN_PARAGRAPHS
        and index >= len(paragraphs) - 2
        and len(paragraph.split()) <= rules.BIO_MAX_WORDS
        and rules.CLOSING_BIO_RE.match(paragraph) is not None
    )


def is_homoglyph_spam(paragraph: str) -> bool:
    """Whether ``paragraph`` hides words behind look-alike letters of another script."""
    if rules.CYRILLIC_RE.search(paragraph, 0, 2000) is None:  # ten times cheaper than findall
        return False
    return len(rules.HOMOGLYPH_RE.findall(paragraph, 0, 2000)) >= rules.HOMOGLYPH_MIN_JOINS


def drop_embed_lines(paragraphs: list[str], ctx: TextContext, removed: list[Removal]) -> list[str]:
    """Remove the lines of embedded tweets ("— Jane (@jane) July 1, 2026", "pic.twitter.com/…")
    that trafilatura kept (kind ``embed``); runs only with ``drop_embeds``."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph.split()) <= rules.MAX_BOILERPLATE_WORDS and rules.TWEET_LINE_RE.search(
            paragraph
        ):
            removed.append(Removal("embed", paragraph))
        else:
            kept.append(paragraph)
    return kept


def trim_read_more(paragraphs: list[str], ctx: TextContext, removed: list[Removal]) -> list[str]:
    """Cut a "[read more]" link off the end of a paragraph (kind ``related``)."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if paragraph.endswith("]") and (found := rules.READ_MORE_TAIL_RE.search(paragraph)):
            removed.append(Removal("related", found.group().strip()))
            paragraph = paragraph[: found.start()]
            if not paragraph:
                continue
        kept.append(paragraph)
    return kept


TEXT_STEPS: tuple[TextStep, ...] = (
    trim_read_more, drop_headline, drop_byline, drop_dateline, drop_credit_lines,
    drop_boilerplate_paragraphs, drop_embed_lines,
)
# The wording rules that ``CleaningOptions.text_rules`` switches off.
TEXT_RULE_STEPS = frozenset({trim_read_more, drop_boilerplate_paragraphs})


def clean_paragraphs(
    paragraphs: list[str], ctx: TextContext, removed: list[Removal], options: CleaningOptions
) -> list[str]:
    """Run the text steps in order over trafilatura's paragraphs."""
    for step in TEXT_STEPS:
        if step in TEXT_RULE_STEPS and not options.text_rules:
            continue
        if step is drop_embed_lines and not options.drop_embeds:
            continue
        paragraphs = step(paragraphs, ctx, removed)
    return paragraphs
