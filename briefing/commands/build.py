"""`build`: the check, then the figure (drawn and exported only when it changed) and the PDF brief.

Outputs are staged in a hidden folder inside the output folder and renamed
into place only once every one of them has been written, so a build that
fails for any reason leaves the previous outputs exactly as they were.

How it is fast: Chromium is the slowest part, so it is started first (before
the check when the folder holds no figure yet); the figure is drawn while it
starts, and the brief is laid out while it renders, reading the figure's PDF
only as it saves; the email is composed while the SVG, the last, renders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..check import CheckResult
from ..errors import ENVIRONMENT, BuildError, OutputError
from ..findings import exit_status
from ..model import Timeline
from ..wording import file_size
from ..outputs import (
    CHECK_JSON,
    FIGURE_FILES,
    HTML_FILE,
    STAGING_PREFIX,
    STATE_FILE,
    BuildState,
    brief_file,
    draft_outputs,
    email_file,
    figure_files,
    html_file,
)
from .check import Echo, check_json_bytes, load_and_check, stdout
from .folder import locked, remove_stale_staging, writable_folder

if TYPE_CHECKING:
    from ..browser import ChromiumSession


def stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class BuildSettings:
    draft: bool = False
    paper: str = "a4"
    font: Path | None = None
    fallback_font: Path | None = None
    figure_axis: str = "compressed"  # or "linear": no shortened empty stretches
    since: Path | None = None  # an earlier brief to compare with instead of the folder's last edition


def creation_time(timeline: Timeline, warn: Echo = stderr) -> dt.datetime:
    """Reproducible builds: SOURCE_DATE_EPOCH when set, else the brief's own date.

    A SOURCE_DATE_EPOCH that is not a usable time is said in a warning, and
    the brief's date is used: the brief is still built, and still reproducible.
    """
    fallback = timeline.brief.dated
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or not raw.strip():
        return fallback
    try:
        seconds = int(raw.strip())
        if seconds < 0:
            raise ValueError(raw)
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        warn(f"warning: SOURCE_DATE_EPOCH={raw!r} is not a usable time (whole seconds since 1970-01-01, "
             f"before the year 10000); the brief's date {timeline.brief.as_of.isoformat()} is used instead.")
        # reportlab reads the variable itself and fails on it (int('yesterday')): unset, it
        # builds exactly the brief it builds when the variable was never set.
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        return fallback


def run(path: Path, out_dir: Path, settings: BuildSettings, echo: Echo = stdout, progress: Echo = stderr) -> int:
    started = time.monotonic()
    session = _early_session(out_dir)
    failed = True
    try:
        status, written = _check_and_render(path, out_dir, settings, echo, progress, session)
        failed = False
    finally:
        if session is not None:  # no browser outlives a build, failed or not; an unused one is killed
            session.close(kill=failed or session.renders == 0)
    if written is not None:
        _say_written(*written, time.monotonic() - started, echo)
    return status


def _early_session(out_dir: Path) -> ChromiumSession | None:
    """A browser started before the check when the folder holds no figure, so it must be exported.

    Chromium's start is most of a cold build, and the check needs none of it:
    started first, it comes up while the timeline is checked. When the build
    then goes no further (errors, no browser), it is killed unused; when the
    folder is given a figure meanwhile (another build, under the lock), the
    build uses that figure and this browser is closed unused.
    """
    if BuildState.read(out_dir).figure_key is not None:
        return None  # the figure may be unchanged: known only from the checked timeline
    from ..browser import ChromiumNotFound, ChromiumSession

    try:
        return ChromiumSession.start()
    except ChromiumNotFound:  # said after the check, as when the browser is started there
        return None


def _check_and_render(path: Path, out_dir: Path, settings: BuildSettings, echo: Echo, progress: Echo,
                      session: ChromiumSession | None) -> tuple[int, tuple[Path, int] | None]:
    """The check, then the outputs unless it found errors: the exit status, and the brief and its
    page count when one was written."""
    result, findings, summary = load_and_check(path, echo, check_fonts(settings), out_dir)
    status = exit_status(findings)
    if result is None:
        return status, None
    if status and not settings.draft:
        echo(f"No brief written: fix the errors above, or build with --draft. {out_dir}/ is unchanged.")
        return status, None
    folder = writable_folder(out_dir)
    try:
        written = render_outputs(result, folder, settings, echo, progress,
                                 check_report=check_json_bytes(findings, summary),
                                 session_provider=(lambda: session) if session is not None else None)
    except OSError as error:  # a disk that filled up, a folder changed under the build
        where = f" ({error.filename})" if error.filename else ""
        raise OutputError(f"cannot write the outputs in {folder}/: {error.strerror or error}{where}; "
                          f"{folder}/ keeps its previous outputs", status=ENVIRONMENT) from error
    return status, written


def _say_written(pdf_path: Path, pages: int, seconds: float, echo: Echo) -> None:
    """The last lines of a build: the size warning, if any, then what was written."""
    from ..mail import SIZE_WARNING_BYTES

    email = pdf_path.with_suffix(".eml")  # outputs.email_file: the brief's name, the same -DRAFT
    written = f"{pdf_path} ({pages} pages, {file_size(pdf_path.stat().st_size)})"
    if email.exists():
        email_size = email.stat().st_size
        if email_size > SIZE_WARNING_BYTES:
            echo(f"warning: {email} is {file_size(email_size)}, above the 10 MB many mail servers refuse; "
                 "send the PDF by another way, or shorten the brief")
        written += f" and {email} ({file_size(email_size)})"
    echo(f"Wrote {written} in {seconds:.1f} s.")


def _since(settings: BuildSettings) -> dict | None:
    """The manifest of the brief named by --since; a bad file stops the build in one line."""
    from ..editions import ManifestError, read_manifest

    if settings.since is None:
        return None
    try:
        return read_manifest(settings.since)
    except ManifestError as error:
        raise BuildError(f"--since {error}", status=2) from None


def _edition(result: CheckResult, out_dir: Path, state: BuildState, since: dict | None):
    """This build's edition and the one it is compared with (see editions.edition)."""
    from ..editions import edition, manifest, stored_manifest
    from ..outputs import stored_editions

    current, previous = (stored_manifest(raw, str(out_dir)) for raw in stored_editions(out_dir))
    return edition(manifest(result.timeline, result.findings, result.source_sha256), state.manifest_digest,
                   current, previous, since)


