"""``pipelines.extraction_stage``: a fetched page in, an article record or a counted drop out."""

from __future__ import annotations

import logging

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from crawler.items import FetchedPage
from pipelines.extraction_stage import ExtractionStage, is_record
from pipelines.record import ArticleRecord
from pipelines.schema import schema_errors
from tests.factories import make_record

FETCHED_AT = "2024-05-01T10:00:00+00:00"
ARTICLE_URL = "https://news.example.com/2024/05/01/bridge.html"
PARAGRAPHS = (
    "The city council approved the construction of a new bridge over the river on Tuesday "
    "evening after a debate that lasted well past midnight.",
    "Residents had asked for a safer crossing for years, and the mayor said that work would "
    "begin in early June and take about two years to finish.",
    "Opponents argued that the cost was far too high for a town of this size, but the final "
    "vote was seven to two in favour of the plan.",
)
ARTICLE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves bridge | Example News</title>
<meta property="og:type" content="article">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council approves bridge",
  "datePublished": "2024-05-01T09:30:00Z", "author": {{"@type": "Person", "name": "Ann Smith"}}}}
</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world/">World</a></nav></header>
<main><article><h1>Council approves bridge</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article></main><footer><p>Copyright Example News</p></footer></body></html>"""
LISTING = """<!DOCTYPE html><html lang="en"><head><title>World | Example News</title></head>
<body><h1>World</h1><ul>
<li><a href="/2024/05/01/bridge.html">Council approves bridge</a></li>
<li><a href="/2024/05/01/storm.html">Storm hits the coast</a></li>
</ul></body></html>"""


def _page(body: bytes, url: str = ARTICLE_URL) -> FetchedPage:
    return FetchedPage(
        url=url, body=body, content_type="text/html; charset=utf-8", status=200,
        fetched_at=FETCHED_AT,
    )


@pytest.fixture
def crawler() -> Crawler:
    return get_crawler(settings_dict={"EXTRACT_ENABLED": True})


@pytest.fixture
def stage(crawler: Crawler) -> ExtractionStage:
    return ExtractionStage.from_crawler(crawler)


def test_disabled_raises_not_configured() -> None:
    with pytest.raises(NotConfigured):
        ExtractionStage.from_crawler(get_crawler(settings_dict={"EXTRACT_ENABLED": False}))


def test_enabled_by_default() -> None:
    assert isinstance(ExtractionStage.from_crawler(get_crawler()), ExtractionStage)


def test_article_page_becomes_a_valid_record(stage: ExtractionStage, crawler: Crawler) -> None:
    record = stage.process_item(_page(ARTICLE.encode("utf-8")))
    assert isinstance(record, ArticleRecord)
    assert record.url == ARTICLE_URL
    assert record.crawled_at == FETCHED_AT
    assert all(p in record.text for p in PARAGRAPHS)
    assert "Copyright" not in record.text
    assert record.source_domain == "example.com"
    assert schema_errors(record.to_dict()) == []
    assert crawler.stats.get_value("extract/article") == 1
    assert crawler.stats.get_value("extract/not_article") is None


def test_long_page_without_article_signals_is_an_article(stage: ExtractionStage) -> None:
    words = " ".join(f"word{i}" for i in range(40))
    body = "".join(f"<p>Paragraph {n} says: {words}.</p>" for n in range(5))  # 200+ words
    page = f"<html><head><title>Plain</title></head><body><div>{body}</div></body></html>"
    assert isinstance(stage.process_item(_page(page.encode())), ArticleRecord)


def test_listing_page_is_dropped_as_not_article(stage: ExtractionStage, crawler: Crawler) -> None:
    with pytest.raises(DropItem, match="not an article"):
        stage.process_item(_page(LISTING.encode(), "https://news.example.com/world/"))
    assert crawler.stats.get_value("extract/not_article") == 1
    assert crawler.stats.get_value("extract/article") is None


def test_short_page_with_signal_but_few_words_is_not_article(
    stage: ExtractionStage, crawler: Crawler
) -> None:
    page = ARTICLE.replace("".join(f"<p>{p}</p>" for p in PARAGRAPHS), "<p>Just a teaser.</p>")
    assert page != ARTICLE
    with pytest.raises(DropItem, match="not an article"):
        stage.process_item(_page(page.encode()))
    assert crawler.stats.get_value("extract/not_article") == 1


@pytest.mark.parametrize(
    ("body", "kind"),
    [(b"", "empty_page"), (b"   \n", "empty_page"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not_html")],
)
def test_failed_page_is_dropped_counted_and_logged(
    stage: ExtractionStage, crawler: Crawler, caplog: pytest.LogCaptureFixture,
    body: bytes, kind: str,
) -> None:
    with caplog.at_level(logging.WARNING, logger="pipelines.extraction_stage"), pytest.raises(
        DropItem, match=f"extraction failed \\({kind}\\)"
    ):
        stage.process_item(_page(body))
    assert crawler.stats.get_value(f"extract/failed/{kind}") == 1
    assert crawler.stats.get_value("extract/not_article") is None
    assert f"extraction failed ({kind}) for {ARTICLE_URL}" in caplog.text


def test_charset_from_content_type_is_used(stage: ExtractionStage) -> None:
    page = ARTICLE.replace("Tuesday", "Tüesday").replace('<meta charset="utf-8">', "")
    item = FetchedPage(ARTICLE_URL, page.encode("cp1252"), "text/html; charset=windows-1252",
                       200, FETCHED_AT)
    record = stage.process_item(item)
    assert isinstance(record, ArticleRecord)
    assert "Tüesday" in record.text


def test_non_page_items_pass_through(stage: ExtractionStage, crawler: Crawler) -> None:
    record = make_record()
    assert stage.process_item(record) is record
    item = {"url": ARTICLE_URL, "body": ARTICLE}
    assert stage.process_item(item) is item
    assert crawler.stats.get_stats() == {}


def test_is_record() -> None:
    assert is_record(make_record())
    assert not is_record(_page(b"<html></html>"))
    assert not is_record({"id": "x"})
