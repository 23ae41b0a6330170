"""Numbers a text states, read by value: "two" == 2, "1,000" == 1000, "1.7 billion" == 1.7e9.

Pure functions, for C001 (`briefing.check.claims`): `numbers_in` reads a
summary strictly, `source_numbers` reads a source generously. What counts
(precision first: each rule below exists because its opposite raised a
warning a careful reader would not):

- digits with their separators, decimals, currency, per cent and scale words
  ("70th", "1,000", "$1.7 billion", "2018", "10%", "the 1960s"); a time of
  day ("08:00") is one claim, equal to "8:00" and to no number;
- numbers in words: one to twenty, the tens, "hundred", "thousand",
  "million", "billion" and their compounds ("twenty-four", "two million",
  "a hundred"), and the ordinals first to tenth.
- Not numbers: digits glued to a name or a code ("G7", "A320", "Covid-19",
  "Soyuz-2", "5G"); "one" alone (mostly a pronoun: "one of", "no one"); the
  plurals "hundreds", "thousands", "millions" (no value); ordinals in
  idioms ("at first", "first-hand", "second-hand"); the numbers of the
  event's own date (`date_numbers`: D001 checks the date), when they stand
  bare (not "24 years"), and its length in days ("three days" for an event
  from 6 to 8 May, `duration_days`); an ordinal used as an adverb ("publish
  it first.").
- A source is read generously, since its numbers only ever excuse a claim:
  "1.000" and "1,000" are both read as 1000 and as 1; "1,7 Milliarden" is
  1.7e9; German and French number words count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

Number = int | float


@dataclass(frozen=True)
class StatedNumber:
    """A number a text states: `value` is an int or float, or for a time of day the time as "8:00"."""

    text: str
    value: Number | str
    start: int
    end: int


UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
# Read in sources only: they can excuse a claim, never make one.
FOREIGN_WORDS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "zwanzig": 20, "hundert": 100, "tausend": 1_000,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "vingt": 20, "cent": 100, "mille": 1_000,
}
FOREIGN_SCALES = {"mio": 1_000_000, "millionen": 1_000_000, "millions": 1_000_000, "mrd": 1_000_000_000,
                  "milliarde": 1_000_000_000, "milliarden": 1_000_000_000, "milliard": 1_000_000_000,
                  "milliards": 1_000_000_000, "billionen": 1_000_000_000_000}
# After digits, these make a quantity, not a day or a year of the event's date.
QUANTITY_WORDS = frozenset(
    "years year months month weeks week days day hours hour minutes minute km kilometres kilometers miles "
    "metres meters m feet ft people passengers flights times tonnes tons per percent".split())

_DIGITS_RE = re.compile(
    r"(?P<currency>(?:US|A|C)?[$€£¥]\s?)?"
    r"(?P<number>\d+(?:[.,]\d+)*)"
    r"(?P<suffix>st|nd|rd|th|s\b|%|bn\b|mn\b|m\b|k\b|km\b|kg\b)?"
)
# A time of day is one claim, compared as written ("08:00" == "8:00"), never equal to a number.
_TIME_RE = re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
_SCALE_AFTER_RE = re.compile(r"[ \u00a0]+(hundred|thousand|million|billion|trillion)\b(?!s)", re.IGNORECASE)
_FOREIGN_SCALE_AFTER_RE = re.compile(r"[ \u00a0]+(Mio|Mrd|Millionen|Milliarden?|Milliards?|millions|Billionen)\b\.?",
                                     re.IGNORECASE)
_PERCENT_AFTER_RE = re.compile(r"\s?(?:%|per\s?cent\b|Prozent\b|pour\s?cent\b)", re.IGNORECASE)
_DAYS_AFTER_RE = re.compile(r"[\s-]+days?\b", re.IGNORECASE)
_WORD_AFTER_RE = re.compile(r"[ \u00a0-]+([^\W\d_]+)")
_SPACED_THOUSANDS_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])")
_NUMBER_WORD_RE = re.compile(
    r"\b(?:a\s+(?=(?:hundred|thousand|million|billion)\b))?"
    r"(?:" + "|".join(sorted([*UNITS, *SCALES], key=len, reverse=True)) + r")"
    r"(?:(?:\s+and\s+|[\s-]+)(?:" + "|".join(sorted([*UNITS, *SCALES], key=len, reverse=True)) + r"))*\b"
    r"|\b(?:" + "|".join(ORDINALS) + r")\b",
    re.IGNORECASE,
)
_ORDINAL_IDIOM_BEFORE_RE = re.compile(r"\bat\s+$", re.IGNORECASE)
_ORDINAL_IDIOM_AFTER_RE = re.compile(r"(?:-[^\W\d_]|\s+of\s+all\b)", re.IGNORECASE)
_FOREIGN_WORD_RE = re.compile(r"\b(?:" + "|".join(FOREIGN_WORDS) + r")\b", re.IGNORECASE)


def _value(number: Decimal) -> Number:
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def _glued_to_a_name(text: str, start: int) -> bool:
    """True for the digits of "G7", "A320", "Covid-19", "F-16": codes, not quantities."""
    if start > 0 and (text[start - 1].isalpha() or text[start - 1] == "_"):
        return True
    if start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
        word = re.search(r"[^\W\d_]+$", text[:start - 1]).group()
        return word[0].isupper()
    return False


def _readings(digits: str, generous: bool) -> list[Decimal]:
    """The values a run of digits and separators can mean: English first, then (generous) the others."""
    english = None
    groups = re.split(r"[.,]", digits)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", digits):
        english = Decimal(digits.replace(",", ""))
    elif not generous:
        # "1,7" or "1.000.000" in an English summary: read the leading number only.
        return [Decimal(groups[0])]
    readings = [english] if english is not None else []
    if generous:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", digits):
            readings.append(Decimal(digits.replace(".", "").replace(",", ".")))
        readings.extend(Decimal(group) for group in groups)
    return readings


def _numbers_in_digits(text: str, generous: bool) -> list[tuple[StatedNumber, list[Number | str], bool]]:
    """(the number, every value it may mean, whether it stands bare) for each number written in digits.

    Bare: no currency, scale, per cent, separator or unit, so it may be a day or a year of the
    event's own date ("on 12 March 2024", not "24 years")."""
    found: list[tuple[StatedNumber, list[Number | str], bool]] = []
    times = []
    for match in _TIME_RE.finditer(text):
        value = f"{int(match.group(1))}:{match.group(2)}"
        found.append((StatedNumber(match.group(), value, match.start(), match.end()), [value], False))
        times.append(match.span())
    for match in _DIGITS_RE.finditer(text):
        start = match.start("number")
        if any(a <= start < b for a, b in times):
            continue
        if match.start() == start and (start > 0 and text[start - 1].isdigit()):
            continue
        if not match.group("currency") and _glued_to_a_name(text, start):
            continue
        end = match.end()
        after = text[end:end + 1]
        if after.isalpha() and not match.group("suffix"):
            continue  # "5G", "3D": a code
        suffix = (match.group("suffix") or "").lower()
        readings = _readings(match.group("number"), generous)
        scale = 1
        scale_match = _SCALE_AFTER_RE.match(text, end)
        if scale_match and not suffix:
            scale = SCALES[scale_match.group(1).lower()]
            end = scale_match.end()
            # Capitalised, "Billion" may be the German noun, 10^12 (the English word is matched
            # first, so this is the one place the German reading can be given).
            if generous and scale_match.group(1) == "Billion":
                readings = readings + [r * 1000 for r in readings]
        elif generous and not suffix and (foreign := _FOREIGN_SCALE_AFTER_RE.match(text, end)):
            word = foreign.group(1).lower()
            scale = FOREIGN_SCALES[word]
            end = foreign.end()
        elif suffix in ("bn", "mn", "m", "k") and (match.group("currency") or generous):
            scale = {"bn": 1_000_000_000, "mn": 1_000_000, "m": 1_000_000, "k": 1_000}[suffix]
            if generous and suffix == "m":
                readings = readings + [r / 1_000_000 for r in readings]  # or metres
        percent = _PERCENT_AFTER_RE.match(text, end)
        if percent and suffix != "%":
            end = percent.end()
        values = [_value(r * scale) for r in readings]
        word_after = _WORD_AFTER_RE.match(text, end)
        bare = (not match.group("currency") and scale == 1 and not percent and suffix not in ("%", "s")
                and "," not in match.group("number") and "." not in match.group("number")
                and not (word_after and word_after.group(1).lower() in QUANTITY_WORDS))
        number_start = match.start() if match.group("currency") else start
        found.append((StatedNumber(text[number_start:end], values[0], number_start, end), values, bare))
    return found


