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
    "D002": ("warning", "a day-precision date is stated in the cited sources only away from every quoted passage"),
    "D003": ("warning", "an event starts after the brief's as_of (the information cut-off)"),
    "A001": ("warning", "an event's actor is not named in its cited sources"),
    "U001": ("warning", "a source is never cited"),
    "C001": ("warning", "a number in an event's summary appears in none of its cited sources"),
    "C002": ("warning", "a name in an event's summary appears in none of its cited sources"),
    "L001": ("warning", "a judgement or the bottom line hedges without a likelihood term of the ICD 203 scale"),
    "L002": ("warning", "one sentence uses likelihood terms from different rows of the scale"),
    "L003": ("warning", "one sentence combines a confidence level with a likelihood term"),
    "L004": ("warning", "a judgement's text states a confidence level that differs from its confidence field"),
    "F001": ("warning", "a character no configured font can draw"),
    "F002": ("warning", "right-to-left text the brief cannot set in reading order"),
    "X001": ("warning", "an accept entry names an error code, or a code that raised nothing on that item"),
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
    # Not in check.json: which key judgement (1-based) the finding is about, so that its `accept` applies.
    judgement: int | None = None
    accepted: str | None = None  # the analyst's reason, when an `accept` entry covers this warning

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    @property
    def label(self) -> str:
        """The word printed before the code: the severity, or "accepted" for an accepted warning."""
        return "accepted" if self.accepted is not None else self.severity

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code)

    def __str__(self) -> str:
        line = f"{self.file}:{self.line}:{self.column}: {self.label} {self.code} {self.message}"
        return line if self.accepted is None else f"{line} (accepted: {self.accepted})"

    def to_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity
        keys = ("code", "severity", "message", "file", "line", "column", "event", "source")
        if self.accepted is not None:
            keys += ("accepted",)
        return {key: data[key] for key in keys}


def finding(code: str, message: str, at: Position, *, event: str | None = None, source: str | None = None,
            judgement: int | None = None) -> Finding:
    """A finding at a position in the timeline file."""
    if code not in CODES:
        raise ValueError(f"unknown finding code {code}")
    return Finding(code, message, at.file, at.line, at.column, event=event, source=source, judgement=judgement)


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    """Findings per severity, accepted warnings apart: "warning" counts the open ones only."""
    counts = {severity: 0 for severity in SEVERITIES} | {"accepted": 0}
    for f in findings:
        counts["accepted" if f.accepted is not None else f.severity] += 1
    return counts


def exit_status(findings: list[Finding]) -> int:
    """The contract's exit codes: 2 unreadable input, 1 check errors, 0 otherwise."""
    counts = count_by_severity(findings)
    if counts["input"]:
        return 2
    if counts["error"]:
        return 1
    return 0
