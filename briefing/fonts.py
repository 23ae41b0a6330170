"""Fonts for the PDF brief: which TrueType files, what they can draw, and text as safe markup.

reportlab draws a box for any character its font lacks, silently. So every
piece of user text goes through `PdfFonts.runs`, which picks for each character
the main font, else the fallback font (e.g. Hangul), else shows it as a
visible `[U+XXXX]` placeholder; `font_findings` reports those characters as
F001 warnings so the analyst learns about them before a reader does.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .findings import Finding, finding
from .model import Position, Timeline

# Where fonts live on Linux and macOS; searched in this order, the first match wins.
FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
    Path("/Library/Fonts"),
)

DEFAULT_MAIN = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
DEFAULT_FALLBACK = ("NanumGothic.ttf", "NanumGothicBold.ttf")

VARIANTS = ("regular", "bold", "italic", "bold_italic")


class FontError(Exception):
    """A font file is missing or is not a TrueType font reportlab can embed."""


def find_font_file(filename: str, dirs: tuple[Path, ...] = FONT_DIRS) -> Path | None:
    """The first file called `filename` under the usual font folders, or None."""
    for folder in dirs:
        if not folder.is_dir():
            continue
        for candidate in sorted(folder.rglob(filename)):
            if candidate.is_file():
                return candidate
    return None


def _sibling(regular: Path, suffixes: tuple[str, ...]) -> Path | None:
    """A style variant next to a regular font file: DejaVuSans.ttf -> DejaVuSans-Bold.ttf."""
    stem = regular.stem
    for ending in ("-Regular", "Regular", "-Book", "-Roman"):
        if stem.endswith(ending):
            stem = stem[: -len(ending)]
            break
    for suffix in suffixes:
        for joiner in ("-", "", "_"):
            candidate = regular.with_name(f"{stem}{joiner}{suffix}{regular.suffix}")
            if candidate.is_file() and candidate != regular:
                return candidate
    return None


@dataclass(frozen=True, kw_only=True)
class FontSet:
    """The TrueType files the brief is set in.

    `fallback` draws what the main family lacks (by default NanumGothic for
    Hangul); `fallback_bold` is its bold face when there is one.
    """

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    fallback: Path | None = None
    fallback_bold: Path | None = None

    @classmethod
    def default(cls, regular: Path | None = None, fallback: Path | None = None) -> FontSet:
        """DejaVu Sans with NanumGothic as fallback, found wherever the system keeps them,
        or the user's choices instead: `regular` is a regular-weight TTF whose bold and
        italic files are looked for next to it (the regular file stands in for any that
        are missing); `fallback` likewise, for its bold."""
        for given in (regular, fallback):
            if given is not None and not Path(given).is_file():
                raise FontError(f"{given}: no such font file")
        if regular is None:
            found = [find_font_file(name) for name in DEFAULT_MAIN]
            if found[0] is None:
                raise FontError(
                    "DejaVu Sans (DejaVuSans.ttf) was not found in the system font folders; "
                    "install fonts-dejavu or name a TrueType font with --font"
                )
            main = found[0]
            bold, italic, bold_italic = (path or main for path in found[1:])
        else:
            main = Path(regular)
            bold = _sibling(main, ("Bold",)) or main
            italic = _sibling(main, ("Italic", "Oblique")) or main
            bold_italic = _sibling(main, ("BoldItalic", "BoldOblique")) or bold
        if fallback is None:
            fallback_path = find_font_file(DEFAULT_FALLBACK[0])
            fallback_bold = find_font_file(DEFAULT_FALLBACK[1]) if fallback_path else None
        else:
            fallback_path = Path(fallback)
            fallback_bold = _sibling(fallback_path, ("Bold",))
        return cls(
            regular=main, bold=bold, italic=italic, bold_italic=bold_italic,
            fallback=fallback_path, fallback_bold=fallback_bold,
        )

    def describe(self) -> str:
        """For messages: 'DejaVuSans.ttf and fallback NanumGothic.ttf'."""
        text = self.regular.name
        if self.fallback:
            text += f" and fallback {self.fallback.name}"
        return text


_CMAP_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _as_utf16(match: re.Match) -> str:
    return f"<{match.group(1)}> <{chr(int(match.group(2), 16)).encode('utf-16-be').hex().upper()}>"


class CopyableTTFont(TTFont):
    """A TrueType font whose characters beyond U+FFFF (emoji, rare CJK) can be copied and searched.

    reportlab writes their ToUnicode entries as bare code points (`<1F600>`);
    PDF wants UTF-16 (`<D83DDE00>`), so readers and text extraction drop them.
    The maps are fixed as the font's objects are added to the document, before
    it is written. (The fix leaves correct entries alone, so fixing twice is harmless.)
    """

    def addObjects(self, doc):
        super().addObjects(doc)
        for name, obj in doc.idToObject.items():
            if name.startswith("toUnicodeCMap:"):
                obj.content = _CMAP_ENTRY.sub(_as_utf16, obj.content)


def _load_font(name: str, path: Path) -> TTFont:
    try:
        return CopyableTTFont(name, str(path))
    except Exception as exc:
        raise FontError(f"{path}: not a usable TrueType font ({exc})") from exc


@dataclass(frozen=True)
class Coverage:
    """Which code points each font can draw."""

    main: dict[str, frozenset[int]]  # variant -> code points
    fallback_file: Path | None

    @classmethod
    @functools.lru_cache(maxsize=4)
    def of(cls, fonts: FontSet) -> Coverage:
        # Cached: a build asks twice (the F001 check, then the PDF) for the same files.
        main = {v: frozenset(font_face(getattr(fonts, v)).charToGlyph) for v in VARIANTS}
        return cls(main=main, fallback_file=fonts.fallback)

    @functools.cached_property
    def fallback(self) -> frozenset[int]:
        # Read only once a character is missing from the main font: a CJK fallback
        # takes longer to parse (~0.08 s) than the four main faces together, and
        # most briefs never need it.
        return frozenset(font_face(self.fallback_file).charToGlyph) if self.fallback_file else frozenset()

    def drawable(self, char: str) -> bool:
        code = ord(char)
        return code in self.main["regular"] or code in self.fallback


def _invisible(char: str) -> bool:
    """Whitespace, controls and format characters (ZWJ, variation selectors) draw nothing."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def placeholder(char: str) -> str:
    return f"[U+{ord(char):04X}]"


