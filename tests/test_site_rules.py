"""Per-source selectors from the sources file win over the generic rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.sources import SourceOverrides
from demo.run import LOCAL_SETTINGS
from pipelines.extract import extract_page
from pipelines.site_rules import SiteRules, selected_text, selector_xpath
from tests.conftest import ROOT
from tests.servers import Reply, serve

STORY = " ".join(
    f"The ferry operator said sailing number {n} would leave the northern pier at dawn, "
    "weather permitting, and that tickets bought for cancelled crossings stay valid."
    for n in range(1, 9)
)
PAGE = f"""<html lang="en"><head><title>Site front | Ferry Times</title>
<meta property="og:title" content="Ferry Times - news from the islands"></head><body>
<div class="masthead"><h1>Ferry Times</h1></div>
<div class="kopf"><span class="wer">Text: Ines Holm, Reuters</span></div>
<div class="haupt"><h2 class="schlagzeile">Dawn sailings resume on the northern route</h2>
<p>{STORY}</p><p>Harbour staff will check tickets at the gangway from six o'clock.</p>
<div class="werbung-box"><p>Our partner offers: cheap cabins on every ferry, book today and
save on every crossing of the season with the partner card.</p></div>
</div>
<div class="sidebar"><p>Most read this week: the lighthouse keeper who retired after forty
years on the rock, and the island bakery that sells out of rye bread before seven.</p></div>
</body></html>"""
URL = "https://ferry.example/2026/11/dawn-sailings/"


def test_selectors_are_css_or_xpath() -> None:
    assert selector_xpath("//h2") == "//h2"
    assert selector_xpath("h2.schlagzeile").startswith("descendant-or-self::h2")


def test_selected_text_is_the_first_non_empty_match() -> None:
    from lxml import html

    tree = html.fromstring("<div><p> </p><p>one\n two</p><p>three</p></div>")
    assert selected_text(tree, "p") == "one two"
    assert selected_text(tree, "//span") is None


def test_pinned_selectors_win_over_the_generic_rules() -> None:
    rules = SiteRules(title="h2.schlagzeile", byline=".kopf .wer", body="div.haupt",
                      drop=(".werbung-box",))
    record = extract_page(PAGE, URL, rules=rules).record
    assert record is not None
    assert record.title == "Dawn sailings resume on the northern route"
    assert record.provenance.title == "override"
    assert record.byline == "Text: Ines Holm, Reuters"
    assert record.authors == ["Ines Holm"]
    assert record.wire_sources == ["Reuters"]
    assert record.provenance.authors == "override"
    assert "partner card" not in record.text
    assert "check tickets at the gangway" in record.text
    assert "lighthouse keeper" not in record.text  # outside the pinned body


def test_without_rules_the_generic_rules_apply() -> None:
    record = extract_page(PAGE, URL).record
    assert record is not None
    assert record.provenance.title != "override"


def test_a_selector_that_matches_nothing_falls_back_to_the_generic_rules() -> None:
    record = extract_page(PAGE, URL, rules=SiteRules(title="h3.none", byline="//em")).record
    assert record is not None
    assert record.provenance.title != "override"
    assert record.provenance.authors != "override"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [(SourceOverrides(), None),
     (SourceOverrides(title="h1"), SiteRules(title="h1")),
     (SourceOverrides(drop=(".ad",)), SiteRules(drop=(".ad",)))],
)
def test_source_overrides_become_site_rules(
    overrides: SourceOverrides, expected: SiteRules | None
) -> None:
    assert overrides.site_rules() == expected


def test_a_crawl_applies_the_sources_file_overrides(tmp_path: Path) -> None:
    article = Reply(body=PAGE.encode(), headers={"Content-Type": "text/html; charset=utf-8"})
    front = Reply(body=b'<html><body><a href="/2026/11/dawn-sailings/">Ferries</a></body></html>')
    routes = {"/": front, "/2026/11/dawn-sailings/": article, "/robots.txt": Reply(404, b"")}
    with serve(routes) as server:
        origin = f"http://127.0.0.1:{server.server_port}"
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "[[source]]\n"
            'name = "ferry"\n'
            f'start_pages = ["{origin}/"]\n'
            "discover_sitemaps = false\n"
            "[source.overrides]\n"
            'title = "h2.schlagzeile"\n'
            "byline = \"//span[@class='wer']\"\n"
            'drop = [".werbung-box"]\n',
            "utf-8",
        )
        output = tmp_path / "output"
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}"]
        for setting in (*LOCAL_SETTINGS, f"NEWSCLEAN_OUTPUT_DIR={output}",
                        f"NEWSCLEAN_STATE_DIR={tmp_path / 'state'}", "EXTRACT_WORKERS=1"):
            command += ["-s", setting]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                              check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    records = [json.loads(line) for path in output.glob("*.jsonl")
               for line in path.read_text("utf-8").splitlines()]
    assert len(records) == 1
    assert records[0]["title"] == "Dawn sailings resume on the northern route"
    assert records[0]["byline"] == "Text: Ines Holm, Reuters"
    assert records[0]["provenance"]["title"] == "override"
    assert "partner card" not in records[0]["text"]
