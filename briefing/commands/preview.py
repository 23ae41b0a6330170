"""`preview`: `watch`, plus a page on 127.0.0.1 that shows each round as it ends."""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..preview import HOST, BriefFacts, BriefReader, PortInUse, PreviewState, RoundReport, serve
from . import watch
from .build import BuildSettings
from .check import Echo, stdout
from .folder import writable_folder


def report(outcome: watch.Outcome, folder: Path | None = None, brief_facts: BriefFacts | None = None) -> RoundReport:
    """The page's view of a round: errors first, each finding at its file:line:col (the file
    named from the timeline's `folder`, as the analyst sees it in the editor), and what the
    brief it shows is (`brief_facts`)."""
    findings = sorted(outcome.findings, key=lambda f: (("input", "error", "warning").index(f.severity),
                                                       f.accepted is not None, f.sort_key))
    return RoundReport(
        round=outcome.number,
        status=outcome.status,
        time=outcome.time,
        summary=outcome.summary,
        findings=[{"place": f"{_name(f.file, folder)}:{f.line}:{f.column}", "severity": f.label, "code": f.code,
                   "message": f.message, "accepted": f.accepted} for f in findings],
        failure=outcome.failure,
        brief=outcome.brief,
        brief_facts=brief_facts,
        figure=outcome.figure,
    )


def _name(file: str, folder: Path | None) -> str:
    if folder is None:
        return file
    try:
        return str(Path(file).resolve().relative_to(folder.resolve()))
    except ValueError:
        return file


def run(path: Path, out_dir: Path, settings: BuildSettings, port: int, echo: Echo = stdout) -> int:
    state = PreviewState()
    folder = writable_folder(out_dir)
    try:
        server = serve(state, folder, port)
    except PortInUse as error:
        raise BuildError(str(error), status=2) from None
    echo(f"Preview at http://{HOST}:{server.server_address[1]}/ (this machine only; Ctrl-C to stop).")
    read_brief = BriefReader()

    def publish(outcome: watch.Outcome) -> None:
        facts = read_brief(folder / outcome.brief) if outcome.brief else None
        state.publish(report(outcome, Path(path).parent, facts))

    try:
        return watch.run(path, folder, settings, echo, on_round=publish)
    finally:
        state.close()  # ends the open event streams, so the server stops at once
        server.shutdown()
        server.server_close()
