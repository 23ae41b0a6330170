"""How the outputs word the same things the same way: counts, similarities, the cut-off date, severities.

Pure functions, English only and independent of the locale, so that the
console, `check.json`, the brief and the figure never disagree.
"""

from __future__ import annotations

import datetime as dt
import math

from .findings import SEVERITIES, Finding
from .model import MONTH_NAMES


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """`1 quote`, `2 quotes`; `plural_form` for words that do not take an s (`analysis`, `analyses`)."""
    return f"{n} {word}" if n == 1 else f"{n} {plural_form or word + 's'}"


def percent(similarity: float) -> str:
    """A similarity (0..1) of a quote that was not found, as readers see it: `97%`.

    Rounded down, and never `100%`: a quote can miss by a cut word while its
    similarity rounds to 1. The small tolerance keeps 0.29 from showing as
    28% (0.29 * 100 is 28.999999999999996 in floating point).
    """
    return f"{min(99, math.floor(similarity * 100 + 1e-9))}%"


def day_month_year(date: dt.date, *, abbreviated: bool = False) -> str:
    """`30 June 2024`, or `30 Jun 2024` where room is short (the figure)."""
    month = MONTH_NAMES[date.month - 1]
    return f"{date.day} {month[:3] if abbreviated else month} {date.year}"


def information_as_of(date: dt.date, *, abbreviated: bool = False) -> str:
    """The cut-off line of the cover, the page footers and the figure: `Information as of 30 June 2024`."""
    return f"Information as of {day_month_year(date, abbreviated=abbreviated)}"


def file_size(n: int) -> str:
    """A file's size as the last line of a build and the email say it: `213 KB`, `12.8 MB`."""
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def severity_rank(severity: str) -> int:
    """0 for input problems, 1 for errors, 2 for warnings: the order readers see findings in."""
    return SEVERITIES.index(severity)


def by_severity(findings: list[Finding]) -> list[Finding]:
    """The findings, most severe first, then by place in the timeline file."""
    return sorted(findings, key=lambda f: (severity_rank(f.severity), f.sort_key))
