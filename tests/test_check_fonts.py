"""F001 is the check's: characters no font of the brief can draw, found without reportlab,
reported alike by `check`, `build`, check.json and the brief."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.check import check_timeline
from briefing.check.fonts import FontSet, code_points
from briefing.loader import load_timeline

PROJECT = Path(__file__).resolve().parent.parent
PDF_BASIC = PROJECT / "tests" / "fixtures" / "pdf_basic" / "timeline.yaml"


@pytest.fixture(scope="module")
def basic():
    timeline, problems = load_timeline(PDF_BASIC)
    assert timeline is not None, [str(p) for p in problems]
    return timeline


def test_the_check_finds_f001_at_the_field_that_holds_the_character(basic):
    (problem,) = [f for f in check_timeline(basic).findings if f.code == "F001"]
    place = basic.event("research-fund").where("place")
    assert (problem.event, problem.line, problem.column) == ("research-fund", place.line, place.column)
    assert "U+13000 EGYPTIAN HIEROGLYPH A001" in problem.message


def test_the_check_uses_the_fonts_it_is_given(basic):
    timeline = dataclasses.replace(basic, brief=dataclasses.replace(basic.brief, title="한국어"))
    default = FontSet.default()
    without_fallback = dataclasses.replace(default, fallback=None, fallback_bold=None)
    title_findings = lambda fonts: [f for f in check_timeline(timeline, fonts=fonts).findings  # noqa: E731
                                    if f.code == "F001" and f.event is None]
    assert title_findings(default) == []
    assert len(title_findings(without_fallback)) == 3  # 한, 국, 어


def test_what_the_check_calls_drawable_is_what_reportlab_maps():
    from reportlab.pdfbase.ttfonts import TTFontFile

    fonts = FontSet.default()
    for path in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic, fonts.fallback):
        assert code_points(path) == frozenset(TTFontFile(str(path)).charToGlyph), path


def test_the_check_does_not_load_reportlab():
    program = ("import sys; from pathlib import Path; from briefing.loader import load_timeline; "
               "from briefing.check import check_timeline; "
               f"result = check_timeline(load_timeline(Path({str(PDF_BASIC)!r}))[0]); "
               "print(sorted(f.code for f in result.findings), 'reportlab' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["['F001']", "False"]


def test_console_check_json_and_brief_give_the_same_counts(tmp_path):
    out = tmp_path / "out"
    run = lambda command: subprocess.run([sys.executable, "-m", "briefing", command, str(PDF_BASIC),  # noqa: E731
                                          "--out", str(out)], capture_output=True, text=True, cwd=tmp_path)
    check, build = run("check"), run("build")
    assert build.returncode == 0, build.stdout + build.stderr
    assert [line for line in build.stdout.splitlines() if " warning " in line] == [
        line for line in check.stdout.splitlines() if " warning " in line]
    console = [line for line in build.stdout.splitlines() if " warning " in line]
    summary = json.loads((out / "check.json").read_text())
    (brief,) = out.glob("[!.]*.pdf")  # the figure's PDF beside it is hidden
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(brief).pages).split())
    assert sorted(line.split()[2] for line in console) == ["F001"]
    assert sorted(f["code"] for f in summary["findings"]) == ["F001"]
    assert summary["summary"]["warnings"] == 1
    assert "0 errors, 1 warning." in check.stdout and "0 errors, 1 warning." in build.stdout
    assert re.search(r"\b0 errors, 1 open warning\b", text), text  # the verification annex
