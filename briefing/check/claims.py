"""Claims an event's summary makes that its sources can confirm: numbers (C001) and names (C002).

Pure functions; `rules.claims_not_in_sources` turns what `missing_claims` returns into C001 and
C002 findings. What counts as a number is `briefing.check.numbers`'s
business, what counts as a name `briefing.check.names`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from .names import StatedName, name_in_source, names_in
from .numbers import Number, StatedNumber, numbers_in, source_numbers


@dataclass(frozen=True)
class MissingClaim:
    """A number or a name of a summary that no cited source states; the rule words the finding."""

    code: str  # C001 (number) or C002 (name)
    claim: StatedNumber | StatedName


def missing_claims(summary: str, source_texts: list[str], actor_names: list[tuple[str, ...]] = (),
                   date_numbers: frozenset[int] | set[int] = frozenset(),
                   duration_days: int | None = None,
                   known_numbers: set[Number | str] | None = None) -> list[MissingClaim]:
    """C001/C002: the numbers and names of `summary` that none of `source_texts` (normalised) states.

    `known_numbers`, when given, is the union of `source_numbers` of those texts, worked out once per
    source by the caller (a source is cited by many events)."""
    missing: list[MissingClaim] = []
    numbers = numbers_in(summary, date_numbers, duration_days)
    known = known_numbers
    if known is None and numbers:  # a summary without numbers costs no reading of the sources' numbers
        known = set()
        for source in source_texts:
            known |= source_numbers(source)
    for claim in numbers:
        if claim.value not in known:
            missing.append(MissingClaim("C001", claim))
    for claim in names_in(summary, actor_names):
        if not any(name_in_source(name, source) for name in claim.value for source in source_texts):
            missing.append(MissingClaim("C002", claim))
    missing.sort(key=lambda m: m.claim.start)
    return missing
