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
