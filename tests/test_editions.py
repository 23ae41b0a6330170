"""Editions: the manifest of a brief and the changes between two of them."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from briefing.editions import ManifestError, compare, edition_digest, manifest, manifest_bytes, parse_manifest
from briefing.loader import load_timeline

FIXTURE = Path(__file__).parent / "fixtures" / "pdf_basic" / "timeline.yaml"


@pytest.fixture(scope="module")
def base() -> dict:
    timeline, findings = load_timeline(FIXTURE)
    assert timeline is not None, [str(f) for f in findings]
    return manifest(timeline, [], {s.id: f"digest-{s.id}" for s in timeline.sources})


def edited(base: dict, edit) -> dict:
    new = copy.deepcopy(base)
    edit(new)
    return new


def event(data: dict, event_id: str) -> dict:
    return next(e for e in data["events"] if e["id"] == event_id)


def test_an_unchanged_manifest_has_no_changes(base):
    assert compare(base, copy.deepcopy(base)) == []


def test_the_same_content_gives_the_same_digest_and_bytes(base):
    assert edition_digest(base) == edition_digest(copy.deepcopy(base))
    assert manifest_bytes(base) == manifest_bytes(copy.deepcopy(base))


def test_a_redated_event_is_reported_with_both_dates(base):
    first = base["events"][0]["id"]
    new = edited(base, lambda m: event(m, first).update(date="2024-01"))
    [change] = compare(base, new)
    assert (change.item, change.kind, change.key) == ("event", "changed", first)
    assert "re-dated from" in change.text and "to January 2024" in change.text


def test_an_added_event_is_reported_as_new(base):
    extra = dict(copy.deepcopy(base["events"][0]), id="brand-new", title="A new development")
    new = edited(base, lambda m: m["events"].append(extra))
    [change] = compare(base, new)
    assert (change.item, change.kind, change.key) == ("event", "added", "brand-new")
    assert "A new development" in change.text


def test_a_removed_event_is_reported_as_removed(base):
    gone = base["events"][-1]["id"]
    new = edited(base, lambda m: m["events"].pop())
    [change] = compare(base, new)
    assert (change.kind, change.key) == ("removed", gone)


def test_events_are_matched_by_id_so_reordering_is_no_change(base):
    new = edited(base, lambda m: m["events"].reverse())
    assert compare(base, new) == []


def test_a_lowered_confidence_says_from_what_to_what(base):
    def lower(m):
        m["judgements"][0]["confidence"] = "low"
    before = base["judgements"][0]["confidence"]
    [change] = compare(base, edited(base, lower))
    assert change.item == "judgement" and change.kind == "changed"
    assert f"confidence lowered from {before} to low" in change.text


def test_a_reworded_judgement_is_one_change_not_an_addition_and_a_removal(base):
    def reword(m):
        m["judgements"][1]["text"] = m["judgements"][1]["text"].replace("contest", "challenge")
    [change] = compare(base, edited(base, reword))
    assert change.kind == "changed" and "reworded" in change.text


def test_a_new_judgement_is_reported_with_its_confidence(base):
    def add(m):
        m["judgements"].append({"text": "Something wholly different.", "confidence": "low", "basis": None, "events": []})
    [change] = compare(base, edited(base, add))
    assert change.kind == "added" and "low confidence" in change.text


def test_a_source_whose_text_changed_says_its_quotes_were_verified_again(base):
    source = base["sources"][0]["id"]
    new = edited(base, lambda m: m["sources"][0].update(sha256="other"))
    [change] = compare(base, new)
    assert (change.item, change.key) == ("source", source)
    assert "verified again" in change.text


def test_a_revised_bottom_line_is_reported(base):
    new = edited(base, lambda m: m["brief"].update(summary="Something else."))
    assert [c.key for c in compare(base, new)] == ["summary"]


def test_a_manifest_of_another_version_is_refused_with_a_message():
    with pytest.raises(ManifestError, match="another version"):
        parse_manifest(b'{"manifest": 99}', "old.pdf")


def test_a_damaged_manifest_is_refused_with_a_message():
    with pytest.raises(ManifestError, match="damaged"):
        parse_manifest(b"{not json", "old.pdf")


def test_a_new_edition_is_compared_with_the_last_verified_one(base):
    from briefing.editions import edition

    new = edited(base, lambda m: m["judgements"][0].update(confidence="low"))
    chosen = edition(new, edition_digest(base), base, None)
    assert chosen.new and chosen.previous is base
    assert [c.item for c in chosen.comparison.changes] == ["judgement"]


def test_a_rebuild_of_the_last_edition_keeps_the_comparison_it_had(base):
    from briefing.editions import edition

    older = edited(base, lambda m: m["events"].pop())
    chosen = edition(copy.deepcopy(base), edition_digest(base), base, older)
    assert not chosen.new and chosen.previous is older


def test_an_earlier_brief_named_with_since_is_compared_with_instead(base):
    from briefing.editions import edition

    older = edited(base, lambda m: m["events"].pop())
    chosen = edition(copy.deepcopy(base), edition_digest(base), base, None, since=older)
    assert chosen.previous is older


def test_another_brief_built_into_the_folder_is_not_an_earlier_edition(base):
    from briefing.editions import edition, edition_digest

    other = edited(base, lambda m: m["brief"].update(title="Another brief"))
    chosen = edition(base, edition_digest(other), other, None)
    assert chosen.previous is None and chosen.new
