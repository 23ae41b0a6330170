"""Changes since the previous edition: what a reader of the last brief needs to look at again.

Recurrent products note changes in their judgements (ICD 203); the list comes
from `editions.compare`, so the brief, the email and `changes` say the same.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from ...wording import day_month_year, plural
from ..context import SUBSECTION_ROOM, Context, unbroken_ends
from ..flowables import Paragraph
from ..navigation import Heading, Mark
from ..styles import ACCENT, with_bullet

TITLE = "Changes since the previous edition"
GROUPS = (("brief", "The brief"), ("judgement", "Key judgements"), ("event", "Events"), ("source", "Sources"))


def changes(ctx: Context) -> list[Flowable]:
    comparison = ctx.options.comparison
    if comparison is None or not comparison.changes:
        return []
    s = ctx.styles
    previous = day_month_year(dt.date.fromisoformat(comparison.previous_as_of))
    story: list[Flowable] = [
        CondPageBreak(40 * mm),
        Heading(TITLE, s.h1, Mark("changes", TITLE, 0, TITLE)),
        Paragraph(f"{plural(len(comparison.changes), 'change')} since the edition with information as of "
                  f"{escape(previous)}. Events are matched by their identity, so renumbering is not a change.",
                  s.meta),
    ]
    bulleted = with_bullet(s.list_item, s.judgement_number)
    groups = [(label, [c for c in comparison.changes if c.item == item]) for item, label in GROUPS]
    for number, (label, entries) in enumerate([group for group in groups if group[1]]):
        if number:  # the first starts under the section's heading
            story.append(CondPageBreak(SUBSECTION_ROOM))
        story.append(Paragraph(label, s.h2))
        items = []
        for change in entries:
            text = ctx.t(change.text)
            if change.event and change.kind != "removed" and change.event in ctx.event_number:
                # The event's own section, where the reader checks what changed.
                number = ctx.event_number[change.event]
                anchor = ctx.event_anchor(change.event)
                text += f' (<a href="#{anchor}" color="{ACCENT.hexval()}">see event {number}</a>)'
            items.append(Paragraph(text, bulleted, bulletText="•"))
        story += unbroken_ends(items)
    return story
