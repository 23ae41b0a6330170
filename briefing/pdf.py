"""The PDF analyst brief: the checked timeline as a paginated, sourced, navigable document.

reportlab lays out the pages (cover, contents, key judgements, figure page,
chronology, one section per event, sources and verification annexes) and writes
the file in one go: kaleido's vector figure, read with pypdf, is drawn as a form
like reportlab's own, and the dates are fixed, so the same inputs always give
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import math
from collections.abc import Callable
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject, NameObject, PdfObject,
)
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, NextPageTemplate, PageBreak,
    PageTemplate, Spacer, Table, TableStyle,
)
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser
from reportlab.platypus.flowables import HRFlowable

from . import __version__
from .check import CheckResult, QuoteMatch
from .findings import CODES, Finding
from .fonts import FontSet, PdfFonts, register_fonts
from .model import Event, Evidence, Source, Timeline, display_span
from .pdfstyle import (
    ACCENT, DRAFT, ERROR, ERROR_SHADE, FURNITURE_SIZE, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT,
    MARGIN_TOP, MARKING, MARKING_SIZE, MUTED, OK, PAPER, RULE, SHADE, WARNING, ZEBRA, Styles, make_styles,
)

DRAFT_LABEL = "DRAFT – UNVERIFIED"
PAGE_TOTAL_FORM = "pageTotal"
PAGE_OF_MARK_FORM = "pageOf-{key}"  # a contents line's page number
MAX_HEADING_CHARS = 300  # a title is one line by contract; a runaway one must not break the layout
# Up to this many events the contents list each one; beyond it, only the sections (a contents
# many pages long helps no reader: the chronology and the bookmarks still list every event).
CONTENTS_MAX_EVENTS = 60

# Tables are ruled lightly: a strong line under the header, hairlines between rows.
TABLE_CELLS = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 3.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]
HEADER_RULE = ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT)
LIGHT_TABLE = [*TABLE_CELLS, HEADER_RULE, ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE)]

RELIABILITY_WORDS = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
    4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
}


@dataclass(frozen=True, kw_only=True)
class BriefOptions:
    paper: str = "a4"  # "a4" | "letter"
    draft: bool = False
    fonts: FontSet | None = None  # None: FontSet.default()
    created: dt.datetime | None = None  # the PDF's dates; None: the brief's as_of, midnight UTC
    version: str = __version__


@dataclass(frozen=True)
class BriefInfo:
    pages: int
    size: int  # bytes written
    figure_page: int | None  # 1-based, None when there is no figure
    font_findings: list[Finding] = field(default_factory=list)  # F001, also shown in the brief


# --- the reading context ------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """Everything the story builders read: the checked timeline, its numbering, fonts and styles."""

    result: CheckResult
    fonts: PdfFonts
    styles: Styles
    options: BriefOptions
    findings: list[Finding]
    events: list[Event]  # in date order
    event_number: dict[str, int]  # event id -> 1-based position in `events`
    source_number: dict[str, int]  # source id -> 1-based position in the timeline's sources

    @property
    def timeline(self) -> Timeline:
        return self.result.timeline

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




def paragraphs(text: str) -> list[str]:
    """Paragraphs of a summary: blocks separated by blank lines."""
    blocks, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _percent(similarity: float) -> str:
    # As the check words it: rounded down, and never 100% for a quote that was not found.
    return f"{min(99, math.floor(similarity * 100))}%"


# --- flowables ------------------------------------------------------------------------


class Paragraph(ReportlabParagraph):
    """reportlab's Paragraph, remembering its line breaks for the widths it was last broken at,
    and skipping the markup parser for text without markup.

    reportlab breaks a paragraph into lines every time it is wrapped: a table wraps
    each cell to measure its rows, again for every page a long table is split across,
    and again to draw it. Breaking lines is much of a long brief's build time, and
    parsing markup (an HTML parser per paragraph) much of the rest.
    """

    _breaks: tuple | None = None  # (widths, reportlab's broken lines)

    def __init__(self, text, style=None, bulletText=None, frags=None, **kw):
        if (frags is not None or bulletText is not None or kw or style is None or style.textTransform
                or "<" in text or "&" in text or not text.strip()):
            super().__init__(text, style, bulletText, frags, **kw)  # reportlab's split comes here too
            return
        # What the parser makes of plain text: one fragment in the style's font.
        text = cleanBlockQuotedText(text)
        frag = _plain_fragment(style).clone(text=text)
        for name, value in vars(frag).items():
            if isinstance(value, list):  # each fragment owns its lists, as the parser's do
                setattr(frag, name, list(value))
        super().__init__(text, style, frags=[frag])

    def breakLines(self, width):
        widths = tuple(width)
        if self._breaks is None or self._breaks[0] != widths:
            self._breaks = (widths, super().breakLines(width))
        return self._breaks[1]


@functools.lru_cache(maxsize=None)
def _plain_fragment(style: ParagraphStyle):
    """The fragment reportlab's parser makes of one plain word in `style`."""
    _, frags, _ = ParaParser().parse("x", style)
    return frags[0]


