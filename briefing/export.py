"""Writing the figure to files: SVG, PNG and PDF through Chromium (browser.py), HTML offline.

Every file is written under a temporary name and renamed into place, so a
reader never sees half a file and a failed export leaves the previous file as
it was. Nothing is fetched from the network: plotly.js comes from the plotly
package and MathJax is switched off.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .browser import FORMATS, PNG_SCALE, ChromiumNotFound, ChromiumSession, find_chromium  # noqa: F401
from .figure import figure_view, measuring_fonts
from .files import write_atomically
from .model import Timeline

if TYPE_CHECKING:
    import plotly.graph_objects as go

HTML_DIV_ID = "timeline"  # fixed, so the same figure gives the same HTML bytes
# The code that decides what the figure looks like: the whole package, sub-packages included.
PACKAGE_ROOT = Path(__file__).resolve().parent


def static_spec(fig: go.Figure) -> dict:
    """The figure as kaleido takes it, made once for every format, without the hover
    text: no image shows it, and on a large timeline it is most of the figure's bytes."""
    spec = fig.to_dict()
    for trace in spec.get("data", []):
        trace.pop("hovertext", None)
    return spec


def export_figure(fig: go.Figure, paths: Mapping[str, Path], session: ChromiumSession | None = None) -> None:
    """Write `fig` in each requested format ("svg", "png", "pdf") to its path, with one browser.

    With no `session`, one is started for this export and closed after it.
    Raises ValueError for an unknown format before starting anything, and
    BrowserError when the browser is missing, fails or times out.
    """
    unknown = sorted(set(paths) - set(FORMATS))
    if unknown:
        raise ValueError(f"cannot export to {', '.join(unknown)}; formats are {', '.join(FORMATS)}")
    if not paths:
        return
    if session is None:
        with ChromiumSession.start() as own:
            export_figure(fig, paths, own)
        return
    spec = static_spec(fig)
    renders = {fmt: session.render(spec, fmt) for fmt in paths}
    for fmt, path in paths.items():
        write_atomically(Path(path), session.result(renders[fmt]))


def html_bytes(fig: go.Figure, title: str | None = None) -> bytes:
    """The figure as one self-contained interactive HTML page (plotly.js inline, no MathJax),
    with `title` as the page's <title> (plotly writes none)."""
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
    if title is not None:
        page = page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)
    return page.encode("utf-8")


def write_html(fig: go.Figure, path: Path, title: str | None = None) -> None:
    """Write the interactive, offline HTML page of `fig` to `path` (temp file, then rename)."""
    write_atomically(Path(path), html_bytes(fig, title))


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


def figure_key(timeline: Timeline, formats: Iterable[str] = FORMATS, *, axis: str = "compressed",
               paper: str = "a4") -> str:
    """sha256 of everything that decides the exported images, known without drawing the figure.

    That is the timeline's two `figure_view`s (the brief's figure, laid out for
    its page on `paper`, and the standalone one of the PNG, SVG and HTML, which
    shows the title), this package's code (`code_digest`, which holds the page's
    frame and so the width the brief's figure is laid out at),
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
    for standalone in (False, True):
        digest.update(repr(figure_view(timeline, axis=axis, standalone=standalone, paper=paper)).encode("utf-8"))
    digest.update(b"\0")
    digest.update(json.dumps(recipe, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()
