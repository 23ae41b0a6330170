"""The failures a command reports in one line, each with its exit status.

A command raises one of these from any depth; the command boundary prints
`error: <message>` and exits with its status. Statuses are the contract's:
2 when the command line names something unusable (an output folder, a font),
3 when the work cannot be done for a reason outside the timeline (no
browser, a full disk); 1 and 0 belong to the check's findings.
"""

from __future__ import annotations

BAD_ARGUMENT = 2
ENVIRONMENT = 3
INTERRUPTED = 130  # as a shell reports a command ended by SIGINT


class BuildError(Exception):
    """A command cannot do its work: one line saying what failed and how to fix it."""

    status = ENVIRONMENT

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        if status is not None:
            self.status = status

    @property
    def message(self) -> str:
        return str(self)


class OutputError(BuildError):
    """The output folder cannot be made, written or locked."""

    status = BAD_ARGUMENT


class BrowserError(BuildError):
    """Chromium is missing, would not start, or did not render in time."""
