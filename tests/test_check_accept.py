"""Accepted warnings and X001: an analyst's `accept: {CODE: reason}` on an event, a source or a judgement.

Until the loader reads `accept` from the file, the items are given their
entries in memory, with the entry's place, as the loader will record them.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from briefing.check import check_timeline
from briefing.findings import CODES, exit_status
from briefing.loader import load_timeline
from briefing.model import Judgement, Position
from briefing.report import check_json, console_lines, summarize, summary_line

FIXTURES = Path(__file__).parent / "fixtures"
REASON = "only the month is reported; the day is from the organiser's notice"


def loaded(name: str):
    """A fresh copy each time: tests give its items accept entries."""
    timeline, problems = load_timeline(FIXTURES / name / "timeline.yaml")
    assert timeline is not None, [str(p) for p in problems]
    return timeline


def accepting(item, code: str, reason: str = REASON):
    """Give a loaded item an accept entry, placed one line below the item (as the loader would)."""
    entries = dict(getattr(item, "accept", None) or {})
    entries[code] = reason
    object.__setattr__(item, "accept", entries)
    item.field_at[f"accept.{code}"] = Position(item.at.file, item.at.line + 1, item.at.column + 2)
    return item


def dated(*accepted: tuple[str, str]):
    timeline = loaded("check_dates")
    for event_id, code in accepted:
        accepting(timeline.event(event_id), code)
    return timeline


def test_the_v2_codes_are_warnings():
    for code in ("D002", "D003", "C001", "C002", "L001", "L002", "L003", "L004", "F001", "X001"):
        assert CODES[code][0] == "warning", code


def test_an_accepted_warning_keeps_its_code_and_place_and_gains_the_reason():
    open_warning = next(f for f in check_timeline(dated()).findings if f.event == "month-not-stated")
    (accepted,) = [f for f in check_timeline(dated(("month-not-stated", "D001"))).findings
                   if f.event == "month-not-stated"]
    assert accepted == dataclasses.replace(open_warning, accepted=REASON)
    assert (accepted.severity, accepted.label) == ("warning", "accepted")


def test_accepting_on_one_event_leaves_the_same_code_on_another_open():
    result = check_timeline(dated(("month-not-stated", "D001")))
    other = next(f for f in result.findings if f.event == "day-but-source-gives-only-month")
    assert other.accepted is None


def test_the_console_prints_accepted_with_the_reason_after_the_message():
    (line,) = [line for line in console_lines(check_timeline(dated(("month-not-stated", "D001"))).findings)
               if "accepted" in line]
    assert " accepted D001 no cited source states November" in line
    assert line.endswith(f"(accepted: {REASON})")


def test_the_summary_counts_accepted_warnings_apart():
    every = len(check_timeline(dated()).findings)
    result = check_timeline(dated(("month-not-stated", "D001"), ("range-start-not-stated", "D001")))
    summary = summarize(result.findings, result)
    assert (summary["warnings"], summary["accepted"]) == (every - 2, 2)
    assert summary_line(summary).endswith(f"; 0 errors, {every - 2} warnings, 2 accepted.")


def test_without_accepted_warnings_the_summary_line_is_unchanged():
    result = check_timeline(dated())
    assert summary_line(summarize(result.findings, result)).endswith(f"; 0 errors, {len(result.findings)} warnings.")


def test_check_json_gives_the_reason_of_accepted_warnings_only():
    result = check_timeline(dated(("month-not-stated", "D001")))
    findings = json.loads(check_json(result.findings, summarize(result.findings, result)))["findings"]
    assert [f.get("accepted") for f in findings if f["event"] == "month-not-stated"] == [REASON]
    assert all("accepted" not in f for f in findings if f["event"] != "month-not-stated")


def test_accepting_never_changes_the_exit_status():
    assert exit_status(check_timeline(dated(("month-not-stated", "D001"))).findings) == 0


def test_accepting_an_error_code_raises_x001_at_the_entry():
    timeline = loaded("check_quotes")
    event = accepting(timeline.event("case-differs"), "Q001")
    result = check_timeline(timeline)
    (problem,) = [f for f in result.findings if f.code == "X001"]
    at = event.where("accept.Q001")
    assert (problem.line, problem.column, problem.event) == (at.line, at.column, "case-differs")
    assert "Q001 is an error code and only warnings can be accepted" in problem.message
    assert any(f.code == "Q001" and f.event == "case-differs" and f.accepted is None for f in result.findings)


def test_accepting_a_code_that_raised_nothing_on_the_item_raises_x001():
    timeline = dated(("day-stated-as-27-july", "D001"))
    (problem,) = [f for f in check_timeline(timeline).findings if f.code == "X001"]
    assert problem.event == "day-stated-as-27-july"
    assert "the check raised no D001 on event day-stated-as-27-july; remove the entry" in problem.message


def test_accepting_an_unknown_code_raises_x001():
    timeline = dated(("month-not-stated", "D999"))
    (problem,) = [f for f in check_timeline(timeline).findings if f.code == "X001"]
    assert "D999 is no finding code" in problem.message


def test_a_source_accepts_its_u001():
    timeline = loaded("check_sources")
    accepting(timeline.source("uncited"), "U001", "kept for the next edition")
    (u001,) = [f for f in check_timeline(timeline).findings if f.code == "U001"]
    assert u001.accepted == "kept for the next edition"


def test_a_judgement_accepts_a_warning_on_its_text():
    timeline = loaded("check_dates")
    judgement = Judgement(text="Hieroglyph \U00013000 in a judgement", confidence="low",
                          at=Position(timeline.brief.at.file, 90, 5))
    accepting(judgement, "F001", "the sign is the place's name")
    timeline = dataclasses.replace(timeline, brief=dataclasses.replace(timeline.brief, judgements=(judgement,)))
    (f001,) = [f for f in check_timeline(timeline).findings if f.code == "F001"]
    assert (f001.judgement, f001.accepted) == (1, "the sign is the place's name")
