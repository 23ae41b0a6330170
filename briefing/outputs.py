"""What a command writes to its output folder, named in one place, and the build's saved state.

The state is one small JSON file the build reads back: the key and shape of
the figure the folder holds (so an unchanged figure is neither drawn nor
exported), and room for what the next edition compares with.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from .model import Timeline

DEFAULT_OUT = "out"  # beside the timeline file (contract v2)
CHECK_JSON = "check.json"
STATE_FILE = ".briefing-state.json"
LOCK_FILE = ".briefing.lock"
STAGING_PREFIX = ".staging-"
# The vector figure is an intermediate the brief embeds; hidden, so that the
# brief is the only PDF in out/ to attach (and `out/*.pdf` names just it).
# In the order they are rendered: the PDF first, which the brief embeds; then the PNG,
# which the email embeds, so the email is composed while the SVG renders.
FIGURE_FILES = {"pdf": ".timeline-figure.pdf", "png": "timeline.png", "svg": "timeline.svg"}
HTML_FILE = "timeline.html"
DRAFT_SUFFIX = "-DRAFT"
STATE_FORMAT = 1


def figure_files(draft: bool) -> dict[str, str]:
    """The figure's files by format. A draft's carry -DRAFT in their names: a draft never
    replaces what a verified build wrote, and is never taken for it."""
    if not draft:
        return dict(FIGURE_FILES)
    return {fmt: _draft_name(name) for fmt, name in FIGURE_FILES.items()}


def html_file(draft: bool) -> str:
    return _draft_name(HTML_FILE) if draft else HTML_FILE


def _draft_name(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return f"{stem}{DRAFT_SUFFIX}{dot}{extension}"


def draft_outputs(out_dir: Path) -> list[Path]:
    """Every draft a build left in `out_dir` (briefs, their emails, figure files): a verified build supersedes them."""
    names = {*figure_files(draft=True).values(), html_file(draft=True)}
    endings = (f"{DRAFT_SUFFIX}.pdf", f"{DRAFT_SUFFIX}.eml")
    return sorted(path for path in Path(out_dir).iterdir()
                  if path.is_file() and (path.name in names or path.name.endswith(endings)))


def default_out_dir(timeline_file: Path) -> Path:
    """`out/` in the timeline file's folder: building another timeline never touches this one's outputs."""
    return Path(timeline_file).parent / DEFAULT_OUT


def brief_name(timeline: Timeline) -> str:
    """A name that means something as an email attachment: title and date, in ASCII (mail clients
    mangle other names), without the year twice when the title ends in it ("...-2010-2010-10-31")."""
    ascii_title = unicodedata.normalize("NFKD", timeline.brief.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].rstrip("-")
    date = timeline.brief.as_of.isoformat()
    slug = re.sub(rf"(^|-){date[:4]}$", "", slug)
    return f"{slug or 'brief'}-{date}"


def brief_file(timeline: Timeline, draft: bool) -> str:
    return f"{brief_name(timeline)}{DRAFT_SUFFIX if draft else ''}.pdf"


def email_file(timeline: Timeline, draft: bool = False) -> str:
    """Beside the brief, named like it: a draft brief's email is a draft too."""
    return f"{brief_name(timeline)}{DRAFT_SUFFIX if draft else ''}.eml"


# The manifests of the last verified edition built into the folder and of the one before it
# (editions.manifest_bytes). Hidden files beside the state, staged and replaced with the brief:
# the previous one is what the last brief's "Changes since" compared with, kept so that
# rebuilding unchanged inputs shows the same comparison again.
EDITION_CURRENT = ".edition-current.json"
EDITION_PREVIOUS = ".edition-previous.json"


def stored_editions(out_dir: Path) -> tuple[bytes | None, bytes | None]:
    """The raw manifests (current, previous) a verified build left in `out_dir`, None when absent."""
    def read(name: str) -> bytes | None:
        try:
            return (Path(out_dir) / name).read_bytes()
        except OSError:
            return None
    return read(EDITION_CURRENT), read(EDITION_PREVIOUS)


@dataclass(frozen=True)
class BuildState:
    """What the last build into a folder left there; every field None when unknown."""

    figure_key: str | None = None  # export.figure_key of the figure files in the folder
    figure_aspect: float | None = None  # their width / height, which the brief's figure page is laid out with
    brief_name: str | None = None  # the last verified edition's name (outputs.brief_name)
    manifest_digest: str | None = None  # the last verified edition's manifest, for "changes since"
    figure_files: dict[str, str] | None = None  # each figure file's identity by name: a damaged one is redrawn

    def to_json(self) -> bytes:
        return (json.dumps({"format": STATE_FORMAT, **asdict(self)}, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def read(cls, out_dir: Path) -> BuildState:
        """The state in `out_dir`, or an empty one when there is none or it cannot be used
        (damaged, another format): the build then redraws, which is always safe."""
        try:
            data = json.loads((Path(out_dir) / STATE_FILE).read_bytes())
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            return cls()
        key, aspect = data.get("figure_key"), data.get("figure_aspect")
        name, digest = data.get("brief_name"), data.get("manifest_digest")
        good_aspect = isinstance(aspect, (int, float)) and not isinstance(aspect, bool) and 0 < aspect < 1e6
        files = data.get("figure_files")
        good_files = isinstance(files, dict) and all(isinstance(v, str) for v in files.values())
        return cls(
            figure_files=files if good_files else None,
            figure_key=key if isinstance(key, str) else None,
            figure_aspect=float(aspect) if good_aspect else None,
            brief_name=name if isinstance(name, str) else None,
            manifest_digest=digest if isinstance(digest, str) else None,
        )
