"""What the figure shows of a timeline: the view it is drawn from, its lanes, numbers and hover texts.

Lanes are the events' first tags: a tag names the thread an event belongs to,
and every event has at most one first tag, so each event is drawn exactly once
(events without tags share an "Other" lane). Actors were the alternative, but
most events involve several actors and would have to be drawn several times.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Brief, Event, Evidence, Position, Timeline, display_span
from ..wording import information_as_of
from .style import AXES, OTHER_LANE
from .text import escape

_NOWHERE = Position("", 0, 0)


@dataclass(frozen=True)
class FigureView:
    """What a figure is drawn from: the part of the timeline it shows and how its time axis is drawn."""

    timeline: Timeline
    axis: str = "compressed"  # or "linear"
    standalone: bool = False  # drawn with its heading (title, cut-off) for use outside the brief
    paper: str | None = "a4"  # laid out for the brief's figure page on this paper; None: 17 cm wide (`figure_frame`)


def figure_view(timeline: Timeline, *, axis: str = "compressed", standalone: bool = False,
                paper: str = "a4") -> FigureView:
    """The part of a timeline the figure is drawn from, and the drawing's options; `build_figure` reads nothing else.

    Left out: quotes, key judgements, the brief's own text, file names and every
    position in the timeline file. So an edit to any of those, or a comment that
    moves lines, leaves the view equal, and a build can tell that the figure is
    unchanged from the view alone, without drawing it. The options are in the
    view, so a figure drawn otherwise has another view; a standalone view keeps
    the brief's title, which its heading shows. The brief's figure is laid out for
    its page, so the paper is in its view; a standalone image is the same on any paper.
    """
    if axis not in AXES:
        raise ValueError(f"axis must be one of {', '.join(AXES)}, not {axis!r}")

    def unplaced(item):
        return replace(item, at=_NOWHERE, field_at={})

    brief = Brief(at=_NOWHERE, title=timeline.brief.title if standalone else "", summary="",
                  as_of=timeline.brief.as_of)
    events = tuple(
        replace(unplaced(event), evidence=tuple(Evidence(at=_NOWHERE, source=e.source, quote="") for e in event.evidence))
        for event in timeline.events
    )
    sources = tuple(replace(unplaced(source), file="") for source in timeline.sources)
    actors = tuple(unplaced(actor) for actor in timeline.actors)
    shown = Timeline(path=Path(), brief=brief, sources=sources, events=events, actors=actors)
    return FigureView(shown, axis=axis, standalone=standalone, paper=None if standalone else paper)


def html_title(timeline: Timeline) -> str:
    """The page title of the standalone figure's HTML: the brief's title and its cut-off (plain text)."""
    return f"{' '.join(timeline.brief.title.split())} — timeline ({information_as_of(timeline.brief.as_of)})"


def event_numbers(timeline: Timeline) -> dict[str, int]:
    """Event id -> its number in the brief (`Timeline.number`), for every event."""
    return {event.id: timeline.number(event.id) for event in timeline.events}


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


def _wrap(text: str, width: int = 72) -> list[str]:
    return [escape(line) for line in textwrap.wrap(" ".join(text.split()), width)] or [""]


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
