"""The timeline graphic: a Timeline becomes a plotly Figure (pure: no I/O but font metrics).

Lanes are the events' first tags: a tag names the thread an event belongs to,
and every event has at most one first tag, so each event is drawn exactly once
(events without tags share an "Other" lane). Actors were the alternative, but
most events involve several actors and would have to be drawn several times.

Within a lane, overlapping events go into sub-rows, vistime-style: each event
takes the lowest row where it fits, its label included. High-significance
events are placed first so that they get their titles; an event that cannot
show its title without a collision shows its number instead (the number of
`event_numbers`, which the chronology table of the brief uses too).

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
import functools
import html
import re
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .fonts import DEFAULT_FALLBACK, DEFAULT_MAIN, find_font_file, font_face
from .model import MONTH_NAMES, Brief, Event, Evidence, Position, Timeline, display_span

if TYPE_CHECKING:  # plotly is imported by build_figure: a build whose figure is unchanged never needs it
    import plotly.graph_objects as go

WIDTH_PX = 1000
FONT_FAMILY = "DejaVu Sans, NanumGothic, sans-serif"
FONT_SIZE = 12
LANE_FONT_SIZE = 13
LINE_HEIGHT = 1.3  # a line of plotly text is this many times its font size tall

# Okabe–Ito, reordered so the first lanes get the most distinct hues; yellow is
# left out because it vanishes on white.
LANE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#555555"
LANE_STRIPE_COLOUR = "#f3f4f6"
KEY_COLOUR = "#666666"

MARKER_SIZE = {"high": 16, "medium": 11, "low": 8}  # diameter, px
BAR_THICKNESS = {"high": 10, "medium": 8, "low": 6}
BAND_THICKNESS = 14
BAND_OPACITY = 0.22
BAR_OPACITY = 0.55  # light enough for a label to stay readable if it must sit on its own bar

ROW_PX = 30
MIN_ROW_PX = 22  # a label (12 px x 1.3) and a high marker (16 px) with air between rows
ROWS_BUDGET_PX = 480
LANE_PAD_PX = 8
MIN_LANE_PX = 66
# However many events, the rows of all lanes together stay within the budget at
# the tightest row height, so a dense figure keeps to about a landscape page.
ROWS_CAP = ROWS_BUDGET_PX // MIN_ROW_PX
MIN_LANE_ROWS = 3  # a crowded lane keeps a title row, a row for numbers and its row of ticks
TICK_SIZE = 10  # plotly draws a line-ns symbol 1.4 x its size long
TICK_OPACITY = 0.6  # ticks on the same day pile up darker: the strip reads as density
MAX_TITLE_ROWS = 3  # a title may open a new sub-row only up to this many rows per lane
LABEL_GAP_PX = 5  # between a mark and its label
ITEM_GAP_PX = 8  # between two items on one row
TITLE_MAX_PX = 300

MARGIN_TOP = 34
MARGIN_RIGHT = 24
TICK_ZONE_PX = 46  # below the plot: ticks and two-line tick labels
KEY_ZONE_PX = 34
KEY_LINE_PX = 22  # a key too wide for one line goes on to more, this far apart
MARGIN_BOTTOM = TICK_ZONE_PX + KEY_ZONE_PX
LANE_LABEL_MAX_PX = 190

OTHER_LANE = "Other"
MARKERS_TRACE = "events"
CROWDED_TRACE = "crowded"

# ---------------------------------------------------------------- text metrics


@functools.cache
def measuring_fonts(*, bold: bool) -> tuple[str, ...]:
    """The TrueType files Chromium will draw with, in fallback order.

    reportlab's Vera is DejaVu's ancestor with the same Latin metrics: a stand-in
    on machines without DejaVu.
    """
    import reportlab

    # The same files, found the same way, as the brief's default fonts (FONT_FAMILY names them for Chromium).
    main, fallback = (DEFAULT_MAIN[1], DEFAULT_FALLBACK[1]) if bold else (DEFAULT_MAIN[0], DEFAULT_FALLBACK[0])
    vera = Path(reportlab.__file__).parent / "fonts" / ("VeraBd.ttf" if bold else "Vera.ttf")
    found = [find_font_file(main), find_font_file(fallback), vera if vera.is_file() else None]
    return tuple(str(path) for path in found if path is not None)


@functools.cache
def _font_face(path: str):
    """A parsed TrueType file, shared with the brief (parsed only when a character needs it)."""
    return font_face(Path(path))


def text_width(text: str, size: float = FONT_SIZE, *, bold: bool = False) -> float:
    """Width in px of one line of plain text, as Chromium draws it (kerning ignored: errs wide)."""
    files = measuring_fonts(bold=bold)
    units = 0
    for char in text:
        code = ord(char)
        for path in files:
            widths = _font_face(path).charWidths
            if code in widths:
                units += widths[code]
                break
        else:
            units += 1000  # no font has it: about one em
    return units * size / 1000


def _plain(markup: str) -> str:
    """The text a plotly string shows: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def _markup_size(markup: str, size: float) -> tuple[float, float]:
    """Width and height in px of plotly text markup (lines split by <br>)."""
    lines = re.split(r"<br\s*/?>", markup)
    bold = "<b>" in markup
    width = max(text_width(_plain(line), size, bold=bold) for line in lines)
    return width, len(lines) * size * LINE_HEIGHT


