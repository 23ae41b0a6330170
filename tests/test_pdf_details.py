"""Typography of the brief on narrow columns and quotes: no doubled quotation marks, no word
cut in two without a hyphen, no file name split inside a token."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.pdf.context import hyphenated, path_lines, quoted, short

PROJECT = Path(__file__).resolve().parent.parent
VOLCANO = PROJECT / "tests" / "fixtures" / "corpus_volcano"


def five_points_a_letter(text: str) -> float:
    return 5.0 * len(text)


@pytest.fixture(scope="module")
def volcano_text(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("volcano") / "brief"
    shutil.copytree(VOLCANO, folder)
    result = subprocess.run([sys.executable, "-m", "briefing", "build", str(folder / "timeline.yaml")],
                            capture_output=True, text=True, cwd=PROJECT, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    (pdf,) = [p for p in (folder / "out").glob("*.pdf") if not p.name.startswith(".")]
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_a_quote_with_quotation_marks_only_inside_keeps_them_as_written():
    assert quoted('He called it "a disaster" twice') == 'He called it "a disaster" twice'


def test_a_shortened_quote_ends_at_a_word_boundary():
    assert short("The company announced new generators for the winter", 30) == "The company announced new…"


def test_a_quote_enclosed_in_quotation_marks_is_not_quoted_twice():
    assert quoted('"We are ready to act."') == "We are ready to act."
    assert quoted("“We are ready to act.”") == "We are ready to act."


def test_a_quote_that_starts_with_a_quotation_mark_has_its_marks_made_single():
    assert quoted('"We are ready," he said.') == "‘We are ready,’ he said."
    assert quoted("the airline's view") == "the airline's view"


def test_a_word_wider_than_its_column_is_cut_with_a_hyphen():
    assert hyphenated("Eyjafjallajökull, Iceland", 60, five_points_a_letter) == "Eyjafjallaj- ökull, Iceland"
    assert hyphenated("Short words only", 60, five_points_a_letter) == "Short words only"


def test_a_file_name_breaks_only_after_a_separator_and_never_before_its_extension():
    lines = path_lines("sources/imo-status-2010-04-15.txt", 100, five_points_a_letter)
    assert "".join(lines) == "sources/imo-status-2010-04-15.txt"
    assert all(line[-1] in "/-_." for line in lines[:-1]), lines
    assert lines[-1].endswith("15.txt")


def test_the_chronology_of_a_real_brief_cuts_long_place_names_with_a_hyphen(volcano_text):
    assert "Eyjafjallajökul\nl" not in volcano_text
    assert re.search(r"Eyjafjalla\w*-\n\w*ll, Iceland", volcano_text)


def test_the_verification_annex_of_a_real_brief_cuts_no_quote_inside_a_word(volcano_text):
    shortened = re.findall(r"(\w+)…”", volcano_text)
    assert shortened
    source_words = set(re.findall(r"\w+", "\n".join(p.read_text(encoding="utf-8")
                                                     for p in (VOLCANO / "sources").iterdir())))
    assert all(word in source_words for word in shortened), [w for w in shortened if w not in source_words]


def test_no_page_of_a_real_brief_names_a_build_date(volcano_text):
    assert "Built" not in volcano_text


def test_a_short_brief_sets_its_judgements_sources_on_the_cover_not_alone_on_a_page(tmp_path):
    from briefing.check import check_timeline
    from briefing.loader import load_timeline
    from briefing.pdf import BriefOptions, write_brief

    timeline, _ = load_timeline(PROJECT / "tests" / "fixtures" / "pdf_basic" / "timeline.yaml")
    out = tmp_path / "brief.pdf"
    write_brief(check_timeline(timeline), out, figure=None, options=BriefOptions())
    pages = [page.extract_text() for page in PdfReader(out).pages]
    (cover_page,) = [number for number, text in enumerate(pages) if "Key judgements: sources" in text]
    assert cover_page == 0
