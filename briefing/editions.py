"""Editions: what a brief was built from, and what changed since an earlier one.

Every brief carries a manifest (`manifest`) of the content a reader sees and
the digests of the sources it was checked against. Two manifests are compared
(`compare`) to tell the reader of the next edition what is new. The manifest is
plain JSON so that any earlier brief, even one kept only as an email
attachment, can be read back (`briefing.pdf` embeds it as a file attachment).

Events and sources are matched by id, so renumbering the chronology is not a
change. Judgements have no ids: they are matched by their text first, then,
in order, by how alike the texts are.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass

from .findings import Finding
from .model import Event, Timeline
from .wording import plural

MANIFEST_VERSION = 1
# Reworded rather than replaced: difflib's ratio of the two texts at least this.
REWORDED_AT_LEAST = 0.6
CONFIDENCE_ORDER = ("low", "moderate", "high")


def manifest(timeline: Timeline, findings: list[Finding], source_sha256: dict[str, str]) -> dict:
    """The content of an edition, without positions: moving a line is not a change."""
    brief = timeline.brief
    return {
        "manifest": MANIFEST_VERSION,
        "brief": {
            "title": brief.title,
            "subtitle": brief.subtitle,
            "as_of": brief.as_of.isoformat(),
            "summary": brief.summary,
            "scope": brief.scope,
            "assumptions": list(brief.assumptions),
            "indicators": list(brief.indicators),
        },
        "judgements": [
            {"text": j.text, "confidence": j.confidence, "basis": j.basis, "events": list(j.events)}
            for j in brief.judgements
        ],
        "events": [_event(event) for event in timeline.events_in_order()],
        "sources": [
            {"id": s.id, "title": s.title, "file": s.file, "publisher": s.publisher,
             "published": s.published.iso() if s.published else None, "sha256": source_sha256.get(s.id)}
            for s in timeline.sources
        ],
        "findings": [
            {"code": f.code, "message": f.message, "event": f.event, "source": f.source}
            for f in findings
        ],
    }


def _event(event: Event) -> dict:
    return {
        "id": event.id,
        "date": event.date.iso(),
        "end": event.end.iso() if event.end else None,
        "title": event.title,
        "summary": event.summary,
        "place": event.place,
        "actors": list(event.actors),
        "tags": list(event.tags),
        "significance": event.significance,
        "evidence": [{"source": e.source, "quote": e.quote, "credibility": e.credibility} for e in event.evidence],
    }


def manifest_bytes(data: dict) -> bytes:
    """Canonical JSON: the same manifest always gives the same bytes (the brief is reproducible)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode() + b"\n"


def edition_digest(data: dict) -> str:
    """Identifies an edition: an unchanged rebuild has the same digest and is not a new edition."""
    return hashlib.sha256(manifest_bytes(data)).hexdigest()


class ManifestError(Exception):
    """A file that holds no manifest this version can read."""


def parse_manifest(raw: bytes, origin: str) -> dict:
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ManifestError(f"{origin}: its edition manifest is damaged ({exc})") from None
    if not isinstance(data, dict) or data.get("manifest") != MANIFEST_VERSION:
        raise ManifestError(f"{origin}: its edition manifest is of another version of briefing; "
                            "rebuild that edition with this version to compare with it")
    return data


@dataclass(frozen=True)
class Change:
    """One difference between two editions, in the words the reader sees."""

    item: str  # "brief", "event", "judgement" or "source"
    kind: str  # "added", "removed" or "changed"
    key: str  # event or source id; judgement number in the new edition (or the old one when removed)
    text: str  # e.g. "re-dated from 27 July 2023 to July 2023"

    @property
    def event(self) -> str | None:
        return self.key if self.item == "event" else None

    def __str__(self) -> str:
        return self.text


def compare(previous: dict, current: dict) -> list[Change]:
    """What changed from `previous` to `current`, brief first, then judgements, events and sources."""
    return [
        *_brief_changes(previous["brief"], current["brief"]),
        *_judgement_changes(previous["judgements"], current["judgements"]),
        *_keyed_changes("event", previous["events"], current["events"], _event_differences, _event_name),
        *_keyed_changes("source", previous["sources"], current["sources"], _source_differences, _source_name),
    ]