def _escape(text: str) -> str:
    """User text for plotly markup: `<` and `&` must show literally."""
    return html.escape(text, quote=False)


def _shorten(text: str, max_px: float, size: float = FONT_SIZE, *, bold: bool = False) -> str:
    """Cut at a word boundary with an ellipsis so the text fits max_px."""
    if text_width(text, size, bold=bold) <= max_px:
        return text
    words = text.split()
    while len(words) > 1 and text_width(" ".join(words) + "…", size, bold=bold) > max_px:
        words.pop()
    short = " ".join(words)
    while short and text_width(short + "…", size, bold=bold) > max_px:
        short = short[:-1]
    return short.rstrip(" ,;:–-") + "…"


# ---------------------------------------------------------------- public helpers


@dataclass(frozen=True)
class Box:
    """A rectangle in figure pixels (origin top left), and what it holds."""

    x0: float
    y0: float
    x1: float
    y1: float
    kind: str  # "label", "marker", "band", "bar", "tick", "lane", "as_of", "key"
    event: str | None = None  # event id, for event labels and marks

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def event_numbers(timeline: Timeline) -> dict[str, int]:
    """Event id -> its number in the brief: 1-based position in chronological order."""
    return {event.id: i for i, event in enumerate(timeline.events_in_order(), start=1)}


def lane_name(event: Event) -> str:
    """The lane (thread) an event belongs to: its first tag, or "Other"."""
    return event.tags[0] if event.tags else OTHER_LANE


def lane_title(name: str) -> str:
    """A tag as a lane label: "arms-transfers" -> "Arms transfers"."""
    text = re.sub(r"[-_]+", " ", name).strip()
    return text[:1].upper() + text[1:]


def lane_order(timeline: Timeline) -> list[str]:
    """Lanes top to bottom: by their first event, "Other" last."""
    first_seen: dict[str, int] = {}
    for i, event in enumerate(timeline.events_in_order()):
        first_seen.setdefault(lane_name(event), i)
    return sorted(first_seen, key=lambda lane: (lane == OTHER_LANE, first_seen[lane]))


# ---------------------------------------------------------------- geometry


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def _end_of(day: dt.date) -> dt.datetime:
    return _start_of(day) + dt.timedelta(days=1)


@dataclass(frozen=True)
class _XScale:
    """Dates -> px from the plot's left edge, exactly as plotly maps its date axis."""

    start: dt.datetime
    end: dt.datetime
    width: float

    def px(self, when: dt.datetime) -> float:
        return (when - self.start) / (self.end - self.start) * self.width


@dataclass(frozen=True)
class _Mark:
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


def _mark_for(event: Event, number: int, lane: int) -> _Mark:
    start, end = event.date, event.end
    precise = start.precision == "day"
    start_span = (_start_of(start.first_day), _end_of(start.last_day))
    marker_at = start_span[0] + dt.timedelta(hours=12) if precise else start_span[0] + (start_span[1] - start_span[0]) / 2
    bands = [] if precise else [start_span]
    bar = None
    if end is not None and end != start:
        end_span = (_start_of(end.first_day), _end_of(end.last_day))
        if end.precision != "day":
            bands.append(end_span)
        # The certain part runs from where the start must be over to where the end may begin.
        solid_from = start_span[0] if precise else start_span[1]
        solid_to = end_span[1] if end.precision == "day" else end_span[0]
        if solid_to > solid_from:
            bar = (solid_from, solid_to)
    return _Mark(event=event, number=number, lane=lane, marker_at=marker_at,
                 precise=precise, bands=tuple(bands), bar=bar)