@dataclass(frozen=True)
class PdfFonts:
    """The fonts registered with reportlab for one brief, and what each can draw."""

    coverage: Coverage
    main_names: dict[str, str]  # variant -> registered name
    fontset: FontSet

    @functools.cached_property
    def fallback_names(self) -> dict[str, str] | None:
        """"regular"/"bold" -> registered name; registered on first use, like `Coverage.fallback`."""
        return _register_fallback(self.fontset)

    def main(self, variant: str = "regular") -> str:
        return self.main_names[variant]

    def fallback(self, variant: str = "regular") -> str:
        return self.fallback_names["bold" if variant.startswith("bold") else "regular"]

    def runs(self, text: str, variant: str = "regular") -> list[tuple[str, str]]:
        """Text cut into (font name, text) runs, each drawable by its font.

        Characters no font has become `[U+XXXX]` in the main font; invisible
        format characters a font lacks are dropped (they would draw a box).
        """
        main_name, main_codes = self.main(variant), self.coverage.main[variant]
        regular_codes = self.coverage.main["regular"]
        runs: list[tuple[str, str]] = []
        for char in text:
            code = ord(char)
            if code in main_codes:
                font, piece = main_name, char
            elif char.isspace():
                font, piece = main_name, " "
            elif code in self.coverage.fallback and self.fallback_names:
                font, piece = self.fallback(variant), char
            elif code in regular_codes:  # e.g. a symbol the bold face lacks
                font, piece = self.main("regular"), char
            elif _invisible(char):
                continue
            else:
                font, piece = main_name, placeholder(char)
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + piece)
            else:
                runs.append((font, piece))
        return runs

    def markup(self, text: str, variant: str = "regular") -> str:
        """User text as reportlab paragraph markup that shows it literally.

        Every run is XML-escaped; runs the main font cannot draw are wrapped in
        `<font name=…>`. Line breaks are soft (paragraphs are split by the caller).
        """
        main_name = self.main(variant)
        parts = []
        for font, piece in self.runs(" ".join(text.split()), variant):
            escaped = escape(piece)
            parts.append(escaped if font == main_name else f'<font name="{font}">{escaped}</font>')
        return "".join(parts)

    def width(self, text: str, size: float, variant: str = "regular") -> float:
        return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in self.runs(text, variant))

    def draw(self, canv, x: float, y: float, text: str, size: float, variant: str = "regular") -> float:
        """Draw one line on a canvas, switching fonts run by run; returns the width drawn."""
        start = x
        for font, piece in self.runs(text, variant):
            canv.setFont(font, size)
            canv.drawString(x, y, piece)
            x += pdfmetrics.stringWidth(piece, font, size)
        return x - start

    def fit(self, text: str, size: float, max_width: float, variant: str = "regular") -> str:
        """The text cut with an ellipsis so it fits in max_width."""
        text = " ".join(text.split())
        if self.width(text, size, variant) <= max_width:
            return text
        shortest, longest = 0, len(text)  # binary search for the longest prefix that fits
        while shortest < longest:
            middle = (shortest + longest + 1) // 2
            if self.width(text[:middle] + "…", size, variant) <= max_width:
                shortest = middle
            else:
                longest = middle - 1
        return text[:shortest].rstrip() + "…"


