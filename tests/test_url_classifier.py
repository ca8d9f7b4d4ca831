"""``crawler.url_classifier``: articles, listing pages and URLs not worth fetching."""

from __future__ import annotations

import pytest

from crawler.url_classifier import ArticlePatterns, UrlKind, Verdict, classify_url

SITE = "https://news.example.com"


@pytest.mark.parametrize(
    "path",
    [
        "/wp/2026/11/council-approves-fish-market-rebuild/",
        "/daily/politics/2026/11/17/senate-committee-advances-rural-broadband-bill/",
        "/zeitung/lokales/neue-faehre-halbstundentakt-a-48213.html",
        "/2024/05/01/bridge.html",
        "/news/world-europe-68841123",
        "/story/12345678/",
        "/news.php?story=2",
        "/politik/kanzler-trifft-buergermeister",
    ],
)
def test_articles(path: str) -> None:
    assert classify_url(SITE + path).kind is UrlKind.ARTICLE


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/", "home"),
        ("/index.html", "home"),
        ("/world/", "section"),
        ("/us-news", "section"),
        ("/wp/category/world/", "section"),
        ("/zeitung/politik/", "section"),
    ],
)
def test_listing_pages(path: str, reason: str) -> None:
    assert classify_url(SITE + path) == Verdict(UrlKind.LISTING, reason)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/tag/shipping/", "tag"),
        ("/topics/climate/", "tag"),
        ("/schlagwort/hochwasser/", "tag"),
        ("/author/eleanor-pryce/", "author"),
        ("/daily/authors/daniel-okafor/", "author"),
        ("/autor/jonas-petersen/", "author"),
        ("/search/harbour/", "search"),
        ("/suche?q=bahn", "search"),
        ("/?s=ferry", "search"),
        ("/login", "login"),
        ("/account/settings", "login"),
        ("/wp-login.php?redirect_to=x", "login"),
        ("/page/2/", "pagination"),
        ("/world/page/3", "pagination"),
        ("/world/?page=3", "pagination"),
        ("/img/harbour-crane-photo.jpg", "media"),
        ("/files/annual-report-2026.pdf", "media"),
        ("/video/clip-of-the-flood.mp4", "media"),
        ("/feed/", "feed"),
        ("/world/rss", "feed"),
        ("/atom.xml", "feed"),
        ("/feed.json", "feed"),
        ("/sitemap-news.xml", "feed"),
        ("/2026/11/19/", "archive"),
        ("/news/2026/11/", "archive"),
        ("/archive/older-stories-list", "archive"),
        ("/a/ferry-timetable-changes-now;jsessionid=AB12", "session"),
        ("/story-about-the-ferry-line?PHPSESSID=abc", "session"),
        ("/ferry-timetable-changes-now/?replytocom=42", "comments"),
        ("/kontakt/", "not_crawlable"),
        ("/zeitung/impressum.html", "not_crawlable"),
        ("/user/bob/", "navigation"),
    ],
)
def test_filtered(path: str, reason: str) -> None:
    assert classify_url(SITE + path) == Verdict(UrlKind.FILTERED, reason)


def test_deny_pattern_wins() -> None:
    patterns = ArticlePatterns.compile(allow=[r"/\d{4}/\d{2}/"], deny=[r"/live/"])
    url = f"{SITE}/live/2026/11/election-night-as-it-happens"
    assert classify_url(url, patterns) == Verdict(UrlKind.FILTERED, "pattern")


def test_allow_pattern_overrides_the_structure() -> None:
    patterns = ArticlePatterns.compile(allow=[r"/topics/[\w-]+-\d+$"])
    assert classify_url(f"{SITE}/topics/climate-4711", patterns) == Verdict(
        UrlKind.ARTICLE, "pattern")
    assert classify_url(f"{SITE}/topics/climate-4711").kind is UrlKind.FILTERED


def test_with_allow_patterns_other_article_shapes_are_listings() -> None:
    patterns = ArticlePatterns.compile(allow=[r"/news/\d+"])
    verdict = classify_url(f"{SITE}/opinion/why-the-ferry-matters", patterns)
    assert verdict == Verdict(UrlKind.LISTING, "not_allowed")
    assert classify_url(f"{SITE}/tag/ferry/", patterns).kind is UrlKind.FILTERED


def test_bad_pattern_raises() -> None:
    with pytest.raises(Exception, match="unterminated"):
        ArticlePatterns.compile(allow=["(unclosed"])
