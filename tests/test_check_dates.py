"""Which dates a source text is taken to state (the index behind D001)."""

from __future__ import annotations

import pytest

from briefing.model import PartialDate
from briefing.check.dates import StatedDates
from briefing.check.normalise import normalise


def states(text: str, date: PartialDate) -> bool:
    return StatedDates(normalise(text)).states(date)


SEPTEMBER_13 = PartialDate(2023, 9, 13)


@pytest.mark.parametrize("text", [
    "on 13 September the talks began",
    "on September 13 the talks began",
    "on September 13th, 2023, the talks began",
    "on Sept. 13 the talks began",
    "on Sep 13 the talks began",
    "on the 13th of September the talks began",
    "from 12\u201313 September the talks went on",
    "on SEPTEMBER 13 the talks began",
    "dated 2023-09-13",
    "dated 2023/09/13",
    "dated 13.09.2023",
    "dated 09/13/2023",
    "dated 13/09/2023",
    "9\uc6d4 13\uc77c",  # Korean: 9월 13일
    "9\u670813\u65e5",  # Japanese and Chinese: 9月13日
])
def test_day_is_stated(text):
    assert states(text, SEPTEMBER_13)


@pytest.mark.parametrize("text", [
    "in September the talks began",
    "on September 2023 the talks began",
    "on 3 September the talks began",
    "on 13 October the talks began",
    "about 13 members in September",
    "dated 2023-09",
])
def test_day_is_not_stated(text):
    assert not states(text, SEPTEMBER_13)


@pytest.mark.parametrize("text", ["in September", "in Sept.", "since 2023-09", "on 13.09.2023"])
def test_month_is_stated(text):
    assert states(text, PartialDate(2023, 9))


def test_lower_case_may_is_not_the_month():
    assert not states("the talks may resume", PartialDate(2023, 5))


def test_capitalised_may_is_the_month():
    assert states("talks resume in May", PartialDate(2023, 5))


def test_year_is_stated_as_a_four_digit_number():
    assert states("the harbour closed in 2023.", PartialDate(2023))


def test_year_inside_a_longer_number_is_not_stated():
    assert not states("reference 120235 was filed", PartialDate(2023))


def test_dotted_digits_are_read_day_first_only():
    assert states("dated 09.10.2023", PartialDate(2023, 10, 9))
    assert not states("dated 09.10.2023", PartialDate(2023, 9, 10))


def test_month_name_inside_a_longer_word_is_not_a_month():
    assert not states("Mr LeJune 13 said so", PartialDate(2023, 6, 13))


def test_digits_inside_a_longer_number_are_not_a_date():
    assert not states("serial 12023-09-13 was logged", SEPTEMBER_13)


def test_year_and_month_need_a_hyphen_and_two_digits():
    assert not states("the index closed at 2023.09", PartialDate(2023, 9))


APRIL_17 = PartialDate(2024, 4, 17)


@pytest.mark.parametrize("text", [
    "am 17. April 2024 begann die Sitzung",  # German
    "le 17 avril 2024, la séance s'ouvrit",  # French
    "el 17 de abril de 2024 comenzó la sesión",  # Spanish
    "il 17 aprile 2024 è iniziata la seduta",  # Italian
    "em 17 de abril de 2024 começou a sessão",  # Portuguese
    "17 апреля 2024 года началось заседание",  # Russian
    "Le 17 AVRIL, la séance s'ouvrit",
    "dated 2024-04-17",
    "dated 17.04.2024",
])
def test_day_is_stated_in_the_sources_language(text):
    assert states(text, APRIL_17)


@pytest.mark.parametrize("text", ["im Juli", "en juillet", "en julio", "a luglio", "em julho", "в июле 2023"])
def test_month_is_stated_in_the_sources_language(text):
    assert states(text, PartialDate(2023, 7))


def test_french_first_of_the_month_is_read():
    assert states("le 1er juillet", PartialDate(2023, 7, 1))


def test_a_month_word_inside_a_longer_word_is_not_a_month_in_any_language():
    assert not states("la maison du maire, 17 maires", PartialDate(2023, 5, 17))


def test_offsets_say_where_a_day_is_stated():
    text = normalise("Opening. On 3 May the gates opened; by May 3rd all had come.")
    dates = StatedDates(text)
    assert [text[at:at + 5] for at in dates.offsets(5, 3)] == ["3 May", "May 3"]


def test_both_days_of_a_range_written_with_and_or_to_are_stated():
    from briefing.check.dates import StatedDates
    from briefing.model import PartialDate

    for text in ("The hearings ran between 6 and 8 May 2024.", "from 6 to 8 May"):
        stated = StatedDates(normalise(text))
        assert stated.states(PartialDate(2024, 5, 6)) and stated.states(PartialDate(2024, 5, 8)), text
        assert not stated.states(PartialDate(2024, 5, 7)), text
