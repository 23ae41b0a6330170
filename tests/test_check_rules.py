"""The check as a table of rules, and the seam through which it reads sources."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.check import RULES, SourceText, Unreadable, check_timeline, read_source
from briefing.findings import CODES
from briefing.loader import load_timeline

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synthetic  # noqa: E402  (the generator the benchmarks time the check on)


def loaded(name: str):
    timeline, problems = load_timeline(FIXTURES / name / "timeline.yaml")
    assert timeline is not None, [str(p) for p in problems]
    return timeline


def test_each_code_is_raised_by_one_rule_only():
    registered = [code for rule in RULES for code in rule.codes]
    assert len(registered) == len(set(registered))


def test_rules_raise_only_codes_the_check_owns():
    for rule in RULES:
        for code in rule.codes:
            assert CODES[code][0] in ("error", "warning"), (rule.check.__name__, code)


def test_each_source_is_read_once_through_the_given_reader():
    timeline = loaded("check_quotes")
    calls = []

    def counting(root: Path, file: str) -> SourceText | Unreadable:
        calls.append(file)
        return read_source(root, file)

    check_timeline(timeline, read_source=counting)
    assert sorted(calls) == sorted(source.file for source in timeline.sources)


def test_a_reader_may_serve_texts_that_are_not_on_disk():
    timeline = loaded("check_quotes")
    served = (timeline.root / timeline.sources[0].file).read_text(encoding="utf-8")

    def from_memory(root: Path, file: str) -> SourceText | Unreadable:
        return SourceText(served.encode(), served)

    ondisk = check_timeline(timeline)
    inmemory = check_timeline(timeline, read_source=from_memory)
    assert inmemory.findings == ondisk.findings
    assert inmemory.quotes == ondisk.quotes


def test_what_the_reader_cannot_read_is_reported_at_the_source_file():
    timeline = loaded("check_quotes")
    result = check_timeline(timeline, read_source=lambda root, file: Unreadable("R001", f"{file} is gone"))
    source = timeline.sources[0]
    problem = next(f for f in result.findings if f.code == "R001")
    assert (problem.message, problem.line, problem.source) == (f"{source.file} is gone",
                                                              source.where("file").line, source.id)
    assert not any(f.code == "Q001" for f in result.findings)


def test_a_synthetic_timeline_raises_only_its_planted_near_misses(tmp_path):
    shape = synthetic.Shape(events=40, sources=4, source_chars=8_000, failing_quotes=3)
    timeline, problems = load_timeline(synthetic.write_timeline(tmp_path / "synthetic", shape))
    assert timeline is not None, [str(p) for p in problems]
    found = [f.code for f in check_timeline(timeline).findings]
    assert found.count("Q001") == 3
    assert not set(found) & {"D001", "D002", "D003", "U001", "R001", "R003", "F001"}
