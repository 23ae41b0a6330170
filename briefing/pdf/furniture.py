"""What every page carries besides its content: markings, header, footer, draft watermark."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.units import mm

from ..fonts import PdfFonts
from .styles import DRAFT, FURNITURE_SIZE, MARGIN_LEFT, MARGIN_RIGHT, MARKING, MARKING_SIZE, MUTED, RULE


DRAFT_LABEL = "DRAFT – UNVERIFIED"
PAGE_TOTAL_FORM = "pageTotal"


@dataclass(frozen=True)
class Furniture:
    """What every page carries besides its content: marking, header, footer, draft watermark."""

    fonts: PdfFonts
    title: str
    marking: str | None
    as_of_line: str  # "Information as of …", as every output words it
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
        right_text = self.as_of_line
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