def _brief_changes(old: dict, new: dict) -> list[Change]:
    changes = []
    for name, label in (("summary", "bottom line"), ("scope", "scope"), ("title", "title")):
        if old.get(name) != new.get(name):
            changes.append(Change("brief", "changed", name, f"The {label} was revised."))
    for name, label in (("assumptions", "assumption"), ("indicators", "indicator")):
        added = [a for a in new.get(name, []) if a not in old.get(name, [])]
        removed = [a for a in old.get(name, []) if a not in new.get(name, [])]
        for text in added:
            changes.append(Change("brief", "added", name, f"New {label}: {_clip(text)}"))
        for text in removed:
            changes.append(Change("brief", "removed", name, f"{label.capitalize()} dropped: {_clip(text)}"))
    return changes


def _judgement_changes(old: list[dict], new: list[dict]) -> list[Change]:
    pairs, unmatched_old, unmatched_new = _match_judgements(old, new)
    changes = []
    for i, j in pairs:
        before, after = old[i], new[j]
        what = []
        if before["text"] != after["text"]:
            what.append("reworded")
        if before["confidence"] != after["confidence"]:
            direction = ("raised" if CONFIDENCE_ORDER.index(after["confidence"])
                         > CONFIDENCE_ORDER.index(before["confidence"]) else "lowered")
            what.append(f"confidence {direction} from {before['confidence']} to {after['confidence']}")
        if what:
            changes.append(Change("judgement", "changed", str(j + 1),
                                  f"Judgement {j + 1} {_and(what)}: {_clip(after['text'])}"))
    for j in unmatched_new:
        changes.append(Change("judgement", "added", str(j + 1),
                              f"New judgement {j + 1} ({new[j]['confidence']} confidence): {_clip(new[j]['text'])}"))
    for i in unmatched_old:
        changes.append(Change("judgement", "removed", str(i + 1),
                              f"Judgement withdrawn ({old[i]['confidence']} confidence): {_clip(old[i]['text'])}"))
    return sorted(changes, key=lambda c: (c.kind == "removed", int(c.key)))


def _match_judgements(old: list[dict], new: list[dict]):
    """Pairs (old index, new index): equal texts first, then the most alike texts above a threshold."""
    pairs = []
    free_old, free_new = list(range(len(old))), list(range(len(new)))
    for j in list(free_new):
        i = next((i for i in free_old if old[i]["text"] == new[j]["text"]), None)
        if i is not None:
            pairs.append((i, j))
            free_old.remove(i)
            free_new.remove(j)
    scored = sorted(
        ((difflib.SequenceMatcher(None, old[i]["text"], new[j]["text"]).ratio(), i, j)
         for i in free_old for j in free_new),
        reverse=True,
    )
    for ratio, i, j in scored:
        if ratio >= REWORDED_AT_LEAST and i in free_old and j in free_new:
            pairs.append((i, j))
            free_old.remove(i)
            free_new.remove(j)
    return sorted(pairs, key=lambda p: p[1]), free_old, free_new


def _keyed_changes(item: str, old: list[dict], new: list[dict], differences, name) -> list[Change]:
    before = {entry["id"]: entry for entry in old}
    after = {entry["id"]: entry for entry in new}
    changes = []
    for key, entry in after.items():
        if key not in before:
            changes.append(Change(item, "added", key, f"New {item}: {name(entry)}"))
        else:
            what = differences(before[key], entry)
            if what:
                changes.append(Change(item, "changed", key, f"{name(entry)}: {_and(what)}"))
    for key, entry in before.items():
        if key not in after:
            changes.append(Change(item, "removed", key, f"{item.capitalize()} removed: {name(entry)}"))
    return changes


def _event_name(entry: dict) -> str:
    return f"{entry['title']} ({_display(entry['date'])})"