def _value_of_words(words: str) -> Number | None:
    """"two hundred and fifty" -> 250, "a million" -> 1000000; None when no word is a number."""
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("and", "a"):
            if word == "a":
                current = 1
            continue
        if word in UNITS:
            current += UNITS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
            seen = True
    return total + current if seen else None


def _numbers_in_words(text: str) -> list[StatedNumber]:
    found = []
    for match in _NUMBER_WORD_RE.finditer(text):
        words = match.group()
        lower = words.lower()
        if lower in ORDINALS:
            if (_ORDINAL_IDIOM_BEFORE_RE.search(text[max(0, match.start() - 4):match.start()])
                    or _ORDINAL_IDIOM_AFTER_RE.match(text, match.end())
                    or not _WORD_AFTER_RE.match(text, match.end())):
                continue  # "at first", "first-hand"; "publish it first." is an adverb
            found.append(StatedNumber(words, ORDINALS[lower], match.start(), match.end()))
            continue
        if lower == "one":
            continue  # mostly a pronoun
        value = _value_of_words(words)
        if value is not None:
            found.append(StatedNumber(words, value, match.start(), match.end()))
    return found


def numbers_in(text: str, date_numbers: frozenset[int] | set[int] = frozenset(),
               duration_days: int | None = None) -> list[StatedNumber]:
    """The numbers `text` states, in order. Left out as the event's own date (D001's business): bare
    numbers whose value is in `date_numbers`, and "N days" when N is the event's `duration_days`
    (6 to 8 May: "three days")."""
    numbers = [number for number, _, bare in _numbers_in_digits(text, generous=False)
               if not (bare and number.value in date_numbers)]
    taken = [(n.start, n.end) for n in numbers]
    numbers += [n for n in _numbers_in_words(text) if not any(a < n.end and n.start < b for a, b in taken)]
    if duration_days is not None:
        numbers = [n for n in numbers if not (n.value == duration_days and _DAYS_AFTER_RE.match(text, n.end))]
    numbers.sort(key=lambda n: n.start)
    return numbers


