"""Command line: `python -m briefing check|build [TIMELINE]`, `init [DIR]`, `quote SOURCE WORDS…`. Thin: parses, then runs a command of briefing.commands."""

from __future__ import annotations

import argparse
from dataclasses import replace
import sys
from pathlib import Path

from . import __version__
from .commands import build, check, run_command
from .outputs import default_out_dir

DESCRIPTION = """\
Check an analyst's timeline against its source documents and build a sourced
PDF brief from it.

  check   verify every quote, date and actor against the source files;
          print findings as FILE:LINE:COL: SEVERITY CODE message and write
          OUT/check.json
  build   the check, then the timeline figure (SVG, PNG, interactive HTML),
          the PDF brief and check.json in OUT/; with check errors nothing is
          written unless --draft is given
  init    start a new timeline in a folder, its source files registered
  quote   print a source's passages with given words as evidence entries,
          ready to paste
  watch   build, then rebuild each time the timeline or a source is saved
  preview watch, plus a live page on http://127.0.0.1:8000/ with the
          findings, the figure and the brief
  changes what changed since the previous brief (or --since BRIEF.pdf)
  schema  print the JSON Schema of the timeline file, for editors

Exit status: 0 no errors (warnings allowed), 1 the check found errors,
2 the timeline could not be read or the command line is wrong (a font or an
output folder that cannot be used), 3 the build could not be done for a
reason outside the timeline (no browser, a browser that does not answer, a
full disk), 130 interrupted (Ctrl-C).
"""


