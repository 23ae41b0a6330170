"""The preview page: the last round's findings, the interactive figure and the brief, live.

Served by the standard library's ThreadingHTTPServer on 127.0.0.1 only: one
page, one JSON state, one server-sent-events stream and the files of the
output folder. That is all a single local reader needs, so no web framework
is added. The page listens to `/events` and, after each round, reloads what
changed; a banner shows while a round runs or when the last one failed.

The brief is described as well as embedded: its page count, size, a download
link and its sections, read from the PDF's outline (7 ms for a 22-page brief,
0.4 s for 743 pages). A browser without a PDF viewer (a headless build without
one, or a browser set to download PDFs) shows an embedded PDF as an empty box,
or downloads it on every round, so the page embeds the PDF only where
`navigator.pdfViewerEnabled` says a viewer will show it. Pages as images were
weighed and left out: reportlab cannot rasterise, and pdftoppm is no Python
dependency (a user may not have it) and took 0.8-1.4 s for a 22-page brief at
a thumbnail's 40 dpi, longer than a whole watch round.

The figure keeps its own size (Plotly draws it in fixed pixels) and is scaled
as a whole to fit the pane, so its axis and key are never cut off.

Only plain file names of the output folder are served (no folders, no dot
files): a URL cannot reach anything outside it.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .wording import file_size, plural

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# An idle stream sends a comment this often, so a closed tab is noticed and its thread ends.
HEARTBEAT_SECONDS = 10.0
CONTENT_TYPES = {
    ".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml",
    ".png": "image/png", ".json": "application/json", ".eml": "message/rfc822",
}


@dataclass(frozen=True)
class Section:
    """A top-level entry of the brief's outline (its bookmarks), at its page."""

    title: str
    page: int


@dataclass(frozen=True)
class BriefFacts:
    """What the page says of the brief in words, so it says something in any browser."""

    described: str  # "22 pages, 325 KB", as the console says it; "325 KB" if the PDF cannot be read
    pages: int | None = None
    sections: tuple[Section, ...] = ()


def read_brief(path: Path) -> BriefFacts | None:
    """The brief's size, page count and top-level sections; None when the file is not there.

    Only the top level of the outline: the events under "Events" would make a
    long brief's list as long as its contents page."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return None
    from pypdf import PdfReader  # imported here: only the preview reads a PDF back
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        pages = len(reader.pages)
        sections = tuple(Section(str(item.title), reader.get_destination_page_number(item) + 1)
                         for item in reader.outline if not isinstance(item, list))
    except (OSError, PyPdfError, ValueError, KeyError):  # a brief replaced mid-read, or damaged
        return BriefFacts(file_size(size))
    return BriefFacts(f"{plural(pages, 'page')}, {file_size(size)}", pages, sections)


class BriefReader:
    """`read_brief` that reads a file again only when it changed: each round publishes twice
    (running, then done), and a failed round keeps the last good brief."""

    def __init__(self) -> None:
        self._last: tuple[tuple, BriefFacts | None] | None = None

    def __call__(self, path: Path) -> BriefFacts | None:
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        identity = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if self._last is None or self._last[0] != identity:
            self._last = (identity, read_brief(path))
        return self._last[1]


@dataclass(frozen=True)
class RoundReport:
    """What the page shows of one round of the watch loop."""

    round: int = 0
    status: str = "starting"  # starting | running | ok | failed
    time: str = ""
    summary: str = ""
    findings: list[dict] = field(default_factory=list)  # code, severity, place, message, accepted
    failure: str | None = None  # why the last round wrote nothing
    brief: str | None = None  # file name of the last good brief in the output folder
    brief_facts: BriefFacts | None = None
    figure: str | None = None  # file name of the interactive figure


class PreviewState:
    """The latest report, shared between the watch loop (writer) and the server's threads."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._report = RoundReport()
        self._version = 0
        self.closed = False

    def publish(self, report: RoundReport) -> None:
        with self._changed:
            self._report = report
            self._version += 1
            self._changed.notify_all()

    def snapshot(self) -> tuple[int, RoundReport]:
        with self._changed:
            return self._version, self._report

    def wait_newer(self, version: int, timeout: float) -> int:
        """Block until a report newer than `version` is published (or the timeout); the current version."""
        with self._changed:
            self._changed.wait_for(lambda: self._version > version or self.closed, timeout)
            return self._version

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()


class PortInUse(Exception):
    pass


