"""Text the brief or its figure cannot set is reported, never drawn wrong in silence:
emoji (no font of the figure has them) and right-to-left scripts (the PDF cannot order them)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.check import check_timeline
from briefing.loader import load_timeline

PROJECT = Path(__file__).resolve().parent.parent
PDF_BASIC = PROJECT / "tests" / "fixtures" / "pdf_basic"
TITLE = "    title: Water board approves raising the Kessel dam\n"


def timeline_with_title(folder: Path, title: str) -> Path:
    shutil.copytree(PDF_BASIC, folder / "brief")
    path = folder / "brief" / "timeline.yaml"
    text = path.read_text(encoding="utf-8")
    assert TITLE in text
    path.write_text(text.replace(TITLE, f'    title: "{title}"\n'), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def emoji_build(tmp_path_factory):
    path = timeline_with_title(tmp_path_factory.mktemp("emoji"), "Water board \U0001F680 approves the dam")
    result = subprocess.run([sys.executable, "-m", "briefing", "build", str(path)],
                            capture_output=True, text=True, cwd=PROJECT, timeout=240)
    assert result.returncode == 0, result.stderr
    return path.parent / "out", result


def test_an_emoji_in_an_event_title_is_f001_for_the_figure_too(emoji_build):
    out, result = emoji_build
    (line,) = [line for line in result.stdout.splitlines() if "U+1F680" in line]
    assert " warning F001 " in line and "the brief and its figure show it as [U+1F680]" in line
    findings = json.loads((out / "check.json").read_text())["findings"]
    assert [f["code"] for f in findings if "U+1F680" in f["message"]] == ["F001"]


def test_the_figure_shows_an_undrawable_character_as_its_code_not_as_a_box(emoji_build):
    out, _ = emoji_build
    svg = (out / "timeline.svg").read_text(encoding="utf-8")
    assert "\U0001F680" not in svg
    assert "[U+1F680]" in svg


def test_right_to_left_text_is_f002_at_its_field():
    path = PDF_BASIC / "timeline.yaml"
    timeline, _ = load_timeline(path)
    import dataclasses

    event = timeline.event("board-approval")
    hebrew = dataclasses.replace(event, title="Water board approves שלום")
    arabic = dataclasses.replace(event, title="Water board approves سلام")
    for changed in (hebrew, arabic):
        events = tuple(changed if e.id == event.id else e for e in timeline.events)
        findings = check_timeline(dataclasses.replace(timeline, events=events)).findings
        (f002,) = [f for f in findings if f.code == "F002"]
        assert (f002.severity, f002.event, f002.line) == ("warning", "board-approval", event.where("title").line)
        assert "right-to-left" in f002.message and "reading order" in f002.message


def test_left_to_right_text_in_other_scripts_is_no_f002():
    timeline, _ = load_timeline(PDF_BASIC / "timeline.yaml")  # has Cyrillic and Hangul
    assert not [f for f in check_timeline(timeline).findings if f.code == "F002"]
