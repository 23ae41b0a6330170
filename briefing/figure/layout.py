"""The figure laid out in pixels: lanes, marks, sub-rows, labels, the cut-off and the key. No plotly.

Within a lane, overlapping events go into sub-rows, vistime-style: each event
takes the lowest row where it fits, its label included. High-significance
events are placed first so that they get their titles. Up to
NAME_EVERY_EVENT_UP_TO events every event is offered its title, cut at a word
boundary to the room beside its mark; past that only high-significance events
are. An event that cannot show (enough of) its title without a collision
shows its number instead (the number of `event_numbers`, which the
chronology table of the brief uses too).

Sub-rows are capped (`_row_caps`) so that a dense timeline still fits a page.
Events that find no room under the cap are "crowded": drawn once each as a
thin tick in a strip at the bottom of their lane, with no label, band or bar,
and explained in the key only when there are any.

Every position is computed in pixels from explicit axis ranges and margins,
with real font metrics, so `label_boxes` can prove from the figure alone that
no label touches another label or any mark.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Event, Timeline
from .axis import XScale, time_axis
from .key import KeyItem, key_layout
from .style import (
    BAR_THICKNESS,
    BREAK_GAP_PX,
    BREAK_KEEP_TRIES,
    COLOURS,
    FONT_SIZE,
    HEADING_FONT_SIZE,
    HEADING_GAP_PX,
    HEADING_LINE_PX,
    HEADING_MAX_LINES,
    HEADING_PAD_PX,
    ITEM_GAP_PX,
    KEY_LINE_PX,
    LABEL_GAP_PX,
    LANE_FONT_SIZE,
    LANE_LABEL_MAX_PX,
    LANE_PAD_PX,
    LEADER_INSET_PX,
    MARGIN_BOTTOM,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MARKER_SIZE,
    MAX_TITLE_ROWS,
    MIN_LANE_PX,
    MIN_LANE_ROWS,
    MIN_ROW_PX,
    NAME_EVERY_EVENT_UP_TO,
    ROW_PX,
    ROWS_BUDGET_PX,
    ROWS_CAP,
    NAMED_TITLE_MAX_PX,
    NAMED_TITLE_ROWS,
    TITLE_MAX_PX,
    WIDTH_PX,
)
from .text import escape, fit_words, markup_size, shorten, text_width
from .ticks import MONTH_ABBR, axis_ticks, end_of, start_of
from .view import FigureView, event_numbers, information_as_of, lane_name, lane_order, lane_title


@dataclass(frozen=True)
class Mark:
    """How one event is drawn, in plot px: marker, bands of uncertainty, solid bar."""

    event: Event
    number: int
    lane: int
    marker_at: dt.datetime
    precise: bool  # the start is known to the day
    bands: tuple[tuple[dt.datetime, dt.datetime], ...]  # periods known only to the month/year
    bar: tuple[dt.datetime, dt.datetime] | None  # the part of a duration that is certain

    @property
    def size(self) -> int:
        return MARKER_SIZE.get(self.event.significance, MARKER_SIZE["medium"])

    @property
    def bar_thickness(self) -> int:
        return BAR_THICKNESS.get(self.event.significance, BAR_THICKNESS["medium"])


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


def _mark_for(event: Event, number: int, lane: int) -> Mark:
    start, end = event.date, event.end
    precise = start.precision == "day"
    start_span = (start_of(start.first_day), end_of(start.last_day))
    marker_at = start_span[0] + dt.timedelta(hours=12) if precise else start_span[0] + (start_span[1] - start_span[0]) / 2
    bands = [] if precise else [start_span]
    bar = None
    if end is not None and end != start:
        end_span = (start_of(end.first_day), end_of(end.last_day))
        if end.precision != "day":
            bands.append(end_span)
        # The certain part runs from where the start must be over to where the end may begin.
        solid_from = start_span[0] if precise else start_span[1]
        solid_to = end_span[1] if end.precision == "day" else end_span[0]
        if solid_to > solid_from:
            bar = (solid_from, solid_to)
    return Mark(event=event, number=number, lane=lane, marker_at=marker_at,
                precise=precise, bands=tuple(bands), bar=bar)


def _spans(marks: list[Mark], as_of: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The time each mark covers, and the cut-off: what the axis must show at full scale."""
    spans = [(end_of(as_of), end_of(as_of))]
    for m in marks:
        half_day = dt.timedelta(hours=12)
        spans.append((m.marker_at - half_day, m.marker_at + half_day))
        spans += list(m.bands) + ([m.bar] if m.bar else [])
    return spans


