"""The loader against hostile or mistaken files: refused with one line, fast, never a traceback or a hang."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

import briefing.loader
import yaml
from briefing.loader import ALIAS_BUDGET, LIMITS, MAX_TIMELINE_BYTES, QUOTE_LIMIT, load_timeline

from test_loader import VALID, at, load_text, load_variant, only

REPO = Path(__file__).parent.parent


def check(path: Path, timeout: float = 30) -> subprocess.CompletedProcess:
    """`python -m briefing check PATH`, run as a user runs it, from the timeline's folder."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "briefing", "check", str(path)], cwd=path.parent, env=env,
                          capture_output=True, text=True, timeout=timeout)


def assert_refused_in_one_line(result: subprocess.CompletedProcess, code: str, words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    findings = [line for line in result.stdout.splitlines() if f" {code} " in line]
    assert len(findings) == 1 and words in findings[0], result.stdout


def write(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "timeline.yaml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --- what is read, and how much ---

def test_fifo_as_timeline_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "timeline.yaml"
    os.mkfifo(fifo)
    assert_refused_in_one_line(check(fifo, timeout=20), "Y001", "not a regular file")


def test_folder_as_timeline_is_y001(tmp_path):
    (tmp_path / "timeline.yaml").mkdir()
    assert "is a folder" in only(load_timeline(tmp_path / "timeline.yaml")[1], "Y001").message


def test_file_over_the_size_limit_is_y001_with_the_limit(tmp_path):
    path = write(tmp_path, b"#" * MAX_TIMELINE_BYTES + b"\n")
    finding = only(load_timeline(path)[1], "Y001")
    assert "5 MiB limit" in finding.message


def test_utf16_without_byte_order_mark_says_save_as_utf8(tmp_path):
    path = write(tmp_path, VALID.read_text(encoding="utf-8").encode("utf-16-le"))
    assert_refused_in_one_line(check(path), "Y001", "looks like UTF-16 (little-endian, without a byte-order mark); "
                                                    "save it as UTF-8")


def test_big_endian_utf16_without_byte_order_mark_is_recognised(tmp_path):
    path = write(tmp_path, VALID.read_text(encoding="utf-8").encode("utf-16-be"))
    assert "UTF-16 (big-endian" in only(load_timeline(path)[1], "Y001").message


def test_utf16_with_byte_order_mark_says_save_as_utf8(tmp_path):
    path = write(tmp_path, VALID.read_text(encoding="utf-8").encode("utf-16"))
    assert "looks like UTF-16" in only(load_timeline(path)[1], "Y001").message


def test_binary_file_is_y001_not_a_control_character_hint(tmp_path):
    path = write(tmp_path, b"brief:\n  title: \x00\x01\x02\n")
    finding = only(load_timeline(path)[1], "Y001")
    assert "binary" in finding.message and at(finding) == (2, 10)


# --- aliases and nesting ---

def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_fast_and_in_little_memory(tmp_path):
    path = write(tmp_path, billion_laughs())
    tracemalloc.start()
    started = time.perf_counter()
    _, findings = load_timeline(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert f"over the budget of {ALIAS_BUDGET:,}" in only(findings, "Y001").message
    assert elapsed < 1 and peak < 20 * 2**20


def test_thousand_events_of_thousand_aliased_quotes_exit_2(tmp_path):
    quotes = ", ".join(["&q {source: s, quote: q}"] + ["*q"] * 999)
    text = ("brief: {title: t, as_of: 2024-06-30, summary: s}\nsources: [{id: s, file: s.txt, title: S}]\n"
            f"events:\n  - &e {{id: e, date: 2024, title: T, summary: s, evidence: [{quotes}]}}\n"
            + "  - *e\n" * 999)
    path = write(tmp_path, text)
    assert len(text) < 12_000
    started = time.perf_counter()
    assert_refused_in_one_line(check(path), "Y001", "aliases (`*name`) expand the file")
    assert time.perf_counter() - started < 10


def test_a_few_aliases_within_the_budget_load(tmp_path):
    timeline, findings = load_variant(tmp_path, "tags: [infrastructure, safety]", "tags: &tags [infrastructure, safety]")
    assert findings == []
    text = (tmp_path / "timeline.yaml").read_text(encoding="utf-8").replace("    actors: [council]\n",
                                                                           "    actors: [council]\n    tags: *tags\n")
    timeline, findings = load_text(tmp_path, text)
    assert findings == [] and timeline.event("budget-year").tags == ("infrastructure", "safety")


def test_alias_inside_its_own_anchor_is_y001(tmp_path):
    _, findings = load_variant(tmp_path, "tags: [infrastructure, safety]", "tags: &loop [infrastructure, *loop]")
    assert "refers to the value it is part of" in only(findings, "Y001").message


@pytest.mark.parametrize("text", [
    "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "- " * 10_000 + "x\n",
], ids=["flow", "block"])
def test_ten_thousand_deep_nesting_exit_2_without_traceback(tmp_path, text):
    assert_refused_in_one_line(check(write(tmp_path, text)), "Y001", "nested more than 1000 levels deep")


def test_deep_nesting_with_a_syntax_error_is_y001(tmp_path):
    path = write(tmp_path, "a: " + "[" * 500 + "]" * 499 + "\n")
    assert_refused_in_one_line(check(path), "Y001", "`[` list is not closed")


def test_deep_nesting_without_libyaml_is_y001(tmp_path, monkeypatch):
    monkeypatch.setattr(briefing.loader, "FAST_SAFE_LOADER", yaml.SafeLoader)
    _, findings = load_text(tmp_path, "a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert "nested more than" in only(findings, "Y001").message


# --- what each field may hold ---

def test_title_over_its_limit_is_s003_with_the_limit(tmp_path):
    _, findings = load_variant(tmp_path, "title: First inspection", "title: " + "x" * 1_000_000)
    finding = only(findings, "S003")
    assert at(finding) == (40, 12)
    assert f"1,000,000 characters long, over the limit of {LIMITS['text']:,}" in finding.message
    assert len(finding.message) < 200


def test_summary_over_its_limit_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "summary: Engineers found cracks in two piers.",
                               "summary: " + "word " * 3_000)
    assert f"over the limit of {LIMITS['prose']:,}" in only(findings, "S003").message


def test_quote_over_its_limit_is_s003(tmp_path):
    _, findings = load_variant(tmp_path, "quote: repairs", "quote: " + "repairs " * 2_000)
    assert f"over the limit of {QUOTE_LIMIT:,}" in only(findings, "S003").message


def test_huge_unknown_key_is_quoted_short(tmp_path):
    # YAML itself allows keys of at most 1,024 characters.
    _, findings = load_variant(tmp_path, "    place: Old harbour", "    " + "k" * 1_000 + ": x")
    assert len(only(findings, "S002").message) < 400


# --- dates the brief can draw ---

@pytest.mark.parametrize("date", ["0001-01-01", "1899-12-31", "2101", "9999-12-31"])
def test_dates_outside_the_drawable_years_are_s003_with_the_reason(tmp_path, date):
    _, findings = load_variant(tmp_path, "date: 2024-03-01", f"date: {date}")
    assert "can show years 1900 to 2100 only" in only(findings, "S003").message


@pytest.mark.parametrize("date", ["1900-01-01", "2100-12-31"])
def test_the_first_and_last_drawable_years_are_accepted(tmp_path, date):
    assert load_variant(tmp_path, "date: 2024-03-01", f"date: {date}")[1] == []


def test_as_of_far_in_the_future_exit_2(tmp_path):
    path = tmp_path / "timeline.yaml"
    path.write_text(VALID.read_text(encoding="utf-8").replace("as_of: 2024-06-30", "as_of: 9999-12-31"))
    assert_refused_in_one_line(check(path), "S003", "`as_of`")


# --- YAML hints that match the mistake ---

def test_key_indented_one_space_too_far_says_so(tmp_path):
    _, findings = load_variant(tmp_path, "    title: First inspection", "     title: First inspection")
    finding = only(findings, "Y001")
    assert at(finding) == (40, 6)
    assert "`title:` is indented 5 spaces, but `date:` on line 39 above it is indented 4" in finding.message


def test_key_indented_too_little_says_so(tmp_path):
    _, findings = load_variant(tmp_path, "    title: First inspection", "   title: First inspection")
    finding = only(findings, "Y001")
    assert at(finding) == (40, 4)
    assert "`title:` is indented 3 spaces" in finding.message


def test_list_item_indented_differently_from_the_one_above_says_so(tmp_path):
    _, findings = load_variant(tmp_path, "  - id: closure", "   - id: closure")
    assert "the `- ` of this item is indented 3 spaces, but that of the item above it is indented 2" in \
        only(findings, "Y001").message


def test_field_indented_into_a_block_quote_is_s003_at_that_line(tmp_path):
    _, findings = load_variant(tmp_path, "          was carried.\n", "          was carried.\n          credibility: 2\n")
    finding = only(findings, "S003")
    assert at(finding) == (60, 11)  # the line after "was carried."
    assert "ends in `credibility: …`" in finding.message and "un-indent `credibility:`" in finding.message


def test_block_quote_ending_in_a_colon_phrase_that_is_no_field_is_kept(tmp_path):
    timeline, findings = load_variant(tmp_path, "          was carried.\n", "          was carried.\n          Result: final\n")
    assert findings == [] and timeline.event("closure").evidence[0].quote.endswith("Result: final\n")


def test_block_quote_ending_in_a_field_the_evidence_sets_is_kept(tmp_path):
    timeline, findings = load_variant(tmp_path, "          was carried.\n",
                                      "          was carried.\n          source: the minutes\n")
    assert findings == [] and timeline.event("closure").evidence[0].quote.endswith("source: the minutes\n")
