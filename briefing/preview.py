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
<html lang="en"><head><meta charset="utf-8"><title>briefing preview</title>
<style>
 body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1a1a1a; }
 header { padding: 8px 16px; background: #0b3d66; color: #fff; display: flex; gap: 16px; align-items: baseline; }
 header h1 { font-size: 16px; margin: 0; }
 #banner { padding: 6px 16px; display: none; font-weight: 600; }
 #banner.running { display: block; background: #fff4c2; }
 #banner.failed { display: block; background: #b00020; color: #fff; }
 main { display: grid; grid-template-columns: minmax(320px, 38%) 1fr; gap: 12px; padding: 12px 16px; }
 #findings { list-style: none; margin: 0; padding: 0; font: 12px/1.35 ui-monospace, monospace; }
 #findings li { padding: 3px 0; border-bottom: 1px solid #eee; }
 .error, .input { color: #b00020; } .warning { color: #8a5a00; } .accepted { color: #666; }
 iframe { width: 100%; border: 1px solid #ccc; }
 #figure { height: 420px; } #brief { height: 80vh; }
</style></head>
<body>
<header><h1>briefing preview</h1><span id="round"></span><span id="summary"></span></header>
<div id="banner"></div>
<main>
 <section><h2>Findings</h2><ul id="findings"></ul></section>
 <section><h2>Figure</h2><iframe id="figure" title="Interactive timeline figure"></iframe>
  <h2>Brief</h2><iframe id="brief" title="The PDF brief"></iframe></section>
</main>
<script>
const ORDER = {input: 0, error: 1, warning: 2, accepted: 3};
function text(tag, cls, value) { const e = document.createElement(tag); if (cls) e.className = cls; e.textContent = value; return e; }
async function refresh() {
  const s = await (await fetch('/state', {cache: 'no-store'})).json();
  document.getElementById('round').textContent = s.round ? `round ${s.round} at ${s.time}` : 'starting';
  document.getElementById('summary').textContent = s.summary;
  const banner = document.getElementById('banner');
  banner.className = s.status === 'running' ? 'running' : (s.status === 'failed' ? 'failed' : '');
  banner.textContent = s.status === 'running' ? 'Building…' :
    (s.status === 'failed' ? `Last round failed: ${s.failure}. Showing the last good brief.` : '');
  const list = document.getElementById('findings');
  list.replaceChildren();
  const sorted = [...s.findings].sort((a, b) => (ORDER[a.severity] ?? 9) - (ORDER[b.severity] ?? 9));
  for (const f of sorted) list.append(text('li', f.severity, `${f.place}: ${f.severity} ${f.code} ${f.message}`));
  if (!sorted.length && s.round) list.append(text('li', '', 'No findings.'));
  if (s.status !== 'running') {
    if (s.figure) document.getElementById('figure').src = `/files/${encodeURIComponent(s.figure)}?v=${s.version}`;
    if (s.brief) document.getElementById('brief').src = `/files/${encodeURIComponent(s.brief)}?v=${s.version}`;
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