def walls(scale: XScale, cut_off: float) -> tuple[tuple[float, float], ...]:
    """What no label may cross, in plot px: the cut-off line and each axis break's gap."""
    gaps = tuple((b.x0 + b.x1) / 2 for b in scale.breaks)
    return ((cut_off, cut_off), *((x - BREAK_GAP_PX / 2, x + BREAK_GAP_PX / 2) for x in gaps))


@dataclass
class _Placed:
    mark: Mark
    row: int
    label: str  # plotly markup
    label_x0: float  # px in the plot
    label_x1: float
    anchor: str  # "left": the label starts at label_x0; "right": it ends at label_x1
    label_row: int | None = None  # when the label sits in the row above or below the mark's


@dataclass(frozen=True)
class _Extent:
    """A mark's horizontal extent in plot px, and where a label may attach."""

    x0: float
    x1: float
    attach_right: float
    attach_left: float


def _extent(mark: Mark, scale: XScale) -> _Extent:
    centre = scale.px(mark.marker_at)
    radius = mark.size / 2 + 1
    xs = [centre - radius, centre + radius]
    for a, b in mark.bands + ((mark.bar,) if mark.bar else ()):
        xs += [scale.px(a), scale.px(b)]
    x0, x1 = min(xs), max(xs)
    if mark.bar or len(mark.bands) > 1:
        return _Extent(x0, x1, attach_right=x1, attach_left=x0)
    # A single band is pale: its label may sit on it, right next to the marker.
    return _Extent(x0, x1, attach_right=centre + radius, attach_left=centre - radius)


def _clear(x0: float, x1: float, walls) -> bool:
    return all(x1 + 3 <= a or x0 - 3 >= b for a, b in walls)


def _label_candidates(text: str, extent: _Extent, plot_width: float, walls) -> list[tuple[float, float, str]]:
    """Where a label may go: right of the mark, else left of it; inside the plot, across no wall."""
    width, _ = markup_size(text, FONT_SIZE)
    right = (extent.attach_right + LABEL_GAP_PX, extent.attach_right + LABEL_GAP_PX + width, "left")
    left = (extent.attach_left - LABEL_GAP_PX - width, extent.attach_left - LABEL_GAP_PX, "right")
    return [(x0, x1, anchor) for x0, x1, anchor in (right, left)
            if x0 >= 0 and x1 <= plot_width and _clear(x0, x1, walls)]


def _fits(row: list[tuple[float, float]], x0: float, x1: float) -> bool:
    return all(x1 + ITEM_GAP_PX <= a or x0 >= b + ITEM_GAP_PX for a, b in row)


def _number_label(number: int) -> str:
    return f'<span style="color:{COLOURS.muted}">{number}</span>'


def _title_label(mark: Mark) -> str:
    number = str(mark.number)
    room = TITLE_MAX_PX - text_width(number + " ")
    title = escape(shorten(mark.event.title, room))
    return f'<span style="color:{COLOURS.muted}">{number}</span> {title}'


def _named_label(mark: Mark, room: float) -> str | None:
    """Number and title within `room` px, the title cut at a word boundary; bold when significance is high."""
    bold = mark.event.significance == "high"
    number = str(mark.number)
    title = fit_words(mark.event.title, min(room, NAMED_TITLE_MAX_PX) - text_width(number + " ", bold=bold), bold=bold)
    if title is None:
        return None
    title = f"<b>{escape(title)}</b>" if bold else escape(title)
    return f'<span style="color:{COLOURS.muted}">{number}</span> {title}'


def _room(occupied: list[tuple[float, float]], extent: _Extent, side: str, plot_width: float,
          walls) -> float:
    """The px free for a label on one side of a mark in a row: up to the next item, the plot edge or a wall."""
    if side == "right":
        start = extent.attach_right + LABEL_GAP_PX
        ends = [a - ITEM_GAP_PX for a, _ in occupied if a >= start] + [plot_width]
        ends += [a - 3 for a, b in walls if b > start - 3]
        return min(ends) - start
    end = extent.attach_left - LABEL_GAP_PX
    starts = [b + ITEM_GAP_PX for _, b in occupied if b <= end] + [0.0]
    starts += [b + 3 for a, b in walls if a < end + 3]
    return end - max(starts)


