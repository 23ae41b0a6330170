"""`quote`: the passages of a source that contain some words, printed as evidence entries to paste.

Each entry's quote is the passage as the source's text has it (white space
runs made one space, which the check ignores), written as a YAML
double-quoted scalar, so pasting it under an event's `evidence:` verifies.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import BAD_ARGUMENT, BuildError
from ..excerpts import closest_excerpts, find_excerpts
from ..formats import Extracted, extract, place_text
from ..scaffold import source_id

NO_MATCH = 1
Echo = Callable[[str], None]


def stdout(line: str) -> None:
    print(line, flush=True)


@dataclass(frozen=True)
class Target:
    id: str
    path: Path  # the file, as it is opened
    shown: str  # the file as the timeline names it (or as given), for the place comment
    registered: bool  # False: a file the timeline does not list (yet)


def yaml_string(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar with the same escapes.
    return json.dumps(text, ensure_ascii=False)


def registered_sources(timeline: Path) -> list[tuple[str, str]]:
    """(id, file) of each source the timeline lists, read even from a timeline still being filled in."""
    try:
        data = yaml.safe_load(timeline.read_text(encoding="utf-8"))
    except OSError as error:
        raise BuildError(f"cannot read {timeline}: {error.strerror or error}", BAD_ARGUMENT) from None
    except (yaml.YAMLError, UnicodeDecodeError):
        raise BuildError(f"{timeline} cannot be read as YAML; run `python -m briefing check {timeline}` "
                         "to see where, or give SOURCE as a file path", BAD_ARGUMENT) from None
    sources = data.get("sources") if isinstance(data, dict) else None
    return [(str(s["id"]), str(s["file"])) for s in sources or ()
            if isinstance(s, dict) and s.get("id") and s.get("file")]


def find_target(source: str, timeline: Path) -> Target:
    """SOURCE as a source id of the timeline, else as a file path."""
    listed = registered_sources(timeline) if timeline.is_file() else []
    root = timeline.parent
    for id, file in listed:
        if id == source:
            return Target(id, root / file, file, True)
    path = Path(source)
    if path.is_file():
        for id, file in listed:
            if (root / file).resolve() == path.resolve():
                return Target(id, path, file, True)
        return Target(source_id(path, set()), path, source, False)
    if not timeline.is_file():
        raise BuildError(f"no file {source}, and no {timeline} to look up a source id in; give the path of "
                         "a source file, or the timeline with --timeline", BAD_ARGUMENT)
    ids = ", ".join(id for id, _ in listed) or "none yet"
    raise BuildError(f"no source `{source}` in {timeline} and no such file; its source ids: {ids}", BAD_ARGUMENT)


def read_text(target: Target) -> Extracted:
    try:
        data = target.path.read_bytes()
    except OSError as error:
        raise BuildError(f"cannot read {target.shown}: {error.strerror or error}", BAD_ARGUMENT) from None
    result = extract(target.path, data)
    if not isinstance(result, Extracted):
        raise BuildError(result.message, BAD_ARGUMENT)
    return result


def run(source: str, words: list[str], timeline: Path = Path("timeline.yaml"), echo: Echo = stdout) -> int:
    target = find_target(source, Path(timeline))
    extracted = read_text(target)
    asked = " ".join(words)
    found = find_excerpts(extracted.text, words)
    if not found:
        echo(f"# no passage of {target.shown} has the words \"{asked}\" in this order; the closest:")
        for excerpt in closest_excerpts(extracted.text, words):
            where = place_text(extracted.places.describe(excerpt.start))
            echo(f"# {round(excerpt.similarity * 100)}% at {where}: {yaml_string(excerpt.text)}")
        return NO_MATCH
    passages = "passage" if len(found) == 1 else "passages"
    echo(f"# {len(found)} {passages} of {target.shown} with \"{asked}\"; paste under an event's `evidence:`")
    if not target.registered:
        echo(f"# {target.shown} is not a source of {timeline} yet: register it under `sources:` "
             f"with `id: {target.id}`")
    for excerpt in found:
        where = place_text(extracted.places.describe(excerpt.start))
        echo(f"- source: {target.id}   # {target.shown}, {where}")
        echo(f"  quote: {yaml_string(excerpt.text)}")
    return 0
