"""The chronology: one table row per event, in date order, and its place beside the figure page."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

from ...model import display_span
from ..context import Context, events_period, hyphenated
from ..flowables import Paragraph, TwoPlaces
from ..navigation import Heading, Mark
from ..styles import ACCENT
from .contents import CONTENTS_FROM_EVENTS
from .figure import figure_page


def figure_and_chronology(ctx: Context) -> list[Flowable]:
    """The figure page and the chronology. A short brief's chronology goes before the figure page
    when it fits whole in what is left of the page there, rather than alone on a page after it;
    otherwise it follows the figure, and the events follow it on its page.

    A brief with a contents page keeps the one order: its contents lists the sections in the
    order of the story, fixed before the pages are laid out.
    """
    table, figure = chronology(ctx), figure_page(ctx)
    if len(ctx.events) >= CONTENTS_FROM_EVENTS:
        return [*figure, *table]
    run = TwoPlaces(table)
    return [run.first(), *figure, run.second()]


def chronology(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [Heading("Chronology", s.h1, Mark("chronology", "Chronology", 0, "Chronology"))]
    story.append(Paragraph(
        f"{len(ctx.events)} events, {escape(events_period(ctx.events))}, in date order. Dates are as precise "
        "as the sources allow; the numbers are those of the figure and of the event sections.", s.meta))
    head = ["No.", "Date", "Event", "Place", "Actors", "Sources"]
    rows = [[Paragraph(label, s.table_head) for label in head]]
    widths = [0.05, 0.15, 0.33, 0.14, 0.22, 0.11]
    size = s.table_cell.fontSize

    def fitted(text: str, column: int) -> str:
        # A word wider than its column is cut with a hyphen, never split bare ("Eyjafjallajökul|l").
        room = widths[column] * ctx.frame_width - 8
        return ctx.t(hyphenated(" ".join(text.split()), room, lambda piece: ctx.fonts.width(piece, size)))

    for event in ctx.events:
        number = ctx.event_number[event.id]
        rows.append([
            Paragraph(f'<a href="#{ctx.event_anchor(event.id)}" color="{ACCENT.hexval()}">{number}</a>', s.table_cell),
            Paragraph(escape(display_span(event.date, event.end)), s.table_cell),
            Paragraph(f'<a href="#{ctx.event_anchor(event.id)}">{fitted(event.title, 2)}</a>', s.table_cell),
            Paragraph(fitted(event.place or "–", 3), s.table_cell),
            Paragraph(fitted(", ".join(ctx.timeline.actor_name(a) for a in event.actors) or "–", 4), s.table_cell),
            Paragraph(" ".join(ctx.cite(src) for src in sorted(event.cited_sources,
                                                               key=lambda i: ctx.source_number.get(i, 0))),
                      s.table_cell),
        ])
    story.append(ctx.long_table(rows[0], rows[1:], [f"{w * 100:.0f}%" for w in widths], zebra=True))
    return story
