"""``newsclean bench``: score extractors on benchmark sets laid out as in ``../shared/bench``.

A set is any folder with ``cases.jsonl`` and ``html/<id>.html.gz`` (see that README), so users can
score their own pages. Metrics are defined in :mod:`pipelines.bench_metrics`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import math
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipelines import bench_metrics as bm

logger = logging.getLogger(__name__)

NEWSCLEAN = "newsclean"
TRAFILATURA = "trafilatura"
COMPARATORS = (TRAFILATURA,)

# Metric key -> label, in report order.
METRICS: dict[str, str] = {
    "body_precision": "body precision",
    "body_recall": "body recall",
    "body_f1": "body F1",
    "with_found": "with found",
    "without_excluded": "without excluded",
    "comments_excluded": "comments excluded",
    "title": "title",
    "authors_exact": "authors exact",
    "authors_jaccard": "authors jaccard",
    "date": "date",
}
SNIPPET_KINDS = ("with", "without", "comments")
SNIPPET_METRICS = {
    "with": "with_found",
    "without": "without_excluded",
    "comments": "comments_excluded",
}


@dataclass(frozen=True, slots=True)
class BenchCase:
    """One annotated page of a benchmark set; ``None`` gold values are not annotated."""

    id: str
    url: str
    html_path: Path
    body: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    title: str | None = None
    authors: tuple[str, ...] | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Prediction:
    """What an extractor gave for one page, reduced to the scored fields."""

    text: str = ""
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    error: str | None = None


Extractor = Callable[[bytes, str], Prediction]


@dataclass(slots=True)
class PageResult:
    """Scores of one extractor on one page (``None``: metric not applicable), for tuning."""

    id: str
    url: str
    scores: dict[str, float | None]
    snippet_counts: dict[str, tuple[int, int]]
    missed: dict[str, list[str]]
    title: str | None
    authors: list[str]
    date: str | None
    words: int
    error: str | None


@dataclass(slots=True)
class ExtractorRun:
    """One extractor over one set: aggregate metrics, speed and per-page results."""

    extractor: str
    metrics: dict[str, float | None]
    pages: int
    errors: int
    seconds: float
    pages_per_second: float | None
    page_results: list[PageResult] = field(default_factory=list)


@dataclass(slots=True)
class SetReport:
    """All extractors' runs over one benchmark set."""

    name: str
    path: str
    pages: int
    runs: dict[str, ExtractorRun]


@dataclass(slots=True)
class BenchReport:
    """The result of ``run_benchmark``: one report per set."""

    sets: list[SetReport]

    def to_dict(self, *, pages: bool = True) -> dict[str, Any]:
        """Plain JSON-ready data; ``pages=False`` drops the per-page results."""
        data = asdict(self)
        if not pages:
            for s in data["sets"]:
                for r in s["runs"].values():
                    r.pop("page_results")
        return data


# -- loading ---------------------------------------------------------------------------------


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def load_cases(set_dir: Path | str) -> list[BenchCase]:
    """Read ``cases.jsonl`` of a set folder into cases (HTML is read later, per page)."""
    root = Path(set_dir)
    cases = []
    with (root / "cases.jsonl").open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            raw = json.loads(line)
            try:
                case_id = str(raw["id"])
                html = raw.get("html") or f"html/{case_id}.html.gz"
                authors = raw.get("authors")
                cases.append(
                    BenchCase(
                        id=case_id,
                        url=raw["url"],
                        html_path=root / html,
                        body=raw.get("body"),
                        with_=_strings(raw.get("with")),
                        without=_strings(raw.get("without")),
                        comments=_strings(raw.get("comments")),
                        title=raw.get("title"),
                        authors=None if authors is None else tuple(authors),
                        date=raw.get("date"),
                    )
                )
            except KeyError as exc:
                raise ValueError(f"{root / 'cases.jsonl'}:{line_no}: missing key {exc}") from exc
    return cases


def read_html(case: BenchCase) -> bytes:
    """The page bytes as served (gunzipped when the file ends in ``.gz``)."""
    data = case.html_path.read_bytes()
    return gzip.decompress(data) if case.html_path.suffix == ".gz" else data


# -- extractors ------------------------------------------------------------------------------


def newsclean_extractor(html: bytes, url: str) -> Prediction:
    """newsclean's ``extract_page`` reduced to the scored fields."""
    from pipelines.extract import extract_page

    result = extract_page(html, url)
    record = result.record
    if record is None:
        error = result.error
        return Prediction(error=f"{error.kind}: {error.message}" if error else "no record")
    return Prediction(
        text=record.text or "",
        title=record.title,
        authors=tuple(record.authors or ()),
        date=record.published,
    )


