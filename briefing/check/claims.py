"""Claims an event's summary makes that its sources can confirm: numbers and names.

Pure functions; the check turns what `missing_claims` returns into C001 and
C002 findings. What counts (precision first: each rule below exists because
its opposite raised a warning a careful reader would not):

Numbers (C001), compared by value, so "two" == 2, "1,000" == 1000 and
"1.7 billion" == 1.7e9:
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

Names (C002):
- a registered actor's name or alias, whole words (acronyms such as "US"
  only in capitals, so the pronoun "us" is not the United States); any of the
  actor's names in a source confirms it;
- otherwise a proper name: a run of capitalised words (hyphenated and
  apostrophe names included, "of"/"de"/"von"/... allowed inside) that does
  not start a sentence, a clause after a colon, or a quotation (the first
  word of such a run is dropped, the rest still counts), names inside
  quotation marks included. A possessive "'s" is not part of the name;
  lowercase tails of hyphenated words are cut ("Reykjavik-based").
- `STOP_WORDS` are trimmed from either end of a run (articles, pronouns,
  days, months, titles such as "President" alone); a run made only of stop
  words and `GENERIC_WORDS` ("Foreign Ministry", "Defence Minister") is not a
  name.
- A source contains a name when it has it as whole words, ignoring case,
  accents, and hyphen-or-space between its words; a one-word demonym also
  matches its country ("Icelandic" → "Iceland", "European" → "Europe").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .language import sentence_spans

Number = int | float


@dataclass(frozen=True)
class Claim:
    """Something a text states. value: a number (int|float), a time of day ("8:00"), or for a name the
    names any of which confirm it (an actor's name and aliases; a proper name alone)."""

    text: str
    value: Number | tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class MissingClaim:
    code: str  # C001 (number) or C002 (name)
    claim: Claim
    message: str


# ── Numbers ──────────────────────────────────────────────────────────────────

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
_FOREIGN_SCALE_AFTER_RE = re.compile(r"[ \u00a0]+(Mio|Mrd|Millionen|Milliarden?|Milliards?|millions|Billionen|Billion)\b\.?",
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


def _digit_claims(text: str, generous: bool) -> list[tuple[Claim, list[Number | str], bool]]:
    """(claim, every value it may mean, whether it stands bare) for each number written in digits."""
    found: list[tuple[Claim, list[Number | str], bool]] = []
    times = []
    for match in _TIME_RE.finditer(text):
        value = f"{int(match.group(1))}:{match.group(2)}"
        found.append((Claim(match.group(), value, match.start(), match.end()), [value], False))
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
        elif generous and not suffix and (foreign := _FOREIGN_SCALE_AFTER_RE.match(text, end)):
            word = foreign.group(1).lower()
            scale = 1_000_000_000 if word == "billion" else FOREIGN_SCALES[word]
            end = foreign.end()
            if word == "billion":
                readings = readings + [r * 1000 for r in readings]  # German "Billion" is 10^12
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
        claim_start = match.start() if match.group("currency") else start
        found.append((Claim(text[claim_start:end], values[0], claim_start, end), values, bare))
    return found


def _words_value(words: str) -> Number | None:
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


def _word_claims(text: str) -> list[Claim]:
    found = []
    for match in _NUMBER_WORD_RE.finditer(text):
        words = match.group()
        lower = words.lower()
        if lower in ORDINALS:
            if (_ORDINAL_IDIOM_BEFORE_RE.search(text[max(0, match.start() - 4):match.start()])
                    or _ORDINAL_IDIOM_AFTER_RE.match(text, match.end())
                    or not _WORD_AFTER_RE.match(text, match.end())):
                continue  # "at first", "first-hand"; "publish it first." is an adverb
            found.append(Claim(words, ORDINALS[lower], match.start(), match.end()))
            continue
        if lower == "one":
            continue  # mostly a pronoun
        value = _words_value(words)
        if value is not None:
            found.append(Claim(words, value, match.start(), match.end()))
    return found


def numbers_in(text: str, date_numbers: frozenset[int] | set[int] = frozenset(),
               duration_days: int | None = None) -> list[Claim]:
    """The numbers `text` states, in order. Left out as the event's own date (D001's business): bare
    numbers whose value is in `date_numbers`, and "N days" when N is the event's `duration_days`
    (6 to 8 May: "three days")."""
    claims = [claim for claim, _, bare in _digit_claims(text, generous=False)
              if not (bare and claim.value in date_numbers)]
    taken = [(c.start, c.end) for c in claims]
    claims += [c for c in _word_claims(text) if not any(a < c.end and c.start < b for a, b in taken)]
    if duration_days is not None:
        claims = [c for c in claims if not (c.value == duration_days and _DAYS_AFTER_RE.match(text, c.end))]
    claims.sort(key=lambda c: c.start)
    return claims


def source_numbers(text: str) -> set[Number]:
    """Every value a source's numbers may mean, read generously (see the module docstring).

    A source is long and its numbers are few: the full patterns run only on windows around the
    digits and the number words a quick pass finds (the same values, in a fraction of the time)."""
    values: set[Number] = set()
    for window in _windows(text, [m.span() for m in _DIGIT_RUN_RE.finditer(text)], DIGIT_CONTEXT):
        for _, readings, _ in _digit_claims(window, generous=True):
            values.update(readings)
        for match in _SPACED_THOUSANDS_RE.finditer(window):
            values.add(int(re.sub(r"\D", "", match.group())))
    lower = text.lower()
    words = set(lower.translate(_WORD_SEPARATORS).split()) & _SOURCE_NUMBER_WORDS
    for window in _windows(text, _word_spans(lower, words), WORD_CONTEXT):
        values.update(claim.value for claim in _word_claims(window))
        values.update(FOREIGN_WORDS[m.group().lower()] for m in _FOREIGN_WORD_RE.finditer(window))
    return values


_DIGIT_RUN_RE = re.compile(r"\d+")
DIGIT_CONTEXT = (8, 24)  # characters before ("US$ ") and after (" Milliarden", " per cent") a run of digits
WORD_CONTEXT = (12, 40)  # before ("a hundred") and after ("and twenty-four thousand") a number word
_SOURCE_NUMBER_WORDS = frozenset([*UNITS, *ORDINALS, *SCALES, *FOREIGN_WORDS])
_WORD_SEPARATORS = str.maketrans({c: " " for c in "-,.;:!?()[]{}\"'\u201c\u201d\u2018\u2019/\u00a0"})


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


# ── Names ────────────────────────────────────────────────────────────────────

# Capitalised words that are no name by themselves: trimmed from either end of a run.
STOP_WORDS = frozenset("""
the a an this that these those it its he she his her him they them their we our us i you your
some many most all both each every several no not there here such other another any
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
mr mrs ms dr sir lord lady dame king queen prince princess pope
president presidents vice prime premier minister ministers secretary chancellor general gen
admiral colonel col lieutenant lt captain capt major maj sergeant commander director chairman
chairwoman chair chief commissioner ambassador envoy deputy governor mayor senator sen
representative rep spokesman spokeswoman spokesperson leader head adviser advisor professor prof
of de du des da del della di von van der den la le el al bin ibn y and
""".split())
# Words that make institutions' common nouns, not names: a run of only these and
# stop words is dropped ("Defence Ministry", "Foreign Minister").
GENERIC_WORDS = frozenset("""
ministry ministries department office government cabinet parliament army navy air force forces
defence defense foreign interior home transport finance economy justice health state
agency authority authorities council committee commission service services
first senior junior acting former
""".split())
# Lowercase words after a hyphen that make an adjective of a name ("Lagos-based"):
# cut off. Other lowercase parts belong to the name ("Jean-de-la", "Lee Hsien-loong").
HYPHEN_TAILS = frozenset("""
based led born backed owned run made style era like wide bound sponsored linked speaking controlled
friendly centred centered class bred built held occupied aligned type sized related specific level
scale free only language registered flagged bound area region zone era period
""".split())
# Lowercase joiners allowed inside a name: "Bank of England", "Charles de Gaulle".
PARTICLES = frozenset("of de du des da del della di von van der den la le al bin ibn y".split())

_NAME_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['\u2019][^\W\d_]+)*(?:-[^\W\d_]+(?:['\u2019][^\W\d_]+)*)*")
_JOINING_GAP_RE = re.compile(r"[ \t]*\n?[ \t]*")  # words of one name: spaces, at most one line break
_POSSESSIVE_RE = re.compile(r"['\u2019]s$|(?<=s)['\u2019]$")
_QUOTE_OPENERS = "\"'\u201c\u2018\u201e\u00ab("
_DEMONYM_RE = re.compile(r"^(.{4,}?)(?:ian|ean|an|ese|ish|ic|i)$")


