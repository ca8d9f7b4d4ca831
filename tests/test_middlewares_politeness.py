"""Politeness through real Scrapy against recording servers on 127.0.0.1 (and 127.0.0.2).

robots.txt disallow (also with concurrent start requests), Crawl-delay, Retry-After, 503 backoff,
the contact User-Agent; and the plain functions behind them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from crawler.middlewares.retry_after import backoff_delay, parse_retry_after
from crawler.middlewares.user_agent import contact_user_agent
from tests.servers import ALLOW_LOOPBACK, GAP_TOLERANCE_S, Reply, gaps, probe_crawl, serve

TEXT = {"Content-Type": "text/plain"}


def robots(text: str) -> Reply:
    """A robots.txt reply."""
    return Reply(200, text.encode(), TEXT)


def too_many(retry_after: str | None, status: int = 429) -> Reply:
    """A 429 (or 503) reply, with ``Retry-After`` when given."""
    headers = {**TEXT, **({"Retry-After": retry_after} if retry_after is not None else {})}
    return Reply(status, b"slow down", headers)


def test_robots_disallow_is_never_requested(tmp_path: Path) -> None:
    """Disallowed pages are not fetched, even when all start requests wait for robots.txt."""
    pages = ["/a", "/b", "/c", "/private/x", "/private/y"]
    routes = {"/robots.txt": robots("User-agent: *\nDisallow: /private/\n"),
              **{page: Reply() for page in pages}}
    with serve(routes) as server:
        run = probe_crawl([server.url(page) for page in pages], ALLOW_LOOPBACK, tmp_path)
        assert run.returncode == 0, run.log[-3000:]
        assert sorted(server.paths()) == ["/a", "/b", "/c", "/robots.txt"]
    assert run.stats["robotstxt/forbidden"] == 2
    assert {failure["message"] for failure in run.failures} == {"Forbidden by robots.txt"}


def test_crawl_delay_spaces_requests(tmp_path: Path) -> None:
    """Crawl-delay: 1 makes the pages of that host arrive at least a second apart."""
    routes = {"/robots.txt": robots("User-agent: *\nCrawl-delay: 1\n"),
              "/1": Reply(), "/2": Reply(), "/3": Reply()}
    with serve(routes) as server:
        run = probe_crawl([server.url(f"/{n}") for n in (1, 2, 3)], ALLOW_LOOPBACK, tmp_path)
        times = sorted(t for page in ("/1", "/2", "/3") for t in server.times(page))
    assert len(run.responses) == 3, run.log[-3000:]
    assert min(gaps(times)) >= 1.0 - GAP_TOLERANCE_S, gaps(times)
    assert run.stats["politeness/crawl_delay_domains"] == 1
    assert run.stats["politeness/crawl_delay_applied"] >= 1


def test_crawl_delay_is_capped(tmp_path: Path) -> None:
    """A huge Crawl-delay is cut to POLITENESS_MAX_CRAWL_DELAY, and counted."""
    routes = {"/robots.txt": robots("User-agent: *\nCrawl-delay: 3600\n"),
              "/1": Reply(), "/2": Reply(), "/3": Reply()}
    settings = {**ALLOW_LOOPBACK, "POLITENESS_MAX_CRAWL_DELAY": 0.4}
    with serve(routes) as server:
        run = probe_crawl([server.url(f"/{n}") for n in (1, 2, 3)], settings, tmp_path)
        times = sorted(t for page in ("/1", "/2", "/3") for t in server.times(page))
    assert len(run.responses) == 3, run.log[-3000:]
    assert min(gaps(times)) >= 0.4 - GAP_TOLERANCE_S, gaps(times)
    assert max(gaps(times)) < 3, gaps(times)
    assert run.stats["politeness/crawl_delay_capped"] == 1


def test_retry_after_is_honoured(tmp_path: Path) -> None:
    """429 with Retry-After: 1, twice, then 200: the page arrives, attempts >= 1 s apart."""
    routes = {"/robots.txt": robots(""),
              "/flaky": [too_many("1"), too_many("1"), Reply()]}
    with serve(routes) as server:
        run = probe_crawl([server.url("/flaky")], ALLOW_LOOPBACK, tmp_path)
        times = server.times("/flaky")
    assert [r["status"] for r in run.responses] == [200], run.log[-3000:]
    assert len(times) == 3
    assert min(gaps(times)) >= 1.0, gaps(times)
    assert run.stats["politeness/retry_after/honoured/429"] == 2
    assert run.stats["retry/count"] == 2  # the retries are Scrapy's RetryMiddleware's
    assert run.stats["politeness/retry_after/resumed"] >= 1


def test_retry_after_pauses_only_that_domain(tmp_path: Path) -> None:
    """While 127.0.0.1 waits out its Retry-After, 127.0.0.2 is fetched."""
    slow_routes = {"/robots.txt": robots(""), "/slow": [too_many("2"), Reply()]}
    fast_routes = {"/robots.txt": robots(""), **{f"/{n}": Reply() for n in range(4)}}
    settings = {"SAFETY_ALLOWED_HOSTS": ["127.0.0.1", "127.0.0.2"]}
    with serve(slow_routes) as slow, serve(fast_routes, host="127.0.0.2") as fast:
        urls = [slow.url("/slow"), *(fast.url(f"/{n}") for n in range(4))]
        run = probe_crawl(urls, settings, tmp_path)
        slow_times = slow.times("/slow")
        fast_times = [t for n in range(4) for t in fast.times(f"/{n}")]
    assert len(run.responses) == 5, run.log[-3000:]
    assert slow_times[1] - slow_times[0] >= 2.0
    assert max(fast_times) < slow_times[1]


def test_retry_after_too_long_gives_up(tmp_path: Path) -> None:
    """A Retry-After above POLITENESS_MAX_RETRY_AFTER is not waited for: given up, counted."""
    routes = {"/robots.txt": robots(""), "/closed": too_many("3600")}
    settings = {**ALLOW_LOOPBACK, "POLITENESS_MAX_RETRY_AFTER": 5}
    with serve(routes) as server:
        run = probe_crawl([server.url("/closed")], settings, tmp_path)
        assert server.paths().count("/closed") == 1
    assert run.responses == []
    assert [f["type"] for f in run.failures] == ["IgnoreRequest"]
    assert run.stats["politeness/retry_after/too_long/429"] == 1
    assert "retry/count" not in run.stats


def test_503_burst_backs_off_then_succeeds(tmp_path: Path) -> None:
    """503s without Retry-After pause the domain with a growing backoff; every page arrives."""
    pages = ["/p1", "/p2", "/p3"]
    routes = {"/robots.txt": robots(""),
              **{page: [too_many(None, 503), Reply()] for page in pages}}
    settings = {**ALLOW_LOOPBACK, "POLITENESS_BACKOFF_BASE": 0.3}
    with serve(routes) as server:
        run = probe_crawl([server.url(page) for page in pages], settings, tmp_path)
        first = [server.times(page)[0] for page in pages]
        retried = [server.times(page)[1] for page in pages]
    assert sorted(r["status"] for r in run.responses) == [200, 200, 200], run.log[-3000:]
    assert run.stats["politeness/retry_after/backoff/503"] == 3
    assert min(retried) - max(first) >= 0.3


def test_user_agent_names_the_contact_url(tmp_path: Path) -> None:
    """Overriding NEWSCLEAN_CONTACT_URL alone changes the User-Agent, robots.txt fetch included."""
    routes = {"/robots.txt": robots(""), "/": Reply()}
    settings = {**ALLOW_LOOPBACK, "NEWSCLEAN_CONTACT_URL": "https://example.org/crawler"}
    with serve(routes) as server:
        probe_crawl([server.url("/")], settings, tmp_path)
        agents = {hit.path: hit.headers.get("User-Agent", "") for hit in server.hits}
    assert agents == {"/robots.txt": "newsclean/0.1 (+https://example.org/crawler)",
                      "/": "newsclean/0.1 (+https://example.org/crawler)"}


def test_parse_retry_after() -> None:
    """Delta-seconds, HTTP dates (future and past), and garbage."""
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after(b"120") == 120.0
    assert parse_retry_after(" 2.5 ") == 2.5
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True),
                             now=now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(hours=1), usegmt=True),
                             now=now) == 0.0
    assert parse_retry_after(b"soon") is None
    assert parse_retry_after(b"-5") is None
    assert parse_retry_after(None) is None


def test_backoff_doubles_up_to_the_cap() -> None:
    """1, 2, 4, ... seconds, never above the cap."""
    assert [backoff_delay(n, 1.0, 6.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 6.0]


def test_contact_user_agent() -> None:
    """The ``(+URL)`` comment is replaced or added; a UA already naming the URL is kept."""
    assert contact_user_agent("newsclean/0.1 (+https://a.example)", "https://b.example") == (
        "newsclean/0.1 (+https://b.example)")
    assert contact_user_agent("mybot/2", "https://b.example") == "mybot/2 (+https://b.example)"
    assert contact_user_agent("bot (+https://b.example)", "https://b.example") == (
        "bot (+https://b.example)")
