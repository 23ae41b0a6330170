"""Reading source files: names as the analyst typed them, and the formats the check reads."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from briefing.check.sources import SourceText, Unreadable, read_source


def write(root: Path, name: str, text: str = "Ferries resumed on 3 May.") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_r001_for_a_mistyped_path_suggests_the_nearest_existing_file(tmp_path):
    write(tmp_path, "sources/ferry-report.txt")
    outcome = read_source(tmp_path, "sources/ferry-reprot.txt")
    assert isinstance(outcome, Unreadable) and outcome.code == "R001"
    assert outcome.message.endswith("does not exist; did you mean sources/ferry-report.txt?")


def test_r001_suggests_a_file_of_the_same_name_in_another_folder(tmp_path):
    write(tmp_path, "seeds/ferry.txt")
    assert read_source(tmp_path, "sources/ferry.txt").message.endswith("did you mean seeds/ferry.txt?")


def test_r001_suggests_nothing_when_no_file_is_near(tmp_path):
    write(tmp_path, "sources/present.txt")
    assert read_source(tmp_path, "sources/missing.txt").message == "source file sources/missing.txt does not exist"


def test_source_named_in_nfc_is_found_when_the_file_on_disk_is_nfd(tmp_path):
    nfd = unicodedata.normalize("NFD", "sources/Reykjavík-café.txt")
    write(tmp_path, nfd)
    assert isinstance(read_source(tmp_path, unicodedata.normalize("NFC", nfd)), SourceText)


def test_summary_counts_quotes_of_unreadable_sources_as_not_checked_not_as_not_found():
    from briefing.check import check_timeline
    from briefing.loader import load_timeline
    from briefing.report import summarize, summary_line

    timeline, _ = load_timeline(Path(__file__).parent / "fixtures" / "check_sources" / "timeline.yaml")
    result = check_timeline(timeline)
    line = summary_line(summarize(result.findings, result))
    assert "2 of 5 quotes verified, 3 not checked" in line  # missing.txt, scan.bin, latin1.txt
    assert "NOT found" not in line
