"""briefing: check a curated timeline against its sources and build a sourced PDF brief."""

__version__ = "0.1.0"
