"""The timeline graphic: a Timeline becomes a plotly Figure (pure: no I/O but font metrics).

In three steps, each its own module: `view` (the part of the timeline the
figure shows, which the build's cache key hashes), `layout` (every position in
px, with real font metrics; plain dataclasses; each lane's labels placed by
`labels`) and `draw` (the layout as a
plotly Figure, the only module that imports plotly). `boxes` reads a drawn
figure back so tests can prove that no label touches another label or a mark.

Importing this package does not import plotly: a build whose figure is
unchanged never needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .boxes import Box, label_boxes
from .style import AXES, COLOURS, CROWDED_TRACE, FONT_SIZE, MARKERS_TRACE, OTHER_LANE, WIDTH_PX
from .text import measuring_fonts, text_width
from .view import (
    FigureView,
    event_numbers,
    figure_view,
    hover_text,
    html_title,
    information_as_of,
    lane_name,
    lane_order,
    lane_title,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ..model import Timeline

__all__ = [
    "AXES", "COLOURS", "CROWDED_TRACE", "FigureView", "FONT_SIZE", "MARKERS_TRACE", "OTHER_LANE", "WIDTH_PX",
    "Box", "build_figure", "event_numbers", "figure_view", "hover_text", "html_title", "information_as_of",
    "label_boxes",
    "lane_name", "lane_order", "lane_title", "measuring_fonts", "text_width",
]


def build_figure(timeline: Timeline, *, axis: str = "compressed", standalone: bool = False,
                 paper: str = "a4") -> go.Figure:
    """The timeline graphic for `timeline`: lanes per thread, marks per event, the cut-off line.

    `axis`: "compressed" (long empty stretches shortened, with a visible break) or "linear".
    `standalone`: with the brief's title and "Information as of …" drawn in the image, 17 cm
    wide, for timeline.png/.svg/.html; the figure inside the PDF is the plain one (the brief
    captions it), laid out for the brief's landscape page on `paper` ("a4" or "letter").
    """
    from .draw import build_figure as draw

    return draw(timeline, axis=axis, standalone=standalone, paper=paper)
