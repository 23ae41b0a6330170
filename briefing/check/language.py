"""Estimative language in judgements and the bottom line, after ICD 203.

Pure functions over one text; the check turns their `TextProblem`s into
findings L001–L004. What counts, and why (precision first: a warning an
analyst disagrees with teaches them to ignore every warning):

- Sentences end at ".", "!" or "?" followed by white space and a capital
  letter, digit or opening quote, and at every blank line. A full stop after
  a known abbreviation ("U.S.", "Gen.", "Sept.", "Mr."), after a single
  capital initial ("J. Smith") or inside a number ("1.7") ends nothing.
- Words inside quotation marks are someone else's: a hedge, likelihood term
  or confidence level quoted from a source raises nothing.
- A hedge is one of: may, might, could, possibly, perhaps, appear(s) to /
  appear(s) that, seem(s). Not hedges: "May" with a capital M inside a
  sentence, or followed by a day or a year ("May 2024", "17 May") -- the
  month or a surname; "could not"/"couldn't"/"could never", which state an
  inability, not a likelihood; "might" as a noun ("military might", "its
  might"); "can", which states ability.
- A likelihood term is a term of `LIKELIHOOD_SCALE`, the longest form first
  ("very unlikely" is one term of its row, not "unlikely"). "remote" counts
  only as a likelihood ("a remote chance", "the prospect is remote"), not as
  a place ("a remote valley").
- A confidence level is "high", "moderate", "medium" (= moderate) or "low"
  before "confidence" ("we assess with high confidence", "low-confidence",
  "a moderate level of confidence").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LikelihoodRow:
    """One row of the ICD 203 scale: its terms (the first is the one to suggest) and its range."""

    terms: tuple[str, ...]
    percent: tuple[int, int]


# The ICD 203 likelihood scale (DNI, ICD 203 §D.6.e(2)), one row each. The
# README prints this table; nothing else in the code restates it.
LIKELIHOOD_SCALE: tuple[LikelihoodRow, ...] = (
    LikelihoodRow(("almost no chance", "remote"), (1, 5)),
    LikelihoodRow(("very unlikely", "highly improbable"), (5, 20)),
    LikelihoodRow(("unlikely", "improbable"), (20, 45)),
    LikelihoodRow(("roughly even chance", "roughly even odds"), (45, 55)),
    LikelihoodRow(("likely", "probable", "probably"), (55, 80)),
    LikelihoodRow(("very likely", "highly probable"), (80, 95)),
    LikelihoodRow(("almost certain", "almost certainly", "nearly certain", "nearly certainly"), (95, 99)),
)

HEDGES: tuple[str, ...] = ("may", "might", "could", "possibly", "perhaps", "appears", "seems")

CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "moderate", "high")

# Full stops that end an abbreviation, not a sentence (compared without the
# dot, ignoring case). Dotted initialisms ("U.S.", "D.P.R.K.") and single
# initials are recognised by their form.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st gen lt col maj capt cpt sgt adm cmdr gov sen rep pres rev hon "
    "no nos vol pp p fig ed eds approx est dept univ inc ltd co corp bros vs etc al cf ca "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun".split()
)

_WORD = r"[^\W\d_]+"
_QUOTED_RE = re.compile(r"\"[^\"\n]*\"|\u201c[^\u201d]*\u201d|\u201e[^\u201c\u201d]*[\u201c\u201d]|\u00ab[^\u00bb]*\u00bb"
                        r"|(?<![^\W_])['\u2018][^'\u2018\u2019\n]+['\u2019](?![^\W_])")
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u024f\u0400-\u04ff])")
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n\s*")
_WORD_BEFORE_DOT_RE = re.compile(r"([^\W\d_](?:[^\W\d_]|\.)*)\.$")

_LIKELIHOOD_FORMS = sorted(
    ((term, row) for row, line in enumerate(LIKELIHOOD_SCALE) for term in line.terms if term != "remote"),
    key=lambda pair: -len(pair[0]),
)
_ROW_OF = {term: row for term, row in _LIKELIHOOD_FORMS}
_REMOTE_ROW = next(row for row, line in enumerate(LIKELIHOOD_SCALE) if "remote" in line.terms)
_LIKELIHOOD_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(term).replace(r"\ ", r"\s+") for term, _ in _LIKELIHOOD_FORMS) + r")\b"
    r"|\bremote(?=\s+(?:chance|possibility|prospect|likelihood|probability)s?\b)"
    r"|\b(?:is|are|was|were|be|remains?|seems?|looks?)\s+(?P<remote>remote)\b",
    re.IGNORECASE,
)
_HEDGE_RE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|seems?|appears?(?=\s+(?:to|that)\b))\b", re.IGNORECASE
)
_NOT_A_HEDGE_AFTER_RE = re.compile(r"(?:n[o']t\b|\s+not\b|\s+never\b)", re.IGNORECASE)
_MIGHT_NOUN_BEFORE_RE = re.compile(
    r"\b(?:military|economic|naval|industrial|its|their|his|her|our|the|with\s+all|full)\s+$", re.IGNORECASE
)
_DAY_OR_YEAR_AFTER_RE = re.compile(r"\s+(?:\d{1,2}(?:st|nd|rd|th)?\b|\d{4}\b)")
_DAY_OR_PREPOSITION_BEFORE_RE = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?|\b(?:in|of|since|until|by|early|late|mid))[\s-]+$",
                                           re.IGNORECASE)
_CONFIDENCE_RE = re.compile(
    r"\b(high|moderate|medium|low)(?:[-\s]+|\s+(?:level|degree)\s+of\s+)confidence\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TextProblem:
    """A problem in a text: its code, where it is (offsets into the text) and what to do."""

    code: str
    start: int
    end: int
    message: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, white space trimmed, in order."""
    spans: list[tuple[int, int]] = []
    paragraph_start = 0
    for paragraph_end, next_start in [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text)] + [(len(text), len(text))]:
        start = paragraph_start
        for match in _SENTENCE_END_RE.finditer(text, paragraph_start, paragraph_end):
            if _ends_abbreviation(text, start, match.start(), match.group()):
                continue
            spans.append((start, match.end()))
            start = match.end()
        spans.append((start, paragraph_end))
        paragraph_start = next_start
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def _ends_abbreviation(text: str, sentence_start: int, at: int, punctuation: str) -> bool:
    if not punctuation.startswith(".") or punctuation.startswith(".."):
        return False
    before = _WORD_BEFORE_DOT_RE.search(text, sentence_start, at + 1)
    if before is None:
        return False
    word = before.group(1)
    if "." in word:  # a dotted initialism: U.S., D.P.R.K., e.g., i.e.
        return True
    if len(word) == 1 and word.isupper():  # an initial: J. Smith
        return True
    return word.lower() in ABBREVIATIONS


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _QUOTED_RE.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in spans)


