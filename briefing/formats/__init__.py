"""Source formats: each turns a file's bytes into the text a reader sees, with a map back to the file.

The format is chosen by the file's extension (any case):

| format   | extensions         | size limit         | a place is             |
|----------|--------------------|--------------------|------------------------|
| text     | .txt and any other | 5 MiB              | line 12, col 3         |
| markdown | .md, .markdown     | 5 MiB              | line 12, col 3         |
| html     | .html, .htm        | 10 MiB             | paragraph 4, col 17    |
| pdf      | .pdf               | 50 MiB, 500 pages  | p. 3, line 14          |

A file with another extension (or none) is read as text, as before formats
existed: the content decides whether it is readable. "The text a reader
sees" for each format is said in its module (text, markdown, html, pdf) and
in the README's "Source formats". `extract` is pure: the same bytes give the
same result. `ExtractionCache` keeps results on disk by the file's SHA-256,
so an unchanged PDF or page is parsed once.

    result = extract(Path("sources/report.pdf"), data)
    if isinstance(result, Unreadable): ...            # result.code == "R003", result.message
    place = result.places.describe(offset)            # offset into result.text
    place_text(place)                                 # "p. 3, line 14"
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .html import extract_html
from .markdown import extract_markdown
from .model import Extracted, Unreadable
from .pdf import MAX_PAGES, extract_pdf
from .places import Place, PlaceMap, citation_text, place_text
from .text import extract_text

__all__ = [
    "FORMATS", "MAX_PAGES", "ExtractionCache", "Extracted", "Format", "Place", "PlaceMap", "Unreadable",
    "citation_text", "extract", "format_of", "place_text",
]

MiB = 2**20


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    max_bytes: int
    described_as: str  # in the size message: "a PDF source"
    read: Callable[[Path, bytes], Extracted | Unreadable]
    # Bump when the text or map a format gives changes, so cached results are not reused.
    version: int = 1
    library: str | None = None  # whose version also keys the cache: a new release may extract differently


TEXT = Format("text", (".txt",), 5 * MiB, "a text source", extract_text)
MARKDOWN = Format("markdown", (".md", ".markdown"), 5 * MiB, "a Markdown source", extract_markdown,
                  library="markdown-it-py")
HTML = Format("html", (".html", ".htm"), 10 * MiB, "a web page source", extract_html, library="trafilatura")
PDF = Format("pdf", (".pdf",), 50 * MiB, "a PDF source", extract_pdf, library="pypdf")
FORMATS = (TEXT, MARKDOWN, HTML, PDF)


def format_of(path: Path) -> Format:
    """The format a file is read as, by its extension; text when no format claims it."""
    suffix = path.suffix.lower()
    return next((fmt for fmt in FORMATS if suffix in fmt.suffixes), TEXT)


def extract(path: Path, data: bytes) -> Extracted | Unreadable:
    """The text a reader sees in `data`, the contents of `path` (named in messages as given)."""
    fmt = format_of(path)
    if len(data) > fmt.max_bytes:
        return Unreadable("R003", f"source file {path} is {len(data) / MiB:.1f} MiB, over the "
                                  f"{fmt.max_bytes // MiB} MiB limit for {fmt.described_as}")
    return fmt.read(path, data)


_FILE_MARK = "\x00file\x00"  # stands for the file's name in a stored message


def _to_json(result: Extracted | Unreadable, path: Path) -> dict:
    if isinstance(result, Unreadable):
        # Stored without the name, so the same bytes under another name are told of by that name.
        return {"unreadable": {"code": result.code, "message": result.message.replace(str(path), _FILE_MARK)}}
    return {"format": result.format, "text": result.text, "places": result.places.to_json(),
            "title": result.title, "published": result.published,
            "paragraphs": [list(span) for span in result.paragraphs], "pages": result.pages}


def _from_json(data: dict, path: Path) -> Extracted | Unreadable:
    if "unreadable" in data:
        stored = data["unreadable"]
        return Unreadable(stored["code"], stored["message"].replace(_FILE_MARK, str(path)))
    return Extracted(data["format"], data["text"], PlaceMap.from_json(data["text"], data["places"]),
                     data["title"], data["published"], tuple(tuple(span) for span in data["paragraphs"]),
                     data["pages"])


@lru_cache(maxsize=None)
def _library_version(library: str) -> str:
    # Reading a package's metadata costs 10 ms, more than reading a cached result: once per run.
    from importlib import metadata  # 15 ms to import: paid only when a cache is used

    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return ""


class ExtractionCache:
    """Extraction results kept as JSON files in `folder`, one per file version and format version.

    The key is the file's SHA-256, the format's name and version and the
    version of the library that extracts it, so editing the file, changing the
    extraction or upgrading the library each make a new entry. The file's
    name is not in the key: the same bytes read as the same format give the
    same text, and messages name the file as given.
    """

    def __init__(self, folder: Path, extractor: Callable[[Path, bytes], Extracted | Unreadable] = extract):
        self.folder = Path(folder)
        self._extract = extractor

    def _key(self, path: Path, data: bytes) -> str:
        fmt = format_of(path)
        library = f"-{fmt.library}{_library_version(fmt.library)}" if fmt.library else ""
        return f"{hashlib.sha256(data).hexdigest()}-{fmt.name}{fmt.version}{library}"

    def extract(self, path: Path, data: bytes) -> Extracted | Unreadable:
        """Like `extract`, reading a stored result for these bytes when there is one."""
        fmt = format_of(path)
        if fmt is TEXT or len(data) > fmt.max_bytes:
            return self._extract(path, data)  # as quick to read again as to look up; nothing to keep
        entry = self.folder / f"{self._key(path, data)}.json"
        try:
            stored = _from_json(json.loads(entry.read_text(encoding="utf-8")), path)
        except (OSError, ValueError, KeyError, TypeError):
            stored = None  # absent, or damaged (an interrupted write): extract again
        if stored is not None:
            return stored
        result = self._extract(path, data)
        self._store(entry, _to_json(result, path))
        return result

    def _store(self, entry: Path, stored: dict) -> None:
        scratch = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed, so a reader never sees half a file.
            handle, scratch = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(stored, out, ensure_ascii=False)
            os.replace(scratch, entry)
        except OSError:
            if scratch is not None:
                Path(scratch).unlink(missing_ok=True)
            # A cache that cannot be written only costs time.
