"""The table of contents (its lines are filled in from the whole story, see `list_contents`)."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from ..context import Context
from ..navigation import Contents, Heading, Mark


# A brief of this many events or fewer runs to about ten pages: the cover, the bookmarks and the
# chronology find everything in it, and a contents page would be one more page to turn.
CONTENTS_FROM_EVENTS = 13


def contents(ctx: Context) -> list[Flowable]:
    """The contents, on a page of its own, for a brief of at least `CONTENTS_FROM_EVENTS` events."""
    if len(ctx.events) < CONTENTS_FROM_EVENTS:
        return []
    s = ctx.styles
    toc = Contents(s.toc_levels, ctx.fonts.main())
    return [Heading("Contents", s.h1, Mark("contents", "Contents", 0)), toc, PageBreak()]
