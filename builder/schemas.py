"""The JSON Schemas in schema/ (documents, records, rejects, manifests, configs): where they are, and
validators for them. Every stage that checks something against a schema asks here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import fastjsonschema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"  # the checkout's schema/ folder


def schema_path(name: str) -> Path:
    """The package's own copy first (a wheel ships the schemas inside `builder/`), then the checkout's
    `schema/`: never a `schema/` folder that happens to sit beside the package in site-packages."""
    packaged = Path(__file__).resolve().parent / "schema" / f"{name}.schema.json"
    return packaged if packaged.is_file() else SCHEMA_DIR / f"{name}.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema from schema/ (ours: tests/test_schemas.py checks each is a valid draft 2020-12 schema, so a
    build need not import jsonschema to check it again)."""
    schema: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return schema


@cache
def document_fields() -> tuple[str, ...]:
    """The raw document's fields, as schema/document.schema.json names them (what `--field` may map to)."""
    return tuple(load_schema("document")["properties"])


@cache
def validator(name: str) -> Draft202012Validator:
    """jsonschema's validator, which reports every error with its path: imported only where something is
    invalid or a whole release is checked (a tenth of a second a process otherwise: a Ray build's driver).
    Its `pattern` is `ecma_pattern`'s, as fast_check's is."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    def pattern(check: Any, expected: str, instance: Any, schema: dict[str, Any]) -> Any:
        if check.is_type(instance, "string") and not ecma_pattern(expected).search(instance):
            yield ValidationError(f"{instance!r} does not match {expected!r}")

    strict = validators.extend(Draft202012Validator, {"pattern": pattern})  # type: ignore[no-untyped-call]
    return cast("Draft202012Validator", strict(load_schema(name)))


# An unescaped `$`, as fastjsonschema finds it (it rewrites each to \Z)
_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A schema's `pattern` (ECMA-262, where `$` is the end of the text) as Python must compile it: Python's
    `$` also matches before a final newline, so `^[^\\n]+$` would take "ok\\n" (an id ending in a newline
    passed validation). fastjsonschema, which checks first, rewrites `$` the same way; jsonschema, which
    then says what is wrong, did not, so a document fast_check refused could come back with no error."""
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


@cache
def fast_check(name: str) -> Callable[[Any], Any]:
    """A compiled validator (about 10x faster) for the common case, a valid document; jsonschema
    then reports every error of the invalid ones. Our schemas use only keywords whose meaning is the
    same in draft-07, which fastjsonschema compiles (tests/test_validate_fast.py holds them to it)."""
    schema = {**load_schema(name), "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(schema)


def is_valid(obj: Any, schema: str = "document") -> bool:
    try:
        fast_check(schema)(obj)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
