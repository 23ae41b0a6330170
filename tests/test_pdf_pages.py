"""How the brief falls into pages: no stub of the contents, no judgement cut short, no table's
last row or heading left alone, no quote parted from its citation, and short sections sharing
a page instead of standing alone on one.

Real PDFs written by write_brief, parsed with pypdf: the seed brief (the repository's own
timeline, with its figure exported through Chromium once for the module) and the small
fixtures under tests/fixtures/.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.export import export_figure
from briefing.figure import build_figure
from briefing.pdf import BriefOptions, EmbeddedFigure, write_brief
from briefing.pdf.context import quoted
from pdf_reading import checked, squash, texts

PROJECT = Path(__file__).resolve().parent.parent
SEED = PROJECT / "timeline.yaml"
FIXTURES = Path(__file__).parent / "fixtures"
BASIC = FIXTURES / "pdf_basic" / "timeline.yaml"
TRADECRAFT = FIXTURES / "pdf_tradecraft" / "timeline.yaml"
DOT_LEADER = re.compile(r"(?:\s+\.){5,}")  # a contents line's dots, as pypdf reads them


def contents_lines(page: str) -> int:
    return len(DOT_LEADER.findall(page))


def outline(reader: PdfReader) -> list[tuple[str, int]]:
    """(title, 1-based page) of every bookmark, at any depth."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


@pytest.fixture(scope="module")
def seed():
    return checked(SEED)


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory, seed) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    figure = folder / "timeline.pdf"
    export_figure(build_figure(seed.timeline), {"pdf": figure})
    path = folder / "brief.pdf"
    write_brief(seed, path, figure=EmbeddedFigure.from_file(figure), options=BriefOptions())
    return path


@pytest.fixture(scope="module")
def seed_pages(seed_pdf) -> list[str]:
    return texts(seed_pdf)


@pytest.fixture(scope="module")
def seed_sections(seed_pdf) -> dict[str, int]:
    return section_pages(seed_pdf)


@pytest.fixture(scope="module")
def tradecraft_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tradecraft") / "brief.pdf"
    write_brief(checked(TRADECRAFT), path, figure=None, options=BriefOptions())
    return path


def section_pages(pdf: Path) -> dict[str, int]:
    """Each bookmarked heading's 0-based page."""
    return {title: page - 1 for title, page in outline(PdfReader(pdf))}


# --- the contents ----------------------------------------------------------------------------------


def test_the_seed_contents_is_one_page_with_every_line(seed, seed_pages):
    pages = [i for i, text in enumerate(seed_pages) if contents_lines(text)]
    assert pages == [1]
    events = len(seed.timeline.events)
    sections = ("Bottom line", "Key judgements", "Key judgements: sources", "Key assumptions",
                "Indicators to watch", "Timeline figure", "Chronology", "Events", "Annex A. Sources",
                "Annex B. Verification")
    assert contents_lines(seed_pages[1]) == events + len(sections)
    for section in sections:
        assert section in seed_pages[1]


def brief_of(basic, events: int, folder: Path) -> list[str]:
    """The basic fixture's brief with its events repeated to `events`, without a figure."""
    originals = basic.timeline.events
    copies = tuple(dataclasses.replace(originals[n % len(originals)], id=f"copy-{n}", title=f"Copy number {n}")
                   for n in range(events))
    result = dataclasses.replace(basic, timeline=dataclasses.replace(basic.timeline, events=copies))
    path = folder / f"brief-{events}.pdf"
    write_brief(result, path, figure=None, options=BriefOptions())
    return texts(path)


# Just over a page of contents (the 50 lines a page holds): laid line after line, these would
# leave a line or two on the second page.
@pytest.mark.parametrize("events", [43, 44])
def test_a_contents_that_goes_on_over_a_page_leaves_no_stub(tmp_path, events):
    pages = [text for text in brief_of(checked(BASIC), events, tmp_path) if contents_lines(text)]
    assert len(pages) == 2, [contents_lines(text) for text in pages]  # else pick sizes that break
    assert min(contents_lines(text) for text in pages) >= 3
    assert pages[1].count("Copy number") >= 3  # the events' entries are not broken one or two from the rest


