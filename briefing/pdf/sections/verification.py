"""Annex B: every quote's verification, the check's findings and the inputs' fingerprints."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Table

from ...findings import CODES, Finding
from ...formats import place_text
from ...wording import by_severity, day_month_year, percent, plural
from ..context import Context, fingerprint, path_lines, quote_counts, quoted, short, subheading
from ..flowables import NewPageUnlessItFits, Paragraph
from ..navigation import Heading, Mark
from ..styles import ACCENT, ERROR, MUTED, RULE, TABLE_CELLS, TABLE_SIDE_PADDING, WARNING

COMPACT_QUOTE_CHARS = 80  # a verified quote's row shows its start, enough to recognise it


def _findings_table(ctx: Context, findings: list[Finding]) -> Table:
    """One row per finding: its kind on the left, then what it means, its message and its place."""
    s = ctx.styles
    rows = []
    for f in findings:
        colour = WARNING if f.severity == "warning" else ERROR
        accepted = f.accepted  # the analyst's reason
        label = "Accepted" if accepted else f.severity.capitalize()
        what = CODES[f.code][1]
        where = f"{escape(Path(f.file).name)}, line {f.line}, column {f.column}"
        if f.event in ctx.event_number:
            where += f"; event {ctx.event_link(f.event, with_title=False)}"
        if f.source and f.source in ctx.source_number:
            where += f"; source {ctx.cite(f.source)}"
        rows.append([
            Paragraph(f'<font color="{(MUTED if accepted else colour).hexval()}"><b>{label}<br/>{f.code}</b></font>',
                      s.table_cell),
            Paragraph(f"<b>{escape(what[0].upper() + what[1:])}.</b> {ctx.t(f.message)} "
                      f'<font color="{MUTED.hexval()}">({where})</font>'
                      + (f"<br/><i>Accepted:</i> {ctx.t(accepted)}" if accepted else ""), s.table_cell),
        ])
    return ctx.table(rows, ["13%", "87%"], [
        *TABLE_CELLS,
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ])


def _place(source, match) -> str:
    """`seeds/a.txt:12:1`, the form editors and the check's own messages use."""
    where = source.file if source else "?"
    return f"{where}, {place_text(match.place)}" if match and match.place and match.place.page else f"{where}:{match.line}:{match.column}" if match and match.line else where


def _check_line(ctx: Context) -> str:
    """The check's outcome in words: `0 errors, 1 warning (1 accepted)`."""
    errors = sum(1 for f in ctx.findings if f.severity != "warning")
    warnings = [f for f in ctx.findings if f.severity == "warning"]
    accepted = sum(1 for f in warnings if f.accepted)
    line = f"{plural(errors, 'error')}, {plural(len(warnings) - accepted, 'open warning')}"
    return line + (f" and {accepted} accepted" if accepted else "")


