"""The key assumptions the judgements rest on, when the brief states them."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..context import Context, bullet_list


def assumptions(ctx: Context) -> list[Flowable]:
    return bullet_list(ctx, "Key assumptions", "assumptions", ctx.timeline.brief.assumptions,
                       "The judgements hold only while these hold.")
