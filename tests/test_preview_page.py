"""The preview page as a reader sees it in real headless Chromium: the whole figure, and a brief pane that
says what the brief is, downloads it and follows each rebuild, with or without a PDF viewer."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from watching import ROUND_TIMEOUT, Watching

# Its figure (seven lanes, a two-line key) is taller than a 1280x800 window leaves below the header.
VOLCANO = Path(__file__).parent / "fixtures" / "corpus_volcano"
TITLE = "title: Volcanic ash and European air travel, spring 2010"
FIGURE_FITTED = "document.getElementById('figure-box').dataset.scale"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """`python -m briefing preview` on a copy of the volcano fixture, after its first round."""

    def __init__(self, tmp_path: Path):
        shutil.copytree(VOLCANO, tmp_path / "volcano")
        self.timeline = tmp_path / "volcano" / "timeline.yaml"
        self.out = self.timeline.parent / "out"
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/"
        self.watching = Watching("preview", str(self.timeline), "--port", str(port))
        self.watching.wait_for("^Preview at ")
        self.round_done()
        self.watching.wait_for("^Watching ")

    def round_done(self) -> None:
        """Wait for the round to write its brief, and note which file it is."""
        line = self.watching.wait_round_done()
        assert line.startswith("Wrote "), line
        self.written = Path(line.removeprefix("Wrote ").split(" (")[0])

    def brief(self) -> Path:
        return self.written

    def save(self, old: str, new: str) -> None:
        """As editors save: a new file renamed over the old one."""
        text = self.timeline.read_text(encoding="utf-8")
        assert old in text
        temporary = self.timeline.with_name(".timeline.yaml.swp")
        temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
        os.replace(temporary, self.timeline)

    def stop(self) -> None:
        assert self.watching.stop() == 0


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    running = Preview(tmp_path_factory.mktemp("preview"))
    yield running
    running.stop()


@pytest.fixture
def browser_without_pdf_viewer(playwright, tmp_path):
    """Chromium set to download PDFs instead of showing them (Settings, Privacy, PDF documents), as a
    browser without a PDF viewer does."""
    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    (profile / "Default" / "Preferences").write_text(json.dumps({"plugins": {"always_open_pdf_externally": True}}))
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=shutil.which("chromium"), args=["--no-sandbox"],
        viewport={"width": 1280, "height": 800}, accept_downloads=True)
    yield context
    context.close()


def open_page(browser, url: str, width: int = 1280, height: int = 800):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_function(FIGURE_FITTED, timeout=20_000)
    return page


def figure_geometry(page) -> dict:
    """Where the figure's frame, its pane and the figure's lowest and rightmost text (its key) are, in the
    page's coordinates: the text's place in the figure times the scale, from the frame's corner."""
    inside = page.frame_locator("#figure").locator("body").evaluate("""() => {
        const texts = [...document.querySelectorAll('svg text')].map((t) => t.getBoundingClientRect())
                                                                  .filter((r) => r.width > 0);
        return {bottom: Math.max(...texts.map((r) => r.bottom)), right: Math.max(...texts.map((r) => r.right)),
                height: document.querySelector('.plotly-graph-div').offsetHeight};
    }""")
    outside = page.evaluate("""() => {
        const rect = (id) => document.getElementById(id).getBoundingClientRect().toJSON();
        return {frame: rect('figure'), box: rect('figure-box'), width: innerWidth, height: innerHeight,
                scale: Number(document.getElementById('figure-box').dataset.scale)};
    }""")
    scale = outside["scale"]
    return {**outside, "natural_height": inside["height"],
            "key_bottom": outside["frame"]["top"] + inside["bottom"] * scale,
            "key_right": outside["frame"]["left"] + inside["right"] * scale}


