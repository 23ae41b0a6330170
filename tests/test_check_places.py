"""A finding about one word of a value points at that word in the timeline file, whatever the scalar style."""

from __future__ import annotations

import yaml

from briefing.check.places import TimelineText
from briefing.model import Position


def place_of_word(written: str, word: str) -> tuple[int, int]:
    """Where the value of `text:` was written, then where its `word` is, as the check computes them."""
    node = yaml.compose(written).value[0][1]
    value = yaml.safe_load(written)["text"]
    at = Position("t.yaml", node.start_mark.line + 1, node.start_mark.column + 1)
    found = TimelineText(written).place(at, value, value.index(word))
    return found.line, found.column


def test_a_plain_scalar_over_two_lines():
    assert place_of_word("text: The bridge will\n  likely reopen\n", "likely") == (2, 3)


def test_a_folded_block():
    assert place_of_word("text: >-\n  The bridge\n  may reopen in May.\n", "may") == (3, 3)


def test_a_literal_block_with_a_blank_line_and_a_comment_after_the_indicator():
    assert place_of_word("text: |  # the bottom line\n  One.\n\n  Two may\n  follow.\n", "may") == (4, 7)


def test_a_quoted_scalar_counts_past_its_opening_quote():
    assert place_of_word('text: "The first may come"\n', "The") == (1, 8)
    assert place_of_word('text: "The first may come"\n', "may") == (1, 18)


def test_words_that_do_not_line_up_give_the_start_of_the_value():
    assert place_of_word('text: "a\\tb may"\n', "may") == (1, 7)
