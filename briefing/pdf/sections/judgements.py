"""What the key judgements rest on: the source summary statement, then one row per judgement
with the events it cites and their sources. The judgements themselves are on the cover."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from ...sourcing import source_summary
from ..context import Context
from ..flowables import Paragraph
from ..navigation import Heading, Mark
from ..styles import TABLE_SIDE_PADDING

TITLE = "Key judgements: sources"
HEADS = ("No.", "Judgement", "Confidence", "Rests on", "Sources")
SOURCES_MAX_SHARE = 0.2  # of the table's width: more source numbers wrap onto another line
# Of the width the number, confidence and sources leave, the judgement's shares tried (widest first);
# the events it rests on get the rest.
JUDGEMENT_SHARES = (0.6, 0.55, 0.5, 0.45, 0.4)


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
    head = [Paragraph(label, s.table_head) for label in HEADS]
    rows, cells = [], []  # cells: each row's plain text of the narrow columns, to size them
    for number, judgement in enumerate(brief.judgements, 1):
        events = sorted((e for e in judgement.events if e in ctx.event_number), key=ctx.event_number.get)
        cited = sorted({src for e in events for src in ctx.timeline.event(e).cited_sources},
                       key=lambda i: ctx.source_number.get(i, 0))
        sources = " ".join(ctx.cite(src) for src in cited) or "–"
        if number in footing:
            sources += f"<br/><i>{footing[number]}</i>"
        rows.append([
            Paragraph(f"{number}.", s.table_cell),
            Paragraph(ctx.t(judgement.text), s.table_cell),
            Paragraph(escape(judgement.confidence), s.table_cell),
            Paragraph("; ".join(ctx.event_link(e) for e in events) or "no event", s.table_cell),
            Paragraph(sources, s.table_cell),
        ])
        numbers = " ".join(f"[{ctx.source_number[src]}]" for src in cited if src in ctx.source_number)
        cells.append((f"{number}.", judgement.confidence, numbers, footing.get(number, "")))
    story.append(ctx.long_table(head, rows, _column_widths(ctx, rows, cells)))
    return story


def _column_widths(ctx: Context, rows: list[list[Paragraph]], cells: list[tuple[str, str, str, str]]) -> list[float]:
    """The number, confidence and sources columns as wide as their widest line; the judgement
    and the events it rests on, the long texts, share the rest so that the table is shortest."""
    s, width = ctx.styles, ctx.frame_width

    def fitting(head: str, texts: list[str]) -> float:
        size = s.table_cell.fontSize
        widest = max([ctx.fonts.width(head, s.table_head.fontSize, "bold"),
                      *(ctx.fonts.width(text, size) for text in texts)])
        return widest + 2 * TABLE_SIDE_PADDING + 1  # a point to spare: a line exactly as wide would wrap

    number = fitting(HEADS[0], [row[0] for row in cells])
    confidence = fitting(HEADS[2], [row[1] for row in cells])
    sources = min(fitting(HEADS[4], [text for row in cells for text in row[2:]]), SOURCES_MAX_SHARE * width)
    rest = width - number - confidence - sources

    def table_height(share: float) -> float:
        text_widths = (rest * share - 2 * TABLE_SIDE_PADDING, rest * (1 - share) - 2 * TABLE_SIDE_PADDING)
        return sum(max(row[1].wrap(text_widths[0], 1e6)[1], row[3].wrap(text_widths[1], 1e6)[1]) for row in rows)

    share = min(JUDGEMENT_SHARES, key=table_height)
    return [number, rest * share, confidence, rest * (1 - share), sources]
