"""Which fonts the brief is set in and what they can draw: F001, without reportlab.

The check must know the fonts (a character no font has is F001 for `check`
and `build` alike), but `check` should not pay for reportlab (~50 ms to
import, and it parses every table of a font). What the check needs is only
which code points a font maps, and that is in the font's `cmap` table, read
here with `struct`. The PDF draws with the same answers (`Coverage`), so the
brief and the check can never disagree on what is drawable.
"""

from __future__ import annotations

import functools
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..findings import Finding, finding
from ..model import Position, Timeline

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


# --- what a font can draw: its cmap -----------------------------------------------------------


def _cmap_subtable(data: bytes) -> int:
    """Offset of the cmap subtable to read, chosen as reportlab chooses it (the last
    suitable entry wins), so the brief draws with what the check says it can."""
    if data[:4] == b"ttcf":
        raise FontError("a TrueType collection (.ttc) is not a single font")
    (tables,) = struct.unpack_from(">H", data, 4)
    cmap = None
    for record in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * record)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        raise FontError("it has no cmap table")
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, kind = None, 0
    for entry in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * entry)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    if chosen is None:
        raise FontError("it has no cmap subtable for Unicode")
    return cmap + chosen


def code_points(path: Path) -> frozenset[int]:
    """Every code point a TrueType file maps to a glyph (formats 4 and 12, nearly every font)."""
    try:
        data = Path(path).read_bytes()
        at = _cmap_subtable(data)
        (form,) = struct.unpack_from(">H", data, at)
        mapped: set[int] = set()
        if form == 4:
            (doubled,) = struct.unpack_from(">H", data, at + 6)
            segments = doubled // 2
            ends = struct.unpack_from(f">{segments}H", data, at + 14)
            starts = struct.unpack_from(f">{segments}H", data, at + 16 + doubled)
            for start, end in zip(starts, ends):
                mapped.update(range(start, end + 1))
        elif form == 12:
            (groups,) = struct.unpack_from(">I", data, at + 12)
            for group in range(groups):
                start, end, _ = struct.unpack_from(">III", data, at + 16 + 12 * group)
                mapped.update(range(start, end + 1))
        else:  # formats 0, 2, 6, 10, 13: rare; reportlab reads them all
            return _code_points_by_reportlab(path)
    except (OSError, struct.error, FontError) as error:
        raise FontError(f"{path}: not a usable TrueType font ({error})") from error
    # reportlab draws a no-break space with the space's glyph, and the other way round.
    if 0x20 in mapped or 0xA0 in mapped:
        mapped.update((0x20, 0xA0))
    return frozenset(mapped)


