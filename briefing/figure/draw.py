"""The layout drawn as a plotly Figure: the only module that imports plotly.

Both axes count px from the plot's top left, so every position is the
layout's own: the x axis is the layout's time scale, piecewise linear where
the axis is shortened, and its ticks are labelled with their dates (the
scale's pieces are kept in the figure's `meta`, so a reader of the figure can
tell the date at any x). The key's glyphs are drawn in paper coordinates,
under the axis.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import plotly.graph_objects as go

from ..model import Timeline
from .key import SLASH_LEAN_PX, KeyItem, Part
from .axis import XScale
from .layout import Layout, layout
from .style import (
    BAND_OPACITY,
    BAND_THICKNESS,
    BAR_OPACITY,
    BREAK_GAP_PX,
    COLOURS,
    CROWDED_TRACE,
    FONT_FAMILY,
    FONT_SIZE,
    LANE_FONT_SIZE,
    LEADER_WIDTH,
    HEADING_FONT_SIZE,
    HEADING_LINE_PX,
    MARGIN_RIGHT,
    MARKERS_TRACE,
    TICK_OPACITY,
    TICK_SIZE,
)
from .text import escape
from .view import figure_view, hover_text


def _at(scale: XScale, t: dt.datetime) -> float:
    return round(scale.px(t), 2)


def build_figure(timeline: Timeline, *, axis: str = "compressed", standalone: bool = False,
                 paper: str = "a4") -> go.Figure:
    """The timeline graphic for `timeline`: lanes per thread, marks per event, the cut-off line.

    `axis`: "compressed" shortens long empty stretches of time (with a visible
    break), "linear" draws all time at one scale. `standalone`: with the
    brief's title and "Information as of …" drawn over the figure, for images
    used on their own (slides, email), 17 cm wide; the brief's own figure is laid
    out for its landscape page on `paper`, which has its caption.
    """
    view = figure_view(timeline, axis=axis, standalone=standalone, paper=paper)
    timeline = view.timeline
    laid = layout(view)
    _when = partial(_at, laid.scale)
    fig = go.Figure()
    shapes, annotations = [], []

    for i, lane in enumerate(laid.lanes):
        if i % 2 == 0:
            shapes.append(dict(type="rect", xref="paper", yref="y", x0=0, x1=1, y0=lane.top, y1=lane.bottom,
                               fillcolor=COLOURS.stripe, line_width=0, layer="below"))
        shapes.append(dict(type="rect", xref="paper", yref="y", x0=0, x1=4 / laid.plot_width,
                           y0=lane.top, y1=lane.bottom, fillcolor=COLOURS.lane(i), line_width=0, layer="below"))
        annotations.append(dict(name="lane", text=f"<b>{escape(lane.label)}</b>", xref="paper", yref="y",
                                x=0, xshift=-12, xanchor="right", y=(lane.top + lane.bottom) / 2, yanchor="middle",
                                showarrow=False, borderpad=0, borderwidth=0,
                                font=dict(size=LANE_FONT_SIZE, color=COLOURS.text)))

    for d in laid.drawn:
        mark, y = d.mark, d.y
        colour = COLOURS.lane(mark.lane)
        for a, b in mark.bands:
            shapes.append(dict(type="rect", name=f"band:{mark.event.id}", xref="x", yref="y",
                               x0=_when(a), x1=_when(b), y0=y - BAND_THICKNESS / 2, y1=y + BAND_THICKNESS / 2,
                               fillcolor=colour, opacity=BAND_OPACITY, line_width=0, layer="between"))
        if mark.bar:
            half = mark.bar_thickness / 2
            shapes.append(dict(type="rect", name=f"bar:{mark.event.id}", xref="x", yref="y",
                               x0=_when(mark.bar[0]), x1=_when(mark.bar[1]), y0=y - half, y1=y + half,
                               fillcolor=colour, opacity=BAR_OPACITY, line_width=0, layer="between"))
        if d.leader:
            x = _when(mark.marker_at)
            shapes.append(dict(type="line", name=f"leader:{mark.event.id}", xref="x", yref="y", x0=x, x1=x,
                               y0=d.leader[0], y1=d.leader[1], line=dict(color=COLOURS.axis, width=LEADER_WIDTH),
                               layer="between"))
        annotations.append(dict(name=f"label:{mark.event.id}", text=d.label, xref="x", yref="y",
                                x=_when(mark.marker_at), xshift=d.label_shift, xanchor=d.anchor,
                                y=d.label_y, yanchor="middle", showarrow=False, borderpad=0, borderwidth=0,
                                font=dict(size=FONT_SIZE, color=COLOURS.text)))

    for piece in laid.scale.breaks:
        shapes += _axis_break((piece.x0 + piece.x1) / 2, laid)

    fig.add_trace(_markers(timeline, laid))
    if laid.crowded:
        fig.add_trace(_ticks(timeline, laid))

    as_of = laid.as_of
    shapes.append(dict(type="line", name="as_of", xref="x", yref="paper", x0=_when(as_of.at), x1=_when(as_of.at),
                       y0=0, y1=1, line=dict(color=COLOURS.ink, width=1.5, dash="dash"), layer="above"))
    annotations.append(dict(name="as_of", text=as_of.text, xref="x", yref="paper", x=_when(as_of.at),
                            xanchor=as_of.anchor, y=1, yanchor="bottom", yshift=4, showarrow=False, borderpad=0,
                            borderwidth=0, font=dict(size=FONT_SIZE, color=COLOURS.ink)))

    for item in laid.key:
        shapes += [_key_part(part, item, laid) for part in item.glyph.parts]
        annotations.append(dict(name="key", text=item.text, xref="paper", yref="paper",
                                x=item.text_x / laid.plot_width, xanchor="left", y=1 - item.y / laid.plot_height,
                                yanchor="middle", showarrow=False, borderpad=0, borderwidth=0,
                                font=dict(size=FONT_SIZE, color=COLOURS.ink)))

    if laid.heading:
        annotations += _heading(laid)

    scale = laid.scale
    fig.update_layout(
        template="none",
        width=laid.width_px,
        height=laid.height_px,
        margin=dict(l=laid.margin_left, r=MARGIN_RIGHT, t=laid.margin_top, b=laid.margin_bottom, pad=0, autoexpand=False),
        paper_bgcolor=COLOURS.paper,
        plot_bgcolor=COLOURS.paper,
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=COLOURS.text),
        showlegend=False,
        hovermode="closest",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=FONT_SIZE), align="left", bgcolor=COLOURS.paper),
        meta={"time_axis": [[p.start.isoformat(sep=" "), p.end.isoformat(sep=" "), round(p.x0, 2), round(p.x1, 2)]
                            for p in scale.pieces]},
        xaxis=dict(type="linear", range=[0, scale.width], autorange=False, fixedrange=False,
                   tickmode="array", tickvals=list(laid.tick_values), ticktext=list(laid.tick_texts),
                   ticks="outside", ticklen=4, tickcolor=COLOURS.axis, showline=True, linecolor=COLOURS.axis,
                   showgrid=True, gridcolor=COLOURS.grid, gridwidth=1, zeroline=False,
                   tickfont=dict(size=FONT_SIZE, color=COLOURS.ink)),
        yaxis=dict(range=[laid.plot_height, 0], autorange=False, visible=False, fixedrange=True),
        shapes=shapes,
        annotations=annotations,
    )
    return fig


def _heading(laid: Layout) -> list[dict]:
    """The standalone heading: the title's lines in bold, the cut-off under them; left-aligned over the figure."""
    plot_w, plot_h = laid.plot_width, laid.plot_height

    def paper(x: float, y: float) -> dict:  # figure px from the top left -> paper coordinates
        return dict(xref="paper", yref="paper", x=(x - laid.margin_left) / plot_w, y=1 + (laid.margin_top - y) / plot_h)

    heading, notes = laid.heading, []
    lines = [(f"<b>{escape(line)}</b>", HEADING_FONT_SIZE, COLOURS.text) for line in heading.lines]
    lines.append((escape(heading.as_of), FONT_SIZE + 1, COLOURS.ink))
    for i, (text, size, colour) in enumerate(lines):
        y = heading.y + i * HEADING_LINE_PX + HEADING_LINE_PX / 2
        notes.append(dict(name="heading", text=text, **paper(heading.x, y), xanchor="left", yanchor="middle",
                          showarrow=False, borderpad=0, borderwidth=0, font=dict(size=size, color=colour)))
    return notes


