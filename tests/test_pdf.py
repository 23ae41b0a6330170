"""The PDF brief as a reader gets it: real PDFs written by write_brief, parsed with pypdf.

Fixtures are small made-up timelines under tests/fixtures/pdf_*/, loaded and
checked by the real loader and check. The figure is a real kaleido export of
the real timeline figure, made once per module.
"""

from __future__ import annotations

import dataclasses
import re
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.export import export_figure
from briefing.figure import build_figure
from briefing.fonts import FontError, FontSet, find_font_file, font_findings, register_fonts
from briefing.pdf import BriefOptions, EmbeddedFigure, LongTable, Paragraph, write_brief
from briefing.pdf.context import Context
from briefing.pdf.sections.events import evidence_block
from pdf_reading import checked, squash, texts

FIXTURES = Path(__file__).parent / "fixtures"
BASIC = FIXTURES / "pdf_basic" / "timeline.yaml"
DRAFT = FIXTURES / "pdf_draft" / "timeline.yaml"
CREATED = dt.datetime(2024, 7, 1, 12, 30, tzinfo=dt.timezone.utc)
VERSION = "9.8.7-test"
MARKUP_TITLE = 'R&D <b>not bold</b> & "quotes"'
CYRILLIC_TITLE = "Кооператив утвердил новый график полива"
HANGUL = "자매 농장 대표단"





def outline_titles(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) for every bookmark, in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def page_fonts(resources, fonts=None) -> dict[str, dict]:
    """BaseFont name -> font dictionary, for a page's resources and the forms it draws."""
    fonts = {} if fonts is None else fonts
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        fonts[str(font.get("/BaseFont"))] = font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            page_fonts(xobject.get("/Resources"), fonts)
    return fonts


def fonts_used(pdf: Path) -> set[str]:
    """The BaseFont names of every font the PDF's pages draw with."""
    names = set()
    for page in PdfReader(pdf).pages:
        names |= set(page_fonts(page.get("/Resources")))
    return names


def is_embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are drawn by the font's own content streams
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.fixture(scope="module")
def basic():
    return checked(BASIC)


@pytest.fixture(scope="module")
def figure_pdf(tmp_path_factory, basic) -> Path:
    path = tmp_path_factory.mktemp("figure") / "timeline.pdf"
    export_figure(build_figure(basic.timeline), {"pdf": path})
    return path


@pytest.fixture(scope="module")
def brief(tmp_path_factory, basic, figure_pdf):
    """The basic fixture's brief, A4, with the figure: (path, BriefInfo)."""
    path = tmp_path_factory.mktemp("brief") / "brief.pdf"
    info = write_brief(basic, path, figure=EmbeddedFigure.from_file(figure_pdf),
                       options=BriefOptions(created=CREATED, version=VERSION))
    return path, info


@pytest.fixture(scope="module")
def brief_texts(brief) -> list[str]:
    return texts(brief[0])


@pytest.fixture(scope="module")
def draft_brief(tmp_path_factory, figure_pdf) -> Path:
    path = tmp_path_factory.mktemp("draft") / "draft.pdf"
    write_brief(checked(DRAFT), path, figure=EmbeddedFigure.from_file(figure_pdf),
                options=BriefOptions(draft=True, created=CREATED))
    return path


# --- pages and furniture -------------------------------------------------------------


def test_page_count_is_sane_and_reported(brief):
    path, info = brief
    pages = len(PdfReader(path).pages)
    assert 6 <= pages <= 14
    assert info.pages == pages
    assert info.size == path.stat().st_size


def test_every_page_after_the_cover_says_page_x_of_y(brief_texts):
    total = len(brief_texts)
    assert "Page" not in brief_texts[0].split("Bottom line")[0]
    for number, text in enumerate(brief_texts[1:], start=2):
        assert f"Page {number} of {total}" in " ".join(text.split()), f"page {number}"


def test_marking_is_printed_top_and_bottom_on_every_page(brief_texts):
    for number, text in enumerate(brief_texts, start=1):
        assert text.count("UNCLASSIFIED // FOR TRAINING") >= 2, f"page {number}"