def likelihood_terms(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, row index of LIKELIHOOD_SCALE) of each likelihood term in text[start:end]."""
    found = []
    for match in _LIKELIHOOD_RE.finditer(text, start, len(text) if end is None else end):
        if match.group("remote"):
            found.append((match.start("remote"), match.end("remote"), _REMOTE_ROW))
            continue
        term = re.sub(r"\s+", " ", match.group().lower())
        found.append((match.start(), match.end(), _ROW_OF.get(term, _REMOTE_ROW)))
    return found


def hedges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each hedge in text[start:end], by the rules of the module docstring."""
    end = len(text) if end is None else end
    found = []
    for match in _HEDGE_RE.finditer(text, start, end):
        word = match.group()
        lower = word.lower()
        if lower == "may" and _is_month(text, start, match.start(), match.end()):
            continue
        if lower == "could" and _NOT_A_HEDGE_AFTER_RE.match(text, match.end()):
            continue
        if lower == "might" and _MIGHT_NOUN_BEFORE_RE.search(text[max(start, match.start() - 30):match.start()]):
            continue
        found.append(match.span())
    return found


def _is_month(text: str, sentence_start: int, start: int, end: int) -> bool:
    word = text[start:end]
    if word == "MAY" or word[0] != "M":
        return word == "MAY" and bool(_DAY_OR_YEAR_AFTER_RE.match(text, end))
    if start > sentence_start and not re.match(r"[\"'\u201c\u2018(\[\s]*$", text[sentence_start:start]):
        return True  # capitalised inside a sentence: the month or a surname
    return bool(_DAY_OR_YEAR_AFTER_RE.match(text, end)) or bool(
        _DAY_OR_PREPOSITION_BEFORE_RE.search(text[max(0, start - 12):start]))


