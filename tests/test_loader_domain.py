"""Domain rules with one home: on the loaded model, and in briefing/wording.py."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.findings import Finding
from briefing.loader import load_timeline
from briefing.model import MONTH_NAMES, PartialDate
from briefing.wording import by_severity, information_as_of, percent, plural, severity_rank

from test_loader import VALID


def loaded():
    timeline, findings = load_timeline(VALID)
    assert findings == []
    return timeline


# --- on the model ---

def test_number_is_the_events_place_in_chronological_order():
    timeline = loaded()
    # written inspection-one (March), closure (April), budget-year (2024, year only: sorts last)
    assert [timeline.number(e) for e in ("inspection-one", "closure", "budget-year")] == [1, 2, 3]


def test_number_follows_the_chronology_not_the_file_order(tmp_path):
    text = VALID.read_text(encoding="utf-8").replace("date: 2024-03-01", "date: 2024-06-01")
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    timeline, _ = load_timeline(path)
    assert timeline.number("closure") == 1 and timeline.number("inspection-one") == 2


def test_number_of_an_unknown_event_says_which():
    with pytest.raises(KeyError, match="no-such-event"):
        loaded().number("no-such-event")


def test_cited_sources_are_unique_and_in_the_order_first_cited():
    event = loaded().event("closure")
    assert event.cited_sources == ("council-minutes", "gazette-2024-03-02")


def test_cited_sources_name_a_source_cited_twice_once(tmp_path):
    text = VALID.read_text(encoding="utf-8").replace('quote: "the council ... close"', "quote: carried")
    text = text.replace("      - source: gazette-2024-03-02\n        quote: carried",
                        "      - source: council-minutes\n        quote: carried")
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    timeline, _ = load_timeline(path)
    assert timeline.event("closure").cited_sources == ("council-minutes",)


def test_look_ups_by_id_find_each_item_and_none_for_an_unknown_id():
    timeline = loaded()
    assert timeline.source("council-minutes").title == "Council minutes, spring session"
    assert timeline.actor("engineers").name == "Bridge Engineers"
    assert timeline.event("closure").title == "Bridge closed"
    assert (timeline.source("x"), timeline.actor("x"), timeline.event("x")) == (None, None, None)


def test_actor_names_joins_display_names_in_the_events_order():
    timeline = loaded()
    assert timeline.actor_names(timeline.event("inspection-one")) == "Bridge Engineers, Town Council"


def test_actor_names_of_an_event_without_actors_is_empty():
    timeline = loaded()
    assert timeline.actor_names(timeline.event("closure")) == ""


def test_month_names_are_english():
    assert MONTH_NAMES[0] == "January" and MONTH_NAMES[6] == "July" and len(MONTH_NAMES) == 12
    assert PartialDate(2023, 7, 27).display() == "27 July 2023"


# --- wording ---

def test_plural_of_one_is_the_word_itself():
    assert plural(1, "quote") == "1 quote"


def test_plural_of_zero_and_many_adds_an_s():
    assert (plural(0, "warning"), plural(2, "input problem")) == ("0 warnings", "2 input problems")


def test_plural_with_an_irregular_form():
    assert plural(3, "analysis", "analyses") == "3 analyses"


def test_percent_rounds_down():
    assert percent(0.876) == "87%"


def test_percent_is_never_100_for_a_quote_not_found():
    assert percent(0.9999) == "99%" and percent(1.0) == "99%"


def test_percent_is_not_lowered_by_floating_point():
    assert percent(0.29) == "29%"


def test_information_as_of_writes_the_day_without_leading_zero_and_the_month_in_english():
    assert information_as_of(dt.date(2024, 6, 3)) == "Information as of 3 June 2024"


def test_information_as_of_abbreviated_for_the_figure():
    assert information_as_of(dt.date(2024, 6, 30), abbreviated=True) == "Information as of 30 Jun 2024"


def test_severity_rank_puts_input_before_errors_before_warnings():
    assert [severity_rank(s) for s in ("input", "error", "warning")] == [0, 1, 2]


def test_by_severity_sorts_most_severe_first_then_by_place():
    warning = Finding("U001", "w", "t.yaml", 1, 1)
    error_late, error_early = Finding("R001", "e", "t.yaml", 9, 1), Finding("R001", "e", "t.yaml", 2, 1)
    problem = Finding("S001", "i", "t.yaml", 5, 1)
    assert by_severity([warning, error_late, problem, error_early]) == [problem, error_early, error_late, warning]
