"""The brief's tradecraft as a reader sees it: the assessment on the cover, the sourcing, assumptions
and indicators, citations by outlet and date, and an edition named honestly.

Real PDFs written by write_brief from tests/fixtures/pdf_tradecraft/ (contract v2
fields) and tests/fixtures/pdf_draft/ (a quote that is not in its source), parsed
with pypdf. No figure: these pages do not depend on it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.pdf import BriefOptions, write_brief
from pdf_reading import checked, squash, texts

FIXTURES = Path(__file__).parent / "fixtures"
TRADECRAFT = FIXTURES / "pdf_tradecraft" / "timeline.yaml"
DRAFT = FIXTURES / "pdf_draft" / "timeline.yaml"


def flat(text: str) -> str:
    return " ".join(text.split())





@pytest.fixture(scope="module")
def result():
    return checked(TRADECRAFT)


@pytest.fixture(scope="module")
def pages(tmp_path_factory, result) -> list[str]:
    path = tmp_path_factory.mktemp("tradecraft") / "brief.pdf"
    write_brief(result, path, figure=None, options=BriefOptions())
    return texts(path)


@pytest.fixture(scope="module")
def draft_pages(tmp_path_factory) -> list[str]:
    path = tmp_path_factory.mktemp("draft") / "draft.pdf"
    write_brief(checked(DRAFT), path, figure=None, options=BriefOptions(draft=True))
    return texts(path)


def page_with(pages: list[str], heading: str) -> str:
    return next(t for t in pages if heading in t)


# --- the cover ------------------------------------------------------------------------------------


def test_the_cover_carries_the_bottom_line(result, pages):
    for paragraph in result.timeline.brief.paragraphs():
        assert squash(paragraph) in squash(pages[0])


def test_the_cover_carries_every_judgement_with_its_confidence_and_basis(result, pages):
    cover = squash(pages[0])
    for judgement in result.timeline.brief.judgements:
        assert squash(judgement.text) in cover
        assert squash(f"{judgement.confidence.capitalize()} confidence. {judgement.basis}") in cover


def test_the_cover_carries_the_scope_note(result, pages):
    assert squash(f"Scope. {result.timeline.brief.scope}") in squash(pages[0])


def test_the_cover_carries_the_source_summary_statement(pages):
    cover = flat(pages[0])
    assert "Sources. 4 sources: 1 news report, 1 opinion piece, 1 analysis and 1 official source" in cover
    assert "judgement 2 rests on a single opinion piece" in cover


def test_the_cover_says_the_verification_in_one_line_without_counts_of_findings(pages):
    cover = flat(pages[0])
    assert "All 7 quotes verified against 4 sources" in cover
    assert "QUOTES VERIFIED" not in cover and "0 errors" not in cover


def test_a_draft_cover_says_how_many_quotes_are_not_verified(draft_pages):
    assert "DRAFT – 1 of 2 quotes not verified" in flat(draft_pages[0])


# --- sourcing, assumptions, indicators ---------------------------------------------------------------


def test_the_judgements_sources_section_prints_the_source_summary_and_weak_footing(pages):
    section = flat(page_with(pages, "Key judgements: sources"))
    assert "No sourced events between 20 February 2024 and 5 August 2024." in section
    assert "single opinion piece" in section and "single source" in section


def test_key_assumptions_are_listed_when_the_brief_states_them(result, pages):
    section = squash(page_with(pages, "Key assumptions"))
    for assumption in result.timeline.brief.assumptions:
        assert squash(assumption) in section


def test_indicators_to_watch_are_listed_when_the_brief_states_them(result, pages):
    section = squash(page_with(pages, "Indicators to watch"))
    for indicator in result.timeline.brief.indicators:
        assert squash(indicator) in section


def test_no_assumptions_or_indicators_section_without_them(tmp_path, result):
    brief = dataclasses.replace(result.timeline.brief, assumptions=(), indicators=())
    bare = dataclasses.replace(result, timeline=dataclasses.replace(result.timeline, brief=brief))
    path = tmp_path / "bare.pdf"
    write_brief(bare, path, figure=None, options=BriefOptions())
    whole = " ".join(texts(path))
    assert "Key assumptions" not in whole and "Indicators to watch" not in whole


# --- citations ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def brief_path(tmp_path_factory, result) -> Path:
    path = tmp_path_factory.mktemp("links") / "brief.pdf"
    write_brief(result, path, figure=None, options=BriefOptions())
    return path


def test_event_sections_cite_a_quote_by_its_number_outlet_and_date(pages):
    events = flat(page_with(pages, "Significance:"))
    assert "[1] Brannock Gazette, 12 January 2024" in events


def test_file_paths_appear_only_in_the_verification_annex(pages):
    annex_from = next(i for i, t in enumerate(pages) if "Annex B. Verification" in t)
    for number, text in enumerate(pages):
        if "sources/gazette.txt" in text:
            assert number >= annex_from, f"page {number + 1}"


def test_the_admiralty_system_is_named_once_above_the_events_not_under_every_grade(pages):
    events = [t for t in pages if "Significance:" in t]
    assert "B2" in events[0]
    assert sum(t.count("ADMIRALTY") for t in pages) == 0
    assert sum(flat(t).count("Admiralty grade") for t in events) == 1


def test_source_urls_are_links_in_the_sources_annex(brief_path):
    reader = PdfReader(brief_path)
    annex = next(p for p in reader.pages if "Annex A. Sources" in (p.extract_text() or ""))
    uris = [a.get_object()["/A"].get("/URI") for a in annex.get("/Annots") or []
            if "/A" in a.get_object()]
    assert "https://example.org/gazette/ferry-licence" in uris


def test_the_sources_annex_gives_each_sources_kind_and_retrieval_date(pages):
    annex = flat(page_with(pages, "Annex A. Sources"))
    assert "News report · Reliability B (usually reliable) · Retrieved 30 August 2024" in annex
    assert "Opinion piece" in annex and "Official source" in annex


# --- dates and editions ----------------------------------------------------------------------------------


def test_no_page_claims_a_build_date(tmp_path, result):
    path = tmp_path / "dated.pdf"
    write_brief(result, path, figure=None,
                options=BriefOptions(created=dt.datetime(2030, 5, 6, 7, 8, tzinfo=dt.timezone.utc)))
    whole = " ".join(texts(path))
    assert "Built" not in whole and "2030" not in whole


def test_the_edition_is_named_by_its_cut_off_and_the_timelines_fingerprint(result, pages):
    cover = flat(pages[0])
    assert f"Information as of 31 August 2024 · Edition {result.timeline_sha256[:12]}" in cover
    annex = squash(" ".join(t for t in pages if "Edition and fingerprints" in t))
    assert squash(f"edition {result.timeline_sha256[:12]}") in annex
    assert result.timeline_sha256 in annex


def test_a_quote_graded_confirmed_with_no_other_outlet_says_so_at_its_citation(pages):
    text = flat(" ".join(pages))
    # consultation-called: the county's notice alone, graded A1
    assert "information confirmed by other sources (1) · no other outlet is cited for this event" in text
    assert text.count("no other outlet is cited for this event") == 1