def test_a4_by_default_and_letter_on_request(tmp_path, basic, brief):
    assert [round(float(x)) for x in PdfReader(brief[0]).pages[0].mediabox[2:]] == [595, 842]
    path = tmp_path / "letter.pdf"
    write_brief(basic, path, figure=None, options=BriefOptions(paper="letter"))
    assert {tuple(round(float(x)) for x in page.mediabox[2:]) for page in PdfReader(path).pages} == {(612, 792)}


def test_cover_holds_title_date_and_bottom_line(basic, brief_texts):
    cover = " ".join(brief_texts[0].split())
    assert basic.timeline.brief.title in cover
    assert "Information as of 30 June 2024" in cover
    assert "Bottom line" in cover
    for paragraph in basic.timeline.brief.summary.split("\n\n"):
        assert squash(paragraph) in squash(cover)


def test_brief_stays_small(brief):
    assert brief[0].stat().st_size < 600_000


# --- content a reader must find ------------------------------------------------------------


def test_every_event_title_appears_as_text(basic, brief_texts):
    whole = squash("".join(brief_texts))
    for event in basic.timeline.events:
        assert squash(event.title) in whole, event.id


def test_every_quote_appears_as_text(basic, brief_texts):
    whole = squash("".join(brief_texts))
    for event in basic.timeline.events:
        for evidence in event.evidence:
            assert squash(evidence.quote) in whole, (event.id, evidence.quote)


def test_the_verification_annex_gives_each_quotes_source_line_and_column_and_the_files(basic, brief_texts):
    annex = " ".join(" ".join(t for t in brief_texts if "Annex B" in t or "SHA-256" in t).split())
    match = basic.quotes[("growers-vote", 0)]
    assert f"2.1 [2] {match.line}:{match.column} “On 18 March the Growers" in annex
    assert "[2] seeds/002_growers_letter.txt" in annex


def test_markup_in_yaml_strings_is_shown_literally(brief_texts):
    whole = " ".join(" ".join(brief_texts).split())
    assert MARKUP_TITLE in whole
    assert "(<i>R&D</i>)" in whole


def test_cyrillic_title_round_trips(brief, brief_texts):
    assert CYRILLIC_TITLE in " ".join(" ".join(brief_texts).split())
    assert any(title.endswith(CYRILLIC_TITLE) for _, title, _ in outline_titles(PdfReader(brief[0])))


def test_hangul_is_drawn_with_the_fallback_font(brief):
    drawn_with: dict[str, set[str]] = {}

    def visit(text, cm, tm, font, size):
        for char in text:
            if "\uac00" <= char <= "\ud7a3" and font is not None:
                drawn_with.setdefault(char, set()).add(str(font.get("/BaseFont")))

    reader = PdfReader(brief[0])
    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert set(HANGUL.replace(" ", "")) <= set(drawn_with)
    assert all(all("Nanum" in name for name in names) for names in drawn_with.values()), drawn_with


def test_a_brief_the_main_font_can_draw_embeds_no_fallback_font(tmp_path, basic):
    latin_only = tuple(e for e in basic.timeline.events if HANGUL not in e.title)
    result = dataclasses.replace(basic, timeline=dataclasses.replace(basic.timeline, events=latin_only))
    path = tmp_path / "latin.pdf"
    write_brief(result, path, figure=None, options=BriefOptions())
    names = fonts_used(path)
    assert any("DejaVuSans" in name for name in names)
    assert not any("Nanum" in name for name in names)


def test_the_judgements_sources_table_links_each_judgement_to_its_events(brief_texts):
    page = squash(next(t for t in brief_texts if "Key judgements: sources" in t))
    assert squash("2. Growers vote to go to the tribunal") in page
    assert squash("moderate") in page


def test_chronology_numbers_events_in_date_order(basic, brief_texts):
    page = next(t for t in brief_texts if "Chronology" in t and "No." in t)
    flat = " ".join(page.split())
    positions = [flat.index(squash_words(e.title)) for e in basic.timeline.events_in_order()[:5]]
    assert positions == sorted(positions)


def test_a_chronology_after_the_figure_page_shares_its_page_with_the_events(brief):
    pages = {title: page for depth, title, page in outline_titles(PdfReader(brief[0])) if depth == 0}
    assert pages["Timeline figure"] < pages["Chronology"] == pages["Events"]