_DIGIT_RUN_RE = re.compile(r"\d+")
DIGIT_CONTEXT = (8, 24)  # characters before ("US$ ") and after (" Milliarden", " per cent") a run of digits
WORD_CONTEXT = (12, 40)  # before ("a hundred") and after ("and twenty-four thousand") a number word
_SOURCE_NUMBER_WORDS = frozenset([*UNITS, *ORDINALS, *SCALES, *FOREIGN_WORDS])
_WORD_SEPARATORS = str.maketrans({c: " " for c in "-,.;:!?()[]{}\"'\u201c\u201d\u2018\u2019/\u00a0"})


def source_numbers(text: str) -> set[Number | str]:
    """Every value a source's numbers may mean, read generously (see the module docstring).

    A source is long and its numbers are few: the full patterns run only on windows around the
    digits and the number words a quick pass finds (the same values, in a fraction of the time)."""
    values: set[Number | str] = set()
    for window in _windows(text, [m.span() for m in _DIGIT_RUN_RE.finditer(text)], DIGIT_CONTEXT):
        for _, readings, _ in _numbers_in_digits(window, generous=True):
            values.update(readings)
        for match in _SPACED_THOUSANDS_RE.finditer(window):
            values.add(int(re.sub(r"\D", "", match.group())))
    lower = text.lower()
    words = set(lower.translate(_WORD_SEPARATORS).split()) & _SOURCE_NUMBER_WORDS
    for window in _windows(text, _word_spans(lower, words), WORD_CONTEXT):
        values.update(number.value for number in _numbers_in_words(window))
        values.update(FOREIGN_WORDS[m.group().lower()] for m in _FOREIGN_WORD_RE.finditer(window))
    return values


def _word_spans(lower: str, words: set[str]) -> list[tuple[int, int]]:
    """Where each of `words` stands as a whole word in `lower`."""
    spans = []
    for word in words:
        at = lower.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not lower[at - 1].isalpha()) and (end == len(lower) or not lower[end].isalpha()):
                spans.append((at, end))
            at = lower.find(word, end)
    return sorted(spans)


def _windows(text: str, spans: list[tuple[int, int]], context: tuple[int, int]) -> list[str]:
    """The text around each span, overlapping windows merged, each starting at a word's start."""
    windows: list[list[int]] = []
    before, after = context
    for start, end in spans:
        start, end = max(0, start - before), min(len(text), end + after)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            floor = windows[-1][1] if windows else 0
            while start > floor and not text[start - 1].isspace():
                start -= 1
            windows.append([start, end])
    return [text[start:end] for start, end in windows]

