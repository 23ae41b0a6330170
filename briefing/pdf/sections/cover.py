"""The cover: the whole assessment on one page, as analytic products open.

Title and edition, the bottom line, the key judgements each with its confidence
and basis, the source summary statement and the scope note. A reader who stops
here has the assessment; the pages after it are the evidence.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, NextPageTemplate, PageBreak, Spacer
from reportlab.platypus.flowables import HRFlowable

from ...sourcing import source_summary
from ...wording import information_as_of
from ..context import Context, events_period, fingerprint, verification_line
from .contents import CONTENTS_FROM_EVENTS
from ..flowables import Paragraph
from ..navigation import Anchor, Heading, Mark
from ..styles import ACCENT, DRAFT, MUTED, RULE, SHADE, indented, with_bullet


def cover(ctx: Context) -> list[Flowable]:
    brief, s = ctx.timeline.brief, ctx.styles
    story: list[Flowable] = [NextPageTemplate("body")]
    kicker = "DRAFT ANALYST BRIEF – UNVERIFIED" if ctx.options.draft else "ANALYST BRIEF"
    story.append(Paragraph(kicker, s.kicker))
    story.append(Paragraph(ctx.t(brief.title, "bold"), s.cover_title))
    if brief.subtitle:
        story.append(Paragraph(ctx.t(brief.subtitle), s.cover_subtitle))
    story.append(HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=0, spaceAfter=6, hAlign="LEFT"))
    if brief.author:
        story.append(Paragraph(f"Prepared by {ctx.t(brief.author)}", s.cover_meta))
    # The edition is its cut-off and its timeline's fingerprint: the PDF's own dates are not a build date.
    edition = information_as_of(brief.as_of)
    if (digest := fingerprint(ctx)) is not None:
        edition += f" &nbsp;·&nbsp; Edition&nbsp;{digest}"
    story.append(Paragraph(edition, s.cover_meta))
    story.append(Spacer(0, 3 * mm))

    story.append(Anchor(Mark("bottom-line", "Bottom line", 0, "Bottom line")))
    rows = [[Paragraph("Bottom line", s.box_heading)]]
    rows += [[Paragraph(ctx.t(block), s.box_body)] for block in brief.paragraphs()]
    story.append(ctx.table(rows, ["100%"], [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, 0), 9),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
    ]))
    story += _judgements(ctx)
    story.append(HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=6, spaceAfter=5, hAlign="LEFT"))
    story += _notes(ctx)
    # A contents page starts on a page of its own. Without one, what follows the cover (its judgements'
    # sources, assumptions, indicators) may be short, and the landscape figure page after it forces a
    # break: on a page of its own it would be a few lines on a blank page, so it goes on the cover's
    # when there is room.
    story.append(PageBreak() if len(ctx.events) >= CONTENTS_FROM_EVENTS else CondPageBreak(80 * mm))
    return story


def _judgements(ctx: Context) -> list[Flowable]:
    brief, s = ctx.timeline.brief, ctx.styles
    if not brief.judgements:
        return []
    story: list[Flowable] = [
        Spacer(0, 3 * mm),
        Heading("Key judgements", s.box_heading, Mark("key-judgements", "Key judgements", 0, "Key judgements")),
    ]
    numbered = with_bullet(s.cover_judgement, s.judgement_number)
    for number, judgement in enumerate(brief.judgements, 1):
        confidence = f"<b>{escape(judgement.confidence.capitalize())} confidence.</b>"
        if not judgement.basis:  # the confidence alone ends the judgement's own paragraph: a line saved
            story.append(Paragraph(f'{ctx.t(judgement.text)} <font color="{MUTED.hexval()}">{confidence}</font>',
                                   numbered, bulletText=f"{number}."))
            continue
        story.append(KeepTogether([
            Paragraph(ctx.t(judgement.text), numbered, bulletText=f"{number}."),
            Paragraph(f"{confidence} {ctx.t(judgement.basis)}", indented(s.cover_basis, 18)),
        ]))
    return story


def _notes(ctx: Context) -> list[Flowable]:
    """Sources, scope and verification: what the judgements stand on, each a short labelled paragraph."""
    brief, s = ctx.timeline.brief, ctx.styles
    notes = [("Sources", escape(source_summary(ctx.timeline).sentence()))]
    if brief.scope:
        notes.append(("Scope", ctx.t(brief.scope)))
    verified = escape(verification_line(ctx))
    if ctx.options.draft:
        verified = f'<font color="{DRAFT.hexval()}"><b>{verified}</b></font>'
    notes.append(("Verification", f"{len(ctx.events)} events, {escape(events_period(ctx.events))}. "
                                  f"{verified}; the check's findings are in Annex B."))
    return [Paragraph(f"<b>{label}.</b> {text}", s.cover_note) for label, text in notes]