def squash_words(title: str) -> str:
    return title.split(" (")[0][:20]


def test_admiralty_grades_are_shown_beside_quotes(brief_texts):
    whole = " ".join(" ".join(brief_texts).split())
    assert "B2" in whole and "A1" in whole
    assert "source usually reliable (B)" in whole


def test_sources_annex_lists_every_source_and_who_cites_it(basic, brief_texts):
    annex = " ".join(next(t for t in brief_texts if "Annex A. Sources" in t and "Cited in" in t).split())
    for number, source in enumerate(basic.timeline.sources, start=1):
        assert f"[{number}]" in annex
    assert "Cited in 1. Water board approves raising the Kessel dam; 4." in annex


def test_verification_annex_lists_findings_fingerprints_and_version(basic, brief_texts):
    annex = "".join(brief_texts[-2:])
    flat = " ".join(annex.split())
    assert "11 of 11 quotes were found verbatim" in flat
    assert "Warning F001" in flat  # the character no font draws
    assert squash(basic.timeline_sha256) in squash(annex)
    for digest in basic.source_sha256.values():
        assert squash(digest) in squash(annex)
    assert f"briefing {VERSION}" in flat


# --- navigation and document properties ---------------------------------------------------


def test_outline_has_every_section_and_every_event_nested_under_events(basic, brief):
    outline = outline_titles(PdfReader(brief[0]))
    top = [title for depth, title, _ in outline if depth == 0]
    assert top == ["Bottom line", "Key judgements", "Key judgements: sources", "Timeline figure", "Chronology",
                   "Events", "Annex A. Sources", "Annex B. Verification"]
    events_at = next(i for i, (depth, title, _) in enumerate(outline) if title == "Events")
    nested = [title for depth, title, _ in outline[events_at + 1:events_at + 1 + len(basic.timeline.events)]
              if depth == 1]
    expected = [f"{n}. {e.title}" for n, e in enumerate(basic.timeline.events_in_order(), start=1)]
    assert nested == expected


def test_event_bookmarks_point_at_the_page_of_their_section(basic, brief, brief_texts):
    outline = outline_titles(PdfReader(brief[0]))
    for depth, title, page in outline:
        if depth == 1 and title[0].isdigit():
            assert squash(title) in squash(brief_texts[page - 1]), title


def link_targets(reader: PdfReader) -> list[tuple[int, int]]:
    """(1-based page of the link, 1-based page it jumps to) for every internal link."""
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages, start=1)}
    targets = []
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                destination = annot["/Dest"]
                targets.append((number, page_of.get(destination[0].idnum, 0)))
    return targets


def test_internal_links_jump_to_pages_of_the_document(brief, brief_texts):
    targets = link_targets(PdfReader(brief[0]))
    assert len(targets) > 30
    assert all(target > 0 for _, target in targets)
    chronology = next(i for i, t in enumerate(brief_texts, start=1) if "No." in t and "Chronology" in t)
    sources = next(i for i, t in enumerate(brief_texts, start=1) if "Annex A. Sources" in t and "Cited in" in t)
    events = {i for i, t in enumerate(brief_texts, start=1) if "Significance:" in t}
    from_chronology = {target for page, target in targets if page == chronology}
    assert sources in from_chronology  # citation markers
    assert events <= from_chronology  # event numbers and titles


def test_metadata_names_the_brief_and_the_tool(brief):
    meta = PdfReader(brief[0]).metadata
    assert meta.title == "Orrin Valley reservoir: the water-sharing dispute"
    assert meta.author == "Valley desk (test fixture)"
    assert meta.subject == "How a dam plan became a tribunal order"
    assert "legal" in meta["/Keywords"] and "water" in meta["/Keywords"]
    assert VERSION in meta.creator and "briefing" in meta.creator
    assert "briefing" in meta.producer
    assert meta["/CreationDate"].startswith("D:20240701123000")


def test_no_page_uses_an_unembedded_font(brief):
    for number, page in enumerate(PdfReader(brief[0]).pages, start=1):
        fonts = page_fonts(page.get("/Resources"))
        assert fonts, f"page {number}"
        missing = [name for name, font in fonts.items() if not is_embedded(font)]
        assert not missing, (number, missing)


