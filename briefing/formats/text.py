"""Plain text: the file as it is, decoded."""

from __future__ import annotations

import re
from pathlib import Path

from .model import Extracted, Unreadable
from .places import PlaceMap

_BLANK_LINES_RE = re.compile(r"\n[ \t\r]*\n\s*")


def decode_utf8(path: Path, data: bytes) -> str | Unreadable:
    """A text file's characters (a leading BOM dropped), or why it is not UTF-8 text."""
    if b"\0" in data:
        return Unreadable("R003", f"source file {path} is binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Unreadable("R003", f"source file {path} is not UTF-8 (byte {error.start} on line {line}); "
                                  "save it as UTF-8")


def paragraphs_of(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the text's paragraphs: stretches separated by blank lines."""
    spans = []
    start = 0
    for gap in _BLANK_LINES_RE.finditer(text):
        if text[start : gap.start()].strip():
            spans.append((start, gap.start()))
        start = gap.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return tuple(spans)


def extract_text(path: Path, data: bytes) -> Extracted | Unreadable:
    text = decode_utf8(path, data)
    if isinstance(text, Unreadable):
        return text
    return Extracted("text", text, PlaceMap.build(text), None, None, paragraphs_of(text))
