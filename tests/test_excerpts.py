"""Passages the `quote` command offers: found by words in order, printed so they verify."""

from __future__ import annotations

from briefing.excerpts import closest_excerpts, find_excerpts, paragraphs, sentences

TEXT = (
    "City opens the new tram line\n"
    "\n"
    "The first tram left the depot at 5.40 on Monday. Gen. Ruiz, the transport chief,\n"
    "said the line would carry “about 40,000 riders” a day.\n"
    "Critics said the budget had doubled.\n"
)


def test_a_sentence_with_the_words_in_order_is_found():
    [excerpt] = find_excerpts(TEXT, ["first", "tram", "depot"])
    assert excerpt.text == "The first tram left the depot at 5.40 on Monday."


def test_words_out_of_order_do_not_match():
    assert find_excerpts(TEXT, ["depot", "first"]) == []


def test_words_match_ignoring_case_and_quote_style():
    [excerpt] = find_excerpts(TEXT, ['"about', "40,000"])
    assert "“about 40,000 riders”" in excerpt.text


def test_an_abbreviation_does_not_end_a_sentence():
    [excerpt] = find_excerpts(TEXT, ["Ruiz", "riders"])
    assert excerpt.text.startswith("Gen. Ruiz, the transport chief, said")


def test_a_wrapped_line_is_joined_with_one_space():
    [excerpt] = find_excerpts(TEXT, ["chief", "said"])
    assert "chief, said the line" in excerpt.text


def test_a_heading_is_a_paragraph_of_its_own():
    assert TEXT[slice(*paragraphs(TEXT)[0])] == "City opens the new tram line"


def test_a_match_across_sentences_gives_the_paragraph():
    [excerpt] = find_excerpts(TEXT, ["Monday", "Ruiz"])
    assert excerpt.text.startswith("The first tram") and excerpt.text.endswith("a day.")


def test_the_place_of_an_excerpt_is_its_offset_in_the_source():
    [excerpt] = find_excerpts(TEXT, ["Critics"])
    assert TEXT[excerpt.start:].startswith("Critics")


def test_with_no_match_the_closest_sentences_come_with_their_similarity():
    [best, *_] = closest_excerpts(TEXT, ["budget", "tripled"])
    assert best.text == "Critics said the budget had doubled." and 0.5 < best.similarity < 1


def test_sentences_split_at_a_full_stop_before_a_capital():
    text = "One. Two three. Four"
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == ["One.", "Two three.", "Four"]


def test_a_short_line_that_goes_on_in_lower_case_is_wrapped_not_a_heading():
    [excerpt] = find_excerpts("The new timetable adds two\nmorning crossings and one\nevening crossing.\n",
                              ["timetable", "evening"])
    assert excerpt.text == "The new timetable adds two morning crossings and one evening crossing."


def test_a_day_written_as_an_ordinal_does_not_end_a_sentence():
    text = "Die Flugsicherung teilte am 17. April mit, dass alle Flughäfen geschlossen bleiben."
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == [text]
