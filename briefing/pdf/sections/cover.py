"""The cover: title, date, the bottom line and the brief's scope at a glance."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from ...wording import information_as_of, plural
from ..context import Context, events_period, quote_counts
from ..flowables import Paragraph
from ..navigation import Anchor, Mark
from ..styles import ACCENT, RULE, SHADE


def cover(ctx: Context) -> list[Flowable]:
    brief, s = ctx.timeline.brief, ctx.styles
    story: list[Flowable] = [NextPageTemplate("body"), Spacer(0, 26 * mm)]
    kicker = "DRAFT ANALYST BRIEF – UNVERIFIED" if ctx.options.draft else "ANALYST BRIEF"
    story.append(Paragraph(kicker, s.kicker))
    story.append(Paragraph(ctx.t(brief.title, "bold"), s.cover_title))
    if brief.subtitle:
        story.append(Paragraph(ctx.t(brief.subtitle), s.cover_subtitle))
    story.append(HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=4, spaceAfter=10, hAlign="LEFT"))
    if brief.author:
        story.append(Paragraph(f"Prepared by {ctx.t(brief.author)}", s.cover_meta))
    story.append(Paragraph(information_as_of(brief.as_of), s.cover_meta))
    story.append(Spacer(0, 16 * mm))

    story.append(Anchor(Mark("bottom-line", "Bottom line", 0, "Bottom line")))
    rows = [[Paragraph("Bottom line", s.box_heading)]]
    rows += [[Paragraph(ctx.t(block), s.box_body)] for block in brief.paragraphs()]
    story.append(ctx.table(rows, ["100%"], [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 14),
        ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, 0), 12),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 12),
    ]))
    story.append(Spacer(0, 8 * mm))
    story.append(_cover_facts(ctx))
    story.append(PageBreak())
    return story


def _cover_facts(ctx: Context) -> Table:
    """The brief's scope at a glance: what it covers and how much of it was verified."""
    s = ctx.styles
    found, total = quote_counts(ctx)
    period = events_period(ctx.events)
    warnings = sum(1 for f in ctx.findings if f.severity == "warning")
    errors = sum(1 for f in ctx.findings if f.severity != "warning")
    checks = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    facts = [
        ("Period", escape(period)),
        ("Events", str(len(ctx.events))),
        ("Sources", str(len(ctx.timeline.sources))),
        ("Quotes verified", f"{found} of {total}"),
        ("Check", checks),
    ]
    labels = [Paragraph(label.upper(), s.fact_label) for label, _ in facts]
    values = [Paragraph(value, s.fact_value) for _, value in facts]
    return ctx.table([labels, values], ["30%", "12%", "13%", "20%", "25%"], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
    ])
