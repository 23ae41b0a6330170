"""Whether this Python has the packages briefing runs on, found without importing any of them."""

from __future__ import annotations

import importlib.util
import sys

# Import names of pyproject.toml's dependencies (rl_accel only speeds reportlab up).
REQUIRED = ("yaml", "reportlab", "plotly", "kaleido", "pypdf", "rapidfuzz")


def missing_packages() -> list[str]:
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


def setup_hint(missing: list[str]) -> str:
    return (
        f"error: this Python ({sys.executable}) lacks briefing's packages ({', '.join(missing)}): "
        "run `make setup`, then `.venv/bin/python -m briefing ...` "
        "(or `. .venv/bin/activate` once, then `python -m briefing ...`)"
    )