def _stage_edition(stage: Path, out_dir: Path, edition) -> None:
    """A verified new edition becomes the folder's current one; the current one, its previous."""
    from ..editions import manifest_bytes
    from ..files import write_atomically
    from ..outputs import EDITION_CURRENT, EDITION_PREVIOUS, stored_editions

    if not edition.new:
        return
    current, _ = stored_editions(out_dir)
    write_atomically(stage / EDITION_CURRENT, manifest_bytes(edition.manifest))
    # Empty when there was no earlier edition: an older file left there is never compared with.
    write_atomically(stage / EDITION_PREVIOUS, current or b"")


def _stage_email(stage: Path, out_dir: Path, result: CheckResult, draft: bool, comparison,
                 pdf: Path, pages: int, png: Path) -> None:
    """The email draft beside the brief, with the figure this build staged or the one the folder keeps."""
    from ..files import write_atomically
    from ..mail import Attachment, MailContent, compose
    from ..sourcing import source_summary

    timeline = result.timeline
    figure = png if png.exists() else out_dir / FIGURE_FILES["png"]
    content = MailContent(
        changes=[c.text for c in comparison.changes] if comparison else [],
        previous_as_of=_long_date(comparison.previous_as_of) if comparison and comparison.changes else None,
        source_summary=source_summary(timeline).sentence(),
        figure_png=figure.read_bytes() if figure.exists() else None,
        draft=draft,
    )
    message = compose(timeline, content, Attachment(pdf.name, pdf.read_bytes(), pages))
    write_atomically(stage / email_file(timeline, draft), message)


