"""The brief's own flowables, each a faster equal of what reportlab would draw.

The paragraph that skips the markup parser for plain text, the table split a page
at a time, and the evidence block drawn by hand instead of as a one-row table.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Table
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser


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


def at_top_of_frame(flowable: Flowable) -> bool:
    """Whether nothing is above `flowable` on its page, as the frame splitting it says (a
    flowable that would rather go on to the next page whole must not wait there forever)."""
    return getattr(getattr(flowable, "_frame", None), "_atTop", True)


class LongTable(Flowable):
    """A table of any number of rows under a header row, split page by page at the cost of a page.

    reportlab's Table measures every row it has left each time it splits (its
    long-table shortcut works only for tables with row spans), so a table of
    thousands of rows costs rows x pages. This one measures at most `PAGE_ROWS`
    rows at a time and hands the frame a Table of those that fit, followed by
    itself for the rest. The header row opens the table and every page it goes
    on to, and a page never holds fewer than `MIN_ROWS_TOGETHER` of its rows
    when it has more (a last row alone over the page reads as an afterthought).
    """

    PAGE_ROWS = 40  # more rows than any page holds
    MIN_ROWS_TOGETHER = 2

    def __init__(self, header: list, rows: list[list], make: Callable[[list[list], bool, int], Table],
                 start: int = 0):
        super().__init__()
        self.header, self.rows, self.make, self.start = header, rows, make, start
        self._whole: Table | None = None

    def _piece(self, count: int) -> Table:
        """A Table of the next `count` rows, under the header where one belongs."""
        header = self.start == 0 or at_top_of_frame(self)
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
        if fits < left:  # the table goes on over the page
            fitting = fits
            fits = min(fits, left - self.MIN_ROWS_TOGETHER)
            together = sum(piece._rowHeights[:header_rows + self.MIN_ROWS_TOGETHER])
            if (fits < self.MIN_ROWS_TOGETHER and fitting and not at_top_of_frame(self)
                    and together <= getattr(getattr(self, "_frame", None), "_aH", 0)):
                return []  # on to the next page, which holds more than a row at the foot of this one
            if fits < 1:
                fits = fitting  # at the top of a page: rows must go somewhere
        rest = LongTable(self.header, self.rows, self.make, self.start + max(fits, 1))
        if fits:
            return [self._piece(fits), rest] if fits < left else [self._piece(fits)]
        if not at_top_of_frame(self):
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
    and carries machinery one row does not need. A block is not split where a page
    ends (a quote parted from its citation is read without it): it goes on to the
    next page whole. Only a block taller than a page becomes that table, which
    splits it.
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
        if not at_top_of_frame(self):
            return []  # to the next page, where it fits whole unless it is taller than a page
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


def fits_in_frame(flowables: list[Flowable], frame, canv) -> bool:
    """Whether `flowables`, stacked, fit whole in what is left of `frame`. The spaces between them
    are counted in full (a frame lets one overlap the other), so a close fit counts as none."""
    flowables = _unkept(flowables)
    room = frame._y - frame._y1p
    width = frame._getAvailableWidth()
    used = 0.0
    for number, flowable in enumerate(flowables):
        if number or not frame._atTop:
            used += flowable.getSpaceBefore()
        used += flowable.wrapOn(canv, width, 72000)[1] + (flowable.getSpaceAfter() if number < len(flowables) - 1 else 0)
        if used > room:  # measure no further: a long section is hundreds of rows
            return False
    return True


def _unkept(flowables: list[Flowable]) -> list[Flowable]:
    """The flowables with each KeepTogether's own in its place: a KeepTogether gives no height of
    its own (it asks the frame to split it, to decide there)."""
    flat = []
    for flowable in flowables:
        flat += _unkept(flowable._content) if isinstance(flowable, KeepTogether) else [flowable]
    return flat


class NewPageUnlessItFits(Flowable):
    """Where a section starts: here when the whole of it fits in what is left of the page, else at
    the top of the next (a section of reference, an annex, is not begun at the foot of a page).
    Its flowables follow it in the story, where the contents finds their headings."""

    def __init__(self, section: list[Flowable]):
        super().__init__()
        self.section = section
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def frameAction(self, frame):  # reportlab calls it as the frame reaches this
        if not fits_in_frame(self.section, frame, self.canv):
            frame.add_generated_content(PageBreak())

    def draw(self):
        pass


class TwoPlaces:
    """A run of flowables with two places in the story: the first when the whole run fits in
    what is left of the page there, else the second.

    A short section can so share the page of what precedes it even where a page break
    follows (the landscape figure page), instead of standing alone on a page after it.
    Each place is a zero-size flowable (`first`, `second`); the frame that reaches the
    chosen one is handed the run to lay out next, in the same single pass.
    """

    def __init__(self, content: list[Flowable]):
        self.content = content
        self.placed = False

    def first(self) -> Flowable:
        return _Place(self, if_it_fits=True)

    def second(self) -> Flowable:
        return _Place(self, if_it_fits=False)


class _Place(Flowable):
    """One of the places of a `TwoPlaces` run: nothing itself, it gives the frame the run when
    the run goes here (reportlab calls `frameAction` as the frame reaches it)."""

    def __init__(self, run: TwoPlaces, if_it_fits: bool):
        super().__init__()
        self.run, self.if_it_fits = run, if_it_fits
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def frameAction(self, frame):
        if self.run.placed or (self.if_it_fits and not fits_in_frame(self.run.content, frame, self.canv)):
            return
        self.run.placed = True
        frame.add_generated_content(*self.run.content)

    def draw(self):
        pass
