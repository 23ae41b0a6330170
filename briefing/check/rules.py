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

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..findings import Finding, finding
from ..formats import Place, place_text
from ..model import MONTH_NAMES, Event, PartialDate
from .claims import missing_claims
from .corpus import Corpus
from .fonts import FontError, font_findings
from .language import estimative_problems
from .normalise import NormalisedText, normalise
from .quotes import QuoteCheck, quoted


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
        searched = f"searched {', '.join(cited)}"
        if date.precision == "day":
            stated = _nearest_days(date, {day for text in cited.values() for day in text.dates.days()})
            if stated:  # a source gives another day: the date may be wrong, the precision is not the question
                message = (f"no cited source states {date.day} {month} ({searched}; they state "
                           f"{', '.join(stated)}); check the date, or cite a source that gives it")
            else:
                message = (f"no cited source states {date.day} {month} ({searched}); cite a source that "
                           f"gives the date or lower the precision to {date.year:04d}-{date.month:02d}")
        elif date.precision == "month":
            message = (f"no cited source states {month} ({searched}); "
                       f"cite a source that gives the date or lower the precision to {date.year:04d}")
        else:
            message = f"no cited source states {date.year} ({searched}); cite a source that gives the date"
        yield finding("D001", message, event.where("date"), event=event.id)


NEAREST_DAYS = 3  # how many of the days the sources do state a D001 message lists


def _nearest_days(date: PartialDate, days: set[tuple[int, int]]) -> list[str]:
    """The stated (month, day) pairs nearest the event's date, nearest first, as "28 July"."""
    wanted = date.first_day.toordinal()

    def distance(day: tuple[int, int]) -> tuple[int, tuple[int, int]]:
        try:
            return abs(dt.date(date.year, *day).toordinal() - wanted), day
        except ValueError:  # 30 February in digits: not a day of that year
            return 366, day

    nearest = sorted(days, key=distance)[:NEAREST_DAYS]
    return [f"{day} {MONTH_NAMES[month - 1]}" for month, day in nearest]


def dates_after_cut_off(corpus: Corpus) -> Iterable[Finding]:
    """D003: an event that starts after the brief's as_of, the information cut-off."""
    as_of = corpus.timeline.brief.as_of
    for event in corpus.timeline.events:
        if event.date.first_day > as_of:
            message = (f"the event starts {event.date.display()}, after the brief's as_of {as_of.isoformat()} "
                       "(the information cut-off); check the year, or move as_of")
            yield finding("D003", message, event.where("date"), event=event.id)


def dates_away_from_quotes(corpus: Corpus) -> Iterable[Finding]:
    """D002: a day the cited sources state only outside the paragraphs of the event's quotes."""
    for event in corpus.timeline.events:
        if event.date.precision != "day":
            continue
        checks = [corpus.quotes[(event.id, index)] for index in range(len(event.evidence))]
        if not all(check.match.found for check in checks):
            continue  # a quote not found (Q001) or unreadable (R): there is no passage to judge by
        away = _date_away_from_quotes(corpus, event.date, checks)
        if away:  # stated nowhere is D001's business
            yield finding("D002", _away_message(event.date, away), event.where("date"), event=event.id)


def _date_away_from_quotes(corpus: Corpus, date: PartialDate, checks: list[QuoteCheck]) -> list[tuple[str, Place]]:
    """(source id, place) of each statement of `date` in the quoted sources, up to the first that is in a
    quoted paragraph or in the dateline of a source published that day; [] when there is such a one."""
    quoted_paragraphs: dict[str, set[int]] = {}  # source id -> paragraphs its quotes of this event are in
    for check in checks:
        text = corpus.texts[check.match.source].normalised
        quoted_paragraphs.setdefault(check.match.source, set()).update(
            range(text.paragraph(check.start), text.paragraph(max(check.start, check.end - 1)) + 1))
    away: list[tuple[str, Place]] = []
    for source_id, paragraphs in quoted_paragraphs.items():
        text = corpus.texts[source_id]
        source = corpus.timeline.source(source_id)
        for offset in text.dates.offsets(date.month, date.day):
            if text.normalised.paragraph(offset) in paragraphs:
                return []
            if source is not None and source.published == date and _in_dateline(text.normalised, offset):
                return []  # the document's own date, and the event is what the document does that day
            away.append((source_id, text.place(offset)))
    return away


# A dateline is a short paragraph near the top of a document ("Dated 20 March 2024", "By A. Marlow,
# 20 February 2024"): it dates what the document itself does (a letter's offer, a column's argument, a
# notice's announcement). It excuses the date only when the analyst recorded that day as the source's
# `published` too; a news story's date on an event the story reports stays D002, since a story is often
# filed the day after the event.
DATELINE_PARAGRAPHS = 3  # the title, the dateline, perhaps a byline
DATELINE_CHARACTERS = 80


