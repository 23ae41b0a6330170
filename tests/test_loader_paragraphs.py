"""Paragraphs: a blank line separates them in every YAML style, and the model keeps them apart with "\\n\\n"."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_loader import load_text

HEAD = """brief:
  title: Paragraphs
  as_of: 2024-06-30
"""
TAIL = """sources:
  - id: minutes
    file: minutes.txt
    title: Minutes
events:
  - id: vote
    date: 2024-04
    title: Vote
    summary: {event_summary}
    evidence:
      - source: minutes
        quote: carried
"""


def load_summary(tmp_path: Path, summary: str, event_summary: str = "One line."):
    timeline, findings = load_text(tmp_path, HEAD + "  summary: " + summary + TAIL.format(event_summary=event_summary))
    assert findings == [], [str(f) for f in findings]
    return timeline


TWO_PARAGRAPHS = ["The council voted. It was close.", "The bridge stays shut."]


@pytest.mark.parametrize("indicator", [">", ">-", ">+", "|", "|-", "|+", ">2"])
def test_one_blank_line_separates_paragraphs_in_every_block_style(tmp_path, indicator):
    summary = f"{indicator}\n    The council voted.\n    It was close.\n\n    The bridge stays shut.\n"
    assert load_summary(tmp_path, summary).brief.paragraphs() == TWO_PARAGRAPHS


def test_folded_summary_with_one_blank_line_is_stored_as_two_paragraphs(tmp_path):
    summary = ">\n    The council voted.\n    It was close.\n\n    The bridge stays shut.\n"
    assert load_summary(tmp_path, summary).brief.summary == "The council voted. It was close.\n\nThe bridge stays shut."


def test_several_blank_lines_make_one_paragraph_break(tmp_path):
    summary = ">-\n    The council voted.\n    It was close.\n\n\n\n    The bridge stays shut.\n"
    assert load_summary(tmp_path, summary).brief.summary == "The council voted. It was close.\n\nThe bridge stays shut."


def test_more_indented_line_stays_in_its_paragraph(tmp_path):
    summary = ">\n    The council voted.\n      It was close.\n\n    The bridge stays shut.\n"
    assert load_summary(tmp_path, summary).brief.paragraphs() == TWO_PARAGRAPHS


def test_plain_multi_line_summary_keeps_paragraphs(tmp_path):
    summary = "The council voted.\n    It was close.\n\n    The bridge stays shut.\n"
    assert load_summary(tmp_path, summary).brief.paragraphs() == TWO_PARAGRAPHS


def test_double_quoted_summary_keeps_paragraphs(tmp_path):
    summary = '"The council voted.\n    It was close.\n\n    The bridge stays shut."\n'
    assert load_summary(tmp_path, summary).brief.paragraphs() == TWO_PARAGRAPHS


def test_one_line_summary_is_one_paragraph(tmp_path):
    assert load_summary(tmp_path, "The bridge stays shut.\n").brief.summary == "The bridge stays shut."


def test_block_summary_at_the_end_of_a_file_without_final_newline(tmp_path):
    text = TAIL.format(event_summary="One line.") + HEAD + "  summary: |\n    First.\n\n    Second."
    timeline, findings = load_text(tmp_path, text)
    assert findings == [] and timeline.brief.paragraphs() == ["First.", "Second."]


def test_event_summary_keeps_paragraphs(tmp_path):
    timeline = load_summary(tmp_path, "Bottom line.\n", event_summary=">\n      Voted.\n\n      Shut.")
    assert timeline.event("vote").summary == "Voted.\n\nShut."
    assert timeline.event("vote").paragraphs() == ["Voted.", "Shut."]


def test_judgement_text_keeps_paragraphs(tmp_path):
    judgements = "Bottom line.\n  judgements:\n    - text: >\n        Likely.\n\n        Or not.\n      confidence: low\n"
    assert load_summary(tmp_path, judgements).brief.judgements[0].text == "Likely.\n\nOr not."


def test_quote_is_not_reflowed(tmp_path):
    text = HEAD + "  summary: s\n" + TAIL.format(event_summary="x").replace(
        "quote: carried", "quote: >\n          carried\n\n          today")
    timeline, _ = load_text(tmp_path, text)
    assert timeline.event("vote").evidence[0].quote == "carried\ntoday\n"
