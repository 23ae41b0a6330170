"""Fixtures shared by the figure and export tests: the small figure timeline, loaded and drawn once."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.figure import build_figure
from briefing.loader import load_timeline
from briefing.model import Timeline

FIGURE_BASIC = Path(__file__).parent / "fixtures" / "figure_basic" / "timeline.yaml"


@pytest.fixture(scope="session")
def timeline() -> Timeline:
    """tests/fixtures/figure_basic/timeline.yaml, loaded."""
    loaded, findings = load_timeline(FIGURE_BASIC)
    assert loaded is not None, [str(f) for f in findings]
    return loaded


@pytest.fixture(scope="session")
def fig(timeline):
    return build_figure(timeline)
