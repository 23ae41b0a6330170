"""Where each event's label goes: sub-rows within a lane, each mark with its title or its number.

Within a lane, overlapping events go into sub-rows, vistime-style: each event
takes the lowest row where it fits, its label included. High-significance
events are placed first so that they get their titles. Up to
NAME_EVERY_EVENT_UP_TO events every event is offered its title, cut at a word
boundary to the room beside its mark; past that only high-significance events
are. An event that cannot show (enough of) its title without a collision
shows its number instead (the number of `event_numbers`, which the
chronology table of the brief uses too). A title with no room beside its mark
may sit in the row above or below, on a leader line.

Every position is in plot px, from the time scale and real font metrics; no
label crosses a wall (the cut-off line, an axis break).
"""

from __future__ import annotations

from dataclasses import dataclass

from .axis import XScale
from .marks import Mark
from .style import (
    BREAK_GAP_PX,
    COLOURS,
    FONT_SIZE,
    ITEM_GAP_PX,
    LABEL_GAP_PX,
    LEADER_INSET_PX,
    MAX_TITLE_ROWS,
    NAMED_TITLE_MAX_PX,
    NAMED_TITLE_ROWS,
    TITLE_MAX_PX,
)
from .text import escape, fit_words, markup_size, shorten, text_width


def walls(scale: XScale, cut_off: float) -> tuple[tuple[float, float], ...]:
    """What no label may cross, in plot px: the cut-off line and each axis break's gap."""
    gaps = tuple((b.x0 + b.x1) / 2 for b in scale.breaks)
    return ((cut_off, cut_off), *((x - BREAK_GAP_PX / 2, x + BREAK_GAP_PX / 2) for x in gaps))


@dataclass
class Placed:
    """A mark on its sub-row of a lane, and its label: the text and where it starts and ends."""

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
    """The lowest row where the mark fits with its whole title, else the lowest where it fits with
    its title cut to the room beside it, or None.

    The room only guides the cut: the label found is then checked by the same
    rules as every other label. Right of the mark is preferred unless the left
    keeps more of the title.
    """
    cut = None
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
        if best and not shortened(best[1]):
            return row, best[0], best[1]
        if best and cut is None:
            cut = row, best[0], best[1]
    return cut


def shortened(label: str) -> bool:
    """The label's title is cut to its room (the whole of it is in the hover and the chronology)."""
    return label.removesuffix("</b>").endswith("…")


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


def pack_lane(marks: list[Mark], scale: XScale, walls,
               max_rows: int, *, name_every_event: bool = False) -> tuple[list[Placed], list[Mark]]:
    """Sub-rows for one lane: each mark, label included, on the lowest row where it fits.

    Also returns the marks that fit in none of the first max_rows rows.
    """
    rows: list[list[tuple[float, float]]] = []
    placed: list[Placed] = []
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
                placed.append(Placed(mark, row, text, x0, x1, anchor, label_row))
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
        placed.append(Placed(mark, row, text, x0, x1, anchor))
    return placed, overflow


def rows_used(placed: list[Placed]) -> int:
    return max(max(p.row, p.label_row or 0) for p in placed) + 1


def _find_spot(rows, candidates, extent: _Extent, max_rows: int | None):
    """The lowest row (and label position) where the mark and its label fit, or None."""
    limit = len(rows) + 1 if max_rows is None else min(len(rows) + 1, max_rows)
    for row in range(limit):
        occupied = rows[row] if row < len(rows) else []
        for x0, x1, anchor in candidates:
            if _fits(occupied, min(extent.x0, x0), max(extent.x1, x1)):
                return row, (x0, x1, anchor)
    return None