class LongTable(Flowable):
    """A table of any number of rows under a header row, split page by page at the cost of a page.

    reportlab's Table measures every row it has left each time it splits (its
    long-table shortcut works only for tables with row spans), so a table of
    thousands of rows costs rows x pages. This one measures at most `PAGE_ROWS`
    rows at a time and hands the frame a Table of those that fit, followed by
    itself for the rest. The header row opens the table and every page it goes
    on to.
    """

    PAGE_ROWS = 40  # more rows than any page holds

    def __init__(self, header: list, rows: list[list], make: Callable[[list[list], bool, int], Table],
                 start: int = 0):
        super().__init__()
        self.header, self.rows, self.make, self.start = header, rows, make, start
        self._whole: Table | None = None

    def _at_top(self) -> bool:
        """Whether nothing is above this on its page (the frame reportlab is filling says)."""
        return getattr(getattr(self, "_frame", None), "_atTop", True)

    def _piece(self, count: int) -> Table:
        """A Table of the next `count` rows, under the header where one belongs."""
        header = self.start == 0 or self._at_top()
        return self.make([*([self.header] if header else []), *self.rows[self.start:self.start + count]],
                         header, self.start)

    def wrap(self, availWidth, availHeight):
        left = len(self.rows) - self.start
        if left > self.PAGE_ROWS:  # more than a page: the frame must split it
            self._whole = None
            self.width, self.height = availWidth, availHeight + 1
        else:
            self._whole = self._piece(left)
            self.width, self.height = self._whole.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        left = len(self.rows) - self.start
        piece = self._piece(min(left, self.PAGE_ROWS))
        piece.wrapOn(self.canv, availWidth, availHeight)
        header_rows = len(piece._cellvalues) - min(left, self.PAGE_ROWS)
        used = sum(piece._rowHeights[:header_rows])
        fits = 0
        for height in piece._rowHeights[header_rows:]:
            if used + height > availHeight:
                break
            used += height
            fits += 1
        rest = LongTable(self.header, self.rows, self.make, self.start + max(fits, 1))
        if fits:
            return [self._piece(fits), rest] if fits < left else [self._piece(fits)]
        if not self._at_top():
            return []  # not even one row fits here: on to the next page
        # A row taller than a whole page: reportlab splits inside it.
        return [*self._piece(1).splitOn(self.canv, availWidth, availHeight), *([rest] if left > 1 else [])]

    def draw(self):
        self._whole.drawOn(self.canv, 0, 0)