def _event_differences(old: dict, new: dict) -> list[str]:
    what = []
    if (old["date"], old["end"]) != (new["date"], new["end"]):
        what.append(f"re-dated from {_span(old)} to {_span(new)}")
    if old["title"] != new["title"]:
        what.append(f"retitled (was \"{old['title']}\")")
    if old["summary"] != new["summary"]:
        what.append("summary revised")
    old_quotes = {(e["source"], e["quote"]) for e in old["evidence"]}
    new_quotes = {(e["source"], e["quote"]) for e in new["evidence"]}
    if new_quotes - old_quotes:
        what.append(plural(len(new_quotes - old_quotes), "quote") + " added")
    if old_quotes - new_quotes:
        what.append(plural(len(old_quotes - new_quotes), "quote") + " removed")
    if old["significance"] != new["significance"]:
        what.append(f"significance {old['significance']} → {new['significance']}")
    return what


def _source_name(entry: dict) -> str:
    return entry["title"] if not entry.get("publisher") else f"{entry['publisher']}, {entry['title']}"


def _source_differences(old: dict, new: dict) -> list[str]:
    what = []
    if old["sha256"] != new["sha256"]:
        what.append("its text changed since the previous edition; every quote from it was verified again")
    if old["file"] != new["file"]:
        what.append(f"now read from {new['file']}")
    return what


def _display(iso: str) -> str:
    from .model import PartialDate

    parts = [int(p) for p in iso.split("-")]
    return PartialDate(*parts).display()


def _span(entry: dict) -> str:
    return _display(entry["date"]) + (f" – {_display(entry['end'])}" if entry["end"] else "")


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# The brief carries its manifest as a PDF embedded file (an "attachment" in a
# PDF reader's sidebar): plain JSON that any tool can take out, unlike XMP,
# whose XML escaping and size conventions fit a 2,000-event manifest badly.
MANIFEST_FILE = "briefing-manifest.json"


@dataclass(frozen=True)
class Comparison:
    """What a brief says about the edition before it."""

    previous_as_of: str  # ISO date of the earlier edition's information
    changes: list[Change]


def read_manifest(pdf_path) -> dict:
    """The manifest embedded in a brief; ManifestError with a one-line message otherwise."""
    from pathlib import Path

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    path = Path(pdf_path)
    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                raise ManifestError(f"{path}: not a PDF; name a brief that briefing built")
        attachments = PdfReader(path).attachments
        raw = attachments.get(MANIFEST_FILE)
    except OSError as error:
        raise ManifestError(f"{path}: cannot be read ({error.strerror or error})") from None
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise ManifestError(f"{path}: not a readable PDF ({error})") from None
    if not raw:
        raise ManifestError(f"{path}: holds no edition manifest: it was built before editions existed, "
                            "or not by briefing; rebuild it, or compare with a later brief")
    return parse_manifest(raw[0], str(path))


@dataclass(frozen=True)
class Edition:
    """The edition a build makes and the one it is compared with."""

    manifest: dict
    digest: str
    previous: dict | None  # None: no earlier edition is known
    new: bool  # False: the same content as the last verified edition (a rebuild, not a new edition)

    @property
    def comparison(self) -> Comparison | None:
        if self.previous is None:
            return None
        return Comparison(self.previous["brief"]["as_of"], compare(self.previous, self.manifest))


def edition(current: dict, stored_digest: str | None, stored_current: dict | None,
            stored_previous: dict | None, since: dict | None = None) -> Edition:
    """Which edition `current` is compared with: `since` when given; else the last verified edition
    of the same brief (same title), unless `current` is that edition again, which keeps the
    comparison it was built with."""
    digest = edition_digest(current)
    if stored_current is not None and _title(stored_current) != _title(current):
        # Another brief built into the same folder is not an earlier edition of this one.
        stored_current = stored_previous = None
    same = stored_current is not None and stored_digest == digest
    previous = since if since is not None else (stored_previous if same else stored_current)
    return Edition(manifest=current, digest=digest, previous=previous, new=not same)


def _title(data: dict) -> str:
    return " ".join(data["brief"]["title"].split())


def stored_manifest(raw: bytes | None, origin: str) -> dict | None:
    """A manifest the build kept; None when absent or unusable (then there is no previous edition)."""
    if raw is None:
        return None
    try:
        return parse_manifest(raw, origin)
    except ManifestError:
        return None
