"""``pipelines.extraction_stage``: a fetched page in, an article record or a counted drop out."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from crawler.items import FetchedPage
from demo.run import crawl_command
from demo.server import SiteServer
from pipelines.extraction_stage import POOL_FAILED_REASON, ExtractionStage, is_record
from pipelines.record import ArticleRecord
from pipelines.schema import schema_errors
from pipelines.worker_pool import POOL_FAILED
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


def _process(stage: ExtractionStage, item: object) -> object:
    """Run the coroutine ``process_item`` to its end on a fresh event loop."""
    return asyncio.run(stage.process_item(item))


@pytest.fixture(params=[0, 1], ids=["inline", "pool"], scope="module")
def workers(request: pytest.FixtureRequest) -> int:
    return request.param


@pytest.fixture
def crawler(workers: int) -> Crawler:
    return get_crawler(settings_dict={"EXTRACT_ENABLED": True, "EXTRACT_WORKERS": workers})


@pytest.fixture
def stage(crawler: Crawler) -> Iterator[ExtractionStage]:
    stage = ExtractionStage.from_crawler(crawler)  # the pool starts on the first page
    yield stage
    stage.close_spider()


def test_disabled_raises_not_configured() -> None:
    with pytest.raises(NotConfigured):
        ExtractionStage.from_crawler(get_crawler(settings_dict={"EXTRACT_ENABLED": False}))


def test_enabled_by_default() -> None:
    assert isinstance(ExtractionStage.from_crawler(get_crawler()), ExtractionStage)


def test_article_page_becomes_a_valid_record(stage: ExtractionStage, crawler: Crawler) -> None:
    record = _process(stage, _page(ARTICLE.encode("utf-8")))
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
    assert isinstance(_process(stage, _page(page.encode())), ArticleRecord)


def test_listing_page_is_dropped_as_not_article(stage: ExtractionStage, crawler: Crawler) -> None:
    with pytest.raises(DropItem, match="not an article"):
        _process(stage, _page(LISTING.encode(), "https://news.example.com/world/"))
    assert crawler.stats.get_value("extract/not_article") == 1
    assert crawler.stats.get_value("extract/article") is None


def test_short_page_with_signal_but_few_words_is_not_article(
    stage: ExtractionStage, crawler: Crawler
) -> None:
    page = ARTICLE.replace("".join(f"<p>{p}</p>" for p in PARAGRAPHS), "<p>Just a teaser.</p>")
    assert page != ARTICLE
    with pytest.raises(DropItem, match="not an article"):
        _process(stage, _page(page.encode()))
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
        _process(stage, _page(body))
    assert crawler.stats.get_value(f"extract/failed/{kind}") == 1
    assert crawler.stats.get_value("extract/not_article") is None
    assert f"extraction failed ({kind}) for {ARTICLE_URL}" in caplog.text


def test_charset_from_content_type_is_used(stage: ExtractionStage) -> None:
    page = ARTICLE.replace("Tuesday", "Tüesday").replace('<meta charset="utf-8">', "")
    item = FetchedPage(ARTICLE_URL, page.encode("cp1252"), "text/html; charset=windows-1252",
                       200, FETCHED_AT)
    record = _process(stage, item)
    assert isinstance(record, ArticleRecord)
    assert "Tüesday" in record.text


def test_non_page_items_pass_through(stage: ExtractionStage, crawler: Crawler) -> None:
    record = make_record()
    assert _process(stage, record) is record
    item = {"url": ARTICLE_URL, "body": ARTICLE}
    assert _process(stage, item) is item
    assert crawler.stats.get_stats() == {}


def test_is_record() -> None:
    assert is_record(make_record())
    assert not is_record(_page(b"<html></html>"))
    assert not is_record({"id": "x"})


def test_workers_setting_builds_a_pool_or_none() -> None:
    inline = ExtractionStage.from_crawler(get_crawler(settings_dict={"EXTRACT_WORKERS": 0}))
    assert inline.pool is None
    pooled = ExtractionStage.from_crawler(get_crawler(settings_dict={"EXTRACT_WORKERS": 3}))
    assert pooled.pool is not None
    assert pooled.pool.workers == 3
    assert pooled.pool.max_in_flight == 12  # 4 pages queued per worker
    default = ExtractionStage.from_crawler(get_crawler())
    assert default.pool is not None
    assert default.pool.workers >= 1


def test_pool_is_started_at_open_and_closed_at_close_spider() -> None:
    crawler = get_crawler(settings_dict={"EXTRACT_WORKERS": 1})
    stage = ExtractionStage.from_crawler(crawler)
    assert stage.pool is not None
    stage.open_spider()
    assert crawler.stats.get_value("extract/workers") == 1
    assert isinstance(_process(stage, _page(ARTICLE.encode())), ArticleRecord)
    processes = stage.pool.processes
    assert processes
    stage.close_spider()
    assert stage.pool.closed
    assert not any(process.is_alive() for process in processes)


def _crawl_records(
    server: SiteServer, output_dir: Path, workers: int
) -> dict[str, dict[str, Any]]:
    """Records by canonical URL, without what depends on arrival order (time, which duplicate)."""
    command = [*crawl_command(server.origin, output_dir), "-s", f"EXTRACT_WORKERS={workers}",
               "-s", f"NEWSCLEAN_STATE_DIR={output_dir / 'state'}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    records = [
        json.loads(line)
        for path in output_dir.glob("*.jsonl") for line in path.read_text("utf-8").splitlines()
    ]
    for record in records:
        del record["crawled_at"], record["url"]
    return {record["canonical_url"]: record for record in records}


def test_crawl_with_two_workers_gives_the_records_of_an_inline_crawl(
    demo_server: SiteServer, tmp_path: Path
) -> None:
    pooled = _crawl_records(demo_server, tmp_path / "pool", workers=2)
    inline = _crawl_records(demo_server, tmp_path / "inline", workers=0)
    assert pooled
    assert pooled == inline


BROKEN_WARM_UP = "tests.test_extraction_stage.broken_warm_up"


def broken_warm_up() -> None:
    """The workers' warm-up, failing (``EXTRACT_WARM_UP``): no worker ever starts."""
    raise RuntimeError("warm-up broken on purpose")


