"""Names a text states, and whether a source states them too (C002)."""

from __future__ import annotations

from briefing.check.names import name_in_source, names_in


def names(text: str, actors=()) -> list[str]:
    return [claim.text for claim in names_in(text, list(actors))]


def test_a_capitalised_run_inside_a_sentence_is_a_name():
    assert names("Flights resumed after the Met Office lifted its warning.") == ["Met Office"]


def test_the_first_word_of_a_sentence_is_not_a_name_by_itself():
    assert names("Airlines protested. Eurocontrol counted flights.") == []


def test_a_run_at_a_sentence_start_keeps_its_later_words():
    assert names("Icelandic Met Office scientists sampled the ash.") == ["Met Office"]


def test_a_registered_actor_is_named_by_its_name_or_an_alias():
    [claim] = names_in("The closure was ordered by NATS.", [("National Air Traffic Services", "NATS")])
    assert (claim.text, claim.value) == ("NATS", ("National Air Traffic Services", "NATS"))


def test_an_acronym_alias_matches_only_in_capitals():
    assert names("They told us the airport was shut.", [("United States", "US")]) == []


def test_stop_words_are_trimmed_and_titles_alone_are_not_names():
    assert names("It happened on a Thursday in April, said the President.") == []
    assert names("Then President Olafur Grimsson spoke.") == ["Olafur Grimsson"]


def test_a_run_of_generic_institution_words_is_not_a_name():
    assert names("The statement came from the Foreign Ministry.") == []


def test_hyphenated_and_apostrophe_names_are_whole_and_the_possessive_is_not_part():
    assert names("It reached Jean-Pierre Duval and Mr O'Brien's airline.") == ["Jean-Pierre Duval", "O'Brien"]


def test_a_lowercase_hyphen_tail_is_cut_off():
    assert names("Later the Reykjavik-based agency spoke.") == ["Reykjavik"]


def test_names_inside_quotes_count_and_a_quote_starts_a_sentence():
    assert names('He called it "a Eurocontrol decision", and "Pilots agreed".') == ["Eurocontrol"]


def test_a_name_is_in_a_source_as_whole_words_ignoring_case_and_accents():
    assert name_in_source("Eyjafjallajokull", "the eyjafjallajökull volcano")
    assert not name_in_source("Met Office", "the metropolitan office")


def test_a_demonym_is_in_a_source_that_names_its_country():
    assert name_in_source("Icelandic", "flights over Iceland")


def test_a_long_name_is_in_a_source_that_states_it_in_another_order():
    assert name_in_source("National Air Traffic Services", "air traffic services (national) said")


def test_a_capitalised_word_after_a_semicolon_is_a_name():
    assert names("Flights stopped at Cork; Ryanair protested.") == ["Cork", "Ryanair"]


def test_an_english_name_is_in_a_german_source_that_spells_it_the_german_way():
    assert name_in_source("Munich", "Die Lufthansa flog von München nach Frankfurt und zurück.")
    assert not name_in_source("Madrid", "Die Lufthansa flog von München nach Frankfurt und zurück.")


def test_a_registered_actor_written_with_a_hyphen_or_a_line_break_for_its_space_is_the_actor():
    actors = [("Harbour Board", "the board")]
    assert [(c.text, c.value) for c in names_in("The Harbour-Board met; the Harbour\nBoard voted.", actors)] == [
        ("Harbour-Board", ("Harbour Board", "the board")), ("Harbour\nBoard", ("Harbour Board", "the board"))]


def test_particles_join_capitalised_words_into_one_name():
    assert names("Rates were set by the Bank of England today.") == ["Bank of England"]


def test_a_name_is_in_a_source_with_a_space_for_its_hyphen():
    assert name_in_source("Jean-Pierre", "jean pierre said")


def test_a_translated_spelling_does_not_count_in_an_english_source():
    assert not name_in_source("Munich", "The flight from München to Frankfurt was the only one of the day.")
