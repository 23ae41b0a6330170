"""Dates a source states (for the D001 check), found in its normalised text:
- a month and a day: "27 July", "27th of July", "27-29 July", "July 27",
  "Sept. 13", "September 13th"; 2023-09-13, 2023/09/13, 13.09.2023 (day
  first), 09/13/2023 and 13/09/2023 (slashes or dashes: every reading that
  is a valid date counts); 7월 27일 and 7月27日;
- a month: any of the above, a month name ("July", "Jul", "Sept."; it must
  start with a capital letter, so the verb "may" is not May), 2023-07, 7월;
- a year: a four-digit number standing alone.
The year of a month-and-day mention is not compared with the event's year.
"""

from __future__ import annotations

import re
from functools import cached_property

from ..model import MONTH_NAMES, PartialDate

MONTH_BY_WORD = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}

# Written as literal alternatives so the regex engine can skip ahead quickly:
# "July", "JULY" and "Jul." all start with one of these.
_MONTH_WORD_RE = re.compile(
    "(?:" + "|".join(name[:3] for name in MONTH_NAMES) + "|"
    + "|".join(name[:3].upper() for name in MONTH_NAMES) + r")[A-Za-z]*\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_AFTER_MONTH_RE = re.compile(rf" ?(\d{{1,2}}){_ORDINAL}\b")
_DAY_BEFORE_MONTH_RE = re.compile(rf"(?<!\d)(\d{{1,2}}){_ORDINAL}(?: ?- ?(\d{{1,2}}){_ORDINAL})? (?:of )?$")
# Candidates for dates in digits; each is then read by the patterns below.
_DIGITS_DATE_RE = re.compile(r"[0-9]{1,4}(?:[-./][0-9]{1,2}(?:[-./][0-9]{1,4})?| ?[월月](?: ?[0-9]{1,2} ?[일日])?)")
_YEAR_MONTH_DAY_RE = re.compile(r"(\d{4})([-./])(\d{1,2})(?:\2(\d{1,2}))?")
_DAY_MONTH_YEAR_RE = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})")
_EAST_ASIAN_RE = re.compile(r"(\d{1,2}) ?[월月](?: ?(\d{1,2}) ?[일日])?")


class StatedDates:
    """The calendar facts a normalised text states somewhere, worked out only as far as asked.

    Dates in words are looked for first; digits and years only when a
    question is not answered by words (most sources write dates in words).
    """

    def __init__(self, text: str):
        self._text = text

    def states(self, date: PartialDate) -> bool:
        """Whether the text states the date at its precision (day: month and day; month; year)."""
        if date.precision == "year":
            return date.year in self._years
        wanted = (date.month, date.day) if date.precision == "day" else date.month
        return wanted in self._in_words or wanted in self._in_digits

    @cached_property
    def _in_words(self) -> set:
        """(month, day) pairs and month numbers stated with month names."""
        found: set = set()
        text = self._text
        for word in _MONTH_WORD_RE.finditer(text):
            month = MONTH_BY_WORD.get(word.group().rstrip(".").lower())
            if month is None or (word.start() > 0 and text[word.start() - 1].isalpha()):
                continue
            found.add(month)
            after = _DAY_AFTER_MONTH_RE.match(text, word.end())
            if after:
                _add(found, month, int(after.group(1)))
            before = _DAY_BEFORE_MONTH_RE.search(text, max(0, word.start() - 24), word.start())
            if before:
                for day in before.groups():
                    if day:
                        _add(found, month, int(day))
        return found

    @cached_property
    def _in_digits(self) -> set:
        """(month, day) pairs and month numbers stated in digits."""
        found: set = set()
        text = self._text
        for candidate in _DIGITS_DATE_RE.finditer(text):
            start, end = candidate.span()
            if (start > 0 and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()):
                continue  # part of a longer number
            written = candidate.group()
            if match := _YEAR_MONTH_DAY_RE.fullmatch(written):
                year_month_only = match.group(4) is None
                if year_month_only and (match.group(2) != "-" or len(match.group(3)) != 2):
                    continue  # 2023-07 is a month; 2023.5 is not
                _add(found, int(match.group(3)), None if year_month_only else int(match.group(4)))
            elif match := _DAY_MONTH_YEAR_RE.fullmatch(written):
                first, separator, second = int(match.group(1)), match.group(2), int(match.group(3))
                _add(found, second, first)  # day first: 13.09.2023, 13/09/2023
                if separator != ".":
                    _add(found, first, second)  # month first: 09/13/2023
            elif match := _EAST_ASIAN_RE.fullmatch(written):
                _add(found, int(match.group(1)), int(match.group(2)) if match.group(2) else None)
        return found

    @cached_property
    def _years(self) -> set[int]:
        return {int(number) for number in re.findall(r"\d+", self._text) if len(number) == 4}


def _add(found: set, month: int, day: int | None = None) -> None:
    """Record a month, or a month and day, when they make a calendar date."""
    if 1 <= month <= 12 and (day is None or 1 <= day <= 31):
        found.add(month)
        if day is not None:
            found.add((month, day))
