"""Quality gate: newsclean keeps the minimum scores of ``bench/floors.json`` on ../shared/bench."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipelines.benchmark import (
    METRICS,
    NEWSCLEAN,
    BenchReport,
    floor_violations,
    load_floors,
    load_pinned,
    run_benchmark,
)

REPO = Path(__file__).resolve().parents[1]
# ../shared/bench from the repo root, like the Makefile's BENCH_DIR; the variable overrides it.
BENCH_DIR = Path(os.environ.get("NEWSCLEAN_BENCH_DIR") or REPO.parent / "shared" / "bench")
FLOORS_FILE = REPO / "bench" / "floors.json"
FLOORS = load_floors(FLOORS_FILE)
EXPECTED_PAGES = {"fundus-dev": 129, "trafilatura-dev": 506}


@pytest.fixture(scope="module")
def bench_report() -> BenchReport:
    """newsclean over every set named in the floors file, run once for all gate tests."""
    if not BENCH_DIR.is_dir():
        pytest.skip(f"quality gate skipped: benchmark sets not found at {BENCH_DIR}")
    missing = [name for name in FLOORS if not (BENCH_DIR / name / "cases.jsonl").is_file()]
    if missing:
        pytest.fail(f"{BENCH_DIR} lacks the set(s) {missing} named in {FLOORS_FILE}")
    return run_benchmark([BENCH_DIR / name for name in FLOORS])


def test_floors_file_is_well_formed() -> None:
    data = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    assert set(FLOORS) == set(EXPECTED_PAGES)
    assert data.get("extractor", NEWSCLEAN) == NEWSCLEAN
    for name, floors in FLOORS.items():
        assert floors, name
        assert set(floors) <= set(METRICS), f"{name}: unknown metric in {sorted(floors)}"
        assert all(0.0 <= v <= 1.0 for v in floors.values()), name


@pytest.mark.bench
@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_scores_stay_above_floors(bench_report: BenchReport, set_name: str) -> None:
    (set_report,) = [s for s in bench_report.sets if s.name == set_name]
    assert set_report.pages == EXPECTED_PAGES[set_name]
    problems = floor_violations(
        bench_report, {set_name: FLOORS[set_name]}, pinned=load_pinned(FLOORS_FILE)
    )
    assert not problems, (
        f"newsclean fell below {len(problems)} floor(s) of {FLOORS_FILE.name} on {set_name}:\n  "
        + "\n  ".join(problems)
        + "\n(run `python -m pipelines.benchmark --set "
        + f"{BENCH_DIR / set_name} --failures 10` to see the worst pages)"
    )
