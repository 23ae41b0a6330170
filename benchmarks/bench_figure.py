"""Timing of the figure: cold exports (one Chromium start each) and an unchanged rebuild.

    .venv/bin/python benchmarks/bench_figure.py [TIMELINE] [--repeat N] [--dense N]

Prints its figures; asserts nothing. Targets: exporting all formats (svg+png+pdf)
costs at most 1.3x a single-format export, and a rebuild whose figure did not
change (compute the key of its inputs, compare) neither draws the figure nor starts a browser.
It also prints the share of events titled on the figure and the cold export time
(svg+png+pdf) of the seed, a 40-event clustered and a 200-event timeline: what the
figure's layout changes must not slow down.

The dense case (--dense, 2,000 events by default, 0 to skip) is a generated
timeline with all its events in one year and one lane, as bench_check.py makes:
its figure must stay page-sized, so its export costs about what a small one does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TIMELINE = ROOT / "tests" / "fixtures" / "figure_basic" / "timeline.yaml"


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def dense_timeline(count: int, seed: int = 7, *, clustered: bool = False):
    """`count` untagged events on days of one year: one lane, far more than a page can label.

    Clustered: within three weeks of three dates (March, July, November), as a story bunches up.
    """
    from briefing.model import Brief, Event, Evidence, PartialDate, Position, Source, Timeline

    rng = random.Random(seed)
    at = Position("dense.yaml", 1, 1)
    source = Source(at=at, id="source", file="source.txt", title="A generated source")
    def day() -> PartialDate:
        if not clustered:
            return PartialDate(2023, rng.randint(1, 12), rng.randint(1, 28))
        when = dt.date(2023, rng.choice((3, 7, 11)), 1) + dt.timedelta(days=rng.randrange(21))
        return PartialDate(when.year, when.month, when.day)

    events = tuple(
        Event(at=at, id=f"event-{number:04d}", date=day(),
              title=f"Event {number}", summary="Generated.", evidence=(Evidence(at=at, source="source", quote="q"),))
        for number in range(count)
    )
    brief = Brief(at=at, title="Dense", as_of=dt.date(2024, 6, 30), summary="Generated for the figure benchmark.")
    return Timeline(path=Path("dense.yaml"), brief=brief, sources=(source,), events=events)


def titled_share(fig) -> float:
    """The share of events drawn with their title, not only their number."""
    labels = [a.text for a in fig.layout.annotations if (a.name or "").startswith("label:")]
    events = sum(len(t.customdata) for t in fig.data)
    return sum("</span> " in text for text in labels) / events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timeline", nargs="?", type=Path, default=DEFAULT_TIMELINE)
    parser.add_argument("--repeat", type=int, default=3, help="cold exports of each kind (default 3)")
    parser.add_argument("--dense", type=int, default=2_000, help="events in the dense case (default 2000; 0 skips it)")
    args = parser.parse_args()

    started = time.perf_counter()
    from briefing.export import FORMATS, export_figure, figure_key, find_chromium
    from briefing.figure import CROWDED_TRACE, build_figure
    from briefing.loader import load_timeline

    imports = time.perf_counter() - started
    timeline, findings = load_timeline(args.timeline)
    if timeline is None:
        raise SystemExit("cannot load timeline:\n" + "\n".join(str(f) for f in findings))

    first_build = seconds(lambda: build_figure(timeline))  # includes reading font metrics
    fig = build_figure(timeline)
    stored_key = figure_key(timeline)

    def unchanged_rebuild() -> None:
        assert figure_key(timeline) == stored_key  # the figure did not change: not drawn, not exported

    rebuilds = [seconds(unchanged_rebuild) for _ in range(20)]
    seed, _ = load_timeline(ROOT / "timeline.yaml")
    shares = {"seed timeline.yaml": build_figure(seed),
              "40 clustered": build_figure(dense_timeline(40, clustered=True)),
              "200 in a year": build_figure(dense_timeline(200))}

    print(f"timeline: {args.timeline} ({len(timeline.events)} events)")
    print(f"browser: {find_chromium()}")
    print(f"figure: {fig.layout.width} x {fig.layout.height} px, {len(fig.layout.annotations)} annotations, "
          f"{len(fig.layout.shapes)} shapes")
    print(f"import briefing.figure + export: {imports:.3f} s")
    print(f"first build_figure in a process (font metrics loaded): {first_build:.3f} s")
    print(f"unchanged rebuild (figure_key + compare), median of 20: {statistics.median(rebuilds) * 1000:.1f} ms "
          f"(min {min(rebuilds) * 1000:.1f}, max {max(rebuilds) * 1000:.1f}); no Chromium started")
    print("events titled on the figure: " + ", ".join(f"{name} {titled_share(f):.0%}" for name, f in shares.items()))
    builds = {name: statistics.median(seconds(lambda tl=tl: build_figure(tl)) for _ in range(args.repeat))
              for name, tl in (("seed timeline.yaml", seed), ("40 clustered", dense_timeline(40, clustered=True)),
                               ("200 in a year", dense_timeline(200)))}
    print("build_figure, median of {}: ".format(args.repeat)
          + ", ".join(f"{name} {s * 1000:.0f} ms" for name, s in builds.items()))
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        exports = {name: statistics.median(
            seconds(lambda f=f, i=i: export_figure(f, {fmt: folder / f"{i}.{fmt}" for fmt in FORMATS}))
            for i in range(args.repeat)) for name, f in shares.items()}
    print(f"cold export svg+png+pdf, median of {args.repeat}: "
          + ", ".join(f"{name} {s:.2f} s" for name, s in exports.items()))

    single, everything = [], []
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for i in range(args.repeat):  # interleaved, so drift hits both kinds alike
            single.append(seconds(lambda: export_figure(fig, {"png": folder / f"one-{i}.png"})))
            everything.append(seconds(lambda: export_figure(
                fig, {fmt: folder / f"all-{i}.{fmt}" for fmt in FORMATS})))
        sizes = {fmt: (folder / f"all-0.{fmt}").stat().st_size for fmt in FORMATS}

    one, all_formats = statistics.median(single), statistics.median(everything)
    print(f"cold export, png only:      median {one:.2f} s  runs {', '.join(f'{s:.2f}' for s in single)}")
    print(f"cold export, svg+png+pdf:   median {all_formats:.2f} s  runs {', '.join(f'{s:.2f}' for s in everything)}")
    print(f"all formats / one format:   {all_formats / one:.2f}x (target <= 1.3x)")
    print("file sizes: " + ", ".join(f"{fmt} {size / 1024:.0f} KiB" for fmt, size in sizes.items()))

    if args.dense:
        dense = dense_timeline(args.dense)
        dense_build = seconds(lambda: build_figure(dense))
        dense_fig = build_figure(dense)
        crowded = sum(len(t.customdata) for t in dense_fig.data if t.name == CROWDED_TRACE)
        with tempfile.TemporaryDirectory() as work:
            folder = Path(work)
            runs = [seconds(lambda: export_figure(dense_fig, {fmt: folder / f"dense-{i}.{fmt}" for fmt in FORMATS}))
                    for i in range(args.repeat)]
        print(f"dense: {args.dense} events in one lane: {dense_fig.layout.width} x {dense_fig.layout.height} px, "
              f"{len(dense_fig.layout.annotations)} annotations, {crowded} events drawn as crowded ticks; "
              f"build_figure {dense_build:.2f} s")
        print(f"dense, cold export svg+png+pdf: median {statistics.median(runs):.2f} s  "
              f"runs {', '.join(f'{s:.2f}' for s in runs)}")


if __name__ == "__main__":
    main()
