"""Reading source files: names as the analyst typed them, and the formats the check reads."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from briefing.check.sources import SourceText, Unreadable, read_source


def write(root: Path, name: str, text: str = "Ferries resumed on 3 May.") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_r001_for_a_mistyped_path_suggests_the_nearest_existing_file(tmp_path):
    write(tmp_path, "sources/ferry-report.txt")
    outcome = read_source(tmp_path, "sources/ferry-reprot.txt")
    assert isinstance(outcome, Unreadable) and outcome.code == "R001"
    assert outcome.message.endswith("does not exist; did you mean sources/ferry-report.txt?")


def test_r001_suggests_a_file_of_the_same_name_in_another_folder(tmp_path):
    write(tmp_path, "seeds/ferry.txt")
    assert read_source(tmp_path, "sources/ferry.txt").message.endswith("did you mean seeds/ferry.txt?")


def test_r001_suggests_nothing_when_no_file_is_near(tmp_path):
    write(tmp_path, "sources/present.txt")
    assert read_source(tmp_path, "sources/missing.txt").message == "source file sources/missing.txt does not exist"


def test_source_named_in_nfc_is_found_when_the_file_on_disk_is_nfd(tmp_path):
    nfd = unicodedata.normalize("NFD", "sources/Reykjavík-café.txt")
    write(tmp_path, nfd)
    assert isinstance(read_source(tmp_path, unicodedata.normalize("NFC", nfd)), SourceText)


def test_summary_counts_quotes_of_unreadable_sources_as_not_checked_not_as_not_found():
    from briefing.check import check_timeline
    from briefing.loader import load_timeline
    from briefing.report import summarize, summary_line

    timeline, _ = load_timeline(Path(__file__).parent / "fixtures" / "check_sources" / "timeline.yaml")
    result = check_timeline(timeline)
    line = summary_line(summarize(result.findings, result))
    assert "2 of 5 quotes verified, 3 not checked" in line  # missing.txt, scan.bin, latin1.txt
    assert "NOT found" not in line


# --- the check reads each format's text (issue 16) ------------------------------------------------

import shutil  # noqa: E402

from briefing.check import check_timeline  # noqa: E402
from briefing.check.normalise import NormalisedText  # noqa: E402
from briefing.check.sources import cached_reader  # noqa: E402
from briefing.loader import load_timeline  # noqa: E402

FORMATS = Path(__file__).parent / "fixtures" / "formats"
FORMATS_TIMELINE = Path(__file__).parent / "fixtures" / "formats_timeline" / "timeline.yaml"


def source_from(tmp_path: Path, fixture: str) -> SourceText | Unreadable:
    shutil.copy(FORMATS / fixture, tmp_path / fixture)
    return read_source(tmp_path, fixture)


def test_markdown_source_is_read_as_the_text_a_reader_sees(tmp_path):
    text = source_from(tmp_path, "notes.md")
    assert "The office expects about 100,000 passengers a week" in text.normalised.text
    assert "**" not in text.normalised.text


def test_place_of_a_markdown_quote_is_its_line_and_column_in_the_file(tmp_path):
    text = source_from(tmp_path, "notes.md")
    place = text.place(text.normalised.text.index("about 100,000"))
    line = (FORMATS / "notes.md").read_text(encoding="utf-8").split("\n")[place.line - 1]
    assert line[place.column - 1:].startswith("about **100,000")


def test_web_page_source_is_read_without_its_page_furniture(tmp_path):
    text = source_from(tmp_path, "riverside-gazette.html")
    assert "The first Line 4 tram left the Harbour Square stop" in text.normalised.text
    assert "Spring sale at Lakeside Furniture" not in text.normalised.text


def test_pdf_source_place_is_a_page_and_line(tmp_path):
    text = source_from(tmp_path, "riverside-gazette.pdf")
    place = text.place(text.normalised.text.index("Tickets cost the same"))
    assert (place.page, place.line) == (2, 2)


def test_pdf_without_a_text_layer_is_r003_saying_it_needs_ocr(tmp_path):
    outcome = source_from(tmp_path, "scan.pdf")
    assert isinstance(outcome, Unreadable) and outcome.code == "R003"
    assert "needs OCR first" in outcome.message


def test_normalised_offset_maps_back_to_the_offset_in_the_extracted_text():
    original = "a\u200bb  \u201cc\ufb01d\u201d\n\nend"
    text = NormalisedText.of(original)
    assert original[text.source_offset(text.text.index("end")):] == "end"


@pytest.fixture(scope="module")
def formats_result():
    timeline, problems = load_timeline(FORMATS_TIMELINE)
    assert timeline is not None, [str(p) for p in problems]
    return check_timeline(timeline)


def test_quote_match_in_a_pdf_carries_its_page_for_citations(formats_result):
    match = formats_result.quotes[("fares-set", 0)]
    assert match.found and match.citation == "p. 2"


def test_quote_match_in_a_text_file_has_no_citation_suffix(formats_result):
    match = formats_result.quotes[("depot-petition", 0)]
    assert match.found and match.citation is None


def test_q001_for_a_web_page_says_the_passage_may_be_in_the_dropped_furniture(tmp_path):
    timeline_text = FORMATS_TIMELINE.read_text(encoding="utf-8").replace(
        "quote: The first Line 4 tram left the Harbour Square stop at 5.42 on Saturday morning",
        "quote: Spring sale at Lakeside Furniture")
    (tmp_path / "sources").mkdir()
    for source in (FORMATS_TIMELINE.parent / "sources").iterdir():
        shutil.copy(source, tmp_path / "sources" / source.name)
    (tmp_path / "timeline.yaml").write_text(timeline_text, encoding="utf-8")
    result = check_timeline(load_timeline(tmp_path / "timeline.yaml")[0])
    (q001,) = [f for f in result.findings if f.code == "Q001"]
    assert "may be in the page furniture the extractor dropped" in q001.message


def test_cached_reader_keeps_extracted_text_so_an_unchanged_pdf_is_parsed_once(tmp_path):
    shutil.copy(FORMATS / "riverside-gazette.pdf", tmp_path / "report.pdf")
    cache = tmp_path / "out" / ".cache" / "extracted"
    first = cached_reader(cache)(tmp_path, "report.pdf")
    (stored,) = cache.iterdir()
    stored.write_text(stored.read_text(encoding="utf-8").replace("Tickets cost", "Tickets COST"), encoding="utf-8")
    second = cached_reader(cache)(tmp_path, "report.pdf")
    assert "Tickets cost" in first.normalised.text and "Tickets COST" in second.normalised.text


def test_q001_for_a_pdf_quote_gives_the_page_and_line_of_the_closest_passage(tmp_path):
    from briefing.check.quotes import QuoteMatch, check_quote

    text = source_from(tmp_path, "riverside-gazette.pdf")
    checked = check_quote(text.normalised, "Tickets cost the same as on the trains.", "riverside-gazette.pdf",
                          QuoteMatch("e", 0, "s", found=False), text.place)
    assert "at p. 2, line 2" in checked.problem and '"trains." → "buses."' in checked.problem
    assert checked.match.place.page == 2


# --- a web page's metadata fills what the timeline leaves out -------------------------------------

def test_web_page_source_states_the_date_of_its_metadata(tmp_path):
    text = source_from(tmp_path, "riverside-gazette.html")
    assert text.published.iso() == "2026-03-14"  # JSON-LD datePublished 2026-03-14T08:30:00+01:00


def test_source_without_a_published_date_takes_the_date_its_web_page_states(formats_result):
    page = formats_result.timeline.source("gazette-page")
    assert page.published.iso() == "2026-03-14" and page.published_from_file


def test_formats_without_metadata_leave_the_published_date_empty(formats_result):
    for source_id in ("notes", "gazette-print", "depot-log"):
        source = formats_result.timeline.source(source_id)
        assert source.published is None and not source.published_from_file


def test_published_date_the_analyst_wrote_wins_over_the_page_metadata(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FORMATS_TIMELINE.parent, project)
    timeline_file = project / "timeline.yaml"
    timeline_file.write_text(timeline_file.read_text(encoding="utf-8").replace(
        "title: Line 4 tram opens (web page)\n", "title: Line 4 tram opens (web page)\n    published: 2026-03\n"),
        encoding="utf-8")
    result = check_timeline(load_timeline(timeline_file)[0])
    page = result.timeline.source("gazette-page")
    assert page.published.iso() == "2026-03" and not page.published_from_file


def test_page_metadata_date_that_is_no_real_day_is_ignored(tmp_path):
    page = (FORMATS / "riverside-gazette.html").read_text(encoding="utf-8")
    (tmp_path / "page.html").write_text(page.replace("2026-03-14T08:30", "2026-02-31T08:30"), encoding="utf-8")
    assert "2026-02-31" in (tmp_path / "page.html").read_text(encoding="utf-8")
    assert read_source(tmp_path, "page.html").published is None
