"""Source formats: the text a reader sees in each kind of file, and the way back to places in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.formats import ExtractionCache, Extracted, Place, Unreadable, extract, place_text

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
PAGES = ("riverside-gazette.html", "metro-daily.html", "valley-herald.html")


def read(name: str) -> Extracted | Unreadable:
    return extract(FIXTURES / name, (FIXTURES / name).read_bytes())


def place_of(result: Extracted, words: str) -> Place:
    offset = result.text.find(words)
    assert offset != -1, f"{words!r} not in the extracted text"
    return result.places.describe(offset)


def test_a_text_file_is_its_text_with_the_file_lines_and_columns(tmp_path):
    file = tmp_path / "notice.txt"
    file.write_text("Ferry notice\nThe pier reopens in spring.\n", encoding="utf-8")
    result = extract(file, file.read_bytes())
    assert result.text == "Ferry notice\nThe pier reopens in spring.\n"
    assert place_text(place_of(result, "reopens")) == "line 2, col 10"


def test_a_file_with_an_unknown_extension_is_read_as_text(tmp_path):
    file = tmp_path / "notice.text"
    file.write_bytes(b"**not markdown**")
    assert extract(file, file.read_bytes()).text == "**not markdown**"


def test_markdown_loses_its_markup():
    text = read("notes.md").text
    for marker in ("**", "__", "# ", "`", "](", "<!--", "Draft: check", "> ", "- Length", "1. Ask"):
        assert marker not in text
    assert "The office expects about 100,000 passengers a week" in text


def test_markdown_keeps_link_text_and_drops_the_address():
    text = read("notes.md").text
    assert "according to the city transport office." in text
    assert "transport.example.org" not in text


def test_markdown_places_are_lines_and_columns_of_the_file():
    result = read("notes.md")
    lines = (FIXTURES / "notes.md").read_text(encoding="utf-8").split("\n")
    for words in ("100,000 passengers", "eight per cent", "to the city's largest", "Station Road"):
        place = place_of(result, words)
        assert lines[place.line - 1][place.column - 1 :].startswith(words)


def test_a_markdown_file_that_is_not_utf8_is_r003(tmp_path):
    file = tmp_path / "notes.md"
    file.write_bytes("# Caf\u00e9\n".encode("latin-1"))
    result = extract(file, file.read_bytes())
    assert result.code == "R003" and "not UTF-8" in result.message


@pytest.mark.parametrize("page", PAGES)
def test_a_web_page_loses_its_furniture(page):
    text = read(page).text
    for furniture in ("We and our 143 partners use cookies", "Spring sale at Lakeside Furniture",
                      "Get the morning briefing", "Contact the newsroom", "Weather",
                      "Council approves night buses", "How the city chose the route",
                      "knife on a plate", "ticket machine at Harbour Square only took cards",
                      "an extra tram on the main branch would help", "gtag(", "enable JavaScript"):
        assert furniture not in text


@pytest.mark.parametrize("page, first, last", [
    ("riverside-gazette.html", "The first Line 4 tram left the Harbour Square stop",
     "A survey of riders on the new line is planned for the autumn."),
    ("metro-daily.html", "Residents of the streets around the new tram depot",
     "planned for 23 April at the Kiln Lane community hall."),
    ("valley-herald.html", "Line 4 carried 118,000 passengers a week",
     "leave comments through the city's transport website."),
])
def test_a_web_page_keeps_its_article_paragraphs(page, first, last):
    text = read(page).text
    assert first in text and last in text


@pytest.mark.parametrize("page, title, date", [
    ("riverside-gazette.html", "Line 4 tram opens to passengers after three years of works", "2026-03-14"),
    ("metro-daily.html", "Tram depot neighbours ask for quieter night shunting", "2026-04-09"),
    ("valley-herald.html", "First month on Line 4: more riders than forecast", "2026-04-30"),
])
def test_a_web_page_gives_its_title_and_publication_date(page, title, date):
    # JSON-LD, then meta article:published_time, then <time datetime>: one page each.
    result = read(page)
    assert (result.title, result.published) == (title, date)


def test_a_web_page_place_is_a_paragraph_of_its_main_text():
    result = read("riverside-gazette.html")
    assert place_text(place_of(result, "The line runs 11.8 kilometres")) == "paragraph 2, col 1"
    assert place_text(place_of(result, "100,000 passengers")) == "paragraph 2, col 147"


def test_a_pdf_quote_is_placed_by_page_and_line():
    result = read("riverside-gazette.pdf")
    place = place_of(result, "The line cost 212 million euros")
    assert place.page == 2
    page_lines = PdfReader(FIXTURES / "riverside-gazette.pdf").pages[1].extract_text().split("\n")
    assert page_lines[place.line - 1].startswith("The line cost 212 million euros")
    assert place_text(place) == f"p. 2, line {place.line}"


def test_a_pdf_word_broken_at_a_line_end_is_joined():
    text = read("two-column.pdf").text
    assert "review the infrastructure programme" in text
    assert "the electrification of the northern branch and the reconfiguration of" in text


def test_pdf_ligatures_become_letters():
    text = read("ligatures.pdf").text
    assert "The office published the first figures on the passenger flow." in text
    assert "Staff will be fitted" in text


def test_a_two_column_pdf_reads_one_column_after_the_other():
    text = " ".join(read("two-column.pdf").text.split())
    assert "It covers passenger numbers, punctuality, incidents and the work still to do. Passenger" in text
    assert text.index("Seven incidents were reported") < text.index("Noise near the Kiln Lane depot")


def test_a_scanned_pdf_is_r003_saying_it_needs_ocr():
    result = read("scan.pdf")
    assert result.code == "R003" and "needs OCR first" in result.message


def test_a_damaged_pdf_is_r003(tmp_path):
    file = tmp_path / "report.pdf"
    file.write_bytes((FIXTURES / "two-column.pdf").read_bytes()[:2000])
    result = extract(file, file.read_bytes())
    assert result.code == "R003" and "cannot be read as PDF" in result.message


def test_a_file_over_its_format_size_limit_is_r003(tmp_path):
    file = tmp_path / "page.html"
    file.write_bytes(b"<p>x</p>" * (10 * 2**20 // 8 + 1))
    result = extract(file, file.read_bytes())
    assert result.code == "R003" and "over the 10 MiB limit for a web page source" in result.message


def test_the_cache_extracts_an_unchanged_file_once(tmp_path):
    calls = []

    def counted(path, data):
        calls.append(path)
        return extract(path, data)

    path = FIXTURES / "riverside-gazette.pdf"
    data = path.read_bytes()
    first = ExtractionCache(tmp_path / "state", counted).extract(path, data)
    again = ExtractionCache(tmp_path / "state", counted).extract(path, data)  # a later build
    assert calls == [path]
    assert again == first


def test_the_cache_extracts_again_when_the_file_changes(tmp_path):
    calls = []

    def counted(path, data):
        calls.append(path)
        return extract(path, data)

    cache = ExtractionCache(tmp_path / "state", counted)
    path = FIXTURES / "notes.md"
    cache.extract(path, path.read_bytes())
    cache.extract(path, path.read_bytes() + b"\nA new line.\n")
    assert len(calls) == 2


def test_a_cached_refusal_names_the_file_asked_about(tmp_path):
    cache = ExtractionCache(tmp_path / "state")
    data = (FIXTURES / "scan.pdf").read_bytes()
    cache.extract(Path("sources/scan.pdf"), data)
    result = cache.extract(Path("sources/copy.pdf"), data)
    assert result.message.startswith("source file sources/copy.pdf is a PDF with no text layer")
