"""What every section reads: the checked timeline, its numbering, anchors and links, and user
text made safe for paragraph markup."""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from .. import __version__
from ..check import CheckResult, QuoteMatch
from ..editions import Comparison
from ..findings import Finding
from ..fonts import FontSet, PdfFonts
from ..model import Event, Source, Timeline, display_span
from ..wording import plural
from .embed import EmbeddedFigure
from .flowables import LongTable, Paragraph
from .navigation import Heading, Mark
from .styles import (
    ACCENT, HEADER_RULE, MARGIN_LEFT, MARGIN_RIGHT, PAPER, RULE, TABLE_CELLS, ZEBRA, Styles, make_styles, with_bullet,
)


@dataclass(frozen=True, kw_only=True)
class BriefOptions:
    paper: str = "a4"  # "a4" | "letter"
    draft: bool = False
    fonts: FontSet | None = None  # None: FontSet.default()
    created: dt.datetime | None = None  # the PDF's dates; None: the brief's as_of, midnight UTC
    version: str = __version__
    manifest: bytes | None = None  # editions.manifest_bytes, embedded as editions.MANIFEST_FILE
    comparison: Comparison | None = None  # the previous edition: the "Changes since" section


@dataclass(frozen=True)
class Context:
    """Everything the sections read: the checked timeline, its numbering, fonts and styles, the figure."""

    result: CheckResult
    fonts: PdfFonts
    styles: Styles
    options: BriefOptions
    findings: list[Finding]
    events: list[Event]  # in date order
    event_number: dict[str, int]  # event id -> 1-based position in `events`
    source_number: dict[str, int]  # source id -> 1-based position in the timeline's sources
    figure: EmbeddedFigure | None  # None: the brief has no figure page

    @classmethod
    def of(cls, result: CheckResult, fonts: PdfFonts, options: BriefOptions, *,
           figure: EmbeddedFigure | None = None) -> Context:
        """The context for a checked timeline."""
        timeline = result.timeline
        events = timeline.events_in_order()
        return cls(
            result=result, fonts=fonts, styles=make_styles(fonts), options=options,
            findings=sorted(result.findings, key=lambda f: f.sort_key),
            events=events,
            event_number={e.id: i for i, e in enumerate(events, 1)},
            source_number={src.id: i for i, src in enumerate(timeline.sources, 1)},
            figure=figure,
        )

    @property
    def timeline(self) -> Timeline:
        return self.result.timeline

    @property
    def frame_width(self) -> float:
        """The width of the portrait pages' text frame."""
        return PAPER[self.options.paper][0] - MARGIN_LEFT - MARGIN_RIGHT

    def t(self, text: str | None, variant: str = "regular") -> str:
        """User text as safe paragraph markup."""
        return self.fonts.markup(text or "", variant)

    def event_link(self, event_id: str, *, with_title: bool = True) -> str:
        number = self.event_number.get(event_id)
        if number is None:
            return self.t(event_id)
        label = f"{number}."
        if with_title:
            label += " " + self.t(self.events[number - 1].title)
        return f'<a href="#{self.event_anchor(event_id)}" color="{ACCENT.hexval()}">{label}</a>'

    def source(self, source_id: str) -> Source | None:
        number = self.source_number.get(source_id)
        return None if number is None else self.timeline.sources[number - 1]

    def cite(self, source_id: str) -> str:
        number = self.source_number.get(source_id)
        if number is None:
            return self.t(f"[{source_id}]")
        return f'<a href="#{self.source_anchor(source_id)}" color="{ACCENT.hexval()}">[{number}]</a>'

    # Anchors are named by number, never by id, so no user text reaches markup attributes.
    def event_anchor(self, event_id: str) -> str:
        return f"event-{self.event_number[event_id]}"

    def source_anchor(self, source_id: str) -> str:
        return f"source-{self.source_number[source_id]}"

    def quote_match(self, event: Event, index: int) -> QuoteMatch | None:
        return self.result.quotes.get((event.id, index))

    def table(self, rows, widths, commands, **kw) -> Table:
        """A table set in the brief's font (reportlab's default for plain cells is
        unembedded Helvetica) whose rows may split across pages."""
        style = [("FONTNAME", (0, 0), (-1, -1), self.fonts.main()), *commands]
        return Table(rows, colWidths=widths, style=TableStyle(style), splitInRow=1, **kw)

    def long_table(self, header: list, rows: list[list], widths, *, zebra: bool = False) -> LongTable:
        """A lightly ruled table with a header row, for any number of rows (see `LongTable`)."""

        def make(cells: list[list], with_header: bool, first: int) -> Table:
            body = 1 if with_header else 0
            commands = [*TABLE_CELLS, *([HEADER_RULE] if with_header else []),
                        ("LINEBELOW", (0, body), (-1, -1), 0.25, RULE)]
            if zebra:  # every other row shaded, counting from the whole table's first row
                commands.append(("ROWBACKGROUNDS", (0, body), (-1, -1),
                                 [None, ZEBRA] if first % 2 == 0 else [ZEBRA, None]))
            return self.table(cells, widths, commands, repeatRows=body)

        return LongTable(header, rows, make)


