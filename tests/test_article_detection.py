"""Article detection: index, section, tag, author, search and about pages give no record."""

from __future__ import annotations

import json

import pytest

from pipelines.article_detection import not_article_reason
from pipelines.body import Body
from pipelines.document import parse_document

SENTENCE = "The harbour authority approved a six-month trial of night ferry crossings today. "


def _reason(url: str, words: int, head: str = "") -> str | None:
    doc = parse_document(f"<html><head>{head}</head><body><p>x</p></body></html>", url)
    paragraphs = [SENTENCE * (words // 12 + 1)] if words else []
    body = Body(paragraphs=[" ".join(p.split()[:words]) for p in paragraphs])
    return not_article_reason(doc, body)


OG_ARTICLE = '<meta property="og:type" content="article">'
OG_WEBSITE = '<meta property="og:type" content="website">'


def _json_ld(kind: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": kind})}</script>'


@pytest.mark.parametrize(("url", "head", "reason"), [
    ("https://news.example/", OG_WEBSITE, "front_page"),
    ("https://news.example/index.html", "", "front_page"),
    ("https://news.example/category/world/", OG_WEBSITE, "navigation_page"),
    ("https://news.example/tag/shipping/", "", "navigation_page"),
    ("https://news.example/author/jane-doe/", "", "navigation_page"),
    ("https://news.example/authors/jane-doe/", OG_WEBSITE, "navigation_page"),
    ("https://news.example/search/harbour/", "", "navigation_page"),
    ("https://news.example/about/", "", "navigation_page"),
    ("https://news.example/zeitung/impressum.html", "", "navigation_page"),
    ("https://news.example/politics/", OG_WEBSITE, "section_page"),
    ("https://news.example/topics/ferries-2026/", _json_ld("CollectionPage"), "navigation_page"),
    ("https://news.example/lists/best-ferries", _json_ld("CollectionPage"), "listing_page"),
])
def test_non_article_pages(url: str, head: str, reason: str) -> None:
    assert _reason(url, 120, head) == reason


@pytest.mark.parametrize(("url", "head"), [
    ("https://news.example/2026/11/12/night-ferry-trial-approved/", ""),
    ("https://news.example/politics/", OG_ARTICLE),
    ("https://news.example/world/night-ferry", _json_ld("NewsArticle")),
    ("https://news.example/?p=31228", ""),
    ("https://news.example/service/news_view.htm?id=181595", OG_WEBSITE),
    ("https://news.example/de/themen/regionen/zukunftsforum.html", ""),
])
def test_articles(url: str, head: str) -> None:
    assert _reason(url, 120, head) is None


def test_empty_and_short_pages() -> None:
    url = "https://news.example/2026/11/12/night-ferry-trial-approved/"
    assert _reason(url, 0) == "no_text"
    assert _reason(url, 10) == "too_short"
    assert _reason(url, 30, OG_ARTICLE) is None
    assert _reason(url, 30) == "too_short"


def test_a_short_post_that_declares_itself_an_article_is_kept() -> None:
    url = "https://blog.example/2026/11/12/a-short-note/"
    assert _reason(url, 18, OG_ARTICLE) is None
    assert _reason(url, 18) == "too_short"
    assert _reason(url, 10, OG_ARTICLE) == "too_short"


def test_long_text_on_a_navigation_url_is_still_an_article() -> None:
    assert _reason("https://news.example/tag/shipping/", 400) is None


def test_cjk_text_is_counted_by_characters() -> None:
    doc = parse_document("<html><body><p>x</p></body></html>",
                         "https://news.example/articles/AST1F4445T1FUTIL02SM.html")
    quake = "気象庁は13日、午後9時19分ごろ、日向灘で震度5弱の地震があったと発表した。"
    body = Body(paragraphs=[quake * 4])
    assert not_article_reason(doc, body) is None