def _axis_break(x: float, laid: Layout) -> list[dict]:
    """A break in the time axis at plot px `x`: a white gap across the lanes with zig-zag edges, "//" on the axis."""
    half, tooth = BREAK_GAP_PX / 2, 2.0
    shapes = [dict(type="rect", name="break", xref="x", yref="paper", x0=x - half, x1=x + half, y0=-8 / laid.plot_height,
                   y1=1, fillcolor=COLOURS.paper, line_width=0, layer="between")]
    steps = max(2, round(laid.plot_height / 8))
    for side in (-1, 1):
        points = [(x + side * half + (tooth if i % 2 else -tooth) * side / 2, laid.plot_height * i / steps)
                  for i in range(steps + 1)]
        path = "M " + " L ".join(f"{px:.2f},{py:.2f}" for px, py in points)
        shapes.append(dict(type="path", xref="x", yref="y", path=path, line=dict(color=COLOURS.grid, width=1),
                           layer="between"))
    for side in (-1, 1):
        cx = x + side * (half - 1)
        shapes.append(dict(type="line", xref="x", yref="paper", x0=cx - SLASH_LEAN_PX, x1=cx + SLASH_LEAN_PX,
                           y0=-7 / laid.plot_height, y1=7 / laid.plot_height,
                           line=dict(color=COLOURS.axis, width=1.5), layer="above"))
    return shapes


