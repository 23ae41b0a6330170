"""Moved to `briefing.check.sources` (and `briefing.check.dates`); this name
stays until the helpers that still import it in parallel branches are merged."""

from .check.dates import StatedDates  # noqa: F401
from .check.sources import MAX_SOURCE_BYTES, SourceText, Unreadable, read_source  # noqa: F401
