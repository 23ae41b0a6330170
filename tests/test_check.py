"""The check on small fixture timelines: each finding code where it belongs, and nowhere else.

The fixtures under tests/fixtures/check_*/ read as a spec: one event per
behaviour, named for it, with a comment saying which finding it must get.
Cases that need absolute paths or symlinks are built in tmp_path.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from briefing.check import CheckResult, check_timeline
from briefing.loader import load_timeline
from briefing.check.sources import MAX_SOURCE_BYTES

FIXTURES = Path(__file__).parent / "fixtures"


def check_file(path: Path) -> CheckResult:
    timeline, problems = load_timeline(path)
    assert timeline is not None, [str(p) for p in problems]
    return check_timeline(timeline)


def codes(result: CheckResult, *, event: str | None = None, source: str | None = None) -> list[str]:
    return [f.code for f in result.findings
            if (event is None or f.event == event) and (source is None or f.source == source)]


def only(result: CheckResult, code: str, *, event: str | None = None, source: str | None = None):
    matching = [f for f in result.findings if f.code == code
                and (event is None or f.event == event) and (source is None or f.source == source)]
    assert len(matching) == 1, [str(f) for f in result.findings]
    return matching[0]


@pytest.fixture(scope="module")
def quotes() -> CheckResult:
    return check_file(FIXTURES / "check_quotes" / "timeline.yaml")


@pytest.fixture(scope="module")
def dates() -> CheckResult:
    return check_file(FIXTURES / "check_dates" / "timeline.yaml")


@pytest.fixture(scope="module")
def actors() -> CheckResult:
    return check_file(FIXTURES / "check_actors" / "timeline.yaml")


@pytest.fixture(scope="module")
def sources() -> CheckResult:
    return check_file(FIXTURES / "check_sources" / "timeline.yaml")


def place_in(fixture: str, source_file: str, text: str) -> tuple[int, int]:
    """The 1-based line and column where `text` starts in a fixture's source file (searched, not counted by hand)."""
    lines = (FIXTURES / fixture / source_file).read_text(encoding="utf-8").splitlines()
    return next((number, line.index(text) + 1) for number, line in enumerate(lines, 1) if text in line)


FERRY = ("check_quotes", "sources/ferry.txt")


# Quotes (Q001)

def test_straight_quotes_in_the_quote_match_curly_quotes_in_the_source(quotes):
    assert codes(quotes, event="curly-quotes-in-source") == []
    assert quotes.quotes[("curly-quotes-in-source", 0)].found


def test_line_breaks_inside_the_quoted_passage_match_spaces(quotes):
    assert codes(quotes, event="line-breaks-in-passage") == []
    assert quotes.quotes[("line-breaks-in-passage", 0)].found


def test_em_dashes_in_the_source_match_hyphens_in_the_quote(quotes):
    assert codes(quotes, event="em-dash-in-source") == []
    assert quotes.quotes[("em-dash-in-source", 0)].found


def test_three_dots_mark_an_omission(quotes):
    assert codes(quotes, event="omission-three-dots") == []
    assert quotes.quotes[("omission-three-dots", 0)].found


def test_ellipsis_character_marks_an_omission_between_parts_in_order(quotes):
    assert codes(quotes, event="omission-ellipsis-character") == []
    assert quotes.quotes[("omission-ellipsis-character", 0)].found


def test_parts_out_of_order_raise_q001_saying_so(quotes):
    problem = only(quotes, "Q001", event="parts-out-of-order")
    assert "part 2 of 2" in problem.message
    assert "parts out of order" in problem.message
    assert not quotes.quotes[("parts-out-of-order", 0)].found


def test_one_word_typo_raises_q001_showing_the_closest_passage_and_its_place(quotes):
    problem = only(quotes, "Q001", event="one-word-typo")
    assert '"Ticket prices stay at four euros for adults and two euros for children."' in problem.message
    line, column = place_in(*FERRY, "Ticket prices stay")
    assert f"at line {line}, col {column}" in problem.message
    assert "in sources/ferry.txt" in problem.message
    percent = int(problem.message.split("% similar")[0].rsplit("(", 1)[1])
    assert 90 <= percent < 100


