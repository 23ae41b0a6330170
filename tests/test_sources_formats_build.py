"""A timeline citing one source of each format checks clean and builds, through the real command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from commandline import briefing

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS_TIMELINE = FIXTURES / "formats_timeline"


def briefs(project: Path) -> list[Path]:
    return [path for path in (project / "out").glob("*.pdf") if not path.name.startswith(".")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = tmp_path_factory.mktemp("formats") / "project"
    shutil.copytree(FORMATS_TIMELINE, project)
    result = briefing("build", "timeline.yaml", cwd=project)
    return project, result


def test_timeline_citing_txt_md_html_and_pdf_sources_checks_clean(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FORMATS_TIMELINE, project)
    result = briefing("check", "timeline.yaml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["3 events, 4 sources, 5 of 5 quotes verified; 0 errors, 0 warnings."]


def test_timeline_citing_every_format_builds_a_brief(built):
    project, result = built
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(briefs(project)) == 1


def test_brief_cites_a_pdf_quote_by_page(built):
    project, _ = built
    (brief,) = briefs(project)
    text = " ".join(page.extract_text() for page in PdfReader(brief).pages)
    assert "Line 4 tram opens (printed), p. 2" in text


def test_verification_annex_gives_a_pdf_quote_page_and_line(built):
    project, _ = built
    (brief,) = briefs(project)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(brief).pages)
    assert "p. 2, line 2" in text


def test_brief_cites_a_web_page_with_the_date_its_metadata_states(built):
    project, _ = built
    (brief,) = briefs(project)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(brief).pages)
    assert "Line 4 tram opens (web page), 14 March 2026" in text


def test_sources_annex_says_a_date_came_from_the_file_metadata(built):
    project, _ = built
    (brief,) = briefs(project)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(brief).pages)
    assert "14 March 2026 (date from the file's metadata)" in text
    assert text.count("(date from the file's metadata)") == 1  # the page; the notes, print and log state none


def test_extracted_text_is_cached_in_the_output_folder_state(built):
    project, _ = built
    cached = sorted(path.name.split("-", 1)[1] for path in (project / "out" / ".cache" / "extracted").iterdir())
    assert [name.split("1-")[0] for name in cached] == ["html", "markdown", "pdf"]


def test_scanned_pdf_source_is_r003_saying_it_needs_ocr(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FORMATS_TIMELINE, project)
    shutil.copy(FIXTURES / "formats" / "scan.pdf", project / "sources" / "riverside-gazette.pdf")
    result = briefing("check", "timeline.yaml", cwd=project)
    assert result.returncode == 1
    (line,) = [line for line in result.stdout.splitlines() if " R003 " in line]
    assert line.startswith("timeline.yaml:") and "needs OCR first" in line
