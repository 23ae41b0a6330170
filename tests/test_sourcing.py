"""The source summary statement, computed from a timeline (briefing.sourcing), without any layout.

The fixture is tests/fixtures/pdf_tradecraft/: four sources of four kinds, three
judgements (one on two sources, one on a single opinion piece, one on a single
analysis) and a silence from late February to early August.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefing.loader import load_timeline
from briefing.model import PartialDate
from briefing.sourcing import GAP_DAYS, confirmed_alone, source_summary

TRADECRAFT = Path(__file__).parent / "fixtures" / "pdf_tradecraft" / "timeline.yaml"


@pytest.fixture(scope="module")
def timeline():
    loaded, findings = load_timeline(TRADECRAFT)
    assert loaded is not None, [str(f) for f in findings]
    return loaded


def with_events(timeline, events):
    return dataclasses.replace(timeline, events=tuple(events))


def dated(event, date: str, end: str | None = None):
    def parse(text):
        return PartialDate(*map(int, text.split("-")))

    return dataclasses.replace(event, date=parse(date), end=parse(end) if end else None)


def test_sources_are_counted_by_kind_in_the_contracts_order(timeline):
    summary = source_summary(timeline)
    assert summary.sources == 4
    assert summary.kinds == (("news", 1), ("opinion", 1), ("analysis", 1), ("official", 1))
    assert summary.kinds_text() == "4 sources: 1 news report, 1 opinion piece, 1 analysis and 1 official source"


def test_sources_are_counted_by_reliability_with_the_ungraded_last(timeline):
    summary = source_summary(timeline)
    assert summary.reliability == (("A", 1), ("B", 1), ("C", 1), (None, 1))
    assert summary.reliability_text().endswith("C (fairly reliable) for 1, 1 not graded")


def test_sources_of_one_kind_and_grade_are_said_in_a_word(timeline):
    same = tuple(dataclasses.replace(s, kind="news", reliability="B") for s in timeline.sources)
    summary = source_summary(dataclasses.replace(timeline, sources=same))
    assert summary.kinds_text() == "4 sources, all news reports"
    assert summary.reliability_text() == "all graded B (usually reliable)"


def test_sources_without_a_kind_are_counted_as_unstated(timeline):
    bare = tuple(dataclasses.replace(s, kind=None) for s in timeline.sources)
    assert source_summary(dataclasses.replace(timeline, sources=bare)).kinds_text() == "4 sources, of unstated kind"


def test_a_judgement_whose_events_cite_one_source_is_single_source(timeline):
    assert source_summary(timeline).single_source == (2, 3)


def test_a_judgement_on_events_cited_only_from_opinion_pieces_is_opinion_only(timeline):
    assert source_summary(timeline).opinion_only == (2,)


def test_a_judgement_with_no_existing_event_is_named_as_citing_none(timeline):
    brief = timeline.brief
    judgements = (*brief.judgements, dataclasses.replace(brief.judgements[0], events=("no-such-event",)))
    summary = source_summary(dataclasses.replace(timeline, brief=dataclasses.replace(brief, judgements=judgements)))
    assert summary.no_events == (4,)
    assert "judgement 4 cites no event" in summary.sentence()


def test_the_silence_between_the_februarys_events_and_augusts_is_a_gap(timeline):
    gaps = source_summary(timeline).gaps
    assert [(g.after.iso(), g.before.iso()) for g in gaps] == [("2024-02-20", "2024-08-05")]
    assert gaps[0].days == 166


def test_a_silence_longer_than_a_quarter_of_a_short_span_is_a_gap(timeline):
    first, second, third = timeline.events[:3]
    events = [dated(first, "2024-01-01"), dated(second, "2024-01-05"), dated(third, "2024-02-20")]
    gaps = source_summary(with_events(timeline, events)).gaps
    assert [(g.after.iso(), g.before.iso(), g.days) for g in gaps] == [("2024-01-05", "2024-02-20", 45)]


def test_a_silence_longer_than_ninety_days_is_a_gap_even_in_a_long_span(timeline):
    first, second = timeline.events[:2]
    events = [dated(first, "2020-01-01"), dated(second, "2020-06-01"), dated(timeline.events[2], "2030-01-01")]
    gaps = source_summary(with_events(timeline, events)).gaps
    assert gaps[0].after.iso() == "2020-01-01" and gaps[0].days > GAP_DAYS


def test_short_silences_in_a_long_span_are_no_gap(timeline):
    events = [dated(e, f"2024-0{n}-01") for n, e in enumerate(timeline.events, start=1)]
    assert source_summary(with_events(timeline, events)).gaps == ()


def test_a_gap_starts_when_the_longest_running_event_ends(timeline):
    first, second, third = timeline.events[:3]
    events = [dated(first, "2024-01-01", "2024-06-30"), dated(second, "2024-02-01"), dated(third, "2024-07-10")]
    assert source_summary(with_events(timeline, events)).gaps == ()


def test_a_month_precision_event_covers_its_whole_month(timeline):
    first, second = timeline.events[:2]
    events = [dated(first, "2024-01"), dated(second, "2024-02-05")]
    assert source_summary(with_events(timeline, events)).gaps == ()


def test_the_sentence_says_kinds_grades_weak_judgements_and_gaps_in_one_line(timeline):
    sentence = source_summary(timeline).sentence()
    assert "\n" not in sentence
    assert sentence.startswith("4 sources: 1 news report, 1 opinion piece")
    assert "Judgement 3 rests on a single source; judgement 2 rests on a single opinion piece." in sentence
    assert ("No sourced events between 20 February 2024 and 5 August 2024. 1 quote graded 1 (confirmed by other "
            "sources) has no other outlet cited for its event.") in sentence


def test_a_well_spread_timeline_has_no_weak_judgement_or_gap_clause(timeline):
    brief = dataclasses.replace(timeline.brief, judgements=timeline.brief.judgements[:1])
    events = [dated(e, f"2024-0{n}-01") for n, e in enumerate(timeline.events, start=1)]
    sentence = source_summary(dataclasses.replace(timeline, brief=brief, events=tuple(events))).sentence()
    assert "udgement" not in sentence and "No sourced events" not in sentence


# Credibility 1 says "confirmed by other sources": the brief says when it cites no other outlet.

def graded(timeline, event_id: str, *cites: tuple[str, int | None]):
    """`event_id` with its evidence replaced by one per (source, credibility)."""
    event = timeline.event(event_id)
    template = event.evidence[0]
    evidence = tuple(dataclasses.replace(template, source=source, credibility=credibility)
                     for source, credibility in cites)
    return dataclasses.replace(event, evidence=evidence)


def test_credibility_1_on_the_only_outlet_of_its_event_is_confirmed_alone(timeline):
    event = graded(timeline, "consultation-called", ("notice", 1))
    assert confirmed_alone(timeline, event, event.evidence[0])


def test_credibility_1_beside_another_outlet_is_not_confirmed_alone(timeline):
    event = graded(timeline, "consultation-called", ("notice", 1), ("review", None))
    assert not confirmed_alone(timeline, event, event.evidence[0])


def test_two_pieces_of_one_publisher_are_one_outlet_not_a_confirmation(timeline):
    event = graded(timeline, "consultation-called", ("gazette", 1), ("column", 2))  # both Brannock Gazette
    assert confirmed_alone(timeline, event, event.evidence[0])


def test_other_grades_never_claim_a_confirmation(timeline):
    event = graded(timeline, "consultation-called", ("notice", 2))
    assert not confirmed_alone(timeline, event, event.evidence[0])


def test_the_summary_counts_each_quote_graded_1_without_another_outlet(timeline):
    alone = graded(timeline, "consultation-called", ("notice", 1), ("notice", 1))
    events = [alone if e.id == alone.id else e for e in timeline.events]
    summary = source_summary(with_events(timeline, events))
    assert summary.confirmed_alone == 2
    assert "2 quotes graded 1 (confirmed by other sources) have no other outlet cited for their event." in \
        summary.sentence()
