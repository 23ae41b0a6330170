"""The date axis's ticks: month starts, or days for a short span, labelled in English."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..model import MONTH_NAMES
from .style import FONT_SIZE
from .text import markup_size

if TYPE_CHECKING:
    from .axis import XScale

MONTH_ABBR = tuple(name[:3] for name in MONTH_NAMES)  # English whatever the locale


def start_of(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def end_of(day: dt.date) -> dt.datetime:
    return start_of(day) + dt.timedelta(days=1)


TICK_SPACING_PX = 46  # the least room per tick: a month's name with air on both sides
TICK_LABEL_GAP_PX = 8


def axis_ticks(scale: XScale) -> tuple[list[float], list[str]]:
    """Tick positions (px) and labels for the time axis: each stretch drawn to scale gets its own.

    No tick falls inside a break, and the first tick after one names its month
    and year again, so each side reads on its own. Labels that would touch are
    thinned, the first of a stretch kept over the last of the one before.
    """
    ticks: list[tuple[float, str, bool]] = []  # px, label, first of its stretch
    for piece in scale.pieces:
        if piece.removed:
            continue
        most = max(1, int((piece.x1 - piece.x0) / TICK_SPACING_PX))
        values, texts = date_ticks(piece.start, piece.end, most)
        for i, (value, text) in enumerate(zip(values, texts)):
            ticks.append((round(piece.px(value), 2), text, i == 0))
    kept: list[tuple[float, str, bool]] = []

    def half(text: str) -> float:
        return markup_size(text, FONT_SIZE)[0] / 2

    def touch(left, right) -> bool:
        return left[0] + half(left[1]) + TICK_LABEL_GAP_PX > right[0] - half(right[1])

    for tick in ticks:
        while kept and touch(kept[-1], tick) and tick[2] and not kept[-1][2]:
            kept.pop()  # the new stretch's first tick carries its month and year: it stays
        if not kept or not touch(kept[-1], tick):
            kept.append(tick)
    return [px for px, _, _ in kept], [text for _, text, _ in kept]


def date_ticks(start: dt.datetime, end: dt.datetime, most: int = 12) -> tuple[list[dt.datetime], list[str]]:
    """At most `most` ticks and their labels for a stretch of time: days for a short one, else month starts."""
    days = (end - start).days
    if days <= 75 and days / 14 <= most:
        return _day_ticks(start, end, most)
    return _month_ticks(start, end, most)


def _month_ticks(start: dt.datetime, end: dt.datetime, most: int) -> tuple[list[dt.datetime], list[str]]:
    """Month starts labelled "Jul", with the year under the first tick and under each January."""
    first = start.year * 12 + start.month - 1 + (start != dt.datetime(start.year, start.month, 1))
    last = end.year * 12 + end.month - 1
    span = last - first
    steps = [1, 2, 3, 6, 12] + [12 * y for y in (2, 5, 10, 20, 50, 100, 200, 500, 1000)]
    step = next((s for s in steps if span / s < most), steps[-1])
    values, texts = [], []
    for index in range(-(-first // step) * step, last + 1, step):  # multiples of step: Jan always included
        year, month = divmod(index, 12)
        if step >= 12:
            texts.append(str(year))
        elif not texts or month == 0:
            texts.append(f"{MONTH_ABBR[month]}<br>{year}")
        else:
            texts.append(MONTH_ABBR[month])
        values.append(dt.datetime(year, month + 1, 1))
    return values, texts


def _day_ticks(start: dt.datetime, end: dt.datetime, most: int) -> tuple[list[dt.datetime], list[str]]:
    """Days labelled "12", with month and year under the first tick and at each new month.

    Two weeks apart, they fall on the 1st and the 15th, so each month starts with a tick.
    """
    days = (end - start).days
    step = next((s for s in (1, 2, 7, 14) if days / s <= most), 14)
    day = start.date() + dt.timedelta(days=1) if start.time() != dt.time() else start.date()
    values, texts, shown_month = [], [], None
    while start_of(day) <= end:
        if step == 14 and day.day not in (1, 15):
            day += dt.timedelta(days=1)
            continue
        if (day.year, day.month) != shown_month:
            texts.append(f"{day.day}<br>{MONTH_ABBR[day.month - 1]} {day.year}")
            shown_month = (day.year, day.month)
        else:
            texts.append(str(day.day))
        values.append(start_of(day))
        day += dt.timedelta(days=1 if step == 14 else step)
    return values, texts
