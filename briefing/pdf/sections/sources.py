"""Annex A: every source with its grade, its file and the events that cite it."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ...sourcing import KIND_NOUNS
from ...sourcing import RELIABILITY_WORDS
from ..context import Context
from ..flowables import NewPageUnlessItFits, Paragraph
from ..navigation import Heading, Mark
from ..styles import ACCENT, indented


def sources_annex(ctx: Context) -> list[Flowable]:
    """The annex, on the page of what precedes it when the whole annex fits there, else from a new page."""
    s = ctx.styles
    story: list[Flowable] = [
        Heading("Annex A. Sources", s.h1, Mark("sources", "Annex A. Sources", 0, "Annex A. Sources")),
        Paragraph("Sources are numbered in the order of the timeline file; the numbers in brackets "
                  "throughout the brief refer to them. Grades follow the Admiralty system: source "
                  "reliability A (completely reliable) to F (cannot be judged), information "
                  "credibility 1 (confirmed by other sources) to 6 (cannot be judged). Each source's "
                  "saved copy, with its fingerprint, is listed in Annex B.", s.meta),
        Spacer(0, 4),
    ]
    citing: dict[str, list[str]] = {src.id: [] for src in ctx.timeline.sources}
    for event in ctx.events:
        for source_id in event.cited_sources:
            citing.setdefault(source_id, []).append(event.id)
    for source in ctx.timeline.sources:
        number = ctx.source_number[source.id]
        parts = []
        if source.author:
            parts.append(ctx.t(source.author) + ".")
        parts.append(f"<i>{ctx.t(source.title, 'italic')}</i>.")
        details = [ctx.t(x) for x in (source.publisher,) if x]
        if source.published:
            details.append(escape(source.published.display())
                           + (" (date from the file's metadata)" if source.published_from_file else ""))
        if details:
            parts.append(", ".join(details) + ".")
        if source.url:
            url = ctx.t(source.url)
            if source.url.startswith(("http://", "https://")):
                url = f"<a href={quoteattr(source.url)} color=\"{ACCENT.hexval()}\">{url}</a>"
            parts.append(url)
        entry = (f'<a name="{ctx.source_anchor(source.id)}"/><font color="{ACCENT.hexval()}"><b>[{number}]</b></font>'
                 f"&nbsp;&nbsp;{' '.join(parts)}")
        facts = []
        if source.kind:
            facts.append(escape(KIND_NOUNS[source.kind][0].capitalize()))
        if source.reliability:
            facts.append(f"Reliability {escape(source.reliability)} "
                         f"({RELIABILITY_WORDS.get(source.reliability, '')})")
        if source.retrieved:
            facts.append(f"Retrieved {escape(source.retrieved.display())}")
        events = citing.get(source.id, [])
        facts.append("Cited in " + "; ".join(ctx.event_link(e) for e in events) if events
                     else "Not cited by any event")
        story.append(KeepTogether([
            Paragraph(entry, s.annex_entry),
            Paragraph(" &nbsp;·&nbsp; ".join(facts), indented(s.small, 22)),
            Spacer(0, 7),
        ]))
    return [NewPageUnlessItFits(story), *story]
