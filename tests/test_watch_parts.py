"""The parts a watch session keeps between rounds: indexed sources, and a browser it recycles."""

from __future__ import annotations

import os

from briefing.check.sources import SourceText
from briefing.commands.watch import BrowserSupervisor, CachedSources


def counting_reader():
    calls = []

    def read(root, file):
        calls.append(file)
        from briefing.check.sources import read_source
        return read_source(root, file)

    return read, calls


def test_an_unchanged_source_is_not_read_again(tmp_path):
    (tmp_path / "a.txt").write_text("The board met on 3 March.", encoding="utf-8")
    read, calls = counting_reader()
    sources = CachedSources(read)
    first = sources(tmp_path, "a.txt")
    assert isinstance(first, SourceText) and sources(tmp_path, "a.txt") is first
    assert calls == ["a.txt"]


def test_a_saved_source_is_read_again(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The board met on 3 March.", encoding="utf-8")
    read, calls = counting_reader()
    sources = CachedSources(read)
    sources(tmp_path, "a.txt")
    path.write_text("The board met on 4 March.", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert "4 March" in sources(tmp_path, "a.txt").normalised.text
    assert calls == ["a.txt", "a.txt"]


def test_the_browser_is_recycled_after_its_renders(tmp_path):
    said = []
    supervisor = BrowserSupervisor(said.append, max_renders=1)
    try:
        first = supervisor()
        spec = {"data": [], "layout": {"width": 200, "height": 100}}
        assert first.result(first.render(spec, "svg")).startswith(b"<svg")
        second = supervisor()
        assert second is not first
        second.wait_started()
        assert said == ["Browser recycled after 1 renders: starting a new one."]
    finally:
        supervisor.close()
