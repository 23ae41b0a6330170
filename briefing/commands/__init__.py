"""The commands, one module each (check, build; later watch, preview, init, quote, changes).

Each command is `run(...) -> int`, the exit status. `run_command` is the one
boundary where a failure outside the timeline becomes one line and a status:
a BuildError says its own message; an OSError that escaped (a disk that
filled, a folder that vanished) is said in one line too; Ctrl-C is 130; and
a bug says it is one, in one line, with how to see its traceback. Below
it, cleanup (browser, staging folder) happens on the way up, in `finally`s.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable

from ..errors import ENVIRONMENT, INTERRUPTED, BuildError


def _say(line: str) -> None:
    print(line, flush=True)


def run_command(command: Callable[[], int], say: Callable[[str], None] = _say) -> int:
    try:
        return command()
    except BuildError as error:
        say(f"error: {error.message}")
        return error.status
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        say(f"error: {error.strerror or error}{where}")
        return ENVIRONMENT
    except KeyboardInterrupt:
        print("Interrupted: the command stopped; the output folder keeps its previous outputs.",
              file=sys.stderr, flush=True)
        return INTERRUPTED
    except Exception as error:  # a bug: still one line, and the outputs were only ever replaced by renames
        if os.environ.get("BRIEFING_DEBUG"):
            traceback.print_exc()
        say(f"error: internal error ({type(error).__name__}: {error}); this is a bug in briefing, not in your "
            f"timeline: please report it with the command you ran (BRIEFING_DEBUG=1 prints the traceback)")
        return ENVIRONMENT
