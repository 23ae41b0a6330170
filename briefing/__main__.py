import gc
import os
import sys

from .requirements import missing_packages, setup_hint

# Before anything runs: with a Python that lacks the packages (outside the
# venv), the command would otherwise check the timeline, then fail with a
# traceback at the first import of plotly or reportlab.
missing = missing_packages()
if missing:
    print(setup_hint(missing), file=sys.stderr)
    sys.exit(2)

from .cli import main  # noqa: E402
from .errors import INTERRUPTED  # noqa: E402

status = main()
if status == INTERRUPTED:
    # After Ctrl-C the browser is already killed, but the browser library's own
    # threads may still be winding down; the interpreter's exit would join them,
    # and a stray interrupt there ends the process by SIGINT instead of 130.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
# The process ends here: spare the interpreter's last collection, which walks
# every object still alive (plotly's and reportlab's modules; ~0.1 s).
gc.freeze()
sys.exit(status)