def confidence_levels(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, level) of each stated confidence level in text[start:end]; "medium" reads as "moderate"."""
    found = []
    for match in _CONFIDENCE_RE.finditer(text, start, len(text) if end is None else end):
        level = match.group(1).lower()
        found.append((match.start(), match.end(), "moderate" if level == "medium" else level))
    return found


def _in_curly_quotes(text: str) -> str:
    return f"\u201c{text}\u201d"


def estimative_problems(text: str, confidence: str | None) -> list[TextProblem]:
    """L001–L004 in one judgement (with its `confidence` field) or the bottom line (`confidence` None)."""
    problems: list[TextProblem] = []
    in_quotes = _quoted_spans(text)
    for start, end in sentence_spans(text):
        terms = [t for t in likelihood_terms(text, start, end) if not _inside(in_quotes, t[0])]
        levels = [c for c in confidence_levels(text, start, end) if not _inside(in_quotes, c[0])]
        if not terms:
            for h_start, h_end in hedges(text, start, end):
                if _inside(in_quotes, h_start):
                    continue
                word = text[h_start:h_end]
                problems.append(TextProblem(
                    "L001", h_start, h_end,
                    f"{_in_curly_quotes(word)} hedges without a likelihood term: say how likely "
                    f"(e.g. {_in_curly_quotes('likely')}, {_in_curly_quotes('roughly even chance')}, {_in_curly_quotes('unlikely')}) "
                    f"or state it as fact"))
        rows = {row for _, _, row in terms}
        if len(rows) > 1:
            first = terms[0]
            other = next(t for t in terms if t[2] != first[2])
            problems.append(TextProblem(
                "L002", other[0], other[1],
                f"{_in_curly_quotes(text[first[0]:first[1]])} and {_in_curly_quotes(text[other[0]:other[1]])} are on different rows "
                f"of the likelihood scale ({_range(first[2])} and {_range(other[2])}) in one sentence: "
                f"keep one likelihood per sentence, or split it"))
        if terms and levels:
            level, term = levels[0], terms[0]
            problems.append(TextProblem(
                "L003", min(level[0], term[0]), max(level[1], term[1]),
                f"{_in_curly_quotes(text[level[0]:level[1]])} and {_in_curly_quotes(text[term[0]:term[1]])} in one sentence: "
                f"a confidence level says how good the evidence is, a likelihood how probable the event; "
                f"ICD 203 keeps them in separate sentences (the confidence belongs in the confidence field)"))
        if confidence is not None:
            for l_start, l_end, level in levels:
                if level != confidence:
                    problems.append(TextProblem(
                        "L004", l_start, l_end,
                        f"the text says {_in_curly_quotes(text[l_start:l_end])} but the judgement's confidence is "
                        f"{confidence}: make them agree, or drop the level from the text"))
    problems.sort(key=lambda p: (p.start, p.code))
    return problems


def _range(row: int) -> str:
    low, high = LIKELIHOOD_SCALE[row].percent
    return f"{low:02d}\u2013{high:02d}%"
