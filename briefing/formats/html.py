"""Saved web pages: the article's main text, its title and its publication date.

The main text is what trafilatura extracts (chosen by measuring; see
scripts/make-format-fixtures.py --measure), after elements that name
themselves as page furniture (comments, cookie and consent banners,
newsletter boxes, related links, share buttons, ad slots) are pruned: sites
mark them so in their class, id, role or test ids, and trafilatura alone
keeps comment threads that are not marked up the way it knows.

An extractor keeps no offsets into the page, so the extracted text is what
quotes are matched in: each paragraph of it (a line of trafilatura's output)
is a paragraph here, separated by a blank line, and a place in it is
"paragraph N, col C" of the main text.

Title: JSON-LD `headline`, else `og:title`, else the first <h1>, else
<title>. Date: JSON-LD `datePublished`, else `article:published_time`, else
the first <time datetime>; the date as written on the page (its own time
zone), as YYYY-MM-DD.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .model import Extracted, Unreadable
from .places import PlaceMap

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
# Words sites use in class, id, role and test ids of the parts around an article.
_FURNITURE_RE = re.compile(
    r"comment|cookie|consent|gdpr|newsletter|signup|related|recommend|most-read|popular|share|social"
    r"|advert|\bad-|-ad\b|\bads?\b|adslot|ad-slot|promo|sponsor|subscribe|paywall|breadcrumb|outbrain|taboola",
    re.IGNORECASE,
)
_FURNITURE_ATTRIBUTES = ("class", "id", "role", "data-testid", "data-component", "aria-label")


def decode_html(path: Path, data: bytes) -> str | Unreadable:
    """The page's characters: BOM, then <meta charset>, then UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        declared = _CHARSET_RE.search(data[:4096])
        encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        return data.decode(encoding)
    except LookupError:
        return Unreadable("R003", f"source file {path} declares an unknown character set {encoding!r}; "
                                  "save the page again as UTF-8")
    except UnicodeDecodeError as error:
        return Unreadable("R003", f"source file {path} is not valid {encoding} (byte {error.start}); "
                                  "save the page again as UTF-8")


def _prune_furniture(tree) -> None:
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "main", "article"):
            continue
        named = " ".join(element.get(attribute, "") for attribute in _FURNITURE_ATTRIBUTES)
        if named.strip() and _FURNITURE_RE.search(named) and element.getparent() is not None:
            element.drop_tree()


def _json_ld(tree) -> list[dict]:
    found = []
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        found.extend(item for item in items if isinstance(item, dict))
    return found


def _iso_date(value) -> str | None:
    match = _ISO_DATE_RE.match(value) if isinstance(value, str) else None
    return "-".join(match.groups()) if match else None


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for element in tree.iterfind(".//meta"):
            if name in (element.get("property"), element.get("name")) and element.get("content", "").strip():
                return element.get("content").strip()
    return None


def page_title(tree, json_ld: list[dict]) -> str | None:
    for item in json_ld:
        if isinstance(item.get("headline"), str) and item["headline"].strip():
            return item["headline"].strip()
    if title := _meta(tree, "og:title"):
        return title
    for tag in (".//h1", ".//title"):
        element = tree.find(tag)
        if element is not None and element.text_content().strip():
            return " ".join(element.text_content().split())
    return None


def page_date(tree, json_ld: list[dict]) -> str | None:
    for item in json_ld:
        if date := _iso_date(item.get("datePublished")):
            return date
    if date := _iso_date(_meta(tree, "article:published_time")):
        return date
    for element in tree.iterfind(".//time[@datetime]"):
        if date := _iso_date(element.get("datetime")):
            return date
    return None


def extract_html(path: Path, data: bytes) -> Extracted | Unreadable:
    page = decode_html(path, data)
    if isinstance(page, Unreadable):
        return page
    import lxml.html  # imported only when a web page is read, like trafilatura
    import trafilatura

    try:
        tree = lxml.html.document_fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception as error:  # lxml raises ParserError, ValueError for an empty document
        return Unreadable("R003", f"source file {path} cannot be read as HTML: {error}")
    json_ld = _json_ld(tree)
    title, published = page_title(tree, json_ld), page_date(tree, json_ld)
    _prune_furniture(tree)
    main = trafilatura.extract(tree, include_comments=False, include_tables=True, deduplicate=False) or ""
    lines = [" ".join(line.split()) for line in main.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return Unreadable("R003", f"source file {path} has no main text that could be extracted; "
                                  "save the article as .txt instead")
    anchors, paragraphs, offset = [], [], 0
    for number, line in enumerate(lines, start=1):
        anchors.append((offset, number, 1, None))
        paragraphs.append((offset, offset + len(line)))
        offset += len(line) + 2
    text = "\n\n".join(lines)
    return Extracted("html", text, PlaceMap.build(text, anchors, unit="paragraph"), title, published,
                     tuple(paragraphs))