def trafilatura_extractor(html: bytes, url: str) -> Prediction:
    """trafilatura's ``bare_extraction`` with metadata; authors split on ``;``."""
    from trafilatura import bare_extraction

    doc = bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return Prediction(error="no_result: trafilatura returned None")
    get = doc.get if isinstance(doc, dict) else lambda key: getattr(doc, key, None)
    authors = tuple(a.strip() for a in (get("author") or "").split(";") if a.strip())
    return Prediction(text=get("text") or "", title=get("title"), authors=authors, date=get("date"))


EXTRACTORS: dict[str, Extractor] = {
    NEWSCLEAN: newsclean_extractor,
    TRAFILATURA: trafilatura_extractor,
}


_WARM_UP_PAGE = (
    b"<html lang='en'><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    + b"<p>The harbour council met on Tuesday to discuss the ferry timetable and the fares.</p>"
    * 8
    + b"</article></body></html>"
)


def timed_extract(extract: Extractor, html: bytes, url: str) -> tuple[Prediction, float]:
    """Run one extractor on one page; an exception becomes an error value. Returns seconds too."""
    start = time.perf_counter()
    try:
        prediction = extract(html, url)
    except Exception as exc:  # score the page as failed, keep the run going
        logger.warning("extractor raised on %s: %r", url, exc)
        prediction = Prediction(error=f"exception: {type(exc).__name__}: {exc}")
    return prediction, time.perf_counter() - start


# -- scoring ---------------------------------------------------------------------------------


def score_page(case: BenchCase, pred: Prediction) -> PageResult:
    """All per-page metrics of one prediction against its case."""
    scores: dict[str, float | None] = dict.fromkeys(METRICS)
    if case.body is not None:
        overlap = bm.body_overlap(case.body, pred.text)
        p, r = overlap.precision, overlap.recall
        scores["body_precision"], scores["body_recall"] = p, r
        scores["body_f1"] = bm.f1(p or 0.0, r or 0.0) if r is not None else None
    counts: dict[str, tuple[int, int]] = {}
    missed: dict[str, list[str]] = {}
    for kind in SNIPPET_KINDS:
        snippets = getattr(case, "with_" if kind == "with" else kind)
        score = bm.snippets_found if kind == "with" else bm.snippets_absent
        count = score(snippets, pred.text)
        counts[kind] = (count.hits, count.total)
        scores[SNIPPET_METRICS[kind]] = count.share
        missed[kind] = [s for s in snippets if score([s], pred.text) == bm.SnippetCount(0, 1)]
    scores["title"] = bm.title_match(case.title, pred.title)
    scores["authors_exact"] = bm.authors_exact(case.authors, pred.authors)
    scores["authors_jaccard"] = bm.authors_jaccard(case.authors, pred.authors)
    scores["date"] = bm.date_match(case.date, pred.date)
    return PageResult(
        id=case.id,
        url=case.url,
        scores=scores,
        snippet_counts=counts,
        missed={k: v for k, v in missed.items() if v},
        title=pred.title,
        authors=list(pred.authors),
        date=pred.date,
        words=len(bm.tokenize(pred.text)),
        error=pred.error,
    )


def aggregate(pages: Sequence[PageResult]) -> dict[str, float | None]:
    """Set-level metrics: page means, body F1 from the means, snippet shares as micro averages."""
    metrics = {key: bm.mean(p.scores[key] for p in pages) for key in METRICS}
    metrics["body_f1"] = bm.f1(metrics["body_precision"], metrics["body_recall"])
    for kind, key in SNIPPET_METRICS.items():
        metrics[key] = bm.micro_share(bm.SnippetCount(*p.snippet_counts[kind]) for p in pages)
    return metrics


# -- running ---------------------------------------------------------------------------------


