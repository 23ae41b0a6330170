"""The contract's text normalisation, for quotes, names and the sources they are looked for in.

Both sides are normalised the same way: invisible format characters removed
(zero-width spaces and joiners, soft hyphens, byte-order marks), Unicode NFKC,
curly quotes to straight, every dash to "-", runs of white space (line breaks
included) to one space.
A source is normalised once into a `NormalisedText` that can still tell, for
any offset, the line and column (1-based, counted in characters; only "\\n"
starts a line) where that character was in the file.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036"
# Every character of Unicode category Pd ("dash punctuation"), plus the minus sign.
DASHES = (
    "\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b"
    "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead\u2212"
)
# White space NFKC turns into " " (no-break and typographic spaces), and every
# other character that str.isspace() and the regex \s accept, except " ".
NFKC_SPACES = "\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
OTHER_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"
# Format characters a reader never sees: a word with one inside must still match
# the word typed without it (soft hyphen, zero-width space, non-joiner, joiner,
# word joiner, Mongolian vowel separator, byte-order mark / zero-width no-break space).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\u180e\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+")

_WHITESPACE_RUN_RE = re.compile(r"\s+")
_SPACE_RUN_RE = re.compile("   *")  # two or more spaces, written so the engine can skip ahead fast
# Everything NFKC may change: a non-ASCII run with the character before it
# (a combining mark changes the letter it follows). Pure ASCII is left as is.
_MAYBE_NOT_NFKC_RE = re.compile(r"[^\n]?[^\x00-\x7f]+")


def _replace_each(text: str, characters: str, replacement: str) -> str:
    # Many `str.replace` calls, each only when needed, beat one pass of a
    # regex or `str.translate` by far on megabytes of text.
    for character in characters:
        if character in text:
            text = text.replace(character, replacement)
    return text


def _straighten(text: str) -> str:
    """Quotes and dashes: one character for one, so offsets do not move."""
    if text.isascii():
        return text
    text = _replace_each(text, SINGLE_QUOTES, "'")
    text = _replace_each(text, DOUBLE_QUOTES, '"')
    return _replace_each(text, DASHES, "-")


def _drop_invisible(text: str) -> str:
    return text if text.isascii() else _INVISIBLE_RE.sub("", text)


def normalise(text: str) -> str:
    """The contract's normalisation, for quotes and names (no offsets kept).

    `NormalisedText.of` does the same in steps that each keep a map back to the
    original; a quote or a name needs no map, and this is about twice as fast.
    The tests hold the two to the same result."""
    text = _straighten(unicodedata.normalize("NFKC", _drop_invisible(text)))
    return _WHITESPACE_RUN_RE.sub(" ", text)


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a transformed text back to the text it came from.

    Each (new_starts[i], old_starts[i]) pair starts a stretch where both texts
    advance together. Offsets before the first pair are unchanged.
    """

    new_starts: list[int]
    old_starts: list[int]

    def to_old(self, offset: int) -> int:
        i = bisect.bisect_right(self.new_starts, offset) - 1
        if i < 0:
            return offset
        return self.old_starts[i] + (offset - self.new_starts[i])


def _nfkc_with_map(text: str) -> tuple[str, OffsetMap]:
    if unicodedata.is_normalized("NFKC", text):
        return text, OffsetMap([], [])
    pieces: list[str] = []
    new_starts: list[int] = []
    old_starts: list[int] = []
    shift = 0  # new offset minus old offset, after what was processed so far
    copied_to = 0
    for run in _MAYBE_NOT_NFKC_RE.finditer(text):
        original = run.group()
        changed = unicodedata.normalize("NFKC", original)
        if changed == original:
            continue
        start = run.start()
        pieces.append(text[copied_to:start])
        copied_to = run.end()
        new_at = start + shift
        # Character by character when that gives the same result (nearly
        # always), so each output character points at the one it came from;
        # otherwise the whole run points at its start.
        by_character = [unicodedata.normalize("NFKC", c) for c in original]
        if "".join(by_character) == changed:
            for i, piece in enumerate(by_character):
                for _ in piece:
                    new_starts.append(new_at)
                    old_starts.append(start + i)
                    new_at += 1
        else:
            for _ in changed:
                new_starts.append(new_at)
                old_starts.append(start)
                new_at += 1
        shift += len(changed) - len(original)
        new_starts.append(run.end() + shift)
        old_starts.append(run.end())
        pieces.append(changed)
    pieces.append(text[copied_to:])
    return "".join(pieces), OffsetMap(new_starts, old_starts)