def _manifest_bytes(edition) -> bytes:
    from ..editions import manifest_bytes

    return manifest_bytes(edition.manifest)


def _long_date(iso: str) -> str:
    from ..wording import information_as_of

    return information_as_of(dt.date.fromisoformat(iso)).replace("Information", "information")


def brief_fonts(settings: BuildSettings):
    """The fonts the brief is set in: the defaults, or --font and --fallback-font checked usable."""
    from ..fonts import FontError, FontSet, font_face

    try:
        fonts = FontSet.default(regular=settings.font, fallback=settings.fallback_font)
        # Parsed now rather than when the brief is written, so a file that is no TrueType
        # font is refused before the figure is drawn. (Parsed once per process either way.)
        given = ([fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic] if settings.font else []) + \
                ([fonts.fallback, fonts.fallback_bold] if settings.fallback_font else [])
        for path in dict.fromkeys(p for p in given if p is not None):
            font_face(path)
        return fonts
    except FontError as error:  # a --font or --fallback-font that cannot be used
        raise BuildError(f"{error}; name a TrueType (.ttf) font file", status=2) from error


def check_fonts(settings: BuildSettings):
    """`brief_fonts` for the check's F001, or None when they cannot be used: the check then runs
    without F001, and writing the brief stops with the fonts' one-line message."""
    try:
        return brief_fonts(settings)
    except BuildError:
        return None


def _identity(path: Path) -> str:
    """What shows that a figure file is still the one the build wrote. The PDF, which the brief
    embeds and parses, by its digest (30 KB); the others by size and mtime: the HTML alone is
    5 MB, and hashing it would be a twentieth of a rebuild."""
    if path.name.endswith(".pdf"):
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    stat = path.stat()
    return f"stat:{stat.st_size}:{stat.st_mtime_ns}"


def _stored_figure(out_dir: Path, state: BuildState, key: str) -> float | None:
    """The aspect of the verified figure `out_dir` holds, if it is the figure of `key` and every
    one of its files is there as it was written (a damaged or replaced one means: redraw)."""
    names = [*FIGURE_FILES.values(), HTML_FILE]
    if state.figure_key != key or state.figure_aspect is None or not state.figure_files:
        return None
    try:
        if any(_identity(out_dir / name) != state.figure_files.get(name) for name in names):
            return None
    except OSError:  # missing, or not a file
        return None
    return state.figure_aspect