def _named_spot(rows, mark: Mark, extent: _Extent, plot_width: float, walls, max_rows: int,
                first_row: int = 0):
    """The lowest row where the mark fits with its title cut to the room beside it, or None.

    The room only guides the cut: the label found is then checked by the same
    rules as every other label. Right of the mark is preferred unless the left
    keeps more of the title.
    """
    for row in range(first_row, min(len(rows) + 1, max_rows)):
        occupied = rows[row] if row < len(rows) else []
        best = None
        for side in ("right", "left"):
            room = _room(occupied, extent, side, plot_width, walls) - 0.5  # sums of widths round differently
            text = _named_label(mark, room) if room > 0 else None
            if text is None:
                continue
            anchor = "left" if side == "right" else "right"
            spot = next((c for c in _label_candidates(text, extent, plot_width, walls) if c[2] == anchor), None)
            if spot and _fits(occupied, min(extent.x0, spot[0]), max(extent.x1, spot[1])):
                if best is None or len(text) > len(best[1]):
                    best = (spot, text)
        if best:
            return row, best[0], best[1]
    return None


def _leader_spot(rows, mark: Mark, extent: _Extent, scale: XScale, walls, max_rows: int):
    """A row for the mark and its title in the row just above or below, reached by a leader line, or None.

    The label starts (or ends) LEADER_INSET_PX past the marker's centre, so a
    vertical leader from the marker meets it; it is cut to the room it finds
    in its row and checked by the same rules as every other label.
    """
    centre = scale.px(mark.marker_at)
    # The label's edge is the attach point: a vertical leader at the centre then lands on the label.
    inset = LEADER_INSET_PX + LABEL_GAP_PX
    at = _Extent(centre, centre, attach_right=centre - inset, attach_left=centre + inset)
    for row in range(min(len(rows) + 1, max_rows)):
        if row < len(rows) and not _fits(rows[row], extent.x0, extent.x1):
            continue
        best = None
        for label_row in (row - 1, row + 1):
            if not 0 <= label_row < max_rows:
                continue
            occupied = rows[label_row] if label_row < len(rows) else []
            for side in ("right", "left"):
                room = _room(occupied, at, side, scale.width, walls) - 0.5
                text = _named_label(mark, room) if room > 0 else None
                if text is None:
                    continue
                anchor = "left" if side == "right" else "right"
                spot = next((c for c in _label_candidates(text, at, scale.width, walls) if c[2] == anchor), None)
                if spot and _fits(occupied, spot[0], spot[1]) and (best is None or len(text) > len(best[3])):
                    best = (row, label_row, spot, text)
        if best:
            return best
    return None


def _pack_lane(marks: list[Mark], scale: XScale, walls,
               max_rows: int, *, name_every_event: bool = False) -> tuple[list[_Placed], list[Mark]]:
    """Sub-rows for one lane: each mark, label included, on the lowest row where it fits.

    Also returns the marks that fit in none of the first max_rows rows.
    """
    rows: list[list[tuple[float, float]]] = []
    placed: list[_Placed] = []
    overflow: list[Mark] = []
    # High significance first, so that they are the ones that get their titles.
    order = sorted(marks, key=lambda m: (m.event.significance != "high", m.marker_at, m.number))
    for mark in order:
        extent = _extent(mark, scale)
        # Titles leave the last row to numbers: in a lane cut short, that row
        # keeps more events off the strip of ticks than a few titles would.
        title_rows = min(NAMED_TITLE_ROWS if name_every_event else MAX_TITLE_ROWS, max_rows - 1)
        found = None
        if name_every_event:  # a title may take any row the lane already has, but the last
            rows_for_titles = min(max(title_rows, len(rows)), max_rows - 1)
            found = _named_spot(rows, mark, extent, scale.width, walls, rows_for_titles)
        if found is None and name_every_event:
            # A title away from its mark may open one more row: at this size a title is worth a row.
            away_rows = min(max(rows_for_titles, len(rows)) + 1, max_rows - 1)
            away = _leader_spot(rows, mark, extent, scale, walls, away_rows)
            if away:
                row, label_row, (x0, x1, anchor), text = away
                while len(rows) <= max(row, label_row):
                    rows.append([])
                rows[row].append((extent.x0, extent.x1))
                rows[label_row].append((x0, x1))
                placed.append(_Placed(mark, row, text, x0, x1, anchor, label_row))
                continue
        if found is None:
            options = []
            if mark.event.significance == "high" and not name_every_event:
                options.append((_title_label(mark), title_rows))
            options.append((_number_label(mark.number), max_rows))
            for text, limit in options:
                spot = _find_spot(rows, _label_candidates(text, extent, scale.width, walls), extent, limit)
                if spot:
                    found = (*spot, text)
                    break
        if name_every_event and found and found[0] == len(rows) < max_rows - 1:
            # The number would open a row of its own: the title may as well have it.
            found = _named_spot(rows, mark, extent, scale.width, walls, len(rows) + 1, len(rows)) or found
        if found is None:  # a mark wider than the plot: the number sits on it, next to the marker
            if len(rows) >= max_rows:
                overflow.append(mark)
                continue
            text = _number_label(mark.number)
            width, _ = markup_size(text, FONT_SIZE)
            x0 = min(scale.px(mark.marker_at) + mark.size / 2 + LABEL_GAP_PX, scale.width - width)
            found = (len(rows), (x0, x0 + width, "left"), text)
        row, (x0, x1, anchor), text = found
        while len(rows) <= row:
            rows.append([])
        rows[row].append((min(extent.x0, x0), max(extent.x1, x1)))
        placed.append(_Placed(mark, row, text, x0, x1, anchor))
    return placed, overflow


