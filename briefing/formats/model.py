"""What a format makes of a file: the text a reader sees, or why there is none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .places import PlaceMap


@dataclass(frozen=True)
class Extracted:
    """A source's text as a reader sees it, with the way back to places in the file.

    Paragraphs are separated by a blank line in `text` in every format;
    `paragraphs` gives their spans. `title` and `published` (an ISO date,
    "2026-03-14") come from a web page's metadata; other formats leave them None.
    """

    format: str  # "text", "markdown", "html" or "pdf"
    text: str
    places: PlaceMap
    title: str | None = None
    published: str | None = None
    paragraphs: tuple[tuple[int, int], ...] = ()
    pages: int | None = None

    @property
    def published_day(self) -> dt.date | None:
        """`published` as a date; None when absent or no real day (a page may state 2024-02-31)."""
        try:
            return dt.date.fromisoformat(self.published) if self.published else None
        except ValueError:
            return None


@dataclass(frozen=True)
class Unreadable:
    """Why a source gives no text: a finding code (R003) and a one-line message saying how to fix it."""

    code: str
    message: str
