"""PDF: the text layer, page by page, as pypdf reads it.

pypdf follows the order in which the page draws its text, which for the
two-column pages Chromium prints (and most typesetters write) is the
reading order; pdfminer.six's layout analysis interleaved the columns (see
scripts/make-format-fixtures.py --measure).

Each line of a page stays a line. A word broken at a line end ("infra-" then
"structure") is joined without its hyphen when the next line starts with a
lower-case letter; a compound broken at its own hyphen ("well-" "known")
loses the hyphen too, as in every PDF reader that joins words. Ligature
characters (U+FB00-FB06, as Chromium writes "ffi" in "office") become their
letters; soft hyphens are dropped. Pages are separated by a blank line.
A PDF whose pages have no text at all is a scan: R003, it needs OCR first.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from .model import Extracted, Unreadable
from .places import PlaceMap

MAX_PAGES = 500

LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st", "\u00ad": None})
_BROKEN_WORD_RE = re.compile(r"\w[-\u2010\u00ad]$")


def _page_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.translate(LIGATURES).split("\n")] if text.strip() else []


def _join_page(lines: list[str], page: int, start: int, anchors: list) -> str:
    """The page's lines as text, words joined across line-end hyphens, anchored to (page, line)."""
    pieces: list[str] = []
    length = start
    for number, line in enumerate(lines, start=1):
        joined = bool(pieces) and _BROKEN_WORD_RE.search(pieces[-1]) and line[:1].islower()
        if joined:
            pieces[-1] = pieces[-1][:-1]
            length -= 1
        elif pieces:
            pieces.append("\n")
            length += 1
        anchors.append((length, number, 1, page))
        pieces.append(line)
        length += len(line)
    return "".join(pieces)


def extract_pdf(path: Path, data: bytes) -> Extracted | Unreadable:
    from pypdf import PdfReader  # imported only when a PDF source is read

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return Unreadable("R003", f"source file {path} is a PDF protected by a password; "
                                      "save an unprotected copy")
        count = len(reader.pages)
        if count > MAX_PAGES:
            return Unreadable("R003", f"source file {path} has {count} pages, over the {MAX_PAGES}-page "
                                      "limit for a PDF source; keep the pages you cite in a shorter PDF")
        pages = [_page_lines(page.extract_text()) for page in reader.pages]
    except Exception as error:  # a damaged PDF can make pypdf raise nearly anything; it must not be a traceback
        return Unreadable("R003", f"source file {path} cannot be read as PDF ({error}); "
                                  "print it to PDF again or save its text as .txt")
    if not any(pages):
        return Unreadable("R003", f"source file {path} is a PDF with no text layer (a scan or images of "
                                  "text); it needs OCR first (for example ocrmypdf) to be used as a source")
    anchors: list = []
    parts: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    offset = 0
    for number, lines in enumerate(pages, start=1):
        if not lines:
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        page_text = _join_page(lines, number, offset, anchors)
        parts.append(page_text)
        paragraphs.append((offset, offset + len(page_text)))
        offset += len(page_text)
    text = "".join(parts)
    return Extracted("pdf", text, PlaceMap.build(text, anchors), None, None, tuple(paragraphs), count)