def run_set(
    set_dir: Path | str,
    extractors: dict[str, Extractor],
    limit: int | None = None,
    progress: bool = False,
) -> SetReport:
    """Run every extractor over the pages of one set; each page is read and gunzipped once."""
    root = Path(set_dir)
    cases = load_cases(root)[:limit] if limit is not None else load_cases(root)
    preds: dict[str, list[Prediction]] = {name: [] for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    iterator: Iterable[BenchCase] = cases
    if progress:
        from tqdm import tqdm

        iterator = tqdm(cases, desc=root.name, unit="page", file=sys.stderr)
    for case in iterator:
        html = read_html(case)
        for name, extract in extractors.items():
            pred, spent = timed_extract(extract, html, case.url)
            preds[name].append(pred)
            seconds[name] += spent
    runs = {}
    for name in extractors:
        n, spent = len(cases), seconds[name]
        pages = [score_page(c, p) for c, p in zip(cases, preds[name], strict=True)]
        runs[name] = ExtractorRun(
            extractor=name,
            metrics=aggregate(pages),
            pages=n,
            errors=sum(1 for p in pages if p.error),
            seconds=spent,
            pages_per_second=n / spent if spent > 0 else None,
            page_results=pages,
        )
    return SetReport(name=root.resolve().name, path=str(root), pages=len(cases), runs=runs)


def run_benchmark(
    set_dirs: Sequence[Path | str],
    compare: Sequence[str] = (),
    limit: int | None = None,
    *,
    extractors: dict[str, Extractor] | None = None,
    progress: bool = False,
) -> BenchReport:
    """Score newsclean (and each extractor named in ``compare``) on every set folder."""
    chosen = dict(extractors) if extractors is not None else {NEWSCLEAN: EXTRACTORS[NEWSCLEAN]}
    for name in compare:
        if name not in EXTRACTORS:
            raise ValueError(f"unknown extractor {name!r}; choose from {sorted(EXTRACTORS)}")
        chosen.setdefault(name, EXTRACTORS[name])
    warm_up(chosen)
    return BenchReport([run_set(d, chosen, limit, progress) for d in set_dirs])


def warm_up(extractors: dict[str, Extractor]) -> None:
    """Pay one-time loads before any page is timed, so no extractor is charged for them.

    Both extractors share htmldate, whose dateparser loads its locales once per process
    (:func:`pipelines.dates.warm_up_date_parser`); each extractor then runs once on a small page
    (models, lazy imports).
    """
    from pipelines.dates import warm_up_date_parser

    warm_up_date_parser()
    for extract in extractors.values():
        timed_extract(extract, _WARM_UP_PAGE, "https://example.com/2026/11/warm-up/")


# -- floors ----------------------------------------------------------------------------------


def load_floors(path: Path | str) -> dict[str, dict[str, float]]:
    """Minimum scores per set name and metric from a floors JSON file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {name: dict(metrics) for name, metrics in data["sets"].items()}


def load_pinned(path: Path | str) -> dict[str, dict[str, float]]:
    """The scores measured when a floors file was written (its ``measured`` part), if any."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {name: dict(metrics) for name, metrics in data.get("measured", {}).items()}


def floor_violations(
    report: BenchReport,
    floors: dict[str, dict[str, float]],
    extractor: str = NEWSCLEAN,
    pinned: dict[str, dict[str, float]] | None = None,
) -> list[str]:
    """One message per floor the extractor scored below (or could not be measured against)."""
    by_name = {s.name: s for s in report.sets}
    problems = []
    for set_name, metric_floors in floors.items():
        set_report = by_name.get(set_name)
        if set_report is None or extractor not in set_report.runs:
            continue
        metrics = set_report.runs[extractor].metrics
        for metric, floor in metric_floors.items():
            value = metrics.get(metric)
            if value is None:
                problems.append(f"{set_name} {metric}: not measured (floor {floor:.3f})")
            elif value < floor:
                message = (
                    f"{set_name} {metric}: {value:.3f} < floor {floor:.3f} by {floor - value:.3f}"
                )
                was = (pinned or {}).get(set_name, {}).get(metric)
                if was is not None:
                    message += f" (dropped {was - value:.3f} from {was:.3f} when pinned)"
                problems.append(message)
    return problems


def floors_from_report(
    report: BenchReport, margin: float = 0.01, extractor: str = NEWSCLEAN
) -> dict[str, Any]:
    """Floors file content: every measured metric minus ``margin``, rounded down to 3 places."""
    sets = {}
    for set_report in report.sets:
        metrics = set_report.runs[extractor].metrics
        sets[set_report.name] = {
            key: max(0.0, math.floor((value - margin) * 1000) / 1000)
            for key, value in metrics.items()
            if value is not None
        }
    measured = {
        s.name: {k: round(v, 4) for k, v in s.runs[extractor].metrics.items() if v is not None}
        for s in report.sets
    }
    return {
        "note": "minimum scores for tests/test_quality_gate.py; re-pin with newsclean bench "
        "--set DIR ... --write-floors bench/floors.json after a deliberate change",
        "extractor": extractor,
        "margin": margin,
        "sets": sets,
        "measured": measured,
    }


# -- output ----------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_set(report: SetReport) -> str:
    """A table of metric rows by extractor columns for one set."""
    names = list(report.runs)
    width = max(len(label) for label in METRICS.values())
    col = max(12, *(len(n) + 2 for n in names))
    lines = [
        f"== {report.name} ({report.pages} pages) ==",
        " " * width + "".join(n.rjust(col) for n in names),
    ]
    for key, label in METRICS.items():
        values = [report.runs[n].metrics.get(key) for n in names]
        if all(v is None for v in values):
            continue
        lines.append(label.ljust(width) + "".join(_fmt(v).rjust(col) for v in values))
    speed = [_fmt(report.runs[n].pages_per_second, 1) for n in names]
    lines.append("pages/s".ljust(width) + "".join(s.rjust(col) for s in speed))
    lines.append(
        "errors".ljust(width) + "".join(str(report.runs[n].errors).rjust(col) for n in names)
    )
    return "\n".join(lines)


def _detail(metric: str, page: PageResult, case_gold: dict[str, Any]) -> str:
    if metric.startswith("body"):
        s = page.scores
        return (
            f"P={_fmt(s['body_precision'])} R={_fmt(s['body_recall'])} "
            f"words={page.words} gold_words={case_gold['body_words']}"
        )
    if metric in SNIPPET_METRICS.values():
        kind = next(k for k, v in SNIPPET_METRICS.items() if v == metric)
        verb = "missing" if kind == "with" else "present"
        return f"{verb}: " + " | ".join(repr(s[:60]) for s in page.missed.get(kind, []))
    if metric == "title":
        return f"gold={case_gold['title']!r} got={page.title!r}"
    if metric.startswith("authors"):
        return f"gold={case_gold['authors']!r} got={page.authors!r}"
    return f"gold={case_gold['date']!r} got={page.date!r}"


def format_failures(report: SetReport, cases: Sequence[BenchCase], n: int) -> str:
    """The ``n`` worst pages per metric for each extractor, with what went wrong."""
    gold = {
        c.id: {
            "title": c.title,
            "authors": list(c.authors) if c.authors is not None else None,
            "date": c.date,
            "body_words": len(bm.tokenize(c.body)),
        }
        for c in cases
    }
    lines = []
    for name, run in report.runs.items():
        for metric, label in METRICS.items():
            scored = [p for p in run.page_results if p.scores.get(metric) is not None]
            worst = sorted(scored, key=lambda p: (p.scores[metric], p.id))[:n]
            worst = [p for p in worst if (p.scores[metric] or 0.0) < 1.0]
            if not worst:
                continue
            lines.append(f"-- {report.name} / {name} / worst {label} --")
            for p in worst:
                err = f" [{p.error}]" if p.error else ""
                lines.append(f"  {_fmt(p.scores[metric])}  {p.id}  {p.url}{err}")
                lines.append(f"         {_detail(metric, p, gold[p.id])}")
    return "\n".join(lines)


# -- command line ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``bench`` options to an argparse parser."""
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        required=True,
        metavar="DIR",
        help="benchmark set folder (cases.jsonl + html/); repeat for several sets",
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        choices=COMPARATORS,
        help="also score this extractor on the same pages in the same run",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages of each set")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write all figures as JSON")
    parser.add_argument(
        "--failures", type=int, default=0, metavar="N", help="print the N worst pages per metric"
    )
    parser.add_argument(
        "--floors",
        type=Path,
        metavar="FILE",
        help="fail (exit 1) if newsclean scores below a floor in FILE (e.g. bench/floors.json)",
    )
    parser.add_argument(
        "--write-floors",
        type=Path,
        metavar="FILE",
        help="write newsclean's scores minus --margin as a new floors file",
    )
    parser.add_argument(
        "--margin", type=float, default=0.01, help="margin below the measured scores (0.01)"
    )
    parser.add_argument("--progress", action="store_true", help="show a progress bar on stderr")