def test_a_tall_figure_shows_whole_with_its_key_in_a_1280_by_800_window(preview, browser):
    page = open_page(browser, preview.url)
    at = figure_geometry(page)
    assert at["natural_height"] > at["height"] - at["box"]["top"], "the fixture's figure is taller than the room"
    assert at["scale"] < 1
    assert at["key_bottom"] <= at["box"]["bottom"] <= at["height"]
    assert at["key_right"] <= at["box"]["right"] <= at["width"]
    expect(page.locator("#figure-scale")).to_have_text(f"shown at {round(at['scale'] * 100)}%")
    page.close()


def test_in_a_narrow_window_the_figure_is_scaled_to_the_pane_width(preview, browser):
    page = open_page(browser, preview.url, width=420)
    at = figure_geometry(page)
    assert at["box"]["right"] <= at["width"]
    assert at["key_right"] <= at["box"]["right"] and at["key_bottom"] <= at["box"]["bottom"]
    page.close()


def test_the_brief_pane_gives_the_page_count_size_and_sections_of_the_pdf(preview, browser):
    page = open_page(browser, preview.url)
    reader = PdfReader(preview.brief())
    expect(page.locator("#brief-facts")).to_contain_text(f"{len(reader.pages)} pages, ")
    expect(page.locator("#brief-facts")).to_contain_text(" KB")
    sections = [(item.title, f"p. {reader.get_destination_page_number(item) + 1}")
                for item in reader.outline if not isinstance(item, list)]
    shown = zip(page.locator("#brief-sections li > :first-child").all_inner_texts(),
                page.locator("#brief-sections li > .page").all_inner_texts())
    assert list(shown) == sections
    page.close()


def test_the_download_link_gets_the_current_pdf(preview, browser):
    page = open_page(browser, preview.url)
    with page.expect_download() as download:
        page.click("#brief-download")
    assert download.value.suggested_filename == preview.brief().name
    assert Path(download.value.path()).read_bytes() == preview.brief().read_bytes()
    page.close()


def test_the_brief_is_embedded_exactly_when_the_browser_has_a_pdf_viewer(preview, browser):
    page = open_page(browser, preview.url)
    if page.evaluate("navigator.pdfViewerEnabled"):
        expect(page.locator("#brief")).to_be_visible()
        assert preview.brief().name in page.get_attribute("#brief", "src")
    else:
        expect(page.locator("#brief")).to_be_hidden()
    page.close()


def test_without_a_pdf_viewer_the_page_says_so_and_still_offers_the_brief(preview, browser_without_pdf_viewer):
    downloads = []
    page = browser_without_pdf_viewer.new_page()
    page.on("download", lambda download: downloads.append(download))
    page.goto(preview.url)
    page.wait_for_function(FIGURE_FITTED, timeout=20_000)
    expect(page.locator("#brief-viewer")).to_contain_text("no PDF viewer")
    expect(page.locator("#brief-download")).to_be_visible()
    expect(page.locator("#brief-facts")).to_contain_text(f"{len(PdfReader(preview.brief()).pages)} pages")
    expect(page.locator("#brief")).to_be_hidden()
    page.wait_for_timeout(1_000)
    assert downloads == [], "loading the page downloaded the PDF"
    page.close()


def test_the_page_logs_no_console_errors(preview, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(preview.url)
    page.wait_for_function(FIGURE_FITTED, timeout=20_000)
    page.wait_for_timeout(1_000)
    assert errors == []
    page.close()


def test_the_brief_pane_follows_a_rebuild(tmp_path, browser):
    preview = Preview(tmp_path)
    try:
        page = open_page(browser, preview.url)
        first = preview.brief().name
        expect(page.locator("#brief-name")).to_have_text(first)
        preview.save(TITLE, TITLE + ", second edition")
        preview.round_done()
        current = preview.brief()
        assert current.name != first
        expect(page.locator("#brief-name")).to_have_text(current.name, timeout=ROUND_TIMEOUT * 1000)
        expect(page.locator("#brief-facts")).to_contain_text(f"{len(PdfReader(current).pages)} pages")
        with page.expect_download() as download:
            page.click("#brief-download")
        assert Path(download.value.path()).read_bytes() == current.read_bytes()
        page.close()
    finally:
        preview.stop()
