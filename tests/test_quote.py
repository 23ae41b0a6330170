"""`quote`: passages of a source with some words, printed as evidence entries that verify when pasted."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from commandline import briefing

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = PROJECT / "tests" / "fixtures" / "authoring_quote"


@pytest.fixture
def brief(tmp_path) -> Path:
    folder = tmp_path / "brief"
    shutil.copytree(FIXTURE, folder)
    return folder


def entries(output: str) -> list[str]:
    return [line for line in output.splitlines() if not line.startswith("#")]


def test_a_passage_with_the_words_is_printed_as_an_evidence_entry_with_its_place(brief):
    done = briefing("quote", "ferry-notice", "ferry", "run", cwd=brief)
    assert done.returncode == 0, done.stdout
    assert entries(done.stdout) == [
        "- source: ferry-notice   # sources/ferry.txt, line 2, col 1",
        '  quote: "The mayor said “the ferry will run again” on Monday."',
    ]


def test_a_passage_over_several_lines_is_one_line_and_placed_at_its_start(brief):
    done = briefing("quote", "ferry-notice", "timetable", "evening", cwd=brief)
    assert entries(done.stdout) == [
        "- source: ferry-notice   # sources/ferry.txt, line 3, col 1",
        '  quote: "The new timetable adds two morning crossings and one evening crossing."',
    ]


def test_a_markdown_passage_is_placed_in_the_file_not_in_its_text(brief):
    done = briefing("quote", "line-notes", "punctuality", "94", cwd=brief)
    assert entries(done.stdout) == [
        "- source: line-notes   # sources/notes.md, line 12, col 3",
        '  quote: "Punctuality in the first month: 94 per cent"',
    ]


def test_a_file_path_of_a_registered_source_is_quoted_under_its_id(brief):
    done = briefing("quote", "sources/ferry.txt", "pier", cwd=brief)
    assert entries(done.stdout)[0].startswith("- source: ferry-notice ")


def test_a_file_the_timeline_does_not_list_gets_an_id_from_its_name_and_a_reminder(brief):
    (brief / "sources" / "new-report.txt").write_text("The bridge opens in June.\n", encoding="utf-8")
    done = briefing("quote", "sources/new-report.txt", "bridge", cwd=brief)
    assert done.returncode == 0
    assert "register it under `sources:` with `id: new-report`" in done.stdout
    assert entries(done.stdout)[0] == "- source: new-report   # sources/new-report.txt, line 1, col 1"


def test_a_quote_with_a_double_quote_or_backslash_is_escaped_as_json(brief):
    (brief / "sources" / "odd.txt").write_text('He wrote "C:\\temp" twice.\n', encoding="utf-8")
    done = briefing("quote", "sources/odd.txt", "wrote", cwd=brief)
    assert entries(done.stdout)[1] == '  quote: "He wrote \\"C:\\\\temp\\" twice."'


def test_no_match_prints_the_closest_passages_with_their_similarity_and_exits_1(brief):
    done = briefing("quote", "ferry-notice", "ferry", "runs", "tomorrow", cwd=brief)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == ('# no passage of sources/ferry.txt has the words "ferry runs tomorrow" in this order; '
                        "the closest:")
    assert lines[1] == '# 53% at line 2, col 1: "The mayor said “the ferry will run again” on Monday."'
    assert entries(done.stdout) == []


def test_an_unknown_source_id_is_one_line_listing_the_ids_and_exits_2(brief):
    done = briefing("quote", "ferry", "run", cwd=brief)
    assert done.returncode == 2
    assert done.stdout.splitlines() == [
        "error: no source `ferry` in timeline.yaml and no such file; its source ids: ferry-notice, line-notes"]
    assert done.stderr == ""


def test_the_timeline_is_named_with_the_timeline_option(brief, tmp_path):
    done = briefing("quote", "line-notes", "deputy", "mayor", "--timeline", str(brief / "timeline.yaml"),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert entries(done.stdout)[0] == "- source: line-notes   # sources/notes.md, line 14, col 3"


def pasted_and_checked(brief: Path, source: str, *words: str) -> subprocess.CompletedProcess:
    printed = briefing("quote", source, *words, cwd=brief).stdout
    timeline = brief / "timeline.yaml"
    timeline.write_text(timeline.read_text(encoding="utf-8")
                        + "".join(f"      {line}\n" for line in printed.splitlines()), encoding="utf-8")
    return briefing("check", cwd=brief)


@pytest.mark.parametrize("source, words", [
    ("ferry-notice", ("timetable", "evening")),
    ("ferry-notice", ("pier", "reopens")),
    ("line-notes", ("punctuality", "94")),
])
def test_what_quote_prints_verifies_when_pasted_under_an_event(brief, source, words):
    checked = pasted_and_checked(brief, source, *words)
    assert checked.returncode == 0, checked.stdout
    assert "Q001" not in checked.stdout


def test_quote_help_says_what_source_and_words_are(tmp_path):
    done = briefing("quote", "--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "a source id of the timeline, or the path of a source" in done.stdout
    assert "in this order" in done.stdout
