"""`changes`: what the next brief's "Changes since the previous edition" section will list.

The previous edition is the one `build` would compare with (editions.edition):
the last verified brief built into the output folder, or, when the timeline
is that brief's again, the edition before it; `--since` names any earlier
brief. Each change is printed where it is in the timeline, as a compiler
would, so an editor jumps to it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..check import check_timeline
from ..editions import Change, ManifestError, edition, manifest, read_manifest, stored_manifest
from ..errors import BAD_ARGUMENT, BuildError
from ..loader import load_timeline
from ..model import Position, Timeline
from ..outputs import BuildState, stored_editions
from ..wording import day_month_year, plural
from .check import Echo, stdout


def run(path: Path, out_dir: Path, since: Path | None, echo: Echo = stdout) -> int:
    earlier = None
    if since is not None:
        try:
            earlier = read_manifest(since)
        except ManifestError as error:
            raise BuildError(f"--since {error}", status=BAD_ARGUMENT) from None
    timeline, findings = load_timeline(path)
    if timeline is None:
        for finding in findings:
            echo(str(finding))
        echo(f"No changes listed: {path} cannot be read; fix the problems above.")
        return BAD_ARGUMENT
    result = check_timeline(timeline)
    current, previous = (stored_manifest(raw, str(out_dir)) for raw in stored_editions(out_dir))
    now = edition(manifest(timeline, result.findings, result.source_sha256),
                  BuildState.read(out_dir).manifest_digest, current, previous, earlier)
    comparison = now.comparison
    if comparison is None:
        if not now.new:  # the timeline is the folder's one edition
            echo(f"No earlier edition: {out_dir}/ holds only this timeline's brief; the next build that changes "
                 "something will list it, or name an earlier brief with --since BRIEF.pdf.")
        else:
            echo(f"No previous edition in {out_dir}/: build once, or name an earlier brief with --since BRIEF.pdf.")
        return 0
    for change in comparison.changes:
        echo(line(timeline, change))
    what = since if since is not None else f"the last brief built into {out_dir}/"
    as_of = day_month_year(dt.date.fromisoformat(comparison.previous_as_of))
    count = plural(len(comparison.changes), "change") if comparison.changes else "No changes"
    echo(f"{count} since {what} (information as of {as_of}).")
    return 0


def line(timeline: Timeline, change: Change) -> str:
    """`timeline.yaml:88:5: changed event tribunal-decision: …`; no place for what was removed."""
    where = place(timeline, change)
    text = f"{change.kind} {change.item} {change.key}: {change.text}"
    return f"{where}: {text}" if where else text


def place(timeline: Timeline, change: Change) -> Position | None:
    if change.kind == "removed":
        return None
    if change.item == "event":
        event = timeline.event(change.key)
        return event.where("date") if event and "re-dated" in change.text else (event.at if event else None)
    if change.item == "source":
        source = timeline.source(change.key)
        return source.at if source else None
    if change.item == "judgement":
        number = int(change.key)
        judgements = timeline.brief.judgements
        return judgements[number - 1].at if 0 < number <= len(judgements) else None
    return timeline.brief.where(change.key)
