"""The two commands' work, end to end: load, check, and (for build) render.

Outputs are staged in a temporary folder inside the output folder and renamed
into place only once every one of them has been written, so a build that
fails for any reason leaves the previous outputs exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .check import CheckResult, check_timeline
from .check.fonts import FontError, FontSet
from .findings import Finding, exit_status
from .loader import load_timeline
from .model import Timeline
from .files import write_atomically
from .report import check_json, console_lines, summarize, summary_line

# The last exported figure: its key (export.figure_key) and its shape, which the
# brief's figure page is laid out with whether or not the figure was redrawn.
FIGURE_KEY_FILE = ".figure-key"
# The vector figure is an intermediate the brief embeds; hidden, so that the
# brief is the only PDF in out/ to attach (and `out/*.pdf` names just it).
# The PDF first: the brief is written with it while the other formats are rendered.
FIGURE_FILES = {"pdf": ".timeline-figure.pdf", "svg": "timeline.svg", "png": "timeline.png"}
HTML_FILE = "timeline.html"

Echo = Callable[[str], None]


def _stdout(line: str) -> None:
    print(line, flush=True)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class BuildSettings:
    draft: bool = False
    paper: str = "a4"
    font: Path | None = None
    fallback_font: Path | None = None


def load_and_check(path: Path, echo: Echo = _stdout,
                   fonts: FontSet | None = None) -> tuple[CheckResult | None, list[Finding], dict]:
    """Load and check (F001 with `fonts`, default the system's), print every finding and the summary line."""
    timeline, findings = load_timeline(path)
    result = None
    if timeline is not None:
        result = check_timeline(timeline, fonts=fonts)
        findings = findings + result.findings
    summary = summarize(findings, result)
    for line in console_lines(findings):
        echo(line)
    echo(summary_line(summary))
    return result, findings, summary


def run_check(path: Path, out_dir: Path, echo: Echo = _stdout) -> int:
    _, findings, summary = load_and_check(path, echo)
    write_atomically(out_dir / "check.json", check_json(findings, summary).encode())
    return exit_status(findings)


def brief_file_name(timeline: Timeline, draft: bool) -> str:
    """A name that means something as an email attachment: title and date."""
    ascii_title = unicodedata.normalize("NFKD", timeline.brief.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].rstrip("-") or "brief"
    suffix = "-DRAFT" if draft else ""
    return f"{slug}-{timeline.brief.as_of.isoformat()}{suffix}.pdf"


def creation_time(timeline: Timeline) -> dt.datetime:
    """Reproducible builds: SOURCE_DATE_EPOCH when set, else the brief's own date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.combine(timeline.brief.as_of, dt.time(), tzinfo=dt.timezone.utc)


@contextmanager
def staged(out_dir: Path):
    """A folder beside the outputs; its files replace the outputs only on success."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        yield stage
        for item in sorted(stage.iterdir()):
            os.replace(item, out_dir / item.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _human_size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def run_build(path: Path, out_dir: Path, settings: BuildSettings, echo: Echo = _stdout, progress: Echo = _stderr) -> int:
    # Imported here so that `check` never pays for plotly, kaleido and reportlab.
    from .export import ChromiumNotFound

    started = time.monotonic()
    try:  # the brief's own fonts for F001; fonts that cannot be found stop the build below, with a message
        fonts = FontSet.default(regular=settings.font, fallback=settings.fallback_font)
    except FontError:
        fonts = None
    result, findings, _ = load_and_check(path, echo, fonts)
    status = exit_status(findings)
    if result is None:
        return status
    if status and not settings.draft:
        echo(f"No brief written: fix the errors above, or build with --draft. {out_dir}/ is unchanged.")
        return status
    try:
        pdf_path, pages = render_outputs(result, out_dir, settings, echo, progress)
    except ChromiumNotFound as exc:
        echo(f"error: {exc}")
        echo(f"No brief written. {out_dir}/ is unchanged.")
        return 1
    except FontError as exc:
        echo(f"error: {exc}")
        echo(f"No brief written. {out_dir}/ is unchanged.")
        return 2
    seconds = time.monotonic() - started
    size = _human_size(pdf_path.stat().st_size)
    echo(f"Wrote {pdf_path} ({pages} pages, {size}) in {seconds:.1f} s.")
    return status


def _stored_figure(out_dir: Path, key: str) -> float | None:
    """The aspect of the figure out/ holds, if it is the figure of `key` and all its files are there."""
    try:
        stored_key, aspect = (out_dir / FIGURE_KEY_FILE).read_text().split()
    except (OSError, ValueError):  # none yet, or written by an older version
        return None
    kept = [out_dir / name for name in (*FIGURE_FILES.values(), HTML_FILE)]
    if stored_key != key or not all(path.is_file() for path in kept):
        return None
    return float(aspect)


def render_outputs(result: CheckResult, out_dir: Path, settings: BuildSettings, echo: Echo,
                   progress: Echo) -> tuple[Path, int]:
    """Figure (exported only when it changed), interactive HTML and the PDF brief.

    Chromium is started first, as it is the slowest part; the figure is drawn
    and the brief written while it starts and renders.
    """
    from .export import figure_key, start_export, write_html
    from .figure import build_figure

    timeline = result.timeline
    fonts = FontSet.default(regular=settings.font, fallback=settings.fallback_font)
    key = figure_key(timeline)
    stored_aspect = _stored_figure(out_dir, key)
    pdf_name = brief_file_name(timeline, settings.draft)
    with staged(out_dir) as stage:
        export = None
        if stored_aspect is not None:
            progress("Figure unchanged since the last build: export skipped.")
        else:
            progress("Exporting the figure through Chromium (PDF, SVG, PNG)...")
            export = start_export({fmt: stage / name for fmt, name in FIGURE_FILES.items()})
        try:
            # Imported once Chromium is starting: reportlab and pypdf take a while to load.
            from .pdf import BriefOptions, EmbeddedFigure, write_brief

            options = BriefOptions(
                paper=settings.paper,
                draft=settings.draft,
                fonts=fonts,
                created=creation_time(timeline),
                version=__version__,
            )
            if export is None:
                figure = EmbeddedFigure(aspect=stored_aspect, pdf=lambda: out_dir / FIGURE_FILES["pdf"])
            else:
                # All of this while Chromium starts, which takes longer than the brief of a short timeline.
                drawn = build_figure(timeline)
                export.render(drawn)
                write_html(drawn, stage / HTML_FILE)
                aspect = drawn.layout.width / drawn.layout.height
                (stage / FIGURE_KEY_FILE).write_text(f"{key}\n{aspect!r}\n")
                # The brief is written while Chromium renders; it reads the figure's PDF as it saves.
                figure = EmbeddedFigure(aspect=aspect, pdf=lambda: export.wait_for("pdf"))
            progress(f"Writing the PDF brief ({settings.paper.upper()}{', draft' if settings.draft else ''})...")
            info = write_brief(result, stage / pdf_name, figure=figure, options=options)
            if export is not None:
                export.finish()
        except BaseException:
            if export is not None:
                export.cancel()  # no browser outlives a failed build
            raise
    return out_dir / pdf_name, info.pages
