"""The check: the loaded timeline against its source files, producing findings.

Each source file is read and indexed once (`sources.read_source`); every
quote, date and actor is then answered from those indexes, so the cost grows
with the size of the text plus the number of events. Only quotes that are not
found pay for a fuzzy search of the closest passage.

Choices within the contract:
- An evidence citing an unreadable source (R001–R003) gets no Q001: the R
  finding already explains it. Likewise D001 and A001 are judged on the cited
  sources that could be read, and skipped when none could.
- Actors are matched by name or alias as whole words, ignoring case, after
  the same normalisation as quotes. Without an actor registry the actor
  string itself is the name.
- The dates a source is taken to state are listed in `briefing.check.dates`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..findings import Finding, finding
from ..model import MONTH_NAMES, Actor, Event, Evidence, Source, Timeline
from .quotes import Passage, closest_passage, find_quote, find_whole, normalise
from .sources import SourceText, Unreadable, read_source

# A passage longer than this is cut in messages (QuoteMatch.closest keeps it whole).
MESSAGE_PASSAGE_CHARS = 200


@dataclass(frozen=True)
class QuoteMatch:
    """Where one piece of evidence stands in its source file, or how close it came."""

    event: str  # event id
    index: int  # position of the evidence in the event's list, 0-based
    source: str  # source id
    found: bool
    # In the source file, 1-based: where the quote starts, or where its closest
    # passage starts when it was not found (None when the source was unreadable).
    line: int | None = None
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
    """Check every source, quote, date and actor of a loaded timeline."""
    findings: list[Finding] = []
    texts: dict[str, SourceText] = {}
    for source in timeline.sources:
        outcome = read_source(timeline.root, source.file)
        if isinstance(outcome, Unreadable):
            findings.append(finding(outcome.code, outcome.message, source.where("file"), source=source.id))
        else:
            texts[source.id] = outcome

    sources = {source.id: source for source in timeline.sources}
    actors = {actor.id: actor for actor in timeline.actors}
    names_found: dict[tuple[str, str], bool] = {}  # (source id, normalised name) -> named in it?
    quotes: dict[tuple[str, int], QuoteMatch] = {}
    cited: set[str] = set()
    for event in timeline.events:
        readable_cited: dict[str, SourceText] = {}
        for index, evidence in enumerate(event.evidence):
            cited.add(evidence.source)
            source_text = texts.get(evidence.source)
            source = sources.get(evidence.source)
            if source_text is None or source is None:
                quotes[(event.id, index)] = QuoteMatch(event.id, index, evidence.source, found=False)
                continue
            readable_cited[evidence.source] = source_text
            match, problem = check_quote(event, index, evidence, source, source_text)
            quotes[(event.id, index)] = match
            if problem:
                findings.append(problem)
        if readable_cited:
            findings.extend(check_date(event, readable_cited))
            findings.extend(check_actors(event, readable_cited, actors, names_found))

    for source in timeline.sources:
        if source.id not in cited:
            findings.append(finding("U001", f"source {source.id} ({source.file}) is never cited by any evidence",
                                    source.at, source=source.id))

    findings.sort(key=lambda f: f.sort_key)
    return CheckResult(
        timeline=timeline,
        findings=findings,
        quotes=quotes,
        timeline_sha256=timeline.sha256,
        source_sha256={source_id: text.sha256 for source_id, text in texts.items()},
    )


def check_quote(event: Event, index: int, evidence: Evidence, source: Source,
                source_text: SourceText) -> tuple[QuoteMatch, Finding | None]:
    """Locate one quote in its (readable) source; a Q001 finding when it is not there."""
    normalised = source_text.normalised
    search = find_quote(normalised.text, evidence.quote)
    if search.found:
        line, column = normalised.line_column(search.start)
        return QuoteMatch(event.id, index, source.id, True, line, column, similarity=1.0), None

    def at(offset: int) -> str:
        line, column = normalised.line_column(offset)
        return f"line {line}, col {column}"

    if not search.parts:
        message = f"quote for {source.file} is empty: it has no words outside the omission marks"
        passage = None
    else:
        part = search.parts[search.failed_part]
        passage = closest_passage(normalised.text, part, search.search_from)
        message = f"quote not found in {source.file}"
        if len(search.parts) > 1:
            number, count = search.failed_part + 1, len(search.parts)
            message += f": part {number} of {count} ({_quoted(part)})"
            if number == 1:
                message += " is not in it"
            else:
                message += f" does not follow part {number - 1}"
                elsewhere = find_whole(normalised.text, part)
                if elsewhere != -1:
                    message += f" (it appears before it, at {at(elsewhere)}: parts out of order)"
        if passage is None:
            message += "; there is no text to compare with"
        else:
            where = "closest passage" if search.failed_part == 0 else f"closest passage after part {search.failed_part}"
            message += f"; {where} ({_percent(passage)}% similar) at {at(passage.start)}: {_quoted(passage.text)}"
    line, column = normalised.line_column(passage.start) if passage else (None, None)
    match = QuoteMatch(
        event.id, index, source.id, False, line, column,
        similarity=passage.similarity if passage else 0.0,
        closest=passage.text if passage else None,
    )
    return match, finding("Q001", message, evidence.where("quote"), event=event.id, source=source.id)


def check_date(event: Event, cited: dict[str, SourceText]) -> list[Finding]:
    """D001 when none of the cited sources states the event's date at its precision."""
    date = event.date  # with an `end`, the start date is the one checked
    if any(source_text.dates.states(date) for source_text in cited.values()):
        return []
    month = MONTH_NAMES[date.month - 1] if date.month else None
    if date.precision == "day":
        stated, lower = f"{date.day} {month}", f" or lower the precision to {date.year:04d}-{date.month:02d}"
    elif date.precision == "month":
        stated, lower = month, f" or lower the precision to {date.year:04d}"
    else:
        stated, lower = str(date.year), ""
    message = (f"no cited source states {stated} (searched {', '.join(cited)}); "
               f"cite a source that gives the date{lower}")
    return [finding("D001", message, event.where("date"), event=event.id)]


