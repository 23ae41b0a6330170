"""One Chromium (through kaleido) that renders many figures, in many formats, until it is closed.

A one-shot build starts a session at once, before its figure exists, and
closes it when the build ends; a watch loop keeps one warm across rounds.
The browser runs in a thread of its own with its own event loop, so the
caller never touches asyncio: `render` returns a Future at once and the
caller waits on it when it needs the bytes.

Nothing here trusts the browser to answer: the start and every render have a
timeout, and `close` ends the browser's whole process group (kaleido's
wrapper, Chromium and whatever they started) within a bounded time, answered
or not. kaleido's own shutdown waits up to 9 s for a browser that ignores it.

asyncio is imported where it is used: a build whose figure is unchanged loads
this module (for its names) but never starts a browser, and asyncio's import
alone is 17 ms of such a build.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BrowserError

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

PNG_SCALE = 2  # PNG for screens; the brief uses the vector PDF
FORMATS = ("svg", "png", "pdf")
# Found without importing plotly: a build whose figure is unchanged never needs it.
PLOTLY_JS = Path(importlib.util.find_spec("plotly").origin).parent / "package_data" / "plotly.min.js"

# Chromium starts in about 2 s here and renders a figure in 0.2 s; these leave
# room for a slow, busy machine and still end a hung browser's build.
START_TIMEOUT = 30.0
RENDER_TIMEOUT = 30.0
TIMEOUT_VARIABLE = "BRIEFING_BROWSER_TIMEOUT"  # seconds, for both
CLOSE_GRACE = 1.0  # seconds a browser gets to quit when asked, before it is killed

CHROMIUM_HELP = (
    "Chromium is needed to export the figure. On Debian/Ubuntu: apt-get install chromium; "
    "elsewhere: plotly_get_chrome (or set BROWSER_PATH to a Chrome or Chromium executable)."
)
# Chromium's profile and kaleido's page live in a folder named for the build's pid, so a build
# killed with SIGKILL (which cleans nothing) leaves a folder the next build knows to remove.
TEMP_PREFIX = "briefing-chromium-"

FIX_HELP = "install Chromium (apt-get install chromium) or set BROWSER_PATH to a working Chrome or Chromium"


class ChromiumNotFound(BrowserError):
    """No Chrome or Chromium that kaleido could start."""


def find_chromium() -> str | None:
    """The browser kaleido would start, or None: the very search kaleido runs.

    That is choreographer's: a Chrome downloaded by `plotly_get_chrome` first,
    then BROWSER_PATH (used as is, even when wrong), then chrome/chromium names
    on PATH, then fixed install paths.
    """
    from choreographer.browsers import Chromium

    path = Chromium.find_browser(skip_local=False)
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


def chromium_or_raise() -> str:
    browser = find_chromium()
    if browser:
        return browser
    detail = ""
    if os.environ.get("BROWSER_PATH"):
        detail = f" BROWSER_PATH is set to {os.environ['BROWSER_PATH']!r}, which is not an executable file."
    raise ChromiumNotFound(CHROMIUM_HELP + detail)


def timeout_from_environment(default: float) -> float:
    """BRIEFING_BROWSER_TIMEOUT when it is a positive number of seconds, else `default`."""
    try:
        value = float(os.environ.get(TIMEOUT_VARIABLE, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def image_options(spec: dict, fmt: str) -> dict:
    return {
        "format": fmt,
        "width": spec["layout"]["width"],
        "height": spec["layout"]["height"],
        "scale": PNG_SCALE if fmt == "png" else 1,
    }


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def remove_stale_temp_folders(parent: Path | None = None) -> list[Path]:
    """Remove the browser folders of builds whose process is gone; returns what was removed."""
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    try:
        candidates = sorted(parent.glob(TEMP_PREFIX + "*"))
    except OSError:
        return removed
    for folder in candidates:
        pid = folder.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _pid_alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed


def make_temp_folder() -> Path:
    """A fresh folder for one session's browser, named for this process; stale ones removed first."""
    remove_stale_temp_folders()
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))