def _code_points_by_reportlab(path: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        return frozenset(TTFontFile(str(path)).charToGlyph)
    except Exception as error:  # reportlab raises TTFError, ValueError and more on a bad file
        raise FontError(str(error)) from error


@dataclass(frozen=True)
class Coverage:
    """Which code points each font of a set can draw; each file read only when asked."""

    fonts: FontSet

    @classmethod
    @functools.lru_cache(maxsize=4)
    def of(cls, fonts: FontSet) -> Coverage:
        # Cached: a build asks twice (the F001 check, then the PDF) for the same files.
        return cls(fonts)

    @functools.cached_property
    def main(self) -> dict[str, frozenset[int]]:
        """variant -> code points (the PDF needs all four; the check only the regular face)."""
        return {variant: self.regular if variant == "regular" else code_points(getattr(self.fonts, variant))
                for variant in VARIANTS}

    @functools.cached_property
    def regular(self) -> frozenset[int]:
        return code_points(self.fonts.regular)

    @functools.cached_property
    def fallback(self) -> frozenset[int]:
        # Read only once a character is missing from the main font: most briefs never need it.
        return code_points(self.fonts.fallback) if self.fonts.fallback else frozenset()

    def drawable(self, char: str) -> bool:
        code = ord(char)
        return code in self.regular or code in self.fallback


def invisible(char: str) -> bool:
    """Whitespace, controls and format characters (ZWJ, variation selectors) draw nothing."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def placeholder(char: str) -> str:
    return f"[U+{ord(char):04X}]"


# --- F001 ------------------------------------------------------------------


def user_texts(timeline: Timeline) -> Iterator[tuple[str, str, Position, dict]]:
    """Every piece of user text the brief draws: (what it is, text, where, the item it belongs to
    as `finding` keywords: event, source or judgement)."""
    brief = timeline.brief
    for name in ("title", "subtitle", "author", "marking", "summary"):
        value = getattr(brief, name)
        if value:
            yield f"the brief's {name}", value, brief.where(name), {}
    for number, judgement in enumerate(brief.judgements, 1):
        yield f"key judgement {number}", judgement.text, judgement.where("text"), {"judgement": number}
    for actor in timeline.actors:
        yield f'the name of actor "{actor.id}"', actor.name, actor.where("name"), {}
    for source in timeline.sources:
        for name in ("title", "publisher", "author", "url", "file"):
            value = getattr(source, name)
            if value:
                yield f'the {name} of source "{source.id}"', value, source.where(name), {"source": source.id}
    for event in timeline.events:
        label = f'event "{event.id}"'
        for name in ("title", "summary", "place"):
            value = getattr(event, name)
            if value:
                yield f"the {name} of {label}", value, event.where(name), {"event": event.id}
        for i, tag in enumerate(event.tags):
            yield f"a tag of {label}", tag, event.where(f"tags.{i}"), {"event": event.id}
        if not timeline.actors:  # bare names are drawn as written
            for i, actor in enumerate(event.actors):
                yield f"an actor of {label}", actor, event.where(f"actors.{i}"), {"event": event.id}
        for i, evidence in enumerate(event.evidence):
            where = evidence.where("quote")
            yield f"quote {i + 1} of {label}", evidence.quote, where, {"event": event.id, "source": evidence.source}


def figure_fontset() -> FontSet:
    """The fonts the figure is drawn in: its FONT_FAMILY names DejaVu Sans then NanumGothic for
    Chromium whatever `--font` the brief is set in, so the check measures the figure against these."""
    return FontSet.default()


def figure_texts(timeline: Timeline) -> Iterator[tuple[str, Position]]:
    """The user text the figure draws (the hover text never reaches the export): event titles, lane tags."""
    for event in timeline.events:
        yield event.title, event.where("title")
        if event.tags:
            yield event.tags[0], event.where("tags.0")


def right_to_left(text: str) -> bool:
    """Hebrew, Arabic and the other right-to-left scripts, which the PDF sets in the wrong order."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def font_findings(timeline: Timeline, fonts: FontSet, coverage: Coverage | None = None,
                  figure: Coverage | None = None) -> list[Finding]:
    """F001 for each character of user text that neither the main nor the fallback font can draw,
    in the brief or (for the text the figure draws) in the figure; F002 for right-to-left text.

    One finding per character per field, at the field's position.
    """
    coverage = coverage or Coverage.of(fonts)
    if figure is None:
        try:
            figure = Coverage.of(figure_fontset())
        except FontError:
            figure = coverage
    in_figure = {(text, where.line, where.column) for text, where in figure_texts(timeline) if where}
    # Most text is printable ASCII: when the fonts draw all of it, such text needs no look at each character.
    ascii_drawn = all(code in coverage.regular and code in figure.regular for code in range(0x20, 0x7F))
    findings = []
    for what, text, where, item in user_texts(timeline):
        if ascii_drawn and text.isascii() and text.isprintable():
            continue
        drawn_in_figure = where is not None and (text, where.line, where.column) in in_figure
        if right_to_left(text):
            findings.append(finding(
                "F002",
                f"{what} has right-to-left text, which the PDF cannot set in reading order: its letters "
                "would print reversed and unjoined; write it in a left-to-right script (a transliteration), "
                "or accept F002 if the reader does not need it",
                where, **item,
            ))
        for char in dict.fromkeys(text):  # each character once, in order
            if invisible(char):
                continue
            in_brief = coverage.drawable(char)
            in_fig = not drawn_in_figure or figure.drawable(char)
            if in_brief and in_fig:
                continue
            name = unicodedata.name(char, "unnamed character")
            if not in_brief and not in_fig:
                drawn_by, shown = fonts.describe(), "the brief and its figure show it"
            elif in_brief:
                drawn_by, shown = f"the figure's fonts ({figure.fonts.describe()})", "the figure shows it"
            else:
                drawn_by, shown = fonts.describe(), "the brief shows it"
            findings.append(finding(
                "F001",
                f"U+{ord(char):04X} {name} in {what} cannot be drawn by {drawn_by}; {shown} as {placeholder(char)}",
                where, **item,
            ))
    return findings