def run(args: argparse.Namespace) -> int:
    """Run the benchmark for parsed arguments; 0 on success, 1 if a floor is broken."""
    for d in args.sets:
        if not (Path(d) / "cases.jsonl").is_file():
            print(f"error: {d} has no cases.jsonl", file=sys.stderr)
            return 2
    # trafilatura (also used inside newsclean) warns per discarded page; the table says enough.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    report = run_benchmark(
        args.sets, compare=args.compare, limit=args.limit, progress=args.progress
    )
    print("\n\n".join(format_set(s) for s in report.sets))
    if args.failures:
        for set_report, set_dir in zip(report.sets, args.sets, strict=True):
            cases = load_cases(set_dir)
            text = format_failures(set_report, cases, args.failures)
            if text:
                print("\n" + text)
    if args.json:
        args.json.write_text(json.dumps(report.to_dict(), indent=1, ensure_ascii=False) + "\n")
    if args.write_floors:
        floors = floors_from_report(report, args.margin)
        args.write_floors.parent.mkdir(parents=True, exist_ok=True)
        args.write_floors.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    if args.floors:
        problems = floor_violations(
            report, load_floors(args.floors), pinned=load_pinned(args.floors)
        )
        if problems:
            print("\nbelow floor:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m pipelines.benchmark``."""
    parser = argparse.ArgumentParser(
        prog="newsclean bench", description=(__doc__ or "").strip().splitlines()[0]
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
