"""The key under the axis, laid out in px: one glyph and its words per encoding the figure uses.

Each glyph is a row of `GLYPHS`: its width and the parts it is drawn with, at
offsets from its left edge, so the width that lays the key out and the parts
that draw it cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .style import (
    BAND_OPACITY,
    BAND_THICKNESS,
    BAR_OPACITY,
    BAR_THICKNESS,
    COLOURS,
    FONT_SIZE,
    KEY_LINE_PX,
    KEY_ZONE_PX,
    MARKER_SIZE,
    TICK_SIZE,
    TICK_ZONE_PX,
)
from .text import markup_size

GLYPH_GAP_PX = 6  # between a glyph and its words
ENTRY_GAP_PX = 22  # between two entries
SIZES_GAP_PX = 4  # between the circles of the sizes glyph


@dataclass(frozen=True)
class Part:
    """One shape of a glyph. `dx` is the circle's centre, the tick's x or the rect's left edge."""

    shape: Literal["circle", "rect", "tick", "slash"]
    dx: float
    size: float  # circle: diameter; rect: height; tick, slash: half its height
    width: float = 0  # rect only
    opacity: float = 1  # rect only
    filled: bool = True  # circle only: a hollow circle is a coloured ring on white


@dataclass(frozen=True)
class Glyph:
    width: float
    parts: tuple[Part, ...]


def _sizes_glyph() -> Glyph:
    """One filled circle per significance, largest first, as the events show them."""
    parts, at = [], 0.0
    for size in MARKER_SIZE.values():
        parts.append(Part("circle", at + size / 2, size))
        at += size + SIZES_GAP_PX
    return Glyph(at - SIZES_GAP_PX, tuple(parts))


_TICK_HALF = 0.7 * TICK_SIZE  # as long as the ticks in the plot
SLASH_LEAN_PX = 3  # a slash of the axis break leans this far each way from its centre

GLYPHS: dict[str, Glyph] = {
    "dot": Glyph(12, (Part("circle", 6, MARKER_SIZE["medium"]),)),
    "band": Glyph(34, (Part("rect", 0, BAND_THICKNESS, width=34, opacity=BAND_OPACITY),
                       Part("circle", 17, MARKER_SIZE["medium"], filled=False))),
    "bar": Glyph(30, (Part("rect", 0, BAR_THICKNESS["medium"], width=30, opacity=BAR_OPACITY),)),
    "sizes": _sizes_glyph(),
    "number": Glyph(0, ()),  # the words show a number: no glyph
    "ticks": Glyph(10, tuple(Part("tick", dx, _TICK_HALF) for dx in (1, 5, 9))),  # a few, as a crowded strip shows
    "break": Glyph(14, (Part("slash", 3, 6), Part("slash", 11, 6))),  # as the axis shows a break
}


@dataclass(frozen=True)
class KeyItem:
    """One entry of the key: its glyph's left edge and the words' left edge, in px from the plot's top left."""

    glyph: Glyph
    x: float
    y: float  # the line's middle
    text: str  # plotly markup
    text_x: float


def key_entries(marks, crowded: bool, shortened: bool = False) -> list[tuple[str, str]]:
    """(glyph, words) for the encodings the figure uses, and only those."""
    entries = [("dot", "exact day")]
    if any(m.bands for m in marks):
        entries.append(("band", "month or year only (band = whole period)"))
    if any(m.bar for m in marks):
        entries.append(("bar", "duration"))
    if len({m.event.significance for m in marks}) > 1:
        entries.append(("sizes", "size = significance"))
    entries.append(("number", f'<span style="color:{COLOURS.muted}">12</span> = number in the chronology'))
    if crowded:
        entries.append(("ticks", "too crowded to label: see the chronology"))
    if shortened:
        entries.append(("break", "time axis shortened where nothing happened"))
    return entries


def key_layout(marks, crowded: bool, plot_width: float, plot_height: float,
               margin_left: float, *, shortened: bool = False) -> tuple[list[KeyItem], int]:
    """The key's entries placed under the axis, and its number of lines."""
    entries = key_entries(marks, crowded, shortened)
    widths = [GLYPHS[kind].width + (GLYPH_GAP_PX if GLYPHS[kind].width else 0) + markup_size(text, FONT_SIZE)[0]
              for kind, text in entries]

    def line_width(line: list) -> float:
        return sum(width for _, width in line) + ENTRY_GAP_PX * (len(line) - 1)

    # One line if it fits the figure, else as many as it takes: never clipped.
    room = plot_width + margin_left - 10
    lines: list[list] = [[]]
    for entry in zip(entries, widths):
        if lines[-1] and line_width(lines[-1] + [entry]) > room:
            lines.append([])
        lines[-1].append(entry)
    total = max(line_width(line) for line in lines)
    # Aligned with the plot when it fits, else as far left as the figure allows.
    left = 0.0 if total <= plot_width else max(plot_width - total, 10 - margin_left)

    items = []
    for number, line in enumerate(lines):
        y = plot_height + TICK_ZONE_PX + KEY_ZONE_PX / 2 + number * KEY_LINE_PX
        x = left
        for (kind, text), width in line:
            text_x = x + width - markup_size(text, FONT_SIZE)[0]
            items.append(KeyItem(GLYPHS[kind], x, y, text, text_x))
            x += width + ENTRY_GAP_PX
    return items, len(lines)
