"""The timeline figure on a landscape page of its own."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ..context import Context, events_period
from ..embed import FigureSlot
from ..flowables import Paragraph
from ..navigation import Heading, Mark
from ..styles import CAPTION_LEADING, H1_LEADING, H1_SPACE_AFTER

# The figure page's text, in pt: the heading (a line of h1 and the space under it; the frame
# drops the space above) and a caption of up to two lines under FigureSlot's gap. The figure
# is laid out for the rest of the landscape frame (`document.figure_room`).
TEXT_AROUND_FIGURE_PT = H1_LEADING + H1_SPACE_AFTER + 2 * CAPTION_LEADING + FigureSlot.CAPTION_GAP_PT


def figure_page(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    if ctx.figure is None:
        return [PageBreak()]
    count = len(ctx.events)
    caption = (f"<b>Figure 1.</b> The timeline of events, {escape(events_period(ctx.events))}. "
               f"Numbered markers refer to the chronology and to the event sections (1–{count}).")
    caption_para = Paragraph(caption, s.caption)
    return [
        NextPageTemplate("landscape"), PageBreak(),
        Heading("Timeline", s.h1, Mark("figure", "Timeline figure", 0, "Timeline figure")),
        FigureSlot(ctx.figure, caption_para), caption_para,
        NextPageTemplate("body"), PageBreak(),
    ]
