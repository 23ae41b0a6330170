"""Precision on a whole corpus: the volcano timeline, on a topic unrelated to the seed, raises no open warning."""

from __future__ import annotations

from pathlib import Path

from briefing.check import check_timeline
from briefing.loader import load_timeline

VOLCANO = Path(__file__).parent / "fixtures" / "corpus_volcano" / "timeline.yaml"


def test_the_volcano_corpus_raises_no_open_warning_and_one_accepted_d002():
    timeline, problems = load_timeline(VOLCANO)
    assert timeline is not None, [str(p) for p in problems]
    findings = check_timeline(timeline).findings
    assert [(f.code, f.event) for f in findings if f.accepted is None] == []
    assert [(f.code, f.event) for f in findings] == [("D002", "lufthansa-ferry-flights")]
