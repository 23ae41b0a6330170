"""Numbers and names a summary states that no cited source does (C001, C002)."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.check.claims import missing_claims
from briefing.check.normalise import normalise


def test_missing_claims_reports_a_changed_number_and_an_unknown_name():
    source = "IATA said airlines lost $1.7 billion over six days."
    missing = missing_claims("Airlines lost $2.1 billion, IATA and Eurocontrol said.", [source])
    assert [(m.code, m.claim.text) for m in missing] == [("C001", "$2.1 billion"), ("C002", "Eurocontrol")]


def test_missing_claims_reports_nothing_on_a_faithful_summary():
    source = "IATA said airlines lost $1.7 billion over six days."
    assert missing_claims("Over six days airlines lost $1.7 billion, said IATA.", [source]) == []





# ── the volcano corpus: clean, and a planted fault is caught ─────────────────

CORPUS = Path(__file__).parent / "fixtures" / "corpus_volcano"


def corpus_events() -> tuple[dict, list]:
    """Each event with its cited sources' normalised text (read without the loader, which is not the subject)."""
    data = yaml.safe_load((CORPUS / "timeline.yaml").read_text(encoding="utf-8"))
    texts = {s["id"]: normalise((CORPUS / s["file"]).read_text(encoding="utf-8")) for s in data["sources"]}
    actors = [(a["name"], *a.get("aliases", ())) for a in data["actors"]]
    events = []
    for event in data["events"]:
        cited = [texts[source] for source in dict.fromkeys(e["source"] for e in event["evidence"])]
        when = [d for d in (event["date"], event.get("end")) if d is not None]
        date_numbers = {int(part) for d in when for part in str(d).split("-")}
        events.append((event, cited, actors, date_numbers))
    return data, events


def test_the_volcano_corpus_states_every_number_and_name_of_its_summaries():
    _, events = corpus_events()
    missing = [(event["id"], m.code, m.claim.text) for event, cited, actors, dates in events
               for m in missing_claims(event["summary"], cited, actors, dates)]
    assert missing == []


def test_a_changed_number_in_a_corpus_summary_is_caught():
    _, events = corpus_events()
    event, cited, actors, dates = next(e for e in events if e[0]["id"] == "closure-totals")
    summary = event["summary"].replace("313 airports", "331 airports")
    assert [(m.code, m.claim.text) for m in missing_claims(summary, cited, actors, dates)] == [("C001", "331")]


def test_a_name_no_corpus_source_has_is_caught():
    _, events = corpus_events()
    event, cited, actors, dates = next(e for e in events if e[0]["id"] == "irish-airspace-closed")
    summary = event["summary"].replace("Dublin, Shannon and Cork", "Dublin, Shannon and Knock")
    assert [(m.code, m.claim.text) for m in missing_claims(summary, cited, actors, dates)] == [("C002", "Knock")]