def check_actors(event: Event, cited: dict[str, SourceText], actors: dict[str, Actor],
                 names_found: dict[tuple[str, str], bool]) -> list[Finding]:
    """A001 for each actor of the event that no cited source names (by name or alias)."""
    findings = []
    for position, reference in enumerate(event.actors):
        actor = actors.get(reference)
        names = actor.names if actor else (reference,)
        normalised_names = [normalise(name).strip() for name in names]
        if any(_names_any(source_id, source_text, normalised_names, names_found)
               for source_id, source_text in cited.items()):
            continue
        display = actor.name if actor else reference
        looked_for = ", ".join(_quoted(name) for name in names)
        remedy = "add the name the sources use as an alias, " if actor else ""
        message = (f"actor {display} is not named in any cited source (searched {', '.join(cited)} "
                   f"for {looked_for}); cite a source that names it, {remedy}or drop the actor from the event")
        findings.append(finding("A001", message, event.where(f"actors.{position}"), event=event.id))
    return findings


def _names_any(source_id: str, source_text: SourceText, names: list[str],
               names_found: dict[tuple[str, str], bool]) -> bool:
    """Whether a source names any of `names`; answers are kept in `names_found`
    because many events cite the same sources and name the same actors."""
    for name in names:
        key = (source_id, name)
        if key not in names_found:
            names_found[key] = source_text.names(name)
        if names_found[key]:
            return True
    return False


def _percent(passage: Passage) -> int:
    # Never "100% similar" for a quote that was not found (e.g. it cut a word in half).
    return min(99, math.floor(passage.similarity * 100))


def _quoted(text: str) -> str:
    if len(text) > MESSAGE_PASSAGE_CHARS:
        text = text[: MESSAGE_PASSAGE_CHARS - 1].rstrip() + "…"
    return f'"{text}"'
