"""Robustness: one crawl of a hostile loopback site, every bad page and server counted.

The site (``tests.hostile_server``) serves, next to two good articles, malformed and truncated
HTML, an empty body, a page over ``DOWNLOAD_MAXSIZE``, binary data as text/html, six charset
traps, a gzip bomb, an XML-bomb sitemap, redirect loops and redirects off the host or out of
http(s), a slow-drip page, bursts of 500/503/429, an endless calendar with session-id links, a
URL that grows at every hop, one article under many URLs and pages that are not articles. One
``scrapy crawl news`` runs over all of it; the tests read its stats (``NEWSCLEAN_STATS_FILE``),
its records, its summary line and what the servers were asked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.extensions import failure_counts, refusal_counts, skip_counts
from pipelines.document import decode_html, parse_document
from tests.hostile_server import (
    HTML,
    NEWS,
    Drip,
    HostileServer,
    article,
    binary_junk,
    gzip_bomb,
    listing,
    serve_hostile,
    xml_bomb,
)
from tests.servers import Reply, Route, redirect

ROOT = Path(__file__).resolve().parent.parent
CRAWL_TIMEOUT_S = 90
MAXSIZE = 300_000
DEPTH_LIMIT = 4
URLLENGTH_LIMIT = 400
RETRIES = 2  # the project's RETRY_TIMES

GOOD = f"{NEWS}/harbour-reopens-after-the-storm/"
SAME = f"{NEWS}/one-story-under-many-addresses/"
# path -> (charset case, a sentence its record's text must hold, encoded page, content type)
SENTENCES = {
    "missing": "Über die Brücke fuhren gestern Käsehändler aus Köln nach Düsseldorf.",
    "missing_cp1252": "Le café où l’on sert des crêpes ferme à Noël, dit le maître d’hôtel.",
    "wrong_header": "El niño comió piña en la mañana del miércoles junto al muelle.",
    "cp1252": "Der Preis stieg auf 5 € – „ein Rekord“, sagte die Hafenmeisterin.",
    "shift_jis": "東京湾の港で新しいクレーンが稼働し、作業員たちは朝から荷物を運んだ。",
    "gb2312": "上海港口的新起重机昨天投入使用，工人们从早上开始搬运货物。",
    "utf8_bom": "Zażółć gęślą jaźń: w Łodzi otwarto nowy most nad rzeką.",
}


def _charset_pages() -> dict[str, Route]:
    """One article per charset case, encoded (and declared, or not) as that case says."""
    s = SENTENCES
    cases: dict[str, tuple[bytes, str]] = {
        "missing": (article("Bridge", s["missing"], lang="de").encode(), "text/html"),
        "missing_cp1252": (article("Cafe", s["missing_cp1252"], lang="fr").encode("cp1252"),
                           "text/html"),
        "wrong_header": (article("Nino", s["wrong_header"], lang="es",
                                 meta_charset="windows-1252").encode("cp1252"),
                         "text/html; charset=utf-8"),
        "cp1252": (article("Preis", s["cp1252"], lang="de").encode("cp1252"),
                   "text/html; charset=windows-1252"),
        "shift_jis": (article("Tokyo", s["shift_jis"], lang="ja",
                              meta_charset="Shift_JIS").encode("shift_jis"), "text/html"),
        "gb2312": (article("Shanghai", s["gb2312"], lang="zh",
                           meta_charset="gb2312").encode("gb2312"), "text/html"),
        "utf8_bom": ("\ufeff".encode() + article("Most", s["utf8_bom"], lang="pl").encode(),
                     "text/html; charset=iso-8859-1"),
    }
    return {f"{NEWS}/charset-{case.replace('_', '-')}-story/":
            Reply(body=body, headers={"Content-Type": content_type})
            for case, (body, content_type) in cases.items()}


def _ok(title: str) -> Reply:
    return Reply(body=article(title, f"{title} is back to normal after a bad start.").encode())


def build_routes(other_origin: str) -> dict[str, Route]:
    """The hostile site on 127.0.0.1; ``other_origin`` is a second host (127.0.0.2)."""
    malformed = ('<html><head><meta property="og:type" content="article"><title>Broken'
                 "</title><body><div><p>Broken markup story: the council <b>voted <i>twice"
                 "</b> on the plan</i><p>" + "Nobody closed this paragraph about the harbour "
                 "budget and the ferries. " * 8 + "</div></div></span><table><tr><td>cell</p>")
    truncated = article("Truncated", "The storm surge reached the quay before midnight.")
    routes: dict[str, Route] = {
        GOOD: Reply(body=article("Harbour", "The harbour reopened after the storm.").encode()),
        f"{NEWS}/broken-markup-still-readable/": Reply(body=malformed.encode()),
        f"{NEWS}/truncated-page-mid-sentence/": Reply(body=truncated.encode()[:1400]),
        f"{NEWS}/empty-body-story/": Reply(body=b""),
        f"{NEWS}/page-over-the-size-limit/": Reply(body=b"<html>" + b"a" * (MAXSIZE * 2)),
        f"{NEWS}/binary-data-served-as-html/": Reply(body=binary_junk()),
        f"{NEWS}/gzip-bomb-story/": Reply(body=gzip_bomb(MAXSIZE * 40), headers={
            "Content-Type": "text/html", "Content-Encoding": "gzip"}),
        f"{NEWS}/redirect-loop-story/": redirect(f"{NEWS}/redirect-loop-story-again/"),
        f"{NEWS}/redirect-loop-story-again/": redirect(f"{NEWS}/redirect-loop-story/"),
        f"{NEWS}/moved-to-another-host/": redirect(f"{other_origin}{NEWS}/stolen-story/", 301),
        f"{NEWS}/moved-to-ftp-server/": redirect("ftp://127.0.0.1/pub/story.txt"),
        f"{NEWS}/moved-to-local-file/": redirect("file:///etc/passwd"),
        f"{NEWS}/slow-drip-story/": Drip(body=article("Slow", "Slow.").encode()),
        f"{NEWS}/server-error-burst/": [Reply(500, b"oops", HTML)] * 2 + [_ok("Burst")],
        f"{NEWS}/unavailable-burst/": [Reply(503, b"busy", {**HTML, "Retry-After": "0"})] * 2
        + [_ok("Unavailable")],
        f"{NEWS}/rate-limited-burst/": [Reply(429, b"slow down", {**HTML, "Retry-After": "0"}),
                                        _ok("Limited")],
        f"{NEWS}/always-failing-story/": Reply(500, b"down", HTML),
        f"{NEWS}/contact-the-newsroom-team/": Reply(body=(
            b"<html><head><title>Contact</title></head><body><h1>Contact us</h1>"
            b"<p>Call 555-0100.</p></body></html>")),
        SAME: Reply(body=article("Same", "One story, many addresses.", canonical=SAME).encode()),
        f"{SAME}amp/": Reply(body=article("Same", "One story, many addresses.",
                                          canonical=SAME).encode()),
        "/private/2026/11/secret-story-behind-robots/": _ok("Secret"),
        "/about/": Reply(body=listing([GOOD], title="About us")),
        "/robots.txt": Reply(body=(
            b"User-agent: *\nDisallow: /private/\n"
            b"Sitemap: /sitemap-bomb.xml\nSitemap: /sitemap-big.xml.gz\n"),
            headers={"Content-Type": "text/plain"}),
        "/sitemap-bomb.xml": Reply(body=xml_bomb(), headers={"Content-Type": "application/xml"}),
        "/sitemap-big.xml.gz": Reply(body=gzip_bomb(MAXSIZE * 40),
                                     headers={"Content-Type": "application/gzip"}),
        **_charset_pages(),
    }
    home_links = [path for path in routes if path.startswith((NEWS, "/private/", "/about/"))
                  and not path.endswith("-again/")]  # reached by redirect only
    home_links += [f"{SAME}?utm_source=newsletter&utm_medium=email", f"{SAME}?fbclid=IwAR0x1",
                   f"{SAME}#comments", "/events/?day=2026-11-28", "/calendar/2026/11/28/",
                   "/grow/x/", f"{NEWS}/story;jsessionid=0AB12CD", "/?sid=8c1f2a"]
    routes["/"] = Reply(body=listing(home_links, title="Hostile News"))
    return routes


@dataclass
class Crawl:
    """What the hostile crawl left behind."""

    returncode: int
    stdout: str
    stderr: str
    stats: dict[str, Any]
    records: list[dict[str, Any]]
    site: HostileServer
    other: HostileServer

    def record(self, path: str) -> dict[str, Any] | None:
        """The record of the page at ``path``, if one was written."""
        url = self.site.url(path)
        found = [r for r in self.records if url in (r["url"], r["canonical_url"])]
        return found[0] if found else None

    @property
    def summary(self) -> str:
        """The ``newsclean summary`` line."""
        lines = [ln for ln in self.stdout.splitlines() if ln.startswith("newsclean summary:")]
        assert len(lines) == 1, self.stdout[-2000:]
        return lines[0]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    """One ``scrapy crawl news`` of the whole hostile site."""
    tmp = tmp_path_factory.mktemp("hostile")
    with serve_hostile({}, "127.0.0.2") as other, serve_hostile({}) as site:
        other.routes.update({f"{NEWS}/stolen-story/": _ok("Stolen")})
        site.routes.update(build_routes(other.origin))
        settings = {
            "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "TELNETCONSOLE_ENABLED": "0",
            "SAFETY_ALLOWED_HOSTS": "127.0.0.1,127.0.0.2", "LOG_LEVEL": "INFO",
            "NEWSCLEAN_STATE_DIR": str(tmp / "state"), "NEWSCLEAN_OUTPUT_DIR": str(tmp / "out"),
            "NEWSCLEAN_STATS_FILE": str(tmp / "stats.json"), "EXTRACT_WORKERS": "1",
            "DOWNLOAD_MAXSIZE": str(MAXSIZE), "DOWNLOAD_TIMEOUT": "2",
            "DEPTH_LIMIT": str(DEPTH_LIMIT), "URLLENGTH_LIMIT": str(URLLENGTH_LIMIT),
            "POLITENESS_BACKOFF_BASE": "0.05", "RETRY_TIMES": str(RETRIES),
        }
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a",
                   f"start_urls={site.url('/')},{site.url('/robots.txt')}"]
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              timeout=CRAWL_TIMEOUT_S, check=False)
        stats_file = tmp / "stats.json"
        stats = json.loads(stats_file.read_text("utf-8")) if stats_file.exists() else {}
        records = [json.loads(line) for path in sorted((tmp / "out").glob("*.jsonl"))
                   for line in path.read_text("utf-8").splitlines() if line.strip()]
        yield Crawl(done.returncode, done.stdout, done.stderr, stats, records, site, other)


# --- the crawl finishes; good pages are intact ----------------------------------------------


def test_crawl_finishes_with_a_summary(crawl: Crawl) -> None:
    # Most of the hostile site fails on purpose, so the crawl runs to the end and then closes
    # with the failure-rate reason that scheduled jobs report (CrawlGuard).
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert crawl.stats["finish_reason"] == "failure_rate_exceeded"
    assert "(finish: failure_rate_exceeded)" in crawl.summary
    assert crawl.stats.get("spider_exceptions/count", 0) == 0, crawl.stderr[-3000:]


@pytest.mark.parametrize("path", [GOOD, f"{NEWS}/broken-markup-still-readable/",
                                  f"{NEWS}/truncated-page-mid-sentence/"])
def test_good_malformed_and_truncated_pages_give_records(crawl: Crawl, path: str) -> None:
    record = crawl.record(path)
    assert record is not None, sorted(r["url"] for r in crawl.records)
    assert record["word_count"] >= 25


def test_malformed_page_keeps_its_text(crawl: Crawl) -> None:
    record = crawl.record(f"{NEWS}/broken-markup-still-readable/")
    assert record is not None
    assert "the council voted twice on the plan" in " ".join(record["text"].split())


# --- charsets ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(SENTENCES))
def test_charset_cases_are_decoded(crawl: Crawl, case: str) -> None:
    record = crawl.record(f"{NEWS}/charset-{case.replace('_', '-')}-story/")
    assert record is not None, case
    assert SENTENCES[case] in record["text"]
    assert "\ufffd" not in record["text"] and "Ã" not in record["text"]


def test_undeclared_cp1252_and_a_wrong_utf8_header_are_redecoded() -> None:
    text = "Le café où l’on sert des crêpes ferme à Noël."
    assert decode_html(text.encode("cp1252")) == text
    assert decode_html(text.encode("cp1252"), "text/html; charset=utf-8") == text
    page = '<meta charset="Shift_JIS"><p>東京湾の港</p>'
    assert "東京湾の港" in decode_html(page.encode("shift_jis"), "text/html; charset=utf-8")
    doc = parse_document(("\ufeff" + "<title>Łódź</title>").encode(), "http://127.0.0.1/",
                         "text/html; charset=iso-8859-1")
    assert doc.title_tag == "Łódź"


# --- pages that give no record: each counted -----------------------------------------------


def test_empty_and_binary_pages_are_extraction_failures(crawl: Crawl) -> None:
    assert crawl.stats["extract/failed/empty_page"] == 1
    assert crawl.stats["extract/failed/not_html"] == 1
    assert crawl.record(f"{NEWS}/empty-body-story/") is None
    assert crawl.record(f"{NEWS}/binary-data-served-as-html/") is None


def test_oversized_page_and_bombs_are_refused_as_too_large(crawl: Crawl) -> None:
    failures = failure_counts(crawl.stats)
    # the page over DOWNLOAD_MAXSIZE, the gzip bomb page, the gzip sitemap inflating past it
    assert failures["too_large"] == 3, failures
    assert crawl.stats["news/failed/too_large"] == 2  # the two bombs
    assert crawl.stats["news/failed/xml_entities"] == 1  # the XML bomb, before any parser
    assert crawl.record(f"{NEWS}/gzip-bomb-story/") is None


def test_redirects_loop_off_host_and_off_scheme_are_refused(crawl: Crawl) -> None:
    assert crawl.stats["redirect/loop"] == 1
    assert crawl.stats["redirect/refused_scheme"] == 2  # ftp: and file:
    assert crawl.stats["offsite/filtered"] >= 1
    assert crawl.other.paths() == []  # 127.0.0.2 was never asked
    refused = refusal_counts(crawl.stats)
    assert refused["scheme"] == 2 and refused["offsite"] >= 1 and refused["robots"] == 1


def test_slow_drip_times_out_after_its_retries(crawl: Crawl) -> None:
    assert failure_counts(crawl.stats)["timeout"] == 1
    # retried timeouts are not failures (a busy machine may time out another page once)
    assert crawl.stats["retry/reason_count/scrapy.exceptions.DownloadTimeoutError"] >= RETRIES
    assert 1 <= len(crawl.site.times(f"{NEWS}/slow-drip-story/")) <= RETRIES + 1


def test_bursts_of_500_503_429_are_retried_and_written(crawl: Crawl) -> None:
    for name in ("server-error-burst", "unavailable-burst", "rate-limited-burst"):
        assert crawl.record(f"{NEWS}/{name}/") is not None, name
    assert crawl.stats["politeness/retry_after/honoured/503"] == 2
    assert crawl.stats["politeness/retry_after/honoured/429"] == 1
    failures = failure_counts(crawl.stats)
    assert failures["http_500"] == 1  # only the page that never came back
    assert len(crawl.site.times(f"{NEWS}/always-failing-story/")) == RETRIES + 1


def test_crawler_traps_stay_bounded(crawl: Crawl) -> None:
    paths = crawl.site.paths()
    events = [p for p in paths if p.startswith("/events/")]
    assert 1 <= len(events) <= DEPTH_LIMIT, events
    assert not any("jsessionid" in p or "sid=" in p for p in paths), paths
    assert not any(p.startswith("/calendar/") for p in paths)
    grow = [p for p in paths if p.startswith("/grow/")]
    assert all(len(crawl.site.url(p)) <= URLLENGTH_LIMIT for p in grow)
    skipped = skip_counts(crawl.stats)
    assert skipped["session"] >= DEPTH_LIMIT and skipped["archive"] >= 1
    assert skipped["too_deep"] >= 1 and skipped["url_too_long"] >= 1
    assert len(paths) < 80  # the whole crawl, retries included


def test_same_article_under_many_urls_gives_one_record(crawl: Crawl) -> None:
    same = [r for r in crawl.records if r["canonical_url"] == crawl.site.url(SAME)]
    assert len(same) == 1, [r["url"] for r in same]
    assert crawl.stats["dedup/duplicate_url"] >= 1  # the /amp/ copy
    asked = [p for p in crawl.site.paths() if p.startswith(SAME)]
    assert len(asked) == 2, asked  # tracking parameters and fragments were dropped first


def test_non_article_pages_give_no_record(crawl: Crawl) -> None:
    assert crawl.stats["extract/not_article"] >= 1
    assert crawl.stats["news/listing_page"] >= 2  # home, /about/, the calendar...
    assert crawl.record(f"{NEWS}/contact-the-newsroom-team/") is None
    assert crawl.record("/about/") is None


def test_robots_txt_refusal_is_not_a_failure(crawl: Crawl) -> None:
    assert "/private/2026/11/secret-story-behind-robots/" not in crawl.site.paths()
    assert crawl.stats["robotstxt/forbidden"] == 1
    assert not any(key.endswith("IgnoreRequest") for key in failure_counts(crawl.stats))


def test_summary_names_every_outcome(crawl: Crawl) -> None:
    summary = crawl.summary
    failures = summary.split("failures: ", 1)[1].split(";", 1)[0]
    for kind in ("timeout=1", "too_large=3", "redirect_loop=1", "http_500=1", "xml_entities=1",
                 "failed/not_html=1", "failed/empty_page=1"):
        assert kind in failures, summary
    refused = summary.split("refused: ", 1)[1].split(";", 1)[0]
    assert "robots=1" in refused and "scheme=2" in refused and "offsite=" in refused, summary
    not_followed = summary.split("not followed: ", 1)[1]
    for kind in ("session=", "archive=", "too_deep=", "url_too_long="):
        assert kind in not_followed, summary
    assert f"articles written {len(crawl.records)}" in summary



# --- the pieces, without a crawl -------------------------------------------------------------


def test_redirect_guard_helpers() -> None:
    from crawler.middlewares.redirect_guard import is_loop, redirect_target

    assert redirect_target("http://127.0.0.1/a/", "//127.0.0.1/b#x") == "http://127.0.0.1/b"
    assert redirect_target("http://127.0.0.1/a/", "ftp://h/x") == "ftp://h/x"
    assert is_loop("http://127.0.0.1/a", ["http://127.0.0.1/b", "http://127.0.0.1/a#top"])
    assert not is_loop("http://127.0.0.1/c", ["http://127.0.0.1/a"])


def test_ignored_response_kinds() -> None:
    from scrapy.exceptions import IgnoreRequest
    from scrapy.utils._compression import _DecompressionMaxSizeExceeded
    from twisted.python.failure import Failure

    from crawler.spiders.news import ignored_response_kind

    def failure(exc: Exception) -> Failure:
        try:
            raise exc
        except Exception:
            return Failure()

    bomb = IgnoreRequest("too big")
    bomb.__cause__ = _DecompressionMaxSizeExceeded("inflated", 10)
    assert ignored_response_kind(failure(bomb)) == "too_large"
    assert ignored_response_kind(failure(IgnoreRequest("max redirections reached"))) == (
        "too_many_redirects")
    assert ignored_response_kind(failure(IgnoreRequest("Forbidden by robots.txt"))) is None
    assert ignored_response_kind(failure(ValueError("x"))) is None


def test_failure_counts_are_per_request_given_up() -> None:
    stats = {
        "downloader/exception_type_count/twisted.internet.error.TimeoutError": 5,
        "retry/reason_count/twisted.internet.error.TimeoutError": 4,
        "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 3,
        "robotstxt/forbidden": 2, "safety/refused/private_address": 1,
        "httperror/response_ignored_status_count/503": 2,
        "httperror/response_ignored_status_count/404": 1,
        "news/failed/xml_entities": 1, "redirect/loop": 1, "redirect/refused_scheme": 1,
        "downloader/exception_type_count/foo.BarError": 1,
    }
    assert failure_counts(stats) == {"barerror": 1, "http_503": 2, "redirect_loop": 1,
                                     "timeout": 1, "xml_entities": 1}
    assert refusal_counts(stats) == {"http_404": 1, "private_address": 1, "robots": 2,
                                     "scheme": 1}
