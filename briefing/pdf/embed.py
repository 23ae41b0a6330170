"""The figure inside the brief: kaleido's one-page PDF, drawn as a form like reportlab's own."""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject, NameObject, PdfObject,
)
from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.platypus import Flowable


FIGURE_FORM = "briefFigure"


class BorrowedObject(PDFObject):
    """An object of another PDF (the figure's), written into the brief with its references renumbered.

    Each borrowed object is registered with reportlab under `prefix + its old number`,
    so reportlab numbers it like its own objects and the references follow.
    """

    def __init__(self, obj: PdfObject, prefix: str):
        self.obj, self.prefix = obj, prefix

    def format(self, document) -> bytes:
        def renumbered(obj):
            if isinstance(obj, IndirectObject):
                number, generation = document.idToObjectNumberAndVersion[f"{self.prefix}{obj.idnum}"]
                return IndirectObject(number, generation, None)
            if isinstance(obj, DictionaryObject):
                new = copy(obj)  # a copy keeps a stream's data
                for key, value in obj.items():
                    new[key] = renumbered(value)
                return new
            if isinstance(obj, ArrayObject):
                return ArrayObject(renumbered(value) for value in obj)
            return obj

        out = BytesIO()
        renumbered(self.obj).write_to_stream(out)
        return out.getvalue()


@dataclass(frozen=True)
class EmbeddedFigure:
    """The figure a brief embeds: its shape at once, its PDF (kaleido's) only when the brief is saved.

    A figure page needs only the figure's shape to be laid out, so the brief is
    written while Chromium may still be starting and rendering the figure; the
    file is read, waiting for it if need be, as the brief is saved.
    """

    aspect: float  # width / height
    pdf: Callable[[], Path]  # the figure's one-page PDF, once it exists

    @classmethod
    def from_file(cls, path: Path) -> EmbeddedFigure:
        box = PdfReader(path).pages[0].mediabox
        return cls(aspect=float(box.width) / float(box.height), pdf=lambda: Path(path))


@dataclass(frozen=True)
class FigurePage:
    """Kaleido's one-page figure PDF as a form XObject plus the objects it uses (fonts, graphics states).

    The form maps the page onto the unit square (its /Matrix), so it is drawn
    scaled to its slot whatever the page's size turns out to be.
    """

    form: DecodedStreamObject
    objects: dict[int, PdfObject]  # old object number -> object

    @classmethod
    def read(cls, path: Path) -> FigurePage:
        page = PdfReader(path).pages[0]
        box = page.mediabox
        resources = page.raw_get("/Resources") if "/Resources" in page else DictionaryObject()
        objects: dict[int, PdfObject] = {}
        pending = [resources]
        while pending:  # every object the resources reach, each once
            obj = pending.pop()
            if isinstance(obj, IndirectObject):
                if obj.idnum in objects:
                    continue
                objects[obj.idnum] = target = obj.get_object()
                pending.append(target)
            elif isinstance(obj, DictionaryObject):
                pending.extend(obj.values())
            elif isinstance(obj, ArrayObject):
                pending.extend(obj)
        contents = page.get_contents()
        form = DecodedStreamObject()
        form.set_data(contents.get_data() if contents is not None else b"")
        left, bottom, width, height = (float(v) for v in (box.left, box.bottom, box.width, box.height))
        form.update({
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(box),
            NameObject("/Matrix"): ArrayObject(FloatObject(v) for v in (
                1 / width, 0, 0, 1 / height, -left / width, -bottom / height)),
            NameObject("/Resources"): resources,
        })
        return cls(form=form.flate_encode(), objects=objects)

    def add_to(self, canv) -> None:
        """Register the figure as a form of the canvas's document (reportlab has no public call for
        adding foreign objects, hence `_doc`)."""
        doc = canv._doc
        if doc.hasForm(FIGURE_FORM):
            return
        prefix = f"{FIGURE_FORM}."
        for number, obj in self.objects.items():
            doc.Reference(BorrowedObject(obj, prefix), f"{prefix}{number}")
        doc.addForm(FIGURE_FORM, BorrowedObject(self.form, prefix))


class FigureSlot(Flowable):
    """The figure, scaled into the room left on its page, keeping its aspect and leaving room
    for the caption below. It draws a form the canvas defines as it saves (see `FigurePage`).

    The figure is laid out for its page (`document.figure_room`), so it fills the frame's
    width; one too tall for the page all the same is drawn smaller, never off the page."""

    CAPTION_GAP_PT = 12  # between the figure and its caption's first line

    def __init__(self, figure: EmbeddedFigure, caption: Flowable):
        super().__init__()
        self.figure = figure
        self.aspect = figure.aspect
        self.caption = caption
        self.hAlign = "CENTER"
        self.placed_on: int | None = None  # the page it was drawn on

    def wrap(self, availWidth, availHeight):
        caption_height = self.caption.wrap(availWidth, availHeight)[1] + self.CAPTION_GAP_PT
        room = max(availHeight - caption_height, 40)
        self.width = min(availWidth, room * self.aspect)
        self.height = self.width / self.aspect
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.transform(self.width, 0, 0, self.height, 0, 0)  # the form is the unit square
        self.canv.doForm(FIGURE_FORM)
        self.canv.restoreState()
        self.canv.figure_wanted = self.figure
        self.placed_on = self.canv.getPageNumber()