def _time_range(marks: list[_Mark], as_of: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The events and the cut-off, with padding so end marks and their labels have room."""
    starts = [m.marker_at for m in marks] + [b[0] for m in marks for b in m.bands]
    ends = [m.marker_at for m in marks] + [b[1] for m in marks for b in m.bands]
    ends += [m.bar[1] for m in marks if m.bar]
    first, last = min(starts), max(max(ends), _end_of(as_of))
    pad = max((last - first) * 0.04, dt.timedelta(days=4))
    return first - pad, last + pad


@dataclass
class _Placed:
    mark: _Mark
    row: int
    label: str  # plotly markup
    label_x0: float  # px in the plot
    label_x1: float
    anchor: str  # "left": the label starts at label_x0; "right": it ends at label_x1


@dataclass(frozen=True)
class _Extent:
    """A mark's horizontal extent in plot px, and where a label may attach."""

    x0: float
    x1: float
    attach_right: float
    attach_left: float


def _extent(mark: _Mark, scale: _XScale) -> _Extent:
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


def _label_candidates(text: str, extent: _Extent, plot_width: float,
                      cut_off: float) -> list[tuple[float, float, str]]:
    """Where a label may go: right of the mark, else left of it; inside the plot, not across the cut-off line."""
    width, _ = _markup_size(text, FONT_SIZE)
    right = (extent.attach_right + LABEL_GAP_PX, extent.attach_right + LABEL_GAP_PX + width, "left")
    left = (extent.attach_left - LABEL_GAP_PX - width, extent.attach_left - LABEL_GAP_PX, "right")
    return [(x0, x1, anchor) for x0, x1, anchor in (right, left)
            if x0 >= 0 and x1 <= plot_width and not x0 - 3 < cut_off < x1 + 3]


def _fits(row: list[tuple[float, float]], x0: float, x1: float) -> bool:
    return all(x1 + ITEM_GAP_PX <= a or x0 >= b + ITEM_GAP_PX for a, b in row)


def _number_label(number: int) -> str:
    return f'<span style="color:{MUTED_COLOUR}">{number}</span>'


def _title_label(mark: _Mark) -> str:
    number = str(mark.number)
    room = TITLE_MAX_PX - text_width(number + " ")
    title = _escape(_shorten(mark.event.title, room))
    return f'<span style="color:{MUTED_COLOUR}">{number}</span> {title}'


def _pack_lane(marks: list[_Mark], scale: _XScale, cut_off: float,
               max_rows: int) -> tuple[list[_Placed], list[_Mark]]:
    """Sub-rows for one lane: each mark, label included, on the lowest row where it fits.

    Also returns the marks that fit in none of the first max_rows rows.
    """
    rows: list[list[tuple[float, float]]] = []
    placed: list[_Placed] = []
    overflow: list[_Mark] = []
    # High significance first, so that they are the ones that get their titles.
    order = sorted(marks, key=lambda m: (m.event.significance != "high", m.marker_at, m.number))
    for mark in order:
        extent = _extent(mark, scale)
        options = []
        if mark.event.significance == "high":
            # Titles leave the last row to numbers: in a lane cut short, that row
            # keeps more events off the strip of ticks than a few titles would.
            options.append((_title_label(mark), min(MAX_TITLE_ROWS, max_rows - 1)))
        options.append((_number_label(mark.number), max_rows))
        for text, limit in options:
            spot = _find_spot(rows, _label_candidates(text, extent, scale.width, cut_off), extent, limit)
            if spot:
                row, (x0, x1, anchor) = spot
                break
        else:  # a mark wider than the plot: the number sits on it, next to the marker
            if len(rows) >= max_rows:
                overflow.append(mark)
                continue
            text = _number_label(mark.number)
            width, _ = _markup_size(text, FONT_SIZE)
            x0 = min(scale.px(mark.marker_at) + mark.size / 2 + LABEL_GAP_PX, scale.width - width)
            x1, anchor, row = x0 + width, "left", len(rows)
        while len(rows) <= row:
            rows.append([])
        rows[row].append((min(extent.x0, x0), max(extent.x1, x1)))
        placed.append(_Placed(mark, row, text, x0, x1, anchor))
    return placed, overflow


def _rows_used(placed: list[_Placed]) -> int:
    return max(p.row for p in placed) + 1


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


# ---------------------------------------------------------------- axis ticks

_MONTH_ABBR = tuple(name[:3] for name in MONTH_NAMES)  # English whatever the locale


def _date_ticks(start: dt.datetime, end: dt.datetime) -> tuple[list[str], list[str]]:
    """Tick positions and labels for the date axis: month starts, or days for a short span."""
    if end - start <= dt.timedelta(days=75):
        return _day_ticks(start, end)
    return _month_ticks(start, end)


def _month_ticks(start: dt.datetime, end: dt.datetime) -> tuple[list[str], list[str]]:
    """Month starts labelled "Jul", with the year under the first tick and under each January."""
    first = start.year * 12 + start.month - 1 + (start != dt.datetime(start.year, start.month, 1))
    last = end.year * 12 + end.month - 1
    span = last - first
    if span <= 180:
        step = next(s for limit, s in ((15, 1), (30, 2), (48, 3), (96, 6), (180, 12)) if span <= limit)
    else:  # decades and more: every 2, 5, 10 … years
        step = 12 * next(y for y in (2, 5, 10, 20, 50, 100, 200, 500, 1000) if span / (12 * y) <= 12)
    values, texts = [], []
    for index in range(-(-first // step) * step, last + 1, step):  # multiples of step: Jan always included
        year, month = divmod(index, 12)
        if step >= 12:
            texts.append(str(year))
        elif not texts or month == 0:
            texts.append(f"{_MONTH_ABBR[month]}<br>{year}")
        else:
            texts.append(_MONTH_ABBR[month])
        values.append(dt.datetime(year, month + 1, 1).isoformat(sep=" "))
    return values, texts


def _day_ticks(start: dt.datetime, end: dt.datetime) -> tuple[list[str], list[str]]:
    """Days labelled "12", with month and year under the first tick and at each new month."""
    days = (end - start).days
    step = next(s for s in (1, 2, 7, 14) if days / s <= 12)
    day = start.date() + dt.timedelta(days=1) if start.time() != dt.time() else start.date()
    values, texts, shown_month = [], [], None
    while _start_of(day) <= end:
        if (day.year, day.month) != shown_month:
            texts.append(f"{day.day}<br>{_MONTH_ABBR[day.month - 1]} {day.year}")
            shown_month = (day.year, day.month)
        else:
            texts.append(str(day.day))
        values.append(_start_of(day).isoformat(sep=" "))
        day += dt.timedelta(days=step)
    return values, texts


# ---------------------------------------------------------------- hover


def _wrap(text: str, width: int = 72) -> list[str]:
    return [_escape(line) for line in textwrap.wrap(" ".join(text.split()), width)] or [""]


def hover_text(timeline: Timeline, event: Event, number: int) -> str:
    """Everything a reader may want on hover, as plotly markup with user text escaped."""
    when = display_span(event.date, event.end)
    if event.place:
        when += f" · {event.place}"
    lines = [f"<b>{line}</b>" for line in _wrap(f"{number}. {event.title}")]
    lines += _wrap(when)
    if event.actors:
        lines += _wrap("Actors: " + ", ".join(timeline.actor_name(a) for a in event.actors))
    lines += _wrap(f"Significance: {event.significance}")
    summary = event.summary if len(event.summary) <= 700 else event.summary[:700].rsplit(" ", 1)[0] + " …"
    lines += ["", *_wrap(summary)]
    cited = list(dict.fromkeys(e.source for e in event.evidence))
    if cited:
        lines += ["", "Sources:"]
    for source_id in cited:
        source = timeline.source(source_id)
        if source is None:
            lines += _wrap(f"• {source_id}")
            continue
        parts = [source.title, source.publisher, source.published.display() if source.published else None]
        lines += _wrap("• " + " — ".join(p for p in parts if p))
    return "<br>".join(lines)


# ---------------------------------------------------------------- the figure


def _as_of_text(as_of: dt.date) -> str:
    return f"Information as of {as_of.day} {_MONTH_ABBR[as_of.month - 1]} {as_of.year}"


_NOWHERE = Position("", 0, 0)


def figure_view(timeline: Timeline) -> Timeline:
    """The part of a timeline the figure is drawn from; `build_figure` reads nothing else.

    Left out: quotes, key judgements, the brief's own text, file names and every
    position in the timeline file. So an edit to any of those, or a comment that
    moves lines, leaves the view equal, and a build can tell that the figure is
    unchanged from the view alone, without drawing it.
    """

    def unplaced(item):
        return replace(item, at=_NOWHERE, field_at={})

    brief = Brief(at=_NOWHERE, title="", summary="", as_of=timeline.brief.as_of)
    events = tuple(
        replace(unplaced(event), evidence=tuple(Evidence(at=_NOWHERE, source=e.source, quote="") for e in event.evidence))
        for event in timeline.events
    )
    sources = tuple(replace(unplaced(source), file="") for source in timeline.sources)
    actors = tuple(unplaced(actor) for actor in timeline.actors)
    return Timeline(path=Path(), brief=brief, sources=sources, events=events, actors=actors)


def build_figure(timeline: Timeline) -> go.Figure:
    """The timeline graphic for `timeline`: lanes per thread, marks per event, the cut-off line."""
    import plotly.graph_objects as go

    if not timeline.events:
        raise ValueError("a timeline figure needs at least one event")
    timeline = figure_view(timeline)
    numbers = event_numbers(timeline)
    lanes = lane_order(timeline)
    lane_index = {name: i for i, name in enumerate(lanes)}
    marks = [_mark_for(e, numbers[e.id], lane_index[lane_name(e)]) for e in timeline.events_in_order()]

    lane_labels = [_shorten(lane_title(name), LANE_LABEL_MAX_PX, LANE_FONT_SIZE, bold=True) for name in lanes]
    lane_label_px = max(text_width(label, LANE_FONT_SIZE, bold=True) for label in lane_labels)
    margin_left = round(max(80, lane_label_px + 26))
    plot_width = WIDTH_PX - margin_left - MARGIN_RIGHT
    x_start, x_end = _time_range(marks, timeline.brief.as_of)
    scale = _XScale(x_start, x_end, plot_width)

    as_of_at = _end_of(timeline.brief.as_of)
    cut_off = scale.px(as_of_at)
    # A first packing tells what each lane needs. It stops at the whole budget,
    # the most any lane can keep, so a huge lane costs no more than a full one
    # (a lane with events left over needs more than that). A lane that needs more
    # than its cap is packed again, so that every event gets its best place among
    # the rows the lane really has: all but the last, which holds its ticks. The
    # ticks taking a row of the cap means crowding never makes a figure taller.
    lane_marks = [[m for m in marks if m.lane == i] for i in range(len(lanes))]
    budget = _rows_budget(len(lanes))
    packed = [_pack_lane(lane, scale, cut_off, budget) for lane in lane_marks]
    needs = [_rows_used(placed) + bool(overflow) for placed, overflow in packed]
    caps = _row_caps(needs)
    packed = [first if need <= cap else _pack_lane(lane, scale, cut_off, cap - 1)
              for lane, first, need, cap in zip(lane_marks, packed, needs, caps)]
    placed_by_lane = [placed for placed, _ in packed]
    crowded = sorted((m for _, overflow in packed for m in overflow), key=lambda m: m.number)
    crowded_lanes = {m.lane for m in crowded}
    lane_rows = [_rows_used(placed) + (i in crowded_lanes) for i, placed in enumerate(placed_by_lane)]
    total_rows = sum(lane_rows)
    # Dense timelines get tighter rows (never tighter than a label) to keep the page readable.
    row_px = ROW_PX if total_rows * ROW_PX <= ROWS_BUDGET_PX else max(MIN_ROW_PX, ROWS_BUDGET_PX / total_rows)

    # Vertical layout: the y axis counts px from the top of the plot.
    lane_tops, row_y, tick_y = [], {}, {}
    top = 0.0
    for i, (placed, rows) in enumerate(zip(placed_by_lane, lane_rows)):
        height = max(rows * row_px + 2 * LANE_PAD_PX, MIN_LANE_PX)
        first_row_y = top + (height - rows * row_px) / 2 + row_px / 2
        for p in placed:
            row_y[p.mark.event.id] = first_row_y + p.row * row_px
        tick_y[i] = first_row_y + (rows - 1) * row_px  # the last row: only crowded lanes have ticks
        lane_tops.append((top, top + height))
        top += height
    plot_height = top

    fig = go.Figure()
    shapes, annotations = [], []

    for i, (y0, y1) in enumerate(lane_tops):
        colour = LANE_COLOURS[i % len(LANE_COLOURS)]
        if i % 2 == 0:
            shapes.append(dict(type="rect", xref="paper", yref="y", x0=0, x1=1, y0=y0, y1=y1,
                               fillcolor=LANE_STRIPE_COLOUR, line_width=0, layer="below"))
        shapes.append(dict(type="rect", xref="paper", yref="y", x0=0, x1=4 / plot_width, y0=y0, y1=y1,
                           fillcolor=colour, line_width=0, layer="below"))
        annotations.append(dict(name="lane", text=f"<b>{_escape(lane_labels[i])}</b>", xref="paper", yref="y",
                                x=0, xshift=-12, xanchor="right", y=(y0 + y1) / 2, yanchor="middle",
                                showarrow=False, borderpad=0, borderwidth=0,
                                font=dict(size=LANE_FONT_SIZE, color=TEXT_COLOUR)))

    def when(t: dt.datetime) -> str:
        return t.isoformat(sep=" ")

    for placed in placed_by_lane:
        for p in placed:
            mark, y = p.mark, row_y[p.mark.event.id]
            colour = LANE_COLOURS[mark.lane % len(LANE_COLOURS)]
            for a, b in mark.bands:
                shapes.append(dict(type="rect", name=f"band:{mark.event.id}", xref="x", yref="y",
                                   x0=when(a), x1=when(b), y0=y - BAND_THICKNESS / 2, y1=y + BAND_THICKNESS / 2,
                                   fillcolor=colour, opacity=BAND_OPACITY, line_width=0, layer="between"))
            if mark.bar:
                half = BAR_THICKNESS.get(mark.event.significance, BAR_THICKNESS["medium"]) / 2
                shapes.append(dict(type="rect", name=f"bar:{mark.event.id}", xref="x", yref="y",
                                   x0=when(mark.bar[0]), x1=when(mark.bar[1]), y0=y - half, y1=y + half,
                                   fillcolor=colour, opacity=BAR_OPACITY, line_width=0, layer="between"))
            # xshift carries the label's exact px offset from its anchor date (the marker).
            anchor_px = scale.px(mark.marker_at)
            x = p.label_x0 if p.anchor == "left" else p.label_x1
            annotations.append(dict(name=f"label:{mark.event.id}", text=p.label, xref="x", yref="y",
                                    x=when(mark.marker_at), xshift=round(x - anchor_px, 2), xanchor=p.anchor,
                                    y=y, yanchor="middle", showarrow=False, borderpad=0, borderwidth=0,
                                    font=dict(size=FONT_SIZE, color=TEXT_COLOUR)))

    ordered = sorted((p for placed in placed_by_lane for p in placed), key=lambda p: p.mark.number)
    colours = [LANE_COLOURS[p.mark.lane % len(LANE_COLOURS)] for p in ordered]
    # Known day: filled marker. Known month or year only: hollow marker (white fill, coloured ring).
    fills = [colour if p.mark.precise else "white" for p, colour in zip(ordered, colours)]
    rings = ["white" if p.mark.precise else colour for p, colour in zip(ordered, colours)]
    fig.add_trace(go.Scatter(
        name=MARKERS_TRACE,
        x=[when(p.mark.marker_at) for p in ordered],
        y=[row_y[p.mark.event.id] for p in ordered],
        mode="markers",
        customdata=[[p.mark.event.id, p.mark.number] for p in ordered],
        hovertext=[hover_text(timeline, p.mark.event, p.mark.number) for p in ordered],
        hoverinfo="text",
        cliponaxis=False,
        showlegend=False,
        marker=dict(
            size=[p.mark.size for p in ordered],
            color=fills,
            line=dict(color=rings, width=[1 if p.mark.precise else 2 for p in ordered]),
            opacity=1,
        ),
    ))
    if crowded:
        tick_colours = [LANE_COLOURS[m.lane % len(LANE_COLOURS)] for m in crowded]
        fig.add_trace(go.Scatter(
            name=CROWDED_TRACE,
            x=[when(m.marker_at) for m in crowded],
            y=[tick_y[m.lane] for m in crowded],
            mode="markers",
            customdata=[[m.event.id, m.number] for m in crowded],
            hovertext=[hover_text(timeline, m.event, m.number) for m in crowded],
            hoverinfo="text",
            cliponaxis=False,
            showlegend=False,
            marker=dict(symbol="line-ns-open", size=TICK_SIZE, color=tick_colours, opacity=TICK_OPACITY,
                        line=dict(color=tick_colours, width=1)),
        ))

    shapes.append(dict(type="line", name="as_of", xref="x", yref="paper", x0=when(as_of_at), x1=when(as_of_at),
                       y0=0, y1=1, line=dict(color="#333333", width=1.5, dash="dash"), layer="between"))
    as_of_text = _as_of_text(timeline.brief.as_of)
    as_of_px = scale.px(as_of_at)
    as_of_w, _ = _markup_size(as_of_text, FONT_SIZE)
    # Centred over the line unless that would run off the figure.
    anchor = "center"
    if margin_left + as_of_px + as_of_w / 2 > WIDTH_PX - 4:
        anchor = "right"
    elif as_of_px - as_of_w / 2 < 0:
        anchor = "left"
    annotations.append(dict(name="as_of", text=as_of_text, xref="x", yref="paper", x=when(as_of_at), xanchor=anchor,
                            y=1, yanchor="bottom", yshift=4, showarrow=False, borderpad=0, borderwidth=0,
                            font=dict(size=FONT_SIZE, color="#333333")))

    drawn = [p.mark for placed in placed_by_lane for p in placed]
    key_shapes, key_annotations, key_lines = _key(drawn, bool(crowded), plot_width, plot_height, margin_left)
    shapes += key_shapes
    annotations += key_annotations
    margin_bottom = MARGIN_BOTTOM + (key_lines - 1) * KEY_LINE_PX
    height_px = round(plot_height + MARGIN_TOP + margin_bottom)

    tick_values, tick_texts = _date_ticks(x_start, x_end)
    fig.update_layout(
        template="none",
        width=WIDTH_PX,
        height=height_px,
        margin=dict(l=margin_left, r=MARGIN_RIGHT, t=MARGIN_TOP, b=margin_bottom, pad=0, autoexpand=False),
        paper_bgcolor="white",
        plot_bgcolor="white",
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=TEXT_COLOUR),
        showlegend=False,
        hovermode="closest",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=FONT_SIZE), align="left", bgcolor="white"),
        xaxis=dict(type="date", range=[when(x_start), when(x_end)], autorange=False, fixedrange=False,
                   tickmode="array", tickvals=tick_values, ticktext=tick_texts, ticks="outside", ticklen=4,
                   tickcolor="#888888", showline=True, linecolor="#888888", showgrid=True, gridcolor="#e5e5e5",
                   gridwidth=1, zeroline=False, tickfont=dict(size=FONT_SIZE, color="#333333")),
        yaxis=dict(range=[plot_height, 0], autorange=False, visible=False, fixedrange=True),
        shapes=shapes,
        annotations=annotations,
    )
    return fig


