"""timeline.schema.json: generated from the loader's spec table, and in agreement with the loader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing.loader import TIMELINE, load_timeline
from briefing.schema import schema_json, timeline_schema

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "loader_valid" / "timeline.yaml"
COMMITTED = REPO / "timeline.schema.json"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2): a date is a string, not a datetime."""


EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def schema_errors(text: str) -> list[str]:
    validator = jsonschema.Draft7Validator(timeline_schema())
    return [error.message for error in validator.iter_errors(yaml.load(text, Loader=EditorLoader))]


def loads_cleanly(path: Path) -> bool:
    return load_timeline(path)[1] == []


def test_committed_schema_is_what_the_schema_command_prints():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "briefing", "schema"], capture_output=True, text=True,
                            env=env, timeout=60, check=True)
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")
    assert result.stdout == schema_json()


def test_schema_is_valid_draft_07():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_every_field_of_the_spec_table_is_described():
    schema = timeline_schema()
    records = [("", schema)] + list(schema["definitions"].items())
    described = {name for _, record in records for name, field in record["properties"].items()
                 if field["description"]}
    fields, specs = set(), [TIMELINE]
    while specs:
        spec = specs.pop()
        fields |= set(spec.fields)
        specs += [rule.spec for rule in spec.fields.values() if rule.spec]
    assert described == fields


def test_every_record_refuses_unknown_fields():
    schema = timeline_schema()
    assert schema["additionalProperties"] is False
    assert all(record["additionalProperties"] is False for record in schema["definitions"].values())


def test_the_seed_timeline_validates():
    assert schema_errors((REPO / "timeline.yaml").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", [p for p in sorted(FIXTURES.glob("*/timeline.yaml")) if loads_cleanly(p)],
                         ids=lambda p: p.parent.name)
def test_every_fixture_the_loader_accepts_validates(path):
    assert schema_errors(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("old, new", [
    ("    place: Old harbour", "    plaec: Old harbour"),     # a typo'd field
    ("date: 2024-03-01", "date: 2024-3-1"),                  # a bad date
    ("date: 2024-03-01", "date: 1850"),                      # a year the brief cannot draw
    ("significance: high", "significance: huge"),             # an unknown level
    ("confidence: moderate", "confidence: Moderate"),         # levels are lower case
    ("id: inspection-one", "id: Inspection One"),            # a bad id
    ("title: First inspection", "title: 1984"),              # a number where text is expected
    ("credibility: 2", "credibility: 7"),                    # outside 1–6
], ids=["typo", "bad-date", "year-1850", "unknown-level", "level-case", "bad-id", "number-title", "credibility"])
def test_mistakes_the_loader_refuses_fail_the_schema(tmp_path, old, new):
    text = VALID.read_text(encoding="utf-8").replace(old, new, 1)
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    assert not loads_cleanly(path)
    assert schema_errors(text) != []


def test_missing_required_field_fails_the_schema():
    text = VALID.read_text(encoding="utf-8").replace("  as_of: 2024-06-30\n", "")
    assert any("'as_of' is a required property" in error for error in schema_errors(text))


def test_accept_code_of_the_wrong_form_fails_the_schema():
    text = (FIXTURES / "loader_v2" / "timeline.yaml").read_text(encoding="utf-8").replace("D001: only", "D01: only")
    assert schema_errors(text) != []


def test_quoted_credibility_validates_as_the_loader_reads_it():
    assert schema_errors(VALID.read_text(encoding="utf-8").replace("credibility: 2", 'credibility: "2"')) == []


def test_the_fixture_of_many_loader_problems_fails_the_schema():
    assert schema_errors((FIXTURES / "loader_many_problems" / "timeline.yaml").read_text(encoding="utf-8")) != []
