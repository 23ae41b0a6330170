"""Synthetic timelines for benchmarks and tests: one generator, written to files like a user's folder.

It does not import briefing: what it writes is what a user would write, so the
benchmarks time the real commands on it and tests check it like any fixture.
Every event quotes the line of its first source that states its date, so its
date is neither missing (D001) nor away from its quotes (D002); the faults
planted are near-miss quotes (Q001). Actors are drawn at random, so a few
A001 remain, as in a real first draft.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
SYLLABLES = ("ka", "lo", "ren", "mi", "tas", "vel", "dor", "an", "shi", "pe", "ru", "ol", "ne", "bar", "ti")
ACTORS = [f"{a.capitalize()}{b} {c.capitalize()}{d}" for a, b, c, d in
          zip(SYLLABLES, reversed(SYLLABLES), SYLLABLES[3:] + SYLLABLES[:3], SYLLABLES[7:] + SYLLABLES[:7])]


@dataclass(frozen=True)
class Shape:
    """How big a synthetic timeline is."""

    events: int = 2_000
    sources: int = 200
    source_chars: int = 100_000  # per source file
    failing_quotes: int = 5  # each a near miss: one inserted word
    seed: int = 7


def make_vocabulary(rng: random.Random) -> list[str]:
    words = ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 3))) for _ in range(3_000)]
    return words + ["the", "of", "and", "a", "to", "in", "harbour", "council", "ferry", "said"] * 50


def make_source_text(rng: random.Random, vocabulary: list[str], dates: list[tuple[int, int]], chars: int) -> str:
    """About `chars` of prose: lines of ~70 characters, paragraphs, some typography, the given dates."""
    lines: list[str] = []
    size = 0
    while size < chars:
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
            month, day = dates[len(lines) // 100 % len(dates)]  # every date at least once, ending its line
            words.extend(["on", MONTHS[month - 1], str(day)])
        line = " ".join(words)
        lines.append(line + ("\n\n" if rng.random() < 0.15 else "\n"))
        size += len(line) + 1
    return "".join(lines)


def _as_typed(passage: str) -> str:
    # Analysts type straight quotes and hyphens: the check must see past that.
    return " ".join(passage.split()).replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-")


def pick_quote(rng: random.Random, text: str) -> str:
    """A passage of 60–160 characters starting and ending on word boundaries, often across a line break."""
    start = text.find(" ", rng.randrange(len(text) - 400)) + 1
    end = text.rfind(" ", start, start + rng.randint(60, 160))
    return _as_typed(text[start:end])


def _mention(month: int, day: int) -> str:
    return f" on {MONTHS[month - 1]} {day}\n"


def dated_quote(text: str, month: int, day: int) -> str:
    """The line of `text` that ends with the date: a quote whose paragraph states it."""
    mention = _mention(month, day)
    at = text.index(mention)
    return _as_typed(text[text.rfind("\n", 0, at) + 1 : at + len(mention)])


def write_timeline(folder: Path, shape: Shape = Shape()) -> Path:
    """A timeline file and its source files under `folder` (which must not exist yet); the timeline's path."""
    rng = random.Random(shape.seed)
    vocabulary = make_vocabulary(rng)
    (folder / "seeds").mkdir(parents=True)
    sources = []
    for number in range(shape.sources):
        dates = [(rng.randint(1, 12), rng.randint(1, 28)) for _ in range(10)]
        text = make_source_text(rng, vocabulary, dates, shape.source_chars)
        file = f"seeds/{number:03d}.txt"
        (folder / file).write_text(text, encoding="utf-8")
        ending_a_line = [date for date in dates if _mention(*date) in text]  # a short text has fewer
        sources.append((f"source-{number:03d}", file, text, ending_a_line))

    out = ["brief:", "  title: Synthetic timeline", "  as_of: 2024-06-30",
           "  summary: Generated for benchmarks and tests.", "actors:"]
    for number, name in enumerate(ACTORS):
        out += [f"  - id: actor-{number}", f"    name: {name}"]
    out.append("sources:")
    for source_id, file, _, _ in sources:
        out += [f"  - id: {source_id}", f"    file: {file}", f"    title: Source {source_id}"]
    out.append("events:")
    failing = set(rng.sample(range(shape.events), shape.failing_quotes))
    for number in range(shape.events):
        cited = rng.sample(sources, rng.randint(1, min(3, len(sources))))
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
            quote = dated_quote(text, month, day) if index == 0 else pick_quote(rng, text)
            if number in failing and index == 0:
                quote = quote.replace(" ", " xq ", 1)  # one inserted word: a near miss
            out += [f"      - source: {source_id}", f"        quote: {json.dumps(quote, ensure_ascii=False)}"]
    path = folder / "timeline.yaml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def run_child(arguments: list[str], cwd: Path | None = None) -> tuple[int, str, float, float]:
    """Run a child process: its exit status, its output, its wall time and its own peak RSS in MB."""
    with tempfile.TemporaryFile("w+") as output:
        started = time.perf_counter()
        child = subprocess.Popen(arguments, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
        wall = time.perf_counter() - started
        output.seek(0)
        return os.waitstatus_to_exitcode(status), output.read(), wall, usage.ru_maxrss / 1024
