"""How each event is drawn in time: its marker, the bands of an uncertain date and the bar of a duration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Event
from .style import BAR_THICKNESS, MARKER_SIZE
from .ticks import end_of, start_of


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


def mark_for(event: Event, number: int, lane: int) -> Mark:
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


def time_spans(marks: list[Mark], as_of: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The time each mark covers, and the cut-off: what the axis must show at full scale."""
    spans = [(end_of(as_of), end_of(as_of))]
    for m in marks:
        half_day = dt.timedelta(hours=12)
        spans.append((m.marker_at - half_day, m.marker_at + half_day))
        spans += list(m.bands) + ([m.bar] if m.bar else [])
    return spans
