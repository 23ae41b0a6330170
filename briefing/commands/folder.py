"""The output folder: made when missing, and every failure to write it said as an OutputError."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError
from ..files import write_atomically


def _cause(error: OSError) -> str:
    return error.strerror or str(error)


def writable_folder(out_dir: Path) -> Path:
    """`out_dir`, made if missing; OutputError (exit 2) when it cannot be a folder we write in."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot use {out_dir}/ as the output folder: it is a file; name a folder with --out") from None
    except OSError as error:
        raise OutputError(f"cannot make the output folder {out_dir}/: {_cause(error)}") from error
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in the output folder {out_dir}/: permission denied")
    return out_dir


def write_output(path: Path, data: bytes) -> None:
    """Write one output atomically; OutputError naming its folder when the disk refuses."""
    try:
        write_atomically(path, data)
    except OSError as error:
        raise OutputError(f"cannot write {path.name} in {path.parent}/: {_cause(error)}", status=3) from error
