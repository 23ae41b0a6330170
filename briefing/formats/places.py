"""Places in a source file, and the one way they are written in messages and citations."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """Where a character of the extracted text was in the file.

    `unit` says what `line` counts: "line" (a line of a text or Markdown file,
    or of a PDF page when `page` is set) or "paragraph" (a paragraph of a web
    page's main text: a page has no lines a reader could find again).
    """

    line: int
    column: int
    page: int | None = None
    unit: str = "line"


def place_text(place: Place, column: bool = True) -> str:
    """The place as messages and the verification annex say it: "line 12, col 3", "p. 3, line 14".

    Without the column ("line 12", "paragraph 4") where a message names a line, not a character."""
    if place.page is not None:
        return f"p. {place.page}, line {place.line}"
    return f"{place.unit} {place.line}, col {place.column}" if column else f"{place.unit} {place.line}"


def citation_text(place: Place) -> str | None:
    """What a brief's citation adds for the reader ("p. 4"), or None where the format has no pages."""
    return None if place.page is None else f"p. {place.page}"


@dataclass(frozen=True)
class PlaceMap:
    """Maps offsets in an extracted text to places in the file.

    Each anchor (offset, line, column, page) says where the text's character at
    `offset` was. From an anchor on, text and file advance together: a
    character is one column, a "\\n" in the text starts the next line at column
    1, until the next anchor. With no anchors the text is the file (a .txt).
    """

    anchors: tuple[tuple[int, int, int, int | None], ...]
    unit: str = "line"
    _offsets: list[int] = field(default_factory=list, compare=False, repr=False)
    _line_starts: list[int] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def build(cls, text: str, anchors=(), unit: str = "line") -> PlaceMap:
        anchors = tuple(tuple(anchor) for anchor in anchors) or ((0, 1, 1, None),)
        line_starts = [match.end() for match in re.finditer("\n", text)]
        return cls(anchors, unit, [anchor[0] for anchor in anchors], line_starts)

    def describe(self, offset: int) -> Place:
        """The place in the file of the extracted text's character at `offset`."""
        index = max(0, bisect.bisect_right(self._offsets, offset) - 1)
        at, line, column, page = self.anchors[index]
        # Line starts after the anchor, up to and including the offset itself.
        first = bisect.bisect_right(self._line_starts, at)
        last = bisect.bisect_right(self._line_starts, offset)
        if last > first:
            return Place(line + last - first, offset - self._line_starts[last - 1] + 1, page, self.unit)
        return Place(line, column + offset - at, page, self.unit)

    def to_json(self) -> dict:
        return {"unit": self.unit, "anchors": [list(anchor) for anchor in self.anchors]}

    @classmethod
    def from_json(cls, text: str, data: dict) -> PlaceMap:
        return cls.build(text, data["anchors"], data["unit"])
