"""The source summary statement: what the brief's judgements stand on, computed from the timeline.

Analytic products state their sourcing in a line beside the judgements: how
many sources of each kind and grade, which judgements hang on one source or on
opinion alone, and which periods no source covers. One pure function, so the
brief and the email say the same thing; nothing here knows about layout.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import RELIABILITY_GRADES, SOURCE_KINDS, Event, Evidence, PartialDate, Source, Timeline
from .wording import plural

RELIABILITY_WORDS = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
    4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
}

# How a count of each kind reads: (singular, plural).
KIND_NOUNS = {
    "news": ("news report", "news reports"),
    "opinion": ("opinion piece", "opinion pieces"),
    "analysis": ("analysis", "analyses"),
    "official": ("official source", "official sources"),
    "other": ("other source", "other sources"),
    None: ("source of unstated kind", "sources of unstated kind"),
}

GAP_DAYS = 90  # a silence this long is worth saying, whatever the span
GAP_SHARE = 0.25  # and so is one longer than this share of the whole span


@dataclass(frozen=True)
class Gap:
    """A stretch with no sourced event: after `after` (an event's end) and before `before` (the next start)."""

    after: PartialDate
    before: PartialDate
    days: int  # whole days strictly between the two

    def display(self) -> str:
        return f"between {self.after.display()} and {self.before.display()}"


@dataclass(frozen=True)
class SourceSummary:
    sources: int
    kinds: tuple[tuple[str | None, int], ...]  # kind (None: not stated) and count, in the contract's order
    reliability: tuple[tuple[str | None, int], ...]  # grade (None: not graded) and count, A to F
    single_source: tuple[int, ...]  # 1-based numbers of judgements whose events cite one source
    opinion_only: tuple[int, ...]  # judgements whose events cite only opinion pieces
    no_events: tuple[int, ...]  # judgements that name no event
    gaps: tuple[Gap, ...]
    confirmed_alone: int = 0  # quotes graded 1 that no other outlet in the brief backs (`confirmed_alone`)

    def kinds_text(self) -> str:
        """`5 sources: 3 news reports and 2 opinion pieces`."""
        parts = [f"{count} {KIND_NOUNS[kind][count != 1]}" for kind, count in self.kinds]
        head = plural(self.sources, "source")
        if all(kind is None for kind, _ in self.kinds):
            return f"{head}, of unstated kind"
        if len(self.kinds) == 1 and self.kinds[0][0] is not None and self.sources > 1:
            return f"{head}, all {KIND_NOUNS[self.kinds[0][0]][1]}"
        return f"{head}: {_joined(parts)}" if parts else head

    def reliability_text(self) -> str:
        """`reliability B (usually reliable) for 2 and C (fairly reliable) for 3`."""
        graded = [f"{grade} ({RELIABILITY_WORDS[grade]}) for {count}" for grade, count in self.reliability if grade]
        ungraded = sum(count for grade, count in self.reliability if grade is None)
        if not graded:
            return "none graded for reliability"
        if len(graded) == 1 and not ungraded:
            return f"all graded {graded[0].rsplit(' for ', 1)[0]}"
        return "reliability " + _joined(graded) + (f", {ungraded} not graded" if ungraded else "")

    def judgement_texts(self) -> list[str]:
        """The judgements with weak footing, one clause each: `judgement 3 rests on a single source`."""
        single, opinion = set(self.single_source), set(self.opinion_only)
        clauses = []
        for numbers, footing in ((single - opinion, "on a single source"),
                                 (single & opinion, "on a single opinion piece"),
                                 (opinion - single, "only on opinion pieces")):
            if numbers:
                numbers = tuple(sorted(numbers))
                clauses.append(f"{_judgements(numbers)} {'rests' if len(numbers) == 1 else 'rest'} {footing}")
        if self.no_events:
            clauses.append(f"{_judgements(self.no_events)} {'cites' if len(self.no_events) == 1 else 'cite'} "
                           "no event")
        return clauses

    def gap_text(self) -> str | None:
        if not self.gaps:
            return None
        return "no sourced events " + _joined([gap.display() for gap in self.gaps])

    def sentence(self) -> str:
        """The whole statement in one line of plain text, for the brief and the email."""
        text = f"{_capital(self.kinds_text())}; {self.reliability_text()}."
        clauses = self.judgement_texts()
        if clauses:
            text += f" {_capital('; '.join(clauses))}."
        gaps = self.gap_text()
        if gaps:
            text += f" {_capital(gaps)}."
        if self.confirmed_alone:
            one = self.confirmed_alone == 1
            text += (f" {self.confirmed_alone} {'quote' if one else 'quotes'} graded 1 (confirmed by other sources) "
                     f"{'has' if one else 'have'} no other outlet cited for {'its' if one else 'their'} event.")
        return text


def source_summary(timeline: Timeline) -> SourceSummary:
    """The source summary of a loaded timeline (references that name nothing are skipped)."""
    kinds = Counter(source.kind for source in timeline.sources)
    grades = Counter(source.reliability for source in timeline.sources)
    single, opinion, none = [], [], []
    for number, judgement in enumerate(timeline.brief.judgements, 1):
        events = [e for e in (timeline.event(i) for i in judgement.events) if e is not None]
        if not events:
            none.append(number)
            continue
        cited = list(dict.fromkeys(s for e in events for s in e.cited_sources))
        if len(cited) == 1:
            single.append(number)
        found = [timeline.source(s) for s in cited]
        if found and all(s is not None and s.kind == "opinion" for s in found):
            opinion.append(number)
    return SourceSummary(
        sources=len(timeline.sources),
        kinds=tuple((k, kinds[k]) for k in (*SOURCE_KINDS, None) if kinds[k]),
        reliability=tuple((g, grades[g]) for g in (*RELIABILITY_GRADES, None) if grades[g]),
        single_source=tuple(single), opinion_only=tuple(opinion), no_events=tuple(none),
        gaps=tuple(silent_periods(timeline)),
        confirmed_alone=sum(confirmed_alone(timeline, event, evidence)
                            for event in timeline.events for evidence in event.evidence),
    )


def _outlet(source: Source | None, source_id: str) -> str:
    """Who stands behind a source: its publisher when stated (two pieces of one outlet are one
    voice, not a confirmation), else the source itself."""
    return f"publisher:{source.publisher.casefold()}" if source and source.publisher else f"source:{source_id}"


def confirmed_alone(timeline: Timeline, event: Event, evidence: Evidence) -> bool:
    """Whether `evidence` is graded credibility 1, "confirmed by other sources", while its event cites
    no other outlet: a careful reader sees the grade and looks in vain for the confirmation.

    Not a finding (the analyst may know of confirming sources outside the brief); the brief says it
    where the grade is printed, and the source summary counts it.
    """
    if evidence.credibility != 1:
        return False
    outlets = {_outlet(timeline.source(source_id), source_id) for source_id in event.cited_sources}
    return outlets <= {_outlet(timeline.source(evidence.source), evidence.source)}


def silent_periods(timeline: Timeline) -> list[Gap]:
    """Stretches between consecutive sourced events longer than `GAP_DAYS` or `GAP_SHARE` of the span.

    An event runs from the first day its date allows to the last day its end (or
    date) allows, so "June 2024" covers the whole month: a gap is never claimed
    inside what an event's own precision leaves open.
    """
    events = sorted((e for e in timeline.events if e.evidence), key=lambda e: e.date.first_day)
    if len(events) < 2:
        return []
    span = (max((e.end or e.date).last_day for e in events) - events[0].date.first_day).days
    gaps, reached, reached_on = [], events[0].end or events[0].date, (events[0].end or events[0].date).last_day
    for event in events[1:]:
        days = (event.date.first_day - reached_on).days - 1
        if days > GAP_DAYS or days > GAP_SHARE * span:
            gaps.append(Gap(after=reached, before=event.date, days=days))
        end = event.end or event.date
        if end.last_day > reached_on:
            reached, reached_on = end, end.last_day
    return gaps


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _judgements(numbers: tuple[int, ...]) -> str:
    return f"judgement {numbers[0]}" if len(numbers) == 1 else "judgements " + _joined([str(n) for n in numbers])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
