"""A build whose browser misbehaves, run as a user runs it: `python -m briefing build` in a real process.

The broken browsers are real executables on disk (shell scripts named by
BROWSER_PATH): one that starts and never answers, one that answers garbage.
HOME and XDG_DATA_HOME point into the test's folder so that no Chrome
downloaded by plotly_get_chrome is found before BROWSER_PATH.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synthetic  # noqa: E402  (the generated timeline the benchmarks use)

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = PROJECT / "tests" / "fixtures" / "figure_basic" / "timeline.yaml"

# Starts, then never says a word; its child's pid is written beside it, so that
# a test can see that the browser's own children were ended too.
SILENT = '#!/bin/sh\nsleep 600 &\necho $! > "$0.child"\nwait\n'
GARBLED = "#!/bin/sh\n# answers with what no protocol expects\nwhile true; do printf 'garbage{\\0'; sleep 0.1; done\n"


def fake_browser(folder: Path, script: str) -> Path:
    path = folder / "fake-chromium"
    path.write_text(script)
    path.chmod(0o755)
    return path


def processes_running(executable: Path) -> list[int]:
    """Live processes whose command line names `executable` (the fake browser, wherever it was reparented)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
            state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended while we looked
            continue
        if state != "Z" and str(executable).encode() in argv:
            found.append(int(cmdline.parent.name))
    return found


def children_alive(browser: Path) -> bool:
    """Whether the child the silent browser started (its pid in `<browser>.child`) still runs."""
    pid_file = Path(f"{browser}.child")
    if not pid_file.exists():
        return False
    stat = Path(f"/proc/{pid_file.read_text().strip()}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def start_build(tmp_path: Path, browser: Path, timeout: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "BROWSER_PATH": str(browser), "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "BRIEFING_BROWSER_TIMEOUT": timeout}
    return subprocess.Popen([sys.executable, "-m", "briefing", "build", str(FIXTURE), "--out", str(tmp_path / "out")],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("script", [SILENT, GARBLED], ids=["silent", "garbled"])
def test_a_browser_that_never_answers_fails_the_build_in_one_line_within_the_timeout(tmp_path, script):
    browser = fake_browser(tmp_path, script)
    started = time.monotonic()
    build = start_build(tmp_path, browser, timeout="2")
    stdout, stderr = build.communicate(timeout=60)
    assert time.monotonic() - started < 20
    assert build.returncode == 3, stdout + stderr
    errors = [line for line in stdout.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stdout
    assert str(browser) in errors[0] and "did not answer within 2 s" in errors[0]
    assert "apt-get install chromium" in errors[0] and "BROWSER_PATH" in errors[0]
    assert "Traceback" not in stderr, stderr
    assert processes_running(browser) == []
    assert not children_alive(browser)
    assert not list((tmp_path / "out").glob(".staging-*"))


def test_ctrl_c_during_a_build_ends_it_within_a_second_with_exit_130_and_nothing_left(tmp_path):
    browser = fake_browser(tmp_path, SILENT)
    build = start_build(tmp_path, browser, timeout="300")
    deadline = time.monotonic() + 60
    while not processes_running(browser):  # the build is waiting on its browser
        assert build.poll() is None and time.monotonic() < deadline, build.communicate()
        time.sleep(0.05)
    time.sleep(0.3)

    interrupted = time.monotonic()
    build.send_signal(signal.SIGINT)
    stdout, stderr = build.communicate(timeout=10)

    assert time.monotonic() - interrupted < 5.0  # a hang would wait out the 300 s timeout; ~0.1 s idle, up to 3 s on a loaded machine
    assert build.returncode == 130
    assert "Traceback" not in stderr, stderr
    assert "Interrupted" in stderr
    assert processes_running(browser) == []
    assert Path(f"{browser}.child").exists() and not children_alive(browser)
    assert not list((tmp_path / "out").glob(".staging-*"))


def test_a_first_build_whose_check_fails_ends_the_browser_it_started_before_the_check(tmp_path):
    """A folder with no figure yet starts Chromium before the check (it will be needed); when the
    check then finds an error, that browser is ended at once, not left running or to its timeout."""
    # A check of 1.5 s on an idle machine, five times as long as the browser takes to be spawned.
    timeline = synthetic.write_timeline(tmp_path / "project", synthetic.Shape(
        events=5_000, sources=50, source_chars=20_000, failing_quotes=1))
    browser = fake_browser(tmp_path, SILENT)
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "BROWSER_PATH": str(browser), "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "BRIEFING_BROWSER_TIMEOUT": "300"}
    started = time.monotonic()
    build = subprocess.run([sys.executable, "-m", "briefing", "build", str(timeline), "--out", str(tmp_path / "out")],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60  # not the browser's 300 s
    assert build.returncode == 1, build.stdout + build.stderr
    assert " error Q001 " in build.stdout and "No brief written" in build.stdout
    assert "Traceback" not in build.stderr, build.stderr
    assert Path(f"{browser}.child").exists()  # the browser had started while the timeline was checked
    assert processes_running(browser) == []
    assert not children_alive(browser)
