"""Text as Chromium will draw it: widths from the real font files, plotly markup, shortening."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from ..fonts import DEFAULT_FALLBACK, DEFAULT_MAIN, Coverage, FontError, find_font_file, font_face, invisible, placeholder
from ..check.fonts import figure_fontset
from .style import FONT_SIZE, LINE_HEIGHT


@functools.cache
def measuring_fonts(*, bold: bool) -> tuple[str, ...]:
    """The TrueType files Chromium will draw with, in fallback order.

    reportlab's Vera is DejaVu's ancestor with the same Latin metrics: a stand-in
    on machines without DejaVu.
    """
    import reportlab

    # The same files, found the same way, as the brief's default fonts (FONT_FAMILY names them for Chromium).
    main, fallback = (DEFAULT_MAIN[1], DEFAULT_FALLBACK[1]) if bold else (DEFAULT_MAIN[0], DEFAULT_FALLBACK[0])
    vera = Path(reportlab.__file__).parent / "fonts" / ("VeraBd.ttf" if bold else "Vera.ttf")
    found = [find_font_file(main), find_font_file(fallback), vera if vera.is_file() else None]
    return tuple(str(path) for path in found if path is not None)


@functools.cache
def _font_face(path: str):
    """A parsed TrueType file, shared with the brief (parsed only when a character needs it)."""
    return font_face(Path(path))


@functools.cache
def _figure_coverage() -> Coverage | None:
    try:
        return Coverage.of(figure_fontset())
    except FontError:
        return None


def drawable(text: str) -> str:
    """The text with each character the figure's fonts lack as `[U+XXXX]`, as the brief shows it
    (Chromium would draw an empty box; the check reports each one as F001)."""
    coverage = _figure_coverage()
    if coverage is None or text.isascii():
        return text
    return "".join(char if coverage.drawable(char) or invisible(char) else placeholder(char) for char in text)


@functools.lru_cache(maxsize=1 << 16)  # the layout measures the same cuts of a title again and again
def text_width(text: str, size: float = FONT_SIZE, *, bold: bool = False) -> float:
    """Width in px of one line of plain text, as Chromium draws it (kerning ignored: errs wide)."""
    files = measuring_fonts(bold=bold)
    units = 0
    for char in drawable(text):
        code = ord(char)
        for path in files:
            widths = _font_face(path).charWidths
            if code in widths:
                units += widths[code]
                break
        else:
            units += 1000  # no font has it: about one em
    return units * size / 1000


def plain(markup: str) -> str:
    """The text a plotly string shows: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def markup_size(markup: str, size: float) -> tuple[float, float]:
    """Width and height in px of plotly text markup (lines split by <br>)."""
    lines = re.split(r"<br\s*/?>", markup)
    bold = "<b>" in markup
    width = max(text_width(plain(line), size, bold=bold) for line in lines)
    return width, len(lines) * size * LINE_HEIGHT


def escape(text: str) -> str:
    """User text for plotly markup: `<` and `&` must show literally."""
    return html.escape(drawable(text), quote=False)


def shorten(text: str, max_px: float, size: float = FONT_SIZE, *, bold: bool = False) -> str:
    """Cut at a word boundary with an ellipsis so the text fits max_px."""
    if text_width(text, size, bold=bold) <= max_px:
        return text
    words = text.split()
    while len(words) > 1 and text_width(" ".join(words) + "…", size, bold=bold) > max_px:
        words.pop()
    short = " ".join(words)
    while short and text_width(short + "…", size, bold=bold) > max_px:
        short = short[:-1]
    return short.rstrip(" ,;:–-") + "…"


def fit_words(text: str, max_px: float, size: float = FONT_SIZE, *, bold: bool = False,
              min_words: int = 2) -> str | None:
    """The longest start of `text`, cut at a word boundary with an ellipsis, that fits max_px.

    None when not even `min_words` whole words fit (or the whole text, when it is shorter):
    a title cut inside its first words would not tell the reader anything.
    """
    words = text.split()
    if text_width(text, size, bold=bold) <= max_px:
        return text
    for count in range(len(words) - 1, min(min_words, len(words)) - 1, -1):
        short = " ".join(words[:count]).rstrip(" ,;:–-") + "…"
        if text_width(short, size, bold=bold) <= max_px:
            return short
    return None
