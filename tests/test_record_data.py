"""``pipelines.record_data``: the fast conversion equals ``dataclasses.asdict``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pytest

from pipelines.record import Provenance, Removal
from pipelines.record_data import record_data
from pipelines.worker_pool import init_worker
from tests.factories import make_record


@dataclass
class _Odd:
    mapping: dict[str, Any] = field(default_factory=lambda: {"a": [Removal("x", "y")]})
    pair: tuple[int, str] = (1, "b")
    nested: list[list[int]] = field(default_factory=lambda: [[1], [2, 3]])


@pytest.mark.parametrize(
    "record",
    [
        make_record(),
        make_record(title=None, authors=[], removed=[], provenance=Provenance()),
        make_record(removed=[Removal("share", "a"), Removal("promo", "b")], word_count=0),
        _Odd(),
    ],
)
def test_equals_asdict(record: Any) -> None:
    assert record_data(record) == asdict(record)


def test_extracted_record_equals_its_to_dict() -> None:
    record = init_worker().record
    assert record is not None
    assert record_data(record) == record.to_dict()


def test_result_shares_no_mutable_part_with_the_record() -> None:
    record = make_record()
    data = record_data(record)
    data["authors"].append("Someone")
    data["removed"][0]["kind"] = "changed"
    data["provenance"]["title"] = "changed"
    assert record.authors == ["Ann Smith", "Bo Lee"]
    assert record.removed[0].kind == "share"
    assert record.provenance.title == "json-ld"
