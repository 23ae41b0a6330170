"""Recall on planted faults: each test changes one thing in a clean timeline and expects one warning there.

tests/fixtures/check_planted checks clean (no error, no warning); a fault is
planted by replacing one passage of its timeline.yaml in a copy.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from briefing.check import check_timeline
from briefing.loader import load_timeline
from commandline import briefing

CLEAN = Path(__file__).parent / "fixtures" / "check_planted"


def planted(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the clean timeline with `old` (which must occur once) replaced by `new`."""
    folder = tmp_path / "planted"
    shutil.copytree(CLEAN, folder)
    path = folder / "timeline.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def findings_of(path: Path):
    timeline, problems = load_timeline(path)
    assert timeline is not None, [str(p) for p in problems]
    return check_timeline(timeline).findings


def place_of(path: Path, words: str) -> tuple[int, int]:
    """Line and column (1-based) of `words`, which occur once in the file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(words) == 1, words
    before = text[:text.index(words)]
    return before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1


def only(path: Path):
    (found,) = findings_of(path)
    return found.code, (found.line, found.column), found


def test_the_clean_timeline_raises_nothing():
    assert findings_of(CLEAN / "timeline.yaml") == []


def test_a_changed_number_in_a_summary_is_c001_at_the_number(tmp_path):
    path = planted(tmp_path, "Alder said 40 workers", "Alder said 45 workers")
    code, place, found = only(path)
    assert (code, place) == ("C001", place_of(path, "45 workers"))
    assert found.event == "repairs-announced" and "\u201c45\u201d" in found.message


def test_a_name_no_source_has_is_c002_at_the_name(tmp_path):
    path = planted(tmp_path, "Mayor Ines Alder said", "Mayor Ines Walder said")
    code, place, found = only(path)
    assert (code, place) == ("C002", place_of(path, "Ines Walder"))
    assert "\u201cInes Walder\u201d" in found.message and "searched gazette" in found.message


def test_a_date_copied_from_a_caption_is_d002_at_the_date(tmp_path):
    path = planted(tmp_path, "date: 2024-03-12", "date: 2024-03-03")
    code, place, found = only(path)
    assert (code, place) == ("D002", place_of(path, "2024-03-03"))
    assert found.message.startswith("3 March appears only at line 3 of gazette, outside the quoted passages")


def test_a_hedge_in_a_judgement_is_l001_at_the_hedge(tmp_path):
    path = planted(tmp_path, "The bridge will likely reopen", "The bridge may reopen")
    code, place, found = only(path)
    assert (code, place) == ("L001", place_of(path, "may reopen"))
    assert found.judgement == 1 and found.message.startswith("in key judgement 1, \u201cmay\u201d hedges")


def test_a_hedge_in_the_bottom_line_is_l001_at_the_hedge(tmp_path):
    path = planted(tmp_path, "and is likely to\n    reopen", "and might\n    reopen")
    code, place, found = only(path)
    assert (code, place) == ("L001", place_of(path, "might"))
    assert found.judgement is None and found.message.startswith("in the bottom line, ")


def test_a_stated_confidence_other_than_the_field_is_l004(tmp_path):
    path = planted(tmp_path, "The contractor is unlikely to finish before the summer.",
                   "We judge with high confidence that the contractor will finish in the summer.")
    code, place, found = only(path)
    assert (code, place) == ("L004", place_of(path, "high confidence"))
    assert "the judgement's confidence is low" in found.message


def test_terms_from_two_rows_of_the_scale_in_one_sentence_are_l002(tmp_path):
    path = planted(tmp_path, "The contractor is unlikely to finish before the summer.",
                   "The contractor is unlikely to finish before the summer and very likely to finish in June.")
    code, place, _ = only(path)
    assert (code, place) == ("L002", place_of(path, "very likely"))


def test_a_confidence_level_and_a_likelihood_in_one_sentence_are_l003(tmp_path):
    path = planted(tmp_path, "The bridge will likely reopen", "We have moderate confidence the bridge will likely reopen")
    code, place, _ = only(path)
    assert (code, place) == ("L003", place_of(path, "moderate confidence"))


def test_an_event_after_as_of_is_d003_at_its_date(tmp_path):
    path = planted(tmp_path, "date: 2024-03-20", "date: 2025-03-20")
    code, place, found = only(path)
    assert (code, place) == ("D003", place_of(path, "2025-03-20"))
    assert "after the brief's as_of 2024-04-30" in found.message


def briefing_check(path: Path) -> subprocess.CompletedProcess:
    return briefing("check", str(path), "--out", str(path.parent / "out"), cwd=path.parent)


def test_the_command_counts_an_accepted_hedge_apart_and_exits_0(tmp_path):
    path = planted(tmp_path, "      confidence: moderate\n      events: [repairs-announced]\n",
                   "      confidence: moderate\n      events: [repairs-announced]\n"
                   "      accept: {L001: the council's own word}\n")
    path.write_text(path.read_text(encoding="utf-8").replace("will likely reopen", "may reopen"), encoding="utf-8")
    done = briefing_check(path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1].endswith("; 0 errors, 0 warnings, 1 accepted.")
    (accepted,) = [line for line in lines if " accepted L001 " in line]
    assert accepted.endswith("(accepted: the council's own word)")


def test_the_command_counts_accepted_and_open_warnings_apart(tmp_path):
    path = planted(tmp_path, "    actors: [council, nordbau]\n",
                   "    actors: [council, nordbau]\n    accept: {C001: the mayor gave the figure on the radio}\n")
    text = path.read_text(encoding="utf-8").replace("40 workers", "45 workers").replace("date: 2024-03-20",
                                                                                       "date: 2025-03-20")
    path.write_text(text, encoding="utf-8")
    done = briefing_check(path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith("; 0 errors, 1 warning, 1 accepted.")
    assert " accepted C001 the summary's number \u201c45\u201d" in done.stdout


def test_an_accepted_number_that_is_in_the_sources_is_x001(tmp_path):
    path = planted(tmp_path, "    actors: [council, nordbau]\n",
                   "    actors: [council, nordbau]\n    accept: {C001: the mayor gave the figure on the radio}\n")
    code, place, found = only(path)
    assert (code, place) == ("X001", place_of(path, "C001: the mayor"))
    assert "raised no C001 on event repairs-announced" in found.message
