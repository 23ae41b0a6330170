"""The output folder of a build, as a user meets it: `python -m briefing build` in a real process."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.outputs import LOCK_FILE, STAGING_PREFIX

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = PROJECT / "tests" / "fixtures" / "figure_basic" / "timeline.yaml"


def environment(**extra: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return {**env, **extra}


def build(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", "build", *args], cwd=cwd, env=environment(**env),
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One verified build of the figure fixture; tests copy its output folder."""
    folder = tmp_path_factory.mktemp("built")
    result = build(str(FIXTURE), "--out", str(folder / "out"), cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "out"


def copy_out(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    return out


def test_a_build_waits_for_another_build_into_the_same_folder_and_says_so(built, tmp_path):
    out = copy_out(built, tmp_path)
    holder = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as a build under way holds it
    try:
        waiting = subprocess.Popen([sys.executable, "-m", "briefing", "build", str(FIXTURE), "--out", str(out)],
                                   cwd=tmp_path, env=environment(), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        first_line = waiting.stderr.readline()
        while "Waiting" not in first_line and first_line:
            first_line = waiting.stderr.readline()
        assert f"Waiting for another build into {out}/ to finish" in first_line
        time.sleep(0.5)
        assert waiting.poll() is None  # still waiting while the lock is held
    finally:
        os.close(holder)
    stdout, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, stdout + stderr
    assert stdout.strip().splitlines()[-1].startswith("Wrote ")


def test_a_staging_folder_left_by_a_killed_build_is_removed_by_the_next(built, tmp_path):
    out = copy_out(built, tmp_path)
    stale = out / f"{STAGING_PREFIX}killed"
    stale.mkdir()
    (stale / "timeline.png").write_bytes(b"half written" * 1000)
    result = build(str(FIXTURE), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(out.glob(f"{STAGING_PREFIX}*"))


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE.parent, project)
    return project / "timeline.yaml"


def edit(timeline: Path, old: str, new: str) -> None:
    text = timeline.read_text(encoding="utf-8")
    assert old in text
    timeline.write_text(text.replace(old, new, 1), encoding="utf-8")


BREAK_QUOTE = ("quote: Larkmoor Town Council voted on Tuesday", "quote: Larkmoor Town Council voted on Monday")
CHANGE_FIGURE = ("title: Council votes to sell the ferry terminal", "title: Council votes to keep the ferry terminal")
VERIFIED_FIGURE = ("timeline.svg", "timeline.png", "timeline.html", ".timeline-figure.pdf")


def test_a_draft_build_never_replaces_the_verified_figure_files(built, tmp_path):
    timeline = project_copy(tmp_path)
    out = copy_out(built, tmp_path)
    before = {name: (out / name).read_bytes() for name in VERIFIED_FIGURE}
    edit(timeline, *BREAK_QUOTE)
    edit(timeline, *CHANGE_FIGURE)

    result = build(str(timeline), "--out", str(out), "--draft", cwd=tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert {name: (out / name).read_bytes() for name in VERIFIED_FIGURE} == before
    assert "keep the ferry terminal" in (out / "timeline-DRAFT.svg").read_text()
    assert (out / "timeline-DRAFT.png").is_file() and (out / "timeline-DRAFT.html").is_file()


def test_a_verified_build_removes_the_drafts_it_supersedes(built, tmp_path):
    timeline = project_copy(tmp_path)
    out = copy_out(built, tmp_path)
    edit(timeline, *BREAK_QUOTE)
    edit(timeline, *CHANGE_FIGURE)
    assert build(str(timeline), "--out", str(out), "--draft", cwd=tmp_path).returncode == 1
    assert list(out.glob("*-DRAFT.pdf"))
    edit(timeline, BREAK_QUOTE[1], BREAK_QUOTE[0])

    result = build(str(timeline), "--out", str(out), cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(out.glob("*DRAFT*"))


def test_a_damaged_cached_figure_is_redrawn(built, tmp_path):
    out = copy_out(built, tmp_path)
    figure = out / ".timeline-figure.pdf"
    figure.write_bytes(figure.read_bytes()[:500])  # cut short, as by a full disk or a careless copy

    result = build(str(FIXTURE), "--out", str(out), cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "export skipped" not in result.stderr
    assert len(PdfReader(figure).pages) == 1


@pytest.mark.parametrize("epoch", ["yesterday", "-5", "99999999999999999999"])
def test_an_unusable_source_date_epoch_is_a_warning_and_the_briefs_date_is_used(built, tmp_path, epoch):
    out = copy_out(built, tmp_path)
    result = build(str(FIXTURE), "--out", str(out), cwd=tmp_path, SOURCE_DATE_EPOCH=epoch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"warning: SOURCE_DATE_EPOCH={epoch!r} is not a usable time" in result.stderr
    assert "Traceback" not in result.stderr
    brief = next(p for p in out.glob("*.pdf") if not p.name.startswith("."))
    assert brief.read_bytes() == next(p for p in built.glob("*.pdf") if not p.name.startswith(".")).read_bytes()


def test_two_builds_into_one_folder_at_once_each_embed_their_own_figure(built, tmp_path):
    out = copy_out(built, tmp_path)
    brief = next(p for p in built.glob("*.pdf") if not p.name.startswith("."))
    other = project_copy(tmp_path)
    edit(other, 'title: "Larkmoor ferry terminal: the sale dispute"', 'title: "Another brief"')
    edit(other, *CHANGE_FIGURE)
    builds = [subprocess.Popen([sys.executable, "-m", "briefing", "build", str(timeline), "--out", str(out)],
                               cwd=tmp_path, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
              for timeline in (FIXTURE, other)]
    for process in builds:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stdout + stderr
    # The brief is reproducible: the same bytes mean the same figure, not the other build's.
    assert (out / brief.name).read_bytes() == brief.read_bytes()
    assert (out / "another-brief-2024-03-31.pdf").is_file()
