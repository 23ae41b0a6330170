"""The check's rules, as a table: each rule a function over the corpus, with the codes it may raise.

A rule reads the loaded timeline and its indexed sources (`Corpus`) and
returns findings; it neither reads files nor sees other rules' findings.
Adding a check is one function and one line in `RULES`.

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

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..findings import Finding, finding
from ..model import MONTH_NAMES
from .corpus import Corpus
from .fonts import FontError, font_findings
from .quotes import normalise, quoted


def unreadable_sources(corpus: Corpus) -> Iterable[Finding]:
    """R001–R003: a source file that is missing, outside the folder, or not text."""
    for source in corpus.timeline.sources:
        problem = corpus.unreadable.get(source.id)
        if problem:
            yield finding(problem.code, problem.message, source.where("file"), source=source.id)


def quotes_not_found(corpus: Corpus) -> Iterable[Finding]:
    """Q001: a quote that is not in its (readable) source."""
    events = {event.id: event for event in corpus.timeline.events}
    for (event_id, index), check in corpus.quotes.items():
        if check.problem:
            evidence = events[event_id].evidence[index]
            yield finding("Q001", check.problem, evidence.where("quote"), event=event_id, source=evidence.source)


def dates_not_stated(corpus: Corpus) -> Iterable[Finding]:
    """D001: none of the cited sources states the event's date at its precision."""
    for event in corpus.timeline.events:
        cited = corpus.cited_texts(event)
        date = event.date  # with an `end`, the start date is the one checked
        if not cited or any(text.dates.states(date) for text in cited.values()):
            continue
        month = MONTH_NAMES[date.month - 1] if date.month else None
        if date.precision == "day":
            stated, lower = f"{date.day} {month}", f" or lower the precision to {date.year:04d}-{date.month:02d}"
        elif date.precision == "month":
            stated, lower = month, f" or lower the precision to {date.year:04d}"
        else:
            stated, lower = str(date.year), ""
        message = (f"no cited source states {stated} (searched {', '.join(cited)}); "
                   f"cite a source that gives the date{lower}")
        yield finding("D001", message, event.where("date"), event=event.id)


def actors_not_named(corpus: Corpus) -> Iterable[Finding]:
    """A001: an event's actor that no cited source names, by name or alias."""
    actors = {actor.id: actor for actor in corpus.timeline.actors}
    for event in corpus.timeline.events:
        cited = corpus.cited_texts(event)
        if not cited:
            continue
        for position, reference in enumerate(event.actors):
            actor = actors.get(reference)
            names = actor.names if actor else (reference,)
            normalised = [normalise(name).strip() for name in names]
            if any(text.names(name) for text in cited.values() for name in normalised):
                continue
            display = actor.name if actor else reference
            looked_for = ", ".join(quoted(name) for name in names)
            remedy = "add the name the sources use as an alias, " if actor else ""
            message = (f"actor {display} is not named in any cited source (searched {', '.join(cited)} "
                       f"for {looked_for}); cite a source that names it, {remedy}or drop the actor from the event")
            yield finding("A001", message, event.where(f"actors.{position}"), event=event.id)


def uncited_sources(corpus: Corpus) -> Iterable[Finding]:
    """U001: a source no evidence cites."""
    cited = {evidence.source for event in corpus.timeline.events for evidence in event.evidence}
    for source in corpus.timeline.sources:
        if source.id not in cited:
            yield finding("U001", f"source {source.id} ({source.file}) is never cited by any evidence",
                          source.at, source=source.id)


def undrawable_characters(corpus: Corpus) -> Iterable[Finding]:
    """F001: a character of the timeline's text that no font of the brief can draw."""
    if corpus.fonts is None:
        return []
    try:
        return font_findings(corpus.timeline, corpus.fonts, corpus.coverage)
    except FontError:
        return []  # a font that cannot be read stops the build, which says so; nothing to add here


@dataclass(frozen=True)
class Rule:
    codes: tuple[str, ...]  # every code the rule may raise
    check: Callable[[Corpus], Iterable[Finding]]


RULES: tuple[Rule, ...] = (
    Rule(("R001", "R002", "R003"), unreadable_sources),
    Rule(("Q001",), quotes_not_found),
    Rule(("D001",), dates_not_stated),
    Rule(("A001",), actors_not_named),
    Rule(("U001",), uncited_sources),
    Rule(("F001",), undrawable_characters),
)


def run_rules(corpus: Corpus, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Every rule's findings, sorted by place then code."""
    findings: list[Finding] = []
    for rule in rules:
        for found in rule.check(corpus):
            if found.code not in rule.codes:  # a programming error, not the analyst's
                raise ValueError(f"rule {rule.check.__name__} raised {found.code}, not one of {rule.codes}")
            findings.append(found)
    findings.sort(key=lambda f: f.sort_key)
    return findings