class ChromiumSession:
    """A Chromium that renders plotly figure specs (`fig.to_dict()`) to SVG, PNG or PDF bytes.

        session = ChromiumSession.start()      # returns at once; the browser starts meanwhile
        pdf = session.render(spec, "pdf")      # a Future of the bytes
        pdf.result()                           # BrowserError on a timeout or a failed browser
        session.close()                        # no process left, whatever state it was in

    Renders run one at a time, in the order asked for; each one's timeout
    counts from when it begins. After a failure or a timeout the session is
    broken: every later render fails at once, and the caller closes it (a
    watch loop then starts a new one).
    """

    def __init__(self, browser: str, start_timeout: float, render_timeout: float):
        import asyncio

        _quiet_library_logs()
        self.browser = browser
        self.start_timeout = start_timeout
        self.render_timeout = render_timeout
        self.renders = 0  # how many renders this browser has done, for a caller that recycles it
        self._queued = 0  # renders asked for and not yet begun (counted in the session's thread)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="chromium-session", daemon=True)
        self._kaleido = None
        self._failure: BrowserError | None = None
        self._closed = False
        self.temp_folder = make_temp_folder()
        self._thread.start()
        self._opened: Future = asyncio.run_coroutine_threadsafe(self._open(), self._loop)

    @classmethod
    def start(cls, browser: str | None = None, start_timeout: float | None = None,
              render_timeout: float | None = None) -> ChromiumSession:
        """Start a browser (`browser`, else the one kaleido finds) and return without waiting for it.

        Raises ChromiumNotFound, before starting anything, when there is none.
        """
        return cls(
            browser or chromium_or_raise(),
            start_timeout if start_timeout is not None else timeout_from_environment(START_TIMEOUT),
            render_timeout if render_timeout is not None else timeout_from_environment(RENDER_TIMEOUT),
        )

    @property
    def failure(self) -> BrowserError | None:
        """Why the session broke (then every render fails at once), or None: a watch loop's cue to
        close it and start another."""
        return self._failure

    def __enter__(self) -> ChromiumSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close(kill=exc[0] is not None)

    def wait_started(self) -> None:
        """Return once the browser answers; BrowserError if it did not within the start timeout."""
        self._result(self._opened)

    def render(self, spec: dict, fmt: str) -> Future:
        """Queue one render of `spec` in `fmt`; the Future's result is the file's bytes.

        Its `result()` raises BrowserError when the browser failed or timed out.
        """
        import asyncio

        if fmt not in FORMATS:
            raise ValueError(f"cannot export to {fmt}; formats are {', '.join(FORMATS)}")
        if self._closed:
            raise RuntimeError("this Chromium session is closed")
        return asyncio.run_coroutine_threadsafe(self._render(spec, fmt), self._loop)

    @property
    def process_group(self) -> int | None:
        """The browser's process group (kaleido's wrapper leads it), or None before it exists."""
        process = getattr(self._kaleido, "subprocess", None)
        return process.pid if process is not None else None

    @property
    def started(self) -> bool:
        """Whether the start is over (opened, or failed)."""
        return self._opened.done()

    def result(self, future: Future) -> bytes:
        """The bytes of a render, waiting for them (interruptible by Ctrl-C)."""
        return self._result(future)

    def close(self, kill: bool = False) -> None:
        """End the browser and the session's thread; leaves no process, whatever the browser does.

        `kill` skips asking the browser to quit (Ctrl-C, a failed build): its
        process group is killed at once.
        """
        import asyncio

        if self._closed:
            return
        self._closed = True
        shutdown = asyncio.run_coroutine_threadsafe(self._shutdown(kill), self._loop)
        interrupted = None
        try:
            shutdown.result(timeout=CLOSE_GRACE + 2)
        except BaseException as error:  # noqa: BLE001 - a hung shutdown, or Ctrl-C during it: kill, then go on
            self._kill_browser()
            if isinstance(error, KeyboardInterrupt):
                interrupted = error
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=2)
        if not self._thread.is_alive():
            self._loop.close()
        shutil.rmtree(self.temp_folder, ignore_errors=True)
        if interrupted is not None:
            raise interrupted

    def _result(self, future: Future):
        # No timeout here: the session's own timeouts end every wait, and a
        # wait on a lock is interrupted by Ctrl-C in the main thread.
        return future.result()

    # --- the rest runs in the session's thread ---

    async def _open(self) -> None:
        import asyncio

        import kaleido

        self._lock = asyncio.Lock()
        try:
            # The page written here, not in a folder of kaleido's, and the profile in a folder of ours
            # (choreographer's `tmp_dir`): both inside `temp_folder`, removed on close or by the next build.
            index = self.temp_folder / "index.html"
            index.write_text(kaleido.PageGenerator(plotly=PLOTLY_JS.as_uri(), mathjax=False).generate_index(),
                             encoding="utf-8")
            self._kaleido = _batch_kaleido(kaleido)(path=self.browser, page_generator=index, timeout=None,
                                                    tmp_dir=str(self.temp_folder),
                                                    keep_page=lambda: self._queued > 0)
            task = asyncio.ensure_future(self._kaleido.open())
            try:
                done, _ = await asyncio.wait({task}, timeout=self.start_timeout)
            except asyncio.CancelledError:  # closed while starting
                await _cancel(task)
                raise
            if not done:
                await _cancel(task)
                raise BrowserError(
                    f"the browser {self.browser} started but did not answer within {self.start_timeout:g} s: {FIX_HELP}"
                )
            task.result()
        except BrowserError as error:
            self._failure = error
            raise
        except Exception as error:  # noqa: BLE001 - whatever kaleido or choreographer raise, said in one line
            from choreographer.browsers import BrowserFailedError

            why = "it exited as soon as it started" if isinstance(error, BrowserFailedError) else _one_line(error)
            self._failure = BrowserError(f"the browser {self.browser} failed to start ({why}): {FIX_HELP}")
            raise self._failure from error

    async def _render(self, spec: dict, fmt: str) -> bytes:
        import asyncio

        self._queued += 1
        try:
            await asyncio.wrap_future(self._opened)
            await self._lock.acquire()
        finally:
            self._queued -= 1
        try:
            return await self._render_locked(spec, fmt)
        finally:
            self._lock.release()

    async def _render_locked(self, spec: dict, fmt: str) -> bytes:
        import asyncio

        if self._failure is not None:
            raise self._failure
        task = asyncio.ensure_future(self._calc_fig_once_more_on_a_stale_page(spec, fmt))
        done, _ = await asyncio.wait({task}, timeout=self.render_timeout)
        if not done:
            await _cancel(task)
            self._failure = BrowserError(
                f"the browser {self.browser} did not render the figure ({fmt.upper()}) "
                f"within {self.render_timeout:g} s: {FIX_HELP}"
            )
            raise self._failure
        try:
            data = task.result()
        except Exception as error:  # noqa: BLE001
            self._failure = BrowserError(
                f"the browser {self.browser} failed to render the figure ({fmt.upper()}): {_one_line(error)}"
            )
            raise self._failure from error
        self.renders += 1
        return data

    async def _calc_fig_once_more_on_a_stale_page(self, spec: dict, fmt: str) -> bytes:
        """kaleido's render; if the page could not run it, the page is reloaded and the render tried once more.

        Under load, kaleido can take its page's script context before the page's
        script has run (it asks Chromium for the contexts while the navigation is
        still committing), and the first render then fails with "kaleido_scopes is
        not defined". A reload takes the context anew. A render that fails again,
        or fails inside kaleido's script (a figure it cannot draw), is reported.
        """
        from choreographer.errors import DevtoolsProtocolError
        from kaleido._kaleido_tab._errors import JavascriptError

        try:
            return await self._kaleido.calc_fig(spec, opts=image_options(spec, fmt))
        except (JavascriptError, DevtoolsProtocolError):
            await self._kaleido.reload_idle_page()
            return await self._kaleido.calc_fig(spec, opts=image_options(spec, fmt))

    async def _shutdown(self, kill: bool) -> None:
        import asyncio

        if self._kaleido is None:
            return
        if not self._opened.done():
            # Cancelled before its process exists, a start would leave that process
            # running unseen: wait the few milliseconds until it exists.
            for _ in range(100):
                if hasattr(self._kaleido, "subprocess") or self._opened.done():
                    break
                await asyncio.sleep(0.01)
            kill = True
        if kill or self._failure is not None:
            self._kill_browser()
        if not self._opened.done():
            self._opened.cancel()
            await asyncio.sleep(0)
        try:
            await asyncio.wait_for(self._kaleido.close(), timeout=CLOSE_GRACE)
        except BaseException:  # noqa: BLE001 - a browser that ignored the request to quit
            self._kill_browser()
        # choreographer's watchdog and readers, ended here rather than destroyed pending with the loop
        rest = asyncio.all_tasks() - {asyncio.current_task()}
        for task in rest:
            task.cancel()
        if rest:
            await asyncio.wait(rest, timeout=0.5)

    def _kill_browser(self) -> None:
        # choreographer starts its wrapper in a new session: the wrapper's pid is
        # its process group, which holds Chromium and everything Chromium started.
        process = getattr(self._kaleido, "subprocess", None)
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                process.wait(timeout=2)
            except Exception:  # noqa: BLE001 - reaped already
                pass
        # Our end of the pipe, closed, ends the thread reading it (else kaleido's
        # shutdown waits for that thread: 2 s measured).
        channel = getattr(self._kaleido, "_channel", None)
        if channel is not None:
            channel.close()


