"""Quote matching: finding a quote in a source's normalised text, and saying how close it came.

A quote is found when each of its parts ("..." or "…" marks an omission)
appears in order, exactly (case included), and starts and ends on word
boundaries: "the arm" does not match "the armistice". Text is normalised by
`briefing.check.normalise` first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..formats.places import Place, citation_text, place_text
from .normalise import NormalisedText, normalise

# A passage longer than this is cut in messages (QuoteMatch.closest keeps it whole).
MESSAGE_PASSAGE_CHARS = 200
# How many differences a message lists before "and N more".
MESSAGE_DIFFERENCES = 3
# How far back a closest passage may move to start at a sentence or clause boundary.
BOUNDARY_REACH = 80

# NFKC turns "…" into "...", so after normalisation one pattern covers both.
_OMISSION_RE = re.compile(r"\.{3,}")
_BOUNDARY_RE = re.compile(r"[.!?;:,)\]\"'] ")  # a sentence or a clause begins after one of these
_WORD_RE = re.compile(r"\S+")


# --- finding a quote -----------------------------------------------------------------------------

def quote_parts(quote: str) -> list[str]:
    """The normalised parts of a quote, split where "..." or "…" marks an omission."""
    parts = (part.strip() for part in _OMISSION_RE.split(normalise(quote)))
    return [part for part in parts if part]


def _is_word_character(text: str, offset: int) -> bool:
    return 0 <= offset < len(text) and text[offset].isalnum()


def find_whole(text: str, needle: str, start: int = 0) -> int:
    """Offset of the first occurrence of `needle` at or after `start` that neither
    begins nor ends inside a word of `text`; -1 if there is none."""
    if not needle:
        return -1
    check_before = needle[0].isalnum()
    check_after = needle[-1].isalnum()
    at = text.find(needle, start)
    while at != -1:
        end = at + len(needle)
        if not (check_before and _is_word_character(text, at - 1)) and not (
            check_after and _is_word_character(text, end)
        ):
            return at
        at = text.find(needle, at + 1)
    return -1


@dataclass(frozen=True)
class QuoteSearch:
    """The outcome of looking for a quote's parts, in order, in a normalised text."""

    parts: list[str]
    start: int | None  # offset of the first part, when every part was found
    failed_part: int | None = None  # 0-based index of the first part not found in order
    search_from: int = 0  # where that part was looked for (just after the previous part)
    end: int | None = None  # just after the last part, when every part was found

    @property
    def found(self) -> bool:
        return self.start is not None


def has_words(parts: list[str]) -> bool:
    """Whether a quote's parts hold a word at all: "." or "…" alone would match nearly any source."""
    return any(character.isalnum() for part in parts for character in part)


def find_quote(text: str, quote: str) -> QuoteSearch:
    """Look for a quote's parts in order in an already normalised text.

    A quote with no word in it (only punctuation or omission marks) is never found, and has no parts."""
    parts = quote_parts(quote)
    if not has_words(parts):
        return QuoteSearch([], None, failed_part=0)
    first = None
    position = 0
    for index, part in enumerate(parts):
        at = find_whole(text, part, position)
        if at == -1:
            return QuoteSearch(parts, None, failed_part=index, search_from=position)
        if first is None:
            first = at
        position = at + len(part)
    return QuoteSearch(parts, first, end=position)


# --- the closest passage, for a quote that is not found ------------------------------------------

@dataclass(frozen=True)
class Passage:
    """The stretch of a normalised text most similar to some wanted words."""

    start: int
    end: int
    text: str
    similarity: float  # 0..1


def closest_passage(text: str, wanted: str, search_from: int = 0,
                    paragraph_of: Callable[[int], int] | None = None) -> Passage | None:
    """The passage of `text` (from `search_from` on) closest to `wanted`, widened to whole words.

    Meant for quotes that were not found, so the cost (one rapidfuzz alignment
    over the text) is paid only for failures.
    """
    from rapidfuzz import fuzz  # imported only when a quote fails, like the search itself

    haystack = text[search_from:]
    if not haystack.strip() or not wanted:
        return None
    alignment = fuzz.partial_ratio_alignment(wanted, haystack)
    start = search_from + alignment.dest_start
    end = search_from + alignment.dest_end
    start, end = _widen_to_words(text, start, end)
    if start > search_from:
        aligned, start = start, max(search_from, _to_boundary(text, start))
        if paragraph_of is not None and paragraph_of(start) != paragraph_of(aligned):
            # Never back into the paragraph (or PDF page) before: a paragraph's start is a boundary too.
            start = next(at for at in range(start, aligned + 1) if paragraph_of(at) == paragraph_of(aligned))
    return Passage(start, end, text[start:end], alignment.score / 100)


