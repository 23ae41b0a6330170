"""Quote matching, the way back to lines and columns of the source, and what a Q001 says."""

from __future__ import annotations

import pytest

from briefing.check.normalise import INVISIBLE, NormalisedText, normalise
from briefing.check.quotes import QuoteMatch, check_quote, closest_passage, find_quote, find_whole, quote_parts


def locate(source: str, quote: str) -> tuple[int, int] | None:
    text = NormalisedText.of(source)
    search = find_quote(text.text, quote)
    return text.line_column(search.start) if search.found else None


def test_location_counts_no_break_spaces_as_characters():
    assert locate("a\u00a0\u00a0b c", "b c") == (1, 4)


def test_location_counts_lines_from_one_and_columns_in_characters():
    assert locate("first line\nsecond line\n  third line here", "line here") == (3, 9)


def test_location_skips_collapsed_blank_lines_and_spaces():
    assert locate("one\n\n\n   two  three\n\nfour", "three four") == (4, 9)


def test_location_counts_original_characters_before_an_expanded_ligature():
    # "\ufb01" (one character) becomes "fi" (two): the column must not shift.
    assert locate("The \ufb01rst ferry leaves.", "ferry leaves") == (1, 10)


def test_location_of_a_quote_starting_with_an_expanded_ligature_is_the_ligature():
    assert locate("The \ufb01rst ferry", "first ferry") == (1, 5)


def test_location_after_a_composed_accent_counts_both_original_characters():
    assert locate("Cafe\u0301 opens at dawn", "opens") == (1, 7)


def test_location_with_windows_line_endings():
    assert locate("one\r\ntwo\r\nthree", "three") == (3, 1)


def test_quote_with_a_composed_accent_matches_a_decomposed_source():
    assert locate("The Cafe\u0301 opens", "The Caf\u00e9 opens") == (1, 1)


def test_quote_parts_split_on_three_dots_and_the_ellipsis_character():
    assert quote_parts("one ... two \u2026 three") == ["one", "two", "three"]


def test_quote_parts_ignore_a_leading_omission_and_a_full_stop_after_it():
    assert quote_parts("\u2026the harbour.... It reopened") == ["the harbour", "It reopened"]


def test_parts_are_found_after_the_previous_part_even_when_they_also_occur_before():
    search = find_quote("b a b", "a ... b")
    assert search.found and search.start == 2


def test_later_part_missing_after_the_earlier_one_is_reported_with_its_index():
    search = find_quote("b then a", "a ... b")
    assert not search.found
    assert (search.failed_part, search.search_from) == (1, len("b then a"))


def test_quote_of_only_omission_marks_is_not_found():
    assert not find_quote("anything", " ... ").found


def test_closest_passage_is_widened_to_whole_words():
    passage = closest_passage("The boats left the harbour at dawn today.", "harbor at dawn")
    assert passage.text.endswith(" harbour at dawn")
    assert 0.9 <= passage.similarity < 1.0


def test_closest_passage_of_an_empty_text_is_none():
    assert closest_passage("", "anything") is None


def test_find_whole_skips_matches_inside_longer_words():
    assert find_whole("portsmouth and the port", "port") == len("portsmouth and the ")
    assert find_whole("portsmouth harbour", "port") == -1


def test_find_whole_accepts_punctuation_after_a_word():
    assert find_whole("the board's decision", "the board") == 0


# --- contract v2: invisible characters, and quotes without words ----------------------------------

def checked(source: str, quote: str):
    return check_quote(NormalisedText.of(source), quote, "s.txt", QuoteMatch("e", 0, "s", found=False))


@pytest.mark.parametrize("invisible", list(INVISIBLE))
def test_invisible_format_character_inside_a_source_word_does_not_stop_a_match(invisible):
    assert locate(f"Ferries re{invisible}sumed today.", "Ferries resumed today.") == (1, 1)


def test_offsets_after_removed_invisible_characters_still_point_at_the_source_column():
    assert locate("a\u200b\u200bb\u00ad c\nx\u200by Boats left.", "Boats left.") == (2, 5)


@pytest.mark.parametrize("quote", [".", "...", "…", " - ; ", ". … ."])
def test_quote_without_a_word_is_never_found(quote):
    assert not find_quote(normalise("A sentence. Another … one - ; here."), quote).found


def test_quote_without_a_word_gets_a_message_saying_it_has_no_words():
    problem = checked("A sentence.", ".").problem
    assert "has no words" in problem
    assert "closest passage" not in problem


# --- Q001 shows what differs (issue 15) -----------------------------------------------------------

FLIGHTS = ("Airports stayed shut for a week. Across the region, officials said about 100,000 flights "
           "were cancelled; airlines lost money.")


def test_closest_passage_starts_at_the_sentence_or_clause_boundary():
    passage = closest_passage(FLIGHTS, "officials said around 100,000 flights were cancelled")
    assert passage.text.startswith("officials said about")


def test_closest_passage_moves_back_to_the_start_of_its_sentence():
    passage = closest_passage("Fog came. The boats left the harbour at dawn today.", "left the harbor at dawn")
    assert passage.text.startswith("The boats left")


def test_q001_marks_the_word_that_differs():
    problem = checked(FLIGHTS, "officials said around 100,000 flights were cancelled").problem
    assert '"around" → "about"' in problem


def test_q001_says_where_the_differing_word_is():
    problem = checked(FLIGHTS, "officials said around 100,000 flights were cancelled").problem
    assert f"differs at line 1, col {FLIGHTS.index('about') + 1}" in problem


def test_q001_says_a_word_of_the_quote_is_not_in_the_source():
    problem = checked(FLIGHTS, "officials said about 100,000 passenger flights were cancelled").problem
    assert '"passenger" is not in the source' in problem


def test_q001_for_a_long_quote_shows_the_passage_around_the_changed_word():
    sentences = [f"Sentence number {n} says nothing in particular about the harbour." for n in range(1, 20)]
    source = " ".join(sentences[:15] + ["The ferry to the island was late again."] + sentences[15:])
    quote = source.replace("late again", "early again")
    problem = checked(source, quote).problem
    assert "The ferry to the island was late" in problem
    assert '"early" → "late"' in problem


def test_case_changed_quote_finds_the_passage_ignoring_case_and_says_only_case_differs():
    source = "Officials Said About 100 flights were cancelled. " + "Other news of the day. " * 50 + \
             "officials say about 100 flights were cancelled."
    problem = checked(source, "officials said about 100 flights were cancelled.").problem
    assert "only the case differs" in problem
    assert "at line 1, col 1" in problem
    assert "\"officials said about\" → \"Officials Said About\"" in problem


def test_closest_passage_does_not_reach_back_into_the_previous_paragraph():
    match = checked("Sale: up to forty per cent off sofas\n\nTickets cost the same as on the buses.",
                    "Tickets cost the same as on the trains.").match
    assert match.closest == "Tickets cost the same as on the buses."
