"""The preview server: loopback only, the output folder only, and a page that follows each round."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

from briefing.preview import HOST, PortInUse, PreviewState, RoundReport, serve


@pytest.fixture
def served(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.pdf").write_bytes(b"%PDF-1.4 test")
    (tmp_path / "secret.txt").write_text("outside the output folder")
    state = PreviewState()
    server = serve(state, out, port=0)
    yield state, f"http://{HOST}:{server.server_address[1]}", server
    state.close()
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_server_listens_on_loopback_only(served):
    _, _, server = served
    assert server.server_address[0] == "127.0.0.1"


def test_a_file_of_the_output_folder_is_served(served):
    _, base, _ = served
    assert get(f"{base}/files/brief.pdf") == (200, b"%PDF-1.4 test")


@pytest.mark.parametrize("path", ["/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/%2e%2e%2fsecret.txt",
                                  "/files/.hidden", "/files/", "/secret.txt"])
def test_nothing_outside_the_output_folder_is_served(served, path):
    _, base, _ = served
    status, body = get(base + path)
    assert status == 404 and b"outside" not in body


def test_a_port_in_use_is_one_line_naming_the_port(served):
    _, _, server = served
    port = server.server_address[1]
    with pytest.raises(PortInUse, match=rf"127.0.0.1:{port}.*--port"):
        serve(PreviewState(), server.RequestHandlerClass.out_dir, port=port)


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is installed by make setup"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


def test_the_page_shows_each_new_round_without_a_reload(served, browser):
    state, base, _ = served
    state.publish(RoundReport(round=1, status="ok", summary="1 event; 0 errors, 1 warning.",
                              findings=[{"code": "D001", "severity": "warning", "place": "timeline.yaml:9:11",
                                         "message": "no cited source states 3 May"}], brief="brief.pdf"))
    page = browser.new_page()
    page.goto(base + "/")
    page.wait_for_function("document.getElementById('findings').textContent.includes('D001')", timeout=10_000)
    state.publish(RoundReport(round=2, status="failed", failure="timeline.yaml:3:1: Y001 bad YAML",
                              summary="", brief="brief.pdf"))
    page.wait_for_function("document.getElementById('banner').textContent.includes('Last round failed')",
                           timeout=10_000)
    assert "round 2" in page.text_content("#round")
    page.close()


def test_errors_are_listed_before_warnings(served, browser):
    state, base, _ = served
    state.publish(RoundReport(round=1, status="failed", findings=[
        {"code": "D001", "severity": "warning", "place": "t.yaml:2:1", "message": "w"},
        {"code": "Q001", "severity": "error", "place": "t.yaml:9:1", "message": "e"},
    ]))
    page = browser.new_page()
    page.goto(base + "/")
    page.wait_for_function("document.querySelectorAll('#findings li').length == 2", timeout=10_000)
    assert page.text_content("#findings li").startswith("t.yaml:9:1: error Q001")
    page.close()
