"""Benchmark `python -m briefing check` on a large synthetic timeline.

Generates (benchmarks/synthetic.py), under benchmarks/work/ (git-ignored), a timeline of 2,000 events
citing 200 source files of about 100 KB each (20 MB of text, with curly
quotes, dashes and line breaks for the normalisation to handle) and a few
failing quotes, then times the command in a subprocess: wall time and peak
memory (max RSS of the child). It also times load and check separately, in
another subprocess, to show where the time goes.

Targets: at most 2 s wall and 400 MB peak. The script reports; it exits
non-zero only when a figure is more than twice its target.

    python benchmarks/bench_check.py [--keep]
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402  (the generator shared with the tests and bench_build)

SHAPE = synthetic.Shape(events=2_000, sources=200, source_chars=100_000, failing_quotes=5)
TARGET_SECONDS = 2.0
TARGET_MB = 400

WORK = Path(__file__).parent / "work" / "check"
PROJECT = Path(__file__).resolve().parent.parent
PHASES = Path(__file__).parent / "check_phases.py"


def run_child(arguments: list[str]) -> tuple[int, str, float, float]:
    """A child process run from the project folder: status, output, wall time, its own peak RSS in MB."""
    return synthetic.run_child(arguments, cwd=PROJECT)


def main() -> int:
    keep = "--keep" in sys.argv
    if WORK.exists():
        shutil.rmtree(WORK)
    started = time.perf_counter()
    timeline = synthetic.write_timeline(WORK, SHAPE)
    megabytes = sum(p.stat().st_size for p in (WORK / "seeds").iterdir()) / 1e6
    print(f"generated {SHAPE.events} events, {SHAPE.sources} sources, {megabytes:.1f} MB of text "
          f"in {time.perf_counter() - started:.1f} s ({WORK})")

    status, output, _, _ = run_child([sys.executable, str(PHASES), str(timeline)])
    if status != 0:
        print(output)
        return 1
    parts = json.loads(output)
    counts = {code: parts["findings"].count(code) for code in sorted(set(parts["findings"]))}
    print(f"in process: import {parts['import']:.2f} s, load {parts['load']:.2f} s, "
          f"check {parts['check']:.2f} s, peak {parts['peak_mb']:.0f} MB; findings {counts}")

    command = [sys.executable, "-m", "briefing", "check", str(timeline), "--out", str(WORK / "out")]
    run_child(command)  # warms the file cache and the bytecode cache, as for a user's second run
    runs = [run_child(command) for _ in range(3)]
    status, output, _, _ = runs[0]
    if status not in (0, 1):
        print(output[-3000:])
        return 1
    wall = min(run[2] for run in runs)
    peak = max(run[3] for run in runs)
    last_line = output.strip().splitlines()[-1] if output.strip() else ""
    print(f"python -m briefing check: exit {status}, best of 3; its last line: {last_line}")

    print(f"wall time  {wall:5.2f} s   (target <= {TARGET_SECONDS:.0f} s)  "
          f"{'OK' if wall <= TARGET_SECONDS else 'OVER'}")
    print(f"peak RSS   {peak:5.0f} MB  (target <= {TARGET_MB} MB) "
          f"{'OK' if peak <= TARGET_MB else 'OVER'}")
    if not keep:
        shutil.rmtree(WORK)
    return 1 if wall > 2 * TARGET_SECONDS or peak > 2 * TARGET_MB else 0


if __name__ == "__main__":
    sys.exit(main())
