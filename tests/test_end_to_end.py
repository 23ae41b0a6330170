"""The product as an analyst uses it: `python -m briefing` on the real timeline.

Each test runs the real command in a subprocess on a copy of the project's
timeline.yaml and seeds/, with a real Chromium, and reads what was written.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.loader import load_timeline
from commandline import briefing as run

PROJECT = Path(__file__).resolve().parent.parent


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "timeline.yaml", dest / "timeline.yaml")
    shutil.copytree(PROJECT / "seeds", dest / "seeds")
    return dest


def page_texts(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(pdf).pages]


def only_brief(out: Path) -> Path:
    # As a shell's out/*.pdf sees them: hidden intermediates are not briefs.
    briefs = [p for p in out.glob("*.pdf") if not p.name.startswith(".")]
    assert len(briefs) == 1, briefs
    return briefs[0]


def break_first_quote(timeline_file: Path) -> None:
    """Change one word inside the first event's first quote, as a typo would."""
    timeline, _ = load_timeline(timeline_file)
    at = timeline.events[0].evidence[0].where("quote")
    text = timeline_file.read_text()
    offset = sum(len(line) for line in text.splitlines(keepends=True)[: at.line - 1]) + at.column - 1
    word = re.compile(r"[A-Za-z]{5,}").search(text, offset)
    timeline_file.write_text(text[: word.start()] + word.group(0).upper() + text[word.end() :])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One real build of the real timeline, shared by the tests that only read it."""
    workdir = copy_project(tmp_path_factory.mktemp("project"))
    result = run("build", cwd=workdir)
    return workdir, result


def test_check_of_the_real_timeline_finds_no_errors(tmp_path):
    workdir = copy_project(tmp_path)
    result = run("check", cwd=workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((workdir / "out" / "check.json").read_text())
    assert not [f for f in report["findings"] if f["severity"] in ("error", "input")]
    assert report["summary"]["events"] >= 12
    assert report["summary"]["quotes_failed"] == 0
    assert report["summary"]["quotes_verified"] == report["summary"]["quotes"] > 12


def test_build_of_the_real_timeline_succeeds_and_says_what_it_wrote(built):
    workdir, result = built
    assert result.returncode == 0, result.stdout + result.stderr
    brief = only_brief(workdir / "out")
    last_line = result.stdout.strip().splitlines()[-1]
    pages = len(PdfReader(brief).pages)
    assert str(brief.name) in last_line
    assert f"{pages} pages" in last_line
    assert re.search(r"\d+ KB", last_line)


def test_brief_of_the_real_timeline_stays_under_one_megabyte(built):
    workdir, _ = built
    assert only_brief(workdir / "out").stat().st_size < 1024 * 1024


def test_brief_file_name_comes_from_title_and_date(built):
    workdir, _ = built
    timeline, _ = load_timeline(workdir / "timeline.yaml")
    name = only_brief(workdir / "out").name
    assert name.endswith(f"-{timeline.brief.as_of.isoformat()}.pdf")
    first_title_word = re.sub(r"[^a-z0-9]", "", timeline.brief.title.split()[0].lower())
    assert name.startswith(first_title_word)


def test_brief_shows_every_event_title_and_quote_of_the_real_timeline(built):
    workdir, _ = built
    timeline, _ = load_timeline(workdir / "timeline.yaml")
    text = " ".join(page_texts(only_brief(workdir / "out")))
    squashed = re.sub(r"\s+", "", text)
    for event in timeline.events:
        assert re.sub(r"\s+", "", event.title) in squashed, event.title
        for evidence in event.evidence:
            # Dashes are printed as written, line breaks are not kept, and a quote's own quotation
            # marks at its start or end are set as a nested quotation's (‘…’).
            marks = str.maketrans({mark: "'" for mark in '"“”‘’'})
            assert re.sub(r"\s+", "", evidence.quote).translate(marks) in squashed.translate(marks), evidence.quote[:60]


def test_build_writes_the_figure_in_every_format(built):
    workdir, _ = built
    out = workdir / "out"
    for name in ("timeline.svg", "timeline.png", "timeline.html", ".timeline-figure.pdf"):
        assert (out / name).stat().st_size > 1000, name
    assert (out / "timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rebuild_with_unchanged_figure_skips_the_export_and_writes_the_same_brief(built, tmp_path):
    source_dir, _ = built
    workdir = copy_project(tmp_path)
    shutil.copytree(source_dir / "out", workdir / "out")
    out = workdir / "out"
    brief_before = only_brief(out).read_bytes()
    svg_before = (out / "timeline.svg").stat().st_mtime_ns
    result = run("build", cwd=workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "export skipped" in result.stderr
    assert (out / "timeline.svg").stat().st_mtime_ns == svg_before
    assert only_brief(out).read_bytes() == brief_before


def test_two_builds_of_the_same_inputs_give_the_same_pdf_bytes(built, tmp_path):
    workdir, _ = built
    other = copy_project(tmp_path)
    result = run("build", cwd=other)
    assert result.returncode == 0, result.stdout + result.stderr
    assert only_brief(other / "out").read_bytes() == only_brief(workdir / "out").read_bytes()


def test_broken_yaml_leaves_the_previous_outputs_byte_identical(built, tmp_path):
    source_dir, _ = built
    workdir = copy_project(tmp_path)
    shutil.copytree(source_dir / "out", workdir / "out")
    before = {p.name: p.read_bytes() for p in (workdir / "out").iterdir() if p.is_file()}
    timeline = workdir / "timeline.yaml"
    timeline.write_text(timeline.read_text() + "\nevents: [unclosed\n")

    result = run("build", cwd=workdir)

    assert result.returncode == 2
    assert re.search(r"timeline\.yaml:\d+:\d+: input Y00[12]", result.stdout), result.stdout
    after = {p.name: p.read_bytes() for p in (workdir / "out").iterdir() if p.is_file()}
    assert after == before


def test_a_quote_not_in_its_source_stops_the_build_and_keeps_the_previous_brief(built, tmp_path):
    source_dir, _ = built
    workdir = copy_project(tmp_path)
    shutil.copytree(source_dir / "out", workdir / "out")
    brief_before = only_brief(workdir / "out").read_bytes()
    break_first_quote(workdir / "timeline.yaml")

    result = run("build", cwd=workdir)

    assert result.returncode == 1
    assert " error Q001 " in result.stdout
    assert "No brief written" in result.stdout
    assert only_brief(workdir / "out").read_bytes() == brief_before


def test_draft_build_with_a_failing_quote_marks_every_page(tmp_path):
    workdir = copy_project(tmp_path)
    break_first_quote(workdir / "timeline.yaml")

    result = run("build", "--draft", cwd=workdir)

    assert result.returncode == 1, result.stdout + result.stderr
    draft = workdir / "out" / only_brief(workdir / "out").name
    assert draft.name.endswith("-DRAFT.pdf")
    texts = page_texts(draft)
    assert all("DRAFT" in t and "UNVERIFIED" in t for t in texts)


def test_missing_timeline_file_exits_2_naming_the_file(tmp_path):
    result = run("check", "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "nowhere.yaml" in result.stdout + result.stderr


def test_unknown_option_exits_2(tmp_path):
    result = run("build", "--no-such-option", cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_help_explains_both_commands(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "check" in result.stdout and "build" in result.stdout and "Exit status" in result.stdout


def test_a_font_file_that_does_not_exist_exits_2_with_a_message(tmp_path):
    workdir = copy_project(tmp_path)
    result = run("build", "--font", "no-such-font.ttf", cwd=workdir)
    assert result.returncode == 2
    assert "no-such-font.ttf" in result.stdout
    assert "Traceback" not in result.stderr
    assert not list(workdir.glob("out/*.pdf"))


def test_cover_period_starts_with_the_earliest_event_even_when_known_only_to_the_month(built):
    workdir, _ = built
    timeline, _ = load_timeline(workdir / "timeline.yaml")
    earliest = min((e.date for e in timeline.events), key=lambda d: d.first_day)
    assert earliest.precision == "month"  # the real timeline opens with a month-precision event
    cover = page_texts(only_brief(workdir / "out"))[0]
    # "27 July 2023 – …" would wrongly start the period with a dated event of that month.
    assert re.search(rf"(?<!\d )(?<!\d){re.escape(earliest.display())} –", cover), cover[:400]


def test_check_writes_a_readable_check_json(tmp_path):
    workdir = copy_project(tmp_path)
    run("check", cwd=workdir)
    assert (workdir / "out" / "check.json").stat().st_mode & 0o044 == 0o044


def test_build_reports_a_character_no_font_can_draw_once_and_still_writes_the_brief(tmp_path):
    fixture = PROJECT / "tests" / "fixtures" / "pdf_basic" / "timeline.yaml"
    result = run("build", str(fixture), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    undrawable = [line for line in result.stdout.splitlines() if " warning F001 " in line]
    assert len(undrawable) == 1 and "U+13000" in undrawable[0]
    assert result.stdout.strip().splitlines()[-1].startswith("Wrote ")
