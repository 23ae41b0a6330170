"""Command line: `python -m briefing check|build [TIMELINE]`. Thin: parses, then runs a command of briefing.commands."""

from __future__ import annotations

import argparse
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
  watch   build, then rebuild each time the timeline or a source is saved
  preview watch, plus a live page on http://127.0.0.1:8000/ with the
          findings, the figure and the brief

Exit status: 0 no errors (warnings allowed), 1 the check found errors,
2 the timeline could not be read or the command line is wrong (a font or an
output folder that cannot be used), 3 the build could not be done for a
reason outside the timeline (no browser, a browser that does not answer, a
full disk), 130 interrupted (Ctrl-C).
"""


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
        if name == "preview":
            loop.add_argument("--port", type=int, default=8000, metavar="N",
                              help="port of the page on 127.0.0.1 (default: 8000)")
    commands.add_parser("schema", help="print the JSON Schema of the timeline file, for editors",
                        description="Print the JSON Schema (draft-07) of the timeline file.")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.command == "schema":
        from .schema import main as print_schema
        return print_schema()
    out_dir = args.out if args.out is not None else default_out_dir(args.timeline)
    if args.command == "check":
        return run_command(lambda: check.run(args.timeline, out_dir))
    settings = build.BuildSettings(draft=args.draft, paper=args.paper, font=args.font,
                                   fallback_font=args.fallback_font)
    if args.command == "watch":
        from .commands import watch
        return run_command(lambda: watch.run(args.timeline, out_dir, settings))
    if args.command == "preview":
        from .commands import preview
        return run_command(lambda: preview.run(args.timeline, out_dir, settings, args.port))
    return run_command(lambda: build.run(args.timeline, out_dir, settings))


if __name__ == "__main__":
    sys.exit(main())
