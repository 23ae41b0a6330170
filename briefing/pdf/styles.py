"""The brief's look: paper, margins, colours, table rules and paragraph styles, in one place.

One accent colour, greys for everything secondary, a dark red reserved for
markings and failures, so that colour always means something.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from ..fonts import PdfFonts

PAPER = {"a4": A4, "letter": LETTER}

INK = HexColor("#1B1F24")
MUTED = HexColor("#5B6470")
ACCENT = HexColor("#1F4E79")
RULE = HexColor("#C9D1DB")
SHADE = HexColor("#EFF3F8")
ZEBRA = HexColor("#F6F8FA")
MARKING = HexColor("#8A1C1C")
ERROR = HexColor("#A61B1B")
ERROR_SHADE = HexColor("#FBEEEE")
WARNING = HexColor("#8A5A00")
OK = HexColor("#2E6B3A")
DRAFT = HexColor("#C0392B")

# Margins leave room for the header and footer bands drawn outside the frame.
MARGIN_LEFT = 22 * mm
MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 25 * mm

BODY_SIZE = 9.5
BODY_LEADING = 13.8
FURNITURE_SIZE = 7.5
MARKING_SIZE = 8.5
# Named because the figure page reserves room for its heading and caption before any style exists.
H1_LEADING, H1_SPACE_AFTER = 19, 10
CAPTION_LEADING = 11.5

# Tables are ruled lightly: a strong line under the header, hairlines between rows.
TABLE_SIDE_PADDING = 4  # left and right of every cell's text
TABLE_CELLS = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), TABLE_SIDE_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_SIDE_PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), 3.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]
HEADER_RULE = ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    meta: ParagraphStyle
    event_meta: ParagraphStyle
    digest: ParagraphStyle
    fact_label: ParagraphStyle
    fact_value: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    event_heading: ParagraphStyle
    kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    box_heading: ParagraphStyle
    box_body: ParagraphStyle
    quote: ParagraphStyle
    cite: ParagraphStyle
    grade: ParagraphStyle
    grade_label: ParagraphStyle
    unverified: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    compact_cell: ParagraphStyle
    annex_entry: ParagraphStyle
    judgement: ParagraphStyle
    judgement_number: ParagraphStyle
    cover_judgement: ParagraphStyle
    cover_basis: ParagraphStyle
    cover_note: ParagraphStyle
    list_item: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]


def make_styles(fonts: PdfFonts) -> Styles:
    regular, bold = fonts.main("regular"), fonts.main("bold")

    def style(name: str, **kw) -> ParagraphStyle:
        base = dict(fontName=regular, fontSize=BODY_SIZE, leading=BODY_LEADING, textColor=INK,
                    bulletFontName=regular, splitLongWords=1, allowWidows=0, allowOrphans=0)
        base.update(kw)
        return ParagraphStyle(name, **base)

    body = style("body", spaceAfter=6)
    return Styles(
        body=body,
        meta=style("meta", fontSize=8.3, leading=11.5, textColor=MUTED, spaceAfter=6),
        event_meta=style("event_meta", fontSize=8.3, leading=11.5, textColor=MUTED, spaceAfter=6, keepWithNext=1),
        digest=style("digest", fontSize=7, leading=10.8, textColor=INK),
        fact_label=style("fact_label", fontName=bold, fontSize=6.5, leading=9, textColor=MUTED),
        fact_value=style("fact_value", fontSize=9, leading=12, textColor=INK),
        small=style("small", fontSize=8, leading=11, textColor=MUTED),
        caption=style("caption", fontSize=8.3, leading=CAPTION_LEADING, textColor=MUTED, spaceBefore=6),
        h1=style("h1", fontName=bold, fontSize=15, leading=H1_LEADING, textColor=ACCENT, spaceBefore=18,
                 spaceAfter=H1_SPACE_AFTER, keepWithNext=1),
        h2=style("h2", fontName=bold, fontSize=11, leading=14.5, spaceBefore=12, spaceAfter=5, keepWithNext=1),
        event_heading=style("event_heading", fontName=bold, fontSize=11.5, leading=15, spaceBefore=16,
                            spaceAfter=3, keepWithNext=1),
        kicker=style("kicker", fontName=bold, fontSize=8.5, leading=11, textColor=ACCENT, spaceAfter=8),
        cover_title=style("cover_title", fontName=bold, fontSize=21, leading=25, spaceAfter=6),
        cover_subtitle=style("cover_subtitle", fontSize=11.5, leading=15, textColor=MUTED, spaceAfter=8),
        cover_meta=style("cover_meta", fontSize=9.5, leading=14, textColor=MUTED),
        box_heading=style("box_heading", fontName=bold, fontSize=10, leading=13, textColor=ACCENT, spaceAfter=6),
        box_body=style("box_body", fontSize=9.5, leading=13.3, spaceAfter=4),
        quote=style("quote", fontSize=9.2, leading=13.2, spaceAfter=3),
        cite=style("cite", fontSize=7.8, leading=10.5, textColor=MUTED),
        grade=style("grade", fontName=bold, fontSize=10, leading=12, textColor=ACCENT, alignment=TA_CENTER),
        grade_label=style("grade_label", fontSize=6, leading=7.5, textColor=MUTED, alignment=TA_CENTER),
        unverified=style("unverified", fontSize=8.3, leading=11.5, textColor=ERROR),
        table_head=style("table_head", fontName=bold, fontSize=7.8, leading=10, textColor=ACCENT),
        table_cell=style("table_cell", fontSize=8.2, leading=10.8),
        compact_cell=style("compact_cell", fontSize=7.6, leading=9.6),
        annex_entry=style("annex_entry", fontSize=8.8, leading=12.2, leftIndent=22, firstLineIndent=-22,
                          spaceAfter=1),
        judgement=style("judgement", fontSize=10, leading=14.5, spaceAfter=3),
        judgement_number=style("judgement_number", fontName=bold, fontSize=10, leading=14.5, textColor=ACCENT),
        cover_judgement=style("cover_judgement", fontSize=9.3, leading=12.6, spaceBefore=3, spaceAfter=1),
        cover_basis=style("cover_basis", fontSize=8, leading=10.8, textColor=MUTED, spaceAfter=2),
        cover_note=style("cover_note", fontSize=8, leading=10.8, textColor=MUTED, spaceAfter=4),
        list_item=style("list_item", spaceAfter=4),
        # The contents: a section's line a little apart from the one before, its entries close under it.
        toc_levels=(
            style("toc0", fontName=bold, fontSize=9.5, leading=13.5, spaceBefore=7, alignment=TA_LEFT),
            style("toc1", fontSize=8.8, leading=12.5, leftIndent=16, textColor=INK),
        ),
    )


def with_bullet(style, bullet_style):
    new = copy(style)
    new.leftIndent, new.bulletIndent = 18, 0
    new.bulletFontName, new.bulletColor = bullet_style.fontName, bullet_style.textColor
    return new


def indented(style, indent: float):
    new = copy(style)
    new.leftIndent = indent
    return new
