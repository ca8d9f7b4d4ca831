"""``pipelines.schema``: the published JSON Schema and the readable errors it gives."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from pipelines.record import SCHEMA_VERSION, ArticleRecord
from pipelines.schema import is_valid, load_schema, schema_errors
from tests.factories import make_record


def _record() -> dict[str, Any]:
    return make_record().to_dict()


def _failure() -> dict[str, Any]:
    return {
        "url": "https://www.example.com/tag/politics",
        "error": {"kind": "not_article", "message": "too_short"},
        "schema_version": 2,
    }


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_lists_every_record_field() -> None:
    article = load_schema()["$defs"]["article"]
    fields = set(ArticleRecord.__slots__)
    assert set(article["required"]) == fields
    assert set(article["properties"]) == fields | {"input"}


def test_full_record_is_valid() -> None:
    assert schema_errors(_record()) == []
    assert schema_errors(_record(), "") == []


def test_nullable_fields_may_be_null_and_lists_empty() -> None:
    record = _record()
    for key in ("title", "byline", "source", "published", "modified", "language",
                "description", "image"):
        record[key] = None
    record.update(authors=[], wire_sources=[], removed=[], provenance={})
    assert schema_errors(record) == []


def test_input_passthrough_is_allowed() -> None:
    record = _record()
    record["input"] = {"batch": 7, "tags": ["a"]}
    assert schema_errors(record) == []


def test_missing_field_is_named() -> None:
    record = _record()
    del record["text"]
    assert schema_errors(record) == ["<record>: 'text' is a required property"]


@pytest.mark.parametrize(
    ("key", "value", "path"),
    [
        ("word_count", "10", "word_count"),
        ("word_count", 2.5, "word_count"),
        ("word_count", -1, "word_count"),
        ("title", 3, "title"),
        ("authors", "Ann Smith", "authors"),
        ("authors", ["Ann", ""], "authors/1"),
        ("id", "XYZ", "id"),
        ("content_hash", "abc", "content_hash"),
        ("text", "", "text"),
        ("removed", [{"kind": "share"}], "removed/0"),
        ("provenance", {"title": 1}, "provenance/title"),
    ],
)
def test_wrong_types_are_reported_with_their_path(key: str, value: Any, path: str) -> None:
    record = _record()
    record[key] = value
    errors = schema_errors(record)
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}: ")
    assert not is_valid(record)


@pytest.mark.parametrize(
    ("data", "definition", "valid"),
    [
        (_record(), "article", True),
        (_record() | {"title": None, "authors": [], "removed": []}, "article", True),
        (_record() | {"extra": 1}, "article", False),
        (_record() | {"schema_version": 1}, "article", False),
        ({k: v for k, v in _record().items() if k != "updated"}, "article", False),
        (_failure(), "failure", True),
        (_failure(), "", True),
        (_failure(), "article", False),
        (_record(), "failure", False),
        ({"url": "x"}, "", False),
    ],
)
def test_compiled_check_agrees_with_jsonschema(
    data: dict[str, Any], definition: str, valid: bool
) -> None:
    assert is_valid(data, definition) is valid
    assert (not schema_errors(data, definition)) is valid


def test_error_message_is_readable() -> None:
    record = _record()
    record["word_count"] = "ten"
    assert schema_errors(record) == ["word_count: 'ten' is not of type 'integer'"]


def test_extra_key_is_refused() -> None:
    record = _record()
    record["body_html"] = "<p>x</p>"
    errors = schema_errors(record)
    assert len(errors) == 1
    assert "body_html" in errors[0] and "Additional properties" in errors[0]


def test_several_errors_are_all_reported_sorted_by_path() -> None:
    record = _record()
    record["word_count"] = None
    record["id"] = "XYZ"  # its message sorts before the others: the order must be by path
    record["authors"] = [1]
    errors = schema_errors(record)
    assert [e.split(":")[0] for e in errors] == ["authors/0", "id", "word_count"]


@pytest.mark.parametrize("version", [0, 1, 3, "2", None])
def test_schema_version_is_const_2(version: Any) -> None:
    assert SCHEMA_VERSION == 2
    record = _record()
    record["schema_version"] = version
    errors = schema_errors(record)
    assert errors and errors[0].startswith("schema_version: ")
    failure = _failure()
    failure["schema_version"] = version
    assert schema_errors(failure, "failure")


def test_failure_line_validates_as_failure_and_as_either() -> None:
    failure = _failure()
    assert schema_errors(failure, "failure") == []
    assert schema_errors(failure, "") == []
    failure["url"] = None
    failure["input"] = {"id": 3}
    assert schema_errors(failure, "failure") == []


def test_failure_is_not_an_article_and_article_is_not_a_failure() -> None:
    assert schema_errors(_failure())  # default definition: article
    assert schema_errors(_record(), "failure")


def test_broken_failure_line_is_refused() -> None:
    failure = _failure()
    failure["error"] = {"kind": "not_html"}
    assert schema_errors(failure, "failure") == ["error: 'message' is a required property"]
    assert schema_errors(failure, "")
    failure = _failure()
    failure["extra"] = 1
    assert schema_errors(failure, "failure")


def test_either_refuses_something_that_is_neither() -> None:
    mixed = copy.deepcopy(_record())
    mixed["error"] = {"kind": "x", "message": "y"}
    errors = schema_errors(mixed, "")
    assert errors and errors[0].startswith("<record>: ")
    assert schema_errors({}, "")


def test_schema_errors_does_not_alter_its_input() -> None:
    record = _record()
    before = copy.deepcopy(record)
    schema_errors(record)
    assert record == before


def test_updated_is_a_required_boolean() -> None:
    assert _record()["updated"] is False
    assert schema_errors({**_record(), "updated": True}) == []
    for value in (None, 0, "false"):
        errors = schema_errors({**_record(), "updated": value})
        assert errors and errors[0].startswith("updated: "), value
    record = _record()
    del record["updated"]
    assert schema_errors(record)
