"""`watch`: each save of the timeline is a round; a broken save keeps the last brief; the browser is supervised."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from watching import Watching, alive, command_name, copy_fixture, descendants


def save(path: Path, old: str, new: str) -> None:
    """Save as editors do: a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


def brief_pdf(timeline: Path) -> Path:
    [pdf] = (timeline.parent / "out").glob("*-2024-06-30.pdf")
    return pdf


def test_a_saved_edit_rebuilds_the_brief(tmp_path):
    timeline = copy_fixture(tmp_path)
    watching = Watching("watch", str(timeline))
    try:
        assert watching.wait_round_done().startswith("Wrote ")
        watching.wait_for("^Watching ")
        before = brief_pdf(timeline).read_bytes()
        save(timeline, "Three days of hearings", "Three full days of hearings")
        assert "timeline.yaml saved" in watching.wait_for(r"round 2: ")
        assert watching.wait_round_done().startswith("Wrote ")
        assert brief_pdf(timeline).read_bytes() != before
    finally:
        assert watching.stop() == 0


def test_a_broken_save_keeps_the_last_brief_and_the_next_good_save_recovers(tmp_path):
    timeline = copy_fixture(tmp_path)
    watching = Watching("watch", str(timeline))
    try:
        watching.wait_round_done()
        watching.wait_for("^Watching ")
        before = brief_pdf(timeline).read_bytes()
        save(timeline, "events:\n", "events:\n  - [unclosed\n")
        failed = watching.wait_round_done()
        assert failed.startswith("Round failed: the timeline could not be read")
        assert any("Y001" in line for line in watching.lines)
        assert brief_pdf(timeline).read_bytes() == before
        save(timeline, "events:\n  - [unclosed\n", "events:\n")
        assert watching.wait_round_done().startswith("Wrote ")
    finally:
        assert watching.stop() == 0


def test_a_killed_chromium_is_restarted_and_the_round_succeeds(tmp_path):
    timeline = copy_fixture(tmp_path)
    watching = Watching("watch", str(timeline), env={"BRIEFING_BROWSER_TIMEOUT": "60"})
    try:
        watching.wait_round_done()
        watching.wait_for("^Watching ")
        browsers = [pid for pid in descendants(watching.process.pid) if "chrom" in command_name(pid)]
        assert browsers
        for pid in browsers:
            os.kill(pid, signal.SIGKILL)
        save(timeline, "title: Tribunal hears", "title: The tribunal hears")  # the figure changes
        restarted = watching.wait_for(r"^Browser ")
        assert "new one" in restarted or "restarted" in restarted
        assert watching.wait_round_done().startswith("Wrote ")
    finally:
        assert watching.stop() == 0


def test_ctrl_c_ends_it_with_status_0_leaving_no_browser_and_no_staging_folder(tmp_path):
    timeline = copy_fixture(tmp_path)
    watching = Watching("watch", str(timeline))
    watching.wait_round_done()
    watching.wait_for("^Watching ")
    children = descendants(watching.process.pid)
    assert any("chrom" in command_name(pid) for pid in children)  # the warm browser
    started = time.monotonic()
    status = watching.stop(signal.SIGINT)
    assert status == 0 and time.monotonic() - started < 2.0
    assert watching.rest()[-1] == "Stopped watching." and not any("Traceback" in line for line in watching.lines)
    time.sleep(0.2)
    assert [pid for pid in children if alive(pid)] == []
    assert [p.name for p in (timeline.parent / "out").iterdir() if p.name.startswith(".") and p.is_dir()] == []


def test_sigterm_ends_it_with_status_0_leaving_no_browser(tmp_path):
    timeline = copy_fixture(tmp_path)
    watching = Watching("watch", str(timeline))
    watching.wait_round_done()
    watching.wait_for("^Watching ")
    children = descendants(watching.process.pid)
    started = time.monotonic()
    assert watching.stop(signal.SIGTERM) == 0 and time.monotonic() - started < 2.0
    time.sleep(0.2)
    assert [pid for pid in children if alive(pid)] == []
