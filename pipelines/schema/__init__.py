"""The published JSON Schema of the article record, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_FILE = "article.schema.json"


@cache
def load_schema() -> dict[str, Any]:
    """The article record schema as shipped with the package."""
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))


@cache
def _validator(definition: str) -> Draft202012Validator:
    schema = load_schema()
    target = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]} if definition else schema
    return Draft202012Validator(target)


def schema_errors(data: dict[str, Any], definition: str = "article") -> list[str]:
    """Every violation of the schema by ``data``, as readable strings (empty when valid).

    ``definition`` is ``article`` (crawl output), ``failure`` or ``""`` (either).
    """
    errors = sorted(_validator(definition).iter_errors(data), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, e.path)) or '<record>'}: {e.message}" for e in errors]