def _is_capitalised(token: str) -> bool:
    return token[0].isupper()


def _cut_hyphen_tail(token: str) -> str:
    """"Reykjavik-based" -> "Reykjavik"; "Lee Hsien-loong" keeps its lowercase part."""
    parts = token.split("-")
    kept = [parts[0]]
    for part in parts[1:]:
        if part.lower() in HYPHEN_TAILS:
            break
        kept.append(part)
    return "-".join(kept)


def _starts(text: str) -> set[int]:
    """Offsets where a capital letter is owed to grammar, not to a name."""
    starts = {start for start, _ in sentence_spans(text)}
    for match in re.finditer(r":\s+|[" + re.escape(_QUOTE_OPENERS) + r"](?=[A-Z])", text):
        starts.add(match.end())
    return starts


@lru_cache(maxsize=8)  # one registry per timeline: built once, not once per summary
def _actor_pattern(actor_names: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    owner: dict[str, int] = {}
    alternatives = []
    for index, names in enumerate(actor_names):
        for name in names:
            key = _fold(name)
            if key in owner or not name.strip():
                continue
            owner[key] = index
            escaped = re.escape(name).replace(r"\ ", r"[\s-]+")
            # An acronym ("US", "EU") only in capitals: "us" is a pronoun.
            alternatives.append((len(name), escaped if name.isupper() and len(name) <= 5 else f"(?i:{escaped})"))
    if not alternatives:
        return None, owner
    alternatives.sort(key=lambda pair: -pair[0])
    return re.compile(r"(?<![\w])(?:" + "|".join(a for _, a in alternatives) + r")(?![\w])"), owner


def names_in(text: str, actor_names: list[tuple[str, ...]] | tuple[tuple[str, ...], ...] = ()) -> list[Claim]:
    """The names `text` states, in order: registered actors (value: all their names), then proper names."""
    claims: list[Claim] = []
    actor_names = tuple(tuple(names) for names in actor_names)
    pattern, owner = _actor_pattern(actor_names)
    taken: list[tuple[int, int]] = []
    if pattern is not None:
        for match in pattern.finditer(text):
            names = actor_names[owner[_fold(match.group())]]
            claims.append(Claim(match.group(), tuple(names), match.start(), match.end()))
            taken.append(match.span())
    starts = _starts(text)
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if run:
            claims.extend(_proper_name(text, run, starts))
            run.clear()

    position = 0
    for match in _NAME_TOKEN_RE.finditer(text):
        token = match.group()
        gap = text[position:match.start()]
        inside_actor = any(a < match.end() and match.start() < b for a, b in taken)
        joins = bool(run) and _JOINING_GAP_RE.fullmatch(gap) is not None
        if not joins or inside_actor:
            flush()
        if inside_actor:
            position = match.end()
            continue
        if _is_capitalised(token):
            cut = _cut_hyphen_tail(token)
            run.append((match.start(), match.start() + len(cut)))
            if cut != token:
                flush()  # "the Reykjavik-based Met Office": two names
        elif run and token in PARTICLES:
            run.append(match.span())
        else:
            flush()
        position = match.end()
    flush()
    claims.sort(key=lambda c: c.start)
    return claims


def _proper_name(text: str, run: list[tuple[int, int]], starts: set[int]) -> list[Claim]:
    tokens = list(run)
    if tokens[0][0] in starts:
        tokens = tokens[1:]
    words = [text[a:b] for a, b in tokens]
    # Trim stop words and particles from both ends; keep the cut tails out.
    while words and (words[0].lower() in STOP_WORDS or not _is_capitalised(words[0])):
        words, tokens = words[1:], tokens[1:]
    while words and (words[-1].lower() in STOP_WORDS or not _is_capitalised(words[-1])):
        words, tokens = words[:-1], tokens[:-1]
    if not words:
        return []
    if all(w.lower() in STOP_WORDS or w.lower() in GENERIC_WORDS for w in words):
        return []
    start, end = tokens[0][0], tokens[-1][1]
    name = text[start:end]
    possessive = _POSSESSIVE_RE.search(name)
    if possessive:
        end -= len(possessive.group())
        name = text[start:end]
    if not name or name.lower() in STOP_WORDS:
        return []
    return [Claim(name, (name,), start, end)]


def _fold(text: str) -> str:
    """Lower case without accents, curly apostrophes straight: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s-]+", name.strip()) if w]
    return re.compile(r"(?<![\w])" + r"[\s-]+".join(words) + r"(?![\w])", re.IGNORECASE)


def name_in_source(name: str, normalised_source_text: str) -> bool:
    """Whether a source states `name`: whole words, ignoring case, accents, hyphen-or-space; demonyms by stem."""
    if _name_pattern(name).search(normalised_source_text):
        return True
    folded_name = _fold(name)
    if folded_name != name.lower() or not normalised_source_text.isascii():
        if _name_pattern(folded_name).search(_fold(normalised_source_text)):
            return True
    words = [w for w in re.split(r"[\s-]+", folded_name) if w and w not in STOP_WORDS]
    if len(words) >= 3 and _words_close_together(words, _fold(normalised_source_text)):
        return True
    demonym = _DEMONYM_RE.match(folded_name) if " " not in folded_name else None
    if demonym:
        stem = re.escape(demonym.group(1))
        if re.search(r"(?<![\w])" + stem + r"\w*", _fold(normalised_source_text)):
            return True
    return _translated_name_in(folded_name, normalised_source_text)


def _translated_name_in(folded_name: str, source: str) -> bool:
    """In a source not in English, a name may be spelt the source's way ("Munich", "München"):
    found when each of its words is close to a capitalised word of the source."""
    english, capitalised = _source_profile(source)
    if english:
        return False
    for word in re.split(r"[\s-]+", folded_name):
        if word in STOP_WORDS or word in PARTICLES:
            continue
        if not any(other[:1] == word[:1] and difflib.SequenceMatcher(None, word, other).ratio() >= TRANSLATED_NAME_SIMILARITY
                   for other in capitalised):
            return False
    return True


# "munich"/"munchen" 0.77, "lisbon"/"lisboa" 0.83, "hanover"/"hannover" 0.93; "paris"/"prag" 0.44 and
# "munich"/"madrid" 0.33 stay apart. "Cologne"/"Köln" (0.55) is too far: register an alias or accept it.
TRANSLATED_NAME_SIMILARITY = 0.6
ENGLISH_FUNCTION_WORDS = frozenset("the and of to is was for that with from by are were this which".split())


@lru_cache(maxsize=32)
def _source_profile(source: str) -> tuple[bool, frozenset[str]]:
    """Whether a source reads as English, and its capitalised words folded: worked out once per text."""
    words = re.findall(r"[^\W\d_]+", source)
    english = sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) >= 0.08 * max(len(words), 1)
    return english, frozenset(_fold(w) for w in words if w[0].isupper())


def _words_close_together(words: list[str], folded_source: str) -> bool:
    """A long name in another order: "National People's Congress Standing Committee" is found in
    "the Standing Committee of the Chinese National People's Congress" (every word within a few words)."""
    patterns = [re.compile(r"(?<![\w])" + re.escape(w) + r"(?![\w])") for w in words]
    reach = sum(len(w) + 1 for w in words) + 40
    for match in patterns[0].finditer(folded_source):
        window = folded_source[max(0, match.start() - reach):match.end() + reach]
        if all(p.search(window) for p in patterns[1:]):
            return True
    return False


# ── Both ─────────────────────────────────────────────────────────────────────

def missing_claims(summary: str, source_texts: list[str], actor_names: list[tuple[str, ...]] = (),
                   date_numbers: frozenset[int] | set[int] = frozenset(),
                   duration_days: int | None = None,
                   known_numbers: set[Number | str] | None = None) -> list[MissingClaim]:
    """C001/C002: the numbers and names of `summary` that none of `source_texts` (normalised) states.

    `known_numbers`, when given, is the union of `source_numbers` of those texts, worked out once per
    source by the caller (a source is cited by many events)."""
    missing: list[MissingClaim] = []
    numbers = numbers_in(summary, date_numbers, duration_days)
    known = known_numbers
    if known is None and numbers:  # a summary without numbers costs no reading of the sources' numbers
        known = set()
        for source in source_texts:
            known |= source_numbers(source)
    for claim in numbers:
        if claim.value not in known:
            missing.append(MissingClaim("C001", claim, (
                f"the number \u201c{claim.text}\u201d is in none of the cited sources: "
                f"check it, or cite a source that states it")))
    for claim in names_in(summary, actor_names):
        if not any(name_in_source(name, source) for name in claim.value for source in source_texts):
            missing.append(MissingClaim("C002", claim, (
                f"the name \u201c{claim.text}\u201d is in none of the cited sources: "
                f"check its spelling, or cite a source that names it")))
    missing.sort(key=lambda m: m.claim.start)
    return missing
