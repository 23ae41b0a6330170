"""Where a reader can jump: destinations, outline entries and the table of contents."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from .flowables import Paragraph, at_top_of_frame


PAGE_OF_MARK_FORM = "pageOf-{key}"  # a contents line's page number


@dataclass(frozen=True)
class Mark:
    """A place readers can jump to: a PDF destination, an outline entry, maybe a contents line."""

    key: str
    title: str  # plain text, for the outline
    level: int
    toc: str | None = None  # paragraph markup for the contents; None keeps it out
    toc_number: str | None = None  # plain text set before the contents line, right-aligned in a column


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

    A contents too long for its page goes on over the next, but a page never
    holds a stub of it: see `_lines_here`.
    """

    NUMBER_WIDTH = 28  # right column for the page number
    DOTS = " . "
    NUMBER_GAP = 5  # from a line's number (`Mark.toc_number`) to its text
    MIN_LINES_TOGETHER = 3  # on a page of a split contents, and of a section's entries on either side of a break

    def __init__(self, level_styles: tuple[ParagraphStyle, ...], font: str, marks: tuple[Mark, ...] = (),
                 numbered_styles: dict[int, ParagraphStyle] | None = None):
        super().__init__()
        self.given_styles = level_styles
        self.level_styles = tuple(ParagraphStyle(f"{style.name}-contents", parent=style, rightIndent=self.NUMBER_WIDTH)
                                  for style in level_styles)
        self.font = font
        self.marks: list[Mark] = list(marks)
        self._numbered_styles = numbered_styles  # for all the contents' lines, so each page of it aligns alike
        self._table: Table | None = None

    def _style(self, level: int) -> ParagraphStyle:
        return self.level_styles[min(level, len(self.level_styles) - 1)]

    def _numbered_style(self, level: int) -> ParagraphStyle:
        """The style of a numbered line at `level`: its number right-aligned in a column as wide
        as the widest number at that level, so that the texts line up."""
        return self._numbered_styles_by_level()[level]

    def _numbered_styles_by_level(self) -> dict[int, ParagraphStyle]:
        if self._numbered_styles is None:
            widths: dict[int, float] = {}
            for mark in self.marks:
                if mark.toc_number is not None:
                    style = self._style(mark.level)
                    width = stringWidth(mark.toc_number, style.fontName, style.fontSize)
                    widths[mark.level] = max(widths.get(mark.level, 0.0), width)
            self._numbered_styles = {}
            for level, width in widths.items():
                style = self._style(level)
                self._numbered_styles[level] = ParagraphStyle(
                    f"{style.name}-numbered", parent=style, bulletAnchor="end",
                    bulletIndent=style.leftIndent + width, leftIndent=style.leftIndent + width + self.NUMBER_GAP,
                    bulletFontName=style.fontName, bulletFontSize=style.fontSize, bulletColor=style.textColor)
        return self._numbered_styles

    def _make_table(self, width: float) -> Table:
        rows, commands = [], [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
        for row, mark in enumerate(self.marks):
            style = self._style(mark.level)
            markup = (f'<a href="#{mark.key}">{mark.toc}</a>'
                      f'<onDraw name="contentsLineEnd" label="{mark.key}|{mark.level}"/>')
            if mark.toc_number is None:
                rows.append([Paragraph(markup, style)])
            else:
                rows.append([Paragraph(markup, self._numbered_style(mark.level), bulletText=mark.toc_number)])
            if row and style.spaceBefore:  # a paragraph's space before is lost in a table cell
                commands.append(("TOPPADDING", (0, row), (0, row), style.spaceBefore))
        return Table(rows or [[""]], colWidths=(width,), style=TableStyle(commands))

    def _line_end(self, width: float):
        """Dots from the end of a line's text to its page number, and the number (a form)."""

        def draw(canv, kind, label):
            key, level = label.rsplit("|", 1)
            style = self._style(int(level))
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

    def _lines_here(self, fit: int) -> int:
        """How many of the lines to set on this page when `fit` of them fit: no fewer than
        `MIN_LINES_TOGETHER` go on to the next page, a section's line never ends a page, and a
        run of a section's entries is broken only with that many of them on either side (a
        shorter run goes over with its section). 0: none."""
        levels = [mark.level for mark in self.marks]
        together = self.MIN_LINES_TOGETHER
        lines = min(fit, len(levels) - together)
        while lines > 0:
            level = levels[lines]  # the next page's first line
            if level > levels[lines - 1]:  # this page would end on the line of the section it opens
                lines -= 1
                continue
            if level > 0 and levels[lines - 1] == level:  # the break falls inside a run of entries
                first = lines
                while first > 0 and levels[first - 1] >= level:
                    first -= 1
                last = lines
                while last < len(levels) and levels[last] >= level:
                    last += 1
                if lines - first < together:
                    lines = first - 1  # the run and its section's line go over together
                    continue
                if last - lines < together:
                    lines = last - together
                    continue
            break
        return max(lines, 0)

    def split(self, availWidth, availHeight):
        self.canv.setNamedCB("contentsLineEnd", self._line_end(availWidth))
        table = self._make_table(availWidth)
        table.wrapOn(self.canv, availWidth, availHeight)
        fit, used = 0, 0.0
        for height in table._rowHeights:
            if used + height > availHeight:
                break
            used += height
            fit += 1
        lines = self._lines_here(fit)
        if lines == 0:
            if not at_top_of_frame(self):
                return []  # to the next page, where it may fit whole
            lines = max(fit, 1)  # a page cannot hold the lines that belong together: break where it is full
        numbered = self._numbered_styles_by_level()  # measured over every line, before they are shared out
        return [Contents(self.given_styles, self.font, tuple(part), numbered)
                for part in (self.marks[:lines], self.marks[lines:])]

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)


def list_contents(story: list[Flowable]) -> None:
    """Give the story's contents a line for every mark in the story that asks for one."""
    marks = [f.mark for f in story if isinstance(getattr(f, "mark", None), Mark) and f.mark.toc]
    for flowable in story:
        if isinstance(flowable, Contents):
            flowable.marks = marks
