"""The guesses `init` writes: a source's title and date from its first lines."""

from __future__ import annotations

import datetime as dt

from briefing.scaffold import guess_published


def test_a_date_line_with_the_month_written_out_gives_the_date():
    assert guess_published("Report\nPublished 12 March 2024 by the office.\n") == dt.date(2024, 3, 12)


def test_a_date_line_with_the_month_first_and_abbreviated_gives_the_date():
    assert guess_published("Report\nSept. 3, 2023\n") == dt.date(2023, 9, 3)
