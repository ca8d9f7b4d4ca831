"""A redirect to a URL the crawl already has is counted as such, not only as a duplicate.

Through the real news spider: a home page on 127.0.0.1 links to a story and to its old address,
which redirects to it. The duplicate filter drops the redirected request, and the summary line
says why (``not followed: redirect_to_seen_url=1``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scrapy import Request, signals
from scrapy.utils.test import get_crawler

from crawler.middlewares.redirect_guard import TO_SEEN_URL, RedirectGuardMiddleware
from tests.servers import Reply, redirect, serve

ROOT = Path(__file__).resolve().parent.parent
STORY = "/2026/11/27/harbour-bridge-reopens/"
OLD = "/2026/11/26/harbour-bridge-to-reopen/"
MOVED = "/2026/11/25/ferry-timetable-changes/"
NEW = "/2026/11/27/ferry-timetable-changes-in-winter/"


def page(body: str) -> Reply:
    """An HTML page."""
    return Reply(body=f"<!doctype html><html><body>{body}</body></html>".encode(),
                 headers={"Content-Type": "text/html; charset=utf-8"})


def test_a_redirect_to_a_known_url_is_counted_in_the_summary(tmp_path: Path) -> None:
    links = "".join(f'<a href="{path}">{path}</a>' for path in (STORY, OLD, MOVED))
    routes = {"/": page(links), STORY: page("<h1>Bridge</h1>"), OLD: redirect(STORY, 301),
              MOVED: redirect(NEW, 301), NEW: page("<h1>Ferry</h1>")}
    with serve(routes) as server:
        settings = {"ITEM_PIPELINES": "{}", "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0",
                    "TELNETCONSOLE_ENABLED": "0", "SAFETY_ALLOWED_HOSTS": "127.0.0.1",
                    "NEWSCLEAN_STATE_DIR": str(tmp_path / "state"), "LOG_LEVEL": "INFO",
                    "NEWSCLEAN_STATS_FILE": str(tmp_path / "stats.json")}
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a",
                   f"start_urls={server.url('/')}"]
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=90,
                              check=False)
        paths = server.paths()
    assert done.returncode == 0, done.stderr[-3000:]
    assert paths.count(STORY) == 1 and paths.count(OLD) == 1, paths
    assert paths.count(NEW) == 1, paths  # a redirect to a new URL is followed
    stats = json.loads((tmp_path / "stats.json").read_text("utf-8"))
    assert stats[TO_SEEN_URL] == 1, stats
    assert stats["dupefilter/filtered"] == 1
    summary = [line for line in done.stdout.splitlines() if "newsclean summary:" in line]
    assert "not followed: redirect_to_seen_url=1" in summary[0], done.stdout


def test_only_dropped_redirects_are_counted() -> None:
    crawler = get_crawler(settings_dict={})
    guard = RedirectGuardMiddleware.from_crawler(crawler)  # signals hold handlers weakly
    redirected = Request("http://127.0.0.1/b", meta={"redirect_urls": ["http://127.0.0.1/a"]})
    for request in (redirected, Request("http://127.0.0.1/c"), redirected):
        crawler.signals.send_catch_log(signal=signals.request_dropped, request=request,
                                       spider=None)
    assert crawler.stats.get_value(TO_SEEN_URL) == 2
    assert guard.stats is crawler.stats
