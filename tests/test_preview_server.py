"""The preview server: loopback only, the output folder only, a page that follows each round, and what it says of
the brief (read from the PDF)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from pypdf import PdfWriter

from briefing.preview import HOST, BriefReader, PortInUse, PreviewState, RoundReport, Section, read_brief, serve


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


def outlined_pdf(path, pages: int, sections: dict[str, int]) -> None:
    """A real PDF of blank pages with top-level bookmarks, and one nested under the first."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    parents = [writer.add_outline_item(title=title, page_number=page - 1) for title, page in sections.items()]
    writer.add_outline_item(title="A nested entry", page_number=0, parent=parents[0])
    with open(path, "wb") as handle:
        writer.write(handle)


def test_a_brief_is_described_by_its_page_count_size_and_top_level_sections(tmp_path):
    outlined_pdf(tmp_path / "brief.pdf", 3, {"Bottom line": 1, "Annex": 3})
    facts = read_brief(tmp_path / "brief.pdf")
    assert facts.pages == 3
    assert facts.described.startswith("3 pages, ") and facts.described.endswith(" KB")
    assert facts.sections == (Section("Bottom line", 1), Section("Annex", 3))


def test_a_brief_that_is_no_readable_pdf_is_described_by_its_size_alone(tmp_path):
    (tmp_path / "brief.pdf").write_bytes(b"%PDF-1.4 cut short")
    facts = read_brief(tmp_path / "brief.pdf")
    assert (facts.pages, facts.sections) == (None, ()) and facts.described.endswith(" KB")


def test_a_missing_brief_has_no_description(tmp_path):
    assert read_brief(tmp_path / "brief.pdf") is None


def test_a_brief_is_read_again_once_it_is_replaced(tmp_path):
    read = BriefReader()
    outlined_pdf(tmp_path / "brief.pdf", 1, {"Bottom line": 1})
    assert read(tmp_path / "brief.pdf").pages == 1
    outlined_pdf(tmp_path / "next.pdf", 2, {"Bottom line": 1})
    (tmp_path / "next.pdf").replace(tmp_path / "brief.pdf")
    assert read(tmp_path / "brief.pdf").pages == 2


def test_a_first_round_that_fails_says_there_is_no_brief_yet_and_why(served, browser):
    state, base, _ = served
    state.publish(RoundReport(round=1, status="failed", failure="the check found errors", findings=[
        {"code": "Q001", "severity": "error", "place": "t.yaml:9:1", "message": "quote not found"}]))
    page = browser.new_page()
    page.goto(base + "/")
    page.wait_for_function("document.body.dataset.version == '1'", timeout=10_000)
    assert "No brief yet: no round has succeeded" in page.text_content("#brief-empty")
    assert page.is_hidden("#brief-card") and page.is_hidden("#figure-box")
    page.close()