def _stacked(flowables: list[Flowable], width: float, canv) -> tuple[list[float], float]:
    """The heights of flowables stacked in a table cell, and the stack's height, as reportlab's
    Table measures them: spaces between them, none above the first or below the last."""
    heights, total = [], 0.0
    for flowable in flowables:
        heights.append(flowable.wrapOn(canv, width, 72000)[1])
        total += heights[-1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    if flowables:
        total -= flowables[0].getSpaceBefore() + flowables[-1].getSpaceAfter()
    return heights, total


class EvidenceBlock(Flowable):
    """A quote and its citation, with the Admiralty grade beside it and a rule down its left,
    shaded when the quote was not verified.

    It draws exactly what a one-row, two-cell table (`as_table`) draws, for a fraction of
    the cost: a brief holds thousands of these, and a table lays out each cell twice
    and carries machinery one row does not need. Only a block that must be split
    across pages becomes that table, and the table splits it.
    """

    INDENT = 14  # from the left of the frame
    GRADE_WIDTH = 38
    BAR_WIDTH = 1.8
    PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 10, 8, 2, 3  # of the quote cell; the grade's has no sides
    SPACE_BEFORE, SPACE_AFTER = 3, 6

    def __init__(self, content: list[Flowable], grade: list[tuple[str, ParagraphStyle]],
                 widths: tuple[float, float], bar, shade, as_table):
        super().__init__()
        self.content = content
        self.grade = grade  # one-line centred texts (plain, no markup), drawn as the paragraphs would be
        self.text_width, _ = widths
        self.width = sum(widths)
        self.bar, self.shade, self.as_table = bar, shade, as_table
        self.hAlign = "RIGHT"
        self.spaceBefore, self.spaceAfter = self.SPACE_BEFORE, self.SPACE_AFTER

    def _layout(self) -> tuple[list[float], float]:
        content_heights, content = _stacked(self.content, self.text_width - self.PAD_LEFT - self.PAD_RIGHT,
                                            self.canv)
        grade = sum(style.leading for _, style in self.grade)
        return content_heights, max(content, grade) + self.PAD_TOP + self.PAD_BOTTOM

    def wrap(self, availWidth, availHeight):
        self.height = self._layout()[1]
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return self.as_table().splitOn(self.canv, availWidth, availHeight)

    def draw(self):
        canv = self.canv
        content_heights, height = self._layout()
        if self.shade is not None:
            canv.saveState()
            canv.setFillColor(self.shade)
            canv.rect(0, 0, self.text_width, height, stroke=0, fill=1)
            canv.restoreState()
        y = height - self.PAD_TOP + (self.content[0].getSpaceBefore() if self.content else 0)
        for flowable, h in zip(self.content, content_heights):
            y -= flowable.getSpaceBefore() + h
            flowable.drawOn(canv, self.PAD_LEFT, y)
            y -= flowable.getSpaceAfter()
        top = height - self.PAD_TOP
        canv.saveState()
        for text, style in self.grade:  # a paragraph's first baseline is one font size below its top
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(style.textColor)
            canv.drawCentredString(self.text_width + self.GRADE_WIDTH / 2, top - style.fontSize, text)
            top -= style.leading
        canv.restoreState()
        canv.saveState()
        canv.setStrokeColor(self.bar)
        canv.setLineWidth(self.BAR_WIDTH)
        canv.setLineCap(1)  # round, as table rules are
        canv.line(0, 0, 0, height)
        canv.restoreState()


@dataclass(frozen=True)
class Mark:
    """A place readers can jump to: a PDF destination, an outline entry, maybe a contents line."""

    key: str
    title: str  # plain text, for the outline
    level: int
    toc: str | None = None  # paragraph markup for the contents; None keeps it out


def _place_mark(canv, mark: Mark, top: float) -> None:
    canv.bookmarkHorizontal(mark.key, 0, top)
    canv.addOutlineEntry(mark.title, mark.key, level=mark.level, closed=False)
    canv.mark_pages[mark.key] = canv.getPageNumber()


class Heading(Paragraph):
    """A heading paragraph that is also a destination, an outline entry and a contents line."""

    def __init__(self, markup: str, style, mark: Mark):
        super().__init__(markup, style)
        self.mark = mark

    def draw(self):
        _place_mark(self.canv, self.mark, self.height + self.style.fontSize * 0.5)
        super().draw()

    def split(self, availWidth, availHeight):
        return []  # never split a heading: move it whole to the next frame


class Anchor(Flowable):
    """An invisible mark, for places that are not a heading paragraph (the cover's bottom line)."""

    def __init__(self, mark: Mark):
        super().__init__()
        self.mark = mark
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        _place_mark(self.canv, self.mark, 0)


class Contents(Flowable):
    """The table of contents, made in the same single pass as the pages it lists.

    Its lines are known before any page is laid out (`list_contents` fills them
    in from the story's marks), so its length never changes; only the page
    numbers are unknown while it is drawn. Each line therefore ends in a form
    named for its mark, which the canvas defines as it saves, once every heading
    has landed: the trick the footers' "Page X of Y" uses. A second layout pass,
    reportlab's usual way, would double the build time of a long brief.
    """

    NUMBER_WIDTH = 28  # right column for the page number
    DOTS = " . "

    def __init__(self, level_styles: tuple[ParagraphStyle, ...], font: str):
        super().__init__()
        self.level_styles = tuple(ParagraphStyle(f"{style.name}-contents", parent=style, rightIndent=self.NUMBER_WIDTH)
                                  for style in level_styles)
        self.font = font
        self.marks: list[Mark] = []
        self._table: Table | None = None

    def _make_table(self, width: float) -> Table:
        rows = []
        for mark in self.marks:
            style = self.level_styles[min(mark.level, len(self.level_styles) - 1)]
            markup = (f'<a href="#{mark.key}">{mark.toc}</a>'
                      f'<onDraw name="contentsLineEnd" label="{mark.key}|{mark.level}"/>')
            if style.spaceBefore:
                rows.append([Spacer(0, style.spaceBefore)])
            rows.append([Paragraph(markup, style)])
        return Table(rows or [[""]], colWidths=(width,), style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]))

    def _line_end(self, width: float):
        """Dots from the end of a line's text to its page number, and the number (a form)."""

        def draw(canv, kind, label):
            key, level = label.rsplit("|", 1)
            style = self.level_styles[min(int(level), len(self.level_styles) - 1)]
            x, y = canv._curr_tx_info["cur_x"], canv._curr_tx_info["cur_y"]
            dot_width = stringWidth(self.DOTS, style.fontName, style.fontSize)
            dots = int((width - self.NUMBER_WIDTH - x) / dot_width)
            canv.saveState()
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(style.textColor)
            if dots > 0:
                canv.drawString(width - self.NUMBER_WIDTH - dots * dot_width, y, self.DOTS * dots)
            canv.translate(width, y)
            canv.doForm(PAGE_OF_MARK_FORM.format(key=key))
            canv.restoreState()
            canv.page_numbers_wanted[key] = (style.fontName, style.fontSize, style.textColor)
            canv.linkRect("", key, (width - self.NUMBER_WIDTH, y, width, y + style.leading), relative=1)

        return draw

    def wrap(self, availWidth, availHeight):
        self.canv.setNamedCB("contentsLineEnd", self._line_end(availWidth))
        self._table = self._make_table(availWidth)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.canv.setNamedCB("contentsLineEnd", self._line_end(availWidth))
        return self._make_table(availWidth).splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)


FIGURE_FORM = "briefFigure"


class BorrowedObject(PDFObject):
    """An object of another PDF (the figure's), written into the brief with its references renumbered.

    Each borrowed object is registered with reportlab under `prefix + its old number`,
    so reportlab numbers it like its own objects and the references follow.
    """

    def __init__(self, obj: PdfObject, prefix: str):
        self.obj, self.prefix = obj, prefix

    def format(self, document) -> bytes:
        def renumbered(obj):
            if isinstance(obj, IndirectObject):
                number, generation = document.idToObjectNumberAndVersion[f"{self.prefix}{obj.idnum}"]
                return IndirectObject(number, generation, None)
            if isinstance(obj, DictionaryObject):
                new = copy(obj)  # a copy keeps a stream's data
                for key, value in obj.items():
                    new[key] = renumbered(value)
                return new
            if isinstance(obj, ArrayObject):
                return ArrayObject(renumbered(value) for value in obj)
            return obj

        out = BytesIO()
        renumbered(self.obj).write_to_stream(out)
        return out.getvalue()


