"""Writing the brief: the page templates, the canvas that fills in page numbers as it saves,
and `write_brief`, which lays out every section in one pass."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ..check import CheckResult
from ..editions import MANIFEST_FILE
from ..findings import Finding
from ..fonts import FontSet, PdfFonts, register_fonts
from ..wording import information_as_of
from .context import BriefOptions, Context, creation_time
from .embed import EmbeddedFigure, FigurePage, FigureSlot
from .furniture import PAGE_TOTAL_FORM, Furniture
from .navigation import PAGE_OF_MARK_FORM, Contents, list_contents
from .sections import SECTIONS
from .sections.figure import TEXT_AROUND_FIGURE_PT
from .styles import FURNITURE_SIZE, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MUTED, PAPER


@dataclass(frozen=True)
class BriefInfo:
    pages: int
    size: int  # bytes written
    figure_page: int | None  # 1-based, None when there is no figure
    font_findings: list[Finding] = field(default_factory=list)  # F001, also shown in the brief


def _embed_file(canvas: Canvas, name: str, data: bytes, mime: str) -> None:
    """Attach `data` to the document as an embedded file (a reader's "attachments" panel).

    reportlab has no API for document-level attachments; the catalog's /Names
    tree is otherwise unused by reportlab (its destinations go in /Dests).
    No dates in the file specification: the brief stays byte-reproducible. The MIME
    subtype is written as a raw name: PDFName would escape the "#" of "#2F" again.
    """
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

    doc = canvas._doc
    stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"), "Subtype": "/" + mime.replace("/", "#2F"),
                                      "Params": PDFDictionary({"Size": len(data)})}), data)
    filespec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(name), "UF": PDFString(name),
                              "EF": PDFDictionary({"F": doc.Reference(stream)}),
                              "Desc": PDFString("What this brief was built from, to compare later editions with")})
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({
        "Names": PDFArray([PDFString(name), doc.Reference(filespec)])})})


def _counting_canvas(fonts: PdfFonts, created: str, manifest: bytes | None = None) -> type[Canvas]:
    """A canvas whose `save` writes the page numbers known only at the end into forms
    drawn earlier: the page count every footer shows and the page of each contents
    line. Its document is dated `created` (a PDF date string).

    Footers and contents are drawn page by page, before the numbers are known; a
    form referenced by name and defined at the end fills the gap without delaying
    `showPage` (delaying it, as the common recipe does, points every link at page 1).
    """

    class CountingCanvas(Canvas):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            self.setDateFormatter(lambda *_: created)
            self.mark_pages: dict[str, int] = {}  # mark key -> page it landed on
            self.page_numbers_wanted: dict[str, tuple] = {}  # mark key -> (font, size, colour)
            self.figure_wanted: EmbeddedFigure | None = None

        def save(self):
            if self.figure_wanted is not None:
                FigurePage.read(self.figure_wanted.pdf()).add_to(self)
            total = self.getPageNumber() - 1  # save() follows the last showPage
            self.beginForm(PAGE_TOTAL_FORM, 0, -FURNITURE_SIZE, 20 * FURNITURE_SIZE, 2 * FURNITURE_SIZE)
            self.setFillColor(MUTED)
            fonts.draw(self, 0, 0, str(total), FURNITURE_SIZE)
            self.endForm()
            for key, (font, size, colour) in sorted(self.page_numbers_wanted.items()):
                # Every contents line has a heading in the story (`list_contents`), so its page is known.
                number = str(self.mark_pages[key])
                self.beginForm(PAGE_OF_MARK_FORM.format(key=key), -Contents.NUMBER_WIDTH, -size, 0, 2 * size)
                self.setFont(font, size)
                self.setFillColor(colour)
                self.drawRightString(0, 0, number)
                self.endForm()
            if manifest is not None:
                _embed_file(self, MANIFEST_FILE, manifest, "application/json")
            super().save()

    return CountingCanvas


def frame_size(pagesize: tuple[float, float]) -> tuple[float, float]:
    """The width and height of every page template's one frame on a page of `pagesize`, in pt."""
    width, height = pagesize
    return width - MARGIN_LEFT - MARGIN_RIGHT, height - MARGIN_TOP - MARGIN_BOTTOM


def figure_room(paper: str) -> tuple[float, float]:
    """The room the figure page (the "landscape" template) leaves the figure on `paper`, in pt:
    its frame's width, and its height less the heading and the caption."""
    if paper not in PAPER:
        raise ValueError(f"unknown paper size {paper!r}: use one of {', '.join(PAPER)}")
    width, height = frame_size(landscape(PAPER[paper]))
    return width, height - TEXT_AROUND_FIGURE_PT


def _page_templates(pagesize, furniture: Furniture) -> list[PageTemplate]:
    def frame(size, name):
        return Frame(MARGIN_LEFT, MARGIN_BOTTOM, *frame_size(size), id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    wide = landscape(pagesize)
    return [
        PageTemplate(id="cover", frames=[frame(pagesize, "cover")], onPage=furniture.cover, pagesize=pagesize),
        PageTemplate(id="body", frames=[frame(pagesize, "body")], onPage=furniture.page, pagesize=pagesize),
        # The figure page's furniture is drawn last, so the draft watermark lies over the figure's
        # opaque background.
        PageTemplate(id="landscape", frames=[frame(wide, "landscape")], onPageEnd=furniture.page, pagesize=wide),
    ]


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


@contextmanager
def _few_full_collections():
    """Let Python's cycle collector rarely sweep its oldest generation for a while.

    A long brief keeps millions of objects alive (the story, its line breaks, the
    pages' drawing operators); each full sweep walks them all, and by default one
    runs whenever they have grown by a quarter: a third of a 2,000-event build. The
    young generations, where reportlab's short-lived cycles die, are swept as usual.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], max(thresholds[2], 1000))
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def write_brief(result: CheckResult, out_path: Path, *, figure: EmbeddedFigure | None,
                options: BriefOptions) -> BriefInfo:
    """Write the brief for a checked timeline to exactly `out_path`."""
    if options.paper not in PAPER:
        raise ValueError(f"unknown paper size {options.paper!r}: use one of {', '.join(PAPER)}")
    with _few_full_collections():
        return _write_brief(result, out_path, figure, options)


def _write_brief(result: CheckResult, out_path: Path, figure: EmbeddedFigure | None,
                 options: BriefOptions) -> BriefInfo:
    timeline = result.timeline
    fontset = options.fonts or FontSet.default()
    fonts = register_fonts(fontset)
    missing_glyphs = [f for f in result.findings if f.code == "F001"]
    ctx = Context.of(result, fonts, options, figure=figure)
    pagesize = PAPER[options.paper]
    brief = timeline.brief
    furniture = Furniture(fonts=fonts, title=brief.title, marking=brief.marking,
                          as_of_line=information_as_of(brief.as_of), draft=options.draft)

    story = [flowable for section in SECTIONS for flowable in section(ctx)]
    slot = next((f for f in story if isinstance(f, FigureSlot)), None)
    list_contents(story)
    tags = sorted({tag for e in ctx.events for tag in e.tags})
    producer = f"briefing {options.version}"
    doc = BaseDocTemplate(
        str(out_path), pagesize=pagesize, pageTemplates=_page_templates(pagesize, furniture),
        title=" ".join(brief.title.split()), author=brief.author or "",
        subject=" ".join((brief.subtitle or "Analyst brief").split()), keywords=tags,
        creator=producer, producer=f"{producer} (reportlab, pypdf)", invariant=1, lang="en",
        initialFontName=fonts.main(), displayDocTitle=True,
        leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
    )
    doc.build(story, canvasmaker=_counting_canvas(fonts, _pdf_date(creation_time(ctx)), options.manifest))
    return BriefInfo(pages=doc.page, size=Path(out_path).stat().st_size,
                     figure_page=slot.placed_on if slot else None, font_findings=missing_glyphs)
