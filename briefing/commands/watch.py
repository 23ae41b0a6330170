"""`watch`: build, then build again each time the timeline or a cited source file is saved.

One process for the whole session, so what a one-shot build pays for every
time is paid once: the imports, the fonts, the indexed sources (re-read only
when a file's size or mtime changed) and Chromium, kept warm and supervised
here. A round that fails says why and leaves the last good outputs in place;
the next save tries again.

The folders are watched, not the files: editors save by writing a new file and
renaming it over the old one, which ends a watch on the old file.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..check.sources import SourceText, Unreadable, read_source
from ..errors import BrowserError, BuildError
from ..findings import Finding, exit_status
from ..outputs import html_file
from ..report import summary_line
from ..wording import file_size
from .build import BuildSettings, check_fonts, render_outputs
from .check import Echo, check_json_bytes, load_and_check, stdout
from .folder import writable_folder

# Editors write a burst of events per save (temp file, rename, chmod): grouped
# over at most DEBOUNCE_MS, yielded once STEP_MS pass without a new one.
DEBOUNCE_MS = 100
STEP_MS = 50
# kaleido's long sessions grow (kaleido #425): a browser is replaced after this
# many renders (three a figure) or once its processes hold this much memory.
RECYCLE_RENDERS = 50
RECYCLE_RSS = 1024 * 1024 * 1024
SEPARATOR_WIDTH = 72
RUST_TIMEOUT_MS = 200


class CachedSources:
    """A `read_source` that indexes a file again only when its size or mtime changed."""

    def __init__(self, read: Callable[[Path, str], SourceText | Unreadable] = read_source):
        self._read = read
        self._cache: dict[tuple[Path, str], tuple[tuple[int, int, int], SourceText]] = {}

    def __call__(self, root: Path, file: str) -> SourceText | Unreadable:
        try:
            stat = (Path(root) / file).stat()
        except OSError:  # missing or unreadable: read_source says which, in its words
            self._cache.pop((Path(root), file), None)
            return self._read(root, file)
        identity = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        cached = self._cache.get((Path(root), file))
        if cached is not None and cached[0] == identity:
            return cached[1]
        text = self._read(root, file)
        if isinstance(text, SourceText):
            self._cache[(Path(root), file)] = (identity, text)
        return text


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return bool(group_members(pgid))


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, read from /proc."""
    members = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != b"Z":
            members.append(int(entry.name))
    return members


def group_rss(pgid: int) -> int:
    """Bytes of memory the group's processes hold, from /proc: each one's Pss (its shared pages
    divided among the processes sharing them; Chromium's processes share most of theirs, and a
    sum of VmRSS would count them many times), or VmRSS where Pss cannot be read."""
    total = 0
    for pid in group_members(pgid):
        for name, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
            try:
                with open(name) as handle:
                    found = next((line for line in handle if line.startswith(key)), None)
            except OSError:
                continue
            if found is not None:
                total += int(found.split()[1]) * 1024
                break
    return total


