"""Validator errors said in plain words, never as validator internals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

if TYPE_CHECKING:
    from geo.upload.columns import Columns


def plain_reason(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence a person can act on."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return "missing value"
    if kind == "string_too_long":
        return f"too long: at most {context.get('max_length')} characters"
    if kind == "string_too_short":
        return "missing value"
    if kind == "string_pattern_mismatch":
        return "may only hold letters, digits and . _ : -"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be {context.get('ge', context.get('gt'))} or more"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {context.get('le', context.get('lt')):,}"
    if kind == "enum":
        return f"must be one of: {context.get('expected', '')}"
    message = str(error.get("msg", "not accepted"))
    return message.removeprefix("Value error, ")


def validated_records(cols: Columns, built: list[tuple[int, dict]], adapter: TypeAdapter,
                      id_field: str) -> list[tuple[int, dict]]:
    """The records the model accepts (all checked in one pass); the others become problems.

    Records are already JSON-ready; an id not given yet is checked as a placeholder.
    """
    payload = [record for _, record in built]
    missing_ids = [record for record in payload if not record[id_field]]
    for record in missing_ids:
        record[id_field] = "pending"
    try:
        adapter.validate_python(payload)
    except ValidationError as error:
        failed: set[int] = set()
        for item in error.errors():
            position = int(item["loc"][0])
            field = str(item["loc"][1]) if len(item["loc"]) > 1 else id_field
            failed.add(position)
            cols.problem(built[position][0], field, payload[position].get(field, ""),
                         plain_reason(item))
        built = [pair for position, pair in enumerate(built) if position not in failed]
    finally:
        for record in missing_ids:
            record[id_field] = None
    return built
