"""One section per event: its heading, facts, summary and every quote with its grade."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from ...check import QuoteMatch
from ...model import Event, Evidence, Source, display_span
from ...sourcing import CREDIBILITY_WORDS, RELIABILITY_WORDS, confirmed_alone
from ...wording import percent
from ..context import Context, quoted, short
from ..flowables import EvidenceBlock, Paragraph
from ..navigation import Heading, Mark
from ..styles import ACCENT, ERROR, ERROR_SHADE


MAX_HEADING_CHARS = 300  # a title is one line by contract; a runaway one must not break the layout
# Up to this many events the contents list each one; beyond it, only the sections (a contents
# many pages long helps no reader: the chronology and the bookmarks still list every event).
CONTENTS_MAX_EVENTS = 60
# An event starts on a page only with this much room left: its heading, facts and summary's start.
EVENT_ROOM = 45 * mm
# The section opens on the page of what precedes it (the chronology) with room for its heading,
# note and first event: a heading never stands at the foot of a page without them.
EVENTS_ROOM = EVENT_ROOM + 35 * mm


def _grades(evidence: Evidence, source: Source | None) -> tuple[str | None, str]:
    """The Admiralty pair ("B2") when both grades are known, and the grades in words."""
    reliability = source.reliability if source else None
    credibility = evidence.credibility
    words = []
    if reliability:
        words.append(f"source {RELIABILITY_WORDS.get(reliability, 'graded')} ({reliability})")
    if credibility:
        words.append(f"information {CREDIBILITY_WORDS.get(credibility, 'graded')} ({credibility})")
    pair = f"{reliability}{credibility}" if reliability and credibility else None
    return pair, escape("; ".join(words))


def citation(ctx: Context, source_id: str) -> str:
    """How a quote is cited where readers read it: `[4] Nikkei Asia, 30 July 2023`, linked to Annex A.

    The file, line and column are for whoever checks the brief: Annex B gives them.
    """
    source = ctx.source(source_id)
    cite = ctx.cite(source_id)
    if source:
        cite += " " + ctx.t(source.publisher or source.title)
        if source.published:
            cite += f", {escape(source.published.display())}"
    return cite


def _unverified_note(ctx: Context, match: QuoteMatch | None, source_id: str) -> str:
    where = citation(ctx, source_id)
    if match is None:
        return f"<b>NOT VERIFIED:</b> this quote was not checked against {where} (see Annex B)."
    note = f"<b>NOT VERIFIED:</b> this quote was not found in {where} (see Annex B)."
    if match.closest:
        note += (f" Closest passage ({percent(match.similarity)} similar): "
                 f"“{ctx.t(quoted(short(match.closest, 400)))}”")
    return note


def evidence_block(ctx: Context, event: Event, index: int, evidence: Evidence, width: float) -> EvidenceBlock:
    """The `index`th quote of `event` with its citation and grade, in a frame `width` wide."""
    s = ctx.styles
    source = ctx.source(evidence.source)
    match = ctx.quote_match(event, index)
    verified = match is not None and match.found
    pair, grade_words = _grades(evidence, source)

    cite = citation(ctx, evidence.source) + (f", {match.citation}" if match is not None and match.citation else "")
    if grade_words:
        cite += f" &nbsp;·&nbsp; {grade_words}"
    if confirmed_alone(ctx.timeline, event, evidence):
        cite += " &nbsp;·&nbsp; <i>no other outlet is cited for this event</i>"
    content: list[Flowable] = [Paragraph(f"“{ctx.t(quoted(evidence.quote))}”", s.quote), Paragraph(cite, s.cite)]
    if not verified:
        content.append(Spacer(0, 3))
        content.append(Paragraph(_unverified_note(ctx, match, evidence.source), s.unverified))

    bar = ACCENT if verified else ERROR
    shade = None if verified else ERROR_SHADE
    widths = (width - EvidenceBlock.INDENT - EvidenceBlock.GRADE_WIDTH, EvidenceBlock.GRADE_WIDTH)

    def as_table() -> Table:
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBEFORE", (0, 0), (0, 0), EvidenceBlock.BAR_WIDTH, bar),
            ("LEFTPADDING", (0, 0), (0, 0), EvidenceBlock.PAD_LEFT),
            ("RIGHTPADDING", (0, 0), (0, 0), EvidenceBlock.PAD_RIGHT),
            ("LEFTPADDING", (1, 0), (1, 0), 0),
            ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ("TOPPADDING", (0, 0), (-1, -1), EvidenceBlock.PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), EvidenceBlock.PAD_BOTTOM),
        ]
        if shade is not None:
            style.append(("BACKGROUND", (0, 0), (0, 0), shade))
        grade_cell = [Paragraph(escape(line), style) for line, style in grade_lines]
        table = ctx.table([[content, grade_cell]], list(widths), style, hAlign="RIGHT")
        table.spaceBefore, table.spaceAfter = EvidenceBlock.SPACE_BEFORE, EvidenceBlock.SPACE_AFTER
        return table

    # The grade's system is named once, in the key above the events, not under every grade.
    grade_lines = [(pair, s.grade)] if pair else []
    return EvidenceBlock(content, grade_lines, widths, bar, shade, as_table)


def events(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [
        CondPageBreak(EVENTS_ROOM), Heading("Events", s.h1, Mark("events", "Events", 0, "Events")),
        Paragraph("Each quote is cited by its source’s number (Annex A), outlet and date. The letter and "
                  "digit beside a quote are its Admiralty grade: the source’s reliability, A (completely "
                  "reliable) to F (cannot be judged), and the information’s credibility, 1 (confirmed by "
                  "other sources) to 6 (cannot be judged).", s.meta),
    ]
    for event in ctx.events:
        number = ctx.event_number[event.id]
        title = short(event.title, MAX_HEADING_CHARS)
        heading = (f'<font color="{ACCENT.hexval()}">{number}.</font>&nbsp; {ctx.t(title, "bold")}')
        contents_line = ctx.t(title) if len(ctx.events) <= CONTENTS_MAX_EVENTS else None
        mark = Mark(ctx.event_anchor(event.id), f"{number}. {title}", 1, contents_line, f"{number}.")
        meta = [escape(display_span(event.date, event.end))]
        if event.place:
            meta.append(ctx.t(event.place))
        if event.actors:
            meta.append(ctx.t(", ".join(ctx.timeline.actor_name(a) for a in event.actors)))
        meta.append(f"Significance: {escape(event.significance)}")
        if event.tags:
            meta.append("Tags: " + ctx.t(", ".join(event.tags)))
        block: list[Flowable] = [
            CondPageBreak(EVENT_ROOM),
            Heading(heading, s.event_heading, mark),
            Paragraph(" &nbsp;·&nbsp; ".join(meta), s.event_meta),
        ]
        block += [Paragraph(ctx.t(text), s.body) for text in event.paragraphs()]
        block += [evidence_block(ctx, event, i, ev, ctx.frame_width) for i, ev in enumerate(event.evidence)]
        story += block
    return story
