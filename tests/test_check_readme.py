"""The README's account of the check is the code's: every code, the ICD 203 scale, the stop words."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.check.language import LIKELIHOOD_SCALE
from briefing.check.names import GENERIC_WORDS, STOP_WORDS
from briefing.findings import CODES

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## What the check reports"):README.index("## Development")]


def test_every_code_has_a_row_with_its_severity_and_an_example_message():
    rows = {match.group(1): match.group(2) for match in re.finditer(r"^\| ([A-Z]\d{3}) \| (\w+) \| .+ \| `.+` \|$",
                                                                    SECTION, re.MULTILINE)}
    assert rows == {code: severity for code, (severity, _) in CODES.items()}


def test_the_likelihood_table_is_the_scale_of_the_code():
    rows = re.findall(r"^\| ([a-z /]+) \| (\d\d)–(\d\d)% \|$", SECTION, re.MULTILINE)
    assert rows == [(" / ".join(row.terms), f"{row.percent[0]:02d}", f"{row.percent[1]:02d}")
                    for row in LIKELIHOOD_SCALE]


def listed_after(words: str) -> set[str]:
    item = re.split(r"\n\n|\n- ", SECTION[SECTION.index(words):].split(":", 1)[1])[0]
    paragraph = " ".join(item.split())
    return {word.strip(" .") for word in paragraph.split(",")} - {""}


def test_the_stop_words_are_those_of_the_code():
    assert listed_after("These stop words") == STOP_WORDS


def test_the_common_words_of_institutions_are_those_of_the_code():
    assert listed_after("common words of institutions") == GENERIC_WORDS
