"""Numbers a text states, read by value, in a summary strictly and in a source generously (C001)."""

from __future__ import annotations

from briefing.check.numbers import numbers_in, source_numbers


def values(text: str, **kwargs) -> list:
    return [claim.value for claim in numbers_in(text, **kwargs)]


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


def test_a_time_of_day_is_one_claim_equal_to_the_same_time():
    [claim] = numbers_in("from 08:00 UTC")
    assert claim.value in source_numbers("ab 8:00 Uhr") and claim.value not in source_numbers("8 and 0")


def test_an_ordinal_used_as_an_adverb_is_not_a_number():
    assert values("They want the losses published first.") == []


def test_the_events_own_length_in_days_is_left_out():
    assert values("Three days of hearings.", duration_days=3) == []
    assert values("Four days of hearings.", duration_days=3) == [4]

def test_number_words_read_as_values():
    assert values("two hundred and fifty-six flights, twenty-four thousand people, a hundred ships") == [
        256, 24_000, 100]


def test_a_scale_suffix_counts_only_after_a_currency_in_a_summary():
    assert values("$2bn in aid, then 5m of cable") == [2_000_000_000, 5]


def test_digits_after_a_hyphen_are_a_code_only_after_a_capitalised_word():
    assert values("F-16 jets in the mid-30s") == [30]


# ── numbers: the source side ─────────────────────────────────────────────────

def test_a_number_in_words_matches_the_same_number_in_digits():
    assert set(values("two airports")) <= source_numbers("2 airports closed")


def test_a_source_is_read_with_german_and_french_separators():
    assert {100_000, 1_700_000_000, 6_800_000, 1000} <= source_numbers(
        "Rund 100.000 Flüge, 1,7 Milliarden Dollar, 6,8 Millionen Passagiere; 1 000 vols")


def test_german_and_french_number_words_count_in_a_source():
    assert {2, 3} <= source_numbers("zwei Tage, trois jours")


def test_a_source_reads_a_dotted_number_as_thousands_and_as_a_decimal():
    assert {1000, 1} <= source_numbers("1.000 Flüge")


def test_m_after_digits_in_a_source_is_millions_or_metres():
    assert {300_000_000, 300} <= source_numbers("a 300m runway")


def test_a_number_in_words_far_into_a_long_source_is_read_whole():
    assert 24_000 in source_numbers("word " * 2000 + "and twenty-four thousand passengers")


def test_a_capitalised_billion_in_a_source_may_be_the_german_ten_to_the_twelfth():
    assert 1_500_000_000_000 in source_numbers("Die Schulden stiegen auf 1,5 Billion Euro.")


def test_a_lower_case_billion_in_a_source_is_ten_to_the_ninth_only():
    stated = source_numbers("Sales reached 1.5 billion dollars.")
    assert 1_500_000_000 in stated and 1_500_000_000_000 not in stated
