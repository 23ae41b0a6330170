"""Where a reader can jump: destinations, outline entries and the table of contents."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from .flowables import Paragraph


PAGE_OF_MARK_FORM = "pageOf-{key}"  # a contents line's page number


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


def list_contents(story: list[Flowable]) -> None:
    """Give the story's contents a line for every mark in the story that asks for one."""
    marks = [f.mark for f in story if isinstance(getattr(f, "mark", None), Mark) and f.mark.toc]
    for flowable in story:
        if isinstance(flowable, Contents):
            flowable.marks = marks
