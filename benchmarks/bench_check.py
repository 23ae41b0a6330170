"""Benchmark `python -m briefing check` on a large synthetic timeline.

Generates, under benchmarks/work/ (git-ignored), a timeline of 2,000 events
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
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVENTS = 2_000
SOURCES = 200
SOURCE_CHARS = 100_000
FAILING_QUOTES = 5
TARGET_SECONDS = 2.0
TARGET_MB = 400

WORK = Path(__file__).parent / "work" / "check"
PROJECT = Path(__file__).resolve().parent.parent

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
SYLLABLES = ("ka", "lo", "ren", "mi", "tas", "vel", "dor", "an", "shi", "pe", "ru", "ol", "ne", "bar", "ti")
ACTORS = [f"{a.capitalize()}{b} {c.capitalize()}{d}" for a, b, c, d in
          zip(SYLLABLES, reversed(SYLLABLES), SYLLABLES[3:] + SYLLABLES[:3], SYLLABLES[7:] + SYLLABLES[:7])]


def make_vocabulary(rng: random.Random) -> list[str]:
    words = ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 3))) for _ in range(3_000)]
    return words + ["the", "of", "and", "a", "to", "in", "harbour", "council", "ferry", "said"] * 50


def make_source_text(rng: random.Random, vocabulary: list[str], dates: list[tuple[int, int]]) -> str:
    """About SOURCE_CHARS of prose: lines of ~70 characters, paragraphs, some typography."""
    lines: list[str] = []
    size = 0
    while size < SOURCE_CHARS:
        words = rng.choices(vocabulary, k=rng.randint(8, 14))
        roll = rng.random()
        if roll < 0.05:
            words.insert(3, "\u201c" + words.pop(3) + "\u201d")  # curly quotes
        elif roll < 0.10:
            words.insert(4, "\u2014")  # an em-dash standing alone
        elif roll < 0.15:
            words.append(rng.choice(ACTORS))
        elif roll < 0.17 and dates:
            month, day = rng.choice(dates)
            words.extend(["on", str(day), MONTHS[month - 1]])
        if len(lines) % 100 == 0 and dates:
            month, day = dates[len(lines) // 100 % len(dates)]  # every date at least once
            words.extend(["on", MONTHS[month - 1], str(day)])
        line = " ".join(words)
        lines.append(line + ("\n\n" if rng.random() < 0.15 else "\n"))
        size += len(line) + 1
    return "".join(lines)


def pick_quote(rng: random.Random, text: str) -> str:
    """A passage of 60–160 characters starting and ending on word boundaries, often across a line break."""
    start = text.find(" ", rng.randrange(len(text) - 400)) + 1
    end = text.rfind(" ", start, start + rng.randint(60, 160))
    passage = " ".join(text[start:end].split())
    # Analysts type straight quotes and hyphens: the check must see past that.
    return passage.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-")


def generate(folder: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    vocabulary = make_vocabulary(rng)
    (folder / "seeds").mkdir(parents=True)
    sources = []
    for number in range(SOURCES):
        dates = [(rng.randint(1, 12), rng.randint(1, 28)) for _ in range(10)]
        text = make_source_text(rng, vocabulary, dates)
        file = f"seeds/{number:03d}.txt"
        (folder / file).write_text(text, encoding="utf-8")
        sources.append((f"source-{number:03d}", file, text, dates))

    out = ["brief:", "  title: Synthetic benchmark timeline", "  as_of: 2024-06-30",
           "  summary: Generated for the check benchmark.", "actors:"]
    for number, name in enumerate(ACTORS):
        out += [f"  - id: actor-{number}", f"    name: {name}"]
    out.append("sources:")
    for source_id, file, _, _ in sources:
        out += [f"  - id: {source_id}", f"    file: {file}", f"    title: Source {source_id}"]
    out.append("events:")
    failing = set(rng.sample(range(EVENTS), FAILING_QUOTES))
    for number in range(EVENTS):
        cited = rng.sample(sources, rng.randint(1, 3))
        month, day = rng.choice(cited[0][3])
        out += [
            f"  - id: event-{number:04d}",
            f"    date: 2023-{month:02d}-{day:02d}",
            f"    title: Event {number}",
            "    summary: Generated.",
            f"    actors: [actor-{rng.randrange(len(ACTORS))}]",
            "    evidence:",
        ]
        for index, (source_id, _, text, _) in enumerate(cited):
            quote = pick_quote(rng, text)
            if number in failing and index == 0:
                quote = quote.replace(" ", " xq ", 1)  # one inserted word: a near miss
            out += [f"      - source: {source_id}", f"        quote: {json.dumps(quote, ensure_ascii=False)}"]
    path = folder / "timeline.yaml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


SPLIT_TIMING = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from briefing.check import check_timeline
from briefing.loader import load_timeline
imported = time.perf_counter()
timeline, problems = load_timeline(Path(sys.argv[1]))
loaded = time.perf_counter()
result = check_timeline(timeline)
checked = time.perf_counter()
print(json.dumps({
    "import": imported - started, "load": loaded - imported, "check": checked - loaded,
    "findings": [f.code for f in result.findings],
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def run_child(arguments: list[str]) -> tuple[int, str, float, float]:
    """Run a child process: its exit status, its output, its wall time and its own peak RSS in MB."""
    with tempfile.TemporaryFile("w+") as output:
        started = time.perf_counter()
        child = subprocess.Popen(arguments, cwd=PROJECT, stdout=output, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        return child.returncode, output.read(), wall, usage.ru_maxrss / 1024


def main() -> int:
    keep = "--keep" in sys.argv
    if WORK.exists():
        shutil.rmtree(WORK)
    started = time.perf_counter()
    timeline = generate(WORK)
    megabytes = sum(p.stat().st_size for p in (WORK / "seeds").iterdir()) / 1e6
    print(f"generated {EVENTS} events, {SOURCES} sources, {megabytes:.1f} MB of text "
          f"in {time.perf_counter() - started:.1f} s ({WORK})")

    status, output, _, _ = run_child([sys.executable, "-c", SPLIT_TIMING, str(timeline)])
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
