"""The timeline as typed data: what `load` produces and every later stage reads.

Plain dataclasses, no behaviour beyond small look-ups. Every object remembers
where it was written in the timeline file (`at`, and `field_at` for its
fields' values) so that any finding can point at the exact line and column.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

CONFIDENCE_LEVELS = ("low", "moderate", "high")
SIGNIFICANCE_LEVELS = ("low", "medium", "high")
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
CREDIBILITY_GRADES = (1, 2, 3, 4, 5, 6)
SOURCE_KINDS = ("news", "opinion", "analysis", "official", "other")

# Written out, not taken from `calendar.month_name`, which follows the locale: a brief
# built on a machine set to German must not say "Juli".
MONTH_NAMES = ("January", "February", "March", "April", "May", "June",
               "July", "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class Position:
    """A place in a text file: 1-based line and column, as editors count them."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year.

    The precision is part of the value: `2023-07` is July 2023, not 1 July.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        """The form the analyst wrote: 2023-07-27, 2023-07 or 2023."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """For readers: 27 July 2023, July 2023 or 2023."""
        if self.day is not None:
            return f"{self.day} {MONTH_NAMES[self.month - 1]} {self.year}"
        if self.month is not None:
            return f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()


def display_span(start: PartialDate, end: PartialDate | None) -> str:
    """A date or a range for readers: `27–29 July 2023` reads better than two full dates."""
    if end is None or end == start:
        return start.display()
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTH_NAMES[start.month - 1]} {start.year}"
    return f"{start.display()} – {end.display()}"


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: runs of non-blank lines, each joined into one line."""
    found, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            found.append(" ".join(current))
            current = []
    if current:
        found.append(" ".join(current))
    return found


@dataclass(kw_only=True)
class Located:
    """Mixin data: where the item starts and where each of its fields' values is."""

    at: Position
    field_at: dict[str, Position] = field(default_factory=dict, repr=False, compare=False)

    def where(self, name: str) -> Position:
        """Position of a field's value (e.g. "date", "actors.1"), else of the item."""
        return self.field_at.get(name) or self.field_at.get(name.split(".")[0]) or self.at


@dataclass(kw_only=True)
class Judgement(Located):
    text: str
    confidence: str
    basis: str | None = None  # why this confidence
    events: tuple[str, ...] = ()
    accept: dict[str, str] = field(default_factory=dict)  # warning code -> the analyst's reason


@dataclass(kw_only=True)
class EmailSettings(Located):
    """The email draft written beside the brief; an absent subject is built from the title and as_of."""

    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str | None = None


@dataclass(kw_only=True)
class Brief(Located):
    title: str
    as_of: dt.date
    summary: str
    subtitle: str | None = None
    author: str | None = None
    marking: str | None = None
    scope: str | None = None
    assumptions: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    judgements: tuple[Judgement, ...] = ()
    email: EmailSettings | None = None

    @property
    def dated(self) -> dt.datetime:
        """The brief's date as a time, midnight UTC: what its PDF is dated when nothing else says."""
        return dt.datetime.combine(self.as_of, dt.time(), tzinfo=dt.timezone.utc)

    def paragraphs(self) -> list[str]:
        """The bottom line's paragraphs (loaded summaries keep them apart with "\n\n")."""
        return paragraphs(self.summary)


@dataclass(kw_only=True)
class Actor(Located):
    id: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a source may name this actor."""
        return (self.name, *self.aliases)


@dataclass(kw_only=True)
class Source(Located):
    id: str
    file: str  # as written, relative to the timeline's folder
    title: str
    publisher: str | None = None
    author: str | None = None
    published: PartialDate | None = None
    # True when `published` is not the analyst's but the date the file itself states
    # (a saved web page's metadata), the timeline leaving it out: the annex says so.
    published_from_file: bool = False
    retrieved: PartialDate | None = None  # always to the day: when the analyst saved the copy
    url: str | None = None
    reliability: str | None = None  # Admiralty A–F
    kind: str | None = None  # one of SOURCE_KINDS
    accept: dict[str, str] = field(default_factory=dict)


@dataclass(kw_only=True)
class Evidence(Located):
    source: str  # a Source id
    quote: str
    credibility: int | None = None  # Admiralty 1–6


@dataclass(kw_only=True)
class Event(Located):
    id: str
    date: PartialDate
    title: str
    summary: str
    end: PartialDate | None = None
    actors: tuple[str, ...] = ()  # actor ids when the registry exists, else names
    place: str | None = None
    tags: tuple[str, ...] = ()
    significance: str = "medium"
    evidence: tuple[Evidence, ...] = ()
    accept: dict[str, str] = field(default_factory=dict)

    def paragraphs(self) -> list[str]:
        return paragraphs(self.summary)

    @property
    def cited_sources(self) -> tuple[str, ...]:
        """The ids of the sources its evidence cites, each once, in the order first cited."""
        return tuple(dict.fromkeys(evidence.source for evidence in self.evidence))

    @property
    def sort_key(self) -> tuple:
        # An event known only to the month sorts after the dated events of that
        # month, as chronologies list "June 2024 (undated)" items: placing it on
        # the 1st would put reactions before the event they react to.
        return (self.date.year, self.date.month or 13, self.date.day or 32, self.id)


@dataclass(kw_only=True)
class Timeline:
    """The whole file, loaded. `path` is the timeline file; sources resolve against its folder."""

    path: Path
    brief: Brief
    sources: tuple[Source, ...]
    events: tuple[Event, ...]
    actors: tuple[Actor, ...] = ()
    sha256: str = ""  # of the bytes it was loaded from; "" for a timeline built in memory

    @property
    def root(self) -> Path:
        return self.path.parent

    def source(self, source_id: str) -> Source | None:
        return self._sources_by_id.get(source_id)

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors_by_id.get(actor_id)

    def event(self, event_id: str) -> Event | None:
        return self._events_by_id.get(event_id)

    def actor_name(self, ref: str) -> str:
        """Display name for an event's actor reference (an id, or a bare name without registry)."""
        actor = self.actor(ref)
        return actor.name if actor else ref

    def actor_names(self, event: Event) -> str:
        """The event's actors for readers: display names joined by commas; "" when it names none."""
        return ", ".join(self.actor_name(ref) for ref in event.actors)

    def events_in_order(self) -> list[Event]:
        return list(self._chronology)

    def number(self, event_id: str) -> int:
        """The event's number in the brief and the figure: its 1-based place in chronological order."""
        try:
            return self._numbers[event_id]
        except KeyError:
            raise KeyError(f"no event `{event_id}` in the timeline") from None

    # Indexes, built on first use. A Timeline is not changed after it is made
    # (`dataclasses.replace` makes a new one, with indexes of its own).
    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in reversed(self.sources)}  # the first of an id wins

    @cached_property
    def _actors_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in reversed(self.actors)}  # the first of an id wins

    @cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in reversed(self.events)}  # the first of an id wins

    @cached_property
    def _chronology(self) -> tuple[Event, ...]:
        return tuple(sorted(self.events, key=lambda e: e.sort_key))

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {event.id: number for number, event in enumerate(self._chronology, start=1)}