def test_one_word_typo_quote_match_keeps_the_closest_passage_and_similarity(quotes):
    match = quotes.quotes[("one-word-typo", 0)]
    assert not match.found
    assert match.closest == "Ticket prices stay at four euros for adults and two euros for children."
    assert 0.9 <= match.similarity < 1.0


def test_one_word_typo_quote_match_points_at_the_closest_passage(quotes):
    match = quotes.quotes[("one-word-typo", 0)]
    assert (match.line, match.column) == place_in(*FERRY, "Ticket prices stay")


def test_found_quote_starting_mid_line_is_located_at_its_line_and_column(quotes):
    match = quotes.quotes[("quote-mid-line", 0)]
    assert (match.found, match.line, match.column) == (True, *place_in(*FERRY, "Passengers should arrive early."))
    assert match.column > 1
    assert match.similarity == 1.0


def test_quote_spanning_lines_is_located_at_its_first_character(quotes):
    match = quotes.quotes[("line-breaks-in-passage", 0)]
    assert (match.line, match.column) == place_in(*FERRY, "The new timetable adds two")


def test_case_difference_raises_q001(quotes):
    only(quotes, "Q001", event="case-differs")


def test_quote_ending_inside_a_word_raises_q001(quotes):
    only(quotes, "Q001", event="half-word")


def test_q001_is_placed_at_the_quote_value_with_event_and_source_ids(quotes):
    problem = only(quotes, "Q001", event="case-differs")
    at = quotes.timeline.event("case-differs").evidence[0].where("quote")
    assert (problem.file, problem.line, problem.column) == (at.file, at.line, at.column)
    assert (problem.event, problem.source, problem.severity) == ("case-differs", "ferry-notice", "error")


def test_only_the_failing_quotes_raise_q001(quotes):
    failing = {f.event for f in quotes.findings if f.code == "Q001"}
    assert failing == {"parts-out-of-order", "one-word-typo", "case-differs", "half-word"}


def test_every_evidence_gets_a_quote_match(quotes):
    expected = {(event.id, i) for event in quotes.timeline.events for i in range(len(event.evidence))}
    assert set(quotes.quotes) == expected


# Dates (D001)

@pytest.mark.parametrize("event", [
    "day-stated-as-27-july",
    "day-stated-as-july-28",
    "day-stated-as-sept-13",
    "day-stated-in-iso-digits",
    "day-stated-in-dotted-digits",
    "month-stated-by-name",
    "year-stated",
    "day-stated-in-second-source",
    "range-start-stated",
    "day-stated-in-russian",
])
def test_date_stated_in_a_cited_source_raises_no_d001(dates, event):
    assert codes(dates, event=event) == []


def test_day_precision_with_only_the_month_stated_raises_d001(dates):
    problem = only(dates, "D001", event="day-but-source-gives-only-month")
    assert problem.message == ("no cited source states 5 October (searched month-only); "
                               "cite a source that gives the date or lower the precision to 2023-10")
    assert problem.severity == "warning"


def test_d001_lists_the_days_the_sources_do_state_and_does_not_advise_lowering_the_precision(dates):
    problem = only(dates, "D001", event="range-start-not-stated")
    assert problem.message == ("no cited source states 26 July (searched day-month-words; they state 27 July); "
                               "check the date, or cite a source that gives it")


# Dates away from the quotes (D002) and after the cut-off (D003)

