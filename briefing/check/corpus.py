"""What every rule reads: the loaded timeline and its sources, each read and indexed once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from ..model import Event, Position, Timeline
from .numbers import Number, source_numbers
from .fonts import Coverage, FontSet
from .places import TimelineText
from .quotes import QuoteCheck, QuoteMatch, check_quote
from .sources import SourceText, Unreadable, read_source

# Reads one source (`file`, relative to the timeline's folder `root`). Watch mode
# passes one that keeps sources by path, size and mtime; source formats plug in here.
SourceReader = Callable[[Path, str], "SourceText | Unreadable"]


# Ends a Q001 message for a source whose format may have left the passage out of its text.
FORMAT_HINTS = {
    "html": ("the passage may be in the page furniture the extractor dropped (menus, captions, comments, "
             "related links): quote the article's own text, or save the passage as a .txt source"),
}


def with_stated_dates(timeline: Timeline, texts: dict[str, SourceText]) -> Timeline:
    """The timeline with each source's `published` filled from its file's metadata where the timeline leaves it out.

    A saved web page states when it was published; the analyst need not copy the
    date into the timeline for the brief to cite it. A date the analyst wrote always wins.
    """
    sources = tuple(
        replace(source, published=texts[source.id].published, published_from_file=True)
        if source.published is None and source.id in texts and texts[source.id].published else source
        for source in timeline.sources)
    return timeline if sources == timeline.sources else replace(timeline, sources=sources)


@dataclass
class Corpus:
    """The timeline and its indexed sources; facts several rules need are worked out once, here."""

    timeline: Timeline
    texts: dict[str, SourceText]  # source id -> the readable source
    unreadable: dict[str, Unreadable] = field(default_factory=dict)  # source id -> why not
    fonts: FontSet | None = None  # the brief's fonts; None: none found, F001 is not checked
    written: TimelineText | None = None  # the timeline file as written, to place words of its values
    _numbers: dict[str, frozenset[Number | str]] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, timeline: Timeline, read: SourceReader = read_source, fonts: FontSet | None = None) -> Corpus:
        texts: dict[str, SourceText] = {}
        unreadable: dict[str, Unreadable] = {}
        for source in timeline.sources:
            outcome = read(timeline.root, source.file)
            if isinstance(outcome, Unreadable):
                unreadable[source.id] = outcome
            else:
                texts[source.id] = outcome
        try:
            written = TimelineText(timeline.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            written = None  # a timeline built in memory: findings point at the start of a value
        return cls(with_stated_dates(timeline, texts), texts, unreadable, fonts, written)

    @property
    def coverage(self) -> Coverage | None:
        return Coverage.of(self.fonts) if self.fonts else None

    def cited_texts(self, event: Event) -> dict[str, SourceText]:
        """The readable sources an event cites, by id, in the order it cites them."""
        cited = dict.fromkeys(evidence.source for evidence in event.evidence)
        return {source_id: self.texts[source_id] for source_id in cited if source_id in self.texts}

    def numbers(self, source_id: str) -> frozenset[Number | str]:
        """Every value the numbers of a readable source may mean: worked out once, however many events cite it."""
        if source_id not in self._numbers:
            self._numbers[source_id] = frozenset(source_numbers(self.texts[source_id].normalised.text))
        return self._numbers[source_id]

    def place(self, at: Position, value: str, offset: int) -> Position:
        """Where `value[offset]` is in the timeline file, the value being written at `at`."""
        return self.written.place(at, value, offset) if self.written else at

    @cached_property
    def quotes(self) -> dict[tuple[str, int], QuoteCheck]:
        """Every evidence located in its source: (event id, index) -> its check.

        An evidence citing an unreadable source gets a match that is not found and no problem:
        the R finding explains it."""
        files = {source.id: source.file for source in self.timeline.sources}
        checks: dict[tuple[str, int], QuoteCheck] = {}
        for event in self.timeline.events:
            for index, evidence in enumerate(event.evidence):
                match = QuoteMatch(event.id, index, evidence.source, found=False)
                text = self.texts.get(evidence.source)
                if text is None or evidence.source not in files:
                    checks[(event.id, index)] = QuoteCheck(replace(match, checked=False))
                else:
                    checks[(event.id, index)] = check_quote(text.normalised, evidence.quote,
                                                            files[evidence.source], match, text.place,
                                                            FORMAT_HINTS.get(text.format))
        return checks