@dataclass(frozen=True)
class EmbeddedFigure:
    """The figure a brief embeds: its shape at once, its PDF (kaleido's) only when the brief is saved.

    A figure page needs only the figure's shape to be laid out, so the brief is
    written while Chromium may still be starting and rendering the figure; the
    file is read, waiting for it if need be, as the brief is saved.
    """

    aspect: float  # width / height
    pdf: Callable[[], Path]  # the figure's one-page PDF, once it exists

    @classmethod
    def from_file(cls, path: Path) -> EmbeddedFigure:
        box = PdfReader(path).pages[0].mediabox
        return cls(aspect=float(box.width) / float(box.height), pdf=lambda: Path(path))


@dataclass(frozen=True)
class FigurePage:
    """Kaleido's one-page figure PDF as a form XObject plus the objects it uses (fonts, graphics states).

    The form maps the page onto the unit square (its /Matrix), so it is drawn
    scaled to its slot whatever the page's size turns out to be.
    """

    form: DecodedStreamObject
    objects: dict[int, PdfObject]  # old object number -> object

    @classmethod
    def read(cls, path: Path) -> FigurePage:
        page = PdfReader(path).pages[0]
        box = page.mediabox
        resources = page.raw_get("/Resources") if "/Resources" in page else DictionaryObject()
        objects: dict[int, PdfObject] = {}
        pending = [resources]
        while pending:  # every object the resources reach, each once
            obj = pending.pop()
            if isinstance(obj, IndirectObject):
                if obj.idnum in objects:
                    continue
                objects[obj.idnum] = target = obj.get_object()
                pending.append(target)
            elif isinstance(obj, DictionaryObject):
                pending.extend(obj.values())
            elif isinstance(obj, ArrayObject):
                pending.extend(obj)
        contents = page.get_contents()
        form = DecodedStreamObject()
        form.set_data(contents.get_data() if contents is not None else b"")
        left, bottom, width, height = (float(v) for v in (box.left, box.bottom, box.width, box.height))
        form.update({
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(box),
            NameObject("/Matrix"): ArrayObject(FloatObject(v) for v in (
                1 / width, 0, 0, 1 / height, -left / width, -bottom / height)),
            NameObject("/Resources"): resources,
        })
        return cls(form=form.flate_encode(), objects=objects)

    def add_to(self, canv) -> None:
        """Register the figure as a form of the canvas's document (reportlab has no public call for
        adding foreign objects, hence `_doc`)."""
        doc = canv._doc
        if doc.hasForm(FIGURE_FORM):
            return
        prefix = f"{FIGURE_FORM}."
        for number, obj in self.objects.items():
            doc.Reference(BorrowedObject(obj, prefix), f"{prefix}{number}")
        doc.addForm(FIGURE_FORM, BorrowedObject(self.form, prefix))


class FigureSlot(Flowable):
    """The figure, scaled into the room left on its page, keeping its aspect and leaving room
    for the caption below. It draws a form the canvas defines as it saves (see `EmbeddedFigure`)."""

    def __init__(self, figure: EmbeddedFigure, caption: Flowable):
        super().__init__()
        self.figure = figure
        self.aspect = figure.aspect
        self.caption = caption
        self.hAlign = "CENTER"
        self.placed_on: int | None = None  # the page it was drawn on

    def wrap(self, availWidth, availHeight):
        caption_height = self.caption.wrap(availWidth, availHeight)[1] + 12
        room = max(availHeight - caption_height, 40)
        self.width = min(availWidth, room * self.aspect)
        self.height = self.width / self.aspect
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.transform(self.width, 0, 0, self.height, 0, 0)  # the form is the unit square
        self.canv.doForm(FIGURE_FORM)
        self.canv.restoreState()
        self.canv.figure_wanted = self.figure
        self.placed_on = self.canv.getPageNumber()


# --- page furniture -----------------------------------------------------------------


