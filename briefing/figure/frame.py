"""The size a figure is laid out at: the frame of the brief's landscape page, or 17 cm wide on its own.

Either way the figure is laid out in px for the width it prints at (PX_PER_PT), so its
smallest text prints at PRINT_PT and the page's whole width goes to the plot.
"""

from __future__ import annotations

from dataclasses import dataclass

from .style import PX_PER_PT, STANDALONE_HEIGHT_PX, WIDTH_PX


@dataclass(frozen=True)
class FigureFrame:
    """The figure's width, and the most height it may take (a standalone heading comes on top), in px."""

    width_px: int
    height_px: int


def figure_frame(paper: str | None) -> FigureFrame:
    """The frame of the brief's figure page on `paper` ("a4", "letter"), in px; None: an image used on its own."""
    if paper is None:
        return FigureFrame(WIDTH_PX, STANDALONE_HEIGHT_PX)
    from ..pdf.document import figure_room  # the page itself says how much room it leaves the figure

    width_pt, height_pt = figure_room(paper)
    # Rounded down, the width draws the figure a little larger, never smaller, than PRINT_PT;
    # the height, at the same scale, never makes the page draw it narrower than the frame.
    width_px = int(width_pt * PX_PER_PT)
    return FigureFrame(width_px, int(height_pt * width_px / width_pt))