def short(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis (a word cut in two
    reads as another word: "new g…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


# A quote that starts or ends with a quotation mark, set inside the brief's own “…”, would double
# it (“"We are…): such a quote's marks become the nested quotation's ‘…’. Other quotes keep their
# marks as written.
_OPENING = re.compile(r'(^|(?<=[\s(\[—–-]))["“„«]')
_CLOSING = re.compile(r'["”»]')
_MARKS = '"“”„«»'


def quoted(text: str) -> str:
    """A quote's words for the brief's “…”: marks that enclose it all dropped; when it starts or
    ends with one, its marks made single (‘…’), as a quotation within a quotation is."""
    text = text.strip()
    if len(text) > 1 and text[0] in _MARKS and text[-1] in _MARKS and not _CLOSING.search(text[1:-1]):
        return text[1:-1].strip()
    if text and (text[0] in _MARKS or text[-1] in _MARKS):
        return _CLOSING.sub("’", _OPENING.sub("‘", text))
    return text


def hyphenated(text: str, width: float, measure) -> str:
    """The text with each word wider than `width` points cut into pieces that fit, each
    ending in a hyphen, so a narrow table column never breaks a word without one.
    `measure(text) -> points`."""
    words = []
    for word in text.split(" "):
        while word and measure(word) > width:
            cut = len(word) - 3  # at least three characters go on
            while cut > 2 and measure(word[:cut] + "-") > width:
                cut -= 1
            if cut <= 2:
                break
            words.append(word[:cut] + "-")
            word = word[cut:]
        words.append(word)
    return " ".join(words)


def path_lines(path: str, width: float, measure) -> list[str]:
    """A file name in lines that fit `width` points, broken only after / - _ . (never before
    its extension; a piece still too wide is cut with a hyphen)."""
    pieces = [piece for piece in re.split(r"(?<=[/_-])|(?<=\.)(?=.*\.)", path) if piece]  # never before the extension
    lines = [""]
    for piece in pieces:
        if lines[-1] and measure(lines[-1] + piece) > width:
            lines.append("")
        lines[-1] += piece
    return [part for line in lines for part in hyphenated(line, width, measure).split(" ")]


def events_period(events: list[Event]) -> str:
    """From the first event's start to the latest event's end, for readers."""
    if not events:
        return "–"
    # Not events[0]: an event known only to the month sorts after that month's
    # dated events, yet its period starts before them.
    earliest = min((e.date for e in events), key=lambda d: d.first_day)
    latest = max((e.end or e.date for e in events), key=lambda d: d.last_day)
    return display_span(earliest, latest)


def quote_counts(ctx: Context) -> tuple[int, int]:
    """(quotes found verbatim, quotes in all)."""
    total = found = 0
    for event in ctx.events:
        for index in range(len(event.evidence)):
            total += 1
            match = ctx.quote_match(event, index)
            found += bool(match and match.found)
    return found, total


def creation_time(ctx: Context) -> dt.datetime:
    created = ctx.options.created
    if created is None:
        created = ctx.timeline.brief.dated
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.timezone.utc)
    return created.astimezone(dt.timezone.utc)


FINGERPRINT_DIGITS = 12  # of the timeline's SHA-256: enough to tell editions apart, short enough to quote


def fingerprint(ctx: Context) -> str | None:
    """The edition's fingerprint: the start of the timeline's SHA-256 (None for a timeline built in memory)."""
    digest = ctx.result.timeline_sha256 or ctx.timeline.sha256
    return digest[:FINGERPRINT_DIGITS] if digest else None


def verification_line(ctx: Context) -> str:
    """The check's outcome in one line of plain text, for the cover: `All 46 quotes verified against 5 sources`."""
    found, total = quote_counts(ctx)
    sources = plural(len(ctx.timeline.sources), "source")
    if found == total:
        return f"All {plural(total, 'quote')} verified against {sources}"
    missing = total - found
    line = f"{missing} of {total} quotes not verified" if total != 1 else "The quote is not verified"
    return f"DRAFT – {line}" if ctx.options.draft else line


# A subsection starts on a page only with room for its heading, a note and the first rows under it.
SUBSECTION_ROOM = 35 * mm


def subheading(ctx: Context, title: str, key: str) -> list[Flowable]:
    """A subsection's heading (an outline entry under its section), on the page where its content starts."""
    return [CondPageBreak(SUBSECTION_ROOM), Heading(escape(title), ctx.styles.h2, Mark(key, title, 1))]


def unbroken_ends(items: list[Flowable]) -> list[Flowable]:
    """A list's items with its first two kept together and its last two: a page break never leaves
    one item alone at the foot of a page, under its heading, nor alone at the top of the next."""
    if len(items) > 1:
        items[0].keepWithNext = 1
        items[-2].keepWithNext = 1
    return items


def bullet_list(ctx: Context, title: str, key: str, items: Sequence[str], lead: str) -> list[Flowable]:
    """A short section of one heading and a bulleted list (none at all when there are no items)."""
    if not items:
        return []
    s = ctx.styles
    note = Paragraph(lead, s.meta)
    note.keepWithNext = 1  # the heading, its note and the first items start the same page
    story = [CondPageBreak(40 * mm), Heading(title, s.h1, Mark(key, title, 0, title)), note]
    bulleted = with_bullet(s.list_item, s.judgement_number)
    story += unbroken_ends([Paragraph(ctx.t(item), bulleted, bulletText="•") for item in items])
    return story
