"""Shared fixtures: the bundled demo site served on 127.0.0.1 and one real crawl of it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from demo.run import crawl_command
from demo.server import SiteServer, serve_site

ROOT = Path(__file__).resolve().parent.parent
DEMO_SITE = ROOT / "demo" / "site"
CRAWL_TIMEOUT_S = 300


@dataclass
class CrawlRun:
    """What one ``scrapy crawl news`` subprocess left behind."""

    returncode: int
    stdout: str
    stderr: str
    outputs: list[Path]
    records: list[dict[str, Any]]


@pytest.fixture(scope="session")
def demo_server() -> Iterator[SiteServer]:
    """The demo news site on an ephemeral 127.0.0.1 port."""
    with serve_site(DEMO_SITE) as server:
        yield server


@pytest.fixture(scope="session")
def demo_manifest() -> dict[str, Any]:
    """What the demo site's pages are, and what their records must say."""
    return json.loads((DEMO_SITE / "articles.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def demo_crawl(demo_server: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    """Crawl the demo site once with the real spider, as ``make demo`` does."""
    output_dir = tmp_path_factory.mktemp("demo-output")
    done = subprocess.run(
        crawl_command(demo_server.origin, output_dir), cwd=ROOT, capture_output=True, text=True,
        timeout=CRAWL_TIMEOUT_S, check=False,
    )
    outputs = sorted(output_dir.glob("*.jsonl"))
    records = [
        json.loads(line) for path in outputs for line in path.read_text("utf-8").splitlines()
    ]
    return CrawlRun(done.returncode, done.stdout, done.stderr, outputs, records)
