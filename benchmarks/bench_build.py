"""Benchmark `python -m briefing build`: the seed brief cold and warm, and a 2,000-event brief.

Prints, in one run:
- the cold build of the seed brief (fresh output folder, so Chromium starts)
  against its floor: one Chromium start plus one export plus the reportlab
  write, measured alone in another process (target: at most 1.3x);
- a rebuild after an edit that leaves the figure unchanged (target: at most
  0.6 s): the export is skipped, the PDF is written again;
- a 2,000-event brief, every event in the chronology and its sections
  (target: at most 15 s and 600 MB; memory is the Python process's own peak,
  Chromium's processes are not counted).

It reports and never asserts on time; it exits non-zero only when a figure
is more than twice its target.

    python benchmarks/bench_build.py
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_check  # noqa: E402  (its child-process timer)
import synthetic  # noqa: E402  (the generated timeline)

PROJECT = Path(__file__).resolve().parent.parent
WORK = Path(__file__).parent / "work" / "build"
RUNS = 5  # the seed figures are medians: a shared machine varies by a tenth of a second

FLOOR = """
import json, sys, time
from pathlib import Path
from briefing.loader import load_timeline
from briefing.check import check_timeline
from briefing.figure import build_figure
from briefing.export import export_figure
from briefing.pdf import BriefOptions, EmbeddedFigure, write_brief
out = Path(sys.argv[2])
result = check_timeline(load_timeline(Path(sys.argv[1]))[0])
figure = build_figure(result.timeline)
started = time.perf_counter()
export_figure(figure, {"pdf": out / "figure.pdf"})
exported = time.perf_counter()
write_brief(result, out / "brief.pdf", figure=EmbeddedFigure.from_file(out / "figure.pdf"), options=BriefOptions())
written = time.perf_counter()
print(json.dumps({"export": exported - started, "write": written - exported}))
"""


def build(folder: Path, *extra: str) -> tuple[float, float, str]:
    command = [sys.executable, "-m", "briefing", "build", str(folder / "timeline.yaml"), "--out", str(folder / "out"), *extra]
    status, output, wall, peak = bench_check.run_child(command)
    if status != 0:
        sys.exit(f"build failed ({status}):\n{output[-3000:]}")
    return wall, peak, output.strip().splitlines()[-1]


def seed_project(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(PROJECT / "timeline.yaml", folder)
    shutil.copytree(PROJECT / "seeds", folder / "seeds")
    return folder


def verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "OVER"


def main() -> int:
    over_twice = False
    seed = seed_project(WORK / "seed")
    build(seed)  # warms the bytecode and file caches, as for a user's second session

    colds, floors, warms = [], [], []
    for _ in range(RUNS):
        shutil.rmtree(seed / "out")
        colds.append(build(seed)[0])
        # An analyst's edit that leaves the figure alone: the brief must be
        # rewritten (its fingerprint of the timeline changes), the figure not.
        with open(seed / "timeline.yaml", "a") as timeline:
            timeline.write("# edited\n")
        warms.append(build(seed)[0])
        floor_dir = WORK / "floor"
        shutil.rmtree(floor_dir, ignore_errors=True)
        floor_dir.mkdir()
        status, output, _, _ = bench_check.run_child([sys.executable, "-c", FLOOR, str(seed / "timeline.yaml"), str(floor_dir)])
        if status != 0:
            sys.exit(output)
        parts = json.loads(output.strip().splitlines()[-1])
        floors.append(parts["export"] + parts["write"])

    cold, floor, warm = statistics.median(colds), statistics.median(floors), statistics.median(warms)
    print(f"seed brief, cold build     {cold:5.2f} s  (median of {RUNS}; Python start, load, check, 3 formats + HTML, PDF)")
    print(f"floor                      {floor:5.2f} s  (one Chromium start + one export + the reportlab write, alone)")
    print(f"cold / floor               {cold / floor:5.2f} x  (target <= 1.3 x)  {verdict(cold / floor, 1.3)}")
    print(f"rebuild, figure unchanged  {warm:5.2f} s  (target <= 0.6 s)  {verdict(warm, 0.6)}")
    over_twice |= cold / floor > 2.6 or warm > 1.2

    large = WORK / "large"
    shutil.rmtree(large, ignore_errors=True)
    synthetic.write_timeline(large, synthetic.Shape(failing_quotes=0))  # a brief that verifies, so it is written
    wall, peak, last = build(large)
    print(f"2,000-event brief          {wall:5.2f} s  (target <= 15 s)  {verdict(wall, 15)}")
    print(f"   peak memory             {peak:5.0f} MB (target <= 600 MB) {verdict(peak, 600)}")
    print(f"   {last}")
    over_twice |= wall > 30 or peak > 1200

    shutil.rmtree(WORK, ignore_errors=True)
    return 1 if over_twice else 0


if __name__ == "__main__":
    sys.exit(main())
