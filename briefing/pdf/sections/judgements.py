"""What the key judgements rest on: the source summary statement, then one row per judgement
with the events it cites and their sources. The judgements themselves are on the cover."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from ...sourcing import source_summary
from ..context import Context, short
from ..flowables import Paragraph
from ..navigation import Heading, Mark

TITLE = "Key judgements: sources"
JUDGEMENT_CHARS = 160  # of the judgement's text in its row; the cover has it whole


def judgements(ctx: Context) -> list[Flowable]:
    brief, s = ctx.timeline.brief, ctx.styles
    if not brief.judgements:
        return []
    summary = source_summary(ctx.timeline)
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Heading(TITLE, s.h1, Mark("judgements", TITLE, 0, TITLE)),
        Paragraph(escape(summary.sentence()), s.body),
    ]
    footing = {n: "single source" for n in summary.single_source}
    for n in summary.opinion_only:
        footing[n] = "single opinion piece" if n in footing else "opinion pieces only"
    head = [Paragraph(label, s.table_head) for label in ("No.", "Judgement", "Confidence", "Rests on", "Sources")]
    rows = []
    for number, judgement in enumerate(brief.judgements, 1):
        events = sorted((e for e in judgement.events if e in ctx.event_number), key=ctx.event_number.get)
        cited = sorted({src for e in events for src in ctx.timeline.event(e).cited_sources},
                       key=lambda i: ctx.source_number.get(i, 0))
        sources = " ".join(ctx.cite(src) for src in cited) or "–"
        if number in footing:
            sources += f"<br/><i>{footing[number]}</i>"
        rows.append([
            Paragraph(f"{number}.", s.table_cell),
            Paragraph(ctx.t(short(judgement.text, JUDGEMENT_CHARS)), s.table_cell),
            Paragraph(escape(judgement.confidence), s.table_cell),
            Paragraph("; ".join(ctx.event_link(e) for e in events) or "no event", s.table_cell),
            Paragraph(sources, s.table_cell),
        ])
    story.append(ctx.long_table(head, rows, ["5%", "36%", "13%", "30%", "16%"]))
    return story
