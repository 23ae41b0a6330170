"""The table of contents (its lines are filled in from the whole story, see `list_contents`)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..context import Context
from ..navigation import Contents, Heading, Mark


def contents(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    toc = Contents(s.toc_levels, ctx.fonts.main())
    return [Heading("Contents", s.h1, Mark("contents", "Contents", 0)), toc, Spacer(0, 10 * mm)]