# --- the judgements' sources ---------------------------------------------------------------------------


def judgements_table(pages: list[str], sections: dict[str, int]) -> str:
    """The text of the section 'Key judgements: sources', up to the section after it."""
    text = squash("".join(pages[sections["Key judgements: sources"]:sections["Key assumptions"] + 1]))
    text = text[text.index(squash("Key judgements: sources")):]
    return text[:text.index(squash("Key assumptions"))]


def test_every_judgement_stands_whole_in_the_sources_table(seed, seed_pages, seed_sections):
    table = judgements_table(seed_pages, seed_sections)
    for judgement in seed.timeline.brief.judgements:
        assert squash(judgement.text) in table, judgement.text[:60]
    assert "…" not in table


def test_the_sources_table_lists_each_judgements_events_by_title(seed, seed_pages, seed_sections):
    table = judgements_table(seed_pages, seed_sections)
    numbers = {e.id: n for n, e in enumerate(seed.timeline.events_in_order(), start=1)}
    for judgement in seed.timeline.brief.judgements:
        for event in judgement.events:
            assert squash(f"{numbers[event]}. {seed.timeline.event(event).title}") in table


def test_no_page_of_the_seed_holds_a_single_row_of_the_sources_table(seed, seed_pages, seed_sections):
    rows_on = []
    for text in seed_pages[seed_sections["Key judgements: sources"]:seed_sections["Key assumptions"] + 1]:
        body = squash(text)
        rows_on.append(sum(1 for j in seed.timeline.brief.judgements if squash(j.text)[:30] in body))
    assert sum(rows_on) == len(seed.timeline.brief.judgements)
    assert all(rows != 1 for rows in rows_on), rows_on


# --- headings and quotes ---------------------------------------------------------------------------------


def test_no_heading_of_the_seed_stands_at_the_foot_of_a_page_without_its_content(seed_pdf, seed_pages):
    for title, page in outline(PdfReader(seed_pdf)):
        text = squash(seed_pages[page - 1])
        title = {"Timeline figure": "Timeline"}.get(title, title)  # the figure page's heading
        heading = squash(title.split(". ", 1)[1] if title[0].isdigit() else title)
        after = text[text.index(heading) + len(heading):]
        assert len(after) > 60, (title, page)  # a heading with at least a line or two under it


def test_every_quote_of_the_seed_stands_on_the_page_of_its_citation(seed, seed_pages, seed_sections):
    events = [squash(text) for text in seed_pages[seed_sections["Events"]:seed_sections["Annex A. Sources"] + 1]]
    numbers = {src.id: n for n, src in enumerate(seed.timeline.sources, start=1)}
    for event in seed.timeline.events:
        for evidence in event.evidence:
            # The quote's last words, its closing mark, then its citation's source number.
            block = re.escape(squash(quoted(evidence.quote))[-30:]) + ".?" + re.escape(f"[{numbers[evidence.source]}]")
            assert any(re.search(block, page) for page in events), (event.id, evidence.quote[:40])


# --- sections that share a page ---------------------------------------------------------------------------


def test_a_short_chronology_shares_the_page_of_the_sections_before_it(tradecraft_pdf):
    sections = section_pages(tradecraft_pdf)
    assert sections["Chronology"] == sections["Indicators to watch"]
    assert "Ferry licence renewed for one year" in texts(tradecraft_pdf)[sections["Chronology"]]


def test_a_short_annex_follows_the_last_event_on_its_page(tradecraft_pdf):
    sections = section_pages(tradecraft_pdf)
    assert sections["Annex A. Sources"] == sections["5. County calls a public consultation"]


def test_an_annex_that_does_not_fit_whole_starts_a_page(seed_pages, seed_sections):
    assert "Significance:" not in seed_pages[seed_sections["Annex A. Sources"]]  # no event's facts line