def _key(marks: list[_Mark], crowded: bool, plot_width: float, plot_height: float,
         margin_left: float) -> tuple[list[dict], list[dict], int]:
    """A key under the axis explaining only the encodings this figure uses, and its number of lines."""
    entries = [("dot", "exact day")]
    if any(m.bands for m in marks):
        entries.append(("band", "month or year only (band = whole period)"))
    if any(m.bar for m in marks):
        entries.append(("bar", "duration"))
    if len({m.event.significance for m in marks}) > 1:
        entries.append(("sizes", "size = significance"))
    entries.append(("number", f'<span style="color:{MUTED_COLOUR}">12</span> = number in the chronology'))
    if crowded:
        entries.append(("ticks", "too crowded to label: see the chronology"))

    glyph_widths = {"dot": 12, "band": 34, "bar": 30, "number": 0, "ticks": 10,
                    "sizes": sum(MARKER_SIZE.values()) + 4 * (len(MARKER_SIZE) - 1)}
    widths = [glyph_widths[kind] + (6 if glyph_widths[kind] else 0) + _markup_size(text, FONT_SIZE)[0]
              for kind, text in entries]

    def line_width(line: list) -> float:
        return sum(width for _, width in line) + 22 * (len(line) - 1)

    # One line if it fits the figure, else as many as it takes: never clipped.
    room = plot_width + margin_left - 10
    lines: list[list] = [[]]
    for entry in zip(entries, widths):
        if lines[-1] and line_width(lines[-1] + [entry]) > room:
            lines.append([])
        lines[-1].append(entry)
    total = max(line_width(line) for line in lines)
    # Aligned with the plot when it fits, else as far left as the figure allows.
    left = 0.0 if total <= plot_width else max(plot_width - total, 10 - margin_left)

    def paper_x(px: float) -> float:
        return px / plot_width

    def paper_y(px: float) -> float:
        return 1 - px / plot_height

    def rect(x0: float, x1: float, y: float, half_height: float, opacity: float) -> dict:
        return dict(type="rect", xref="paper", yref="paper", x0=paper_x(x0), x1=paper_x(x1),
                    y0=paper_y(y + half_height), y1=paper_y(y - half_height),
                    fillcolor=KEY_COLOUR, opacity=opacity, line_width=0)

    def circle(centre: float, y: float, size: float, *, filled: bool) -> dict:
        r = size / 2
        return dict(type="circle", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel",
                    xanchor=paper_x(centre), yanchor=paper_y(y), x0=-r, x1=r, y0=-r, y1=r,
                    fillcolor=KEY_COLOUR if filled else "white",
                    line=dict(color="white" if filled else KEY_COLOUR, width=1 if filled else 2))

    def tick(x: float, y: float) -> dict:
        half = 0.7 * TICK_SIZE  # as long as the ticks in the plot
        return dict(type="line", xref="paper", yref="paper", x0=paper_x(x), x1=paper_x(x),
                    y0=paper_y(y + half), y1=paper_y(y - half), line=dict(color=KEY_COLOUR, width=1))

    shapes, annotations = [], []
    for number, line in enumerate(lines):
        y_px = plot_height + TICK_ZONE_PX + KEY_ZONE_PX / 2 + number * KEY_LINE_PX  # below the plot's top
        x = left
        for (kind, text), width in line:
            if kind == "dot":
                shapes.append(circle(x + 6, y_px, MARKER_SIZE["medium"], filled=True))
            elif kind == "band":
                shapes += [rect(x, x + 34, y_px, BAND_THICKNESS / 2, BAND_OPACITY),
                           circle(x + 17, y_px, MARKER_SIZE["medium"], filled=False)]
            elif kind == "bar":
                shapes.append(rect(x, x + 30, y_px, BAR_THICKNESS["medium"] / 2, BAR_OPACITY))
            elif kind == "sizes":
                at = x
                for size in MARKER_SIZE.values():
                    shapes.append(circle(at + size / 2, y_px, size, filled=True))
                    at += size + 4
            elif kind == "ticks":  # a few, as a crowded strip shows them
                shapes += [tick(x + 1, y_px), tick(x + 5, y_px), tick(x + 9, y_px)]
            text_x = x + width - _markup_size(text, FONT_SIZE)[0]
            annotations.append(dict(name="key", text=text, xref="paper", yref="paper", x=paper_x(text_x),
                                    xanchor="left", y=paper_y(y_px), yanchor="middle", showarrow=False,
                                    borderpad=0, borderwidth=0, font=dict(size=FONT_SIZE, color="#333333")))
            x += width + 22
    return shapes, annotations, len(lines)