@dataclass(frozen=True)
class Furniture:
    """What every page carries besides its content: marking, header, footer, draft watermark."""

    fonts: PdfFonts
    title: str
    marking: str | None
    as_of: str
    draft: bool

    def cover(self, canv, doc) -> None:
        canv.showOutline()
        width, height = doc.pageTemplate.pagesize
        self._watermark(canv, width, height)
        self._markings(canv, width, height)

    def page(self, canv, doc) -> None:
        width, height = doc.pageTemplate.pagesize
        self._watermark(canv, width, height)
        self._markings(canv, width, height)
        fonts, size = self.fonts, FURNITURE_SIZE
        left, right = MARGIN_LEFT, width - MARGIN_RIGHT
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)

        header_y = height - 18 * mm
        right_text = f"Information as of {self.as_of}"
        right_width = fonts.width(right_text, size)
        fonts.draw(canv, right - right_width, header_y, right_text, size)
        fonts.draw(canv, left, header_y, fonts.fit(self.title, size, right - left - right_width - 24), size)
        canv.line(left, header_y - 4, right, header_y - 4)

        footer_y = 16 * mm
        canv.line(left, footer_y + 9, right, footer_y + 9)
        shown = fonts.draw(canv, left, footer_y, f"Page {canv.getPageNumber()} of ", size)
        canv.saveState()
        canv.translate(left + shown, footer_y)
        canv.doForm(PAGE_TOTAL_FORM)
        canv.restoreState()
        if self.draft:
            canv.setFillColor(DRAFT)
            label_width = fonts.width(DRAFT_LABEL, size + 0.5, "bold")
            fonts.draw(canv, right - label_width, footer_y, DRAFT_LABEL, size + 0.5, "bold")
        canv.restoreState()

    def _markings(self, canv, width: float, height: float) -> None:
        if not self.marking:
            return
        text = self.fonts.fit(self.marking, MARKING_SIZE, width - 2 * MARGIN_LEFT, "bold")
        text_width = self.fonts.width(text, MARKING_SIZE, "bold")
        canv.saveState()
        canv.setFillColor(MARKING)
        for y in (height - 9.5 * mm, 7 * mm):
            self.fonts.draw(canv, (width - text_width) / 2, y, text, MARKING_SIZE, "bold")
        canv.restoreState()

    def _watermark(self, canv, width: float, height: float) -> None:
        """A light diagonal DRAFT label across the page, real text so it can be searched."""
        if not self.draft:
            return
        diagonal = math.hypot(width, height)
        size = min(72.0, 0.62 * diagonal / self.fonts.width(DRAFT_LABEL, 1, "bold"))
        text_width = self.fonts.width(DRAFT_LABEL, size, "bold")
        canv.saveState()
        canv.setFillColor(DRAFT)
        canv.setFillAlpha(0.09)
        canv.translate(width / 2, height / 2)
        canv.rotate(math.degrees(math.atan2(height, width)))
        self.fonts.draw(canv, -text_width / 2, -size / 3, DRAFT_LABEL, size, "bold")
        canv.restoreState()


def _counting_canvas(fonts: PdfFonts, created: str) -> type[Canvas]:
    """A canvas whose `save` writes the page numbers known only at the end into forms
    drawn earlier: the page count every footer shows and the page of each contents
    line. Its document is dated `created` (a PDF date string).

    Footers and contents are drawn page by page, before the numbers are known; a
    form referenced by name and defined at the end fills the gap without delaying
    `showPage` (delaying it, as the common recipe does, points every link at page 1).
    """

    class CountingCanvas(Canvas):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            self.setDateFormatter(lambda *_: created)
            self.mark_pages: dict[str, int] = {}  # mark key -> page it landed on
            self.page_numbers_wanted: dict[str, tuple] = {}  # mark key -> (font, size, colour)
            self.figure_wanted: EmbeddedFigure | None = None

        def save(self):
            if self.figure_wanted is not None:
                FigurePage.read(self.figure_wanted.pdf()).add_to(self)
            total = self.getPageNumber() - 1  # save() follows the last showPage
            self.beginForm(PAGE_TOTAL_FORM, 0, -FURNITURE_SIZE, 20 * FURNITURE_SIZE, 2 * FURNITURE_SIZE)
            self.setFillColor(MUTED)
            fonts.draw(self, 0, 0, str(total), FURNITURE_SIZE)
            self.endForm()
            for key, (font, size, colour) in sorted(self.page_numbers_wanted.items()):
                # Every contents line has a heading in the story (`list_contents`), so its page is known.
                number = str(self.mark_pages[key])
                self.beginForm(PAGE_OF_MARK_FORM.format(key=key), -Contents.NUMBER_WIDTH, -size, 0, 2 * size)
                self.setFont(font, size)
                self.setFillColor(colour)
                self.drawRightString(0, 0, number)
                self.endForm()
            super().save()

    return CountingCanvas