def _markers(timeline: Timeline, laid: Layout) -> go.Scatter:
    """One marker per labelled event, in chronological order."""
    ordered = sorted(laid.drawn, key=lambda d: d.mark.number)
    colours = [COLOURS.lane(d.mark.lane) for d in ordered]
    # Known day: filled marker. Known month or year only: hollow marker (paper fill, coloured ring).
    fills = [colour if d.mark.precise else COLOURS.paper for d, colour in zip(ordered, colours)]
    rings = [COLOURS.paper if d.mark.precise else colour for d, colour in zip(ordered, colours)]
    return go.Scatter(
        name=MARKERS_TRACE,
        x=[_at(laid.scale, d.mark.marker_at) for d in ordered],
        y=[d.y for d in ordered],
        mode="markers",
        customdata=[[d.mark.event.id, d.mark.number] for d in ordered],
        hovertext=[hover_text(timeline, d.mark.event, d.mark.number) for d in ordered],
        hoverinfo="text",
        cliponaxis=False,
        showlegend=False,
        marker=dict(
            size=[d.mark.size for d in ordered],
            color=fills,
            line=dict(color=rings, width=[1 if d.mark.precise else 2 for d in ordered]),
            opacity=1,
        ),
    )


def _ticks(timeline: Timeline, laid: Layout) -> go.Scatter:
    """The crowded events: a thin tick each in their lane's strip."""
    colours = [COLOURS.lane(c.mark.lane) for c in laid.crowded]
    return go.Scatter(
        name=CROWDED_TRACE,
        x=[_at(laid.scale, c.mark.marker_at) for c in laid.crowded],
        y=[c.y for c in laid.crowded],
        mode="markers",
        customdata=[[c.mark.event.id, c.mark.number] for c in laid.crowded],
        hovertext=[hover_text(timeline, c.mark.event, c.mark.number) for c in laid.crowded],
        hoverinfo="text",
        cliponaxis=False,
        showlegend=False,
        marker=dict(symbol="line-ns-open", size=TICK_SIZE, color=colours, opacity=TICK_OPACITY,
                    line=dict(color=colours, width=1)),
    )


def _key_part(part: Part, item: KeyItem, laid: Layout) -> dict:
    """A shape of a key glyph, in paper coordinates (px from the plot's top left, over its size)."""

    def paper_x(px: float) -> float:
        return px / laid.plot_width

    def paper_y(px: float) -> float:
        return 1 - px / laid.plot_height

    x, y = item.x + part.dx, item.y
    if part.shape == "circle":
        r = part.size / 2
        return dict(type="circle", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel",
                    xanchor=paper_x(x), yanchor=paper_y(y), x0=-r, x1=r, y0=-r, y1=r,
                    fillcolor=COLOURS.key if part.filled else COLOURS.paper,
                    line=dict(color=COLOURS.paper if part.filled else COLOURS.key, width=1 if part.filled else 2))
    if part.shape == "rect":
        half = part.size / 2
        return dict(type="rect", xref="paper", yref="paper", x0=paper_x(x), x1=paper_x(x + part.width),
                    y0=paper_y(y + half), y1=paper_y(y - half),
                    fillcolor=COLOURS.key, opacity=part.opacity, line_width=0)
    if part.shape == "slash":
        return dict(type="line", xref="paper", yref="paper", x0=paper_x(x - SLASH_LEAN_PX),
                    x1=paper_x(x + SLASH_LEAN_PX), y0=paper_y(y + part.size), y1=paper_y(y - part.size),
                    line=dict(color=COLOURS.axis, width=1.5))
    return dict(type="line", xref="paper", yref="paper", x0=paper_x(x), x1=paper_x(x),
                y0=paper_y(y + part.size), y1=paper_y(y - part.size), line=dict(color=COLOURS.key, width=1))
