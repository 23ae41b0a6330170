"""The timeline figure on a landscape page of its own."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ..context import Context, events_period
from ..embed import EmbeddedFigure, FigureSlot
from ..flowables import Paragraph
from ..navigation import Heading, Mark


def figure_page(ctx: Context, figure: EmbeddedFigure | None) -> tuple[list[Flowable], FigureSlot | None]:
    s = ctx.styles
    if figure is None:
        return [PageBreak()], None
    count = len(ctx.events)
    caption = (f"<b>Figure 1.</b> The timeline of events, {escape(events_period(ctx.events))}. "
               f"Numbered markers refer to the chronology and to the event sections (1–{count}).")
    caption_para = Paragraph(caption, s.caption)
    slot = FigureSlot(figure, caption_para)
    story = [
        NextPageTemplate("landscape"), PageBreak(),
        Heading("Timeline", s.h1, Mark("figure", "Timeline figure", 0, "Timeline figure")),
        slot, caption_para,
        NextPageTemplate("body"), PageBreak(),
    ]
    return story, slot
