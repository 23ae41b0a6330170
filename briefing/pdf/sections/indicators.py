"""The indicators to watch: developments that would change the judgements, when the brief lists them."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..context import Context, bullet_list


def indicators(ctx: Context) -> list[Flowable]:
    return bullet_list(ctx, "Indicators to watch", "indicators", ctx.timeline.brief.indicators,
                       "Developments that would change the judgements.")
