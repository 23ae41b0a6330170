"""The commands layer: the one failure boundary, the output names, the build's saved state."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.commands import run_command
from briefing.errors import BuildError, OutputError
from briefing.loader import load_timeline
from briefing.model import Timeline
from briefing.outputs import STATE_FILE, BuildState, brief_name, default_out_dir
from commandline import briefing

PROJECT = Path(__file__).resolve().parent.parent
FIGURE_BASIC = PROJECT / "tests" / "fixtures" / "figure_basic"


def test_a_build_error_is_one_line_and_its_own_exit_status():
    said = []

    def fails() -> int:
        raise BuildError("the widget is missing: install it", status=4)

    assert run_command(fails, said.append) == 4
    assert said == ["error: the widget is missing: install it"]


def test_an_output_error_exits_2():
    def fails() -> int:
        raise OutputError("cannot use out/")

    assert run_command(fails, lambda line: None) == 2


def test_an_os_error_that_escapes_a_command_is_one_line_naming_the_file_and_exit_3():
    said = []

    def fails() -> int:
        raise OSError(28, "No space left on device", "out/timeline.png")

    assert run_command(fails, said.append) == 3
    assert said == ["error: No space left on device (out/timeline.png)"]


def test_a_bug_in_a_command_is_one_line_that_says_it_is_a_bug_and_exit_3(capsys):
    said = []

    def fails() -> int:
        raise ValueError("unexpected widget")

    assert run_command(fails, said.append) == 3
    assert len(said) == 1 and "internal error (ValueError: unexpected widget)" in said[0]
    assert "BRIEFING_DEBUG=1" in said[0] and "Traceback" not in capsys.readouterr().err


def test_a_failed_atomic_write_names_the_file_asked_for_not_its_temporary_twin(tmp_path):
    from briefing.files import write_atomically

    (tmp_path / "brief.pdf").mkdir()  # a folder where the brief goes: the rename fails
    (tmp_path / "brief.pdf" / "kept.txt").write_text("not lost")
    with pytest.raises(OSError) as caught:
        write_atomically(tmp_path / "brief.pdf", b"%PDF")
    assert caught.value.filename == str(tmp_path / "brief.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]  # no temporary file left behind


@pytest.mark.parametrize("port", ["99999", "0", "eighty"])
def test_a_port_out_of_range_is_refused_in_one_line_naming_the_option_and_exit_2(tmp_path, port):
    result = briefing("preview", "--port", port, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert "argument --port:" in last and last.endswith("is not a port number; give one from 1 to 65535")


def test_the_default_output_folder_is_out_beside_the_timeline_file(tmp_path):
    project = tmp_path / "elsewhere"
    shutil.copytree(FIGURE_BASIC, project)
    result = briefing("check", "elsewhere/timeline.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "out" / "check.json").is_file()
    assert not (tmp_path / "out").exists()
    assert default_out_dir(Path("a/b/timeline.yaml")) == Path("a/b/out")


def test_the_saved_state_reads_back_what_was_written(tmp_path):
    state = BuildState(figure_key="abc", figure_aspect=1.75, brief_name="harbour-2024-03-31", manifest_digest="f00")
    (tmp_path / STATE_FILE).write_bytes(state.to_json())
    assert BuildState.read(tmp_path) == state


def test_a_damaged_saved_state_reads_as_none_known(tmp_path):
    for damage in (b"\x00\xff not json", b"[1, 2]", b'{"format": 99, "figure_key": "abc"}',
                   b'{"format": 1, "figure_key": 7, "figure_aspect": "wide"}'):
        (tmp_path / STATE_FILE).write_bytes(damage)
        assert BuildState.read(tmp_path) == BuildState(), damage
    assert BuildState.read(tmp_path / "missing") == BuildState()


def test_a_build_saves_its_state_as_one_json_file_with_the_figure_key_and_aspect(tmp_path):
    result = briefing("build", str(FIGURE_BASIC / "timeline.yaml"), "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    state = json.loads((tmp_path / "out" / STATE_FILE).read_text())
    assert len(state["figure_key"]) == 64
    assert 1 < state["figure_aspect"] < 4
    assert not (tmp_path / "out" / ".figure-key").exists()


def test_an_out_that_is_a_file_is_one_line_naming_it_and_exit_2(tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder")
    result = briefing("build", str(FIGURE_BASIC / "timeline.yaml"), "--out", "notes.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines()[-1] == (
        "error: cannot use notes.txt/ as the output folder: it is a file, not a folder; name a folder with --out")
    assert "Traceback" not in result.stderr


def test_an_out_that_is_a_dangling_symbolic_link_says_where_it_points_and_exits_2(tmp_path):
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    result = briefing("check", str(FIGURE_BASIC / "timeline.yaml"), "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert f"symbolic link to {tmp_path / 'gone'}, which does not exist" in result.stdout.splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_an_out_inside_a_file_is_one_line_with_the_cause_and_exit_2(tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder")
    result = briefing("check", str(FIGURE_BASIC / "timeline.yaml"), "--out", "notes.txt/out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines()[-1] == "error: cannot make the output folder notes.txt/out/: Not a directory"
    assert "Traceback" not in result.stderr


@pytest.fixture
def small_mount(tmp_path):
    """A real tmpfs of 256 KB mounted in the test's folder (root only; skipped elsewhere)."""
    def mount(*options: str) -> Path:
        point = tmp_path / "mnt"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=256k", *options)), "tmpfs", str(point)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(point)
        return point

    mounted: list[Path] = []
    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_an_out_on_a_read_only_file_system_is_one_line_and_exit_2(small_mount, tmp_path):
    point = small_mount("ro")
    result = briefing("check", str(FIGURE_BASIC / "timeline.yaml"), "--out", str(point), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines()[-1] == f"error: cannot write in the output folder {point}/: Read-only file system"
    assert "Traceback" not in result.stderr


def test_a_full_disk_is_one_line_naming_the_folder_and_exit_3(small_mount, tmp_path):
    point = small_mount()
    result = briefing("build", str(FIGURE_BASIC / "timeline.yaml"), "--out", str(point), cwd=tmp_path)
    assert result.returncode == 3, result.stdout + result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.startswith("error: ") and "No space left on device" in last and str(point) in last
    assert "Traceback" not in result.stderr
    assert not list(point.glob(".staging-*"))


def test_a_build_writes_check_json_with_the_same_summary_it_printed(tmp_path):
    result = briefing("build", str(FIGURE_BASIC / "timeline.yaml"), "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "out" / "check.json").read_text())
    assert report["summary"]["quotes_verified"] == report["summary"]["quotes"] > 0
    assert f"{report['summary']['quotes']} of {report['summary']['quotes']} quotes verified" in result.stdout


def test_a_python_without_the_packages_says_in_one_line_to_run_make_setup_and_exits_2(tmp_path):
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True, timeout=120)
    shutil.copytree(FIGURE_BASIC, tmp_path / "project")
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONHOME")}
    result = subprocess.run([str(bare / "bin" / "python"), "-m", "briefing", "build"], cwd=tmp_path / "project",
                            env={**env, "PYTHONPATH": str(PROJECT)}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""  # nothing ran: no check, no findings
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "make setup" in lines[0] and ".venv/bin/python -m briefing" in lines[0]
    assert "yaml" in lines[0]
    assert not (tmp_path / "project" / "out").exists()


def titled(tmp_path: Path, title: str) -> Timeline:
    text = (FIGURE_BASIC / "timeline.yaml").read_text(encoding="utf-8")
    old = 'title: "Larkmoor ferry terminal: the sale dispute"'
    assert old in text
    path = tmp_path / "timeline.yaml"
    path.write_text(text.replace(old, f"title: {json.dumps(title)}", 1), encoding="utf-8")
    timeline, findings = load_timeline(path)
    assert timeline is not None, [str(f) for f in findings]
    return timeline


@pytest.mark.parametrize("title, name", [
    ("Larkmoor ferry terminal: the sale dispute", "larkmoor-ferry-terminal-the-sale-dispute-2024-03-31"),
    ("The ferry dispute of 2024", "the-ferry-dispute-of-2024-03-31"),
    ("2024", "brief-2024-03-31"),
    ("Harbour plans 2030", "harbour-plans-2030-2024-03-31"),
    ("Ferry 12024", "ferry-12024-2024-03-31"),
])
def test_the_brief_name_does_not_repeat_the_year_when_the_title_ends_in_it(tmp_path, title, name):
    assert brief_name(titled(tmp_path, title)) == name


@pytest.mark.parametrize("option", ["--font", "--fallback-font"])
def test_a_font_file_that_is_no_truetype_font_is_one_line_naming_it_and_exit_2(tmp_path, option):
    project = tmp_path / "project"
    shutil.copytree(FIGURE_BASIC, project)
    (tmp_path / "notes.ttf").write_text("these are notes, not a font")
    result = briefing("build", option, str(tmp_path / "notes.ttf"), cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert "notes.ttf: not a usable TrueType font" in line and line.endswith("name a TrueType (.ttf) font file")
    assert not (project / "out").exists() or not list((project / "out").glob("*.pdf"))
