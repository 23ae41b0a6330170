"""Finding quotable passages in a source: what the `quote` command prints.

The source is cut into paragraphs (blank lines, or a line that ends a
sentence and a next line that starts one) and paragraphs into sentences. A
passage matches when the words asked for appear in it in order, as whole
words, ignoring case, after the check's normalisation. The passage is then
printed as the source has it, with only runs of white space made one space,
so that the quote verifies when pasted: the check normalises white space the
same way and nothing else is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .check.normalise import normalise
from .check.quotes import find_whole

# A full stop after one of these does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt adm gov sen rep st jr sr no vs etc inc ltd co corp dept "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e".split()
)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u0400-\u042f])")
_SENTENCE_START_RE = re.compile(r"\s*[\"'“‘(\[]?[A-Z0-9\u0400-\u042f]")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n\s*")
_TERMINAL = tuple(".!?:;\"'”’)…")
# A line this short with no final punctuation is a heading, not a wrapped line.
HEADING_WORDS = 12


@dataclass(frozen=True)
class Excerpt:
    start: int  # offset in the source's text
    text: str  # as the source has it, white space runs made one space
    similarity: float = 1.0  # 0..1; below 1 for the closest passages when nothing matched


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `text`."""
    spans = []
    for block_start, block_end in _split_spans(text, _BLANK_LINE_RE):
        line_start = block_start
        block = text[block_start:block_end]
        offset = block_start
        lines = block.split("\n")
        for line, following in zip(lines, lines[1:]):
            offset += len(line) + 1
            stripped = line.strip()
            # A wrapped line goes on in lower case; a new paragraph or a line after a heading starts a sentence.
            if not _SENTENCE_START_RE.match(following):
                continue
            if stripped.endswith(_TERMINAL) or len(stripped.split()) < HEADING_WORDS:
                spans.append((line_start, offset - 1))
                line_start = offset
        spans.append((line_start, block_end))
    return [(s, e) for s, e in (_trimmed(text, s, e) for s, e in spans) if e > s]


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the paragraph text[start:end]."""
    spans, at = [], start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        word = re.search(r"(\S+)$", text[at : match.start()])
        if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        if word and text[match.start()] == "." and word.group(1).isdigit() and len(word.group(1)) <= 2:
            continue  # a day written as an ordinal, "am 17. April", does not end a sentence
        spans.append((at, match.end()))
        at = match.end()
    spans.append((at, end))
    return [(s, e) for s, e in (_trimmed(text, s, e) for s, e in spans) if e > s]


def _split_spans(text: str, separator: re.Pattern) -> list[tuple[int, int]]:
    spans, at = [], 0
    for match in separator.finditer(text):
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def has_words_in_order(passage: str, words: list[str]) -> bool:
    folded = normalise(passage).casefold()
    at = 0
    for word in words:
        found = find_whole(folded, normalise(word).casefold().strip(), at)
        if found == -1:
            return False
        at = found + len(word)
    return True


def _excerpt(text: str, start: int, end: int, similarity: float = 1.0) -> Excerpt:
    return Excerpt(start, " ".join(text[start:end].split()), similarity)


def find_excerpts(text: str, words: list[str]) -> list[Excerpt]:
    """Each sentence with the words in order; the paragraph where they cross sentences."""
    words = [w for w in words if w.strip()]
    if not words:
        return []
    found = []
    for p_start, p_end in paragraphs(text):
        if not has_words_in_order(text[p_start:p_end], words):
            continue
        in_sentences = [(s, e) for s, e in sentences(text, p_start, p_end)
                        if has_words_in_order(text[s:e], words)]
        found += [_excerpt(text, s, e) for s, e in (in_sentences or [(p_start, p_end)])]
    return found


def closest_excerpts(text: str, words: list[str], limit: int = 3) -> list[Excerpt]:
    """The sentences most like the words asked for, best first, for when none has them all."""
    from rapidfuzz import fuzz, process

    units = [(s, e) for p_start, p_end in paragraphs(text) for s, e in sentences(text, p_start, p_end)]
    if not units:
        return []
    wanted = normalise(" ".join(words)).casefold()
    choices = [normalise(text[s:e]).casefold() for s, e in units]
    best = process.extract(wanted, choices, scorer=fuzz.partial_ratio, limit=limit)
    return [_excerpt(text, *units[index], similarity=score / 100) for _, score, index in best]
