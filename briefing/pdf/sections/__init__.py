"""The brief's sections, each a function of the reading context that returns its flowables."""

from .chronology import chronology
from .contents import contents
from .cover import cover
from .events import events
from .figure import figure_page
from .judgements import judgements
from .sources import sources_annex
from .verification import verification_annex

__all__ = ["chronology", "contents", "cover", "events", "figure_page", "judgements", "sources_annex",
           "verification_annex"]
