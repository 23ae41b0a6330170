"""The check: the loaded timeline against its source files, producing findings.

INTERFACE STUB: the types below are fixed; `check_timeline` is being written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding
from .model import Timeline


@dataclass(frozen=True)
class QuoteMatch:
    """Where one piece of evidence stands in its source file, or how close it came."""

    event: str  # event id
    index: int  # position of the evidence in the event's list, 0-based
    source: str  # source id
    found: bool
    line: int | None = None  # in the source file, 1-based, of the quote's start
    column: int | None = None
    similarity: float = 0.0  # 0..1; 1.0 when found
    closest: str | None = None  # the closest passage when not found


@dataclass
class CheckResult:
    timeline: Timeline
    findings: list[Finding]
    quotes: dict[tuple[str, int], QuoteMatch] = field(default_factory=dict)  # (event id, index)
    timeline_sha256: str = ""
    source_sha256: dict[str, str] = field(default_factory=dict)  # source id -> hex digest


def check_timeline(timeline: Timeline) -> CheckResult:
    raise NotImplementedError
