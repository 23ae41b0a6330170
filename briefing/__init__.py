"""briefing: check a curated timeline against its sources and build a sourced PDF brief."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("briefing")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.1.0"