def _page_templates(pagesize, furniture: Furniture) -> list[PageTemplate]:
    def frame(size, name):
        width, height = size
        return Frame(MARGIN_LEFT, MARGIN_BOTTOM, width - MARGIN_LEFT - MARGIN_RIGHT,
                     height - MARGIN_TOP - MARGIN_BOTTOM, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    wide = landscape(pagesize)
    return [
        PageTemplate(id="cover", frames=[frame(pagesize, "cover")], onPage=furniture.cover, pagesize=pagesize),
        PageTemplate(id="body", frames=[frame(pagesize, "body")], onPage=furniture.page, pagesize=pagesize),
        # The figure page's furniture is drawn last, so the draft watermark lies over the figure's
        # opaque background.
        PageTemplate(id="landscape", frames=[frame(wide, "landscape")], onPageEnd=furniture.page, pagesize=wide),
    ]


# --- the story, section by section ----------------------------------------------------


def _cover(ctx: Context) -> list[Flowable]:
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
    story.append(Paragraph(f"Information as of {brief.as_of.day} {brief.as_of:%B %Y}", s.cover_meta))
    story.append(Spacer(0, 16 * mm))

    story.append(Anchor(Mark("bottom-line", "Bottom line", 0, "Bottom line")))
    rows = [[Paragraph("Bottom line", s.box_heading)]]
    rows += [[Paragraph(ctx.t(block), s.box_body)] for block in paragraphs(brief.summary)]
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


def _period(events: list[Event]) -> str:
    """From the first event's start to the latest event's end, for readers."""
    if not events:
        return "–"
    # Not events[0]: an event known only to the month sorts after that month's
    # dated events, yet its period starts before them.
    earliest = min((e.date for e in events), key=lambda d: d.first_day)
    latest = max((e.end or e.date for e in events), key=lambda d: d.last_day)
    return display_span(earliest, latest)


def _quote_counts(ctx: Context) -> tuple[int, int]:
    """(quotes found verbatim, quotes in all)."""
    total = found = 0
    for event in ctx.events:
        for index in range(len(event.evidence)):
            total += 1
            match = ctx.quote_match(event, index)
            found += bool(match and match.found)
    return found, total


def _cover_facts(ctx: Context) -> Table:
    """The brief's scope at a glance: what it covers and how much of it was verified."""
    s = ctx.styles
    found, total = _quote_counts(ctx)
    period = _period(ctx.events)
    warnings = sum(1 for f in ctx.findings if f.severity == "warning")
    errors = sum(1 for f in ctx.findings if f.severity != "warning")
    checks = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
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


def _contents(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    contents = Contents(s.toc_levels, ctx.fonts.main())
    return [Heading("Contents", s.h1, Mark("contents", "Contents", 0)), contents, Spacer(0, 10 * mm)]


def list_contents(story: list[Flowable]) -> None:
    """Give the story's contents a line for every mark in the story that asks for one."""
    marks = [f.mark for f in story if isinstance(getattr(f, "mark", None), Mark) and f.mark.toc]
    for flowable in story:
        if isinstance(flowable, Contents):
            flowable.marks = marks


def _judgements(ctx: Context) -> list[Flowable]:
    brief, s = ctx.timeline.brief, ctx.styles
    if not brief.judgements:
        return []
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Heading("Key judgements", s.h1, Mark("judgements", "Key judgements", 0, "Key judgements")),
    ]
    for number, judgement in enumerate(brief.judgements, 1):
        text = Paragraph(ctx.t(judgement.text), _with_bullet(s.judgement, s.judgement_number),
                         bulletText=f"{number}.")
        meta = f"<b>Confidence: {escape(judgement.confidence)}</b>"
        if judgement.events:
            in_order = sorted(judgement.events, key=lambda e: ctx.event_number.get(e, 0))
            links = "; ".join(ctx.event_link(e) for e in in_order)
            meta += f" &nbsp;·&nbsp; Rests on {links}"
        story.append(KeepTogether([text, Paragraph(meta, _indented(s.meta, 18))]))
    return story


def _with_bullet(style, bullet_style):
    new = copy(style)
    new.leftIndent, new.bulletIndent = 18, 0
    new.bulletFontName, new.bulletColor = bullet_style.fontName, bullet_style.textColor
    return new


def _indented(style, indent: float):
    new = copy(style)
    new.leftIndent = indent
    return new


def _figure(ctx: Context, figure: EmbeddedFigure | None) -> tuple[list[Flowable], FigureSlot | None]:
    s = ctx.styles
    if figure is None:
        return [PageBreak()], None
    count = len(ctx.events)
    caption = (f"<b>Figure 1.</b> The timeline of events, {escape(_period(ctx.events))}. "
               f"Numbered markers refer to the chronology and to the event sections (1–{count}).")
    caption_para = Paragraph(caption, s.caption)
    slot = FigureSlot(figure, caption_para)
    story = [
        NextPageTemplate("landscape"), PageBreak(),
        Heading("Timeline", s.h1, Mark("figure", "Timeline figure", 0, "Timeline figure")),
        slot, caption_para,
        NextPageTemplate("body"), PageBreak(),
    ]
    return story, slot


def _event_sources(event: Event) -> list[str]:
    """The sources an event cites, each once, in the order first cited."""
    seen: list[str] = []
    for evidence in event.evidence:
        if evidence.source not in seen:
            seen.append(evidence.source)
    return seen


def _chronology(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [Heading("Chronology", s.h1, Mark("chronology", "Chronology", 0, "Chronology"))]
    story.append(Paragraph(
        f"{len(ctx.events)} events, {escape(_period(ctx.events))}, in date order. Dates are as precise "
        "as the sources allow; the numbers are those of the figure and of the event sections.", s.meta))
    head = ["No.", "Date", "Event", "Place", "Actors", "Sources"]
    rows = [[Paragraph(label, s.table_head) for label in head]]
    for event in ctx.events:
        number = ctx.event_number[event.id]
        rows.append([
            Paragraph(f'<a href="#{ctx.event_anchor(event.id)}" color="{ACCENT.hexval()}">{number}</a>', s.table_cell),
            Paragraph(escape(display_span(event.date, event.end)), s.table_cell),
            Paragraph(f'<a href="#{ctx.event_anchor(event.id)}">{ctx.t(event.title)}</a>', s.table_cell),
            Paragraph(ctx.t(event.place or "–"), s.table_cell),
            Paragraph(ctx.t(", ".join(ctx.timeline.actor_name(a) for a in event.actors) or "–"), s.table_cell),
            Paragraph(" ".join(ctx.cite(src) for src in sorted(_event_sources(event),
                                                               key=lambda i: ctx.source_number.get(i, 0))),
                      s.table_cell),
        ])
    widths = [0.05, 0.15, 0.33, 0.14, 0.22, 0.11]
    story.append(ctx.long_table(rows[0], rows[1:], [f"{w * 100:.0f}%" for w in widths], zebra=True))
    return story


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


def _unverified_note(ctx: Context, match: QuoteMatch | None, source: Source | None) -> str:
    where = ctx.t(source.file) if source else "its source"
    if match is None:
        return f"<b>NOT VERIFIED:</b> this quote was not checked against {where} (see Annex B)."
    note = f"<b>NOT VERIFIED:</b> this quote was not found in {where}."
    if match.closest:
        at = f", line {match.line}" if match.line else ""
        note += (f" Closest passage ({_percent(match.similarity)} similar{at}): "
                 f"“{ctx.t(_short(match.closest, 400))}”")
    return note


def _evidence_block(ctx: Context, event: Event, index: int, evidence: Evidence, width: float) -> Flowable:
    s = ctx.styles
    source = ctx.source(evidence.source)
    match = ctx.quote_match(event, index)
    verified = match is not None and match.found
    pair, grade_words = _grades(evidence, source)

    cite = ctx.cite(evidence.source)
    if source:
        cite += " " + ctx.t(source.publisher or source.title)
        if source.published:
            cite += f", {escape(source.published.display())}"
        if verified and match.line:
            cite += f" &nbsp;·&nbsp; {ctx.t(source.file)}, line {match.line}"
    if grade_words:
        cite += f" &nbsp;·&nbsp; {grade_words}"
    content: list[Flowable] = [Paragraph(f"“{ctx.t(evidence.quote)}”", s.quote), Paragraph(cite, s.cite)]
    if not verified:
        content.append(Spacer(0, 3))
        content.append(Paragraph(_unverified_note(ctx, match, source), s.unverified))

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

    grade_lines = [(pair, s.grade), ("ADMIRALTY", s.grade_label)] if pair else []
    return EvidenceBlock(content, grade_lines, widths, bar, shade, as_table)


def _events(ctx: Context, frame_width: float) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [PageBreak(), Heading("Events", s.h1, Mark("events", "Events", 0, "Events"))]
    for event in ctx.events:
        number = ctx.event_number[event.id]
        title = _short(event.title, MAX_HEADING_CHARS)
        heading = (f'<font color="{ACCENT.hexval()}">{number}.</font>&nbsp; {ctx.t(title, "bold")}')
        contents_line = f"{number}.&nbsp; {ctx.t(title)}" if len(ctx.events) <= CONTENTS_MAX_EVENTS else None
        mark = Mark(ctx.event_anchor(event.id), f"{number}. {title}", 1, contents_line)
        meta = [escape(display_span(event.date, event.end))]
        if event.place:
            meta.append(ctx.t(event.place))
        if event.actors:
            meta.append(ctx.t(", ".join(ctx.timeline.actor_name(a) for a in event.actors)))
        meta.append(f"Significance: {escape(event.significance)}")
        if event.tags:
            meta.append("Tags: " + ctx.t(", ".join(event.tags)))
        block: list[Flowable] = [
            CondPageBreak(45 * mm),
            Heading(heading, s.event_heading, mark),
            Paragraph(" &nbsp;·&nbsp; ".join(meta), s.event_meta),
        ]
        block += [Paragraph(ctx.t(text), s.body) for text in paragraphs(event.summary)]
        block += [_evidence_block(ctx, event, i, ev, frame_width) for i, ev in enumerate(event.evidence)]
        story += block
    return story


def _sources_annex(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [
        PageBreak(),
        Heading("Annex A. Sources", s.h1, Mark("sources", "Annex A. Sources", 0, "Annex A. Sources")),
        Paragraph("Sources are numbered in the order of the timeline file; the numbers in brackets "
                  "throughout the brief refer to them. Grades follow the Admiralty system: source "
                  "reliability A (completely reliable) to F (cannot be judged), information "
                  "credibility 1 (confirmed) to 6 (cannot be judged).", s.meta),
        Spacer(0, 4),
    ]
    citing: dict[str, list[str]] = {src.id: [] for src in ctx.timeline.sources}
    for event in ctx.events:
        for source_id in _event_sources(event):
            citing.setdefault(source_id, []).append(event.id)
    for source in ctx.timeline.sources:
        number = ctx.source_number[source.id]
        parts = []
        if source.author:
            parts.append(ctx.t(source.author) + ".")
        parts.append(f"<i>{ctx.t(source.title, 'italic')}</i>.")
        details = [ctx.t(x) for x in (source.publisher,) if x]
        if source.published:
            details.append(escape(source.published.display()))
        if details:
            parts.append(", ".join(details) + ".")
        if source.url:
            url = ctx.t(source.url)
            if source.url.startswith(("http://", "https://")):
                url = f"<a href={quoteattr(source.url)} color=\"{ACCENT.hexval()}\">{url}</a>"
            parts.append(url)
        entry = (f'<a name="{ctx.source_anchor(source.id)}"/><font color="{ACCENT.hexval()}"><b>[{number}]</b></font>'
                 f"&nbsp;&nbsp;{' '.join(parts)}")
        facts = []
        if source.reliability:
            facts.append(f"Reliability {escape(source.reliability)} "
                         f"({RELIABILITY_WORDS.get(source.reliability, '')})")
        facts.append(f"File {ctx.t(source.file)}")
        events = citing.get(source.id, [])
        facts.append("Cited in " + "; ".join(ctx.event_link(e) for e in events) if events
                     else "Not cited by any event")
        story.append(KeepTogether([
            Paragraph(entry, s.annex_entry),
            Paragraph(" &nbsp;·&nbsp; ".join(facts), _indented(s.small, 22)),
            Spacer(0, 7),
        ]))
    return story


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


def _verification_annex(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    result = ctx.result
    found, total = _quote_counts(ctx)
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
                    status += (f"; closest passage ({_percent(match.similarity)} similar{at}): "
                               f"“{ctx.t(_short(match.closest, 240))}”")
            rows.append([
                Paragraph(f'<a href="#{ctx.event_anchor(event.id)}" color="{ACCENT.hexval()}">'
                          f"{ctx.event_number[event.id]}.{index + 1}</a>", s.table_cell),
                Paragraph(f"“{ctx.t(_short(evidence.quote, 110))}”", s.table_cell),
                Paragraph(f"{ctx.cite(evidence.source)} {status}", s.table_cell),
            ])
    story.append(ctx.long_table(rows[0], rows[1:], ["8%", "50%", "42%"]))

    story.append(Heading("Findings", s.h2, Mark("verification-findings", "Findings", 1)))
    order = {"input": 0, "error": 1, "warning": 2}
    findings = sorted(ctx.findings, key=lambda f: (order[f.severity], f.sort_key))
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
    created = _created(ctx)
    story.append(Spacer(0, 8))
    story.append(Paragraph(
        f"Built by briefing {escape(ctx.options.version)} on {created:%Y-%m-%d %H:%M} UTC"
        + (", as a draft: the check found errors." if ctx.options.draft else "."), s.meta))
    return story


# --- writing ---------------------------------------------------------------------------


def _created(ctx: Context) -> dt.datetime:
    created = ctx.options.created
    if created is None:
        as_of = ctx.timeline.brief.as_of
        created = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.timezone.utc)
    return created.astimezone(dt.timezone.utc)


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


@contextmanager
def _few_full_collections():
    """Let Python's cycle collector rarely sweep its oldest generation for a while.

    A long brief keeps millions of objects alive (the story, its line breaks, the
    pages' drawing operators); each full sweep walks them all, and by default one
    runs whenever they have grown by a quarter: a third of a 2,000-event build. The
    young generations, where reportlab's short-lived cycles die, are swept as usual.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], max(thresholds[2], 1000))
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def write_brief(result: CheckResult, out_path: Path, *, figure: EmbeddedFigure | None,
                options: BriefOptions) -> BriefInfo:
    """Write the brief for a checked timeline to exactly `out_path`."""
    if options.paper not in PAPER:
        raise ValueError(f"unknown paper size {options.paper!r}: use one of {', '.join(PAPER)}")
    with _few_full_collections():
        return _write_brief(result, out_path, figure, options)


def _write_brief(result: CheckResult, out_path: Path, figure: EmbeddedFigure | None,
                 options: BriefOptions) -> BriefInfo:
    timeline = result.timeline
    fontset = options.fonts or FontSet.default()
    fonts = register_fonts(fontset)
    missing_glyphs = [f for f in result.findings if f.code == "F001"]  # the check's, found with these fonts
    events = timeline.events_in_order()
    ctx = Context(
        result=result, fonts=fonts, styles=make_styles(fonts), options=options,
        findings=sorted(result.findings, key=lambda f: f.sort_key),
        events=events,
        event_number={e.id: i for i, e in enumerate(events, 1)},
        source_number={src.id: i for i, src in enumerate(timeline.sources, 1)},
    )
    pagesize = PAPER[options.paper]
    frame_width = pagesize[0] - MARGIN_LEFT - MARGIN_RIGHT
    brief = timeline.brief
    furniture = Furniture(fonts=fonts, title=brief.title, marking=brief.marking,
                          as_of=f"{brief.as_of.day} {brief.as_of:%B %Y}", draft=options.draft)

    figure_story, slot = _figure(ctx, figure)
    story = [
        *_cover(ctx), *_contents(ctx), *_judgements(ctx), *figure_story, *_chronology(ctx),
        *_events(ctx, frame_width), *_sources_annex(ctx), *_verification_annex(ctx),
    ]
    list_contents(story)
    tags = sorted({tag for e in events for tag in e.tags})
    producer = f"briefing {options.version}"
    doc = BaseDocTemplate(
        str(out_path), pagesize=pagesize, pageTemplates=_page_templates(pagesize, furniture),
        title=" ".join(brief.title.split()), author=brief.author or "",
        subject=" ".join((brief.subtitle or "Analyst brief").split()), keywords=tags,
        creator=producer, producer=f"{producer} (reportlab, pypdf)", invariant=1, lang="en",
        initialFontName=fonts.main(), displayDocTitle=True,
        leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
    )
    doc.build(story, canvasmaker=_counting_canvas(fonts, _pdf_date(_created(ctx))))
    return BriefInfo(pages=doc.page, size=Path(out_path).stat().st_size,
                     figure_page=slot.placed_on if slot else None, font_findings=missing_glyphs)
