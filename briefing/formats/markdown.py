"""Markdown: the text a reader sees once the file is rendered.

Parsed by markdown-it-py (CommonMark, with tables and strikethrough), whose
block tokens carry the lines they came from. Inside a block, each piece of
displayed text is looked up in the file from where the previous one ended,
so a quote's column is exact too (after an entity or escape it may be a few
columns off until the next piece).

Dropped: emphasis markers, heading hashes, list markers and numbers, block
quote markers, link and image syntax (link text kept, image alt text and
URLs dropped), code span backticks, fences, HTML tags and comments. Every
block (heading, paragraph, list item, table cell, code block) is a
paragraph of its own.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

from .model import Extracted, Unreadable
from .places import PlaceMap
from .text import decode_utf8


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt  # imported only when a Markdown source is read

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Builder:
    """Collects the displayed text with an anchor for every piece copied from the file."""

    def __init__(self, source: str):
        self.source = source
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self.pieces: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int, int, None]] = []
        self.paragraphs: list[tuple[int, int]] = []

    def _place(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def add(self, piece: str, cursor: int, limit: int) -> int:
        """Append a displayed piece found in the file at or after `cursor`; return where it ended."""
        if not piece:
            return cursor
        found = self.source.find(piece, cursor, limit)
        at = cursor if found == -1 else found  # changed by an entity or escape: the nearest place we know
        self.anchors.append((self.length, *self._place(min(at, len(self.source))), None))
        self.pieces.append(piece)
        self.length += len(piece)
        return at + len(piece) if found != -1 else cursor

    def add_break(self, separator: str) -> None:
        self.pieces.append(separator)
        self.length += len(separator)

    def start_paragraph(self) -> int:
        if self.length:
            self.add_break("\n\n")
        return self.length

    def rollback(self, mark: tuple[int, int, int]) -> None:
        pieces, length, anchors = mark
        del self.pieces[pieces:], self.anchors[anchors:]
        self.length = length

    def text(self) -> str:
        return "".join(self.pieces)


def _inline(builder: _Builder, token, start: int, limit: int) -> None:
    cursor = start
    for child in token.children or ():
        kind = child.type
        if kind == "image":
            continue  # its alt text is in child.children, which we do not walk
        if kind in ("text", "code_inline"):
            cursor = builder.add(child.content, cursor, limit)
        elif kind in ("softbreak", "hardbreak"):
            builder.add_break("\n")


def _code_block(builder: _Builder, token, start: int, limit: int) -> None:
    cursor = start
    lines = token.content.rstrip("\n").split("\n")
    for index, line in enumerate(lines):
        if index:
            builder.add_break("\n")
        cursor = builder.add(line, cursor, limit)


def extract_markdown(path: Path, data: bytes) -> Extracted | Unreadable:
    source = decode_utf8(path, data)
    if isinstance(source, Unreadable):
        return source
    builder = _Builder(source)
    line_starts = builder.line_starts + [len(source)]
    for token in _parser().parse(source):
        if token.map is None or token.type not in ("inline", "fence", "code_block"):
            continue  # html_block (comments included), hr, and the open/close tokens around the content
        first, last = token.map
        start, limit = line_starts[first], line_starts[min(last, len(line_starts) - 1)]
        mark = (len(builder.pieces), builder.length, len(builder.anchors))
        paragraph_start = builder.start_paragraph()
        if token.type == "inline":
            _inline(builder, token, start, limit)
        else:
            _code_block(builder, token, start, limit)
        if builder.length == paragraph_start:  # nothing displayed (an image alone, an empty item)
            builder.rollback(mark)
            continue
        builder.paragraphs.append((paragraph_start, builder.length))
    text = builder.text()
    return Extracted("markdown", text, PlaceMap.build(text, builder.anchors), None, None,
                     tuple(builder.paragraphs))
