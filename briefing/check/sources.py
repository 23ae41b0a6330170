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

import hashlib
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
            return Unreadable("R001", f"source file {file} does not exist")
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