def _in_dateline(text: NormalisedText, offset: int) -> bool:
    paragraph = text.paragraph(offset)
    if paragraph >= DATELINE_PARAGRAPHS:
        return False
    # Paragraph numbers only grow along the text: its first and last offsets are found by bisection.
    first = bisect.bisect_left(range(len(text.text)), paragraph, key=text.paragraph)
    after = bisect.bisect_left(range(len(text.text)), paragraph + 1, key=text.paragraph)
    return after - first <= DATELINE_CHARACTERS


def _away_message(date: PartialDate, away: list[tuple[str, Place]]) -> str:
    # One entry per line (or page and line) of each source, in reading order.
    lines = {(source_id, place.page or 0, place.line): place for source_id, place in away}
    places = [(key[0], lines[key]) for key in sorted(lines)]
    several_sources = len({source_id for source_id, _ in places}) > 1
    shown = [place_text(place, column=False) + (f" of {source_id}" if several_sources else "")
             for source_id, place in places[:3]]
    more = f" and {len(places) - 3} more" if len(places) > 3 else ""
    searched = "" if several_sources else f" of {places[0][0]}"
    return (f"{date.day} {MONTH_NAMES[date.month - 1]} appears only at {', '.join(shown)}{more}{searched}, "
            "outside the quoted passages: check it dates this event, or lower the precision")


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


def claims_not_in_sources(corpus: Corpus) -> Iterable[Finding]:
    """C001/C002: a number or a name of an event's summary that none of its readable cited sources states."""
    actor_names = tuple(actor.names for actor in corpus.timeline.actors)
    for event in corpus.timeline.events:
        cited = corpus.cited_texts(event)
        if not cited:
            continue  # every cited source unreadable: the R findings say so
        dates, days = _date_numbers(event), _duration_days(event)
        # A summary's numbers and names are mostly those of its quotes: the whole sources are searched
        # only for what the quotes do not state (a quote is part of its source, so nothing is lost).
        quotes = [normalise(evidence.quote) for evidence in event.evidence if evidence.source in cited]
        if not missing_claims(event.summary, quotes, actor_names, dates, days):
            continue
        known = frozenset().union(*(corpus.numbers(source_id) for source_id in cited))
        missing = missing_claims(event.summary, [text.normalised.text for text in cited.values()], actor_names,
                                 dates, days, known)
        searched = ", ".join(cited)
        for unconfirmed in missing:
            claim = unconfirmed.claim
            what = "number" if unconfirmed.code == "C001" else "name"
            remedy = ("check it, or cite a source that states it" if unconfirmed.code == "C001"
                      else "check its spelling, or cite a source that names it")
            message = (f"the summary's {what} \u201c{claim.text}\u201d is in none of the cited sources "
                       f"(searched {searched}): {remedy}")
            yield finding(unconfirmed.code, message, corpus.place(event.where("summary"), event.summary, claim.start),
                          event=event.id)


def _date_numbers(event: Event) -> frozenset[int]:
    """The numbers of the event's own dates, which D001 checks against the sources (C001 leaves them)."""
    numbers: set[int] = set()
    for date in (event.date, event.end):
        if date is not None:
            numbers.update(n for n in (date.year, date.day) if n)
    return frozenset(numbers)


def _duration_days(event: Event) -> int | None:
    """How many days an event with an `end` lasts, both days counted ("three days" for 6 to 8 May)."""
    if event.end is None or event.date.precision != "day" or event.end.precision != "day":
        return None
    return (event.end.first_day - event.date.first_day).days + 1


def estimative_language(corpus: Corpus) -> Iterable[Finding]:
    """L001–L004: the analyst's estimative language in the bottom line and each key judgement."""
    brief = corpus.timeline.brief
    for problem in estimative_problems(brief.summary, None):
        yield finding(problem.code, f"in the bottom line, {problem.message}",
                      corpus.place(brief.where("summary"), brief.summary, problem.start))
    for number, judgement in enumerate(brief.judgements, 1):
        for problem in estimative_problems(judgement.text, judgement.confidence):
            yield finding(problem.code, f"in key judgement {number}, {problem.message}",
                          corpus.place(judgement.where("text"), judgement.text, problem.start), judgement=number)


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
    Rule(("D002",), dates_away_from_quotes),
    Rule(("D003",), dates_after_cut_off),
    Rule(("A001",), actors_not_named),
    Rule(("U001",), uncited_sources),
    Rule(("C001", "C002"), claims_not_in_sources),
    Rule(("L001", "L002", "L003", "L004"), estimative_language),
    Rule(("F001", "F002"), undrawable_characters),
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
