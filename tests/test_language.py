"""Estimative language after ICD 203: each L code on a planted sentence, and not on its clean twin."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.check.language import (
    LIKELIHOOD_SCALE,
    estimative_problems,
    hedges,
    likelihood_terms,
    sentence_spans,
)


def codes(text: str, confidence: str | None = None) -> list[str]:
    return [problem.code for problem in estimative_problems(text, confidence)]


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


# ── the scale ────────────────────────────────────────────────────────────────

def test_the_scale_has_the_seven_rows_of_icd_203_from_remote_to_almost_certain():
    assert [row.terms[0] for row in LIKELIHOOD_SCALE] == [
        "almost no chance", "very unlikely", "unlikely", "roughly even chance",
        "likely", "very likely", "almost certain"]


def test_almost_certainly_and_nearly_certain_are_terms_of_the_top_row():
    text = "It will almost certainly resume; a return is nearly certain."
    assert [row for _, _, row in likelihood_terms(text)] == [6, 6]


def test_the_longest_form_of_a_term_wins():
    text = "Flights are very unlikely to resume."
    [(start, end, row)] = likelihood_terms(text)
    assert (text[start:end], row) == ("very unlikely", 1)


def test_remote_is_a_likelihood_only_where_it_means_one():
    assert likelihood_terms("The chance of a second eruption is remote.")
    assert likelihood_terms("There is a remote possibility of ash.")
    assert not likelihood_terms("The volcano lies in a remote valley.")


# ── sentences ────────────────────────────────────────────────────────────────

def test_abbreviations_do_not_end_a_sentence():
    text = "Gen. Smith met U.S. officials in Sept. 2010 with Mr. Jones. Flights resumed."
    assert sentences(text) == ["Gen. Smith met U.S. officials in Sept. 2010 with Mr. Jones.", "Flights resumed."]


def test_decimals_and_initials_do_not_end_a_sentence():
    text = "J. R. Hall said the plume rose 1.7 km. It fell."
    assert sentences(text) == ["J. R. Hall said the plume rose 1.7 km.", "It fell."]


def test_a_blank_line_ends_a_sentence_without_a_full_stop():
    assert sentences("Airspace closed\n\nFlights resumed") == ["Airspace closed", "Flights resumed"]


# ── L001 ─────────────────────────────────────────────────────────────────────

def test_L001_a_hedge_without_a_likelihood_term():
    [problem] = estimative_problems("Airlines may seek compensation.", "moderate")
    assert (problem.code, problem.start, problem.end) == ("L001", 9, 12)
    assert problem.message.startswith("\u201cmay\u201d hedges without a likelihood term")
    assert "\u201clikely\u201d" in problem.message and "state it as fact" in problem.message


def test_L001_not_when_the_sentence_says_how_likely():
    assert codes("Airlines will likely seek compensation, and they may win.", "moderate") == []


def test_L001_for_each_hedge_word():
    for hedge in ("may", "might", "could", "possibly", "perhaps", "appears to", "seems to"):
        assert codes(f"The ash {hedge} close airports.") == ["L001"], hedge


def test_L001_is_judged_per_sentence():
    assert codes("The eruption will likely continue. Airports may close.") == ["L001"]


def test_the_month_may_is_not_a_hedge():
    assert hedges("Airports closed again in May 2010.") == []
    assert hedges("Flights resumed on 18 May.") == []
    assert hedges("The ash returned early in May, and May 9 saw closures.") == []


def test_may_at_a_sentence_start_is_a_hedge_unless_a_date_follows():
    assert hedges("May the closures last?") == [(0, 3)]
    assert hedges("May 2010 brought new closures.") == []


def test_could_not_states_an_inability_not_a_likelihood():
    assert codes("Airlines could not fly for six days; they couldn't reroute.") == []


def test_might_as_a_noun_is_not_a_hedge():
    assert codes("The volcano showed its might.") == []


def test_a_hedge_quoted_from_a_source_is_not_the_analysts():
    assert codes("The agency said the ash \u201cmay drift south\u201d.") == []


# ── L002 ─────────────────────────────────────────────────────────────────────

def test_L002_likelihood_terms_from_different_rows_in_one_sentence():
    [problem] = estimative_problems("Closures are likely, but a full shutdown is unlikely.", None)
    assert problem.code == "L002"
    assert "\u201clikely\u201d and \u201cunlikely\u201d are on different rows" in problem.message


def test_L002_not_for_terms_of_one_row():
    assert codes("Closures are likely and probably brief.") == []


def test_L002_not_across_two_sentences():
    assert codes("Closures are likely. A full shutdown is unlikely.") == []


# ── L003 ─────────────────────────────────────────────────────────────────────

def test_L003_a_confidence_level_and_a_likelihood_term_in_one_sentence():
    assert codes("We assess with moderate confidence that closures will likely recur.", "moderate") == ["L003"]


def test_L003_not_when_they_are_in_separate_sentences():
    assert codes("Closures will likely recur. We hold this with moderate confidence.", "moderate") == []


# ── L004 ─────────────────────────────────────────────────────────────────────

def test_L004_the_text_states_another_confidence_than_the_field():
    [problem] = estimative_problems("We judge with high confidence that airlines lost money.", "low")
    assert problem.code == "L004"
    assert "\u201chigh confidence\u201d" in problem.message and "confidence is low" in problem.message


def test_L004_not_when_the_text_agrees_with_the_field():
    assert codes("We judge with high confidence that airlines lost money.", "high") == []


def test_L004_medium_confidence_reads_as_moderate():
    assert codes("We judge with medium confidence that airlines lost money.", "moderate") == []


def test_L004_never_on_the_bottom_line_which_has_no_confidence_field():
    assert codes("We judge with high confidence that airlines lost money.", None) == []


# ── the volcano corpus: clean, and planted faults are caught ─────────────────

CORPUS = Path(__file__).parent / "fixtures" / "corpus_volcano" / "timeline.yaml"


def corpus_brief() -> dict:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["brief"]


def test_the_volcano_corpus_judgements_and_bottom_line_raise_nothing():
    brief = corpus_brief()
    items = [(brief["summary"], None)] + [(j["text"], j["confidence"]) for j in brief["judgements"]]
    assert [problem for text, confidence in items for problem in estimative_problems(text, confidence)] == []


def test_a_hedge_planted_in_a_corpus_judgement_is_caught():
    judgement = corpus_brief()["judgements"][2]
    text = judgement["text"].replace("will almost certainly press", "may press")
    assert codes(text, judgement["confidence"]) == ["L001"]


def test_a_stated_confidence_planted_in_a_corpus_judgement_is_caught():
    judgement = corpus_brief()["judgements"][0]
    text = judgement["text"] + " We say this with low confidence."
    assert codes(text, judgement["confidence"]) == ["L004"]
