"""Annex B: every quote's verification, the check's findings and the inputs' fingerprints."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from ...findings import CODES, Finding
from ...wording import by_severity, percent
from ..context import Context, creation_time, quote_counts, short
from ..flowables import Paragraph
from ..navigation import Heading, Mark
from ..styles import ACCENT, ERROR, LIGHT_TABLE, MUTED, OK, RULE, TABLE_CELLS, WARNING


def _findings_table(ctx: Context, findings: list[Finding]) -> Table:
    """One row per finding: its kind on the left, then what it means, its message and its place."""
    s = ctx.styles
    rows = []
    for f in findings:
        colour = WARNING if f.severity == "warning" else ERROR
        what = CODES[f.code][1]
        where = f"{escape(Path(f.file).name)}, line {f.line}, column {f.column}"
        if f.event in ctx.event_number:
            where += f"; event {ctx.event_link(f.event, with_title=False)}"
        if f.source and f.source in ctx.source_number:
            where += f"; source {ctx.cite(f.source)}"
        rows.append([
            Paragraph(f'<font color="{colour.hexval()}"><b>{f.severity.capitalize()}<br/>{f.code}</b></font>',
                      s.table_cell),
            Paragraph(f"<b>{escape(what[0].upper() + what[1:])}.</b> {ctx.t(f.message)} "
                      f'<font color="{MUTED.hexval()}">({where})</font>', s.table_cell),
        ])
    return ctx.table(rows, ["13%", "87%"], [
        *TABLE_CELLS,
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ])


def verification_annex(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    result = ctx.result
    found, total = quote_counts(ctx)
    story: list[Flowable] = [
        PageBreak(),
        Heading("Annex B. Verification", s.h1,
                Mark("verification", "Annex B. Verification", 0, "Annex B. Verification")),
        Paragraph(
            f"<b>{found} of {total} quotes were found verbatim in their sources.</b> Each quote is "
            "searched for in its source file after normalising Unicode, quotation marks, dashes and "
            "white space; words and case must match, and “…” marks an omission. A quote that is not "
            "found is shown with the closest passage of its source.", s.body),
        Heading("Quotes", s.h2, Mark("verification-quotes", "Quotes", 1)),
        Paragraph("Quote 2.1 is the first quote of event 2.", s.meta),
    ]
    rows = [[Paragraph(x, s.table_head) for x in ("No.", "Quote", "Source and status")]]
    for event in ctx.events:
        for index, evidence in enumerate(event.evidence):
            match = ctx.quote_match(event, index)
            source = ctx.source(evidence.source)
            file = ctx.t(source.file) if source else ""
            if match is not None and match.found:
                status = (f'<font color="{OK.hexval()}"><b>Verified</b></font> at {file}, '
                          f"line {match.line}, column {match.column}")
            elif match is None:
                status = f'<font color="{ERROR.hexval()}"><b>NOT CHECKED</b></font>'
            else:
                status = f'<font color="{ERROR.hexval()}"><b>NOT FOUND</b></font> in {file}'
                if match.closest:
                    at = f" at line {match.line}, column {match.column}" if match.line else ""
                    status += (f"; closest passage ({percent(match.similarity)} similar{at}): "
                               f"“{ctx.t(short(match.closest, 240))}”")
            rows.append([
                Paragraph(f'<a href="#{ctx.event_anchor(event.id)}" color="{ACCENT.hexval()}">'
                          f"{ctx.event_number[event.id]}.{index + 1}</a>", s.table_cell),
                Paragraph(f"“{ctx.t(short(evidence.quote, 110))}”", s.table_cell),
                Paragraph(f"{ctx.cite(evidence.source)} {status}", s.table_cell),
            ])
    story.append(ctx.long_table(rows[0], rows[1:], ["8%", "50%", "42%"]))

    story.append(Heading("Findings", s.h2, Mark("verification-findings", "Findings", 1)))
    findings = by_severity(ctx.findings)
    if findings:
        story.append(_findings_table(ctx, findings))
    else:
        story.append(Paragraph("The check reported no errors and no warnings.", s.body))

    story.append(Heading("Fingerprints", s.h2, Mark("verification-fingerprints", "Fingerprints", 1)))
    story.append(Paragraph("SHA-256 of the files this brief was built from; the same files give the same brief.",
                           s.meta))
    prints = [[Paragraph("File", s.table_head), Paragraph("SHA-256", s.table_head)]]
    prints.append([Paragraph(f"Timeline {ctx.t(ctx.timeline.path.name)}", s.table_cell),
                   Paragraph(escape(result.timeline_sha256 or "not recorded"), s.digest)])
    for source in ctx.timeline.sources:
        prints.append([
            Paragraph(f"{ctx.cite(source.id)} {ctx.t(source.file)}", s.table_cell),
            Paragraph(escape(result.source_sha256.get(source.id, "not read")), s.digest),
        ])
    story.append(ctx.table(prints, ["34%", "66%"], LIGHT_TABLE, repeatRows=1))
    created = creation_time(ctx)
    story.append(Spacer(0, 8))
    story.append(Paragraph(
        f"Built by briefing {escape(ctx.options.version)} on {created:%Y-%m-%d %H:%M} UTC"
        + (", as a draft: the check found errors." if ctx.options.draft else "."), s.meta))
    return story
