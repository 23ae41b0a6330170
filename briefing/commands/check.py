"""`check`: load the timeline, check it against its sources, print the findings, write check.json."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..check import CheckResult, SourceReader, check_timeline
from ..check.fonts import FontSet
from ..check.sources import cached_reader, read_source
from ..findings import Finding, exit_status
from ..loader import load_timeline
from ..outputs import CHECK_JSON
from ..report import check_json, console_lines, summarize, summary_line
from .folder import writable_folder, write_output

Echo = Callable[[str], None]

# Inside the output folder: state kept between runs, not an output anyone reads.
EXTRACTION_CACHE = Path(".cache") / "extracted"


def stdout(line: str) -> None:
    print(line, flush=True)


def load_and_check(path: Path, echo: Echo = stdout, fonts: FontSet | None = None, out_dir: Path | None = None,
                   reader: SourceReader | None = None) -> tuple[CheckResult | None, list[Finding], dict]:
    """Load and check, print every finding and the summary line.

    With `out_dir`, the text extracted from PDFs and web pages is kept in its
    state folder, so an unchanged source is parsed once across runs; `reader`
    replaces that (watch keeps its sources in memory)."""
    timeline, findings = load_timeline(path)
    result = None
    if timeline is not None:
        if reader is None:
            reader = cached_reader(out_dir / EXTRACTION_CACHE) if out_dir is not None else read_source
        result = check_timeline(timeline, fonts=fonts, read_source=reader)
        findings = findings + result.findings
    summary = summarize(findings, result)
    for line in console_lines(findings):
        echo(line)
    echo(summary_line(summary))
    return result, findings, summary


def check_json_bytes(findings: list[Finding], summary: dict) -> bytes:
    return check_json(findings, summary).encode("utf-8")


def run(path: Path, out_dir: Path, echo: Echo = stdout) -> int:
    _, findings, summary = load_and_check(path, echo, out_dir=out_dir)
    folder = writable_folder(out_dir)
    write_output(folder / CHECK_JSON, check_json_bytes(findings, summary))
    return exit_status(findings)