def port_number(text: str) -> int:
    """A TCP port, 1-65535 (0 would let the system pick one the page's address could not name)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number; give one from 1 to 65535") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number; give one from 1 to 65535")
    return port


def _timeline_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "timeline",
        nargs="?",
        default="timeline.yaml",
        type=Path,
        metavar="TIMELINE",
        help="the timeline file (default: timeline.yaml in the current folder)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="output folder (default: out/ in the timeline file's folder)",
    )


def _authoring_commands(commands) -> None:
    """init and quote: writing the timeline, as opposed to checking or building it."""
    init = commands.add_parser(
        "init",
        help="start a new timeline, with the source files already in the folder registered",
        description=(
            "Write DIR/timeline.yaml to fill in: the brief's required fields, a commented event "
            "skeleton, and every file in DIR/sources/ or DIR/seeds/ registered as a source, its "
            "title and date guessed from the text and marked `# check`. Also writes "
            "DIR/timeline.schema.json (unless there is one) for editors' completion. "
            "An existing timeline.yaml is never overwritten (exit 2)."
        ),
    )
    init.add_argument("folder", nargs="?", default=Path("."), type=Path, metavar="DIR",
                      help="the brief's folder (default: the current folder); made if missing")

    quote = commands.add_parser(
        "quote",
        help="find passages of a source to quote, printed as evidence entries ready to paste",
        description=(
            "Print each sentence of SOURCE that contains WORDS (in order, ignoring case, quotes "
            "and dashes normalised as the check does) as an `evidence:` entry to paste under an "
            "event, with its place in the source. With no match, the closest sentences and their "
            "similarity (exit 1). Example: python -m briefing quote ferry-notice timetable crossings"
        ),
    )
    quote.add_argument("source", metavar="SOURCE",
                       help="a source id of the timeline, or the path of a source file")
    quote.add_argument("words", nargs="+", metavar="WORDS",
                       help="words the passage must contain, in this order")
    quote.add_argument("--timeline", type=Path, default=Path("timeline.yaml"), metavar="TIMELINE",
                       help="the timeline whose source ids SOURCE may name (default: timeline.yaml "
                       "in the current folder)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m briefing",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="verify the timeline against its sources",
        description="Verify every quote, date and actor of the timeline against its source files.",
    )
    _timeline_argument(check)

    build = commands.add_parser(
        "build",
        help="check, then write the figure and the PDF brief",
        description=(
            "Check the timeline, then write the timeline figure (timeline.svg, .png, .html) "
            "and the PDF brief to the output folder. A failed build leaves the previous outputs untouched."
        ),
    )
    _timeline_argument(build)
    build.add_argument(
        "--draft",
        action="store_true",
        help='build even with check errors; every page is marked "DRAFT – UNVERIFIED" '
        "and each failing quote is marked in place (file name ends in -DRAFT.pdf)",
    )
    build.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
    build.add_argument("--figure-axis", choices=("compressed", "linear"), default="compressed",
                       help="compressed (default): stretches with no event longer than a fifth of the span are "
                            "drawn shortened, with a visible break; linear: one scale throughout")
    build.add_argument(
        "--font",
        type=Path,
        metavar="TTF",
        help="TrueType font for the text (default: DejaVu Sans); bold and italic faces are "
        "looked for beside it",
    )
    build.add_argument(
        "--fallback-font",
        type=Path,
        metavar="TTF",
        help="TrueType font for characters the main font lacks (default: NanumGothic, for Hangul)",
    )
    build.add_argument("--since", type=Path, metavar="BRIEF.pdf",
                       help="compare with this earlier brief instead of the last one built into the output folder")

    # editions: `changes`
    changes = commands.add_parser(
        "changes", help="list what changed since the previous brief",
        description="List what changed between the previous brief (by default the last one built into the "
                    "output folder) and the timeline now, as the brief's \"Changes since\" section would.")
    _timeline_argument(changes)
    changes.add_argument("--since", type=Path, metavar="BRIEF.pdf", help="compare with this earlier brief")

    _authoring_commands(commands)

    # watch and preview: the edit loop
    for name, summary, description in (
        ("watch", "build, then rebuild each time the timeline or a source file is saved",
         "Build once, then rebuild each time the timeline or one of its cited source files is saved. "
         "Each round prints a line with the time, then the findings, the summary line and what was "
         "written. A round that fails (a YAML error, a quote that no longer verifies, no browser) says "
         "why and leaves the last good outputs in place; the next save tries again. One Chromium is kept "
         "warm for the figure, and restarted (the round retried once) if it fails. Ctrl-C or SIGTERM "
         "stops it, with exit status 0 and no browser left running."),
        ("preview", "watch, plus a live page with the findings, the figure and the brief",
         "Do what watch does, and serve a page at http://127.0.0.1:PORT/ (this machine only) with the "
         "last round's findings (errors first, each at its file:line:col), the interactive figure and "
         "the PDF brief. The page reloads itself after each round and shows when a round is running or "
         "the last one failed. Ctrl-C stops it."),
    ):
        loop = commands.add_parser(name, help=summary, description=description)
        _timeline_argument(loop)
        loop.add_argument("--draft", action="store_true",
                          help="write a draft brief even with check errors (as build --draft)")
        loop.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
        loop.add_argument("--font", type=Path, metavar="TTF", help="TrueType font for the text (as build)")
        loop.add_argument("--fallback-font", type=Path, metavar="TTF",
                          help="font for characters the main font lacks (as build)")
        loop.add_argument("--figure-axis", choices=("compressed", "linear"), default="compressed",
                          help="the figure's time axis (as build)")
        if name == "preview":
            loop.add_argument("--port", type=port_number, default=8000, metavar="N",
                              help="port of the page on 127.0.0.1 (default: 8000)")
    commands.add_parser("schema", help="print the JSON Schema of the timeline file, for editors",
                        description="Print the JSON Schema (draft-07) of the timeline file.")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.command == "schema":
        from .schema import main as print_schema
        return print_schema()
    if args.command == "init":
        from .commands import init as init_command
        return run_command(lambda: init_command.run(args.folder))
    if args.command == "quote":
        from .commands import quote as quote_command
        return run_command(lambda: quote_command.run(args.source, args.words, args.timeline))
    out_dir = args.out if args.out is not None else default_out_dir(args.timeline)
    if args.command == "check":
        return run_command(lambda: check.run(args.timeline, out_dir))
    if args.command == "changes":
        from .commands import changes
        return run_command(lambda: changes.run(args.timeline, out_dir, args.since))
    settings = build.BuildSettings(draft=args.draft, paper=args.paper, font=args.font,
                                   fallback_font=args.fallback_font, figure_axis=args.figure_axis)
    if args.command == "watch":
        from .commands import watch
        return run_command(lambda: watch.run(args.timeline, out_dir, settings))
    if args.command == "preview":
        from .commands import preview
        return run_command(lambda: preview.run(args.timeline, out_dir, settings, args.port))
    settings = replace(settings, since=args.since)
    return run_command(lambda: build.run(args.timeline, out_dir, settings))


if __name__ == "__main__":
    sys.exit(main())
