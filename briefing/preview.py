"""The preview page: the last round's findings, the interactive figure and the brief, live.

Served by the standard library's ThreadingHTTPServer on 127.0.0.1 only: one
page, one JSON state, one server-sent-events stream and the files of the
output folder. That is all a single local reader needs, so no web framework
is added. The page listens to `/events` and, after each round, reloads what
changed; a banner shows while a round runs or when the last one failed.

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

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# An idle stream sends a comment this often, so a closed tab is noticed and its thread ends.
HEARTBEAT_SECONDS = 10.0
CONTENT_TYPES = {
    ".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml",
    ".png": "image/png", ".json": "application/json", ".eml": "message/rfc822",
}


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
<title>briefing preview</title>
<style>
 :root { --ink: #1d2430; --muted: #5f6b7a; --line: #dde2e8; --panel: #f6f8fa; --accent: #0b3d66;
         --error: #b3261e; --warning: #8a5a00; --ok: #1e7d45; }
 * { box-sizing: border-box; }
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
 iframe { width: 100%; border: 1px solid var(--line); border-radius: 4px; background: var(--panel); display: block; }
 #figure { height: 560px; } #brief { height: calc(100vh - 120px); min-height: 600px; }
 .empty { color: var(--muted); padding: 24px; border: 1px dashed var(--line); border-radius: 4px; }
 @media (max-width: 900px) { main { grid-template-columns: 1fr; } aside { position: static; max-height: none; } }
</style></head>
<body>
<header><h1>briefing preview</h1><span id="status">starting</span><span id="round"></span><span id="summary"></span></header>
<div id="banner" role="status"></div>
<main>
 <aside><h2>Findings <span id="count"></span></h2><ul id="findings"></ul></aside>
 <div>
  <section><h2>Figure <a id="figure-link" target="_blank" hidden>open in a new tab</a></h2>
   <iframe id="figure" title="Interactive timeline figure"></iframe></section>
  <section><h2>Brief <a id="brief-link" target="_blank" hidden>open the PDF</a></h2>
   <iframe id="brief" title="The PDF brief"></iframe></section>
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
function show(frame, link, name, version) {
  if (!name) return;
  const url = `/files/${encodeURIComponent(name)}?v=${version}`;
  if ($(frame).dataset.name !== name || $(frame).dataset.version !== String(version)) {
    $(frame).src = url; $(frame).dataset.name = name; $(frame).dataset.version = version;
  }
  $(link).href = url; $(link).hidden = false;
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
    show('figure', 'figure-link', s.figure, s.version);
    show('brief', 'brief-link', s.brief, s.version);
  }
  document.body.dataset.version = s.version;
}
const events = new EventSource('/events');
events.onmessage = refresh;
refresh();
</script>
</body></html>
"""


def report_time() -> str:
    return time.strftime("%H:%M:%S")

