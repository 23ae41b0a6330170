"""The PDF analyst brief: the checked timeline as a paginated, sourced, navigable document.

reportlab lays out the pages (the sections of `sections.SECTIONS`, in order:
cover, contents, key judgements, figure page, chronology, one section per event,
sources and verification annexes) and writes the file in one go: kaleido's vector
figure, read with pypdf, is drawn as a form like reportlab's own, and the dates
are fixed, so the same inputs always give the same bytes.

`document` writes the file; `context` is what the sections read; `flowables`,
`navigation` and `embed` are what they are made of; `furniture` and `styles` are
the look of every page.
"""

from .context import BriefOptions
from .document import BriefInfo, write_brief
from .embed import EmbeddedFigure
from .flowables import LongTable, Paragraph

__all__ = ["BriefInfo", "BriefOptions", "EmbeddedFigure", "LongTable", "Paragraph", "write_brief"]
