"""The loader and version 2 of the format: the fields it adds, read like the others."""

from __future__ import annotations

from pathlib import Path

from briefing.loader import load_timeline
from briefing.model import EmailSettings, PartialDate, Position

from test_loader import VALID, at, only

V2 = Path(__file__).parent / "fixtures" / "loader_v2" / "timeline.yaml"


def load_v2_variant(tmp_path: Path, old: str, new: str):
    """The v2 fixture with one piece of text replaced, loaded from tmp_path."""
    text = V2.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in the v2 fixture"
    path = tmp_path / "timeline.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_timeline(path)


def line_of(text: str, path: Path = V2) -> int:
    """1-based line of the first line of the fixture that contains `text`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_v2_fixture_loads_without_findings():
    timeline, findings = load_timeline(V2)
    assert findings == [] and timeline is not None


def test_version_1_file_gets_the_v2_defaults():
    timeline, _ = load_timeline(VALID)
    brief = timeline.brief
    assert (brief.scope, brief.assumptions, brief.indicators, brief.email) == (None, (), (), None)
    assert brief.judgements[0].basis is None and brief.judgements[0].accept == {}
    source = timeline.source("gazette-2024-03-02")
    assert (source.retrieved, source.kind, source.accept) == (None, None, {})
    assert timeline.event("closure").accept == {}


def test_scope_is_text():
    timeline, _ = load_timeline(V2)
    assert timeline.brief.scope == "The council's decisions only; the ferry service is left out."


def test_assumptions_and_indicators_are_lists_of_text():
    brief = load_timeline(V2)[0].brief
    assert brief.assumptions == ("The council publishes its minutes within a week.",)
    assert brief.indicators == ("A tender for repairs.", "A ferry timetable for the winter.")


def test_email_settings_keep_to_cc_and_subject():
    email = load_timeline(V2)[0].brief.email
    assert isinstance(email, EmailSettings)
    assert email.to == ("desk@example.org", "Desk B <deskb@example.org>")
    assert email.cc == ("editor@example.org",)
    assert email.subject == "Harbour bridge, end of June"


def test_email_without_subject_leaves_it_to_the_build(tmp_path):
    timeline, _ = load_v2_variant(tmp_path, "    subject: Harbour bridge, end of June\n", "")
    assert timeline.brief.email.subject is None


def test_email_address_without_at_sign_is_s003(tmp_path):
    _, findings = load_v2_variant(tmp_path, "cc: [editor@example.org]", "cc: [editor]")
    finding = only(findings, "S003")
    assert at(finding) == (line_of("cc: [editor@example.org]"), 10)
    assert "must be an email address" in finding.message and "`editor`" in finding.message


def test_unknown_email_field_suggests_the_closest(tmp_path):
    _, findings = load_v2_variant(tmp_path, "    cc: [editor@example.org]", "    bcc: [editor@example.org]")
    assert "unknown field `bcc` in `email`; did you mean `cc`?" in only(findings, "S002").message


def test_judgement_basis_is_text():
    judgement = load_timeline(V2)[0].brief.judgements[0]
    assert judgement.basis == "Two sources agree, one of them the council's own minutes."


def test_accept_maps_codes_to_reasons_on_every_kind_of_item():
    timeline, _ = load_timeline(V2)
    assert timeline.brief.judgements[0].accept == {"L001": "the council's own wording"}
    assert timeline.source("council-minutes").accept == {"U001": "kept for the record"}
    assert timeline.event("closure").accept == {"D001": "only the month is reported", "A001": "the minutes name no one"}


def test_accept_entry_position_is_its_code():
    event = load_timeline(V2)[0].event("closure")
    assert event.field_at["accept.A001"] == Position(str(V2), line_of("A001: the minutes"), 7)


def test_accept_code_of_the_wrong_form_is_s003(tmp_path):
    _, findings = load_v2_variant(tmp_path, "D001: only", "D01: only")
    finding = only(findings, "S003")
    assert at(finding) == (line_of("D001: only"), 7)
    assert "`D01`, which is not a finding code" in finding.message


def test_accept_code_in_lower_case_suggests_capitals(tmp_path):
    _, findings = load_v2_variant(tmp_path, "D001: only", "d001: only")
    assert "did you mean `D001`?" in only(findings, "S003").message


def test_accept_without_a_reason_is_s003(tmp_path):
    _, findings = load_v2_variant(tmp_path, "A001: the minutes name no one", "A001:")
    finding = only(findings, "S003")
    assert at(finding) == (line_of("A001: the minutes"), 7)
    assert "accepts A001 with no reason" in finding.message


def test_accept_that_is_not_a_mapping_is_s003(tmp_path):
    _, findings = load_v2_variant(tmp_path, "      U001: kept for the record", "      - U001")
    assert "must map warning codes to reasons" in only(findings, "S003").message


def test_accept_code_written_twice_is_y002(tmp_path):
    _, findings = load_v2_variant(tmp_path, "      A001: the minutes name no one",
                                  "      A001: the minutes name no one\n      A001: again")
    assert "`A001` is written twice" in only(findings, "Y002").message


def test_retrieved_is_a_day_precision_date():
    source = load_timeline(V2)[0].source("council-minutes")
    assert source.retrieved == PartialDate(2024, 6, 29)


def test_retrieved_needs_the_day(tmp_path):
    _, findings = load_v2_variant(tmp_path, "retrieved: 2024-06-29", "retrieved: 2024-06")
    finding = only(findings, "S003")
    assert "`retrieved`" in finding.message and "give the day as well" in finding.message


def test_source_kind_is_one_of_the_contract_kinds():
    assert load_timeline(V2)[0].source("council-minutes").kind == "official"


def test_unknown_source_kind_is_s003_with_the_kinds(tmp_path):
    _, findings = load_v2_variant(tmp_path, "kind: official", "kind: oficial")
    finding = only(findings, "S003")
    assert "news, opinion, analysis, official, other" in finding.message
    assert "did you mean `official`?" in finding.message
