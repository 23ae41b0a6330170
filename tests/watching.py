"""A `python -m briefing watch|preview` run as a real process, its stdout read line by line, every wait bounded."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "pdf_basic"
# This machine may be busy (other builds, other browsers): generous, but bounded.
ROUND_TIMEOUT = 180.0


def copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "brief"
    shutil.copytree(FIXTURE, folder)
    return folder / "timeline.yaml"


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_bytes().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(stat[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state != b"Z"


def command_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


class Watching:
    def __init__(self, *args: str, env: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "briefing", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        self.lines: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float = ROUND_TIMEOUT) -> str:
        """The first line from now on that matches `pattern`; AssertionError with the output on a timeout."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                line = self._queue.get(timeout=max(left, 0.01))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} within {timeout:g} s:\n" + "\n".join(self.lines))
            if line is None:
                raise AssertionError(f"the process ended before {pattern!r}:\n" + "\n".join(self.lines))
            self.lines.append(line)
            if re.search(pattern, line):
                return line

    def wait_round_done(self, timeout: float = ROUND_TIMEOUT) -> str:
        return self.wait_for(r"^(Wrote |Round failed)", timeout)

    def rest(self) -> list[str]:
        """Every line the process printed, once it has ended."""
        self.process.wait(timeout=10)
        while True:
            line = self._queue.get(timeout=10)
            if line is None:
                return self.lines
            self.lines.append(line)

    def stop(self, sig: int = signal.SIGINT, timeout: float = 10.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
