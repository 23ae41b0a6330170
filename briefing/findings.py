"""Findings: what the loader and the check have to say about a timeline.

One shape for every problem, printed the way compilers and linters print them
(`timeline.yaml:57:9: error Q001 message`) so editors can jump to the place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import Position

# Severity decides the exit status: "input" means the file could not be
# understood (exit 2), "error" means the brief is not trustworthy (exit 1),
# "warning" is for the analyst's attention only (exit 0).
SEVERITIES = ("input", "error", "warning")

CODES = {
    "Y001": ("input", "the file is not valid YAML"),
    "Y002": ("input", "a key is written twice in one mapping"),
    "S001": ("input", "a required field is missing"),
    "S002": ("input", "a field is not in the format"),
    "S003": ("input", "a value has the wrong type or form"),
    "S004": ("input", "an id is used twice"),
    "S005": ("input", "a reference names no such source, actor or event"),
    "S006": ("input", "`end` is before `date`"),
    "R001": ("error", "a source file does not exist"),
    "R002": ("error", "a source path resolves outside the timeline's folder"),
    "R003": ("error", "a source file cannot be read as text"),
    "Q001": ("error", "a quote is not in its source"),
    "D001": ("warning", "an event's date is not stated in its cited sources"),
    "A001": ("warning", "an event's actor is not named in its cited sources"),
    "U001": ("warning", "a source is never cited"),
    "F001": ("warning", "a character no configured font can draw"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    file: str
    line: int
    column: int
    event: str | None = None
    source: str | None = None

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"

    def to_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity
        return {key: data[key] for key in ("code", "severity", "message", "file", "line", "column", "event", "source")}


def finding(code: str, message: str, at: Position, *, event: str | None = None, source: str | None = None) -> Finding:
    """A finding at a position in the timeline file."""
    if code not in CODES:
        raise ValueError(f"unknown finding code {code}")
    return Finding(code, message, at.file, at.line, at.column, event=event, source=source)


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = {severity: 0 for severity in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    return counts


def exit_status(findings: list[Finding]) -> int:
    """The contract's exit codes: 2 unreadable input, 1 check errors, 0 otherwise."""
    counts = count_by_severity(findings)
    if counts["input"]:
        return 2
    if counts["error"]:
        return 1
    return 0
