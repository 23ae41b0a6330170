"""A new timeline to fill in: what `init` writes.

The brief's required fields, a commented one-event skeleton, and every file
already in `sources/` or `seeds/` registered as a source. A source's title and
publication date are guessed from its first lines (a heading, a date line)
and marked `# check`, because a guess is only a head start: the analyst
confirms them against the document.

Required values are left empty on purpose: `check` on the new file then
names, with their places, exactly the fields still to fill in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .check.dates import MONTH_BY_WORD
from .model import MONTH_NAMES

SOURCE_FOLDERS = ("sources", "seeds")
SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
# How far into a document a title or a date line is looked for.
HEAD_LINES = 25
TITLE_WORDS = (4, 30)
TITLE_CHARS = 160

_MONTH = "(?:" + "|".join(name[:3] for name in MONTH_NAMES) + r")[a-z]*\.?"
_DATE_PATTERNS = (
    (re.compile(rf"\b({_MONTH}) (\d{{1,2}}),? (\d{{4}})\b"), ("month", "day", "year")),
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTH}),? (\d{{4}})\b"), ("day", "month", "year")),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("year", "month", "day")),
)


@dataclass(frozen=True)
class SourceGuess:
    file: str  # relative to the timeline's folder, with "/"
    id: str
    title: str | None
    published: dt.date | None


@dataclass(frozen=True)
class SourceText:
    """What a source's format gives: the text a reader sees, and the title and date it states, if any."""

    text: str
    title: str | None = None
    published: dt.date | None = None


def source_files(folder: Path) -> list[Path]:
    """Files `init` registers: those of a known kind in sources/ or seeds/, in name order."""
    found = []
    for name in SOURCE_FOLDERS:
        place = folder / name
        if place.is_dir():
            found += sorted(p for p in place.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    return found


def source_id(path: Path, taken: set[str]) -> str:
    """An id from the file name: lower case ASCII, digits and hyphens, unique."""
    ascii_name = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:50].strip("-") or "source"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def guess_title(text: str) -> str | None:
    """The first early line that reads like a headline: a few words, no final full stop."""
    for line in text.splitlines()[:HEAD_LINES]:
        line = line.strip().lstrip("#").strip()
        words = line.split()
        if (TITLE_WORDS[0] <= len(words) <= TITLE_WORDS[1] and len(line) <= TITLE_CHARS
                and not line.endswith((".", ":", ";", ","))):
            return line
    return None


def guess_published(text: str) -> dt.date | None:
    """The first full date in the document's first lines (a byline or date line)."""
    head = "\n".join(text.splitlines()[:HEAD_LINES])
    found = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(head):
            parts = dict(zip(order, match.groups()))
            month = parts["month"]
            month = int(month) if month.isdigit() else MONTH_BY_WORD.get(month.lower().rstrip("."))
            if month is None:  # "Mayor 12, 2024" is no date
                continue
            try:
                found.append((match.start(), dt.date(int(parts["year"]), month, int(parts["day"]))))
            except ValueError:
                continue
    return min(found)[1] if found else None


def guess_sources(folder: Path, read) -> list[SourceGuess]:
    """A guess per source file; `read(path)` gives its SourceText, or None when it has no text.

    A title or date the format states (a web page's metadata) is preferred to
    one guessed from the first lines.
    """
    taken: set[str] = set()
    guesses = []
    for path in source_files(folder):
        source = read(path) or SourceText("")
        guesses.append(SourceGuess(
            file=path.relative_to(folder).as_posix(),
            id=source_id(path, taken),
            title=source.title or guess_title(source.text),
            published=source.published or guess_published(source.text),
        ))
    return guesses


def _yaml_string(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, escapes included.
    return json.dumps(text, ensure_ascii=False)


def timeline_text(sources: list[SourceGuess], *, schema: str | None, today: dt.date) -> str:
    """The new timeline.yaml, comments included."""
    lines = []
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    lines += [
        "# A new timeline. The format is described in the briefing README, \"The timeline file\".",
        "# Fill in the empty values, add events with verbatim quotes (`python -m briefing quote`",
        "# finds them for you), then run `python -m briefing check` until it reports no errors.",
        "",
        "brief:",
        "  title:                # the brief's title",
        f"  as_of: {today.isoformat()}     # the information cut-off: nothing after it is known to the brief",
        "  summary:              # the bottom line, one short paragraph",
        "  # scope: what the brief covers and what it leaves out",
        "  judgements: []        # - {text: ..., confidence: low | moderate | high, basis: ..., events: [...]}",
        "",
        "sources:",
    ]
    if not sources:
        lines += [
            "  # No files were found in sources/ or seeds/. Put the documents there and register each:",
            "  - id:",
            "    file:",
            "    title:",
        ]
    for source in sources:
        lines.append(f"  - id: {source.id}")
        lines.append(f"    file: {_yaml_string(source.file)}")
        if source.title:
            lines.append(f"    title: {_yaml_string(source.title)}   # check: guessed from the text")
        else:
            lines.append("    title:                # the document's headline")
        if source.published:
            lines.append(f"    published: {source.published.isoformat()}   # check: guessed from the text")
        lines.append("    # publisher, author, url, kind (news | opinion | analysis | official | other), reliability (A-F)")
    lines += [
        "",
        "events:",
        "  # One entry per event; copy this skeleton and fill it in.",
        "  # - id: first-event           # lower case letters, digits and hyphens",
        "  #   date: 2024-01-31          # YYYY-MM-DD, YYYY-MM or YYYY: only the precision the sources give",
        "  #   title: One short line",
        "  #   summary: What happened, saying no more than the quotes below.",
        "  #   evidence:",
        f"  #     - source: {sources[0].id if sources else 'a-source-id'}",
        "  #       quote: a verbatim excerpt of the source",
        "",
    ]
    return "\n".join(lines)
