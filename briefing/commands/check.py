"""`check`: load the timeline, check it against its sources, print the findings, write check.json."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..check import CheckResult, check_timeline
from ..findings import Finding, exit_status
from ..loader import load_timeline
from ..outputs import CHECK_JSON
from ..report import check_json, console_lines, summarize, summary_line
from .folder import writable_folder, write_output

Echo = Callable[[str], None]


def stdout(line: str) -> None:
    print(line, flush=True)


def load_and_check(path: Path, echo: Echo = stdout) -> tuple[CheckResult | None, list[Finding], dict]:
    """Load and check, print every finding and the summary line."""
    timeline, findings = load_timeline(path)
    result = None
    if timeline is not None:
        result = check_timeline(timeline)
        findings = findings + result.findings
    summary = summarize(findings, result)
    for line in console_lines(findings):
        echo(line)
    echo(summary_line(summary))
    return result, findings, summary


def check_json_bytes(findings: list[Finding], summary: dict) -> bytes:
    return check_json(findings, summary).encode("utf-8")


def run(path: Path, out_dir: Path, echo: Echo = stdout) -> int:
    _, findings, summary = load_and_check(path, echo)
    folder = writable_folder(out_dir)
    write_output(folder / CHECK_JSON, check_json_bytes(findings, summary))
    return exit_status(findings)
