"""The key judgements, each with its confidence and the events it rests on."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from ..context import Context
from ..flowables import Paragraph
from ..navigation import Heading, Mark
from ..styles import indented, with_bullet


def judgements(ctx: Context) -> list[Flowable]:
    brief, s = ctx.timeline.brief, ctx.styles
    if not brief.judgements:
        return []
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Heading("Key judgements", s.h1, Mark("judgements", "Key judgements", 0, "Key judgements")),
    ]
    for number, judgement in enumerate(brief.judgements, 1):
        text = Paragraph(ctx.t(judgement.text), with_bullet(s.judgement, s.judgement_number),
                         bulletText=f"{number}.")
        meta = f"<b>Confidence: {escape(judgement.confidence)}</b>"
        if judgement.events:
            in_order = sorted(judgement.events, key=lambda e: ctx.event_number.get(e, 0))
            links = "; ".join(ctx.event_link(e) for e in in_order)
            meta += f" &nbsp;·&nbsp; Rests on {links}"
        story.append(KeepTogether([text, Paragraph(meta, indented(s.meta, 18))]))
    return story
