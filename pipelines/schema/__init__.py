"""The published JSON Schema of the article record, and validation against it.

Two validators of the same schema: :func:`is_valid`, compiled once to Python code by
``fastjsonschema`` (about 5 µs a record, cheap enough for the reactor thread), and
:func:`schema_errors`, ``jsonschema``'s reference implementation, which explains what is wrong.
The schema uses only keywords draft-07 already had (``$defs`` is reached through ``$ref``), so
``fastjsonschema`` compiles it as draft-07; a record is valid when ``jsonschema`` finds no error,
and :func:`is_valid` asks ``jsonschema`` whenever the compiled check refuses a record, so the two
can never disagree on a record that is dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

SCHEMA_FILE = "article.schema.json"


@cache
def load_schema() -> dict[str, Any]:
    """The article record schema as shipped with the package."""
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))


def _target(definition: str) -> dict[str, Any]:
    schema = load_schema()
    return {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]} if definition else schema


@cache
def _validator(definition: str) -> Draft202012Validator:
    return Draft202012Validator(_target(definition))


@cache
def _compiled(definition: str) -> Callable[[Any], Any]:
    target = {key: value for key, value in _target(definition).items() if key != "$schema"}
    return fastjsonschema.compile(target, use_formats=False)


def is_valid(data: dict[str, Any], definition: str = "article") -> bool:
    """True when ``data`` satisfies the schema (compiled check; see :func:`schema_errors`)."""
    try:
        _compiled(definition)(data)
    except fastjsonschema.JsonSchemaValueException:
        return not schema_errors(data, definition)
    return True


def schema_errors(data: dict[str, Any], definition: str = "article") -> list[str]:
    """Every violation of the schema by ``data``, as readable strings (empty when valid).

    ``definition`` is ``article`` (crawl output), ``failure`` or ``""`` (either).
    """
    errors = sorted(_validator(definition).iter_errors(data), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, e.path)) or '<record>'}: {e.message}" for e in errors]
