"""The ``newsclean`` command: ``extract`` over files and JSON lines, usage errors, wiring."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pipelines.cli import main
from pipelines.extract_cli import BAD_INPUT, READ_ERROR, parse_jsonl_line
from pipelines.schema import schema_errors

REPO = Path(__file__).resolve().parents[1]
WORDS = [
    "council", "river", "budget", "school", "harbour", "winter", "bridge", "market", "station",
    "library", "farmers", "museum", "hospital", "election", "tram", "festival", "forest",
    "railway", "coast", "village",
]


def article_html(title: str, paragraphs: int = 6) -> str:
    """A small news page with ~200 words of distinct paragraphs."""
    body = "\n".join(
        f"<p>{title} report part {n}: "
        + " ".join(f"the {WORDS[(n * 7 + i) % len(WORDS)]} saw change number {n * 40 + i}"
                   for i in range(7))
        + ".</p>"
        for n in range(paragraphs)
    )
    return (
        f"<!doctype html><html lang='en'><head><title>{title} | Daily Test</title>"
        f"<meta property='og:type' content='article'></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright Daily Test</footer></body></html>"
    )


def run_cli(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m pipelines.cli`` as a user would."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        input=stdin, capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False,
    )


def json_lines(text: str) -> list[dict[str, Any]]:
    """Parse JSON Lines output, checking every line against the published schema."""
    assert text.endswith("\n")
    lines = [json.loads(line) for line in text.splitlines()]
    for line in lines:
        assert schema_errors(line, "") == [], line
    return lines


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, Path]:
    """One plain and one gzipped article page."""
    plain = tmp_path / "plain.html"
    plain.write_text(article_html("Bridge reopens"), encoding="utf-8")
    packed = tmp_path / "packed.html.gz"
    packed.write_bytes(gzip.compress(article_html("Harbour expands").encode("utf-8")))
    return {"plain": plain, "gz": packed}


def jsonl_input() -> str:
    """Four inputs: two articles, one empty page, one line that is not JSON."""
    rows = [
        json.dumps(
            {"url": "https://news.example/a", "html": article_html("Tram line"), "id": "case-7"}
        ),
        json.dumps({"url": "https://news.example/empty", "html": "", "id": "case-8", "n": [1]}),
        "{not json",
        json.dumps({"id": "case-9", "html": article_html("Forest fire"), "url": "https://news.example/b"}),
    ]
    return "\n".join(rows) + "\n"


def check_jsonl_output(lines: list[dict[str, Any]]) -> None:
    """The four outputs of :func:`jsonl_input`, in order."""
    assert len(lines) == 4
    assert lines[0]["input"] == {"id": "case-7"}
    assert lines[0]["url"] == "https://news.example/a"
    assert "Tram line report part 0" in lines[0]["text"]
    assert lines[1]["error"]["kind"] == "empty_page"
    assert lines[1]["input"] == {"id": "case-8", "n": [1]}
    assert "text" not in lines[1]
    assert lines[2]["error"]["kind"] == BAD_INPUT
    assert lines[2]["url"] is None
    assert "line 3" in lines[2]["error"]["message"]
    assert lines[3]["input"] == {"id": "case-9"}
    assert "Forest fire" in lines[3]["text"]


def test_files_plain_and_gz_subprocess(pages: dict[str, Path], tmp_path: Path) -> None:
    """Relative file names become file:// URIs of absolute paths; .gz is gunzipped."""
    done = run_cli("extract", "plain.html", "packed.html.gz", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = json_lines(done.stdout)
    assert [line["url"] for line in lines] == [pages["plain"].as_uri(), pages["gz"].as_uri()]
    assert "Bridge reopens report part 5" in lines[0]["text"]
    assert "Harbour expands report part 0" in lines[1]["text"]
    assert "Copyright" not in lines[0]["text"]
    assert all("input" not in line for line in lines)
    assert "extracted 2 records, 0 failures" in done.stderr
    assert "pages/s" in done.stderr


def test_file_with_url(pages: dict[str, Path], tmp_path: Path) -> None:
    """``--url`` names the page of a single file."""
    out = tmp_path / "out.jsonl"
    url = "https://news.example/harbour"
    assert main(["extract", str(pages["gz"]), "--url", url, "-o", str(out)]) == 0
    (line,) = json_lines(out.read_text("utf-8"))
    assert line["url"] == url
    assert line["source_domain"] == "news.example"


def test_jsonl_stdin_subprocess() -> None:
    """Failures are lines too; the batch goes on, order and input keys are kept."""
    done = run_cli("extract", "--jsonl", stdin=jsonl_input())
    assert done.returncode == 0, done.stderr
    check_jsonl_output(json_lines(done.stdout))
    summary = done.stderr.strip().splitlines()[-1]
    assert summary.startswith("extracted 2 records, 2 failures (")
    assert f"{BAD_INPUT}: 1" in summary and "empty_page: 1" in summary


def test_jsonl_file_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--jsonl FILE -o FILE`` in-process; nothing goes to stdout."""
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl_input(), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("stale\n")
    assert main(["extract", "--jsonl", str(source), "-o", str(out)]) == 0
    check_jsonl_output(json_lines(out.read_text("utf-8")))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "extracted 2 records, 2 failures" in captured.err


def test_jsonl_gz_and_stdin_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gzipped JSONL file, and ``-`` for stdin, give the same lines."""
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(jsonl_input().encode("utf-8")))
    out_gz, out_stdin = tmp_path / "gz.jsonl", tmp_path / "stdin.jsonl"
    assert main(["extract", "--jsonl", str(packed), "-o", str(out_gz)]) == 0
    stdin = io.TextIOWrapper(io.BytesIO(jsonl_input().encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["extract", "--jsonl", "-", "-o", str(out_stdin)]) == 0

    def without_time(path: Path) -> list[dict[str, Any]]:
        return [{k: v for k, v in line.items() if k != "crawled_at"}
                for line in json_lines(path.read_text("utf-8"))]

    assert without_time(out_gz) == without_time(out_stdin)
    check_jsonl_output(json_lines(out_gz.read_text("utf-8")))


def test_unreadable_gz_is_a_failure_line(pages: dict[str, Path], tmp_path: Path) -> None:
    """A corrupt .gz file gives a read_error line; the other files still extract."""
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip at all")
    out = tmp_path / "out.jsonl"
    files = [str(pages["plain"]), str(broken), str(pages["gz"])]
    assert main(["extract", *files, "-o", str(out)]) == 0
    lines = json_lines(out.read_text("utf-8"))
    assert [line.get("error", {}).get("kind") for line in lines] == [None, READ_ERROR, None]
    assert lines[1]["url"] == broken.as_uri()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "required"),
        (["extract"], "no input"),
        (["extract", "missing.html"], "no such file"),
        (["extract", "--jsonl", "missing.jsonl"], "no such file"),
        (["extract", "{plain}", "{gz}", "--url", "https://news.example/x"], "exactly one"),
        (["extract", "--jsonl", "--url", "https://news.example/x"], "exactly one"),
        (["extract", "{plain}", "--jsonl"], "not both"),
        (["extract", "{plain}", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["extract", "--jsonl", "{plain}", "-o", "{plain}"], "also an input"),
        (["explode"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, pages: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Usage errors exit 2 with an argparse-style message on stderr and no output."""
    args = [arg.format(plain=pages["plain"], gz=pages["gz"]) for arg in argv]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error:" in captured.err and message in captured.err
    assert pages["plain"].read_text("utf-8").startswith("<!doctype html>")


def test_usage_error_subprocess(tmp_path: Path) -> None:
    """The real command exits 2 on a missing file."""
    done = run_cli("extract", str(tmp_path / "nope.html"))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "newsclean extract: error: no such file" in done.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` prints the package version."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("newsclean ")


def test_broken_bench_module_leaves_extract_working(
    pages: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``bench`` is imported only when it runs; when it cannot be, extract is unaffected."""
    monkeypatch.setitem(sys.modules, "pipelines.benchmark", None)  # makes the import fail
    assert main(["bench", "--set", str(tmp_path)]) == 1
    assert "bench: not available" in capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(pages["plain"]), "-o", str(out)]) == 0
    assert len(json_lines(out.read_text("utf-8"))) == 1


def test_bench_options_pass_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """Arguments after ``bench`` reach the benchmark module's own parser and ``run``."""
    seen: dict[str, Any] = {}

    class FakeBench:
        __doc__ = "Fake bench."

        @staticmethod
        def add_arguments(parser: Any) -> None:
            parser.add_argument("--set", dest="sets", action="append")
            parser.add_argument("--limit", type=int)

        @staticmethod
        def run(args: Any) -> int:
            seen.update(vars(args))
            return 7

    monkeypatch.setitem(sys.modules, "pipelines.benchmark", FakeBench)
    monkeypatch.setattr("pipelines.benchmark", FakeBench, raising=False)
    assert main(["bench", "--set", "a", "--limit", "3", "--set", "b"]) == 7
    assert seen == {"sets": ["a", "b"], "limit": 3}


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"[1, 2]", "expected a JSON object"),
        (b'{"html": "<p>x</p>", "id": 1}', '"url" must be'),
        (b'{"url": "https://a.example/", "html": null}', '"html" must be'),
        (b"\xff\xfe{", "not JSON"),
    ],
)
def test_bad_jsonl_lines(raw: bytes, problem: str) -> None:
    """Every malformed line is a bad_input page that keeps whatever keys it had."""
    page = parse_jsonl_line(raw, 5)
    assert page.error is not None
    assert page.error.kind == BAD_INPUT
    assert page.error.message.startswith("line 5: ")
    assert problem in page.error.message
    if raw.startswith(b'{"html"'):
        assert page.extra == {"id": 1}