def _rows_used(placed: list[_Placed]) -> int:
    return max(max(p.row, p.label_row or 0) for p in placed) + 1


def _rows_budget(lanes: int) -> int:
    """Sub-rows for all lanes together: past ROWS_CAP if need be, as lanes are never dropped."""
    return max(ROWS_CAP, MIN_LANE_ROWS * lanes)


def _row_caps(needs: list[int]) -> list[int]:
    """How many sub-rows each lane may keep: its need, within the budget shared by all lanes.

    Lanes that need little keep it all and the rest share what is left evenly,
    so one busy lane cannot squeeze quiet ones.
    """
    budget = _rows_budget(len(needs))
    caps = [0] * len(needs)
    for done, lane in enumerate(sorted(range(len(needs)), key=lambda i: needs[i])):
        share = budget // (len(needs) - done)
        caps[lane] = min(needs[lane], max(share, MIN_LANE_ROWS))
        budget -= caps[lane]
    return caps


def _find_spot(rows, candidates, extent: _Extent, max_rows: int | None):
    """The lowest row (and label position) where the mark and its label fit, or None."""
    limit = len(rows) + 1 if max_rows is None else min(len(rows) + 1, max_rows)
    for row in range(limit):
        occupied = rows[row] if row < len(rows) else []
        for x0, x1, anchor in candidates:
            if _fits(occupied, min(extent.x0, x0), max(extent.x1, x1)):
                return row, (x0, x1, anchor)
    return None


def _as_of_text(as_of: dt.date, *, standalone: bool = False) -> str:
    day = f"{as_of.day} {MONTH_ABBR[as_of.month - 1]} {as_of.year}"
    return day if standalone else f"Information as of {day}"  # a standalone heading says the words


def _heading_lines(title: str) -> tuple[str, ...]:
    """The title in at most HEADING_MAX_LINES lines across the figure, the last cut at a word if need be."""
    room = WIDTH_PX - 2 * HEADING_PAD_PX
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


def _heading(timeline: Timeline) -> Heading:
    return Heading(_heading_lines(timeline.brief.title or " "), information_as_of(timeline.brief.as_of),
                   x=HEADING_PAD_PX, y=HEADING_PAD_PX)


def _heading_px(heading: Heading) -> float:
    """The heading's height: its title lines and the cut-off line under them."""
    return HEADING_PAD_PX + HEADING_LINE_PX * (len(heading.lines) + 1) + HEADING_GAP_PX


