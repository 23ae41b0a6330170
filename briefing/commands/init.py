"""`init`: a new timeline in a folder, every source file already there registered, ready to fill in."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import BAD_ARGUMENT, BuildError
from ..files import write_atomically
from ..formats import Extracted, extract
from ..scaffold import SourceText, guess_sources, timeline_text
from ..schema import schema_json
from ..wording import plural

TIMELINE_NAME = "timeline.yaml"
SCHEMA_NAME = "timeline.schema.json"

Echo = Callable[[str], None]


def stdout(line: str) -> None:
    print(line, flush=True)


def read_source(path: Path) -> SourceText | None:
    """What a reader sees in the file, with the title and date its format states (a web page's metadata)."""
    try:
        result = extract(path, path.read_bytes())
    except OSError:
        return None  # check will say why; init only loses its guesses
    if not isinstance(result, Extracted):
        return None
    return SourceText(result.text, result.title, result.published_day)


def _write_new(path: Path, data: bytes) -> bool:
    """Write `path` whole, only if it does not exist; False if it does (made meanwhile by someone else)."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(data)
        # A hard link fails on an existing name, so a file made meanwhile is never replaced.
        os.link(temp, path)
    except FileExistsError:
        return False
    finally:
        temp.unlink(missing_ok=True)
    return True


def run(folder: Path, echo: Echo = stdout, today: dt.date | None = None) -> int:
    folder = Path(folder)
    timeline = folder / TIMELINE_NAME
    if timeline.exists() or timeline.is_symlink():
        raise BuildError(f"{timeline} already exists; init never overwrites a timeline: "
                         f"move it aside, or run init in another folder", BAD_ARGUMENT)
    if folder.exists() and not folder.is_dir():
        raise BuildError(f"cannot make a timeline in {folder}: it is a file, not a folder", BAD_ARGUMENT)
    folder.mkdir(parents=True, exist_ok=True)

    sources = guess_sources(folder, read_source)
    schema = folder / SCHEMA_NAME
    wrote_schema = not schema.exists()
    if wrote_schema:
        write_atomically(schema, schema_json().encode("utf-8"))
    text = timeline_text(sources, schema=SCHEMA_NAME, today=today or dt.date.today())
    if not _write_new(timeline, text.encode("utf-8")):
        raise BuildError(f"{timeline} appeared while init ran; init never overwrites a timeline: "
                         f"look at it, then move it aside and run init again", BAD_ARGUMENT)

    echo(f"wrote {timeline}: {_sources_line(sources)}")
    if wrote_schema:
        echo(f"wrote {schema}: the JSON Schema editors use to complete and check the timeline as you type")
    shown = "" if timeline.parent.resolve() == Path.cwd().resolve() else f" {timeline}"
    echo("next: fill in the empty fields and check the guesses marked `# check`; add events with "
         "quotes found by `python -m briefing quote SOURCE WORDS...`; then run "
         f"`python -m briefing check{shown}` until it reports no errors")
    return 0


def _sources_line(sources) -> str:
    if not sources:
        return "no files in sources/ or seeds/ yet; put the documents there and register each under `sources:`"
    guessed = sum(1 for s in sources if s.title or s.published)
    return (f"{plural(len(sources), 'source file')} registered"
            + (f", {guessed} with a title or date guessed from the text" if guessed else ""))
