"""A spider that fetches a list of URLs and does nothing else: Scrapy's own cost per page.

``make bench-crawl`` runs it with Scrapy's default settings (outside the project) over the same
generated pages as the news crawl, so that the CPU that Scrapy and Twisted alone spend per page
is printed next to what the whole crawl spends: the floor under the crawl's per-page overhead.

    scrapy runspider bench/bare_spider.py -a urls=FILE -a report=FILE

The report (JSON) gives the process CPU time between the first and the last answer, which
leaves out start-up and shut-down, and the number of answers in between.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response


class BareSpider(scrapy.Spider):
    """Request every URL of the ``urls`` file (one a line); read nothing from the answers."""

    name = "bare"

    def __init__(self, urls: str, report: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url_file = Path(urls)
        self.report = Path(report)
        self.answers = 0
        self.first_cpu = self.last_cpu = 0.0

    async def start(self) -> Any:
        """One request per line of the URL file."""
        for line in self.url_file.read_text("utf-8").splitlines():
            if line.strip():
                yield scrapy.Request(line.strip(), callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Nothing but the clock: the answer was fetched, which is all this spider measures."""
        self.last_cpu = time.process_time()
        if not self.answers:
            self.first_cpu = self.last_cpu
        self.answers += 1
        yield from ()

    def closed(self, reason: str) -> None:
        """Write the report."""
        self.report.write_text(json.dumps({
            "answers": self.answers, "cpu_s": self.last_cpu - self.first_cpu}), "utf-8")
