"""The figure laid out in pixels: lanes top to bottom, time left to right, the cut-off, the key. No plotly.

Each lane's sub-rows and labels are placed by `labels.pack_lane`; this module
decides how many sub-rows each lane may keep, how tall they are and where the
lanes, the axis, the key and a standalone figure's heading go.

The figure is laid out for its frame (`figure_frame`): the width of the page
it prints on, all of it for the lanes' labels and the plot, and a height it
keeps to. Sub-rows are capped (`_row_caps`) so that a dense timeline still fits
that height. Events that find no room under the cap are "crowded": drawn once
each as a thin tick in a strip at the bottom of their lane, with no label, band
or bar, and explained in the key only when there are any.

Every position is computed in pixels from explicit axis ranges and margins,
with real font metrics, so `label_boxes` can prove from the figure alone that
no label touches another label or any mark.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Timeline
from .axis import XScale, time_axis
from .frame import FigureFrame, figure_frame
from .key import KeyItem, key_layout
from .labels import pack_lane, rows_used, shortened, walls
from .marks import Mark, mark_for, time_spans
from .style import (
    BREAK_KEEP_TRIES,
    FONT_SIZE,
    HEADING_FONT_SIZE,
    HEADING_GAP_PX,
    HEADING_LINE_PX,
    HEADING_MAX_LINES,
    HEADING_PAD_PX,
    KEY_LINE_PX,
    LANE_FONT_SIZE,
    LANE_LABEL_MAX_PX,
    LANE_PAD_PX,
    MARGIN_BOTTOM,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MIN_LANE_PX,
    MIN_LANE_ROWS,
    MIN_ROW_PX,
    NAME_EVERY_EVENT_UP_TO,
    ROW_PX,
)
from .text import markup_size, shorten, text_width
from .ticks import MONTH_ABBR, axis_ticks, end_of
from .view import FigureView, event_numbers, information_as_of, lane_name, lane_order, lane_title


@dataclass(frozen=True)
class Lane:
    """One lane's band across the plot, in px from the plot's top."""

    label: str  # plain text, shortened to fit the margin
    top: float
    bottom: float


@dataclass(frozen=True)
class Drawn:
    """An event drawn with its label: the label's markup sits `label_shift` px from the marker."""

    mark: Mark
    y: float
    label: str  # plotly markup
    label_shift: float
    anchor: str  # "left": the label starts at the shift; "right": it ends there
    label_y: float  # the label's middle: the mark's own row, or the row above or below it
    leader: tuple[float, float] | None = None  # a vertical line at the marker from y to y, when the label is away

    @property
    def titled(self) -> bool:
        return "</span> " in self.label

    @property
    def shortened(self) -> bool:
        return shortened(self.label)

    @property
    def label_height(self) -> float:
        return markup_size(self.label, FONT_SIZE)[1]


@dataclass(frozen=True)
class Crowded:
    """An event with no room for a label, drawn as a tick in its lane's strip."""

    mark: Mark
    y: float


@dataclass(frozen=True)
class AsOf:
    """The cut-off line and its label, centred over the line unless that would run off the figure."""

    at: dt.datetime
    text: str
    anchor: str


@dataclass(frozen=True)
class Heading:
    """A standalone figure's heading, in px from the figure's top left: the brief's title and its cut-off."""

    lines: tuple[str, ...]  # the title, wrapped (plain text)
    as_of: str
    x: float
    y: float  # the first line's top


@dataclass(frozen=True)
class Layout:
    """Everything `draw` needs, in px; plot coordinates start at the plot's top left."""

    margin_left: int
    margin_top: int
    margin_bottom: int
    width_px: int
    height_px: int
    plot_width: float
    plot_height: float
    scale: XScale
    lanes: tuple[Lane, ...]
    drawn: tuple[Drawn, ...]  # lane by lane, each in the order it was placed
    crowded: tuple[Crowded, ...]  # by number
    as_of: AsOf
    key: tuple[KeyItem, ...]
    tick_values: tuple[float, ...]  # px from the plot's left edge
    tick_texts: tuple[str, ...]
    heading: Heading | None = None  # standalone figures only


