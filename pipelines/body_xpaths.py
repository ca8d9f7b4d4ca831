"""trafilatura's extraction steps with their content and boilerplate XPaths read in Python.

trafilatura (pinned >=2.3.1,<2.4) finds the article frame (``BODY_XPATH``) and the blocks it
prunes (``OVERALL_DISCARD_XPATH``, ``TEASER_DISCARD_XPATH``, ``DISCARD_IMAGE_ELEMENTS``, and
``BASIC_CLEAN_XPATH`` before its plain-text and jusText passes) with XPath expressions calling
EXSLT ``re:test``, for which lxml calls back into Python once per element and test: about 5 µs
an element, 3.3 ms of a page's 25 ms on ../shared/bench. Each expression here is a
:class:`TreeTest` giving the same elements in the same order from one walk that reads the
attributes in Python, at about a fifth of the cost.

The functions at the end are trafilatura's own (same code) bound to a copy of their module's
namespace where those names are the tree tests: nothing in trafilatura itself changes, so
trafilatura run elsewhere in the process (the benchmark's comparison) is untouched.
tests/test_body_xpaths.py compares every tree test with its XPath.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from types import FunctionType, ModuleType
from typing import Any

import trafilatura.core as trafilatura_core
import trafilatura.external as trafilatura_external
import trafilatura.main_extractor as trafilatura_main
from lxml import etree

# An element's attributes as (name, value) pairs in source order and as a dict.
Attrs = dict[str, str]
Items = list[tuple[str, str]]
Test = Callable[[str, Attrs, Items], bool]

# The regular expressions of the XPaths' re:test calls, copied verbatim (tests check each one
# still appears in trafilatura's expression).
ARTICLE_CONTENT_ID = re.compile(
    r"(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|body-text"
)
ARTICLE_CONTENT_CLASS = re.compile(
    r"post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper|"
    r"article-?text|articleText|(?:entry|page|text|article|art)-content|article__content|"
    r"article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container"
)
STORY_ID = re.compile(r"^primary|story-body")
FULLTEXT_CLASS = re.compile(r"fulltext", re.IGNORECASE)
STORY_CLASS = re.compile(
    r"^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post|"
    r"main-column|wpb_text_column|story-body|field-body"
)
MAIN_CONTENT_ID = re.compile(r"content-main|content-body|contentBody")
MAIN_CONTENT_CLASS = re.compile(r"content[-_]main|content(?:-|__)body")
# Three of them are literal words, tested as substrings (the same as their search).
COOKIE_WORD = "cookie"
COOKIE = re.compile(COOKIE_WORD)
DISCARD_ID = re.compile(
    r"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|"
    r"^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related|"
    r"message-container|premium|^ad-"
)
DISCARD_CLASS = re.compile(
    r"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|"
    r"^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|(?:^| )ad-|"
    r"dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline|Byline|share-|"
    r"sociable|embedded|embed|tag-list|consent|modal-content|permission|elated|next-|-stories|"
    r"most-popular|more-on|meta|rating|attachment|timestamp|user-info|user-profile|-icon|"
    r"article-infos|message-container|slide|viewport|overlay|options|expand|obfuscated|blurred|"
    r"mol-factbox|yin|zlylin|nfoline"
)
HIDDEN_WORD = "hidden"
HIDDEN = re.compile(HIDDEN_WORD)
READER_COMMENTS_WORDS = ("reader-comments", "akismet")
READER_COMMENTS_ID = re.compile("|".join(READER_COMMENTS_WORDS))
HIDE_CLASS = re.compile(
    r"^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print|"
    r" hidden| hide|noprint|notloaded"
)
COOKIE_CONSENT = re.compile(
    r"cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie"
    r"|consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr",
    re.IGNORECASE,
)
# None of them matches an empty string, so an absent attribute (XPath's "") never passes.
PATTERNS = (ARTICLE_CONTENT_ID, ARTICLE_CONTENT_CLASS, STORY_ID, FULLTEXT_CLASS, STORY_CLASS,
            MAIN_CONTENT_ID, MAIN_CONTENT_CLASS, COOKIE, DISCARD_ID, DISCARD_CLASS, HIDDEN,
            READER_COMMENTS_ID, HIDE_CLASS, COOKIE_CONSENT)


def cached_search(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether ``pattern`` occurs in a value, cached by value: class and id values repeat
    within a page, in each of trafilatura's passes over it and across a site's pages, and the
    long alternations cost ten times a cache lookup."""

    @lru_cache(maxsize=CACHED_VALUES)
    def found(value: str) -> bool:
        return pattern.search(value) is not None

    return found


# Per cache: a page's distinct values (hundreds) and a site's recurring ones, at ~0.35 MB a
# cache when full (16,384 held 5.7 MB in all after the 635 bench pages).
CACHED_VALUES = 4096
discard_id = cached_search(DISCARD_ID)
discard_class = cached_search(DISCARD_CLASS)
hide_class = cached_search(HIDE_CLASS)
cookie_consent = cached_search(COOKIE_CONSENT)

