"""``newsclean extract``: pages from HTML files or JSONL in, one JSON line per page out.

Output is JSON Lines in input order: an article record (``$defs.article``) or a failure line
(``$defs.failure``) per input. Each line is written with one ``write()`` and flushed, so a run
that is killed leaves only complete lines in ``-o FILE`` (which is overwritten at the start).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, closing, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pipelines.extract import extract_page
from pipelines.record import SCHEMA_VERSION, PageError

STDIO = "-"
BAD_INPUT = "bad_input"
READ_ERROR = "read_error"


class UsageError(Exception):
    """Arguments that make no sense together; the CLI reports them argparse-style (exit 2)."""


@dataclass(frozen=True, slots=True)
class PageInput:
    """One page to extract, or why it could not be read; ``extra`` becomes the ``input`` object."""

    url: str | None
    html: bytes | str | None = None
    extra: dict[str, Any] | None = None
    error: PageError | None = None


@dataclass(slots=True)
class Summary:
    """Counts of one batch, for the closing line on stderr."""

    records: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def add(self, line: dict[str, Any]) -> None:
        """Count one output line."""
        if "error" in line:
            self.failures[line["error"]["kind"]] += 1
        else:
            self.records += 1

    def format(self) -> str:
        """``extracted N records, M failures (kind: count, ...), X pages/s``."""
        failed = sum(self.failures.values())
        kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(
            self.failures.items(), key=lambda item: (-item[1], item[0])
        ))
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = (self.records + failed) / elapsed
        failures = f"{failed} failures" + (f" ({kinds})" if kinds else "")
        return f"extracted {self.records} records, {failures}, {rate:.1f} pages/s"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``extract`` options to an argparse parser."""
    parser.add_argument(
        "files", nargs="*", metavar="PAGE", help="HTML files to extract (.gz files are gunzipped)"
    )
    parser.add_argument(
        "--jsonl",
        nargs="?",
        const=STDIO,
        metavar="FILE",
        help='read pages as JSON lines {"url": ..., "html": ..., ...} from FILE or stdin (-); '
        "other keys come back unchanged as the output's input object",
    )
    parser.add_argument(
        "--url", help="the page's URL, for a single PAGE (default: its file:// URI)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=STDIO,
        help="write JSON lines to FILE (overwritten) instead of stdout",
    )


def check_arguments(args: argparse.Namespace) -> None:
    """Raise :class:`UsageError` for arguments that cannot run."""
    if args.jsonl is not None and args.files:
        raise UsageError("give PAGE files or --jsonl, not both")
    if args.jsonl is None and not args.files:
        raise UsageError("no input: give PAGE files or --jsonl [FILE|-]")
    if args.url is not None and len(args.files) != 1:
        raise UsageError("--url needs exactly one PAGE file")
    sources = args.files if args.jsonl is None else [args.jsonl]
    for name in sources:
        if name != STDIO and not Path(name).is_file():
            raise UsageError(f"no such file: {name}")
    output = Path(args.output)
    if args.output != STDIO and output.exists():
        for name in sources:
            if name != STDIO and output.samefile(name):
                raise UsageError(f"the output {args.output} is also an input")


def run(args: argparse.Namespace) -> int:
    """Extract every input of parsed ``extract`` arguments; 0 when the batch ran."""
    check_arguments(args)
    with ExitStack() as stack:
        try:
            out = stack.enter_context(open_output(args.output))
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
        if args.jsonl is None:
            pages: Iterable[PageInput] = iter_files(args.files, args.url)
            total: int | None = len(args.files)
        else:
            pages = iter_jsonl(stack.enter_context(open_jsonl(args.jsonl)))
            total = None
        if sys.stderr.isatty() and (total is None or total > 1):
            pages = stack.enter_context(closing(with_progress(pages, total)))
        summary = Summary()
        status = 0
        try:
            extract_all(pages, out, summary)
        except KeyboardInterrupt:
            status = 130
        except BrokenPipeError:  # e.g. `| head`: the reader is gone, stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    print(("interrupted: " if status else "") + summary.format(), file=sys.stderr)
    return status