def _widen_to_words(text: str, start: int, end: int, limit: int = 20) -> tuple[int, int]:
    """Move a span's edges outwards (a little) so it does not cut words in half."""
    floor = max(0, start - limit)
    while start > floor and _is_word_character(text, start - 1) and _is_word_character(text, start):
        start -= 1
    ceiling = min(len(text), end + limit)
    while end < ceiling and _is_word_character(text, end - 1) and _is_word_character(text, end):
        end += 1
    while start < end and text[start] in " .,;:!?":  # a passage does not start with a sentence's end
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def _to_boundary(text: str, start: int) -> int:
    """`start` moved back to where its sentence or clause begins, when that is near."""
    if start == 0 or (start >= 2 and _BOUNDARY_RE.match(text, start - 2)):
        return start
    floor = max(0, start - BOUNDARY_REACH)
    boundaries = list(_BOUNDARY_RE.finditer(text, floor, start))
    if boundaries:
        return boundaries[-1].end()
    return 0 if floor == 0 else start  # the text's start is a boundary; beyond reach, keep the word start


def _same_but_for_case(text: str, wanted: str, search_from: int) -> Passage | None:
    """The passage that is `wanted` but for case, when there is one."""
    folded = text.lower()
    if len(folded) != len(text):  # a character whose lower case is longer: offsets would not line up
        return None
    at = find_whole(folded, wanted.lower(), search_from)
    if at == -1:
        return None
    return Passage(at, at + len(wanted), text[at : at + len(wanted)], 1.0)


# --- what differs between a quote and its closest passage ---------------------------------------

@dataclass(frozen=True)
class Difference:
    """One stretch where a quote and its passage differ: the quote's words and the source's."""

    quote: str  # "" when the source has words the quote leaves out
    source: str  # "" when the quote has words the source does not
    at: int  # offset in the normalised source text where the difference is (or would be)

    def describe(self) -> str:
        if not self.source:
            return f'"{self.quote}" is not in the source'
        if not self.quote:
            return f'the source has "{self.source}" here'
        return f'"{self.quote}" → "{self.source}"'


def word_differences(text: str, passage: Passage, wanted: str) -> list[Difference]:
    """The words of `wanted` that differ from `passage` (a span of `text`), in order.

    Words the source has before the quote's first word or after its last are
    context, not differences."""
    from difflib import SequenceMatcher

    source_words = [(m.group(), passage.start + m.start()) for m in _WORD_RE.finditer(passage.text)]
    quote_words = _WORD_RE.findall(wanted)
    matcher = SequenceMatcher(None, quote_words, [word for word, _ in source_words], autojunk=False)
    opcodes = matcher.get_opcodes()
    while opcodes and opcodes[0][0] == "insert":
        opcodes.pop(0)
    while opcodes and opcodes[-1][0] == "insert":
        opcodes.pop()
    differences = []
    for tag, q1, q2, s1, s2 in opcodes:
        if tag == "equal":
            continue
        at = source_words[s1][1] if s1 < len(source_words) else passage.end
        differences.append(Difference(" ".join(quote_words[q1:q2]),
                                      " ".join(word for word, _ in source_words[s1:s2]), at))
    return differences


# --- one quote against its source, as the check reports it -------------------------------------

@dataclass(frozen=True)
class QuoteMatch:
    """Where one piece of evidence stands in its source file, or how close it came."""

    event: str  # event id
    index: int  # position of the evidence in the event's list, 0-based
    source: str  # source id
    found: bool
    # In the source file, 1-based: where the quote starts, or where its closest
    # passage starts when it was not found (None when the source was unreadable).
    line: int | None = None
    column: int | None = None
    similarity: float = 0.0  # 0..1; 1.0 when found
    closest: str | None = None  # the closest passage when not found
    # Where the quote (or its closest passage) starts, as the source's format counts places.
    place: Place | None = None
    checked: bool = True  # False when the source could not be read: the quote was never looked for

    @property
    def citation(self) -> str | None:
        """What a brief's citation adds for the reader ("p. 4" in a PDF), or None."""
        return citation_text(self.place) if self.place and self.found else None


@dataclass(frozen=True)
class QuoteCheck:
    """A quote's match, with what the check needs beyond it: the span it covers in
    the normalised text (when found) and the Q001 message (when not)."""

    match: QuoteMatch
    start: int | None = None
    end: int | None = None
    problem: str | None = None


