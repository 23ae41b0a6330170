"""The figure's time axis: a piecewise-linear scale from time to px, with breaks where nothing happened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .style import AXES, AXIS_PAD, BREAK_MARGIN, BREAK_PX, EMPTY_SHARE


@dataclass(frozen=True)
class Piece:
    """A stretch of time drawn linearly from px x0 to x1; `removed` when it is an axis break."""

    start: dt.datetime
    end: dt.datetime
    x0: float
    x1: float
    removed: bool = False

    def px(self, when: dt.datetime) -> float:
        return self.x0 + (when - self.start) / (self.end - self.start) * (self.x1 - self.x0)


@dataclass(frozen=True)
class XScale:
    """Dates -> px from the plot's left edge: piecewise linear, one slope except at the breaks.

    The figure's x axis counts these px, so plotly draws exactly what this maps.
    """

    pieces: tuple[Piece, ...]

    @property
    def start(self) -> dt.datetime:
        return self.pieces[0].start

    @property
    def end(self) -> dt.datetime:
        return self.pieces[-1].end

    @property
    def width(self) -> float:
        return self.pieces[-1].x1

    @property
    def breaks(self) -> tuple[Piece, ...]:
        return tuple(p for p in self.pieces if p.removed)

    def px(self, when: dt.datetime) -> float:
        # Past either end, the end pieces go on at their slope.
        piece = next((p for p in self.pieces if when <= p.end), self.pieces[-1])
        return piece.px(when)


def time_axis(spans, width: float, *, axis: str = "compressed", keep: float = 0.0) -> XScale:
    """The x scale for the time `spans` (start, end) occupy, over `width` px.

    Compressed: an empty stretch between spans longer than EMPTY_SHARE of the
    whole is cut down to a break of BREAK_PX (or to `keep` of the width it
    would have on a linear axis, if that is more), keeping a margin of time on
    both sides so the marks beside it keep some air; what is left is shared by
    the rest at one slope, so the clusters get the room. Linear: one slope
    throughout.
    """
    if axis not in AXES:
        raise ValueError(f"axis must be one of {', '.join(AXES)}, not {axis!r}")
    merged: list[list[dt.datetime]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    first, last = merged[0][0], merged[-1][1]
    span = max(last - first, dt.timedelta(days=1))
    gaps = [(a[1], b[0]) for a, b in zip(merged, merged[1:]) if b[0] - a[1] > span * EMPTY_SHARE]
    if axis == "linear" or width < 4 * BREAK_PX:
        gaps = []
    # The kept time (events, margins and padding) solved so that margins and padding are shares of it.
    occupied = span - sum((b - a for a, b in gaps), dt.timedelta())
    kept = occupied / max(1 - (2 * len(gaps) * BREAK_MARGIN + 2 * AXIS_PAD), 0.5)
    pad = max(kept * AXIS_PAD, dt.timedelta(days=4))
    margin = kept * BREAK_MARGIN
    removed = [(a + margin, b - margin) for a, b in gaps if b - a > 2 * margin]
    bounds = [first - pad, *[t for r in removed for t in r], last + pad]
    kept_time = sum((bounds[i + 1] - bounds[i] for i in range(0, len(bounds), 2)), dt.timedelta())
    linear_slope = width / ((bounds[-1] - bounds[0]) / dt.timedelta(days=1))
    break_px = [max(BREAK_PX, keep * linear_slope * ((b - a) / dt.timedelta(days=1))) for a, b in removed]
    slope = (width - sum(break_px)) / (kept_time / dt.timedelta(days=1))
    pieces, x = [], 0.0
    for i in range(len(bounds) - 1):
        is_break = i % 2 == 1
        days = (bounds[i + 1] - bounds[i]) / dt.timedelta(days=1)
        length = break_px[i // 2] if is_break else slope * days
        pieces.append(Piece(bounds[i], bounds[i + 1], x, x + length, is_break))
        x += length
    pieces[-1] = replace(pieces[-1], x1=width)  # no float drift at the plot's right edge
    return XScale(tuple(pieces))