FRAME_TAGS = ("article", "div", "main", "section")
BLOCK_TAGS = ("div", "item", "list", "p", "section", "span")
ID_CLASS = frozenset({"id", "class"})
ID_STYLE = frozenset({"id", "style"})
# the tags BASIC_CLEAN_XPATH always drops
CLEANED_TAGS = frozenset({"aside", "fencedframe", "footer", "script", "style", "svg", "template"})
LOWER_CM = str.maketrans("CM", "cm")
LOWER_CP = str.maketrans("CP", "cp")


class TreeTest:
    """Stands in for one compiled XPath: ``test(tree)`` lists the descendants of ``tree`` with
    one of ``tags`` (any element when empty) that pass ``passes``, in page order; with
    ``first``, only the first of them (XPath's ``(...)[1]``)."""

    __slots__ = ("first", "name", "passes", "tags", "without_attributes")

    def __init__(self, name: str, tags: Iterable[str], passes: Test, *, first: bool = False,
                 without_attributes: bool = False) -> None:
        self.name = name
        self.tags = tuple(tags)
        self.passes = passes
        self.first = first
        self.without_attributes = without_attributes  # can an element without any pass?

    def __call__(self, tree: etree._Element) -> list[etree._Element]:
        found: list[etree._Element] = []
        passes, bare = self.passes, self.without_attributes
        for node in tree.iterdescendants(*self.tags) if self.tags else tree.iterdescendants(
                etree.Element):
            items = node.items()
            if (items or bare) and passes(node.tag, dict(items), items):
                found.append(node)
                if self.first:
                    break
        return found

    def __repr__(self) -> str:
        return f"TreeTest({self.name})"


def first_of(items: Items, names: frozenset[str]) -> str:
    """XPath's string value of ``@a|@b``: the first of those attributes in source order."""
    for name, value in items:
        if name in names:
            return value
    return ""


def first_id_or_class(items: Items, id_: str | None, class_: str | None) -> str:
    """``first_of(items, ID_CLASS)`` given the two values: only an element with both needs the
    walk over its attributes."""
    if id_ is None:
        return class_ or ""
    if class_ is None:
        return id_
    return first_of(items, ID_CLASS)


def _article_content(tag: str, attrs: Attrs, items: Items) -> bool:
    """BODY_XPATH[0]: an article-body id or class."""
    id_, class_ = attrs.get("id", ""), attrs.get("class", "")
    # an empty value matches no pattern (here and below): its search is skipped
    return (class_ in ("post", "entry") or attrs.get("itemprop") == "articleBody"
            or id_ == "articleContent" or bool(id_ and ARTICLE_CONTENT_ID.search(id_))
            or bool(class_ and ARTICLE_CONTENT_CLASS.search(class_)))


def _any(tag: str, attrs: Attrs, items: Items) -> bool:
    """BODY_XPATH[1]: every ``<article>``."""
    return True


def _story(tag: str, attrs: Attrs, items: Items) -> bool:
    """BODY_XPATH[2]: a story id, class or role."""
    id_, class_ = attrs.get("id", ""), attrs.get("class", "")
    return (attrs.get("role") == "article" or id_ in ("article", "story")
            or class_ in ("postarea", "art-postcontent", "text", "cell", "story")
            or bool(id_ and STORY_ID.search(id_))
            or bool(class_ and (FULLTEXT_CLASS.search(class_) or STORY_CLASS.search(class_))))


def _main_content(tag: str, attrs: Attrs, items: Items) -> bool:
    """BODY_XPATH[3]: a main-content id or class."""
    id_, class_ = attrs.get("id", ""), attrs.get("class", "")
    return (id_ == "content" or class_ == "content" or bool(id_ and MAIN_CONTENT_ID.search(id_))
            or bool(class_ and MAIN_CONTENT_CLASS.search(class_))
            or "main-content" in id_.translate(LOWER_CM)
            or "main-content" in class_.translate(LOWER_CM)
            or "page-content" in class_.translate(LOWER_CP))


def _main(tag: str, attrs: Attrs, items: Items) -> bool:
    """BODY_XPATH[4]: ``<main>``, or an id, class or role starting with "main"."""
    return tag == "main" or (
        attrs.get("class", "").startswith("main") or attrs.get("id", "").startswith("main")
        or attrs.get("role", "").startswith("main"))


def _boilerplate(tag: str, attrs: Attrs, items: Items) -> bool:
    """OVERALL_DISCARD_XPATH[0]: navigation, sharing, ads, related links by id or class."""
    id_, class_ = attrs.get("id"), attrs.get("class")
    if (id_ or class_) and (  # an empty or absent value matches none of the patterns
        COOKIE_WORD in first_id_or_class(items, id_, class_)
        or bool(id_ and discard_id(id_))
        or bool(class_ and discard_class(class_))
    ):
        return True
    return ("data-lp-replacement-content" in attrs
            or "nav" in attrs.get("role", "").replace("N", "n")
            or "MostPopularStories" in attrs.get("data-component", ""))