def render_outputs(result: CheckResult, out_dir: Path, settings: BuildSettings, echo: Echo,
                   progress: Echo, check_report: bytes | None = None,
                   session_provider: Callable[[], ChromiumSession] | None = None) -> tuple[Path, int]:
    """Figure (exported only when it changed), interactive HTML and the PDF brief.

    `session_provider` gives the Chromium to export with and keeps it (a watch
    loop keeps one warm across rounds); without it the build starts its own and
    closes it when it ends.

    A draft writes its figure under draft names (outputs.figure_files) and
    leaves the verified files and the saved state as they were; a verified
    build removes the drafts it supersedes.
    """
    # Imported here so that `check` never pays for plotly, kaleido and reportlab.
    from ..browser import ChromiumSession
    from ..export import figure_key, static_spec, write_html
    from ..figure import build_figure, html_title
    from ..files import staged, write_atomically

    timeline = result.timeline
    fonts = brief_fonts(settings)
    key = figure_key(timeline, axis=settings.figure_axis, paper=settings.paper)
    pdf_name = brief_file(timeline, settings.draft)
    files, html = figure_files(settings.draft), html_file(settings.draft)
    since = _since(settings)
    with locked(out_dir, progress):
        with staged(out_dir, STAGING_PREFIX) as stage:
            remove_stale_staging(out_dir, keep=stage)
            state = BuildState.read(out_dir)
            stored_aspect = _stored_figure(out_dir, state, key)
            edition = _edition(result, out_dir, state, since)
            comparison = edition.comparison
            session = None
            if stored_aspect is not None:
                progress("Figure unchanged since the last build: export skipped.")
            else:
                progress("Exporting the figure through Chromium (PDF, SVG, PNG)...")
                session = session_provider() if session_provider is not None else ChromiumSession.start()
            failed = True
            try:
                # Imported once Chromium is starting: reportlab and pypdf take a while to load.
                from ..pdf import BriefOptions, EmbeddedFigure, write_brief

                options = BriefOptions(
                    paper=settings.paper,
                    draft=settings.draft,
                    fonts=fonts,
                    created=creation_time(timeline, progress),
                    version=__version__,
                    manifest=_manifest_bytes(edition),
                    comparison=comparison,
                )
                renders = {}
                if session is None:
                    aspect = stored_aspect
                    # Copied now, while the lock is held: the brief embeds these bytes, whatever
                    # happens to out/ before it is saved. Into a subfolder: it is not an output.
                    embedded = stage / ".embedded" / FIGURE_FILES["pdf"]
                    embedded.parent.mkdir()
                    shutil.copyfile(out_dir / FIGURE_FILES["pdf"], embedded)
                    figure = EmbeddedFigure(aspect=aspect, pdf=lambda: embedded)
                else:
                    # All of this while Chromium starts, which takes longer than the brief of a short timeline.
                    # The brief's figure has its caption on the page; the PNG, SVG and HTML travel
                    # alone (slides, the email), so they carry the title and cut-off in the image.
                    drawn = build_figure(timeline, axis=settings.figure_axis, paper=settings.paper)
                    standalone = build_figure(timeline, axis=settings.figure_axis, standalone=True)
                    specs = {"pdf": static_spec(drawn), "standalone": static_spec(standalone)}
                    renders = {fmt: session.render(specs["pdf" if fmt == "pdf" else "standalone"], fmt)
                               for fmt in files}  # in FIGURE_FILES's order
                    write_html(standalone, stage / html, title=html_title(timeline))
                    aspect = drawn.layout.width / drawn.layout.height

                    def figure_pdf() -> Path:
                        # The brief is written while Chromium renders; it reads the figure's PDF as it saves.
                        path = stage / files["pdf"]
                        write_atomically(path, session.result(renders["pdf"]))
                        return path

                    figure = EmbeddedFigure(aspect=aspect, pdf=figure_pdf)
                progress(f"Writing the PDF brief ({settings.paper.upper()}{', draft' if settings.draft else ''})...")
                info = write_brief(result, stage / pdf_name, figure=figure, options=options)

                def stage_render(fmt: str) -> None:
                    path = stage / files[fmt]
                    if fmt in renders and not path.exists():
                        write_atomically(path, session.result(renders[fmt]))

                stage_render("pdf")  # staged as the brief saved, unless the brief has no figure page
                stage_render("png")
                _stage_email(stage, out_dir, result, settings.draft, comparison, stage / pdf_name, info.pages,
                             stage / files["png"])  # while the SVG renders
                stage_render("svg")
                if check_report is not None:  # replaced with the brief, so the two always agree
                    write_atomically(stage / CHECK_JSON, check_report)
                if not settings.draft:
                    # Renamed into place, the files keep their size and mtime.
                    identities = state.figure_files if session is None else {
                        name: _identity(stage / name) for name in (*files.values(), html)}
                    saved = replace(state, figure_key=key, figure_aspect=aspect, figure_files=identities,
                                    manifest_digest=edition.digest, brief_name=pdf_name.removesuffix(".pdf"))
                    _stage_edition(stage, out_dir, edition)
                    write_atomically(stage / STATE_FILE, saved.to_json())
                shutil.rmtree(stage / ".embedded", ignore_errors=True)
                failed = False
            finally:
                if session is not None and session_provider is None:
                    session.close(kill=failed)  # no browser outlives a build, failed or not
        if not settings.draft:
            for draft in draft_outputs(out_dir):  # a draft beside the verified brief is easy to attach by mistake
                draft.unlink(missing_ok=True)
    return out_dir / pdf_name, info.pages
