"""Dates a source states (for D001 and D002), found in its normalised text, with where each is:
- a month and a day: "27 July", "27th of July", "27-29 July", "July 27",
  "Sept. 13", "September 13th"; the same in German ("17. April", "3. März"),
  French ("17 avril", "1er juillet"), Spanish and Portuguese ("17 de abril"),
  Italian ("17 aprile") and Russian ("17 апреля"); 2023-09-13, 2023/09/13,
  13.09.2023 (day first), 09/13/2023 and 13/09/2023 (slashes or dashes:
  every reading that is a valid date counts); 7월 27일 and 7月27日;
- a month: any of the above, a month name ("July", "Jul", "Sept."; in
  English it must start with a capital letter, so the verb "may" is not May;
  in the other languages any case, as they write months in lower case),
  2023-07, 7월;
- a year: a four-digit number standing alone.
The year of a month-and-day mention is not compared with the event's year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from ..model import MONTH_NAMES, PartialDate

MONTH_BY_WORD = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}

# Month names in the other languages a source may be in, one row per month
# (full names, common abbreviations, forms without accents; Russian in the
# genitive, as dates write it, the nominative and the prepositional: "в июле").
OTHER_MONTH_WORDS = (
    "januar jänner janvier janv enero gennaio janeiro января январь январе",
    "februar feber février fevrier févr fevr febrero febbraio fevereiro февраля февраль феврале",
    "märz maerz mars marzo março marco марта март марте",
    "avril avr abril aprile апреля апрель апреле",
    "mai mayo maggio maio мая май мае",
    "juni juin junio giugno junho июня июнь июне",
    "juli juillet juil julio luglio julho июля июль июле",
    "août aout agosto августа август августе",
    "septembre septiembre setiembre settembre setembro сентября сентябрь сентябре",
    "oktober okt octobre octubre ottobre outubro октября октябрь октябре",
    "novembre noviembre novembro ноября ноябрь ноябре",
    "dezember dez décembre decembre déc dec diciembre dicembre dezembro декабря декабрь декабре",
)
OTHER_MONTH_BY_WORD = {word: number for number, row in enumerate(OTHER_MONTH_WORDS, 1) for word in row.split()}

# Written as literal alternatives so the regex engine can skip ahead quickly:
# "July", "JULY" and "Jul." all start with one of these.
_MONTH_WORD_RE = re.compile(
    "(?:" + "|".join(name[:3] for name in MONTH_NAMES) + "|"
    + "|".join(name[:3].upper() for name in MONTH_NAMES) + r")[A-Za-z]*\.?"
)
# In the other languages a day comes before its month ("17. April", "17 de abril"),
# so they are found from the digits, which are rare enough for the regex engine to
# skip ahead fast; a month alone is looked for word by word, and only when asked.
_DAY_BEFORE_OTHER_MONTH_RE = re.compile(
    r"(?<!\d)(\d{1,2})(?:er|e|º|ª|°|\.)? (?:de |del |di )?([^\W\d_]+)(?:\.|(?!\w))")
_WORD_RE = re.compile(r"[^\W\d_]+")
_ORDINAL = r"(?:st|nd|rd|th|er|e|º|ª|°|\.)?"
# "6 and 8 May", "6 to 8 May": both days are stated (a range in digits, "6-8 May", too).
_RANGE_WORDS = r"(?:and|to|until|through)"
_DAY_AFTER_MONTH_RE = re.compile(rf" ?(\d{{1,2}}){_ORDINAL}(?!\w)")
_DAY_BEFORE_MONTH_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}}){_ORDINAL}(?:(?: ?- ?| {_RANGE_WORDS} )(\d{{1,2}}){_ORDINAL})? (?:of |de |del |di )?$")
# Candidates for dates in digits; each is then read by the patterns below.
_DIGITS_DATE_RE = re.compile(r"[0-9]{1,4}(?:[-./][0-9]{1,2}(?:[-./][0-9]{1,4})?| ?[월月](?: ?[0-9]{1,2} ?[일日])?)")
_YEAR_MONTH_DAY_RE = re.compile(r"(\d{4})([-./])(\d{1,2})(?:\2(\d{1,2}))?")
_DAY_MONTH_YEAR_RE = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})")
_EAST_ASIAN_RE = re.compile(r"(\d{1,2}) ?[월月](?: ?(\d{1,2}) ?[일日])?")

Index = dict[int | tuple[int, int], list[int]]  # a month, or a (month, day) -> offsets where the text states it


class StatedDates:
    """The calendar facts a normalised text states, and where, worked out only as far as asked.

    English month names are looked for first; digits, then the other
    languages, only when a question is not answered before (most sources
    write dates in English words).
    """

    def __init__(self, text: str):
        self._text = text

    def _indexes(self) -> Iterator[Index]:
        yield self._in_words
        yield self._in_digits
        yield self._in_other_words

    def states(self, date: PartialDate) -> bool:
        """Whether the text states the date at its precision (day: month and day; month; year)."""
        if date.precision == "year":
            return date.year in self._years
        if date.precision == "day":
            return any((date.month, date.day) in index for index in self._indexes())
        return any(date.month in index for index in self._indexes()) or date.month in self._other_months

    def offsets(self, month: int, day: int) -> Iterator[int]:
        """Where the text states a month and day: offsets into the text, each index's in turn."""
        for index in self._indexes():
            yield from index.get((month, day), ())

    def days(self) -> set[tuple[int, int]]:
        """Every (month, day) the text states."""
        return {key for index in self._indexes() for key in index if isinstance(key, tuple)}

    @cached_property
    def _in_words(self) -> Index:
        """Months and (month, day) pairs stated with English month names."""
        return self._month_words(_MONTH_WORD_RE, MONTH_BY_WORD)

    @cached_property
    def _in_other_words(self) -> Index:
        """Months and (month, day) pairs stated as a day before a month name of another language."""
        found: Index = {}
        for match in _DAY_BEFORE_OTHER_MONTH_RE.finditer(self._text):
            month = OTHER_MONTH_BY_WORD.get(match.group(2).lower())
            if month is not None:
                _add(found, match.start(), month, int(match.group(1)))
        return found

    @cached_property
    def _other_months(self) -> set[int]:
        """Months named in another language anywhere ("im Juli", "en juillet")."""
        return {OTHER_MONTH_BY_WORD[word] for word in map(str.lower, _WORD_RE.findall(self._text))
                if word in OTHER_MONTH_BY_WORD}

    def _month_words(self, pattern: re.Pattern, months: dict[str, int]) -> Index:
        found: Index = {}
        text = self._text
        for word in pattern.finditer(text):
            start, end = word.span()
            month = months.get(word.group().rstrip(".").lower())
            if month is None or (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha()):
                continue
            _add(found, start, month)
            after = _DAY_AFTER_MONTH_RE.match(text, end)
            if after:
                _add(found, start, month, int(after.group(1)))
            before = _DAY_BEFORE_MONTH_RE.search(text, max(0, start - 24), start)
            if before:
                for day in before.groups():
                    if day:
                        _add(found, before.start(), month, int(day))
        return found

    @cached_property
    def _in_digits(self) -> Index:
        """Months and (month, day) pairs stated in digits."""
        found: Index = {}
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
                _add(found, start, int(match.group(3)), None if year_month_only else int(match.group(4)))
            elif match := _DAY_MONTH_YEAR_RE.fullmatch(written):
                first, separator, second = int(match.group(1)), match.group(2), int(match.group(3))
                _add(found, start, second, first)  # day first: 13.09.2023, 13/09/2023
                if separator != ".":
                    _add(found, start, first, second)  # month first: 09/13/2023
            elif match := _EAST_ASIAN_RE.fullmatch(written):
                _add(found, start, int(match.group(1)), int(match.group(2)) if match.group(2) else None)
        return found

    @cached_property
    def _years(self) -> set[int]:
        return {int(number) for number in re.findall(r"\d+", self._text) if len(number) == 4}


def _add(found: Index, offset: int, month: int, day: int | None = None) -> None:
    """Record a month, or a month and day, when they make a calendar date."""
    if 1 <= month <= 12 and (day is None or 1 <= day <= 31):
        found.setdefault(month, []).append(offset)
        if day is not None:
            found.setdefault((month, day), []).append(offset)
