"""The contract's normalisation, and a normalised source that still knows where each character was."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from briefing.check.normalise import DASHES, NFKC_SPACES, OTHER_WHITESPACE, NormalisedText, normalise


def test_normalise_applies_nfkc():
    assert normalise("\uff21\uff22 \ufb01ve") == "AB five"  # full-width letters, the "fi" ligature


def test_normalise_straightens_curly_quotes():
    assert normalise("\u201cit\u2019s\u201d \u2018x\u2019") == "\"it's\" 'x'"


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe63"])
def test_normalise_turns_every_dash_into_a_hyphen(dash):
    assert normalise(f"a{dash}b") == "a-b"


def test_normalise_collapses_white_space_runs_including_line_breaks():
    assert normalise("a \t\n\n  b\u00a0c") == "a b c"


@pytest.mark.parametrize("original", [
    "plain ascii\n\nwith  gaps",
    "Cafe\u0301 and cafe\u0301s",  # combining accents compose
    "\ufb01rst \ufb02oor \u2460 \u00bd",  # ligatures, circled digit, fraction expand
    "\u1100\u1161\u11a8 and \uac01",  # Hangul jamo compose into a syllable
    "\uff34\uff4f\uff4b\uff59\uff4f \u3000 end",  # full-width letters and ideographic space
    "mixed \u201cquotes\u201d \u2014 and\r\nCRLF \u2026 done",
    "no-break\u00a0spaces\u00a0\u00a0and a thin\u2009one \u2028 line separator",
])
def test_indexed_text_is_the_same_normalisation_as_normalise(original):
    assert NormalisedText.of(original).text == normalise(original)
    assert unicodedata.is_normalized("NFKC", NormalisedText.of(original).text)


def test_white_space_lists_cover_every_character_python_calls_white_space():
    every_space = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert every_space == set(NFKC_SPACES + OTHER_WHITESPACE + " ")
    assert all(unicodedata.normalize("NFKC", c) == " " for c in NFKC_SPACES)


def test_dash_list_covers_every_dash_punctuation_character():
    every_dash = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Pd"}
    assert every_dash - {"-"} <= set(DASHES)


def test_invisible_characters_are_removed_by_normalise():
    assert normalise("\ufeffzero\u200bwidth soft\u00adhyphen") == "zerowidth softhyphen"


def test_paragraphs_are_runs_of_text_between_blank_lines():
    text = NormalisedText.of("first para\nstill first\n\nsecond\n  \t\nthird\n")
    assert [text.paragraph(text.text.index(word)) for word in ("first", "still", "second", "third")] == [0, 0, 1, 2]


def test_an_offset_after_collapsed_white_space_points_at_the_original_character():
    text = NormalisedText.of("a \n\n  b")
    assert (text.text, text.source_offset(2)) == ("a b", 6)


def test_both_letters_of_an_expanded_ligature_point_at_the_ligature():
    text = NormalisedText.of("x \ufb01ne")
    assert (text.text, [text.source_offset(i) for i in range(len(text.text))]) == ("x fine", [0, 1, 2, 2, 3, 4])


def test_an_offset_after_a_removed_invisible_character_points_past_it():
    text = NormalisedText.of("a\u200bb")
    assert (text.text, text.source_offset(1)) == ("ab", 2)


def test_a_tab_counts_as_one_column_and_crlf_ends_one_line():
    text = NormalisedText.of("one\r\n\ttwo")
    assert text.line_column(text.text.index("two")) == (2, 2)
