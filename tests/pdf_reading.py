"""What the PDF tests share: a checked fixture, and a written brief's text as a reader's tools extract it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from briefing.check import check_timeline
from briefing.loader import load_timeline


def squash(text: str) -> str:
    """Text without any white space: line breaks fall wherever the layout puts them."""
    return "".join(text.split())


def checked(path: Path):
    timeline, findings = load_timeline(path)
    assert timeline is not None, findings
    return check_timeline(timeline)


def texts(pdf: Path) -> list[str]:
    """The text of each page, in order."""
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]
