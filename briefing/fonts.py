"""Fonts for the PDF brief: registered with reportlab, and text as safe markup.

reportlab draws a box for any character its font lacks, silently. So every
piece of user text goes through `PdfFonts.runs`, which picks for each character
the main font, else the fallback font (e.g. Hangul), else shows it as a
visible `[U+XXXX]` placeholder. Which fonts, and what each can draw, is
`briefing.check.fonts` (the check reports those characters as F001 without
loading reportlab); its names are re-exported here for the render side.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .check.fonts import (  # noqa: F401  (re-exported: the PDF and the figure import them from here)
    DEFAULT_FALLBACK, DEFAULT_MAIN, FONT_DIRS, VARIANTS, Coverage, FontError, FontSet, find_font_file,
    font_findings, invisible, placeholder, user_texts,
)


_CMAP_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _as_utf16(match: re.Match) -> str:
    return f"<{match.group(1)}> <{chr(int(match.group(2), 16)).encode('utf-16-be').hex().upper()}>"


class CopyableTTFont(TTFont):
    """A TrueType font whose characters beyond U+FFFF (emoji, rare CJK) can be copied and searched.

    reportlab writes their ToUnicode entries as bare code points (`<1F600>`);
    PDF wants UTF-16 (`<D83DDE00>`), so readers and text extraction drop them.
    The maps are fixed as the font's objects are added to the document, before
    it is written. (The fix leaves correct entries alone, so fixing twice is harmless.)
    """

    def addObjects(self, doc):
        super().addObjects(doc)
        for name, obj in doc.idToObject.items():
            if name.startswith("toUnicodeCMap:"):
                obj.content = _CMAP_ENTRY.sub(_as_utf16, obj.content)


def _load_font(name: str, path: Path) -> TTFont:
    try:
        return CopyableTTFont(name, str(path))
    except Exception as exc:
        raise FontError(f"{path}: not a usable TrueType font ({exc})") from exc


@dataclass(frozen=True)
class PdfFonts:
    """The fonts registered with reportlab for one brief, and what each can draw."""

    coverage: Coverage
    main_names: dict[str, str]  # variant -> registered name
    fontset: FontSet

    @functools.cached_property
    def fallback_names(self) -> dict[str, str] | None:
        """"regular"/"bold" -> registered name; registered on first use, like `Coverage.fallback`."""
        return _register_fallback(self.fontset)

    def main(self, variant: str = "regular") -> str:
        return self.main_names[variant]

    def fallback(self, variant: str = "regular") -> str:
        return self.fallback_names["bold" if variant.startswith("bold") else "regular"]

    def runs(self, text: str, variant: str = "regular") -> list[tuple[str, str]]:
        """Text cut into (font name, text) runs, each drawable by its font.

        Characters no font has become `[U+XXXX]` in the main font; invisible
        format characters a font lacks are dropped (they would draw a box).
        """
        main_name, main_codes = self.main(variant), self.coverage.main[variant]
        regular_codes = self.coverage.main["regular"]
        runs: list[tuple[str, str]] = []
        for char in text:
            code = ord(char)
            if code in main_codes:
                font, piece = main_name, char
            elif char.isspace():
                font, piece = main_name, " "
            elif code in self.coverage.fallback and self.fallback_names:
                font, piece = self.fallback(variant), char
            elif code in regular_codes:  # e.g. a symbol the bold face lacks
                font, piece = self.main("regular"), char
            elif invisible(char):
                continue
            else:
                font, piece = main_name, placeholder(char)
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + piece)
            else:
                runs.append((font, piece))
        return runs

    def markup(self, text: str, variant: str = "regular") -> str:
        """User text as reportlab paragraph markup that shows it literally.

        Every run is XML-escaped; runs the main font cannot draw are wrapped in
        `<font name=…>`. Line breaks are soft (paragraphs are split by the caller).
        """
        main_name = self.main(variant)
        parts = []
        for font, piece in self.runs(" ".join(text.split()), variant):
            escaped = escape(piece)
            parts.append(escaped if font == main_name else f'<font name="{font}">{escaped}</font>')
        return "".join(parts)

    def width(self, text: str, size: float, variant: str = "regular") -> float:
        return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in self.runs(text, variant))

    def draw(self, canv, x: float, y: float, text: str, size: float, variant: str = "regular") -> float:
        """Draw one line on a canvas, switching fonts run by run; returns the width drawn."""
        start = x
        for font, piece in self.runs(text, variant):
            canv.setFont(font, size)
            canv.drawString(x, y, piece)
            x += pdfmetrics.stringWidth(piece, font, size)
        return x - start

    def fit(self, text: str, size: float, max_width: float, variant: str = "regular") -> str:
        """The text cut with an ellipsis so it fits in max_width."""
        text = " ".join(text.split())
        if self.width(text, size, variant) <= max_width:
            return text
        shortest, longest = 0, len(text)  # binary search for the longest prefix that fits
        while shortest < longest:
            middle = (shortest + longest + 1) // 2
            if self.width(text[:middle] + "…", size, variant) <= max_width:
                shortest = middle
            else:
                longest = middle - 1
        return text[:shortest].rstrip() + "…"


def registered_name(path: Path) -> str:
    """The name a font file is registered under in reportlab.

    reportlab's registry is process-wide and silently keeps the first font
    registered under a name, so each file gets a name of its own.
    """
    digest = hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:10]
    return f"Brief-{Path(path).stem}-{digest}"


def _register(path: Path) -> str:
    name = registered_name(path)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_load_font(name, path))
    return name


def font_face(path: Path):
    """The parsed face of a font file, registered with reportlab: each file is parsed once
    per process, whether the figure measures text with it or the brief embeds it."""
    return pdfmetrics.getFont(_register(path)).face


def register_fonts(fonts: FontSet) -> PdfFonts:
    """Register the set's main files with reportlab and map bold/italic for paragraph markup.
    The fallback files are registered when a character first needs them.

    TTFont objects keep their glyph subsets per document, so reusing them
    across briefs is safe and keeps each brief's bytes the same.
    """
    main = {variant: _register(getattr(fonts, variant)) for variant in VARIANTS}
    pdfmetrics.registerFontFamily(main["regular"], normal=main["regular"], bold=main["bold"],
                                  italic=main["italic"], boldItalic=main["bold_italic"])
    return PdfFonts(coverage=Coverage.of(fonts), main_names=main, fontset=fonts)


def _register_fallback(fonts: FontSet) -> dict[str, str] | None:
    if not fonts.fallback:
        return None
    fallback = {"regular": _register(fonts.fallback), "bold": _register(fonts.fallback_bold or fonts.fallback)}
    # The fallback has no italic: italic text in it is drawn upright.
    family = fallback["regular"]
    addMapping(family, 0, 0, fallback["regular"])
    addMapping(family, 1, 0, fallback["bold"])
    addMapping(family, 0, 1, fallback["regular"])
    addMapping(family, 1, 1, fallback["bold"])
    return fallback