def check_quote(text: NormalisedText, quote: str, file: str, match: QuoteMatch,
                describe: Callable[[int], Place] | None = None, hint: str | None = None) -> QuoteCheck:
    """Locate a quote in its source's normalised text; `match` names the evidence
    (its place and similarity are filled in here).

    `describe` gives the place in the file of an offset into `text.text` (by
    default its line and column); `hint` ends a Q001 message, for what the
    source's format may have left out."""
    if describe is None:
        def describe(offset: int) -> Place:
            return Place(*text.line_column(offset))

    search = find_quote(text.text, quote)
    if search.found:
        place = describe(search.start)
        found = replace(match, found=True, line=place.line, column=place.column, similarity=1.0, place=place)
        return QuoteCheck(found, search.start, search.end)
    if not search.parts:
        message = (f"quote for {file} has no words (only punctuation, omission marks or nothing), so it "
                   "proves nothing; quote the source's words")
        passage = None
    else:
        message, passage = _not_found(text, search, file, lambda offset: place_text(describe(offset)))
        if hint:
            message += f"; {hint}"
    place = describe(passage.start) if passage else None
    missed = replace(match, found=False, line=place.line if place else None, column=place.column if place else None,
                     similarity=passage.similarity if passage else 0.0,
                     closest=passage.text if passage else None, place=place)
    return QuoteCheck(missed, problem=message)


def _not_found(text: NormalisedText, search: QuoteSearch, file: str,
               at: Callable[[int], str]) -> tuple[str, Passage | None]:
    """The Q001 message for a quote with words that is not in `text`, and the passage it points to.

    `at` says where an offset of `text.text` is in the file ("line 12, col 3")."""
    part = search.parts[search.failed_part]
    message = f"quote not found in {file}"
    if len(search.parts) > 1:
        number, count = search.failed_part + 1, len(search.parts)
        message += f": part {number} of {count} ({quoted(part)})"
        if number == 1:
            message += " is not in it"
        else:
            message += f" does not follow part {number - 1}"
            elsewhere = find_whole(text.text, part)
            if elsewhere != -1:
                message += f" (it appears before it, at {at(elsewhere)}: parts out of order)"
    passage = _same_but_for_case(text.text, part, search.search_from)
    if passage is not None:
        message += f"; only the case differs from the passage at {at(passage.start)}"
        shown = "; ".join(d.describe() for d in word_differences(text.text, passage, part)[:MESSAGE_DIFFERENCES])
        if shown:
            message += f": {shown}"
        return message, replace(passage, similarity=0.99)  # not 1.0: as written, the quote is not there
    passage = closest_passage(text.text, part, search.search_from, text.paragraph)
    if passage is None:
        return message + "; there is no text to compare with", None
    where = "closest passage" if search.failed_part == 0 else f"closest passage after part {search.failed_part}"
    differences = word_differences(text.text, passage, part)
    first = differences[0].at if differences else passage.start
    message += f"; {where} ({_percent(passage)}% similar) at {at(passage.start)}: {_excerpt_at(passage, first)}"
    if differences:
        listed = "; ".join(d.describe() for d in differences[:MESSAGE_DIFFERENCES])
        more = len(differences) - MESSAGE_DIFFERENCES
        listed += f"; and {more} more" if more > 0 else ""
        message += f"; differs at {at(first)}: {listed}"
    return message, passage


def _excerpt_at(passage: Passage, at: int) -> str:
    """The passage for a message: whole when short, else the stretch around `at`."""
    if len(passage.text) <= MESSAGE_PASSAGE_CHARS:
        return f'"{passage.text}"'
    begin = max(0, at - passage.start - MESSAGE_PASSAGE_CHARS // 3)
    end = min(len(passage.text), begin + MESSAGE_PASSAGE_CHARS)
    begin = max(0, end - MESSAGE_PASSAGE_CHARS)
    while 0 < begin < len(passage.text) and passage.text[begin - 1] != " ":
        begin += 1  # start at a word
    while end < len(passage.text) and end > begin and passage.text[end - 1] != " ":
        end -= 1
    shown = passage.text[begin:end].strip()
    return f'"{"…" if begin else ""}{shown}{"…" if end < len(passage.text) else ""}"'


def _percent(passage: Passage) -> int:
    # Never "100% similar" for a quote that was not found (e.g. it cut a word in half).
    return min(99, math.floor(passage.similarity * 100))


def quoted(text: str) -> str:
    """Text in double quotes for a message, cut when long."""
    if len(text) > MESSAGE_PASSAGE_CHARS:
        text = text[: MESSAGE_PASSAGE_CHARS - 1].rstrip() + "…"
    return f'"{text}"'
