"""The date axis's ticks: month starts, or days for a short span, labelled in English."""

from __future__ import annotations

import datetime as dt

from ..model import MONTH_NAMES

MONTH_ABBR = tuple(name[:3] for name in MONTH_NAMES)  # English whatever the locale


def start_of(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def end_of(day: dt.date) -> dt.datetime:
    return start_of(day) + dt.timedelta(days=1)


def date_ticks(start: dt.datetime, end: dt.datetime) -> tuple[list[str], list[str]]:
    """Tick positions and labels for the date axis: month starts, or days for a short span."""
    if end - start <= dt.timedelta(days=75):
        return _day_ticks(start, end)
    return _month_ticks(start, end)


def _month_ticks(start: dt.datetime, end: dt.datetime) -> tuple[list[str], list[str]]:
    """Month starts labelled "Jul", with the year under the first tick and under each January."""
    first = start.year * 12 + start.month - 1 + (start != dt.datetime(start.year, start.month, 1))
    last = end.year * 12 + end.month - 1
    span = last - first
    if span <= 180:
        step = next(s for limit, s in ((15, 1), (30, 2), (48, 3), (96, 6), (180, 12)) if span <= limit)
    else:  # decades and more: every 2, 5, 10 … years
        step = 12 * next(y for y in (2, 5, 10, 20, 50, 100, 200, 500, 1000) if span / (12 * y) <= 12)
    values, texts = [], []
    for index in range(-(-first // step) * step, last + 1, step):  # multiples of step: Jan always included
        year, month = divmod(index, 12)
        if step >= 12:
            texts.append(str(year))
        elif not texts or month == 0:
            texts.append(f"{MONTH_ABBR[month]}<br>{year}")
        else:
            texts.append(MONTH_ABBR[month])
        values.append(dt.datetime(year, month + 1, 1).isoformat(sep=" "))
    return values, texts


def _day_ticks(start: dt.datetime, end: dt.datetime) -> tuple[list[str], list[str]]:
    """Days labelled "12", with month and year under the first tick and at each new month."""
    days = (end - start).days
    step = next(s for s in (1, 2, 7, 14) if days / s <= 12)
    day = start.date() + dt.timedelta(days=1) if start.time() != dt.time() else start.date()
    values, texts, shown_month = [], [], None
    while start_of(day) <= end:
        if (day.year, day.month) != shown_month:
            texts.append(f"{day.day}<br>{MONTH_ABBR[day.month - 1]} {day.year}")
            shown_month = (day.year, day.month)
        else:
            texts.append(str(day.day))
        values.append(start_of(day).isoformat(sep=" "))
        day += dt.timedelta(days=step)
    return values, texts
