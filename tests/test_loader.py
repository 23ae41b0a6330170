"""The loader: timeline.yaml -> Timeline, or findings that point at the exact place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.findings import Finding
from briefing.loader import load_timeline
from briefing.model import PartialDate, Position

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "loader_valid" / "timeline.yaml"


def load_variant(tmp_path: Path, old: str, new: str):
    """The valid fixture with one piece of text replaced, loaded from tmp_path."""
    text = VALID.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in the valid fixture"
    path = tmp_path / "timeline.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_timeline(path)


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    return load_timeline(path)


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [str(f) for f in findings]
    return matching[0]


def at(finding: Finding) -> tuple[int, int]:
    return finding.line, finding.column


# --- a valid file ---

def test_valid_fixture_loads_every_field():
    timeline, findings = load_timeline(VALID)
    assert findings == []
    assert timeline.path == VALID
    brief = timeline.brief
    assert (brief.title, brief.subtitle, brief.author) == (
        "Harbour bridge closure", "What the town council decided, and when", "Desk B")
    assert brief.as_of == dt.date(2024, 6, 30)
    assert brief.marking == "UNCLASSIFIED // FOR TRAINING"
    assert brief.summary == "The council closed the old harbour bridge after two inspections."
    assert brief.judgements[0].confidence == "moderate"
    assert brief.judgements[0].events == ("inspection-one", "closure")
    assert [a.id for a in timeline.actors] == ["council", "engineers"]
    assert timeline.actor("council").aliases == ("the council", "councillors")
    source = timeline.source("gazette-2024-03-02")
    assert (source.file, source.publisher, source.author, source.url, source.reliability) == (
        "seeds/gazette.txt", "Harbour Gazette", "A. Writer", "https://example.org/gazette/1", "B")
    assert source.published == PartialDate(2024, 3, 2)
    event = timeline.event("inspection-one")
    assert event.date == PartialDate(2024, 3, 1)
    assert (event.title, event.place, event.significance) == ("First inspection", "Old harbour", "high")
    assert event.actors == ("engineers", "council")
    assert event.tags == ("infrastructure", "safety")
    assert event.evidence[0].source == "gazette-2024-03-02"
    assert event.evidence[0].quote == "Engineers found cracks in two of the piers."
    assert event.evidence[0].credibility == 2


def test_absent_optional_fields_take_their_defaults():
    timeline, _ = load_timeline(VALID)
    event = timeline.event("budget-year")
    assert (event.end, event.place, event.tags, event.significance) == (None, None, (), "medium")
    assert timeline.source("council-minutes").reliability is None


def test_block_scalar_quote_kept_as_yaml_gives_it():
    timeline, _ = load_timeline(VALID)
    assert timeline.event("closure").evidence[0].quote == "The motion to close the bridge\nwas carried.\n"


def test_positions_point_at_values():
    timeline, _ = load_timeline(VALID)
    event = timeline.event("inspection-one")
    file = str(VALID)
    assert event.at == Position(file, 38, 5)
    assert event.field_at["date"] == Position(file, 39, 11)
    assert event.field_at["actors.1"] == Position(file, 42, 25)
    evidence = event.evidence[0]
    assert evidence.at == Position(file, 47, 9)
    assert evidence.field_at["quote"] == Position(file, 48, 16)
    assert timeline.brief.judgements[0].field_at["events.1"] == Position(file, 14, 32)
    assert timeline.source("council-minutes").field_at["published"] == Position(file, 35, 16)


def test_position_file_is_the_path_as_given(monkeypatch):
    monkeypatch.chdir(VALID.parent)
    timeline, _ = load_timeline(Path("timeline.yaml"))
    assert timeline.brief.at.file == "timeline.yaml"


def test_month_precision_date_kept():
    timeline, _ = load_timeline(VALID)
    closure = timeline.event("closure")
    assert closure.date == PartialDate(2024, 4)
    assert closure.date.precision == "month"
    assert closure.end == PartialDate(2024, 5)


def test_year_only_date_accepted_unquoted():
    timeline, _ = load_timeline(VALID)
    assert timeline.event("budget-year").date == PartialDate(2024)


def test_quoted_and_unquoted_dates_equal(tmp_path):
    timeline, findings = load_variant(tmp_path, "date: 2024-03-01", 'date: "2024-03-01"')
    assert findings == []
    original, _ = load_timeline(VALID)
    assert timeline.event("inspection-one").date == original.event("inspection-one").date


def test_free_actor_names_without_registry():
    timeline, findings = load_timeline(FIXTURES / "loader_free_actors" / "timeline.yaml")
    assert findings == []
    assert timeline.actors == ()
    assert timeline.event("winter-timetable").actors == ("Ferry Company", "Harbour Master")


# --- not YAML, or not a timeline at all ---

def test_invalid_yaml_reports_line_and_column():
    timeline, findings = load_timeline(FIXTURES / "loader_tab" / "timeline.yaml")
    assert timeline is None
    finding = only(findings, "Y001")
    assert at(finding) == (3, 1)
    assert "tab" in finding.message


def test_colon_in_unquoted_value_suggests_quoting(tmp_path):
    _, findings = load_variant(tmp_path, "title: First inspection", "title: Inspection: the first")
    finding = only(findings, "Y001")
    assert at(finding) == (40, 22)
    assert "quote the value" in finding.message


def test_no_object_construction(tmp_path):
    marker = tmp_path / "constructed"
    _, findings = load_variant(tmp_path, "title: First inspection",
                               f'title: !!python/object/apply:builtins.open ["{marker}", "w"]')
    assert not marker.exists()
    finding = only(findings, "S003")
    assert at(finding) == (40, 12)
    assert "!!python/object/apply:builtins.open" in finding.message


def test_empty_file_is_s001(tmp_path):
    timeline, findings = load_text(tmp_path, "# nothing yet\n")
    assert timeline is None
    assert [(f.code, at(f)) for f in findings] == [("S001", (1, 1))]


def test_top_level_list_is_s003(tmp_path):
    _, findings = load_text(tmp_path, "- brief\n- events\n")
    assert "must be a mapping" in only(findings, "S003").message


def test_missing_file_is_input_finding_not_traceback(tmp_path):
    timeline, findings = load_timeline(tmp_path / "absent.yaml")
    assert timeline is None
    finding = only(findings, "Y001")
    assert (finding.severity, at(finding)) == ("input", (1, 1))


def test_non_utf8_file_is_y001(tmp_path):
    path = tmp_path / "timeline.yaml"
    path.write_bytes("brief:\n  title: caf\xe9\n".encode("latin-1"))
    _, findings = load_timeline(path)
    assert "UTF-8" in only(findings, "Y001").message


# --- schema ---

def test_duplicate_key_is_y002_at_second_key(tmp_path):
    _, findings = load_variant(tmp_path, "    place: Old harbour\n", "    place: Old harbour\n    title: Again\n")
    finding = only(findings, "Y002")
    assert at(finding) == (44, 5)
    assert "`title`" in finding.message and "line 40" in finding.message


def test_every_duplicate_key_reported(tmp_path):
    _, findings = load_variant(tmp_path, "    place: Old harbour\n",
                               "    place: Old harbour\n    title: Again\n    place: Twice\n")
    assert [at(f) for f in findings if f.code == "Y002"] == [(44, 5), (45, 5)]


def test_missing_required_field_is_s001(tmp_path):
    _, findings = load_variant(tmp_path, "    summary: Engineers found cracks in two piers.\n", "")
    finding = only(findings, "S001")
    assert at(finding) == (38, 5)
    assert finding.message == "event `inspection-one` has no `summary`; add `summary: …`"
    assert finding.event == "inspection-one"


def test_unknown_field_suggests_closest(tmp_path):
    _, findings = load_variant(tmp_path, "    place: Old harbour", "    plaec: Old harbour")
    finding = only(findings, "S002")
    assert at(finding) == (43, 5)
    assert "unknown field `plaec` in event `inspection-one`; did you mean `place`?" in finding.message


def test_unknown_field_without_close_match_lists_known_fields(tmp_path):
    _, findings = load_variant(tmp_path, "    place: Old harbour", "    weather: Rain")
    assert "known fields" in only(findings, "S002").message


def test_impossible_date_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "date: 2024-03-01", "date: 2023-02-30")
    finding = only(findings, "S003")
    assert at(finding) == (39, 11)
    assert "YYYY-MM-DD, YYYY-MM or YYYY" in finding.message
    assert "February has 28 days in 2023" in finding.message


def test_as_of_requires_full_date(tmp_path):
    _, findings = load_variant(tmp_path, "as_of: 2024-06-30", "as_of: 2024-06")
    finding = only(findings, "S003")
    assert at(finding) == (6, 10)
    assert "`as_of`" in finding.message and "YYYY-MM-DD" in finding.message


def test_bad_id_s003(tmp_path):
    _, findings = load_variant(tmp_path, "id: inspection-one", "id: Inspection One")
    finding = only(findings, "S003")
    assert at(finding) == (38, 9)
    assert "try `inspection-one`" in finding.message


def test_unknown_level_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "significance: high", "significance: High")
    finding = only(findings, "S003")
    assert "low, medium, high" in finding.message and "did you mean `high`" in finding.message


def test_reliability_outside_a_to_f_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "reliability: B", "reliability: G")
    assert at(only(findings, "S003")) == (31, 18)


def test_credibility_outside_1_to_6_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "credibility: 2", "credibility: 7")
    assert at(only(findings, "S003")) == (49, 22)


def test_number_where_text_expected_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "title: First inspection", "title: 1984")
    assert 'put it in quotes: "1984"' in only(findings, "S003").message


def test_list_where_text_expected_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "place: Old harbour", "place: [Old harbour, Quay]")
    finding = only(findings, "S003")
    assert at(finding) == (43, 12)
    assert "must be text; got a list" in finding.message


def test_empty_required_text_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "title: First inspection", 'title: ""')
    assert "is empty" in only(findings, "S003").message


def test_single_value_where_list_expected_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "tags: [infrastructure, safety]", "tags: safety")
    assert "`tags: [safety]`" in only(findings, "S003").message


def test_duplicate_event_id_s004(tmp_path):
    _, findings = load_variant(tmp_path, "id: budget-year", "id: closure")
    finding = only(findings, "S004")
    assert at(finding) == (62, 9)
    assert "`closure`" in finding.message and "line 50" in finding.message


def test_unknown_source_reference_s005(tmp_path):
    _, findings = load_variant(tmp_path, "source: council-minutes\n        quote: repairs",
                               "source: council-minute\n        quote: repairs")
    finding = only(findings, "S005")
    assert at(finding) == (68, 17)
    assert "did you mean `council-minutes`?" in finding.message
    assert (finding.event, finding.source) == ("budget-year", "council-minute")


def test_unknown_actor_with_registry_s005(tmp_path):
    _, findings = load_variant(tmp_path, "actors: [engineers, council]", "actors: [engineers, councl]")
    finding = only(findings, "S005")
    assert at(finding) == (42, 25)
    assert "did you mean `council`?" in finding.message


def test_actor_written_by_name_suggests_its_id(tmp_path):
    _, findings = load_variant(tmp_path, "actors: [council]", "actors: [Town Council]")
    assert "did you mean `council` (use the id, not the name)?" in only(findings, "S005").message


def test_unknown_judgement_event_s005(tmp_path):
    _, findings = load_variant(tmp_path, "events: [inspection-one, closure]", "events: [inspection-one, closre]")
    finding = only(findings, "S005")
    assert at(finding) == (14, 32)
    assert "`closre`" in finding.message and "did you mean `closure`?" in finding.message


def test_end_before_date_s006(tmp_path):
    _, findings = load_variant(tmp_path, "end: 2024-05", "end: 2024-03-31")
    finding = only(findings, "S006")
    assert at(finding) == (52, 10)
    assert finding.event == "closure"


def test_month_end_reaching_past_date_is_not_s006(tmp_path):
    # `end: 2024-04` may mean 30 April, so it is not before 10 April.
    timeline, findings = load_variant(tmp_path, 'date: "2024-04"\n    end: 2024-05', "date: 2024-04-10\n    end: 2024-04")
    assert findings == [] and timeline is not None


def test_all_problems_reported_in_one_run():
    timeline, findings = load_timeline(FIXTURES / "loader_many_problems" / "timeline.yaml")
    assert timeline is None
    assert [(f.code, at(f)) for f in findings] == [
        ("S005", (9, 16)),   # judgement names a missing event
        ("S004", (14, 9)),   # source id used twice
        ("S001", (18, 5)),   # event without summary
        ("S003", (18, 9)),   # bad id
        ("S003", (19, 11)),  # impossible date
        ("S002", (21, 5)),   # summery
        ("S005", (23, 17)),  # unknown source
        ("S006", (27, 10)),  # end before date
        ("Y002", (33, 9)),   # quote written twice
    ]
    assert all(f.severity == "input" for f in findings)