def serve(state: PreviewState, out_dir: Path, port: int = DEFAULT_PORT) -> ThreadingHTTPServer:
    """Start the server in a daemon thread; raise PortInUse with a one-line message if it cannot bind."""
    handler = type("Handler", (_Handler,), {"state": state, "out_dir": Path(out_dir).resolve()})
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise PortInUse(f"cannot serve the preview on {HOST}:{port}: {exc.strerror or exc}; "
                        f"pass another port with --port N") from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server


class _Handler(BaseHTTPRequestHandler):
    state: PreviewState
    out_dir: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # the watch loop prints what matters
        pass

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", PAGE.encode())
        elif path == "/state":
            version, report = self.state.snapshot()
            body = json.dumps({"version": version, **asdict(report)}).encode()
            self._send(HTTPStatus.OK, "application/json", body, cache=False)
        elif path == "/events":
            self._events()
        elif path.startswith("/files/"):
            self._file(path.removeprefix("/files/"))
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n")

    def _send(self, status, content_type: str, body: bytes, *, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if not cache:
            self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _file(self, name: str) -> None:
        if not name or "/" in name or "\\" in name or name.startswith(".") or "\0" in name:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n")
            return
        path = self.out_dir / name
        try:
            if path.resolve().parent != self.out_dir or not path.is_file():
                raise FileNotFoundError
            body = path.read_bytes()
        except OSError:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n")
            return
        self._send(HTTPStatus.OK, CONTENT_TYPES.get(path.suffix, "application/octet-stream"), body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version, _ = self.state.snapshot()
        try:
            self.wfile.write(f"data: {version}\n\n".encode())
            self.wfile.flush()
            while not self.state.closed:
                newer = self.state.wait_newer(version, HEARTBEAT_SECONDS)
                if newer > version:
                    version = newer
                    self.wfile.write(f"data: {version}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except OSError:  # the tab was closed
            pass
        self.close_connection = True


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>briefing preview</title><link rel="icon" href="data:,">
<style>
 :root { --ink: #1d2430; --muted: #5f6b7a; --line: #dde2e8; --panel: #f6f8fa; --accent: #0b3d66;
         --error: #b3261e; --warning: #8a5a00; --ok: #1e7d45; }
 * { box-sizing: border-box; } [hidden] { display: none !important; }
 body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: var(--ink);
        background: #fff; }
 header { position: sticky; top: 0; z-index: 2; padding: 10px 20px; background: var(--accent); color: #fff;
          display: flex; gap: 14px; align-items: center; flex-wrap: wrap; }
 header h1 { font-size: 15px; margin: 0; font-weight: 600; letter-spacing: .02em; }
 #status { font-size: 12px; font-weight: 600; padding: 2px 9px; border-radius: 10px; background: #ffffff26; }
 #status.ok { background: var(--ok); } #status.failed { background: var(--error); }
 #status.running { background: #e0a800; color: #1d2430; }
 #round { opacity: .85; font-size: 13px; } #summary { font-size: 13px; margin-left: auto; }
 #banner { padding: 8px 20px; display: none; font-weight: 500; border-bottom: 1px solid var(--line); }
 #banner.running { display: block; background: #fff6d6; }
 #banner.failed { display: block; background: #fdecea; color: var(--error); }
 main { display: grid; grid-template-columns: minmax(300px, 380px) 1fr; gap: 20px; padding: 16px 20px; }
 h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 8px;
      display: flex; justify-content: space-between; align-items: baseline; }
 h2 a { text-transform: none; letter-spacing: 0; font-weight: 400; color: var(--accent); }
 aside { position: sticky; top: 58px; align-self: start; max-height: calc(100vh - 74px); overflow: auto; }
 #findings { list-style: none; margin: 0; padding: 0; }
 #findings li { padding: 8px 10px; margin-bottom: 6px; border: 1px solid var(--line); border-left: 3px solid var(--line);
                border-radius: 4px; background: #fff; }
 #findings li.error, #findings li.input { border-left-color: var(--error); }
 #findings li.warning { border-left-color: #e0a800; } #findings li.accepted { border-left-color: #b8c0ca; color: var(--muted); }
 #findings li.none { border-left-color: var(--ok); color: var(--ok); }
 .place { display: block; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--muted); }
 .badge { font-size: 11px; font-weight: 600; text-transform: uppercase; padding: 0 5px; border-radius: 3px;
          background: var(--panel); }
 .error .badge, .input .badge { background: #fdecea; color: var(--error); }
 .warning .badge { background: #fff3cd; color: var(--warning); }
 .code { font: 600 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
 .reason { display: block; font-size: 12px; font-style: italic; margin-top: 2px; }
 section + section { margin-top: 20px; }
 h2 .note { text-transform: none; letter-spacing: 0; font-weight: 400; margin-left: 6px; margin-right: auto; }
 iframe { border: 0; display: block; }
 /* The figure's frame keeps the figure's own size, scaled as a whole: nothing is cut off. */
 #figure-box { box-sizing: content-box; overflow: hidden; border: 1px solid var(--line); border-radius: 4px;
               background: #fff; max-width: calc(100% - 2px); }
 #figure { transform-origin: 0 0; width: 100%; height: 480px; }
 #brief-card { border: 1px solid var(--line); border-radius: 4px; background: var(--panel); padding: 12px 14px; }
 #brief-card .facts { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
 #brief-download { font-weight: 600; color: var(--accent); }
 #brief-viewer { margin: 6px 0 0; color: var(--muted); font-size: 13px; }
 #brief-sections { margin: 10px 0 0; padding: 0; list-style: none; columns: 2 16em; column-gap: 24px; font-size: 13px; }
 #brief-sections li { display: flex; gap: 8px; break-inside: avoid; padding: 1px 0; }
 #brief-sections .page { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
 #brief-sections a { color: var(--accent); }
 #brief { width: 100%; height: calc(100vh - 120px); min-height: 600px; margin-top: 10px;
          border: 1px solid var(--line); border-radius: 4px; background: var(--panel); }
 .empty { color: var(--muted); padding: 24px; border: 1px dashed var(--line); border-radius: 4px; }
 @media (max-width: 900px) { main { grid-template-columns: 1fr; } aside { position: static; max-height: none; } }
</style></head>
<body>
<header id="header"><h1>briefing preview</h1><span id="status">starting</span><span id="round"></span><span id="summary"></span></header>
<div id="banner" role="status"></div>
<main>
 <aside><h2>Findings <span id="count"></span></h2><ul id="findings"></ul></aside>
 <div>
  <section><h2>Figure <span class="note" id="figure-scale"></span><a id="figure-link" target="_blank" hidden>open in a new tab</a></h2>
   <div class="empty" id="figure-empty">No figure yet: the first build is running.</div>
   <div id="figure-box" hidden><iframe id="figure" title="Interactive timeline figure" scrolling="no"></iframe></div></section>
  <section><h2>Brief <a id="brief-link" target="_blank" hidden>open the PDF in a new tab</a></h2>
   <div class="empty" id="brief-empty">No brief yet: the first build is running.</div>
   <div id="brief-card" hidden>
    <div class="facts"><a id="brief-download" download>Download the PDF</a><span id="brief-facts"></span>
     <span class="place" id="brief-name"></span></div>
    <p id="brief-viewer"></p>
    <ol id="brief-sections"></ol>
   </div>
   <iframe id="brief" name="brief" title="The PDF brief" hidden></iframe></section>
 </div>
</main>
<script>
const ORDER = {input: 0, error: 1, warning: 2, accepted: 3};
const $ = (id) => document.getElementById(id);
function el(tag, cls, value) { const e = document.createElement(tag); if (cls) e.className = cls; if (value !== undefined) e.textContent = value; return e; }
function finding(f) {
  // Read as one line too (place: severity CODE message), as the console prints it.
  const li = el('li', f.severity);
  li.append(el('span', 'place', `${f.place}:`), ' ', el('span', 'badge', f.severity), ' ',
            el('span', 'code', f.code), ' ', el('span', 'message', f.message));
  if (f.accepted) li.append(el('span', 'reason', `accepted: ${f.accepted}`));
  return li;
}
const fileUrl = (name, version) => `/files/${encodeURIComponent(name)}?v=${version}`;
function load(frame, url) {
  if ($(frame).dataset.url !== url) { $(frame).src = url; $(frame).dataset.url = url; }
}
// A tall figure is scaled to the pane's width and, down to FIGURE_MIN_SCALE, to the window's height
// below the header, so its axis and key show with the rest; smaller than that, the page scrolls to them.
const FIGURE_MIN_SCALE = 0.5;
function fitFigure() {
  const frame = $('figure'), box = $('figure-box'), doc = frame.contentDocument;
  const plot = doc && (doc.querySelector('.plotly-graph-div') || (doc.body && doc.body.firstElementChild));
  if (!plot || !plot.offsetWidth || !plot.offsetHeight) return;
  doc.documentElement.style.overflow = 'hidden';
  doc.body.style.margin = '0';
  const width = plot.offsetWidth, height = plot.offsetHeight;
  const room = box.parentElement.clientWidth - 2;
  const top = Math.min(box.getBoundingClientRect().top + window.scrollY, $('header').offsetHeight + 48);
  const byHeight = Math.max((window.innerHeight - top - 16) / height, FIGURE_MIN_SCALE);
  const scale = Math.min(1, room / width, byHeight);
  frame.style.width = `${width}px`; frame.style.height = `${height}px`;
  frame.style.transform = `scale(${scale})`;
  box.style.width = `${Math.floor(width * scale)}px`; box.style.height = `${Math.floor(height * scale)}px`;
  box.dataset.scale = scale.toFixed(3);
  $('figure-scale').textContent = scale < 0.995 ? `shown at ${Math.round(scale * 100)}%` : '';
}
function showFigure(name, version) {
  if (!name) return;
  const url = fileUrl(name, version);
  $('figure-empty').hidden = true; $('figure-box').hidden = false;
  load('figure', url);
  $('figure-link').href = url; $('figure-link').hidden = false;
}
// Without a PDF viewer an embedded PDF is an empty box, or a download each round: embed only with one.
const PDF_VIEWER = navigator.pdfViewerEnabled === true;
function showBrief(name, facts, version) {
  if (!name) return;
  const url = fileUrl(name, version);
  $('brief-empty').hidden = true; $('brief-card').hidden = false;
  $('brief-download').href = url; $('brief-download').download = name;
  $('brief-facts').textContent = facts ? facts.described : '';
  $('brief-name').textContent = name;
  $('brief-viewer').textContent = PDF_VIEWER
    ? "Shown below in this browser's PDF viewer; a section opens there at its page."
    : 'This browser has no PDF viewer, so the brief is not shown here: download it and open it in a PDF reader.';
  $('brief-sections').replaceChildren(...(facts ? facts.sections : []).map((section) => {
    const li = el('li');
    if (PDF_VIEWER) {
      // A new query, not only a new #page: the viewer reads the fragment only when it opens a file.
      const a = el('a', '', section.title); a.href = `${url}&at=${section.page}#page=${section.page}`;
      a.target = 'brief'; li.append(a);
    } else {
      li.append(el('span', '', section.title));
    }
    li.append(el('span', 'page', `p. ${section.page}`));
    return li;
  }));
  $('brief-link').href = url; $('brief-link').hidden = !PDF_VIEWER;  // without a viewer it would only download
  if (PDF_VIEWER) { $('brief').hidden = false; load('brief', url); }
}
let shown = -1;
async function refresh() {
  const s = await (await fetch('/state', {cache: 'no-store'})).json();
  // Two fetches may answer out of order (the first load and the first event): never go back.
  if (s.version < shown) return;
  shown = s.version;
  $('status').className = s.status; $('status').textContent = s.status;
  $('round').textContent = s.round ? `round ${s.round} at ${s.time}` : 'first build…';
  $('summary').textContent = s.summary;
  const banner = $('banner');
  banner.className = s.status === 'running' ? 'running' : (s.status === 'failed' ? 'failed' : '');
  banner.textContent = s.status === 'running' ? 'Building…' :
    (s.status === 'failed' ? `Last round failed: ${s.failure}. ${s.brief ? 'Showing the last good brief.' : ''}` : '');
  if (s.status !== 'running') {
    const sorted = [...s.findings].sort((a, b) => (ORDER[a.severity] ?? 9) - (ORDER[b.severity] ?? 9));
    $('findings').replaceChildren(...sorted.map(finding));
    if (!sorted.length && s.round) $('findings').append(el('li', 'none', 'No findings.'));
    $('count').textContent = sorted.length ? String(sorted.length) : '';
    const none = s.status === 'failed' ? 'no round has succeeded; see the findings.' : 'the first build is running.';
    $('figure-empty').textContent = `No figure yet: ${none}`; $('brief-empty').textContent = `No brief yet: ${none}`;
    showFigure(s.figure, s.version);
    showBrief(s.brief, s.brief_facts, s.version);
  }
  document.body.dataset.version = s.version;
}
$('figure').addEventListener('load', fitFigure);
window.addEventListener('resize', fitFigure);
const events = new EventSource('/events');
events.onmessage = refresh;
refresh();
</script>
</body></html>
"""


def report_time() -> str:
    return time.strftime("%H:%M:%S")

