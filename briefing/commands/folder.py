"""The output folder: made when missing, locked while a build writes it, every failure said as an OutputError."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError
from ..files import write_atomically
from ..outputs import LOCK_FILE, STAGING_PREFIX


def _cause(error: OSError) -> str:
    return error.strerror or str(error)


def writable_folder(out_dir: Path) -> Path:
    """`out_dir`, made if missing; OutputError (exit 2) when it cannot be a folder we write in."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        if out_dir.is_symlink() and not out_dir.exists():
            why = f"it is a symbolic link to {os.readlink(out_dir)}, which does not exist"
        else:
            why = "it is a file, not a folder"
        raise OutputError(f"cannot use {out_dir}/ as the output folder: {why}; name a folder with --out") from None
    except OSError as error:
        raise OutputError(f"cannot make the output folder {out_dir}/: {_cause(error)}") from error
    # Tried, not asked (os.access): root passes every permission check, yet a read-only
    # mount or an immutable folder still refuses it.
    try:
        with tempfile.TemporaryFile(dir=out_dir, prefix=".write-test-"):
            pass
    except OSError as error:
        raise OutputError(f"cannot write in the output folder {out_dir}/: {_cause(error)}") from error
    return out_dir


def write_output(path: Path, data: bytes) -> None:
    """Write one output atomically; OutputError naming its folder when the disk refuses."""
    try:
        write_atomically(path, data)
    except OSError as error:
        raise OutputError(f"cannot write {path.name} in {path.parent}/: {_cause(error)}", status=3) from error


@contextmanager
def locked(out_dir: Path, progress: Callable[[str], None]):
    """Hold the output folder's lock: two builds into one folder never interleave.

    The lock is an flock on a file in the folder, so it ends with the process
    however it ends (crash, SIGKILL), and a waiting build is told why it waits.
    """
    path = out_dir / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        raise OutputError(f"cannot lock the output folder {out_dir}/ ({path.name}): {_cause(error)}") from error
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"Waiting for another build into {out_dir}/ to finish (it holds {path})...")
            fcntl.flock(fd, fcntl.LOCK_EX)  # Ctrl-C ends the wait
        yield
    finally:
        os.close(fd)  # releases the lock


def remove_stale_staging(out_dir: Path, keep: Path) -> None:
    """Staging folders a killed build left behind (SIGKILL runs no cleanup); safe under the lock,
    when no other build can be using one."""
    for stale in out_dir.glob(f"{STAGING_PREFIX}*"):
        if stale != keep and stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