def extract_all(pages: Iterable[PageInput], out: IO[bytes], summary: Summary) -> None:
    """Write one output line per page to ``out``, each whole and flushed."""
    for page in pages:
        line = output_line(page)
        summary.add(line)
        out.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        out.flush()


def output_line(page: PageInput) -> dict[str, Any]:
    """The JSON object for one input: its article record or a failure line."""
    if page.error is None and page.html is not None and page.url is not None:
        result = extract_page(page.html, page.url)
        if result.record is not None:
            line = result.record.to_dict()
            if page.extra is not None:
                line["input"] = page.extra
            return line
        error = result.error or PageError("extraction_error", "no record and no error")
    else:
        error = page.error or PageError(BAD_INPUT, "no page")
    return failure_line(page.url, error, page.extra)


def failure_line(
    url: str | None, error: PageError, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A ``$defs.failure`` object: the page's URL, the error, the caller's keys."""
    line: dict[str, Any] = {"url": url, "error": {"kind": error.kind, "message": error.message}}
    if extra is not None:
        line["input"] = extra
    line["schema_version"] = SCHEMA_VERSION
    return line


def iter_files(paths: Sequence[str], url: str | None = None) -> Iterator[PageInput]:
    """Pages from HTML files, read one at a time; URL ``url`` or the file's ``file://`` URI."""
    for name in paths:
        page_url = url or Path(os.path.abspath(name)).as_uri()
        try:
            yield PageInput(page_url, read_html_file(Path(name)))
        except (OSError, EOFError) as exc:  # BadGzipFile is an OSError
            yield PageInput(page_url, error=PageError(READ_ERROR, f"{name}: {exc}"))


def read_html_file(path: Path) -> bytes:
    """The bytes of an HTML file, gunzipped when its name ends in ``.gz``."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def iter_jsonl(stream: IO[bytes]) -> Iterator[PageInput]:
    """Pages from JSON lines, streamed; a bad line is a :data:`BAD_INPUT` page, not a crash."""
    for number, raw in enumerate(stream, start=1):
        if raw.strip():
            yield parse_jsonl_line(raw, number)


def parse_jsonl_line(raw: bytes | str, number: int = 0) -> PageInput:
    """One ``{"url": ..., "html": ..., ...}`` line as a :class:`PageInput`."""
    try:
        data = json.loads(raw)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return PageInput(None, error=PageError(BAD_INPUT, f"line {number}: not JSON: {exc}"))
    if not isinstance(data, dict):
        message = f"line {number}: expected a JSON object, got {type(data).__name__}"
        return PageInput(None, error=PageError(BAD_INPUT, message))
    url, html = data.pop("url", None), data.pop("html", None)
    problem = None
    if not isinstance(url, str) or not url:
        problem = '"url" must be a non-empty string'
        url = None
    elif not isinstance(html, str):
        problem = '"html" must be a string'
    if problem:
        return PageInput(url, extra=data, error=PageError(BAD_INPUT, f"line {number}: {problem}"))
    return PageInput(url, html, extra=data)


def open_output(name: str) -> AbstractContextManager[IO[bytes]]:
    """The binary stream to write to: ``FILE`` (truncated) or stdout for ``-``."""
    return nullcontext(sys.stdout.buffer) if name == STDIO else open(name, "wb")


def open_jsonl(name: str) -> AbstractContextManager[IO[bytes]]:
    """The binary stream to read JSON lines from: ``FILE`` (gunzipped if ``.gz``) or stdin."""
    if name == STDIO:
        return nullcontext(sys.stdin.buffer)
    if name.endswith(".gz"):
        return gzip.open(name, "rb")
    return open(name, "rb")


def with_progress(
    pages: Iterable[PageInput], total: int | None
) -> Generator[PageInput, None, None]:
    """``pages`` behind a tqdm bar on stderr, with log lines kept off the bar."""
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    with logging_redirect_tqdm(), tqdm(
        pages, total=total, unit=" pages", file=sys.stderr, dynamic_ncols=True
    ) as bar:
        yield from bar