class BrowserSupervisor:
    """One warm Chromium for all rounds: started ahead of need, replaced when broken, dead or worn."""

    def __init__(self, say: Echo, max_renders: int = RECYCLE_RENDERS, max_rss: int = RECYCLE_RSS,
                 start: Callable[[], object] | None = None):
        self.say = say
        self.max_renders = max_renders
        self.max_rss = max_rss
        self._start = start
        self.session = None
        self.restarts = 0

    def _new(self):
        if self._start is not None:
            return self._start()
        from ..browser import ChromiumSession

        return ChromiumSession.start()

    def warm(self) -> None:
        """Start a browser now, without waiting for it, so the next figure need not wait for one."""
        if self.session is None:
            try:
                self.session = self._new()
            except BuildError:  # no browser: said by the round that needs one
                self.session = None

    def __call__(self):
        """The session for this round (render_outputs' provider)."""
        session = self.session
        if session is not None:
            reason = self._unfit(session)
            if reason:
                self.say(f"Browser {reason}: starting a new one.")
                self.discard()
        if self.session is None:
            self.session = self._new()
        return self.session

    def _unfit(self, session) -> str | None:
        if session.failure is not None:
            return f"failed ({session.failure.message})"
        pgid = session.process_group
        if pgid is not None and session.started and not group_alive(pgid):
            return f"process {pgid} has exited"
        if session.renders >= self.max_renders:
            return f"recycled after {session.renders} renders"
        if pgid is not None and self.max_rss and group_rss(pgid) > self.max_rss:
            return f"recycled above {self.max_rss // (1024 * 1024)} MB of memory"
        return None

    def discard(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            self.restarts += 1
            session.close(kill=True)

    def close(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            session.close(kill=True)  # nothing to save in a browser: a quick end beats a polite one


@dataclass
class Outcome:
    """What one round did: for the console and for the preview page."""

    number: int
    time: str
    status: str  # running | ok | failed
    summary: str = ""
    findings: list[Finding] = field(default_factory=list)
    failure: str | None = None
    brief: str | None = None
    figure: str | None = None
    written: str | None = None  # e.g. "4 pages, 120 KB"


def separator(number: int, why: str) -> str:
    head = f"── {time.strftime('%H:%M:%S')} round {number}: {why} "
    return head + "─" * max(3, SEPARATOR_WIDTH - len(head))


class Watcher:
    """The rounds of one watch session, with what they keep between them."""

    def __init__(self, path: Path, out_dir: Path, settings: BuildSettings, echo: Echo = stdout,
                 on_round: Callable[[Outcome], None] | None = None, supervisor: BrowserSupervisor | None = None):
        self.path = Path(path)
        self.out_dir = Path(out_dir)
        self.settings = settings
        self.echo = echo
        self.on_round = on_round or (lambda outcome: None)
        self.sources = CachedSources()
        self.supervisor = supervisor or BrowserSupervisor(echo)
        self.number = 0
        self.last_good: Outcome | None = None
        self.source_files: frozenset[Path] = frozenset()

    def identities(self) -> dict[Path, tuple | None]:
        files = {self.path.resolve(), *self.source_files}
        found = {}
        for file in files:
            try:
                stat = file.stat()
                found[file] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
            except OSError:
                found[file] = None
        return found

    def changed_since_round(self) -> list[Path]:
        """The files saved since the last round began (before the watch was in place)."""
        now = self.identities()
        return [file for file, identity in now.items() if self._seen.get(file, identity) != identity]

    def round(self, why: str) -> Outcome:
        self._seen = self.identities()
        self.number += 1
        stamp = time.strftime("%H:%M:%S")
        self.echo(separator(self.number, why))
        running = Outcome(self.number, stamp, "running",
                          brief=self.last_good.brief if self.last_good else None,
                          figure=self.last_good.figure if self.last_good else None)
        self.on_round(running)
        started = time.monotonic()
        outcome = self._build(running)
        self._seen = {**self.identities(), **self._seen}  # sources first known in this round
        if outcome.status == "ok":
            self.last_good = outcome
            self.echo(f"Wrote {self.out_dir / outcome.brief} ({outcome.written}), check.json and the figure "
                      f"in {time.monotonic() - started:.2f} s.")
        else:
            self.echo(f"Round failed: {outcome.failure}. {self.out_dir}/ keeps the last good outputs; "
                      "save again to retry.")
            if self.last_good is not None:
                outcome.brief, outcome.figure = self.last_good.brief, self.last_good.figure
        self.on_round(outcome)
        return outcome

    def _build(self, outcome: Outcome) -> Outcome:
        result, findings, summary = load_and_check(self.path, self.echo, self._check_fonts(), reader=self.sources)
        if result is not None:
            timeline = result.timeline
            self.source_files = frozenset((timeline.root / s.file).resolve() for s in timeline.sources)
        outcome.summary = summary_line(summary)
        outcome.findings = findings
        status = exit_status(findings)
        if result is None:
            return self._failed(outcome, "the timeline could not be read (see the places above)")
        if status and not self.settings.draft:
            return self._failed(outcome, "the check found errors (fix them, or watch with --draft)")
        report = check_json_bytes(findings, summary)
        for attempt in (1, 2):
            try:
                folder = writable_folder(self.out_dir)
                pdf, pages = render_outputs(result, folder, self.settings, self.echo, _quiet, check_report=report,
                                            session_provider=self.supervisor)
                break
            except BrowserError as error:
                if attempt == 2:
                    return self._failed(outcome, error.message)
                self.echo(f"Browser failed ({error.message}); restarted it, retrying the round once.")
                self.supervisor.discard()
            except BuildError as error:
                return self._failed(outcome, error.message)
            except OSError as error:
                where = f" ({error.filename})" if error.filename else ""
                return self._failed(outcome, f"cannot write the outputs: {error.strerror or error}{where}")
        outcome.status = "ok"
        outcome.brief = pdf.name
        outcome.figure = html_file(self.settings.draft)
        outcome.written = f"{pages} pages, {file_size(pdf.stat().st_size)}"
        return outcome

    def _check_fonts(self):
        # Loaded once: the fonts of the brief do not change while it is watched.
        if not hasattr(self, "_fonts"):
            self._fonts = check_fonts(self.settings)
        return self._fonts

    def _failed(self, outcome: Outcome, why: str) -> Outcome:
        outcome.status = "failed"
        outcome.failure = why
        return outcome

    def folders(self) -> set[Path]:
        """The folders to watch: the timeline's and each cited source's (the nearest that exists)."""
        folders = {self.path.resolve().parent}
        for file in self.source_files:
            folder = file.parent
            while not folder.exists() and folder != folder.parent:
                folder = folder.parent
            folders.add(folder)
        return folders

    def relevant(self, path: str) -> bool:
        """Only a save of the timeline or of a cited source starts a round (not the outputs, not an
        editor's swap, backup or temporary files, which never have those names)."""
        resolved = Path(path).resolve()
        if resolved.is_relative_to(self.out_dir.resolve()):
            return False
        return resolved == self.path.resolve() or resolved in self.source_files


def _quiet(line: str) -> None:
    """The build's progress lines: a round prints its own summary instead."""


def run(path: Path, out_dir: Path, settings: BuildSettings, echo: Echo = stdout,
        on_round: Callable[[Outcome], None] | None = None) -> int:
    """Watch until SIGINT or SIGTERM; 0 then, whatever the last round did."""
    import watchfiles

    path = Path(path)
    if not path.is_file():
        raise BuildError(f"{path}: no such timeline file; name one (python -m briefing watch TIMELINE)", status=2)
    stop = threading.Event()

    def interrupt(signum, frame):
        stop.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    watcher = Watcher(path, out_dir, settings, echo, on_round)
    try:
        watcher.supervisor.warm()
        watcher.round("first build")
        while not stop.is_set():
            folders = watcher.folders()
            watching = False
            # yield_on_timeout: an empty set every RUST_TIMEOUT_MS, the sign that the watch is in
            # place. Only then is "Watching" said, and a save made before that is looked for.
            for changes in watchfiles.watch(*folders, watch_filter=lambda change, p: watcher.relevant(p),
                                            debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop,
                                            recursive=False, rust_timeout=RUST_TIMEOUT_MS, yield_on_timeout=True):
                if not watching:
                    watching = True
                    echo(f"Watching {', '.join(str(f) for f in sorted(folders))} for saves (Ctrl-C to stop)...")
                    missed = watcher.changed_since_round()
                    if missed:
                        changes = {(None, str(p)) for p in missed}
                if not changes:
                    continue
                names = sorted({Path(p).name for _, p in changes})
                watcher.round(", ".join(names) + " saved")
                watcher.supervisor.warm()
                if watcher.folders() != folders:
                    break  # a source in a new folder: watch again with it
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        signal.signal(signal.SIGTERM, previous)
        watcher.supervisor.close()
    echo("Stopped watching.")
    return 0