def _as_of(as_of: dt.date, scale: XScale, margin_left: float, *, standalone: bool = False) -> AsOf:
    at = end_of(as_of)
    text = _as_of_text(as_of, standalone=standalone)
    x = scale.px(at)
    width, _ = markup_size(text, FONT_SIZE)
    anchor = "center"
    if margin_left + x + width / 2 > WIDTH_PX - 4:
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
    marks = [_mark_for(e, numbers[e.id], lane_index[lane_name(e)]) for e in timeline.events_in_order()]

    lane_labels = [shorten(lane_title(name), LANE_LABEL_MAX_PX, LANE_FONT_SIZE, bold=True) for name in lanes]
    lane_label_px = max(text_width(label, LANE_FONT_SIZE, bold=True) for label in lane_labels)
    margin_left = round(max(80, lane_label_px + 26))
    plot_width = WIDTH_PX - margin_left - MARGIN_RIGHT
    spans = _spans(marks, timeline.brief.as_of)
    scale = time_axis(spans, plot_width, axis=view.axis)
    if not scale.breaks or len(marks) > NAME_EVERY_EVENT_UP_TO:
        return _layout_on(view, scale, marks, lane_labels, margin_left)
    # Titles run on into empty time, so the narrowest break is not always the best:
    # breaks keep the width that leaves the fewest events as bare ticks, then
    # titles the most, the narrowest on a tie; and the axis is not shortened at
    # all when that does better: shortening is kept only where it helps.
    scales = [time_axis(spans, plot_width, keep=keep) for keep in BREAK_KEEP_TRIES]
    scales.append(time_axis(spans, plot_width, axis="linear"))
    tries = [_layout_on(view, scale, marks, lane_labels, margin_left) for scale in scales]
    return max(tries, key=_named_score)  # the first of the best


def _named_score(laid: Layout) -> tuple[int, int]:
    return -len(laid.crowded), sum(d.titled for d in laid.drawn)


def _layout_on(view: FigureView, scale: XScale, marks: list[Mark], lane_labels: list[str],
               margin_left: int) -> Layout:
    """The figure laid out on one time scale."""
    timeline = view.timeline
    plot_width = scale.width
    lanes = lane_labels
    cut_off = scale.px(end_of(timeline.brief.as_of))
    no_cross = walls(scale, cut_off)
    # A first packing tells what each lane needs. It stops at the whole budget,
    # the most any lane can keep, so a huge lane costs no more than a full one
    # (a lane with events left over needs more than that). A lane that needs more
    # than its cap is packed again, so that every event gets its best place among
    # the rows the lane really has: all but the last, which holds its ticks. The
    # ticks taking a row of the cap means crowding never makes a figure taller.
    lane_marks = [[m for m in marks if m.lane == i] for i in range(len(lanes))]
    budget = _rows_budget(len(lanes))
    named = len(marks) <= NAME_EVERY_EVENT_UP_TO
    packed = [_pack_lane(lane, scale, no_cross, budget, name_every_event=named) for lane in lane_marks]
    needs = [_rows_used(placed) + bool(overflow) for placed, overflow in packed]
    caps = _row_caps(needs)
    packed = [first if need <= cap else _pack_lane(lane, scale, no_cross, cap - 1, name_every_event=named)
              for lane, first, need, cap in zip(lane_marks, packed, needs, caps)]
    placed_by_lane = [placed for placed, _ in packed]
    crowded = sorted((m for _, overflow in packed for m in overflow), key=lambda m: m.number)
    crowded_lanes = {m.lane for m in crowded}
    lane_rows = [_rows_used(placed) + (i in crowded_lanes) for i, placed in enumerate(placed_by_lane)]
    total_rows = sum(lane_rows)
    # Dense timelines get tighter rows (never tighter than a label) to keep the page readable.
    row_px = ROW_PX if total_rows * ROW_PX <= ROWS_BUDGET_PX else max(MIN_ROW_PX, ROWS_BUDGET_PX / total_rows)

    # Vertical layout: the y axis counts px from the top of the plot.
    lane_boxes, drawn, tick_y = [], [], {}
    top = 0.0
    for i, (placed, rows) in enumerate(zip(placed_by_lane, lane_rows)):
        height = max(rows * row_px + 2 * LANE_PAD_PX, MIN_LANE_PX)
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
    heading = _heading(timeline) if view.standalone else None
    margin_top = round(MARGIN_TOP + (_heading_px(heading) if heading else 0))
    tick_values, tick_texts = axis_ticks(scale)
    return Layout(
        margin_left=margin_left,
        margin_top=margin_top,
        margin_bottom=margin_bottom,
        height_px=round(plot_height + margin_top + margin_bottom),
        plot_width=plot_width,
        plot_height=plot_height,
        scale=scale,
        lanes=tuple(lane_boxes),
        drawn=tuple(drawn),
        crowded=tuple(Crowded(m, tick_y[m.lane]) for m in crowded),
        as_of=_as_of(timeline.brief.as_of, scale, margin_left, standalone=view.standalone),
        key=tuple(key),
        tick_values=tuple(tick_values),
        tick_texts=tuple(tick_texts),
        heading=heading,
    )
