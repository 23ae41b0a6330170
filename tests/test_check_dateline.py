"""D002 and a document's dateline ("Dated 20 March 2024" under a letter's title)."""

from __future__ import annotations

from pathlib import Path

from briefing.check import check_timeline
from briefing.loader import load_timeline

FIXTURE = Path(__file__).parent / "fixtures" / "check_dateline" / "timeline.yaml"


def d002_events() -> list[str]:
    timeline, problems = load_timeline(FIXTURE)
    assert timeline is not None, [str(p) for p in problems]
    return [f.event for f in check_timeline(timeline).findings if f.code == "D002"]


def test_a_dateline_dates_what_the_document_does_when_it_is_the_sources_published_day():
    assert "fund-offered-in-the-letter" not in d002_events()


def test_a_dateline_alone_is_still_d002_when_the_source_is_not_recorded_as_published_that_day():
    assert d002_events() == ["fund-reported-by-a-story"]
