"""The brief's sections, in reading order: each a function of the reading context (`Context`)
that returns its flowables. A new section is a module here and its place in `SECTIONS`."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from ..context import Context
from .assumptions import assumptions
from .changes import changes
from .chronology import figure_and_chronology
from .contents import contents
from .cover import cover
from .events import events
from .indicators import indicators
from .judgements import judgements
from .sources import sources_annex
from .verification import verification_annex

SECTIONS: tuple[Callable[[Context], list[Flowable]], ...] = (
    cover,
    contents,
    changes,
    judgements,
    assumptions,
    indicators,
    figure_and_chronology,
    events,
    sources_annex,
    verification_annex,
)
