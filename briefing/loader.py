"""Load: timeline.yaml -> Timeline, with every value's line and column.

INTERFACE STUB: being written.
"""

from __future__ import annotations

from pathlib import Path

from .findings import Finding
from .model import Timeline


def load_timeline(path: Path) -> tuple[Timeline | None, list[Finding]]:
    raise NotImplementedError
