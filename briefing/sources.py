"""Source files: reading them safely, and indexing what they state, once each.

Rules for reading (each failure is a finding code of the contract):
- R002: the path, with symlinks, `..` and absolute paths resolved, must lie
  inside the timeline's folder. A path outside is never opened.
- R001: the file must exist.
- R003: it must be a regular file of at most `MAX_SOURCE_BYTES` (5 MiB), contain
  no NUL byte (binary) and be valid UTF-8 (a leading BOM is allowed). Any file
  name or extension is accepted: the content decides, not the suffix.

Dates a source states (for the D001 check), found in its normalised text:
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

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .model import MONTH_NAMES, PartialDate
from .quotes import NormalisedText, find_whole

MAX_SOURCE_BYTES = 5 * 1024 * 1024

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


class SourceText:
    """A readable source: its normalised text, indexed once, and what it states."""

    def __init__(self, data: bytes, original: str):
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.normalised = NormalisedText.of(original)
        self.dates = StatedDates(self.normalised.text)

    @cached_property
    def _folded(self) -> str:
        return self.normalised.text.casefold()

    def names(self, name: str) -> bool:
        """Whether the text has `name` (normalised) as whole words, in any case.

        The name as written is tried first: casefolding the whole text is
        paid only for names that are not found that way.
        """
        return find_whole(self.normalised.text, name) != -1 or find_whole(self._folded, name.casefold()) != -1


@dataclass(frozen=True)
class Unreadable:
    """Why a source could not be used: a finding code and its message."""

    code: str  # R001, R002 or R003
    message: str


def read_source(root: Path, file: str) -> SourceText | Unreadable:
    """Read and index one source file (`file` relative to `root`), or say why it cannot be used."""
    real_root = root.resolve()
    try:
        path = (real_root / file).resolve()
        if not path.is_relative_to(real_root):
            return Unreadable("R002", f"source path {file} resolves to {path}, outside the timeline's folder "
                                      f"{real_root}; copy the file into the folder and name it from there")
        if not path.exists():
            return Unreadable("R001", f"source file {file} does not exist")
        if not path.is_file():
            return Unreadable("R003", f"source file {file} is not a regular file")
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            return Unreadable("R003", f"source file {file} is {size / 2**20:.1f} MiB, over the "
                                      f"{MAX_SOURCE_BYTES // 2**20} MiB limit for a source")
        data = path.read_bytes()
    except (OSError, RuntimeError) as error:  # no permission, a symlink loop (RuntimeError before 3.13)
        return Unreadable("R003", f"source file {file} cannot be read: {error}")
    if b"\0" in data:
        return Unreadable("R003", f"source file {file} is binary (it contains NUL bytes), not text")
    try:
        original = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Unreadable("R003", f"source file {file} is not UTF-8 (byte {error.start} on line {line}); "
                                  "save it as UTF-8")
    return SourceText(data, original)
