"""Writing the figure to files: SVG, PNG and PDF through one Chromium (kaleido), HTML offline.

Starting Chromium is most of an export's time, so `start_export` starts it in
a thread at once, before the figure even exists, and writes each format as soon
as it is rendered: a build draws the figure while the browser starts, and
writes the PDF brief (which needs only the figure's PDF) while the browser
renders the other formats.

Every file is written under a temporary name in its own folder and renamed
into place, so a reader never sees half a file and a failed export leaves the
previous file as it was. Nothing is fetched from the network: plotly.js
comes from the plotly package and MathJax is switched off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from .figure import figure_view, measuring_fonts
from .files import write_atomically
from .model import Timeline

if TYPE_CHECKING:
    import plotly.graph_objects as go

FORMATS = ("svg", "png", "pdf")
PNG_SCALE = 2  # PNG for screens; the brief uses the vector PDF
HTML_DIV_ID = "timeline"  # fixed, so the same figure gives the same HTML bytes
# Found without importing plotly: a build whose figure is unchanged never needs it.
PLOTLY_JS = Path(importlib.util.find_spec("plotly").origin).parent / "package_data" / "plotly.min.js"

# The code that decides what the figure looks like: the whole package, sub-packages included.
PACKAGE_ROOT = Path(__file__).resolve().parent

CHROMIUM_HELP = (
    "Chromium is needed to export the figure. On Debian/Ubuntu: apt-get install chromium; "
    "elsewhere: plotly_get_chrome (or set BROWSER_PATH to a Chrome or Chromium executable)."
)


class ChromiumNotFound(Exception):
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


def _chromium_or_raise() -> str:
    browser = find_chromium()
    if browser:
        return browser
    detail = ""
    if os.environ.get("BROWSER_PATH"):
        detail = f" BROWSER_PATH is set to {os.environ['BROWSER_PATH']!r}, which is not an executable file."
    raise ChromiumNotFound(CHROMIUM_HELP + detail)


def _image_options(spec: dict, fmt: str) -> dict:
    return {
        "format": fmt,
        "width": spec["layout"]["width"],
        "height": spec["layout"]["height"],
        "scale": PNG_SCALE if fmt == "png" else 1,
    }


def _static_spec(fig: go.Figure) -> dict:
    """The figure as kaleido takes it, made once for every format, without the hover
    text: no image shows it, and on a large timeline it is most of the figure's bytes."""
    spec = fig.to_dict()
    for trace in spec.get("data", []):
        trace.pop("hovertext", None)
    return spec


class Export:
    """One export under way: a Chromium started in a thread, waiting for its figure.

    Made by `start_export`. Hand it the figure with `render`; `wait_for(fmt)`
    returns once that format's file is written, `finish()` once all are. Both
    raise whatever stopped the export. `cancel()` ends it without a figure.
    """

    def __init__(self, paths: Mapping[str, Path], browser: str):
        self._paths = {fmt: Path(path) for fmt, path in paths.items()}
        self._figure: Future = Future()
        self._written = {fmt: threading.Event() for fmt in self._paths}
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(browser,), name="figure-export", daemon=True)
        self._thread.start()

    def render(self, fig: go.Figure) -> None:
        self._figure.set_result(fig)

    def cancel(self) -> None:
        """End the export and close its browser: with no figure handed over, as soon as Chromium
        has started (it cannot be stopped half-started without leaving processes behind);
        with one, once its formats are written."""
        self._figure.cancel()
        self._thread.join()

    def wait_for(self, fmt: str) -> Path:
        self._written[fmt].wait()
        self._raise_error()
        return self._paths[fmt]

    def finish(self) -> None:
        self._thread.join()
        self._raise_error()

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self, browser: str) -> None:
        import asyncio

        from choreographer.browsers import ChromeNotFoundError

        try:
            asyncio.run(self._render(browser))
        except asyncio.CancelledError:
            pass
        except ChromeNotFoundError as error:  # found a moment ago, gone now
            self._error = ChromiumNotFound(CHROMIUM_HELP)
            self._error.__cause__ = error
        except BaseException as error:  # handed to the waiting thread, which raises it
            self._error = error
        finally:
            for written in self._written.values():
                written.set()  # wake every waiter, also when the export failed

    async def _render(self, browser: str) -> None:
        import asyncio

        import kaleido

        # One browser for every format: starting Chromium costs ~2 s, each render ~0.2 s.
        async with kaleido.Kaleido(path=browser, mathjax=False, plotlyjs=PLOTLY_JS.as_uri()) as k:
            spec = _static_spec(await asyncio.wrap_future(self._figure))
            for fmt, path in self._paths.items():
                write_atomically(path, await k.calc_fig(spec, opts=_image_options(spec, fmt)))
                self._written[fmt].set()


