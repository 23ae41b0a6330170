"""Source files: reading them safely, and indexing what they state, once each.

Rules for reading (each failure is a finding code of the contract):
- R002: the path, with symlinks, `..` and absolute paths resolved, must lie
  inside the timeline's folder. A path outside is never opened.
- R001: the file must exist.
- R003: it must be a regular file within its format's size limit, and its
  format (`briefing.formats`, chosen by extension: .txt, .md, .html/.htm,
  .pdf; any other name is read as text) must give text: a text file with no
  NUL byte and valid UTF-8 (a leading BOM is allowed), a page with a main
  text, a PDF with a text layer.

Every rule reads the text a reader sees (what the format extracted), and
places are described by the format ("line 12, col 3", "p. 3, line 14").
What a source states (dates, names) is indexed by `SourceText`; the dates
themselves are read by `briefing.check.dates`.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import unicodedata
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path

from .. import formats
from ..formats import Extracted, Place, PlaceMap, Unreadable, format_of
from ..model import PartialDate
from .dates import StatedDates
from .names import name_in_source
from .normalise import NormalisedText
from .quotes import find_whole

MAX_SOURCE_BYTES = formats.TEXT.max_bytes  # a .txt source; each format has its own limit

Extractor = Callable[[Path, bytes], "Extracted | Unreadable"]


class SourceText:
    """A readable source: the text a reader sees, normalised and indexed once, and what it states."""

    def __init__(self, data: bytes, original: str, places: PlaceMap | None = None, format: str = "text",
                 published: PartialDate | None = None):
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.format = format
        self.published = published  # the date the file's metadata states (a web page's), if any
        self.places = places if places is not None else PlaceMap.build(original)
        self.normalised = NormalisedText.of(original)
        self.dates = StatedDates(self.normalised.text)
        # Many events cite the same sources and name the same actors: each name is looked for once.
        self._named: dict[str, bool] = {}

    @classmethod
    def of(cls, data: bytes, extracted: Extracted) -> SourceText:
        day = extracted.published_day
        return cls(data, extracted.text, extracted.places, extracted.format,
                   PartialDate(day.year, day.month, day.day) if day else None)

    def place(self, offset: int) -> Place:
        """Where in the file the character at `offset` of the normalised text was."""
        return self.places.describe(self.normalised.source_offset(offset))

    @cached_property
    def _folded(self) -> str:
        return self.normalised.text.casefold()

    def names(self, name: str) -> bool:
        """Whether the text states `name` (normalised), as `names.name_in_source` decides it for C002:
        whole words in any case, then without accents, hyphen or space, and the other ways a source
        writes a name. A001 and C002 so never disagree about one source and one name.

        Whole words as written are tried first: the slower readings are paid only for names
        that are not found that way.
        """
        if name not in self._named:
            self._named[name] = (find_whole(self.normalised.text, name) != -1
                                 or find_whole(self._folded, name.casefold()) != -1
                                 or name_in_source(name, self.normalised.text))
        return self._named[name]


def read_source(root: Path, file: str, extract: Extractor = formats.extract) -> SourceText | Unreadable:
    """Read and index one source file (`file` relative to `root`), or say why it cannot be used.

    `extract` turns the file's bytes into its text (`formats.extract`, or an
    `ExtractionCache`'s, so an unchanged PDF is parsed once)."""
    real_root = root.resolve()
    try:
        path = (real_root / file).resolve()
        if not path.is_relative_to(real_root):
            return Unreadable("R002", f"source path {file} resolves to {path}, outside the timeline's folder "
                                      f"{real_root}; copy the file into the folder and name it from there")
        if not path.exists():
            path = _same_name_normalised(real_root, file) or path
        if not path.exists():
            return Unreadable("R001", f"source file {file} does not exist{_suggestion(real_root, file)}")
        if not path.is_file():
            return Unreadable("R003", f"source file {file} is not a regular file")
        size = path.stat().st_size
        fmt = format_of(path)
        if size > fmt.max_bytes:  # refused before reading: the file may be huge
            return Unreadable("R003", f"source file {file} is {size / 2**20:.1f} MiB, over the "
                                      f"{fmt.max_bytes // 2**20} MiB limit for {fmt.described_as}")
        data = path.read_bytes()
    except (OSError, RuntimeError) as error:  # no permission, a symlink loop (RuntimeError before 3.13)
        return Unreadable("R003", f"source file {file} cannot be read: {error}")
    extracted = extract(Path(file), data)
    if isinstance(extracted, Unreadable):
        return extracted
    return SourceText.of(data, extracted)


def cached_reader(folder: Path) -> Callable[[Path, str], SourceText | Unreadable]:
    """A `read_source` that keeps extracted text in `folder` (by the file's digest) between runs."""
    cache = formats.ExtractionCache(folder)
    return partial(read_source, extract=cache.extract)


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _same_name_normalised(root: Path, file: str) -> Path | None:
    """The file whose name differs from `file` only in Unicode normalisation (macOS writes NFD names), if any."""
    path = root
    for part in Path(file).parts:
        candidate = path / part
        if not candidate.exists():
            try:
                candidate = next((entry for entry in path.iterdir() if _nfc(entry.name) == _nfc(part)), candidate)
            except OSError:
                return None
        path = candidate
    path = path.resolve()
    return path if path.exists() and path.is_relative_to(root) else None


# Files looked at when suggesting a name for a mistyped path: enough for any timeline's folder,
# bounded so a folder holding a whole disk does not stall the check.
SUGGESTION_SCAN_LIMIT = 5000
_SKIPPED_FOLDERS = {"out", "node_modules", "__pycache__"}


def _suggestion(root: Path, file: str) -> str:
    """"; did you mean sources/x.txt?" for the existing file nearest the mistyped `file`, or ""."""
    names: list[str] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        relative = Path(folder).relative_to(root)
        names.extend(_nfc((relative / name).as_posix()) for name in sorted(files) if not name.startswith("."))
        if len(names) >= SUGGESTION_SCAN_LIMIT:
            break
    wanted = _nfc(Path(file).as_posix())
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.8)
    if not close:  # a right name in the wrong folder
        by_name = [name for name in names if Path(name).name == Path(wanted).name]
        close = by_name[:1]
    return f"; did you mean {close[0]}?" if close else ""
