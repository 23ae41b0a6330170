"""Exporting the figure through a real Chromium (kaleido): SVG, PNG, PDF, offline HTML.

Starting Chromium costs about 2 s, so one module-scoped export serves most tests.
"""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.browser import ChromiumSession
from briefing.errors import BrowserError
from briefing.export import (
    FORMATS,
    PNG_SCALE,
    ChromiumNotFound,
    export_figure,
    figure_key,
    find_chromium,
    html_bytes,
    static_spec,
    write_html,
)
from briefing.figure import build_figure
from briefing.loader import load_timeline

FIXTURE = Path(__file__).parent / "fixtures" / "figure_basic" / "timeline.yaml"  # `timeline` and `fig`: conftest.py
TITLED = ("Council votes to sell the ferry terminal", "Harbour workers strike over pensions")


@pytest.fixture(scope="module")
def exported(fig, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("figure")
    (folder / "timeline.png").write_bytes(b"stale output of an earlier build")
    export_figure(fig, {fmt: folder / f"timeline.{fmt}" for fmt in FORMATS})
    return folder


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_svg_contains_the_labelled_titles(exported):
    svg = (exported / "timeline.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg")
    for title in TITLED:
        assert title in svg
    assert "Information as of 31 Mar 2024" in svg


def test_png_is_twice_the_figure_size(fig, exported):
    width, height = png_size((exported / "timeline.png").read_bytes())
    assert (width, height) == (fig.layout.width * PNG_SCALE, fig.layout.height * PNG_SCALE)


def test_pdf_is_one_vector_page_with_extractable_text(fig, exported):
    reader = PdfReader(exported / "timeline.pdf")
    assert len(reader.pages) == 1
    page = reader.pages[0]
    # Chromium rounds a PDF page's size: within 0.6 pt of the figure's at 96 px an inch.
    assert float(page.mediabox.width) == pytest.approx(fig.layout.width * 0.75, abs=0.6)
    assert float(page.mediabox.height) == pytest.approx(fig.layout.height * 0.75, abs=0.6)
    assert len(page.images) == 0  # drawn, not pasted in as a picture
    text = " ".join(page.extract_text().split())
    for title in TITLED:
        assert title in text


def test_export_replaces_files_and_leaves_no_temporary_files(exported):
    assert sorted(p.name for p in exported.iterdir()) == ["timeline.pdf", "timeline.png", "timeline.svg"]
    assert (exported / "timeline.png").read_bytes().startswith(b"\x89PNG")


def child_processes() -> set[int]:
    """Live processes started by this one (Chromium among them, while an export runs)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while we looked
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


def test_a_session_renders_many_figures_in_many_formats_with_one_browser(fig, tmp_path):
    other = copy.deepcopy(fig)
    other.update_layout(title_text="Second figure of the session")
    with ChromiumSession.start() as session:
        for round_, figure in enumerate((fig, other)):
            paths = {fmt: tmp_path / f"{round_}.{fmt}" for fmt in ("pdf", "svg", "png")}
            export_figure(figure, paths, session)
        assert session.renders == 6
    assert "Second figure of the session" in (tmp_path / "1.svg").read_text()
    assert "Second figure of the session" not in (tmp_path / "0.svg").read_text()
    assert PdfReader(tmp_path / "1.pdf").pages[0].extract_text()


def test_a_session_renders_in_the_order_asked_while_the_caller_waits_for_the_first(fig):
    with ChromiumSession.start() as session:  # Chromium starts now, while the figure may still be drawn
        spec = static_spec(fig)
        renders = [session.render(spec, fmt) for fmt in ("pdf", "svg", "png")]
        assert session.result(renders[0]).startswith(b"%PDF")
        assert not renders[2].done() or renders[1].done()
        assert session.result(renders[2]).startswith(b"\x89PNG")


def same_svg(a: bytes, b: bytes) -> bool:
    """Equal but for the random ids plotly gives each drawing's clip paths and traces."""
    anonymous = lambda svg: re.sub(rb"(defs-|topdefs-|clip|trace)[0-9a-f]{6}", rb"\1-", svg)  # noqa: E731
    return anonymous(a) == anonymous(b)


def pdf_page(data: bytes) -> tuple:
    """What a PDF page draws (its content and size), not when it was made."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    return page.get_contents().get_data(), tuple(page.mediabox)


def test_renders_asked_for_together_are_those_of_a_fresh_page_each(fig):
    """Renders asked for together share the page (no reload between them): each must still be what a
    render alone, on a freshly loaded page, gives."""
    other = copy.deepcopy(fig)
    other.update_layout(title_text="Second figure of the session", width=fig.layout.width + 80)
    asked = [(fig, "pdf"), (other, "png"), (other, "svg"), (fig, "png"), (other, "pdf"), (fig, "svg")]
    with ChromiumSession.start() as session:
        together = [session.render(static_spec(figure), fmt) for figure, fmt in asked]
        together = [session.result(render) for render in together]
        alone = [session.result(session.render(static_spec(figure), fmt)) for figure, fmt in asked]
    for (_, fmt), batched, fresh in zip(asked, together, alone):
        if fmt == "png":
            assert batched == fresh
        elif fmt == "svg":
            assert same_svg(batched, fresh)
        else:
            assert pdf_page(batched) == pdf_page(fresh)
    assert pdf_page(together[0]) != pdf_page(together[4])


def test_a_render_on_a_page_whose_script_context_is_stale_is_tried_again_on_a_reloaded_page(fig):
    """Under load kaleido can hold its page's script context from before the page's script ran (the first
    render then fails: "kaleido_scopes is not defined"). Here the context kaleido holds is made stale by
    hand, in the real browser; the render must still give the figure."""
    import asyncio

    with ChromiumSession.start() as session:
        first = session.result(session.render(static_spec(fig), "png"))

        async def stale_context():
            page = await session._kaleido.tabs_ready.get()
            page._current_js_id = 987_654  # no such context in the page
            await session._kaleido.tabs_ready.put(page)

        asyncio.run_coroutine_threadsafe(stale_context(), session._loop).result(timeout=30)
        again = session.result(session.render(static_spec(fig), "png"))
    assert again == first


def test_closing_a_session_that_is_still_starting_leaves_no_browser_running():
    before = child_processes()
    session = ChromiumSession.start()
    session.close()
    assert child_processes() <= before


def test_closing_a_session_after_renders_leaves_no_browser_running(fig):
    before = child_processes()
    session = ChromiumSession.start()
    session.result(session.render(static_spec(fig), "png"))
    assert child_processes() - before  # the browser was running
    session.close()
    assert child_processes() <= before


def test_a_render_the_browser_cannot_do_fails_in_the_caller_with_one_line():
    with ChromiumSession.start() as session:
        with pytest.raises(BrowserError) as failure:
            session.result(session.render({"data": "not a trace list", "layout": {"width": 10, "height": 10}}, "pdf"))
    assert "\n" not in str(failure.value)


def test_unknown_format_is_refused_before_any_work(fig, tmp_path):
    with pytest.raises(ValueError, match="jpeg"):
        export_figure(fig, {"jpeg": tmp_path / "x.jpeg"})
    assert list(tmp_path.iterdir()) == []


def test_html_is_interactive_and_offline(fig, tmp_path):
    path = tmp_path / "timeline.html"
    write_html(fig, path)
    page = path.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]*\bsrc=", page), "every script must be inline"
    assert "https://cdn.plot.ly/plotly" not in page  # plotly.js itself is inline
    assert "Council votes to sell the ferry terminal" in page  # hover text and labels travel with it
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.html"]


def test_html_is_the_same_bytes_for_the_same_figure(fig):
    assert html_bytes(fig) == html_bytes(fig)


def key_after_edit(tmp_path, old: str, new: str) -> str:
    """The figure key of the fixture timeline with one piece of its text replaced."""
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    edited = tmp_path / "timeline.yaml"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    timeline, findings = load_timeline(edited)
    assert timeline is not None, [str(f) for f in findings]
    return figure_key(timeline)


def test_figure_key_is_stable_and_follows_the_formats(timeline):
    assert figure_key(timeline) == figure_key(timeline)
    assert figure_key(timeline, ["png"]) != figure_key(timeline)


def test_figure_key_follows_the_axis(timeline):
    assert figure_key(timeline, axis="linear") != figure_key(timeline)


def test_figure_key_follows_the_paper_whose_page_the_briefs_figure_is_laid_out_for(timeline):
    assert build_figure(timeline, paper="letter").layout.width != build_figure(timeline).layout.width
    assert figure_key(timeline, paper="letter") != figure_key(timeline)
    assert figure_key(timeline, paper="a4") == figure_key(timeline)


def test_the_html_page_has_the_title_it_is_given(fig):
    page = html_bytes(fig, "Ferry <sale> — timeline").decode()
    assert "<title>Ferry &lt;sale&gt; — timeline</title>" in page


@pytest.mark.parametrize("old, new", [
    ("title: Council votes to sell the ferry terminal", "title: Council votes to keep the ferry terminal"),
    ("date: 2023-02-14", "date: 2023-02-15"),
    ("tags: [finance]", "tags: [money]"),
    ("significance: high", "significance: low"),
    ("as_of: 2024-03-31", "as_of: 2024-04-30"),
    ("name: Larkmoor Town Council", "name: Larkmoor Borough Council"),  # in the hover text
    ("title: Larkmoor Gazette local news", "title: Larkmoor Gazette"),  # in the hover text
    # the brief's title heads the standalone PNG, SVG and HTML
    ('title: "Larkmoor ferry terminal: the sale dispute"', 'title: "Larkmoor terminal: the dispute"'),
])
def test_figure_key_changes_with_what_the_figure_shows(timeline, tmp_path, old, new):
    assert key_after_edit(tmp_path, old, new) != figure_key(timeline)


@pytest.mark.parametrize("old, new", [
    ("quote: Larkmoor Town Council voted on Tuesday", "quote: Larkmoor Town Council voted on Monday"),
    ("inquiry and a closed pier; the sale is paused.", "inquiry and a closed pier."),
    ("file: seeds/001_gazette.txt", "file: seeds/./001_gazette.txt"),
    ("brief:\n", "# a comment that moves every line down\nbrief:\n"),
])
def test_figure_key_ignores_what_the_figure_does_not_show(timeline, tmp_path, old, new):
    assert key_after_edit(tmp_path, old, new) == figure_key(timeline)


def key_of_package_copy(package: Path) -> str:
    """The fixture's figure key as computed by the copy of the package in `package`, in a real process."""
    script = textwrap.dedent(f"""
        from pathlib import Path
        import briefing
        from briefing.export import figure_key
        from briefing.loader import load_timeline
        assert Path(briefing.__file__).parent == Path({str(package)!r}), briefing.__file__
        print(figure_key(load_timeline(Path({str(FIXTURE)!r}))[0]))
    """)
    env = dict(os.environ, PYTHONPATH=str(package.parent))
    run = subprocess.run([sys.executable, "-c", script], env=env, cwd=package.parent, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_figure_key_changes_when_a_module_in_a_sub_package_changes(tmp_path):
    package = tmp_path / "briefing"
    shutil.copytree(Path(__file__).resolve().parent.parent / "briefing", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    module = package / "drawing" / "marks" / "shapes.py"
    module.parent.mkdir(parents=True)
    (module.parent.parent / "__init__.py").write_text("")
    (module.parent / "__init__.py").write_text("")
    module.write_text("DOT_SIZE = 8\n")
    before = key_of_package_copy(package)
    module.write_text("DOT_SIZE = 9\n")
    assert key_of_package_copy(package) != before


def test_figure_key_changes_when_the_page_frame_and_so_the_figures_width_changes(tmp_path):
    package = tmp_path / "briefing"
    shutil.copytree(Path(__file__).resolve().parent.parent / "briefing", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = key_of_package_copy(package)
    document = package / "pdf" / "document.py"
    text = document.read_text(encoding="utf-8")
    frame_width = "width - MARGIN_LEFT - MARGIN_RIGHT"
    assert frame_width in text
    document.write_text(text.replace(frame_width, f"{frame_width} - 20", 1), encoding="utf-8")
    assert key_of_package_copy(package) != before


def test_chromium_is_found_on_this_machine():
    assert find_chromium() is not None


def test_missing_chromium_gives_an_actionable_error(fig, tmp_path):
    """A real process where kaleido's search cannot succeed: BROWSER_PATH names a missing file.

    kaleido uses BROWSER_PATH as is when it is set, so the fixed install paths
    are never reached; HOME and XDG_DATA_HOME hide any Chrome that
    plotly_get_chrome may have downloaded.
    """
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.png").write_bytes(b"previous build")
    script = textwrap.dedent(f"""
        from pathlib import Path
        from briefing.export import ChromiumNotFound, export_figure, find_chromium
        from briefing.figure import build_figure
        from briefing.loader import load_timeline
        assert find_chromium() is None
        timeline, _ = load_timeline(Path({str(FIXTURE)!r}))
        try:
            export_figure(build_figure(timeline), {{"png": Path({str(out / "timeline.png")!r})}})
        except ChromiumNotFound as error:
            print("ChromiumNotFound:", error)
            raise SystemExit(3)
    """)
    env = dict(os.environ, BROWSER_PATH=str(tmp_path / "no-such-chromium"), HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), PATH="/nonexistent")
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 3, run.stderr
    assert "Chromium is needed to export the figure" in run.stdout
    assert "apt-get install chromium" in run.stdout and "plotly_get_chrome" in run.stdout
    assert "no-such-chromium" in run.stdout
    assert (out / "timeline.png").read_bytes() == b"previous build"
    assert issubclass(ChromiumNotFound, Exception)


def test_a_session_whose_browser_failed_says_why_and_fails_every_later_render_at_once(fig, tmp_path):
    silent = tmp_path / "silent-chromium"
    silent.write_text("#!/bin/sh\nexec sleep 600\n")
    silent.chmod(0o755)
    with ChromiumSession.start(browser=str(silent), start_timeout=1, render_timeout=1) as session:
        with pytest.raises(BrowserError, match="did not answer within 1 s"):
            session.result(session.render(static_spec(fig), "pdf"))
        assert session.failure is not None
        started = time.monotonic()
        with pytest.raises(BrowserError):
            session.result(session.render(static_spec(fig), "png"))
        assert time.monotonic() - started < 0.5