def test_same_inputs_give_the_same_bytes(tmp_path, basic, figure_pdf, brief):
    again = tmp_path / "again.pdf"
    write_brief(basic, again, figure=EmbeddedFigure.from_file(figure_pdf),
                options=BriefOptions(created=CREATED, version=VERSION))
    assert again.read_bytes() == brief[0].read_bytes()


# --- the figure page ---------------------------------------------------------------------------


def test_figure_is_laid_as_vectors_on_a_landscape_page(brief, figure_pdf):
    path, info = brief
    page = PdfReader(path).pages[info.figure_page - 1]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    figure_words = squash(PdfReader(figure_pdf).pages[0].extract_text())
    assert len(figure_words) > 20
    assert figure_words in squash(page.extract_text())
    assert "Figure 1." in page.extract_text()


def test_no_figure_means_no_figure_page(tmp_path, basic):
    path = tmp_path / "nofig.pdf"
    info = write_brief(basic, path, figure=None, options=BriefOptions())
    reader = PdfReader(path)
    assert info.figure_page is None
    assert all(float(p.mediabox.width) < float(p.mediabox.height) for p in reader.pages)
    assert "Timeline figure" not in [title for _, title, _ in outline_titles(reader)]


# --- drafts ---------------------------------------------------------------------------------------------


def test_draft_marks_every_page(draft_brief):
    for number, text in enumerate(texts(draft_brief), start=1):
        assert "DRAFT – UNVERIFIED" in text, f"page {number}"


def test_draft_marks_the_failing_quote_in_place_with_the_closest_passage(draft_brief):
    section = " ".join(next(t for t in texts(draft_brief) if "Significance:" in t and "Repairs planned" in t).split())
    quote = section.index("“Repairs to the mooring posts are expected to take two months.”")
    mark = section.index("NOT VERIFIED", quote)
    assert section.index("expected to take six weeks", mark) > mark
    assert "NOT VERIFIED" not in section[:quote]  # the verified quote of event 1 is not marked


def test_a_final_brief_carries_no_draft_marks(brief_texts):
    assert not any("DRAFT" in text for text in brief_texts)


# --- fonts ----------------------------------------------------------------------------------------------


def test_f001_names_the_character_no_font_can_draw_at_its_field(basic):
    findings = font_findings(basic.timeline, FontSet.default())
    assert len(findings) == 1
    (f,) = findings
    event = basic.timeline.event("research-fund")
    assert (f.code, f.event, f.line, f.column) == ("F001", "research-fund", event.where("place").line,
                                                   event.where("place").column)
    assert "U+13000 EGYPTIAN HIEROGLYPH A001" in f.message


def test_characters_some_font_can_draw_are_not_flagged(basic):
    brief = dataclasses.replace(basic.timeline.brief, title="Ёлка 😀 한국어 — “quoted” café")
    timeline = dataclasses.replace(basic.timeline, brief=brief)
    assert [f for f in font_findings(timeline, FontSet.default()) if f.event is None] == []


def test_an_undrawable_character_is_shown_as_its_code_point(brief_texts, brief):
    whole = " ".join(" ".join(brief_texts).split())
    assert "Lower valley [U+13000] marker stone" in whole
    assert [f.code for f in brief[1].font_findings] == ["F001"]


def test_user_fonts_replace_the_default(tmp_path, basic):
    # DejaVu Serif comes in the same Debian package as the default DejaVu Sans, so it is always there.
    serif = find_font_file("DejaVuSerif.ttf")
    path = tmp_path / "serif.pdf"
    write_brief(basic, path, figure=None, options=BriefOptions(fonts=FontSet.default(regular=serif)))
    names = fonts_used(path)
    assert any("DejaVuSerif" in name for name in names)
    assert not any("DejaVuSans" in name for name in names)


def test_a_missing_font_file_is_a_clear_error(tmp_path):
    with pytest.raises(FontError, match="no such font file"):
        FontSet.default(regular=tmp_path / "nope.ttf")


