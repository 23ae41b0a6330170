"""Fixtures shared by several test files: the small figure timeline, loaded and drawn once, and the
real headless Chromium, driven by Playwright, that opens the preview page and the email."""

from __future__ import annotations

import shutil
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


@pytest.fixture(scope="module")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright):
    """The system Chromium (make setup installs it), headless, for one test module."""
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is installed by make setup"
    launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
    yield launched
    launched.close()
