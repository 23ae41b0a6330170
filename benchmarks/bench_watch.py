"""The edit loop's speed: from saving an edit to the new brief in place, warm `watch` against a one-shot build.

Runs `python -m briefing watch` as a real process on a copy of a small fixture,
saves edits the way editors do (a new file renamed over the old one) and
times until the brief's PDF is replaced. Then the same edit through a
one-shot `python -m briefing build`, in the same run. Last, 50 rounds and the
watch process's memory (VmRSS) before and after, and its browser's.

Targets (issue 14): an edit that leaves the figure alone <= 0.3 s, one that
changes it <= 0.8 s, RSS growth over 50 rounds <= 50 MB.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "pdf_basic"
sys.path.insert(0, str(ROOT))
from briefing.commands.watch import group_rss  # noqa: E402

# A key judgement's wording: in the brief only. (An event's summary is in the figure's hover text.)
TEXT_EDIT = ("Dam construction will not start", "Dam construction will not begin")
FIGURE_EDIT = ("title: Tribunal hears", "title: The tribunal hears")  # an event's title: the figure changes
REPEATS = 5
ROUNDS = 50


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        old, new = new, old  # toggle back
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


def pdf_identity(out: Path):
    try:
        [pdf] = out.glob("*-2024-06-30.pdf")
        stat = pdf.stat()
        return stat.st_ino, stat.st_mtime_ns
    except (ValueError, OSError):
        return None


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def browser_groups(pid: int) -> set[int]:
    groups = set()
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                fields = Path(f"/proc/{entry.name}/stat").read_bytes().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and int(fields[2]) != os.getpgid(pid):
                groups.add(int(fields[2]))
    return groups


class Watch:
    def __init__(self, timeline: Path):
        self.out = timeline.parent / "out"
        self.process = subprocess.Popen([sys.executable, "-m", "briefing", "watch", str(timeline)], cwd=ROOT,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout], daemon=True).start()

    def wait_line(self, prefix: str, timeout: float = 300) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if line.startswith(prefix):
                return line

    def timed_save(self, path: Path, edit: tuple[str, str], timeout: float = 300) -> float:
        before = pdf_identity(self.out)
        started = time.perf_counter()
        save(path, *edit)
        while pdf_identity(self.out) == before:
            if time.perf_counter() - started > timeout:
                raise TimeoutError("no new brief")
            time.sleep(0.002)
        seconds = time.perf_counter() - started
        self.wait_line("Wrote ")
        return seconds


def one_shot(timeline: Path, edit: tuple[str, str]) -> float:
    save(timeline, *edit)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefing", "build", str(timeline)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-watch-"))
    try:
        shutil.copytree(FIXTURE, work / "watched")
        shutil.copytree(FIXTURE, work / "built")
        watched, built = work / "watched" / "timeline.yaml", work / "built" / "timeline.yaml"
        # Figures from a busy machine are not this code's: say how busy it was.
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        watch = Watch(watched)
        watch.wait_line("Wrote ")
        watch.wait_line("Watching ")
        watch.timed_save(watched, TEXT_EDIT)  # warm-up: every module loaded, every source indexed
        watch.timed_save(watched, FIGURE_EDIT)
        text = [watch.timed_save(watched, TEXT_EDIT) for _ in range(REPEATS)]
        figure = [watch.timed_save(watched, FIGURE_EDIT) for _ in range(REPEATS)]
        subprocess.run([sys.executable, "-m", "briefing", "build", str(built)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text_build = [one_shot(built, TEXT_EDIT) for _ in range(3)]
        figure_build = [one_shot(built, FIGURE_EDIT) for _ in range(3)]

        def figures(label, warm, cold, target):
            print(f"{label:<26} watch median {statistics.median(warm):.3f} s (min {min(warm):.3f}, "
                  f"max {max(warm):.3f}; target <= {target} s)  one-shot build median "
                  f"{statistics.median(cold):.3f} s  ({statistics.median(cold) / statistics.median(warm):.1f}x)")

        figures("figure unchanged", text, text_build, 0.3)
        figures("figure changed", figure, figure_build, 0.8)

        rss_before = rss(watch.process.pid)
        browsers_before = sum(group_rss(g) for g in browser_groups(watch.process.pid))
        started = time.perf_counter()
        for number in range(ROUNDS):
            watch.timed_save(watched, FIGURE_EDIT if number % 5 == 0 else TEXT_EDIT)
        elapsed = time.perf_counter() - started
        rss_after = rss(watch.process.pid)
        browsers_after = sum(group_rss(g) for g in browser_groups(watch.process.pid))
        print(f"{ROUNDS} rounds (one in five changes the figure) in {elapsed:.1f} s: watch process RSS "
              f"{rss_before / 2**20:.0f} MB -> {rss_after / 2**20:.0f} MB "
              f"(growth {(rss_after - rss_before) / 2**20:+.1f} MB; target <= 50 MB); "
              f"browser (Pss) {browsers_before / 2**20:.0f} MB -> {browsers_after / 2**20:.0f} MB")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        watch.process.send_signal(signal.SIGINT)
        watch.process.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
