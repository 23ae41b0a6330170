"""`preview`: watch plus the page, seen updating in a real browser; a port in use is one line."""

from __future__ import annotations

import shutil
import socket

from playwright.sync_api import expect, sync_playwright

from watching import ROUND_TIMEOUT, Watching, copy_fixture


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_page_follows_the_rounds_in_a_real_browser(tmp_path):
    timeline = copy_fixture(tmp_path)
    port = free_port()
    watching = Watching("preview", str(timeline), "--port", str(port))
    try:
        assert f"http://127.0.0.1:{port}/" in watching.wait_for("^Preview at ")
        watching.wait_round_done()
        watching.wait_for("^Watching ")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            expect(page.locator("#round")).to_contain_text("round 1", timeout=10_000)
            expect(page.locator("#findings")).to_contain_text("F001")
            expect(page.locator("#findings")).not_to_contain_text("Q001")
            text = timeline.read_text(encoding="utf-8")
            timeline.write_text(text.replace("between 6 and 8 May 2024", "between 6 and 9 May 2024"), encoding="utf-8")
            expect(page.locator("#findings")).to_contain_text("Q001", timeout=ROUND_TIMEOUT * 1000)
            expect(page.locator("#round")).to_contain_text("round 2")
            expect(page.locator("#banner")).to_contain_text("failed")
            browser.close()
    finally:
        assert watching.stop() == 0


def test_a_port_in_use_is_one_line_and_status_2(tmp_path):
    timeline = copy_fixture(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        watching = Watching("preview", str(timeline), "--port", str(port))
        assert watching.process.wait(timeout=60) == 2
        watching.wait_for("^error: ", timeout=5)
    output = [line for line in watching.lines if line.strip()]
    assert len(output) == 1 and f"127.0.0.1:{port}" in output[0] and "--port" in output[0]
