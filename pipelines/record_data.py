"""A record as JSON-ready data, several times faster than ``dataclasses.asdict``.

``asdict`` walks every value recursively and deep-copies the leaves; an article record is flat
apart from lists of strings, the ``removed`` list of small dataclasses and ``provenance``. On
the reactor thread (validation, then output) that walk cost about 0.5 ms a record.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, is_dataclass
from functools import cache
from typing import Any

_LEAVES = (str, int, float, bool, type(None))


def record_data(record: Any) -> dict[str, Any]:
    """``dataclasses.asdict(record)`` for records of strings, numbers, lists and dataclasses."""
    return {name: _value(getattr(record, name)) for name in _field_names(type(record))}


def _value(value: Any) -> Any:
    if isinstance(value, _LEAVES):
        return value
    if isinstance(value, list):
        return [v if isinstance(v, _LEAVES) else _value(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _value(getattr(value, name)) for name in _field_names(type(value))}
    return asdict(_Box(value))["value"]  # anything else exactly as asdict converts it


@dataclass(frozen=True, slots=True)
class _Box:
    value: Any


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))
