"""Source files: reading them safely, and indexing what they state, once each.

Rules for reading (each failure is a finding code of the contract):
- R002: the path, with symlinks, `..` and absolute paths resolved, must lie
  inside the timeline's folder. A path outside is never opened.
- R001: the file must exist.
- R003: it must be a regular file of at most `MAX_SOURCE_BYTES` (5 MiB), contain
  no NUL byte (binary) and be valid UTF-8 (a leading BOM is allowed). Any file
  name or extension is accepted: the content decides, not the suffix.

What a source states (dates, names) is indexed by `SourceText`; the dates
themselves are read by `briefing.check.dates`.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .dates import StatedDates
from .quotes import NormalisedText, find_whole

MAX_SOURCE_BYTES = 5 * 1024 * 1024


class SourceText:
    """A readable source: its normalised text, indexed once, and what it states."""

    def __init__(self, data: bytes, original: str):
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.normalised = NormalisedText.of(original)
        self.dates = StatedDates(self.normalised.text)
        # Many events cite the same sources and name the same actors: each name is looked for once.
        self._named: dict[str, bool] = {}

    @cached_property
    def _folded(self) -> str:
        return self.normalised.text.casefold()

    def names(self, name: str) -> bool:
        """Whether the text has `name` (normalised) as whole words, in any case.

        The name as written is tried first: casefolding the whole text is
        paid only for names that are not found that way.
        """
        if name not in self._named:
            self._named[name] = (find_whole(self.normalised.text, name) != -1
                                 or find_whole(self._folded, name.casefold()) != -1)
        return self._named[name]


@dataclass(frozen=True)
class Unreadable:
    """Why a source could not be used: a finding code and its message."""

    code: str  # R001, R002 or R003
    message: str


def read_source(root: Path, file: str) -> SourceText | Unreadable:
    """Read and index one source file (`file` relative to `root`), or say why it cannot be used."""
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
        if size > MAX_SOURCE_BYTES:
            return Unreadable("R003", f"source file {file} is {size / 2**20:.1f} MiB, over the "
                                      f"{MAX_SOURCE_BYTES // 2**20} MiB limit for a source")
        data = path.read_bytes()
    except (OSError, RuntimeError) as error:  # no permission, a symlink loop (RuntimeError before 3.13)
        return Unreadable("R003", f"source file {file} cannot be read: {error}")
    if b"\0" in data:
        return Unreadable("R003", f"source file {file} is binary (it contains NUL bytes), not text")
    try:
        original = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Unreadable("R003", f"source file {file} is not UTF-8 (byte {error.start} on line {line}); "
                                  "save it as UTF-8")
    return SourceText(data, original)


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
