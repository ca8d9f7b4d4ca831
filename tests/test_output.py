"""``pipelines.output``: append-only JSON Lines, recovery of partial lines, state replay."""

from __future__ import annotations

import fcntl
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.state import CrawlState, CrawlStateExtension, Fetch
from pipelines.output import (
    JsonLinesAppender,
    OutputStage,
    json_line,
    output_closed,
    recover_outputs,
    replay_tail,
    truncate_partial_line,
)
from tests.factories import make_record


def _line(**overrides: Any) -> bytes:
    return (json.dumps(make_record(**overrides).to_dict()) + "\n").encode()


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        (b"", b""),
        (b'{"a": 1}\n', b'{"a": 1}\n'),
        (b'{"a": 1}\n{"b": 2', b'{"a": 1}\n'),
        (b'{"b": 2', b""),
        (b'{"a": 1}\n' * 20000 + b'{"b":' + b"x" * 70000, b'{"a": 1}\n' * 20000),
    ],
)
def test_truncate_partial_line(tmp_path: Path, content: bytes, kept: bytes) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(content)
    with path.open("r+b") as handle:
        assert truncate_partial_line(handle) == len(content) - len(kept)
    assert path.read_bytes() == kept


def test_replay_tail_marks_only_lines_past_the_committed_offset(tmp_path: Path) -> None:
    state = CrawlState.open(tmp_path / "state")
    path = tmp_path / "out.jsonl"
    first = _line(url="https://example.com/1", canonical_url="https://example.com/1")
    path.write_bytes(first + _line(url="https://example.com/2", canonical_url="https://example.com/2")
                     + b"not json\n")
    state.set_committed(path, len(first))
    with path.open("r+b") as handle:
        assert replay_tail(handle, path, state) == 1
    assert state.page("https://example.com/1") is None  # before the offset: already known
    page = state.page("https://example.com/2")
    assert page is not None and page.content_hash == "a" * 64
    assert state.committed_offset(path) == path.stat().st_size
    with path.open("r+b") as handle:
        assert replay_tail(handle, path, state) == 0


def test_recovery_skips_files_a_live_crawl_holds(tmp_path: Path) -> None:
    busy, dead = tmp_path / "busy.jsonl", tmp_path / "dead.jsonl"
    busy.write_bytes(_line() + b'{"partial')
    dead.write_bytes(_line(url="https://example.com/d", canonical_url="https://example.com/d")
                     + b'{"partial')
    state = CrawlState.open(tmp_path / "state")
    with busy.open("ab") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        totals = recover_outputs(tmp_path, state)
    assert totals == {"recovered_partial_lines": 1, "replayed_lines": 1, "busy_files": 1}
    assert busy.read_bytes().endswith(b'{"partial')
    assert dead.read_bytes().count(b"\n") == 1 and not dead.read_bytes().endswith(b"partial")
    assert state.count() == 1  # recovery flushes what it replayed


def _crawler(tmp_path: Path, **settings: Any) -> Crawler:
    return get_crawler(settings_dict={
        "NEWSCLEAN_OUTPUT_DIR": str(tmp_path / "out"), "NEWSCLEAN_STATE_DIR": str(tmp_path / "st"),
        "NEWSCLEAN_OUTPUT_COMMIT_ITEMS": 2, **settings,
    })


def _stage(crawler: Crawler) -> tuple[OutputStage, CrawlState]:
    extension = CrawlStateExtension.from_crawler(crawler)
    stage = OutputStage(crawler, extension.state)
    stage.open_spider()
    return stage, extension.state


def test_stage_writes_new_then_updated_and_drops_unchanged(tmp_path: Path) -> None:
    crawler = _crawler(tmp_path)
    closed: list[str] = []
    crawler.signals.connect(lambda path: closed.append(path), signal=output_closed, weak=False)
    stage, state = _stage(crawler)
    fetch = Fetch("times", ("https://www.example.com/news/story.html?utm_source=x",), '"e"', None,
                  "2026-03-01", "2026-03-01T10:00:00+00:00")
    state.note_fetch("https://www.example.com/news/story.html?utm_source=x", fetch)
    first = stage.process_item(make_record())
    assert first.updated is False  # type: ignore[attr-defined]
    with pytest.raises(DropItem, match="unchanged"):
        stage.process_item(make_record())
    changed = stage.process_item(make_record(content_hash="b" * 64, text="New text."))
    assert changed.updated is True  # type: ignore[attr-defined]
    stage.close_spider()
    lines = [json.loads(line) for line in Path(closed[0]).read_text().splitlines()]
    assert [(line["updated"], line["content_hash"][0]) for line in lines] == [
        (False, "a"), (True, "b")]
    stats = crawler.stats.get_stats()
    assert (stats["incremental/new"], stats["incremental/updated"],
            stats["incremental/unchanged"], stats["output/records"]) == (1, 1, 1, 2)
    page = state.page("https://www.example.com/news/story.html")
    assert page is not None and page.source == "times" and page.content_hash == "b" * 64


def test_a_record_at_its_canonical_url_is_looked_up_once(tmp_path: Path) -> None:
    stage, state = _stage(_crawler(tmp_path))
    looked_up: list[str] = []
    page = state.page
    state.page = lambda url: looked_up.append(url) or page(url)  # type: ignore[method-assign]
    url = "https://www.example.com/news/story.html"
    stage.process_item(make_record(url=url, canonical_url=url))
    assert looked_up == [url]
    looked_up.clear()
    other = "https://www.example.com/news/story-2.html"
    stage.process_item(make_record(url=other + "?page=1", canonical_url=other,
                                   content_hash="c" * 64))
    assert looked_up == [other, other + "?page=1"]
    stage.close_spider()


def test_stage_without_records_leaves_no_file(tmp_path: Path) -> None:
    crawler = _crawler(tmp_path)
    stage, _ = _stage(crawler)
    assert stage.process_item("not a record") == "not a record"
    stage.close_spider()
    assert list((tmp_path / "out").iterdir()) == []


def test_stage_works_without_state(tmp_path: Path) -> None:
    crawler = _crawler(tmp_path, NEWSCLEAN_STATE_ENABLED=False)
    stage = OutputStage.from_crawler(crawler)
    assert stage.state is None
    stage.open_spider()
    stage.process_item(make_record())
    stage.process_item(make_record())  # no state: no cross-crawl memory, dedup is DedupStage's
    stage.close_spider()
    [output] = (tmp_path / "out").glob("*.jsonl")
    assert output.read_text().count("\n") == 2


@pytest.mark.parametrize("data", [
    {"url": "https://a.example/x", "text": "Zürich – «quoted» \"text\"\n\tline\x00", "n": 3,
     "score": 0.1, "flag": False, "none": None, "list": ["a", 1.5e300], "nested": {"k": []}},
    make_record(title="Ünïcode ✓ \u2028 title").to_dict(),
])
def test_json_line_is_one_utf8_line_that_reads_back(data: dict[str, Any]) -> None:
    line = json_line(data)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == data
    assert json.loads(line) == json.loads(json.dumps(data, ensure_ascii=False))
    assert b"\\u00fc" not in line.lower()  # UTF-8, not escaped, as ensure_ascii=False wrote


def test_a_written_line_is_what_json_line_gives(tmp_path: Path) -> None:
    writer = JsonLinesAppender(tmp_path / "out.jsonl", fsync=False)
    data = make_record(title="Zürich").to_dict()
    writer.write_line(data)
    writer.close()
    content = (tmp_path / "out.jsonl").read_bytes()
    assert content == json_line(data)
    assert writer.offset == len(content)
