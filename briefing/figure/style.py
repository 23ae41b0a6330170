"""The figure's sizes, spacing and colours: every constant the layout and the drawing share."""

from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILY = "DejaVu Sans, NanumGothic, sans-serif"
FONT_SIZE = 12
# The figure is laid out for the width it prints at, so that its smallest text, FONT_SIZE px,
# prints at PRINT_PT: legible. Inside the brief that width is its landscape page's frame; an
# image used on its own is laid out 17 cm wide (an A4 page's text), as pasted into a report.
PRINT_PT = 7
PX_PER_PT = FONT_SIZE / PRINT_PT
STANDALONE_WIDTH_PT = 17 / 2.54 * 72
WIDTH_PX = round(STANDALONE_WIDTH_PT * PX_PER_PT)  # 826
# ... and at most this tall under its heading: about as tall as wide, so a slide or an email shows it whole.
STANDALONE_HEIGHT_PX = 760
LANE_FONT_SIZE = 13
LINE_HEIGHT = 1.3  # a line of plotly text is this many times its font size tall


@dataclass(frozen=True)
class Palette:
    """Every colour the figure uses, by what it is for: no hex code appears anywhere else."""

    # Okabe–Ito, reordered so the first lanes get the most distinct hues; yellow is
    # left out because it vanishes on white.
    lanes: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
    text: str = "#1a1a1a"  # lane labels, event labels, the default font
    muted: str = "#555555"  # event numbers
    ink: str = "#333333"  # the cut-off line and its label, tick labels, the key's words
    axis: str = "#888888"  # the axis line and its ticks
    grid: str = "#e5e5e5"
    stripe: str = "#f3f4f6"  # every other lane's background
    key: str = "#666666"  # the key's glyphs: neutral, as they stand for every lane
    paper: str = "white"  # the background, and the fill of a hollow marker

    def lane(self, index: int) -> str:
        return self.lanes[index % len(self.lanes)]


COLOURS = Palette()

MARKER_SIZE = {"high": 16, "medium": 11, "low": 8}  # diameter, px
BAR_THICKNESS = {"high": 10, "medium": 8, "low": 6}
BAND_THICKNESS = 14
BAND_OPACITY = 0.22
BAR_OPACITY = 0.55  # light enough for a label to stay readable if it must sit on its own bar

# However many events, the lanes share the height the figure is laid out for: rows are
# ROW_PX tall when they fit, tighter (down to MIN_ROW_PX) when not, and a lane keeps no more
# rows than fit its share at the tightest height.
ROW_PX = 30
MIN_ROW_PX = 22  # a label (12 px x 1.3) and a high marker (16 px) with air between rows
LANE_PAD_PX = 8
MIN_LANE_PX = 66
MIN_LANE_ROWS = 3  # a crowded lane keeps a title row, a row for numbers and its row of ticks
TICK_SIZE = 10  # plotly draws a line-ns symbol 1.4 x its size long
TICK_OPACITY = 0.6  # ticks on the same day pile up darker: the strip reads as density
MAX_TITLE_ROWS = 3  # a title may open a new sub-row only up to this many rows per lane
LABEL_GAP_PX = 5  # between a mark and its label
ITEM_GAP_PX = 8  # between two items on one row
LEADER_WIDTH = 1
LEADER_INSET_PX = 4  # a label in the row above or below starts this far back from its marker's centre
TITLE_MAX_PX = 300
# Up to this many events, every event is offered its title (high significance
# first), cut to the room beside its mark; past it, only high-significance
# events are, and the rest show their numbers.
NAME_EVERY_EVENT_UP_TO = 40
NAMED_TITLE_ROWS = 6  # ... and may open up to this many rows per lane, as every event has a title to show
NAMED_TITLE_MAX_PX = 440  # a title cut to its room may run longer: it no longer takes a row from others

# The time axis: an empty stretch longer than this share of the whole is cut
# down to BREAK_PX, keeping BREAK_MARGIN (a share of the time kept) on both sides.
AXES = ("compressed", "linear")
EMPTY_SHARE = 0.2
BREAK_PX = 32
# Up to 40 events, a break may keep this share of its linear width, whichever titles the most events.
BREAK_KEEP_TRIES = (0.0, 0.25, 0.5)
BREAK_GAP_PX = 10  # the white gap drawn across the lanes at a break: labels never cross it
BREAK_MARGIN = 0.012
AXIS_PAD = 0.025  # before the first and after the last event, as a share of the time kept

MARGIN_TOP = 34
# A standalone figure (PNG, SVG, HTML) carries its heading: the brief's title and its cut-off.
HEADING_FONT_SIZE = 18
HEADING_LINE_PX = 24
HEADING_PAD_PX = 14  # from the figure's top and left edges
HEADING_GAP_PX = 0  # MARGIN_TOP under it already holds the cut-off's label
HEADING_MAX_LINES = 2
MARGIN_RIGHT = 24
TICK_ZONE_PX = 46  # below the plot: ticks and two-line tick labels
KEY_ZONE_PX = 34
KEY_LINE_PX = 22  # a key too wide for one line goes on to more, this far apart
MARGIN_BOTTOM = TICK_ZONE_PX + KEY_ZONE_PX
LANE_LABEL_MAX_PX = 190

OTHER_LANE = "Other"
MARKERS_TRACE = "events"
CROWDED_TRACE = "crowded"
