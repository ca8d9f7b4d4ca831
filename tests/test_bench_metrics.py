"""Hand-made cases for the benchmark metrics in ``pipelines.bench_metrics``."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from pipelines import bench_metrics as m
from pipelines.benchmark import (
    Prediction,
    floor_violations,
    floors_from_report,
    format_set,
    main,
    run_benchmark,
)


def test_tokenize_uses_word_regex() -> None:
    assert m.tokenize("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]
    assert m.tokenize("Größe über\u00a0alles") == ["Größe", "über", "alles"]
    assert m.tokenize(None) == []


def test_shingles_are_a_multiset_of_four_tokens() -> None:
    assert m.shingles("a b c d a b c d") == Counter(
        {
            ("a", "b", "c", "d"): 2,
            ("b", "c", "d", "a"): 1,
            ("c", "d", "a", "b"): 1,
            ("d", "a", "b", "c"): 1,
        }
    )


def test_short_and_empty_texts() -> None:
    assert m.shingles("only two") == Counter({("only", "two"): 1})
    assert m.shingles("  ...  ") == Counter()


def test_body_overlap_by_hand() -> None:
    # gold: 6 tokens -> 3 shingles; prediction adds "today" -> the same 3 plus "on the mat today".
    # tp = 3, fp = 1, fn = 0 -> normalised 0.75 / 0.25 / 0 -> precision 0.75, recall 1.
    o = m.body_overlap("The cat sat on the mat.", "The cat sat\n\non the mat today")
    assert (o.tp, o.fp, o.fn) == (0.75, 0.25, 0.0)
    assert o.precision == 0.75
    assert o.recall == 1.0


def test_body_overlap_counts_repeats() -> None:
    # gold has 5 shingles, ("a","b","c","d") twice; the prediction has that shingle once.
    # tp = 1, fp = 0, fn = 4 -> 0.2 / 0 / 0.8.
    o = m.body_overlap("a b c d a b c d", "a b c d")
    assert o == m.Overlap(0.2, 0.0, 0.8)
    assert o.precision == 1.0
    assert o.recall == pytest.approx(0.2)


def test_tokens_are_case_sensitive() -> None:
    o = m.body_overlap("one two three four", "One two three four")
    assert (o.tp, o.fp, o.fn) == (0.0, 0.5, 0.5)
    assert o.precision == 0.0
    assert o.recall == 0.0


def test_identical_and_empty_prediction() -> None:
    same = m.body_overlap("x y z w v", "x  y z\nw v")
    assert same.precision == same.recall == 1.0
    empty = m.body_overlap("x y z w v", "")
    assert empty.precision is None  # nothing predicted: left out of the precision mean
    assert empty.recall == 0.0
    both_empty = m.body_overlap("", None)
    assert both_empty.precision == both_empty.recall == 1.0
    assert m.body_overlap("", "some text").recall is None


def test_mean_and_f1_from_means() -> None:
    precision = m.mean([0.75, 1.0, None])
    recall = m.mean([1.0, 0.2, 0.0])
    assert precision == pytest.approx(0.875)
    assert recall == pytest.approx(0.4)
    assert m.f1(precision, recall) == pytest.approx(2 * 0.875 * 0.4 / 1.275)
    assert m.f1(0.0, 0.0) == 0.0
    assert m.f1(None, 0.5) is None
    assert m.mean([None]) is None


def test_snippets_collapse_whitespace_and_are_case_sensitive() -> None:
    text = "First  paragraph here.\n\nSecond\tparagraph."
    found = m.snippets_found(["paragraph here. Second", "second paragraph", "First"], text)
    assert found == m.SnippetCount(2, 3)
    assert found.share == pytest.approx(2 / 3)
    absent = m.snippets_absent(["Subscribe now", "First paragraph"], text)
    assert absent == m.SnippetCount(1, 2)
    assert m.snippets_found([], text).share is None
    assert m.snippets_found(["x"], None) == m.SnippetCount(0, 1)
    assert m.snippets_absent(["x"], None) == m.SnippetCount(1, 1)
    assert m.snippets_absent(["", " \n"], text) == m.SnippetCount(0, 0)  # blank: ignored


def test_micro_share_weighs_snippets_not_pages() -> None:
    counts = [m.SnippetCount(1, 1), m.SnippetCount(0, 3), m.SnippetCount(0, 0)]
    assert m.micro_share(counts) == 0.25  # a page mean would be 0.5
    assert m.micro_share([m.SnippetCount(0, 0)]) is None


def test_title_match() -> None:
    assert m.title_match("Berne  interdit le\nChlorothalonil", " berne interdit le chlorothalonil")
    assert m.title_match("A title", "A title - Site name") == 0.0
    assert m.title_match("A title", None) == 0.0
    assert m.title_match(None, "anything") is None
    assert m.title_match("  ", "anything") is None


def test_authors_exact_and_jaccard() -> None:
    assert m.authors_exact(["Jane Doe", "John Roe"], ["john roe", "JANE  DOE"]) == 1.0
    assert m.authors_exact(["Jane Doe"], ["Jane Doe", "AP"]) == 0.0
    assert m.authors_jaccard(["Jane Doe"], ["Jane Doe", "AP"]) == 0.5
    assert m.authors_jaccard(["A", "B"], ["B", "C"]) == pytest.approx(1 / 3)
    # [] gold wants no author; a missing prediction counts as none.
    assert m.authors_exact([], []) == 1.0
    assert m.authors_exact([], None) == 1.0
    assert m.authors_exact([], ["Staff"]) == 0.0
    assert m.authors_jaccard([], []) == 1.0
    assert m.authors_jaccard([], ["Staff"]) == 0.0
    # null gold is not annotated: skipped.
    assert m.authors_exact(None, ["x"]) is None
    assert m.authors_jaccard(None, []) is None


def test_date_match() -> None:
    assert m.date_match("2019-12-12", "2019-12-12T08:30:00+01:00") == 1.0
    assert m.date_match("2019-12-12", "2019-12-11T23:30:00-01:00") == 0.0
    assert m.date_match("2019-12-12", None) == 0.0
    assert m.date_match(None, "2019-12-12") is None
    assert m.date_match("", "2019-12-12") is None
    assert m.date_match("2022-11-1", "2022-11-01T10:00:00Z") == 1.0
    assert m.date_match("2022-11-01", "2022-11-10") == 0.0


def _write_set(root: Path) -> Path:
    """A two-page set in the README's format."""
    (root / "html").mkdir(parents=True)
    cases = [
        {
            "id": "a",
            "url": "https://example.org/a",
            "html": "html/a.html.gz",
            "body": "one two three four five\n\nsix seven",
            "with": [],
            "without": [],
            "comments": [],
            "title": "Page A",
            "authors": ["Jane Doe"],
            "date": "2024-01-07",
        },
        {
            "id": "b",
            "url": "https://example.org/b",
            "html": "html/b.html.gz",
            "body": None,
            "with": ["kept text", "lost text"],
            "without": ["Subscribe"],
            "comments": ["great post"],
            "title": None,
            "authors": None,
            "date": None,
        },
    ]
    for case in cases:
        (root / case["html"]).write_bytes(gzip.compress(case["id"].encode()))
    lines = (json.dumps(c) for c in cases)
    (root / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _fake_extract(html: bytes, url: str) -> Prediction:
    if html == b"a":
        return Prediction(
            text="one two three four five six",
            title="page a",
            authors=("JANE DOE",),
            date="2024-01-07T10:00:00+00:00",
        )
    if html == b"b":
        return Prediction(text="kept text. Subscribe")
    raise AssertionError(url)


def test_run_benchmark_with_a_fake_extractor(tmp_path: Path) -> None:
    set_dir = _write_set(tmp_path / "tiny")
    report = run_benchmark([set_dir], extractors={"fake": _fake_extract})
    (set_report,) = report.sets
    assert set_report.name == "tiny"
    run = set_report.runs["fake"]
    # body only on page a: gold shingles 1234 2345 3456 4567; predicted 1234 2345 3456.
    assert run.metrics["body_precision"] == 1.0
    assert run.metrics["body_recall"] == pytest.approx(0.75)
    assert run.metrics["body_f1"] == pytest.approx(2 * 0.75 / 1.75)
    assert run.metrics["with_found"] == 0.5
    assert run.metrics["without_excluded"] == 0.0
    assert run.metrics["comments_excluded"] == 1.0
    assert run.metrics["title"] == run.metrics["authors_exact"] == run.metrics["date"] == 1.0
    assert run.errors == 0
    assert run.page_results[1].missed == {"with": ["lost text"], "without": ["Subscribe"]}
    table = format_set(set_report)
    assert "body F1" in table and "fake" in table
    floors = {"tiny": {"body_recall": 0.8, "title": 0.9}}
    (problem,) = floor_violations(report, floors, extractor="fake")
    assert problem == "tiny body_recall: 0.750 < floor 0.800 by 0.050"
    pinned = {"tiny": {"body_recall": 0.81}}
    (problem,) = floor_violations(report, floors, extractor="fake", pinned=pinned)
    assert problem.endswith("(dropped 0.060 from 0.810 when pinned)")


def test_extractor_exception_is_an_error_value(tmp_path: Path) -> None:
    set_dir = _write_set(tmp_path / "tiny")

    def broken(html: bytes, url: str) -> Prediction:
        raise RuntimeError("boom")

    run = run_benchmark([set_dir], extractors={"broken": broken}).sets[0].runs["broken"]
    assert run.errors == 2
    assert run.metrics["body_recall"] == 0.0
    assert run.metrics["body_precision"] is None
    assert run.page_results[0].error == "exception: RuntimeError: boom"


def test_floors_from_report_rounds_down_below_the_measured_scores(tmp_path: Path) -> None:
    report = run_benchmark([_write_set(tmp_path / "tiny")], extractors={"fake": _fake_extract})
    data = floors_from_report(report, margin=0.01, extractor="fake")
    floors = data["sets"]["tiny"]
    assert floors["body_recall"] == 0.74
    assert floors["title"] == 0.99
    assert floors["without_excluded"] == 0.0
    assert data["measured"]["tiny"]["body_recall"] == 0.75


def test_command_line_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_dir = _write_set(tmp_path / "tiny")
    out = tmp_path / "figures.json"
    assert main(["--set", str(set_dir), "--limit", "1", "--json", str(out), "--failures", "3"]) == 0
    assert "== tiny (1 pages) ==" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    (run,) = data["sets"][0]["runs"].values()
    assert run["extractor"] == "newsclean"
    assert run["pages"] == 1
    assert len(run["page_results"]) == 1


def test_missing_set_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["--set", str(tmp_path)]) == 2