def verification_annex(ctx: Context) -> list[Flowable]:
    """The annex, on the page of what precedes it when the whole annex fits there, else from a new page."""
    s = ctx.styles
    result = ctx.result
    found, total = quote_counts(ctx)
    story: list[Flowable] = [
        Heading("Annex B. Verification", s.h1,
                Mark("verification", "Annex B. Verification", 0, "Annex B. Verification")),
        Paragraph(
            f"<b>{found} of {total} quotes were found verbatim in their sources; the check found "
            f"{escape(_check_line(ctx))}.</b> Each quote is searched for in its source file after normalising "
            "Unicode, quotation marks, dashes and white space; words and case must match, and “…” marks an "
            "omission. A quote that is not found is shown with the closest passage of its source.", s.body),
    ]
    failed, verified = [], []
    for event in ctx.events:
        for index, evidence in enumerate(event.evidence):
            match = ctx.quote_match(event, index)
            number = (f'<a href="#{ctx.event_anchor(event.id)}" color="{ACCENT.hexval()}">'
                      f"{ctx.event_number[event.id]}.{index + 1}</a>")
            source = ctx.source(evidence.source)
            if match is not None and match.found:
                verified.append([
                    Paragraph(number, s.compact_cell),
                    Paragraph(ctx.cite(evidence.source), s.compact_cell),
                    Paragraph(escape(place_text(match.place)) if match.place and match.place.page
                              else f"{match.line}:{match.column}" if match.line else "–", s.compact_cell),
                    Paragraph(f"“{ctx.t(short(quoted(evidence.quote), COMPACT_QUOTE_CHARS))}”", s.compact_cell),
                ])
                continue
            if match is None:
                status = f'<font color="{ERROR.hexval()}"><b>NOT CHECKED</b></font>'
            else:
                status = f'<font color="{ERROR.hexval()}"><b>NOT FOUND</b></font> in {ctx.t(_place(source, None))}'
                if match.closest:
                    at = f" at {ctx.t(_place(source, match))}" if match.line else ""
                    status += (f"; closest passage ({percent(match.similarity)} similar{at}): "
                               f"“{ctx.t(quoted(short(match.closest, 240)))}”")
            failed.append([
                Paragraph(number, s.table_cell),
                Paragraph(f"“{ctx.t(quoted(evidence.quote))}”", s.table_cell),
                Paragraph(f"{ctx.cite(evidence.source)} {status}", s.table_cell),
            ])
    if failed:
        story += subheading(ctx, "Quotes not verified", "verification-failed")
        head = [Paragraph(x, s.table_head) for x in ("No.", "Quote", "Source and closest passage")]
        story.append(ctx.long_table(head, failed, ["8%", "50%", "42%"]))
    if verified:
        story += subheading(ctx, "Verified quotes", "verification-quotes")
        story.append(Paragraph("One row each: quote 2.1 is the first quote of event 2, found in the file of its "
                               "source (listed under Edition and fingerprints) at the line and column given.", s.meta))
        head = [Paragraph(x, s.table_head) for x in ("No.", "Source", "Line:col.", "Quote (start)")]
        story.append(ctx.long_table(head, verified, ["7%", "9%", "11%", "73%"]))

    story += subheading(ctx, "Findings", "verification-findings")
    findings = by_severity(ctx.findings)
    if findings:
        story.append(_findings_table(ctx, findings))
    else:
        story.append(Paragraph("The check reported no errors and no warnings.", s.body))

    story += subheading(ctx, "Edition and fingerprints", "verification-fingerprints")
    edition = f"This edition: information as of {day_month_year(ctx.timeline.brief.as_of)}"
    if (digest := fingerprint(ctx)) is not None:
        edition += f", edition {digest} (the first {len(digest)} digits of the timeline's SHA-256, below)"
    story.append(Paragraph(
        edition + f". Made with briefing {escape(ctx.options.version)}"
        + (", as a draft: the check found errors. " if ctx.options.draft else ". ")
        + "SHA-256 of the files it was made from follow; the same files give the same brief, byte for byte.",
        s.meta))
    head = [Paragraph("File", s.table_head), Paragraph("SHA-256", s.table_head)]
    prints = [[Paragraph(f"Timeline {ctx.t(ctx.timeline.path.name)}", s.table_cell),
               Paragraph(escape(result.timeline_sha256 or "not recorded"), s.digest)]]
    # A SHA-256 on one line; the file names, broken only between their parts, get the rest.
    digest_width = ctx.fonts.width("0" * 64, s.digest.fontSize) + 2 * TABLE_SIDE_PADDING + 1
    widths = [ctx.frame_width - digest_width, digest_width]
    file_width = widths[0] - 2 * TABLE_SIDE_PADDING - ctx.fonts.width("[99] ", s.table_cell.fontSize)
    for source in ctx.timeline.sources:
        lines = path_lines(source.file, file_width, lambda text: ctx.fonts.width(text, s.table_cell.fontSize))
        prints.append([
            Paragraph(f"{ctx.cite(source.id)} {'<br/>'.join(ctx.t(line) for line in lines)}", s.table_cell),
            Paragraph(escape(result.source_sha256.get(source.id, "not read")), s.digest),
        ])
    story.append(ctx.long_table(head, prints, widths))
    return [NewPageUnlessItFits(story), *story]
