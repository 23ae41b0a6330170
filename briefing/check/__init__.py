"""The check: the loaded timeline against its source files, producing findings.

Each source file is read and indexed once (`Corpus.read`); every rule of
`rules.RULES` then answers from those indexes, so the cost grows with the size
of the text plus the number of events. Only quotes that are not found pay for
a fuzzy search of the closest passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding
from ..model import Timeline
from .accept import apply_accepts
from .corpus import Corpus, SourceReader
from .fonts import FontError, FontSet
from .quotes import QuoteMatch
from .rules import RULES, Rule, run_rules
from . import sources
from .sources import SourceText, Unreadable, read_source

__all__ = ["CheckResult", "Corpus", "FontSet", "QuoteMatch", "RULES", "Rule", "SourceReader", "SourceText", "Unreadable",
           "check_timeline", "read_source"]


@dataclass
class CheckResult:
    timeline: Timeline
    findings: list[Finding]
    quotes: dict[tuple[str, int], QuoteMatch] = field(default_factory=dict)  # (event id, index)
    timeline_sha256: str = ""
    source_sha256: dict[str, str] = field(default_factory=dict)  # source id -> hex digest


def check_timeline(timeline: Timeline, *, read_source: SourceReader = sources.read_source,
                   fonts: FontSet | None = None) -> CheckResult:
    """Run every rule of `RULES` on a loaded timeline.

    `read_source(root, file)` reads one source file; a caller that keeps sources
    between runs (watch mode) passes its own. `fonts` are the brief's fonts, for
    F001; by default those a build uses when given none (when the system has
    none of them, F001 is not checked: the build says why it cannot write).
    """
    if fonts is None:
        try:
            fonts = FontSet.default()
        except FontError:
            pass
    corpus = Corpus.read(timeline, read_source, fonts)
    findings = apply_accepts(timeline, run_rules(corpus))
    return CheckResult(
        timeline=corpus.timeline,  # with the dates the sources' files state (`with_stated_dates`)
        findings=findings,
        quotes={key: check.match for key, check in corpus.quotes.items()},
        timeline_sha256=timeline.sha256,
        source_sha256={source_id: text.sha256 for source_id, text in corpus.texts.items()},
    )