def registered_name(path: Path) -> str:
    """The name a font file is registered under in reportlab.

    reportlab's registry is process-wide and silently keeps the first font
    registered under a name, so each file gets a name of its own.
    """
    digest = hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:10]
    return f"Brief-{Path(path).stem}-{digest}"


def _register(path: Path) -> str:
    name = registered_name(path)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_load_font(name, path))
    return name


def font_face(path: Path):
    """The parsed face of a font file, registered with reportlab: each file is parsed once
    per process, whether the figure measures text with it or the brief embeds it."""
    return pdfmetrics.getFont(_register(path)).face


def register_fonts(fonts: FontSet) -> PdfFonts:
    """Register the set's main files with reportlab and map bold/italic for paragraph markup.
    The fallback files are registered when a character first needs them.

    TTFont objects keep their glyph subsets per document, so reusing them
    across briefs is safe and keeps each brief's bytes the same.
    """
    main = {variant: _register(getattr(fonts, variant)) for variant in VARIANTS}
    pdfmetrics.registerFontFamily(main["regular"], normal=main["regular"], bold=main["bold"],
                                  italic=main["italic"], boldItalic=main["bold_italic"])
    return PdfFonts(coverage=Coverage.of(fonts), main_names=main, fontset=fonts)


def _register_fallback(fonts: FontSet) -> dict[str, str] | None:
    if not fonts.fallback:
        return None
    fallback = {"regular": _register(fonts.fallback), "bold": _register(fonts.fallback_bold or fonts.fallback)}
    # The fallback has no italic: italic text in it is drawn upright.
    family = fallback["regular"]
    addMapping(family, 0, 0, fallback["regular"])
    addMapping(family, 1, 0, fallback["bold"])
    addMapping(family, 0, 1, fallback["regular"])
    addMapping(family, 1, 1, fallback["bold"])
    return fallback


# --- F001 ------------------------------------------------------------------


def user_texts(timeline: Timeline) -> Iterator[tuple[str, str, Position, str | None, str | None]]:
    """Every piece of user text the brief draws: (what it is, text, where, event id, source id)."""
    brief = timeline.brief
    for name in ("title", "subtitle", "author", "marking", "summary"):
        value = getattr(brief, name)
        if value:
            yield f"the brief's {name}", value, brief.where(name), None, None
    for number, judgement in enumerate(brief.judgements, 1):
        yield f"key judgement {number}", judgement.text, judgement.where("text"), None, None
    for actor in timeline.actors:
        yield f'the name of actor "{actor.id}"', actor.name, actor.where("name"), None, None
    for source in timeline.sources:
        for name in ("title", "publisher", "author", "url", "file"):
            value = getattr(source, name)
            if value:
                yield f'the {name} of source "{source.id}"', value, source.where(name), None, source.id
    for event in timeline.events:
        label = f'event "{event.id}"'
        for name in ("title", "summary", "place"):
            value = getattr(event, name)
            if value:
                yield f"the {name} of {label}", value, event.where(name), event.id, None
        for i, tag in enumerate(event.tags):
            yield f"a tag of {label}", tag, event.where(f"tags.{i}"), event.id, None
        if not timeline.actors:  # bare names are drawn as written
            for i, actor in enumerate(event.actors):
                yield f"an actor of {label}", actor, event.where(f"actors.{i}"), event.id, None
        for i, evidence in enumerate(event.evidence):
            where = evidence.where("quote")
            yield f"quote {i + 1} of {label}", evidence.quote, where, event.id, evidence.source


def font_findings(timeline: Timeline, fonts: FontSet, coverage: Coverage | None = None) -> list[Finding]:
    """F001 for each character of user text that neither the main nor the fallback font can draw.

    One finding per character per field, at the field's position.
    """
    coverage = coverage or Coverage.of(fonts)
    findings = []
    for what, text, where, event_id, source_id in user_texts(timeline):
        seen = set()
        for char in text:
            if char in seen or _invisible(char) or coverage.drawable(char):
                continue
            seen.add(char)
            name = unicodedata.name(char, "unnamed character")
            findings.append(finding(
                "F001",
                f"U+{ord(char):04X} {name} in {what} cannot be drawn by {fonts.describe()}; "
                f"the brief shows it as {placeholder(char)}",
                where, event=event_id, source=source_id,
            ))
    return findings
