"""The timeline file as a JSON Schema (draft-07), generated from the loader's spec table.

For editors: with `# yaml-language-server: $schema=timeline.schema.json` as
its first line, a timeline gets completion, descriptions and typo marks in
any editor that runs the YAML language server (which supports draft-07
fully). The loader stays the judge: the schema says as much as JSON Schema
can, written once, in `loader.py`'s table; what needs the whole file (unique
ids, references, `end` not before `date`) only the loader checks.
"""

from __future__ import annotations

import json

from .loader import (
    CODE_PATTERN, DATE_PATTERN, EARLIEST_YEAR, ID_PATTERN, LATEST_YEAR, TIMELINE, Field, Spec,
)

SCHEMA_URI = "http://json-schema.org/draft-07/schema#"
NOT_BLANK = r"\S"  # the loader reads blank text as absent, which a required field must not be


def definition_name(spec: Spec) -> str:
    return spec.noun.strip("`").replace(" ", "-")


def timeline_schema() -> dict:
    """The schema as a dict, in the order of the spec table (so its JSON is stable)."""
    definitions: dict[str, dict] = {}
    root = record_schema(TIMELINE, definitions)
    return {"$schema": SCHEMA_URI, "title": "briefing timeline", **root, "definitions": definitions}


def schema_json() -> str:
    return json.dumps(timeline_schema(), indent=2, ensure_ascii=False) + "\n"


def record_schema(spec: Spec, definitions: dict[str, dict]) -> dict:
    properties = {name: field_schema(rule, definitions) for name, rule in spec.fields.items()}
    schema = {"description": spec.doc, "type": "object", "properties": properties,
              "required": [name for name, rule in spec.fields.items() if rule.required],
              "additionalProperties": False}
    if not schema["required"]:
        del schema["required"]
    return schema


def field_schema(rule: Field, definitions: dict[str, dict]) -> dict:
    if rule.kind == "record":
        name = definition_name(rule.spec)
        if name not in definitions:
            definitions[name] = {}  # reserved first, so the order is that of the table
            definitions[name] = record_schema(rule.spec, definitions)
        one = {"$ref": f"#/definitions/{name}"}
    else:
        one = value_schema(rule)
    if rule.many:
        schema = {"description": rule.doc, "type": "array", "items": one}
        if rule.required:
            schema["minItems"] = 1
    elif rule.kind == "record":
        schema = {"description": rule.doc, "allOf": [one]}  # a $ref ignores siblings in draft-07
    else:
        schema = {"description": rule.doc, **one}
    if not rule.required:
        schema = {"description": rule.doc, "anyOf": [without_description(schema), {"type": "null"}]}
    return schema


def without_description(schema: dict) -> dict:
    return {key: value for key, value in schema.items() if key != "description"}


def value_schema(rule: Field) -> dict:
    """One value of the field (an item, for a list)."""
    if rule.kind == "text":
        schema = {"type": "string", "maxLength": rule.limit}
        if rule.required or rule.many:
            schema["pattern"] = NOT_BLANK
        return schema
    if rule.kind == "id":
        return {"type": "string", "pattern": anchored(ID_PATTERN.pattern), "maxLength": rule.limit}
    if rule.kind == "ref":
        return {"type": "string", "pattern": NOT_BLANK, "maxLength": rule.limit}
    if rule.kind in ("date", "day"):
        pattern = r"\d{4}-\d{2}-\d{2}" if rule.kind == "day" else DATE_PATTERN.pattern
        forms = [{"type": "string", "pattern": anchored(pattern)}]
        if rule.kind == "date":  # an unquoted year is a number to YAML
            forms.append({"type": "integer", "minimum": EARLIEST_YEAR, "maximum": LATEST_YEAR})
        return {"anyOf": forms}
    if rule.kind == "choice":
        # The loader reads what was written, so `credibility: "2"` is as good as `credibility: 2`.
        written = [str(choice) for choice in rule.choices]
        extra = [choice for choice in rule.choices if not isinstance(choice, str)]
        return {"enum": [*extra, *written] if extra else written}
    if rule.kind == "address":
        return {"type": "string", "pattern": r"[^@\s<]+@[^@\s>]+", "maxLength": rule.limit}
    if rule.kind == "accept":
        return {"type": "object", "propertyNames": {"pattern": anchored(CODE_PATTERN.pattern)},
                "additionalProperties": {"type": "string", "pattern": NOT_BLANK}}
    raise ValueError(f"no schema for the field kind {rule.kind}")


def anchored(pattern: str) -> str:
    """A loader pattern (used with fullmatch) as JSON Schema wants it (a search)."""
    return f"^(?:{pattern})$"


def main() -> int:
    """`python -m briefing schema`: the schema on standard output."""
    print(schema_json(), end="")
    return 0