# ---------------------------------------------------------------- checking a figure


def _parse_when(value) -> dt.datetime:
    return dt.datetime.fromisoformat(str(value))


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
    x_start, x_end = (_parse_when(v) for v in layout.xaxis.range)
    y_bottom, y_top = layout.yaxis.range

    def x_px(value, ref: str) -> float:
        if ref == "paper":
            return margin.l + value * plot_w
        return margin.l + (_parse_when(value) - x_start) / (x_end - x_start) * plot_w

    def y_px(value, ref: str) -> float:
        if ref == "paper":
            return margin.t + (1 - value) * plot_h
        return margin.t + (y_top - value) / (y_top - y_bottom) * plot_h

    boxes = []
    for note in layout.annotations:
        size = note.font.size or layout.font.size
        width, height = _markup_size(note.text, size)
        x = x_px(note.x, note.xref) + (note.xshift or 0)
        y = y_px(note.y, note.yref) - (note.yshift or 0)
        x0 = {"left": x, "right": x - width}.get(note.xanchor, x - width / 2)
        y0 = {"top": y, "bottom": y - height}.get(note.yanchor, y - height / 2)
        kind, _, event = (note.name or "").partition(":")
        boxes.append(Box(x0, y0, x0 + width, y0 + height, "label" if event else kind, event or None))

    for shape in layout.shapes:
        kind, _, event = (shape.name or "").partition(":")
        if kind in ("band", "bar"):
            xs = sorted((x_px(shape.x0, shape.xref), x_px(shape.x1, shape.xref)))
            ys = sorted((y_px(shape.y0, shape.yref), y_px(shape.y1, shape.yref)))
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