def _batch_kaleido(kaleido):
    """kaleido's Kaleido, but its page is reloaded once after a batch of renders, and not waited for.

    kaleido reloads its page after every render, so that no figure sees what
    the one before left, and a render's bytes wait for that reload (0.1-0.2 s
    here, as long as the render itself). A render leaves nothing there that the
    next one reads: an SVG or PNG is drawn in a detached element that plotly
    purges, and a PDF sets the page's image and page size anew. So renders asked
    for together (a build's PDF, PNG and SVG) run back to back on one page; once
    no render waits, the page is reloaded for the next batch (a watch's next
    round) after the last one's bytes are handed over. The images are byte for
    byte those of a fresh page (tests/test_export.py).
    """
    import asyncio

    class BatchKaleido(kaleido.Kaleido):
        def __init__(self, *args, keep_page, **kwargs):
            super().__init__(*args, **kwargs)
            self._keep_page = keep_page
            self._reloads: set[asyncio.Task] = set()

        # kaleido's own (private) hook, awaited after each render before its bytes are returned;
        # were it renamed, every render would simply wait for its page's reload again.
        async def _return_kaleido_tab(self, tab, *args, **kwargs):
            if self._keep_page():
                await self.tabs_ready.put(tab)
                return
            reload = asyncio.ensure_future(self._reload_and_return(tab, *args, **kwargs))
            self._reloads.add(reload)  # held until done: the loop keeps only weak references
            reload.add_done_callback(self._reloads.discard)

        async def reload_idle_page(self):
            """Reload the page once no render holds it (after a render that the page could not run)."""
            tab = await self.tabs_ready.get()
            try:
                await tab.reload()
            finally:
                await self.tabs_ready.put(tab)

        async def _reload_and_return(self, tab, *args, **kwargs):
            try:
                await super()._return_kaleido_tab(tab, *args, **kwargs)
            except Exception:  # noqa: BLE001 - a browser gone meanwhile: the next render says so at once
                await self.tabs_ready.put(tab)

    return BatchKaleido


async def _cancel(task: asyncio.Task) -> None:
    """Cancel `task` and take whatever it ends with, so asyncio does not log it as unretrieved."""
    import asyncio

    task.cancel()
    await asyncio.wait({task}, timeout=1)
    if task.done() and not task.cancelled():
        task.exception()


def _quiet_library_logs() -> None:
    """Keep kaleido's and choreographer's logs (a traceback for each garbled
    message of a broken browser, Chromium's own stderr) off the console: a
    failure reaches the user as one BrowserError line."""
    import logging

    for name in ("choreographer", "kaleido", "logistro", "browser_proc"):
        logger = logging.getLogger(name)
        if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
