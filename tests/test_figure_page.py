"""The brief's figure on its landscape page: laid out for the page's frame, it fills the frame's
width with its text at print size, and stays inside the frame however many events and threads.

Real briefs: each figure is exported through Chromium (one session for the module) and embedded
by `write_brief`; where the page draws it is read back from the page's content stream.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.browser import ChromiumSession
from briefing.check import check_timeline
from briefing.export import export_figure
from briefing.figure import build_figure
from briefing.figure.style import PRINT_PT
from briefing.model import PartialDate
from briefing.pdf import BriefOptions, EmbeddedFigure, write_brief
from briefing.pdf.document import frame_size
from briefing.pdf.styles import MARGIN_BOTTOM, MARGIN_LEFT, PAPER
from pdf_reading import checked
from reportlab.lib.pagesizes import landscape
from test_figure import FIXTURES, dense_timeline, synthetic_timeline

SEED = FIXTURES[0]
VOLCANO = Path(__file__).parent / "fixtures" / "corpus_volcano" / "timeline.yaml"


def many_threads():
    """Twelve threads of sixty events each: more lanes than the page holds at print size."""
    rnd = random.Random(3)
    events = [dict(id=f"e{lane}-{i}", date=PartialDate(2023, rnd.randint(1, 12), rnd.randint(1, 28)),
                   title=f"Event {i}", tags=(f"thread-{lane:02d}",)) for lane in range(12) for i in range(60)]
    return check_timeline(synthetic_timeline(events))


BRIEFS = {
    "seed": lambda: checked(SEED),
    "corpus_volcano": lambda: checked(VOLCANO),
    "200 events": lambda: check_timeline(dense_timeline()),
}


@dataclass(frozen=True)
class FigureOnPage:
    """A figure as drawn, and where its page drew it (pt, from the page's bottom left)."""

    fig: object
    paper: str
    x: float
    y: float
    width: float
    height: float
    page_text: str

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """The landscape frame: left, bottom, right, top."""
        width, height = frame_size(landscape(PAPER[self.paper]))
        return MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_LEFT + width, MARGIN_BOTTOM + height

    @property
    def pt_per_px(self) -> float:
        return self.width / self.fig.layout.width


@pytest.fixture(scope="module")
def session():
    with ChromiumSession.start() as browser:
        yield browser


@pytest.fixture(scope="module")
def drawn(session, tmp_path_factory):
    """(brief name, paper) -> FigureOnPage, each brief written once."""
    cache: dict[tuple[str, str], FigureOnPage] = {}

    def draw(name: str, paper: str = "a4") -> FigureOnPage:
        if (name, paper) not in cache:
            result = many_threads() if name == "many threads" else BRIEFS[name]()
            folder = tmp_path_factory.mktemp("figure-page")
            fig = build_figure(result.timeline, paper=paper)
            export_figure(fig, {"pdf": folder / "figure.pdf"}, session)
            info = write_brief(result, folder / "brief.pdf", figure=EmbeddedFigure.from_file(folder / "figure.pdf"),
                               options=BriefOptions(paper=paper, draft=True))
            page = PdfReader(folder / "brief.pdf").pages[info.figure_page - 1]
            operations = page.get_contents().operations
            at = next(i for i, (args, op) in enumerate(operations) if op == b"Do" and "briefFigure" in args[0])
            (width, _, _, height, _, _), _ = operations[at - 1]  # the form is the unit square, scaled
            (_, _, _, _, x, y), _ = operations[at - 3]  # ... at the slot's place
            cache[name, paper] = FigureOnPage(fig, paper, float(x), float(y), float(width), float(height),
                                              page.extract_text())
        return cache[name, paper]

    return draw


CASES = [("seed", "a4"), ("seed", "letter"), ("corpus_volcano", "a4"), ("200 events", "a4"), ("200 events", "letter")]


@pytest.mark.parametrize("name, paper", CASES)
def test_the_figure_fills_the_width_of_the_landscape_frame(drawn, name, paper):
    on_page = drawn(name, paper)
    left, _, right, _ = on_page.frame
    assert on_page.width >= 0.9 * (right - left)
    assert on_page.width == pytest.approx(right - left, abs=0.5)  # laid out for it: the whole width


@pytest.mark.parametrize("name, paper", CASES)
def test_its_smallest_text_prints_at_7_pt(drawn, name, paper):
    on_page = drawn(name, paper)
    layout = on_page.fig.layout
    sizes = [a.font.size or layout.font.size for a in layout.annotations] + [layout.xaxis.tickfont.size]
    assert min(sizes) * on_page.pt_per_px >= PRINT_PT == 7


@pytest.mark.parametrize("name, paper", [*CASES, ("many threads", "a4")])
def test_the_figure_and_its_caption_stay_inside_the_frame_of_one_page(drawn, name, paper):
    on_page = drawn(name, paper)
    left, bottom, right, top = on_page.frame
    assert left - 0.01 <= on_page.x and on_page.x + on_page.width <= right + 0.01
    assert bottom <= on_page.y and on_page.y + on_page.height <= top
    assert "Figure 1." in on_page.page_text  # the caption under it, on the same page


def test_a_figure_with_more_threads_than_the_page_holds_is_drawn_smaller_to_fit(drawn):
    on_page = drawn("many threads")
    left, _, right, _ = on_page.frame
    assert on_page.width < right - left  # too tall for the frame at print size: every lane kept, all of it shown
    assert on_page.fig.layout.width == drawn("seed").fig.layout.width