@pytest.mark.parametrize("text", ["Plain words, a comma; and “quotes” — Ёлка", "  spaced\n  over lines  "])
def test_plain_text_paragraphs_skip_the_parser_but_come_out_as_it_would_make_them(text):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as ReportlabParagraph

    style = ParagraphStyle("cell", fontName="Helvetica-Bold", fontSize=8.3, leading=11, textColor="#1f4e79")
    ours, theirs = Paragraph(text, style), ReportlabParagraph(text, style)
    assert ours.text == theirs.text
    assert [vars(f) for f in ours.frags] == [vars(f) for f in theirs.frags]
    assert ours.frags[0].us_lines is not Paragraph(text, style).frags[0].us_lines  # nothing shared


def long_table_pdf(path: Path, rows: list[str]) -> list[str]:
    """A PDF of one LongTable whose rows hold `rows`, under the header "Number Text"; its pages' text."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate, Table

    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)

    def make(cells, with_header, first):
        return Table(cells, colWidths=[60, 380], repeatRows=1 if with_header else 0, splitInRow=1)

    body = [[Paragraph(f"row-{i}", style), Paragraph(text, style)] for i, text in enumerate(rows)]
    header = [Paragraph("Number", style), Paragraph("Text", style)]
    SimpleDocTemplate(str(path)).build([Paragraph("Before the table", style), LongTable(header, body, make)])
    return [" ".join(page.split()) for page in texts(path)]


def test_a_long_table_shows_every_row_once_and_its_header_atop_every_page(tmp_path):
    pages = long_table_pdf(tmp_path / "long.pdf", [f"text {i}" for i in range(300)])
    assert len(pages) > 5
    for page in pages:
        assert page.count("Number Text") == 1
        assert page.strip().startswith(("Before the table", "Number Text"))
    found = re.findall(r"row-(\d+)", " ".join(pages))
    assert found == [str(i) for i in range(300)]


def test_a_long_table_never_leaves_its_last_row_alone_on_a_page(tmp_path):
    first_page = long_table_pdf(tmp_path / "long.pdf", [f"text {i}" for i in range(300)])[0]
    holds = len(re.findall(r"row-\d+", first_page))
    pages = long_table_pdf(tmp_path / "one-over.pdf", [f"text {i}" for i in range(holds + 1)])
    rows = [len(re.findall(r"row-\d+", page)) for page in pages]
    assert len(rows) == 2 and sum(rows) == holds + 1
    assert min(rows) >= 2, rows
    assert all(page.count("Number Text") == 1 for page in pages)


def test_a_long_table_row_taller_than_a_page_is_split_inside_it(tmp_path):
    giant = " ".join(f"w{i}" for i in range(3000))
    pages = long_table_pdf(tmp_path / "giant.pdf", ["short", giant, "after"])
    whole = " ".join(pages)
    assert len(pages) > 1
    assert re.findall(r"row-(\d+)", whole) == ["0", "1", "2"]
    assert "w0 " in whole and "w2999" in whole
    assert all(page.count("Number Text") == 1 for page in pages)


# --- robustness ---------------------------------------------------------------------------------------------


def test_hostile_and_huge_user_text_builds_and_reads_literally(tmp_path, basic):
    hostile = "a]]><![CDATA[x &#x41; &amp; <br/> <para> \u200b\x07 end"
    giant = "word " * 1200 + "THE-END"
    events = list(basic.timeline.events)
    first = events[0]
    evidence = (dataclasses.replace(first.evidence[0], quote=giant), *first.evidence[1:])
    events[0] = dataclasses.replace(first, title=hostile, summary=hostile + "\n\n" + "x" * 3000,
                                    evidence=evidence)
    brief = dataclasses.replace(basic.timeline.brief, marking="SECRET " * 40, summary="Long line " * 600)
    timeline = dataclasses.replace(basic.timeline, events=tuple(events), brief=brief)
    result = dataclasses.replace(basic, timeline=timeline)
    path = tmp_path / "hostile.pdf"
    write_brief(result, path, figure=None, options=BriefOptions(draft=True))
    whole = " ".join(" ".join(texts(path)).split())
    assert "a]]><![CDATA[x &#x41; &amp; <br/> <para>" in whole
    assert "THE-END" in whole


def test_characters_beyond_the_basic_plane_can_be_copied(tmp_path, basic):
    events = list(basic.timeline.events)
    events[0] = dataclasses.replace(events[0], title="Signal 😀 received")
    result = dataclasses.replace(basic, timeline=dataclasses.replace(basic.timeline, events=tuple(events)))
    path = tmp_path / "emoji.pdf"
    write_brief(result, path, figure=None, options=BriefOptions())
    assert "Signal 😀 received" in " ".join(" ".join(texts(path)).split())


@pytest.fixture(scope="module")
def long_brief(tmp_path_factory, basic) -> Path:
    """The basic fixture with its events repeated to 16, long enough for a contents page."""
    copies = tuple(dataclasses.replace(e, id=f"{e.id}-{n}", title=f"{e.title} ({n})")
                   for n in (1, 2) for e in basic.timeline.events)
    result = dataclasses.replace(basic, timeline=dataclasses.replace(basic.timeline, events=copies))
    path = tmp_path_factory.mktemp("long") / "long.pdf"
    write_brief(result, path, figure=None, options=BriefOptions())
    return path


def test_a_short_brief_has_no_contents_page(brief_texts):
    assert not any("Contents" in t for t in brief_texts)


def test_contents_give_the_page_each_section_and_event_starts_on(long_brief):
    # The contents are drawn before the pages they list are made (see pdf.navigation.Contents):
    # every page number they show must still be the page the heading landed on.
    long_texts = texts(long_brief)
    contents = squash(" ".join(t for t in long_texts[:4] if "Contents" in t))
    outline = outline_titles(PdfReader(long_brief))
    listed = [(title, page) for depth, title, page in outline
              if title not in ("Contents", "Quotes not verified", "Verified quotes", "Findings",
                               "Edition and fingerprints")]
    assert len(listed) > 8
    for title, page in listed:
        # pypdf reads an event's number, then the dots and the page number, then the title.
        number, _, text = title.partition(". ") if title[0].isdigit() else ("", "", title)
        entry = re.search(re.escape(f"{number}." if number else "") + r"\.*(\d+)" + re.escape(squash(text)),
                          contents)
        assert entry, title
        assert int(entry.group(1)) == page, title


def test_a_long_timeline_lists_only_sections_in_the_contents_but_bookmarks_every_event(tmp_path, basic):
    first = basic.timeline.events[0]
    events = tuple(dataclasses.replace(first, id=f"copy-{i}", title=f"Copy number {i}") for i in range(61))
    result = dataclasses.replace(basic, timeline=dataclasses.replace(basic.timeline, events=events))
    path = tmp_path / "long.pdf"
    write_brief(result, path, figure=None, options=BriefOptions())
    contents = next(t for t in texts(path) if "Contents" in t)
    assert "Events" in contents and "Annex B. Verification" in contents
    assert "Copy number" not in contents
    titles = [title for _, title, _ in outline_titles(PdfReader(path))]
    assert sum(title.endswith(tuple(f"Copy number {i}" for i in range(61))) for title in titles) == 61


# --- the evidence block --------------------------------------------------------------------------------


def page_image(path: Path, story: list) -> bytes:
    """A one-page A4 PDF of `story` in the brief's margins, rendered by poppler as a grey image."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from briefing.pdf.styles import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP

    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
                      topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM).build(story)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", str(path), str(path.with_suffix(""))],
                   check=True)
    return path.with_suffix(".pgm").read_bytes()


@pytest.mark.parametrize("event_id, verified", [("quay-closed", True), ("repairs", False)])
def test_an_evidence_block_draws_what_its_table_twin_draws(tmp_path, event_id, verified):
    # The block draws itself by hand for speed and becomes its table only to split across pages:
    # both must look the same, shading, rule and grade included.
    result = checked(DRAFT)
    ctx = Context.of(result, register_fonts(FontSet.default()), BriefOptions(draft=True))
    event = result.timeline.event(event_id)
    assert result.quotes[(event_id, 0)].found is verified

    targets = "".join(f'<a name="{ctx.source_anchor(s.id)}"/>' for s in result.timeline.sources)

    def page(name: str, flowables: list) -> bytes:  # with the places the citations link to
        return page_image(tmp_path / name, [*flowables, Paragraph(targets + "end", ctx.styles.body)])

    def block():
        return evidence_block(ctx, event, 0, event.evidence[0], ctx.frame_width)

    drawn = page("block.pdf", [block()])
    assert drawn == page("table.pdf", [block().as_table()])
    assert drawn != page("none.pdf", [])
