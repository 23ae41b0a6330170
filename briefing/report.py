"""Reports of a check: the console listing and `check.json`."""

from __future__ import annotations

import json

from .check import CheckResult
from .findings import Finding, count_by_severity


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)


def summarize(findings: list[Finding], result: CheckResult | None) -> dict:
    counts = count_by_severity(findings)
    summary = {
        "events": 0,
        "sources": 0,
        "quotes": 0,
        "quotes_verified": 0,
        "quotes_failed": 0,
        "input_problems": counts["input"],
        "errors": counts["error"],
        "warnings": counts["warning"],
        "accepted": counts["accepted"],
    }
    if result is not None:
        matches = list(result.quotes.values())
        summary.update(
            events=len(result.timeline.events),
            sources=len(result.timeline.sources),
            quotes=len(matches),
            quotes_verified=sum(m.found for m in matches),
            quotes_failed=sum(not m.found and m.checked for m in matches),
            quotes_not_checked=sum(not m.checked for m in matches),
        )
    return summary


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(summary: dict) -> str:
    """One line a person reads first: what was checked and how it went."""
    if summary["input_problems"]:
        return (
            f"{_plural(summary['input_problems'], 'input problem')}: the timeline could not be read; "
            "fix the places above and run again."
        )
    quotes = (
        f"{summary['quotes_verified']} of {_plural(summary['quotes'], 'quote')} verified"
        if summary["quotes_failed"] == 0
        else f"{summary['quotes_failed']} of {_plural(summary['quotes'], 'quote')} NOT found"
    )
    if summary.get("quotes_not_checked"):  # their source could not be read: the R finding says why
        quotes += f", {summary['quotes_not_checked']} not checked"
    accepted = f", {summary['accepted']} accepted" if summary.get("accepted") else ""
    return (
        f"{_plural(summary['events'], 'event')}, {_plural(summary['sources'], 'source')}, {quotes}; "
        f"{_plural(summary['errors'], 'error')}, {_plural(summary['warnings'], 'warning')}{accepted}."
    )


def console_lines(findings: list[Finding]) -> list[str]:
    return [str(f) for f in sorted_findings(findings)]


def check_json(findings: list[Finding], summary: dict) -> str:
    data = {"findings": [f.to_json() for f in sorted_findings(findings)], "summary": summary}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
