"""Moved to `briefing.check.quotes`; this name stays until the helpers that
still import it in parallel branches are merged (then it goes)."""

from .check.quotes import *  # noqa: F401,F403