def test_a_failed_pool_drops_the_pages_as_counted_failures() -> None:
    crawler = get_crawler(settings_dict={"EXTRACT_WORKERS": 1, "EXTRACT_WARM_UP": BROKEN_WARM_UP})
    stage = ExtractionStage.from_crawler(crawler)
    assert stage.pool is not None
    try:
        for _ in range(2):
            with pytest.raises(DropItem, match=f"extraction failed \\({POOL_FAILED}\\)"):
                _process(stage, _page(ARTICLE.encode()))
    finally:
        stage.close_spider()
    assert stage.pool.failure is not None
    assert crawler.stats.get_value(f"extract/failed/{POOL_FAILED}") == 2
    assert stage.closing is None  # no engine runs here: nothing to close


def test_a_crawl_whose_workers_cannot_start_closes_with_a_clear_reason(
    demo_server: SiteServer, tmp_path: Path
) -> None:
    command = [*crawl_command(demo_server.origin, tmp_path / "out"),
               "-s", "EXTRACT_WORKERS=2", "-s", f"EXTRACT_WARM_UP={BROKEN_WARM_UP}",
               "-s", f"NEWSCLEAN_STATE_DIR={tmp_path / 'state'}", "-s", "LOG_LEVEL=INFO"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    (summary,) = [line for line in done.stdout.splitlines() if "newsclean summary" in line]
    assert summary.endswith(f"(finish: {POOL_FAILED_REASON})"), done.stderr[-3000:]
    assert "articles written 0" in summary
    assert f"failed/{POOL_FAILED}=" in summary
    assert "ERROR: the extraction pool failed, no page can be extracted: 3 extraction workers " \
        "in a row failed to start" in done.stderr
