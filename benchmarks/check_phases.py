"""Run by bench_check.py in a child process: where the time of a check goes (import, load, check).

    python benchmarks/check_phases.py TIMELINE   -> one line of JSON
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

started = time.perf_counter()
from briefing.check import check_timeline  # noqa: E402  (timed: the import is part of the cost)
from briefing.loader import load_timeline  # noqa: E402

imported = time.perf_counter()
timeline, problems = load_timeline(Path(sys.argv[1]))
loaded = time.perf_counter()
result = check_timeline(timeline)
checked = time.perf_counter()
print(json.dumps({
    "import": imported - started, "load": loaded - imported, "check": checked - loaded,
    "findings": [f.code for f in result.findings],
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