def line_of(fixture: str, source_file: str, text: str) -> int:
    """The 1-based line of a source file on which `text` is written."""
    lines = (FIXTURES / fixture / source_file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_day_stated_only_outside_the_quoted_paragraphs_raises_d002_naming_its_line(dates):
    problem = only(dates, "D002", event="day-only-in-a-caption")
    line = line_of("check_dates", "sources/caption.txt", "14 August")
    assert problem.message == (f"14 August appears only at line {line} of caption, outside the quoted passages: "
                               "check it dates this event, or lower the precision")
    at = dates.timeline.event("day-only-in-a-caption").where("date")
    assert (problem.line, problem.column, problem.severity) == (at.line, at.column, "warning")


def test_a_day_stated_in_a_quoted_paragraph_raises_no_d002(dates):
    assert codes(dates, event="day-in-a-quoted-caption") == []


def test_only_the_caption_event_raises_d002(dates):
    assert [f.event for f in dates.findings if f.code == "D002"] == ["day-only-in-a-caption"]


def test_an_event_after_as_of_raises_d003_at_its_date(dates):
    problem = only(dates, "D003", event="after-the-cut-off")
    assert problem.message == ("the event starts 14 August 2024, after the brief's as_of 2024-06-30 "
                               "(the information cut-off); check the year, or move as_of")
    at = dates.timeline.event("after-the-cut-off").where("date")
    assert (problem.line, problem.column) == (at.line, at.column)


def test_events_up_to_as_of_raise_no_d003(dates):
    assert [f.event for f in dates.findings if f.code == "D003"] == ["after-the-cut-off"]


def test_month_precision_with_another_month_stated_raises_d001(dates):
    problem = only(dates, "D001", event="month-not-stated")
    assert "states November" in problem.message
    assert "lower the precision to 2023" in problem.message


def test_range_is_checked_on_its_start_date(dates):
    only(dates, "D001", event="range-start-not-stated")


def test_d001_is_placed_at_the_event_date(dates):
    problem = only(dates, "D001", event="month-not-stated")
    at = dates.timeline.event("month-not-stated").where("date")
    assert (problem.line, problem.column) == (at.line, at.column)


# Actors (A001)

def test_actor_named_by_an_alias_in_other_case_raises_no_a001(actors):
    assert codes(actors, event="actor-named-by-alias") == []


def test_actor_named_by_its_name_in_lower_case_raises_no_a001(actors):
    assert codes(actors, event="actor-named-in-lower-case") == []


def test_actor_not_named_raises_a001_at_that_actor(actors):
    problem = only(actors, "A001", event="actor-not-named")
    at = actors.timeline.event("actor-not-named").where("actors.1")
    assert (problem.line, problem.column) == (at.line, at.column)
    assert problem.message.startswith("actor Coast Guard is not named in any cited source (searched minutes")


def test_actor_name_inside_a_longer_word_does_not_count(actors):
    only(actors, "A001", event="actor-inside-longer-word")


def test_without_a_registry_the_actor_string_is_searched():
    result = check_file(FIXTURES / "check_actors_no_registry" / "timeline.yaml")
    problem = only(result, "A001", event="slipway-opened")
    at = result.timeline.event("slipway-opened").where("actors.1")
    assert (problem.line, problem.column) == (at.line, at.column)
    assert "Coast Guard" in problem.message


def test_actor_written_without_its_accents_is_named_by_a_source_that_has_them(tmp_path):
    (tmp_path / "log.txt").write_text("Ash from Eyjafjallajökull closed the airport on 15 April 2010.\n",
                                      encoding="utf-8")
    timeline = tmp_path / "timeline.yaml"
    timeline.write_text("""\
brief: {title: Ash, as_of: 2010-06-30, summary: Fixture.}
actors:
  - {id: volcano, name: Eyjafjallajokull}
sources:
  - {id: log, file: log.txt, title: Log}
events:
  - id: airport-closed
    date: 2010-04-15
    title: Airport closed
    summary: Ash from Eyjafjallajokull closed the airport.
    actors: [volcano]
    evidence:
      - {source: log, quote: Ash from Eyjafjallajökull closed the airport}
""", encoding="utf-8")
    result = check_file(timeline)
    assert codes(result, event="airport-closed") == []  # neither A001 nor C002: one reading of a name


# Source files (R001, R003, U001) in the fixture folder

def test_missing_source_file_raises_r001_at_its_file_value(sources):
    problem = only(sources, "R001", source="missing")
    at = sources.timeline.source("missing").where("file")
    assert (problem.line, problem.column) == (at.line, at.column)
    assert problem.message == "source file sources/missing.txt does not exist"


def test_binary_source_raises_r003(sources):
    assert "binary" in only(sources, "R003", source="scan").message


def test_non_utf8_source_raises_r003(sources):
    assert "not UTF-8" in only(sources, "R003", source="latin1").message


def test_text_source_with_any_file_name_is_read(sources):
    assert codes(sources, source="ferry-log") == []
    assert sources.quotes[("cites-readable-sources", 1)].found


def test_quotes_citing_unreadable_sources_raise_no_q001(sources):
    assert codes(sources, event="cites-unreadable-sources") == []
    assert not any(sources.quotes[("cites-unreadable-sources", i)].found for i in range(3))


def test_uncited_source_raises_u001_at_the_source(sources):
    problem = only(sources, "U001", source="uncited")
    at = sources.timeline.source("uncited").at
    assert (problem.line, problem.column) == (at.line, at.column)


def test_cited_sources_raise_no_u001(sources):
    assert [f.source for f in sources.findings if f.code == "U001"] == ["uncited"]


def test_source_sha256_is_given_for_each_readable_source_only(sources):
    present = FIXTURES / "check_sources" / "sources" / "present.txt"
    assert set(sources.source_sha256) == {"present", "ferry-log", "uncited"}
    assert sources.source_sha256["present"] == hashlib.sha256(present.read_bytes()).hexdigest()


def test_timeline_sha256_is_the_digest_of_the_timeline_file(sources):
    timeline_file = FIXTURES / "check_sources" / "timeline.yaml"
    assert sources.timeline_sha256 == hashlib.sha256(timeline_file.read_bytes()).hexdigest()




# Source paths outside the timeline's folder (R002) and oversized files, built in tmp_path

def write_timeline(folder: Path, source_file: str) -> Path:
    """A one-source, one-event timeline in `folder` whose quote is in every test source."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "timeline.yaml"
    path.write_text(f"""\
brief:
  title: Paths
  as_of: 2024-06-30
  summary: Fixture.
sources:
  - id: the-source
    file: {json.dumps(source_file)}
    title: The source
events:
  - id: the-event
    date: 2024
    title: The event
    summary: Fixture.
    evidence:
      - source: the-source
        quote: The ferry ran in 2024.
""", encoding="utf-8")
    return path


def write_source(path: Path) -> Path:
    path.write_text("The ferry ran in 2024.\n", encoding="utf-8")
    return path


def assert_outside(result: CheckResult) -> None:
    """R002 at the file value, and nothing read from the file."""
    problem = only(result, "R002", source="the-source")
    at = result.timeline.source("the-source").where("file")
    assert (problem.line, problem.column) == (at.line, at.column)
    assert result.source_sha256 == {}
    assert not result.quotes[("the-event", 0)].found
    assert codes(result) == ["R002"]


def test_parent_relative_path_raises_r002(tmp_path):
    write_source(tmp_path / "outside.txt")
    assert_outside(check_file(write_timeline(tmp_path / "brief", "../outside.txt")))


def test_absolute_path_outside_the_folder_raises_r002(tmp_path):
    outside = write_source(tmp_path / "outside.txt")
    assert_outside(check_file(write_timeline(tmp_path / "brief", str(outside))))


def test_symlink_escaping_the_folder_raises_r002(tmp_path):
    outside = write_source(tmp_path / "outside.txt")
    (tmp_path / "brief" / "seeds").mkdir(parents=True)
    os.symlink(outside, tmp_path / "brief" / "seeds" / "link.txt")
    assert_outside(check_file(write_timeline(tmp_path / "brief", "seeds/link.txt")))


def test_symlink_staying_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "brief" / "seeds").mkdir(parents=True)
    write_source(tmp_path / "brief" / "seeds" / "real.txt")
    os.symlink("real.txt", tmp_path / "brief" / "seeds" / "link.txt")
    result = check_file(write_timeline(tmp_path / "brief", "seeds/link.txt"))
    assert result.findings == []
    assert result.quotes[("the-event", 0)].found


def test_findings_are_sorted_by_place_then_code(tmp_path):
    # The event's Q001 (at its quote) is found before its D001 (at its date, earlier in the file).
    (tmp_path / "notes.txt").write_text("The ferry did not run.\n", encoding="utf-8")
    result = check_file(write_timeline(tmp_path, "notes.txt"))
    assert codes(result) == ["D001", "Q001"]
    assert result.findings == sorted(result.findings, key=lambda f: (f.file, f.line, f.column, f.code))


def test_source_over_the_size_limit_raises_r003(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"The ferry ran in 2024.\n" + b"x" * MAX_SOURCE_BYTES)
    result = check_file(write_timeline(tmp_path, "big.txt"))
    assert "over the 5 MiB limit" in only(result, "R003", source="the-source").message
    assert codes(result) == ["R003"]


def test_symlink_loop_raises_r003_not_a_crash(tmp_path):
    os.symlink("loop.txt", tmp_path / "loop.txt")
    result = check_file(write_timeline(tmp_path, "loop.txt"))
    assert "cannot be read" in only(result, "R003", source="the-source").message
