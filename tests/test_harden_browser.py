"""A build killed with SIGKILL cleans nothing up; the next build removes what it left in the temp folder."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PDF_BASIC = PROJECT / "tests" / "fixtures" / "pdf_basic"


def build(timeline: Path, temp: Path) -> subprocess.Popen:
    environment = {**os.environ, "TMPDIR": str(temp)}
    return subprocess.Popen([sys.executable, "-m", "briefing", "build", str(timeline)], cwd=PROJECT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_next_build_removes_the_browser_folders_a_killed_build_left(tmp_path):
    shutil.copytree(PDF_BASIC, tmp_path / "brief")
    # Short: Chromium's singleton socket lives under TMPDIR, and a Unix socket's path is limited to 108 bytes.
    timeline, temp = tmp_path / "brief" / "timeline.yaml", Path(tempfile.mkdtemp(prefix="bt"))
    killed = build(timeline, temp)
    deadline = time.monotonic() + 60
    while not list(temp.glob(f"briefing-chromium-{killed.pid}-*/*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    (left,) = temp.glob(f"briefing-chromium-{killed.pid}-*")
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=10)
    time.sleep(1)  # Chromium notices its parent is gone
    assert left.exists()

    second = build(timeline, temp)
    stdout, stderr = second.communicate(timeout=240)
    assert second.returncode == 0, stdout + stderr
    assert list(temp.glob("briefing-chromium-*")) == []
    shutil.rmtree(temp)


def test_a_build_does_not_remove_the_browser_folder_of_a_build_still_running(tmp_path):
    from briefing.browser import TEMP_PREFIX, remove_stale_temp_folders

    running = subprocess.Popen(["sleep", "30"])
    try:
        alive = tmp_path / f"{TEMP_PREFIX}{running.pid}-abc"
        alive.mkdir()
        assert remove_stale_temp_folders(tmp_path) == []
        assert alive.is_dir()
    finally:
        running.kill()
        running.wait()
    assert remove_stale_temp_folders(tmp_path) == [alive]
