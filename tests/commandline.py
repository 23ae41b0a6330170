"""Running `python -m briefing` as a user does: a child process of this Python, on this checkout's code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def briefing(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """The command's exit status and output. `env` adds variables; an inherited SOURCE_DATE_EPOCH is
    dropped, as a user's shell does not set it and it fixes the dates a brief is stamped with."""
    environment = {**os.environ, "PYTHONPATH": str(PROJECT)}
    environment.pop("SOURCE_DATE_EPOCH", None)
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)
