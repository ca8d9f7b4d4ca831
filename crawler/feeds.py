"""Feed-export URI parameters: where a crawl's JSON Lines file goes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider


def uri_params(params: dict[str, Any], spider: Spider) -> dict[str, Any]:
    """Add ``output_dir`` (absolute, from ``NEWSCLEAN_OUTPUT_DIR``) and a compact UTC ``time``."""
    output_dir = Path(spider.settings.get("NEWSCLEAN_OUTPUT_DIR", "output")).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    started = spider.crawler.stats.get_value("start_time") or datetime.now(UTC)
    return {
        **params,
        "output_dir": output_dir.as_posix(),
        "time": started.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
    }