def _lane_px(rows: int, row_px: float, least: float = 0.0) -> float:
    """A lane's height: its rows and their padding, or `least` when that is more."""
    return max(rows * row_px + 2 * LANE_PAD_PX, least)


def _rows_within(px: float) -> int:
    """How many rows a lane of `px` holds at the tightest row height."""
    return max(int((px - 2 * LANE_PAD_PX) // MIN_ROW_PX), 0)


def _plot_px(frame: FigureFrame, key_lines: int) -> float:
    """The height the lanes may take: the frame's, less the cut-off's label above and the axis and key below."""
    return frame.height_px - MARGIN_TOP - MARGIN_BOTTOM - (key_lines - 1) * KEY_LINE_PX


def _row_caps(needs: list[int], plot_px: float) -> list[int]:
    """How many sub-rows each lane may keep: its need, within the plot's height shared by all lanes.

    Lanes that need little keep it all and the rest share what is left evenly,
    so one busy lane cannot squeeze quiet ones. A lane keeps MIN_LANE_ROWS even
    past the height, as lanes are never dropped.
    """
    budget = plot_px
    caps = [0] * len(needs)
    for done, lane in enumerate(sorted(range(len(needs)), key=lambda i: needs[i])):
        share = budget / (len(needs) - done)
        caps[lane] = min(needs[lane], max(_rows_within(share), MIN_LANE_ROWS))
        budget -= _lane_px(caps[lane], MIN_ROW_PX)
    return caps


def _row_heights(lane_rows: list[int], plot_px: float) -> tuple[float, float]:
    """The rows' height and the least lane height that keep the lanes within `plot_px`.

    Rows are ROW_PX tall, else the tallest that fit, never under MIN_ROW_PX; a
    lane is at least MIN_LANE_PX tall for air around its label, or as much of
    that as fits when many threads would not fit otherwise. Lanes that do not
    fit even as tall as their tightest rows overflow: the brief draws the figure smaller.
    """
    def height(row_px: float, least: float) -> float:
        return sum(_lane_px(rows, row_px, least) for rows in lane_rows)

    least = _largest(lambda least: height(MIN_ROW_PX, least) <= plot_px, 0.0, MIN_LANE_PX)
    return _largest(lambda row_px: height(row_px, least) <= plot_px, MIN_ROW_PX, ROW_PX), least


def _largest(fits, low: float, high: float) -> float:
    """The largest value in [low, high] that `fits` (to 0.01; `fits` grows false with it), else `low`."""
    if fits(high):
        return high
    while high - low > 0.01:
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def _as_of_text(as_of: dt.date, *, standalone: bool = False) -> str:
    day = f"{as_of.day} {MONTH_ABBR[as_of.month - 1]} {as_of.year}"
    return day if standalone else f"Information as of {day}"  # a standalone heading says the words


def _heading_lines(title: str, width_px: float) -> tuple[str, ...]:
    """The title in at most HEADING_MAX_LINES lines across the figure, the last cut at a word if need be."""
    room = width_px - 2 * HEADING_PAD_PX
    lines, words = [], title.split()
    while words and len(lines) < HEADING_MAX_LINES - 1:
        count = len(words)
        while count > 1 and text_width(" ".join(words[:count]), HEADING_FONT_SIZE, bold=True) > room:
            count -= 1
        lines.append(" ".join(words[:count]))
        words = words[count:]
    if words:
        lines.append(shorten(" ".join(words), room, HEADING_FONT_SIZE, bold=True))
    return tuple(lines)


def _heading(timeline: Timeline, width_px: float) -> Heading:
    return Heading(_heading_lines(timeline.brief.title or " ", width_px), information_as_of(timeline.brief.as_of),
                   x=HEADING_PAD_PX, y=HEADING_PAD_PX)


def _heading_px(heading: Heading) -> float:
    """The heading's height: its title lines and the cut-off line under them."""
    return HEADING_PAD_PX + HEADING_LINE_PX * (len(heading.lines) + 1) + HEADING_GAP_PX


def _as_of(as_of: dt.date, scale: XScale, margin_left: float, width_px: float, *, standalone: bool = False) -> AsOf:
    at = end_of(as_of)
    text = _as_of_text(as_of, standalone=standalone)
    x = scale.px(at)
    width, _ = markup_size(text, FONT_SIZE)
    anchor = "center"
    if margin_left + x + width / 2 > width_px - 4:
        anchor = "right"
    elif x - width / 2 < 0:
        anchor = "left"
    return AsOf(at, text, anchor)


def layout(view: FigureView) -> Layout:
    """Where everything of the timeline's figure goes, from the figure's view."""
    timeline = view.timeline
    if not timeline.events:
        raise ValueError("a timeline figure needs at least one event")
    numbers = event_numbers(timeline)
    lanes = lane_order(timeline)
    lane_index = {name: i for i, name in enumerate(lanes)}
    marks = [mark_for(e, numbers[e.id], lane_index[lane_name(e)]) for e in timeline.events_in_order()]

    lane_labels = [shorten(lane_title(name), LANE_LABEL_MAX_PX, LANE_FONT_SIZE, bold=True) for name in lanes]
    lane_label_px = max(text_width(label, LANE_FONT_SIZE, bold=True) for label in lane_labels)
    margin_left = round(max(80, lane_label_px + 26))
    frame = figure_frame(view.paper)
    plot_width = frame.width_px - margin_left - MARGIN_RIGHT
    spans = time_spans(marks, timeline.brief.as_of)
    scale = time_axis(spans, plot_width, axis=view.axis)
    if not scale.breaks or len(marks) > NAME_EVERY_EVENT_UP_TO:
        return _layout_on(view, frame, scale, marks, lane_labels, margin_left)
    # Titles run on into empty time, so the narrowest break is not always the best:
    # breaks keep the width that leaves the fewest events as bare ticks, then
    # titles the most, then shows the most titles whole, the narrowest on a tie;
    # and the axis is not shortened at all when that does better: shortening is
    # kept only where it helps.
    scales = [time_axis(spans, plot_width, keep=keep) for keep in BREAK_KEEP_TRIES]
    scales.append(time_axis(spans, plot_width, axis="linear"))
    tries = [_layout_on(view, frame, scale, marks, lane_labels, margin_left) for scale in scales]
    return max(tries, key=_named_score)  # the first of the best


def _named_score(laid: Layout) -> tuple[int, int, int]:
    return (-len(laid.crowded), sum(d.titled for d in laid.drawn),
            sum(d.titled and not d.shortened for d in laid.drawn))


def _layout_on(view: FigureView, frame: FigureFrame, scale: XScale, marks: list[Mark], lane_labels: list[str],
               margin_left: int) -> Layout:
    """The figure laid out in its frame on one time scale."""
    timeline = view.timeline
    plot_width = scale.width
    lanes = lane_labels
    cut_off = scale.px(end_of(timeline.brief.as_of))
    no_cross = walls(scale, cut_off)
    # A first packing tells what each lane needs. It stops at the rows of the
    # whole plot, the most any lane can keep, so a huge lane costs no more than a
    # full one (a lane with events left over needs more than that). A lane that
    # needs more than its cap is packed again, so that every event gets its best
    # place among the rows the lane really has: all but the last, which holds its
    # ticks. The ticks taking a row of the cap means crowding never makes a
    # figure taller. The key under the axis takes its lines of the frame's height
    # first: counted over every mark, and with its line on ticks when there are any.
    lane_marks = [[m for m in marks if m.lane == i] for i in range(len(lanes))]

    def key_lines(crowded: bool) -> int:
        return key_layout(marks, crowded, plot_width, 0.0, margin_left, shortened=bool(scale.breaks))[1]

    plot_px = _plot_px(frame, key_lines(False))
    most = max(_rows_within(plot_px), MIN_LANE_ROWS)
    named = len(marks) <= NAME_EVERY_EVENT_UP_TO
    packed = [pack_lane(lane, scale, no_cross, most, name_every_event=named) for lane in lane_marks]
    needs = [rows_used(placed) + bool(overflow) for placed, overflow in packed]
    caps = _row_caps(needs, plot_px)
    if any(need > cap for need, cap in zip(needs, caps)) and key_lines(True) > key_lines(False):
        plot_px = _plot_px(frame, key_lines(True))
        caps = _row_caps(needs, plot_px)
    packed = [first if need <= cap else pack_lane(lane, scale, no_cross, cap - 1, name_every_event=named)
              for lane, first, need, cap in zip(lane_marks, packed, needs, caps)]
    placed_by_lane = [placed for placed, _ in packed]
    crowded = sorted((m for _, overflow in packed for m in overflow), key=lambda m: m.number)
    crowded_lanes = {m.lane for m in crowded}
    lane_rows = [rows_used(placed) + (i in crowded_lanes) for i, placed in enumerate(placed_by_lane)]
    # Dense timelines get tighter rows (never tighter than a label) to keep to the frame.
    row_px, least_lane_px = _row_heights(lane_rows, plot_px)

    # Vertical layout: the y axis counts px from the top of the plot.
    lane_boxes, drawn, tick_y = [], [], {}
    top = 0.0
    for i, (placed, rows) in enumerate(zip(placed_by_lane, lane_rows)):
        height = _lane_px(rows, row_px, least_lane_px)
        first_row_y = top + (height - rows * row_px) / 2 + row_px / 2
        for p in placed:
            # The label's exact px offset from its marker, which plotly places by date.
            x = p.label_x0 if p.anchor == "left" else p.label_x1
            shift = round(x - scale.px(p.mark.marker_at), 2)
            y = first_row_y + p.row * row_px
            if p.label_row is None:
                drawn.append(Drawn(p.mark, y, p.label, shift, p.anchor, label_y=y))
                continue
            label_y = first_row_y + p.label_row * row_px
            half_label = markup_size(p.label, FONT_SIZE)[1] / 2
            toward = 1 if label_y > y else -1
            leader = (y + toward * (p.mark.size / 2 + 1), label_y - toward * (half_label + 1))
            drawn.append(Drawn(p.mark, y, p.label, shift, p.anchor, label_y=label_y, leader=leader))
        tick_y[i] = first_row_y + (rows - 1) * row_px  # the last row: only crowded lanes have ticks
        lane_boxes.append(Lane(lane_labels[i], top, top + height))
        top += height
    plot_height = top

    key, key_lines = key_layout([d.mark for d in drawn], bool(crowded), plot_width, plot_height, margin_left,
                                shortened=bool(scale.breaks))
    margin_bottom = MARGIN_BOTTOM + (key_lines - 1) * KEY_LINE_PX
    heading = _heading(timeline, frame.width_px) if view.standalone else None
    margin_top = round(MARGIN_TOP + (_heading_px(heading) if heading else 0))
    tick_values, tick_texts = axis_ticks(scale)
    return Layout(
        margin_left=margin_left,
        margin_top=margin_top,
        margin_bottom=margin_bottom,
        width_px=frame.width_px,
        height_px=round(plot_height + margin_top + margin_bottom),
        plot_width=plot_width,
        plot_height=plot_height,
        scale=scale,
        lanes=tuple(lane_boxes),
        drawn=tuple(drawn),
        crowded=tuple(Crowded(m, tick_y[m.lane]) for m in crowded),
        as_of=_as_of(timeline.brief.as_of, scale, margin_left, frame.width_px, standalone=view.standalone),
        key=tuple(key),
        tick_values=tuple(tick_values),
        tick_texts=tuple(tick_texts),
        heading=heading,
    )
