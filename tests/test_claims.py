"""Numbers and names a summary states, and whether a source states them too (C001, C002)."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.check.claims import missing_claims, name_in_source, names_in, numbers_in, source_numbers
from briefing.check.quotes import normalise


def values(text: str, **kwargs) -> list:
    return [claim.value for claim in numbers_in(text, **kwargs)]


def names(text: str, actors=()) -> list[str]:
    return [claim.text for claim in names_in(text, list(actors))]


# ── numbers: the forms ───────────────────────────────────────────────────────

def test_an_ordinal_in_digits_is_its_number():
    assert values("the 70th anniversary") == [70]


def test_a_quantity_with_its_unit_is_its_number():
    assert values("closed for 24 years") == [24]


def test_thousands_separators_are_read():
    assert values("1,000 flights") == [1000]


def test_currency_and_scale_words_make_one_value():
    [claim] = numbers_in("losses of $1.7 billion")
    assert (claim.text, claim.value) == ("$1.7 billion", 1_700_000_000)


def test_a_year_is_a_number():
    assert values("since 2018") == [2018]


def test_a_percentage_is_its_number():
    assert values("10% of traffic") == [10]


def test_numbers_in_words_up_to_twenty_and_their_compounds():
    assert values("two airports, twelve airlines, twenty-four hours") == [2, 12, 24]


def test_scale_words_multiply():
    assert values("two hundred and fifty flights, a million passengers, three billion euros") == [
        250, 1_000_000, 3_000_000_000]


def test_ordinals_in_words_first_to_tenth():
    assert values("the first closure and the tenth day") == [1, 10]


def test_one_alone_is_not_a_number():
    assert values("one of the airlines, and no one flew") == []


def test_ordinal_idioms_are_not_numbers():
    assert values("at first, a second-hand report and a first-hand one") == []


def test_digits_in_a_name_or_code_are_not_numbers():
    assert values("the G7, an A320, the Covid-19 crisis, 5G masts") == []


def test_plural_hundreds_thousands_millions_state_no_number():
    assert values("hundreds of flights and thousands of passengers") == []


def test_the_events_own_date_numbers_are_left_out_when_bare():
    assert values("On 15 April 2010 airspace closed.", date_numbers={2010, 4, 15}) == []


def test_a_quantity_equal_to_a_date_number_is_kept():
    assert values("It lasted 15 days.", date_numbers={15}) == [15]


# ── numbers: the source side ─────────────────────────────────────────────────

def test_a_number_in_words_matches_the_same_number_in_digits():
    assert set(values("two airports")) <= source_numbers("2 airports closed")


def test_a_source_is_read_with_german_and_french_separators():
    assert {100_000, 1_700_000_000, 6_800_000, 1000} <= source_numbers(
        "Rund 100.000 Flüge, 1,7 Milliarden Dollar, 6,8 Millionen Passagiere; 1 000 vols")


def test_german_and_french_number_words_count_in_a_source():
    assert {2, 3} <= source_numbers("zwei Tage, trois jours")


# ── names ────────────────────────────────────────────────────────────────────

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


# ── both ─────────────────────────────────────────────────────────────────────

def test_missing_claims_reports_a_changed_number_and_an_unknown_name():
    source = "IATA said airlines lost $1.7 billion over six days."
    missing = missing_claims("Airlines lost $2.1 billion, IATA and Eurocontrol said.", [source])
    assert [(m.code, m.claim.text) for m in missing] == [("C001", "$2.1 billion"), ("C002", "Eurocontrol")]


def test_missing_claims_reports_nothing_on_a_faithful_summary():
    source = "IATA said airlines lost $1.7 billion over six days."
    assert missing_claims("Over six days airlines lost $1.7 billion, said IATA.", [source]) == []


def test_a_time_of_day_is_one_claim_equal_to_the_same_time():
    [claim] = numbers_in("from 08:00 UTC")
    assert claim.value in source_numbers("ab 8:00 Uhr") and claim.value not in source_numbers("8 and 0")


def test_a_capitalised_word_after_a_semicolon_is_a_name():
    assert names("Flights stopped at Cork; Ryanair protested.") == ["Cork", "Ryanair"]


def test_an_english_name_is_in_a_german_source_that_spells_it_the_german_way():
    assert name_in_source("Munich", "Die Lufthansa flog von München nach Frankfurt und zurück.")
    assert not name_in_source("Madrid", "Die Lufthansa flog von München nach Frankfurt und zurück.")


# ── the volcano corpus: clean, and a planted fault is caught ─────────────────

CORPUS = Path(__file__).parent / "fixtures" / "corpus_volcano"


def corpus_events() -> tuple[dict, list]:
    """Each event with its cited sources' normalised text (read without the loader, which is not the subject)."""
    data = yaml.safe_load((CORPUS / "timeline.yaml").read_text(encoding="utf-8"))
    texts = {s["id"]: normalise((CORPUS / s["file"]).read_text(encoding="utf-8")) for s in data["sources"]}
    actors = [(a["name"], *a.get("aliases", ())) for a in data["actors"]]
    events = []
    for event in data["events"]:
        cited = [texts[source] for source in dict.fromkeys(e["source"] for e in event["evidence"])]
        when = [d for d in (event["date"], event.get("end")) if d is not None]
        date_numbers = {int(part) for d in when for part in str(d).split("-")}
        events.append((event, cited, actors, date_numbers))
    return data, events


def test_the_volcano_corpus_states_every_number_and_name_of_its_summaries():
    _, events = corpus_events()
    missing = [(event["id"], m.code, m.claim.text) for event, cited, actors, dates in events
               for m in missing_claims(event["summary"], cited, actors, dates)]
    assert missing == []


def test_a_changed_number_in_a_corpus_summary_is_caught():
    _, events = corpus_events()
    event, cited, actors, dates = next(e for e in events if e[0]["id"] == "closure-totals")
    summary = event["summary"].replace("313 airports", "331 airports")
    assert [(m.code, m.claim.text) for m in missing_claims(summary, cited, actors, dates)] == [("C001", "331")]


def test_a_name_no_corpus_source_has_is_caught():
    _, events = corpus_events()
    event, cited, actors, dates = next(e for e in events if e[0]["id"] == "irish-airspace-closed")
    summary = event["summary"].replace("Dublin, Shannon and Cork", "Dublin, Shannon and Knock")
    assert [(m.code, m.claim.text) for m in missing_claims(summary, cited, actors, dates)] == [("C002", "Knock")]


def test_an_ordinal_used_as_an_adverb_is_not_a_number():
    assert values("They want the losses published first.") == []


def test_the_events_own_length_in_days_is_left_out():
    assert values("Three days of hearings.", duration_days=3) == []
    assert values("Four days of hearings.", duration_days=3) == [4]