def _drop_invisible_with_map(text: str) -> tuple[str, OffsetMap]:
    if text.isascii() or not _INVISIBLE_RE.search(text):
        return text, OffsetMap([], [])
    return _shorten_runs_with_map(text, _INVISIBLE_RE, keep=0)


def _collapse_spaces_with_map(text: str) -> tuple[str, OffsetMap]:
    """Runs of spaces to one space (the text has no other white space left)."""
    return _shorten_runs_with_map(text, _SPACE_RUN_RE, keep=1)


def _shorten_runs_with_map(text: str, runs: re.Pattern[str], keep: int) -> tuple[str, OffsetMap]:
    """Each match of `runs` cut to its first `keep` characters."""
    pieces: list[str] = []
    new_starts: list[int] = []
    old_starts: list[int] = []
    removed = 0
    copied_to = 0
    for run in runs.finditer(text):
        pieces.append(text[copied_to : run.start() + keep])
        copied_to = run.end()
        removed += run.end() - run.start() - keep
        new_starts.append(run.end() - removed)
        old_starts.append(run.end())
    pieces.append(text[copied_to:])
    return "".join(pieces), OffsetMap(new_starts, old_starts)


@dataclass(frozen=True)
class NormalisedText:
    """A source's text after normalisation, able to say where each character came from."""

    text: str
    _line_starts: list[int]  # offsets in the original text where each line begins
    # Offsets in the original text where a paragraph (a run of text between blank lines) begins, after the first.
    _paragraph_starts: list[int]
    # One map for each step that moves offsets, in the order `of` applies them.
    _invisible_map: OffsetMap
    _nfkc_map: OffsetMap
    _space_map: OffsetMap

    @classmethod
    def of(cls, original: str) -> NormalisedText:
        line_starts = [0] + [m.end() for m in re.finditer("\n", original)]
        # A paragraph starts after a line of nothing but white space (cheaper from the line starts than a regex).
        paragraph_starts = [start for previous, start in zip(line_starts, line_starts[1:])
                            if original[previous].isspace() and original[previous:start].isspace()]
        # NFKC makes these spaces anyway; replacing them first keeps texts
        # scraped with no-break spaces on NFKC's fast path.
        text = _replace_each(original, NFKC_SPACES, " ")
        text, invisible_map = _drop_invisible_with_map(text)
        text, nfkc_map = _nfkc_with_map(text)
        text = _replace_each(_straighten(text), OTHER_WHITESPACE, " ")
        text, space_map = _collapse_spaces_with_map(text)
        return cls(text, line_starts, paragraph_starts, invisible_map, nfkc_map, space_map)

    def source_offset(self, offset: int) -> int:
        """The offset in the text this was made from of the character at `offset` of `self.text`."""
        return self._invisible_map.to_old(self._nfkc_map.to_old(self._space_map.to_old(offset)))

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the original file of the character at `offset`."""
        original = self.source_offset(offset)
        line_index = bisect.bisect_right(self._line_starts, original) - 1
        return line_index + 1, original - self._line_starts[line_index] + 1

    def paragraph(self, offset: int) -> int:
        """0-based number of the paragraph the character at `offset` is in."""
        return bisect.bisect_right(self._paragraph_starts, self.source_offset(offset))
