"""Reading a drawn figure back, so tests can prove that no label touches another label or a mark.

It reads the figure's own layout, not the layout the figure was drawn from,
and needs no plotly of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .style import CROWDED_TRACE, MARKERS_TRACE
from .text import markup_size

if TYPE_CHECKING:
    import plotly.graph_objects as go


@dataclass(frozen=True)
class Box:
    """A rectangle in figure pixels (origin top left), and what it holds."""

    x0: float
    y0: float
    x1: float
    y1: float
    kind: str  # "label", "marker", "band", "bar", "leader", "tick", "break", "lane", "as_of", "key"
    event: str | None = None  # event id, for event labels and marks

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def date_at(fig: go.Figure, x: float) -> dt.datetime:
    """The date at `x` on the time axis of a figure made by `build_figure` (from the scale kept in its meta)."""
    pieces = [(dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b), x0, x1)
              for a, b, x0, x1 in fig.layout.meta["time_axis"]]
    start, end, x0, x1 = next((p for p in pieces if x <= p[3]), pieces[-1])
    return start + (end - start) * ((x - x0) / (x1 - x0))


def x_of(fig: go.Figure, when: dt.datetime) -> float:
    """Where a date falls on the time axis of a figure made by `build_figure`, in axis px."""
    pieces = [(dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b), x0, x1)
              for a, b, x0, x1 in fig.layout.meta["time_axis"]]
    start, end, x0, x1 = next((p for p in pieces if when <= p[1]), pieces[-1])
    return x0 + (when - start) / (end - start) * (x1 - x0)


def label_boxes(fig: go.Figure) -> list[Box]:
    """Every text box and event mark of a figure made by `build_figure`, in figure px.

    Computed from the figure's own layout (size, margins, axis ranges, anchors,
    shifts) and the same font metrics, so tests can check it without trusting
    the code that placed things.
    """
    layout = fig.layout
    margin = layout.margin
    plot_w = layout.width - margin.l - margin.r
    plot_h = layout.height - margin.t - margin.b
    x_start, x_end = layout.xaxis.range
    y_bottom, y_top = layout.yaxis.range

    def x_px(value, ref: str) -> float:
        if ref == "paper":
            return margin.l + value * plot_w
        return margin.l + (value - x_start) / (x_end - x_start) * plot_w

    def y_px(value, ref: str) -> float:
        if ref == "paper":
            return margin.t + (1 - value) * plot_h
        return margin.t + (y_top - value) / (y_top - y_bottom) * plot_h

    boxes = []
    for note in layout.annotations:
        size = note.font.size or layout.font.size
        width, height = markup_size(note.text, size)
        x = x_px(note.x, note.xref) + (note.xshift or 0)
        y = y_px(note.y, note.yref) - (note.yshift or 0)
        x0 = {"left": x, "right": x - width}.get(note.xanchor, x - width / 2)
        y0 = {"top": y, "bottom": y - height}.get(note.yanchor, y - height / 2)
        kind, _, event = (note.name or "").partition(":")
        boxes.append(Box(x0, y0, x0 + width, y0 + height, "label" if event else kind, event or None))

    for shape in layout.shapes:
        kind, _, event = (shape.name or "").partition(":")
        if kind in ("band", "bar", "break", "leader"):
            xs = sorted((x_px(shape.x0, shape.xref), x_px(shape.x1, shape.xref)))
            ys = sorted((y_px(shape.y0, shape.yref), y_px(shape.y1, shape.yref)))
            if kind == "leader":  # a line: as wide as its stroke
                half = (shape.line.width or 1) / 2
                xs = [xs[0] - half, xs[1] + half]
            boxes.append(Box(xs[0], ys[0], xs[1], ys[1], kind, event))

    for trace in fig.data:
        if trace.name == CROWDED_TRACE:
            # A line-ns symbol is 1.4 x its size long; its stroke is centred on it.
            half_w, half_h = trace.marker.line.width / 2, 0.7 * trace.marker.size + trace.marker.line.width / 2
            for (x, y), (event_id, _) in zip(zip(trace.x, trace.y), trace.customdata):
                cx, cy = x_px(x, "x"), y_px(y, "y")
                boxes.append(Box(cx - half_w, cy - half_h, cx + half_w, cy + half_h, "tick", event_id))
        if trace.name != MARKERS_TRACE:
            continue
        line_widths = trace.marker.line.width
        for i, (x, y) in enumerate(zip(trace.x, trace.y)):
            r = trace.marker.size[i] / 2 + (line_widths[i] if isinstance(line_widths, (list, tuple)) else 1) / 2
            cx, cy = x_px(x, "x"), y_px(y, "y")
            boxes.append(Box(cx - r, cy - r, cx + r, cy + r, "marker", trace.customdata[i][0]))
    return boxes