def start_export(paths: Mapping[str, Path]) -> Export:
    """Start Chromium now, to write the figure `render` will hand over in each format
    of `paths` ("svg", "png", "pdf"), in the order given.

    Raises ValueError for an unknown format, and ChromiumNotFound when no browser
    can be found, both before starting anything.
    """
    unknown = sorted(set(paths) - set(FORMATS))
    if unknown:
        raise ValueError(f"cannot export to {', '.join(unknown)}; formats are {', '.join(FORMATS)}")
    return Export(paths, _chromium_or_raise())


def export_figure(fig: go.Figure, paths: Mapping[str, Path]) -> None:
    """Write `fig` in each requested format ("svg", "png", "pdf") to its path, with one Chromium start."""
    if not paths:
        return
    export = start_export(paths)
    export.render(fig)
    export.finish()


def html_bytes(fig: go.Figure) -> bytes:
    """The figure as one self-contained interactive HTML page (plotly.js inline, no MathJax)."""
    page = fig.to_html(
        full_html=True,
        include_plotlyjs=True,
        include_mathjax=False,
        div_id=HTML_DIV_ID,
        config={
            "displaylogo": False,
            "modeBarButtonsToRemove": ["select2d", "lasso2d"],
            "toImageButtonOptions": {"format": "png", "filename": "timeline", "scale": PNG_SCALE},
        },
    )
    return page.encode("utf-8")


def write_html(fig: go.Figure, path: Path) -> None:
    """Write the interactive, offline HTML page of `fig` to `path` (temp file, then rename)."""
    write_atomically(Path(path), html_bytes(fig))


def _browser_identity() -> dict:
    """What identifies the installed browser cheaply (no start): its path, size and mtime."""
    browser = find_chromium()
    if browser is None:
        return {"path": None}
    real = Path(browser).resolve()
    stat = real.stat()
    return {"path": str(real), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _file_identity(path: Path) -> dict:
    stat = path.stat()
    return {"path": str(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def code_digest(root: Path = PACKAGE_ROOT) -> str:
    """sha256 of every .py file under `root`, at any depth, with its path relative to `root`.

    All of the package rather than the figure's modules alone: a few hundred KB,
    hashed in a millisecond, and no edit that changes the images can slip by
    however the code is split into sub-packages, with no recipe number to bump.
    """
    digest = hashlib.sha256()
    for source in sorted(root.rglob("*.py"), key=lambda path: path.relative_to(root).as_posix()):
        digest.update(b"\0" + source.relative_to(root).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def figure_key(timeline: Timeline, formats: Iterable[str] = FORMATS) -> str:
    """sha256 of everything that decides the exported images, known without drawing the figure.

    That is the timeline's `figure_view`, this package's code (`code_digest`),
    the font files the figure is measured with, the formats and scale, the
    installed plotly, kaleido and choreographer, and the browser. Equal keys
    mean a new export would give the same images, so it can be skipped, and the
    figure need not be drawn.
    """
    recipe = {
        "code": code_digest(),
        "formats": sorted(set(formats)),
        "png_scale": PNG_SCALE,
        # An upgrade rewrites a package's files: their identity stands for its version, and
        # costs no import (importlib.metadata alone takes longer than the rest of the key).
        "packages": [_file_identity(Path(importlib.util.find_spec(name).origin))
                     for name in ("plotly", "kaleido", "choreographer")],
        "browser": _browser_identity(),
        "fonts": [_file_identity(Path(path)) for bold in (False, True) for path in measuring_fonts(bold=bold)],
    }
    digest = hashlib.sha256()
    digest.update(repr(figure_view(timeline)).encode("utf-8"))
    digest.update(b"\0")
    digest.update(json.dumps(recipe, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()
