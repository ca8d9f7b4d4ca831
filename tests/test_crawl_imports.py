"""The crawl process imports no extraction code: the workers (or inline use) load it.

Keeping trafilatura, numpy and the language model out of the reactor process saves ~15 MB of
its memory and a second of its start-up; the workers share those pages with their forkserver.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines.cleaning import CleaningOptions
from pipelines.worker_pool import PageTask, frame, run_task

ROOT = Path(__file__).resolve().parent.parent
CRAWL_MODULES = (
    "crawler.settings", "crawler.spiders.news", "crawler.incremental", "crawler.state",
    "crawler.extensions", "crawler.queues", "crawler.stats", "crawler.log_levels",
    "crawler.middlewares.request_safety", "crawler.middlewares.robotstxt",
    "crawler.middlewares.crawl_delay", "crawler.middlewares.retry_after",
    "crawler.middlewares.redirect_guard", "crawler.middlewares.user_agent",
    "crawler.middlewares.meta_refresh", "pipelines.extraction_stage", "pipelines.dedup",
    "pipelines.validation", "pipelines.output", "pipelines.worker_pool",
)
EXTRACTION_ONLY = ("trafilatura", "numpy", "py3langid", "pipelines.extract", "pipelines.body")


def _loaded_after(code: str, stdin: bytes = b"") -> list[str]:
    report = f"print(','.join(m for m in {EXTRACTION_ONLY!r} if m in sys.modules))"
    probe = f"import sys\n{code}\n{report}"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         input=stdin, check=True)
    return [name for name in out.stdout.decode().strip().split(",") if name]


def test_crawl_modules_do_not_import_the_extraction_code() -> None:
    assert _loaded_after("\n".join(f"import {module}" for module in CRAWL_MODULES)) == []


def test_a_workers_answer_is_read_without_it() -> None:
    page = (b"<html lang='en'><head><title>Bridge</title></head><body><article><h1>Bridge</h1>"
            + b"".join(b"<p>Paragraph %d: the council approved the new bridge after a long "
                       b"debate about its cost, its design and the traffic it would bring.</p>"
                       % n for n in range(12))
            + b"</article></body></html>")
    result = run_task(PageTask(page, "http://127.0.0.1/a", None, None, CleaningOptions()))
    assert result.record is not None
    answer = frame((True, result))[8:]
    code = "import pickle\nok, result = pickle.loads(sys.stdin.buffer.read())\nassert result.record"
    assert _loaded_after(code, stdin=answer) == []


def test_running_a_task_inline_imports_it() -> None:
    code = ("from pipelines.worker_pool import PageTask, run_task\n"
            "from pipelines.cleaning import CleaningOptions\n"
            "run_task(PageTask(b'<html><body><p>x</p></body></html>', 'http://127.0.0.1/',"
            " None, None, CleaningOptions()))")
    assert "pipelines.extract" in _loaded_after(code)
