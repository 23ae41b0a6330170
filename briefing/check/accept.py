"""`accept`: warnings the analyst has looked at and agrees with, and X001 for entries that accept nothing.

Runs after every rule, over their findings. A finding belongs to one item:
- an event: it names the event (`Finding.event`);
- a source: it names the source and no event (U001, R codes, F001 in a source's fields);
- a key judgement: it names the judgement (`Finding.judgement`, 1-based).
An accepted warning keeps its code, place and severity; it gains the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..findings import CODES, Finding, finding
from ..model import Located, Timeline


def _items(timeline: Timeline) -> Iterator[tuple[str, Located, dict[str, str], dict]]:
    """(what it is, the item, its accept entries, the ids its findings carry)."""
    for event in timeline.events:
        yield f"event {event.id}", event, event.accept or {}, {"event": event.id}
    for source in timeline.sources:
        yield f"source {source.id}", source, source.accept or {}, {"source": source.id}
    for number, judgement in enumerate(timeline.brief.judgements, 1):
        yield f"key judgement {number}", judgement, judgement.accept or {}, {"judgement": number}


def _owner(f: Finding) -> tuple[str, object] | None:
    if f.event is not None:
        return ("event", f.event)
    if f.source is not None:
        return ("source", f.source)
    if f.judgement is not None:
        return ("judgement", f.judgement)
    return None


def apply_accepts(timeline: Timeline, findings: list[Finding]) -> list[Finding]:
    """The findings with accepted warnings marked, plus X001 for each entry that accepts nothing."""
    by_owner: dict[tuple[str, object], list[int]] = {}
    for position, f in enumerate(findings):
        owner = _owner(f)
        if owner is not None:
            by_owner.setdefault(owner, []).append(position)
    marked = list(findings)
    stale: list[Finding] = []
    for what, item, accept, ids in _items(timeline):
        (owner,) = ids.items()
        for code, reason in accept.items():
            severity = CODES.get(code, ("unknown",))[0]
            hits = [position for position in by_owner.get(owner, ()) if findings[position].code == code]
            if severity == "unknown":
                problem = f"{code} is no finding code; name the warning code the check printed, such as D001"
            elif severity != "warning":
                problem = (f"{code} is an {severity} code and only warnings can be accepted; "
                           f"fix what {code} reports instead")
            elif not hits:
                problem = f"the check raised no {code} on {what}; remove the entry"
            else:
                for position in hits:
                    marked[position] = replace(findings[position], accepted=reason)
                continue
            stale.append(finding("X001", f"accept {code}: {problem}", item.where(f"accept.{code}"), **ids))
    return sorted(marked + stale, key=lambda f: f.sort_key)
