"""Where, in the timeline file, a word of a loaded text value was written.

A finding about one word of a summary or a judgement points at that word,
not at the start of the value, so that an editor jumps to it. YAML has
folded the value (line breaks to spaces, indentation gone, a blank line kept
as a paragraph break), but not its words: the value's n-th run of non-blank
characters is the n-th run in the file after the value's start, skipping a
block scalar's `|`/`>` indicator and an opening quote. When the file's words
do not line up with the value's (escapes in a double-quoted scalar, a
timeline built in memory), the value's start is the place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from ..model import Position

_RUN_RE = re.compile(r"\S+")
_BLOCK_INDICATOR_RE = re.compile(r"[|>][-+1-9]*(?:[ \t]+#[^\n]*)?$")


@dataclass(frozen=True)
class TimelineText:
    """The timeline file as written, for placing words of its values."""

    text: str

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [match.end() for match in re.finditer(r"\n", self.text)]

    def _offset(self, at: Position) -> int | None:
        if not 1 <= at.line <= len(self._line_starts):
            return None
        return self._line_starts[at.line - 1] + at.column - 1

    def _position(self, file: str, offset: int) -> Position:
        line = bisect.bisect_right(self._line_starts, offset)
        return Position(file, line, offset - self._line_starts[line - 1] + 1)

    def place(self, at: Position, value: str, offset: int) -> Position:
        """The position of `value[offset]`, the value having been written at `at`; `at` when unsure."""
        words = list(_RUN_RE.finditer(value))
        index = next((i for i, word in enumerate(words) if offset < word.end()), None)
        start = self._offset(at)
        if index is None or start is None:
            return at
        within = max(0, offset - words[index].start())
        runs = _RUN_RE.finditer(self.text, start)
        first = next(runs, None)
        if first is None:
            return at
        line_end = self.text.find("\n", first.start())
        rest_of_line = self.text[first.start():line_end if line_end != -1 else len(self.text)]
        opening = 0
        if _BLOCK_INDICATOR_RE.match(rest_of_line):
            # A block scalar: its words start on the next line; a comment after the indicator is no word.
            runs = _RUN_RE.finditer(self.text, line_end + 1 if line_end != -1 else len(self.text))
            first = next(runs, None)
        elif first.group()[0] in "\"'":
            opening = 1
        for _ in range(index):
            first = next(runs, None)
            if first is None:
                return at
        if first is None:
            return at
        run = first.group()[opening if index == 0 else 0:]
        if not run or run[0] != words[index].group()[0]:
            return at  # the file's words do not line up with the value's
        return self._position(at.file, first.start() + (opening if index == 0 else 0) + min(within, len(run) - 1))