def _hidden(tag: str, attrs: Attrs, items: Items) -> bool:
    """OVERALL_DISCARD_XPATH[1]: hidden blocks and comment-form remains, any tag."""
    class_, id_, style = attrs.get("class"), attrs.get("id"), attrs.get("style")
    if class_ is None and id_ is None and style is None:  # most elements (links, images)
        return attrs.get("aria-hidden") == "true"
    first = first_id_or_class(items, id_, class_)
    class_, id_, style = class_ or "", id_ or "", style or ""
    return (class_ == "comments-title" or first.startswith("reply-")
            or HIDDEN_WORD in first_of(items, ID_STYLE)
            or "display:none" in style or "display: none" in style
            or bool(id_ and (READER_COMMENTS_WORDS[0] in id_ or READER_COMMENTS_WORDS[1] in id_))
            or bool(class_ and hide_class(class_)) or attrs.get("aria-hidden") == "true")


def _teaser(tag: str, attrs: Attrs, items: Items) -> bool:
    """TEASER_DISCARD_XPATH: "teaser" (or "Teaser") in the id or class."""
    return ("teaser" in attrs.get("id", "").replace("T", "t")
            or "teaser" in attrs.get("class", "").replace("T", "t"))


def _caption(tag: str, attrs: Attrs, items: Items) -> bool:
    """DISCARD_IMAGE_ELEMENTS: "caption" in the id or class."""
    return "caption" in attrs.get("id", "") or "caption" in attrs.get("class", "")


def _basic_clean(tag: str, attrs: Attrs, items: Items) -> bool:
    """BASIC_CLEAN_XPATH: asides, footers, scripts and the like, footer divs, cookie banners."""
    if tag in CLEANED_TAGS:
        return True
    class_, id_ = attrs.get("class"), attrs.get("id")
    if not (class_ or id_):  # most elements: nothing else to test
        return False
    return ((tag == "div" and "footer" in first_id_or_class(items, id_, class_))
            or bool(class_ and cookie_consent(class_))
            or bool(id_ and cookie_consent(id_)))


BODY_TESTS = [
    TreeTest("article content", FRAME_TAGS, _article_content, first=True),
    TreeTest("first article", ("article",), _any, first=True, without_attributes=True),
    TreeTest("story", FRAME_TAGS, _story, first=True),
    TreeTest("main content", FRAME_TAGS, _main_content, first=True),
    TreeTest("main", ("article", "div", "section", "main"), _main, first=True,
             without_attributes=True),
]
OVERALL_DISCARD_TESTS = [
    TreeTest("boilerplate", BLOCK_TAGS, _boilerplate),
    TreeTest("hidden", (), _hidden),
]
TEASER_TESTS = [TreeTest("teaser", BLOCK_TAGS, _teaser)]
CAPTION_TESTS = [TreeTest("caption", BLOCK_TAGS, _caption)]
BASIC_CLEAN_TEST = TreeTest("basic clean", (), _basic_clean, without_attributes=True)


def rebound(module: ModuleType, names: Iterable[str], overrides: dict[str, Any]) -> dict[str, Any]:
    """Copies of ``module``'s functions ``names`` whose globals are the module's namespace with
    ``overrides`` (and with ``names`` meaning the copies, so they call each other)."""
    namespace = {**vars(module), **overrides}
    for name in names:
        function = getattr(module, name)
        twin = FunctionType(function.__code__, namespace, function.__name__,
                            function.__defaults__, function.__closure__)
        twin.__kwdefaults__ = function.__kwdefaults__
        twin.__doc__ = function.__doc__
        namespace[name] = twin
    return namespace


_MAIN = rebound(
    trafilatura_main,
    ("prune_unwanted_sections", "recover_wild_text", "_extract", "extract_content"),
    {"BODY_XPATH": BODY_TESTS, "OVERALL_DISCARD_XPATH": OVERALL_DISCARD_TESTS,
     "TEASER_DISCARD_XPATH": TEASER_TESTS, "DISCARD_IMAGE_ELEMENTS": CAPTION_TESTS},
)
# trafilatura.baseline is shadowed by the function of that name in trafilatura's namespace
_BASELINE = rebound(importlib.import_module("trafilatura.baseline"),
                    ("basic_cleaning", "html2txt", "baseline"),
                    {"BASIC_CLEAN_XPATH": BASIC_CLEAN_TEST})
_EXTERNAL = rebound(trafilatura_external, ("justext_rescue", "compare_extraction"),
                    {"basic_cleaning": _BASELINE["basic_cleaning"]})
_CORE = rebound(
    trafilatura_core, ("_extract_and_compare", "_recall_retry"),
    {"extract_content": _MAIN["extract_content"],
     "compare_extraction": _EXTERNAL["compare_extraction"]},
)

# trafilatura's functions of these names, same code
extract_content: Callable[..., Any] = _MAIN["extract_content"]
html2txt: Callable[..., str] = _BASELINE["html2txt"]
baseline: Callable[..., Any] = _BASELINE["baseline"]
justext_rescue: Callable[..., Any] = _EXTERNAL["justext_rescue"]
compare_extraction: Callable[..., Any] = _EXTERNAL["compare_extraction"]
recall_retry: Callable[..., Any] = _CORE["_recall_retry"]
