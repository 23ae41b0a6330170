"""The chronology: one table row per event, in date order."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

from ...model import display_span
from ..context import Context, events_period
from ..flowables import Paragraph
from ..navigation import Heading, Mark
from ..styles import ACCENT


def chronology(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [Heading("Chronology", s.h1, Mark("chronology", "Chronology", 0, "Chronology"))]
    story.append(Paragraph(
        f"{len(ctx.events)} events, {escape(events_period(ctx.events))}, in date order. Dates are as precise "
        "as the sources allow; the numbers are those of the figure and of the event sections.", s.meta))
    head = ["No.", "Date", "Event", "Place", "Actors", "Sources"]
    rows = [[Paragraph(label, s.table_head) for label in head]]
    for event in ctx.events:
        number = ctx.event_number[event.id]
        rows.append([
            Paragraph(f'<a href="#{ctx.event_anchor(event.id)}" color="{ACCENT.hexval()}">{number}</a>', s.table_cell),
            Paragraph(escape(display_span(event.date, event.end)), s.table_cell),
            Paragraph(f'<a href="#{ctx.event_anchor(event.id)}">{ctx.t(event.title)}</a>', s.table_cell),
            Paragraph(ctx.t(event.place or "–"), s.table_cell),
            Paragraph(ctx.t(", ".join(ctx.timeline.actor_name(a) for a in event.actors) or "–"), s.table_cell),
            Paragraph(" ".join(ctx.cite(src) for src in sorted(event.cited_sources,
                                                               key=lambda i: ctx.source_number.get(i, 0))),
                      s.table_cell),
        ])
    widths = [0.05, 0.15, 0.33, 0.14, 0.22, 0.11]
    story.append(ctx.long_table(rows[0], rows[1:], [f"{w * 100:.0f}%" for w in widths], zebra=True))
    return story
