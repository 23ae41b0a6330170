"""Load: timeline.yaml -> Timeline, with every value's line and column.

The file is parsed with PyYAML's safe composer only (nodes, never Python
objects), then read against a small field spec per kind of mapping. Every
problem is collected, so one run reports them all.
"""

from __future__ import annotations

import calendar
import codecs
import dataclasses
import datetime as dt
import difflib
import email.utils
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import Finding, finding
from .model import (
    CONFIDENCE_LEVELS, CREDIBILITY_GRADES, MONTH_NAMES, RELIABILITY_GRADES, SIGNIFICANCE_LEVELS, SOURCE_KINDS,
    Actor, Brief, EmailSettings, Event, Evidence, Judgement, PartialDate, Position, Source, Timeline, paragraphs,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
CODE_PATTERN = re.compile(r"[A-Z][0-9]{3}")  # a finding code, as `accept` names them
DATE_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
YAML_TAG = "tag:yaml.org,2002:"
# Tags the safe resolver gives plain values; anything else (`!!python/…`, `!x`) is refused.
# libyaml's composer gives the same nodes and marks at twice the speed; the
# pure-Python one stands in where PyYAML was built without libyaml.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where PyYAML and libyaml count a new line (their marks' `line`), and nowhere else.
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
PLAIN_TAGS = {YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


@dataclass(frozen=True)
class Field:
    """How one field is read, and what it means (`doc`, for the JSON Schema and its readers).

    kind: text, id, ref (an id of something else), date (any precision), day (a full
    date), choice, address (an email address), accept (warning code -> reason), record.
    """

    kind: str
    doc: str
    required: bool = False
    many: bool = False  # a list of such values
    choices: tuple = ()
    spec: Spec | None = None  # for records
    plain_date: bool = False  # a day held as datetime.date in the model, not as a PartialDate
    prose: bool = False  # text in paragraphs: kept apart by "\n\n" whatever the YAML style
    max_length: int | None = None  # characters; None: the kind's default, LIMITS

    @property
    def limit(self) -> int:
        return self.max_length or LIMITS["prose" if self.prose else self.kind]


@dataclass(frozen=True)
class Spec:
    noun: str  # for messages: "event", "source", …
    model: type
    doc: str
    fields: dict[str, Field]


# The most characters a value may hold, chosen so that a real brief never comes
# near (the seed's longest summary is 1,300 characters, its longest title 100)
# while a pasted article or a megabyte title is refused before it is laid out.
# A one-line text is a title, a name, a place; prose is a summary or a judgement.
LIMITS = {"text": 300, "prose": 10_000, "id": 100, "ref": 100, "address": 320,
          "date": 20, "day": 20, "choice": 20}
QUOTE_LIMIT, FILE_LIMIT, URL_LIMIT = 10_000, 1_000, 2_000
# Dates the brief and the figure can draw; outside this the figure's axis overflows.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def text(doc: str, **options) -> Field:
    return Field("text", doc, **options)


def prose(doc: str, **options) -> Field:
    return Field("text", doc, prose=True, **options)


def accept(noun: str) -> Field:
    return Field("accept", f"Warnings on this {noun} that the analyst accepts: a finding code (such as D001) "
                 "mapped to the reason. They are still reported, marked accepted, and never change the exit status.")


JUDGEMENT = Spec("judgement", Judgement, "A key judgement of the brief.", {
    "text": prose("The judgement, as the brief prints it.", required=True),
    "confidence": Field("choice", "How confident the analyst is in the judgement.", required=True,
                        choices=CONFIDENCE_LEVELS),
    "basis": prose("Why this confidence; printed with the judgement."),
    "events": Field("ref", "Ids of the events that support the judgement.", many=True),
    "accept": accept("judgement"),
})
EMAIL = Spec("`email`", EmailSettings, "The email draft written beside the brief.", {
    "to": Field("address", "Addresses for the To line.", many=True),
    "cc": Field("address", "Addresses for the Cc line.", many=True),
    "subject": text("The subject; by default built from the title and as_of."),
})
BRIEF = Spec("`brief`", Brief, "What the brief says on its cover and in its bottom line.", {
    "title": text("The brief's title.", required=True),
    "subtitle": text("A line under the title."),
    "author": text("The person or team that wrote the brief."),
    "as_of": Field("day", "The information cut-off, YYYY-MM-DD; the brief's date.", required=True, plain_date=True),
    "marking": text("A banner printed at the top and bottom of every page, e.g. UNCLASSIFIED // FOR TRAINING."),
    "summary": prose("The bottom line up front, one to three paragraphs; a blank line separates paragraphs.",
                     required=True),
    "scope": prose("What the brief covers and what it leaves out."),
    "assumptions": prose("Key assumptions the judgements rest on.", many=True),
    "indicators": prose("Developments that would change the judgements.", many=True),
    "judgements": Field("record", "The key judgements.", many=True, spec=JUDGEMENT),
    "email": Field("record", "Settings of the email draft written beside the brief.", spec=EMAIL),
})
ACTOR = Spec("actor", Actor, "Someone the events are about: a lane in the figure, a name the check looks for.", {
    "id": Field("id", "Unique id: lowercase letters, digits and hyphens.", required=True),
    "name": text("The name readers see.", required=True),
    "aliases": text("Other ways the sources name this actor.", many=True),
})
SOURCE = Spec("source", Source, "A source document: a file in the timeline's folder.", {
    "id": Field("id", "Unique id: lowercase letters, digits and hyphens.", required=True),
    "file": text("Path of the source file, relative to the timeline file's folder and inside it.",
                 required=True, max_length=FILE_LIMIT),
    "title": text("The source's title.", required=True),
    "publisher": text("Who published it."),
    "author": text("Who wrote it."),
    "published": Field("date", "When it was published: YYYY-MM-DD, YYYY-MM or YYYY."),
    "retrieved": Field("day", "When the analyst saved the copy, YYYY-MM-DD."),
    "url": text("Where it was published.", max_length=URL_LIMIT),
    "reliability": Field("choice", "Admiralty source reliability, A (completely reliable) to F (cannot be judged).",
                         choices=RELIABILITY_GRADES),
    "kind": Field("choice", "What kind of source it is; the brief's source summary counts each kind.",
                  choices=SOURCE_KINDS),
    "accept": accept("source"),
})
EVIDENCE = Spec("evidence", Evidence, "A verbatim excerpt of a source that supports the event.", {
    "source": Field("ref", "The id of the source quoted.", required=True),
    "quote": text('A verbatim excerpt of that source; "..." or "…" marks an omission.', required=True,
                  max_length=QUOTE_LIMIT),
    "credibility": Field("choice", "Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged).",
                         choices=CREDIBILITY_GRADES),
})
EVENT = Spec("event", Event, "One event of the chronology.", {
    "id": Field("id", "Unique id: lowercase letters, digits and hyphens.", required=True),
    "date": Field("date", "When it happened: YYYY-MM-DD, YYYY-MM or YYYY (the precision is kept).", required=True),
    "end": Field("date", "When it ended, in the same forms; not before date."),
    "title": text("One line; it labels the figure.", required=True),
    "summary": prose("The analyst's account of the event.", required=True),
    # Actor ids when the registry exists, else free names: resolved once everything is read.
    "actors": Field("ref", "Actor ids when the file has `actors`, else names.", many=True),
    "place": text("Where it happened."),
    "tags": text("Free tags.", many=True),
    "significance": Field("choice", "How much it matters (default medium).", choices=SIGNIFICANCE_LEVELS),
    "accept": accept("event"),
    "evidence": Field("record", "The excerpts of sources that support the event; at least one.", required=True,
                      many=True, spec=EVIDENCE),
})
TIMELINE = Spec("the file", Timeline, "An analyst's timeline: the one file a brief is built from.", {
    "brief": Field("record", "The brief's cover and bottom line.", required=True, spec=BRIEF),
    "actors": Field("record", "Optional registry of actors.", many=True, spec=ACTOR),
    "sources": Field("record", "The source documents; at least one.", required=True, many=True, spec=SOURCE),
    "events": Field("record", "The events; at least one.", required=True, many=True, spec=EVENT),
})


@dataclass
class Record:
    """One mapping as read: its usable values by field name, and where each value was written."""

    spec: Spec
    label: str  # names it in messages: "event `talks-open`", "evidence 2 of event `talks-open`"
    at: Position
    values: dict = field(default_factory=dict)
    field_at: dict[str, Position] = field(default_factory=dict)
    event: str | None = None  # ids for the findings' `event` and `source`
    source: str | None = None
    keys: frozenset[str] = frozenset()  # every key written in the mapping, read or not

    def items(self, name: str) -> list[Record]:
        return self.values.get(name, [])


class BadValue(Exception):
    """A value has the wrong form; the message completes "`field` of item …"."""


def load_timeline(path: Path) -> tuple[Timeline | None, list[Finding]]:
    """Read and validate a timeline file; the Timeline is None when anything is wrong."""
    reader = Reader(str(path))
    top = reader.read_file(Path(path))
    if top is not None:
        cross_check(top, reader)
    findings = sorted(set(reader.findings), key=lambda f: (f.sort_key, f.message))
    if findings or top is None:
        return None, findings
    return dataclasses.replace(build(top, Path(path)), sha256=reader.sha256), []


class Reader:
    """Turns the YAML node tree into Records, collecting findings on the way."""

    def __init__(self, file: str):
        self.file = file
        self.findings: list[Finding] = []
        self.sha256 = ""  # of the file's bytes, once read
        self.lines: list[str] = []  # the file's text, split where YAML counts lines

    def pos(self, node: Node) -> Position:
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def report(self, code: str, message: str, at: Position, record: Record | None = None) -> None:
        event, source = (record.event, record.source) if record else (None, None)
        self.findings.append(finding(code, message, at, event=event, source=source))

    def read_file(self, path: Path) -> Record | None:
        start = Position(self.file, 1, 1)
        data = read_bytes(path)
        if isinstance(data, str):
            self.report("Y001", data, start)
            return None
        # The brief's fingerprint is of these very bytes, not of the file read again later.
        self.sha256 = hashlib.sha256(data).hexdigest()
        if encoding := utf16_encoding(data):
            self.report("Y001", f"the file is not UTF-8: it looks like {encoding}; save it as UTF-8", start)
            return None
        if b"\0" in data:
            at = position_in(data[: data.index(b"\0")].decode("utf-8", errors="replace"), self.file)
            self.report("Y001", "the file is binary (it contains a NUL byte), not a timeline; check the path", at)
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            at = position_in(data[: error.start].decode("utf-8", errors="replace"), self.file)
            self.report("Y001", f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8", at)
            return None
        self.lines = YAML_LINE_BREAK.split(text)
        root = self.compose(text)
        if root is None:
            return None
        shared = self.check_nodes(root)
        if not isinstance(root, MappingNode):
            self.report("S003", "the top level must be a mapping with `brief`, `sources` and `events`; "
                        f"got {describe(root)}", self.pos(root))
            return None
        if shared and (problem := alias_problem(root)):
            self.report("Y001", problem[0], self.pos(problem[1]))
            return None
        return self.read_mapping(root, TIMELINE, TIMELINE.noun)

    def compose(self, text: str) -> Node | None:
        """The node tree, or None once the reason is reported (Y001, or S001 for an empty file)."""
        start = Position(self.file, 1, 1)
        too_deep = (f"the file is nested more than {MAX_DEPTH} levels deep, too deep to be a timeline; "
                    "check its brackets and indentation")
        try:
            root = yaml.compose(text, Loader=FAST_SAFE_LOADER)
        except RecursionError:
            self.report("Y001", too_deep, start)
            return None
        except yaml.YAMLError as fast_error:
            if "maximum nesting depth" in str(fast_error):  # libyaml's own limit, MAX_DEPTH
                mark = fast_error.problem_mark
                self.report("Y001", too_deep, Position(self.file, mark.line + 1, mark.column + 1))
                return None
            # The pure-Python composer's messages are the ones yaml_problem explains. It
            # recurses once per level, so a deep file may exhaust Python's stack instead.
            try:
                root = yaml.compose(text, Loader=yaml.SafeLoader)
            except yaml.YAMLError as error:
                self.report("Y001", *yaml_problem(error, text, self.file))
                return None
            except RecursionError:
                self.report("Y001", *yaml_problem(fast_error, text, self.file))
                return None
        if root is None:
            self.report("S001", "the file is empty; a timeline needs `brief`, `sources` and `events`", start)
        return root

    def check_nodes(self, root: Node) -> bool:
        """Repeated keys (Y002), non-plain keys and tags (S003), anywhere in the tree.

        True when some node is reached twice: aliases share nodes, and may even loop.
        """
        stack, seen, shared = [root], set(), False
        while stack:
            node = stack.pop()
            if id(node) in seen:
                shared = True
                continue
            seen.add(id(node))
            if node.tag not in PLAIN_TAGS:
                self.report("S003", tag_message(node.tag), self.pos(node))
            if isinstance(node, SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, MappingNode):
                first_line: dict[str, int] = {}
                for key, value in node.value:
                    stack.append(value)
                    if not isinstance(key, ScalarNode):
                        self.report("S003", f"a key must be a plain name; got {describe(key)}", self.pos(key))
                    elif key.value in first_line:
                        self.report("Y002", f"key `{key.value}` is written twice in this mapping (first on line "
                                    f"{first_line[key.value]}); keep one of them", self.pos(key))
                    else:
                        first_line[key.value] = key.start_mark.line + 1
                        stack.append(key)
        return shared

    def read_mapping(self, node: MappingNode, spec: Spec, label: str, parent: Record | None = None) -> Record:
        record = Record(spec, label, self.pos(node), event=parent.event if parent else None)
        if spec is EVENT:
            record.event = peek(node, "id")
        record.source = peek(node, "id") if spec is SOURCE else peek(node, "source") if spec is EVIDENCE else None
        record.keys = frozenset(key.value for key, _ in node.value if isinstance(key, ScalarNode))
        seen = set()
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag not in PLAIN_TAGS or key.value in seen:
                continue  # reported by check_nodes
            name = key.value
            seen.add(name)
            if name not in spec.fields:
                hint = (len(name) <= LIMITS["id"] and did_you_mean(name, spec.fields)
                        or f"remove it (known fields: {', '.join(spec.fields)})")
                where = "at the top level" if spec is TIMELINE else f"in {label}"
                self.report("S002", f"unknown field `{short(name)}` {where}; {hint}", self.pos(key), record)
                continue
            record.field_at[name] = self.pos(value)
            result = self.read_value(value, name, spec.fields[name], record)
            if result is not None:
                record.values[name] = result
        for name, rule in spec.fields.items():
            if rule.required and name not in seen:
                self.report("S001", f"{label} has no `{name}`; add {example(name, rule)}", record.at, record)
        return record

    def read_value(self, node: Node, name: str, rule: Field, record: Record):
        """The field's value, or None when it is absent or wrong (and then reported)."""
        if node.tag not in PLAIN_TAGS:
            return None  # reported by check_nodes
        if is_blank(node):
            if rule.required:
                self.report("S003", f"`{name}` of {record.label} is empty; write {example(name, rule)}",
                            self.pos(node), record)
            return None
        if rule.kind == "accept":
            return self.read_accept(node, name, record)
        if not rule.many:
            label = rule.spec.noun if rule.kind == "record" else f"`{name}` of {record.label}"
            return self.read_one(node, label, rule, record)
        if not isinstance(node, SequenceNode):
            single = node.value if isinstance(node, ScalarNode) else "…"
            self.report("S003", f"`{name}` of {record.label} must be a list; got {describe(node)} — write "
                        f"`{name}: [{single}]` or one `- ` line per item", self.pos(node), record)
            return None
        values = []
        for index, item in enumerate(node.value):
            record.field_at[f"{name}.{index}"] = self.pos(item)
            label = f"item {index + 1} of `{name}` in {record.label}"
            if rule.kind == "record":
                item_id = peek(item, "id")
                label = f"{rule.spec.noun} `{item_id}`" if item_id else f"{rule.spec.noun} {index + 1}"
                if "id" in record.spec.fields:  # evidence is named after its event
                    label += f" of {record.label}"
            value = self.read_one(item, label, rule, record) if item.tag in PLAIN_TAGS else None
            if value is not None:
                values.append(value)
        return values

    def read_accept(self, node: Node, name: str, record: Record) -> dict[str, str] | None:
        """`accept: {CODE: reason}`; each entry's place is kept as `accept.CODE`."""
        if not isinstance(node, MappingNode):
            self.report("S003", f"`{name}` of {record.label} must map warning codes to reasons, e.g. "
                        f'`{name}: {{D001: "only the month is reported"}}`; got {describe(node)}',
                        self.pos(node), record)
            return None
        accepted = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag not in PLAIN_TAGS:
                continue  # reported by check_nodes
            code = key.value.strip()
            if not CODE_PATTERN.fullmatch(code):
                hint = f"; did you mean `{code.upper()}`?" if CODE_PATTERN.fullmatch(code.upper()) else ""
                self.report("S003", f"`{name}` of {record.label} names `{short(code)}`, which is not a finding code "
                            f"(a capital letter and three digits, such as D001){hint}", self.pos(key), record)
                continue
            if code in accepted:
                continue  # Y002, reported by check_nodes
            if is_blank(value) or not isinstance(value, ScalarNode) or value.tag != YAML_TAG + "str":
                got = "no reason" if is_blank(value) else describe(value)
                self.report("S003", f"`{name}` of {record.label} accepts {code} with {got}; write the reason "
                            f'as text, e.g. `{code}: "only the month is reported"`',
                            self.pos(key if is_blank(value) else value), record)
                continue
            record.field_at[f"{name}.{code}"] = self.pos(key)
            accepted[code] = value.value.strip()
        return accepted

    def read_one(self, node: Node, label: str, rule: Field, parent: Record):
        if rule.kind == "record":
            if isinstance(node, MappingNode):
                return self.read_mapping(node, rule.spec, label, parent)
            needed = ", ".join(f"`{name}`" for name, f in rule.spec.fields.items() if f.required)
            self.report("S003", f"{label} must be a mapping with {needed}; got {describe(node)}",
                        self.pos(node), parent)
            return None
        if is_blank(node):
            self.report("S003", f"{label} is empty; write a value or remove it", self.pos(node), parent)
            return None
        if isinstance(node, ScalarNode) and len(node.value) > rule.limit:
            self.report("S003", f"{label} is {len(node.value):,} characters long, over the limit of "
                        f"{rule.limit:,} for this field; shorten it", self.pos(node), parent)
            return None
        try:
            value = SCALAR_READERS[rule.kind](node, rule)
        except BadValue as problem:
            self.report("S003", f"{label} {problem}", self.pos(node), parent)
            return None
        if node.style in ("|", ">") and (slip := self.field_in_block(node, parent)):
            field_name, line, column = slip
            self.report("S003", f"{label} ends in `{field_name}: …`, a field of {parent.spec.noun} indented into "
                        f"the text; un-indent `{field_name}:` to line up with the other fields",
                        Position(self.file, line, column), parent)
            return None
        return self.prose(node) if rule.prose else value

    def field_in_block(self, node: ScalarNode, record: Record) -> tuple[str, int, int] | None:
        """A field of the record written as the block's last line (`credibility: 2` under a `quote: |`).

        Indented one step too far, such a line silently becomes part of the
        text. Only a field the record does not set otherwise counts: a quote may
        end in "Note: …" of its own.
        """
        last = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
        for index in range(last - 1, node.start_mark.line, -1):
            line = self.lines[index]
            if not line.strip():
                continue
            match = FIELD_LINE.match(line)
            name = match.group(3) if match and not match.group(2) else None
            if name in record.spec.fields and name not in record.keys:
                return name, index + 1, len(match.group(1)) + 1
            return None
        return None

    def prose(self, node: ScalarNode) -> str:
        """Paragraphs of a text value, joined by "\n\n", each one line.

        A blank line separates paragraphs in every style. YAML itself does not
        keep them apart: the folded style (`>`) turns one blank line into a
        single "\n", the same as a more-indented line. So block scalars are
        read again from their lines in the file (they have no escapes, so the
        lines are the text); flow scalars (plain or quoted) fold every blank
        line into "\n" and keep no other line break, so each "\n" there
        separates paragraphs.
        """
        if node.style in ("|", ">"):
            last = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
            text = "\n".join(self.lines[node.start_mark.line + 1:last])  # the first line holds `>` or `|`
        else:
            text = node.value.replace("\n", "\n\n")
        return "\n\n".join(paragraphs(text))


# --- single values: each reader returns the value or raises BadValue ---

def raw_scalar(node: Node, rule: Field) -> str:
    """The text as written: dates, numbers and ids are read from it, whatever type YAML guessed."""
    if not isinstance(node, ScalarNode):
        raise BadValue(f"must be a single value; got {describe(node)}")
    return node.value.strip()


def read_text(node: Node, rule: Field) -> str:
    if not isinstance(node, ScalarNode):
        raise BadValue(f"must be text; got {describe(node)}")
    if node.tag != YAML_TAG + "str":
        raise BadValue(f'must be text; got {describe(node)} — put it in quotes: "{node.value}"')
    return node.value


def read_id(node: Node, rule: Field) -> str:
    text = raw_scalar(node, rule)
    if not ID_PATTERN.fullmatch(text):
        slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        hint = f" — try `{slug}`" if slug else ""
        raise BadValue(f"must be lowercase letters, digits and hyphens, starting with a letter or digit; "
                       f"got `{text}`{hint}")
    return text


def read_date(node: Node, rule: Field) -> PartialDate | dt.date:
    text = raw_scalar(node, rule)
    forms = "a full date YYYY-MM-DD" if rule.kind == "day" else "YYYY-MM-DD, YYYY-MM or YYYY"
    match = DATE_PATTERN.fullmatch(text)
    if not match:
        short = re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text)
        hint = " (write the month and day with two digits, e.g. 2023-07-05)" if short else ""
        raise BadValue(f"must be {forms}; got {text}{hint}")
    year, month, day = (int(part) if part else None for part in match.groups())
    problem = None
    if rule.kind == "day" and day is None:
        problem = "give the day as well"
    elif year == 0:
        problem = "there is no year 0"
    elif month is not None and not 1 <= month <= 12:
        problem = f"there is no month {month}"
    elif day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        problem = f"{MONTH_NAMES[month - 1]} has {calendar.monthrange(year, month)[1]} days in {year}"
    elif not EARLIEST_YEAR <= year <= LATEST_YEAR:
        problem = f"the brief and its figure can show years {EARLIEST_YEAR} to {LATEST_YEAR} only"
    if problem:
        raise BadValue(f"must be {forms}; got {text} ({problem})")
    date = PartialDate(year, month, day)
    return date.first_day if rule.plain_date else date


def read_choice(node: Node, rule: Field):
    text = raw_scalar(node, rule)
    options = {str(choice): choice for choice in rule.choices}
    if text in options:
        return options[text]
    same_but_case = [name for name in options if name.lower() == text.lower()]
    hint = f"; did you mean `{same_but_case[0]}`?" if same_but_case else did_you_mean(text, options, "; ") or ""
    raise BadValue(f"must be one of {', '.join(options)}; got `{text}`{hint}")


def read_address(node: Node, rule: Field) -> str:
    text = read_text(node, rule).strip()
    _, address = email.utils.parseaddr(text)
    local, at, domain = address.rpartition("@")
    if not (local and at and domain) or any(c.isspace() for c in address):
        raise BadValue(f"must be an email address, such as desk@example.org or `Desk B <desk@example.org>`; "
                       f"got `{text}`")
    return text


SCALAR_READERS = {
    "text": read_text, "id": read_id, "ref": raw_scalar,
    "date": read_date, "day": read_date, "choice": read_choice, "address": read_address,
}


# --- across items: ids, references, date ranges ---

def cross_check(top: Record, reader: Reader) -> None:
    ids = {name: unique_ids(top.items(name), reader) for name in ("actors", "sources", "events")}
    id_by_name = {name.lower(): actor.values["id"] for actor in top.items("actors") if "id" in actor.values
                  for name in (actor.values.get("name", ""), *actor.values.get("aliases", ()))}
    brief = top.values.get("brief")
    for judgement in brief.items("judgements") if brief else []:
        check_refs(judgement, "events", ids["events"], "event", reader)
    for event in top.items("events"):
        if ids["actors"]:  # without a registry, actors are free names
            check_refs(event, "actors", ids["actors"], "actor", reader, id_by_name)
        for evidence in event.items("evidence"):
            check_refs(evidence, "source", ids["sources"], "source", reader)
        start, end = event.values.get("date"), event.values.get("end")
        if start and end and end.last_day < start.first_day:
            reader.report("S006", f"`end` of {event.label} ({end.iso()}) is before its `date` ({start.iso()}); "
                          "swap them or correct one", event.field_at["end"], event)


def unique_ids(records: list[Record], reader: Reader) -> dict[str, Record]:
    """The records by id; S004 for each id already taken."""
    first: dict[str, Record] = {}
    for record in records:
        item_id = record.values.get("id")
        if item_id in first:
            noun = record.spec.noun
            reader.report("S004", f"{noun} id `{item_id}` is used twice (first on line {first[item_id].at.line}); "
                          f"give each {noun} its own id", record.field_at["id"], record)
        elif item_id is not None:
            first[item_id] = record
    return first


def check_refs(record: Record, name: str, known: dict, noun: str, reader: Reader,
               id_by_name: dict[str, str] | None = None) -> None:
    """S005 for each id in the field `name` that is not among the `known` ids of that noun."""
    refs, id_by_name = record.values.get(name), id_by_name or {}
    for index, ref in enumerate([refs] if isinstance(refs, str) else refs or []):
        if ref in known:
            continue
        if ref.lower() in id_by_name:
            hint = f"; did you mean `{id_by_name[ref.lower()]}` (use the id, not the name)?"
        else:
            hint = did_you_mean(ref, known, "; ") or f"; add it to `{noun}s` or correct the id"
        at = record.field_at[name if isinstance(refs, str) else f"{name}.{index}"]
        reader.report("S005", f"{record.label} names {noun} `{ref}`, which is not in `{noun}s`{hint}", at, record)


def build(record: Record, path: Path):
    """The model object for a Record that was read without findings."""
    kwargs = {}
    for name, value in record.values.items():
        rule = record.spec.fields[name]
        if rule.kind == "record":
            value = tuple(build(item, path) for item in value) if rule.many else build(value, path)
        elif rule.many:
            value = tuple(value)
        kwargs[name] = value
    if record.spec is TIMELINE:
        return Timeline(path=path, **kwargs)
    return record.spec.model(at=record.at, field_at=record.field_at, **kwargs)


# --- reading the file: the limits that keep a hostile or mistaken file from hanging the tool ---

MAX_TIMELINE_BYTES = 5 * 1024 * 1024  # as for a source; the seed timeline is about 40 KB
# libyaml refuses deeper nesting itself; a timeline needs about seven levels.
MAX_DEPTH = 1000
# Nodes that aliases (`*name`) may add to the tree beyond those written out. A
# timeline needs few or none; without a budget, a 7 KB file of nested aliases
# ("billion laughs") expands to a billion nodes.
ALIAS_BUDGET = 10_000


def read_bytes(path: Path) -> bytes | str:
    """The file's bytes, or why they cannot be read (a message for Y001).

    The same rules as for a source: a regular file of at most MAX_TIMELINE_BYTES.
    It is opened without blocking and checked once open, so a FIFO or a device
    given as the timeline is refused instead of hanging or filling memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return f"cannot read the timeline file ({error.strerror or error}); check the path"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            return f"the timeline {path} is {kind}; give the path of a timeline file"
        chunks, size = [], 0
        while size <= MAX_TIMELINE_BYTES and (chunk := os.read(fd, MAX_TIMELINE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except OSError as error:
        return f"cannot read the timeline file ({error.strerror or error}); check the path"
    finally:
        os.close(fd)
    if len(data) > MAX_TIMELINE_BYTES:
        return (f"the timeline file is over the {MAX_TIMELINE_BYTES // 2**20} MiB limit; a timeline names its "
                "sources' files rather than holding their text")
    return data


def utf16_encoding(data: bytes) -> str | None:
    """"UTF-16" (with its byte order) when the bytes look like UTF-16 text, with or without a byte-order mark."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "UTF-16 (it starts with a UTF-16 byte-order mark)"
    head = data[:4096]
    if len(head) < 2:
        return None
    # Mostly-ASCII text in UTF-16 has a NUL in every other byte; UTF-8 text has none.
    zeros_even, zeros_odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if zeros_odd > 0.4 * half and zeros_even < 0.1 * half:
        return "UTF-16 (little-endian, without a byte-order mark)"
    if zeros_even > 0.4 * half and zeros_odd < 0.1 * half:
        return "UTF-16 (big-endian, without a byte-order mark)"
    return None


def alias_problem(root: Node) -> tuple[str, Node] | None:
    """A message and the node to blame when aliases expand beyond ALIAS_BUDGET, or loop.

    Each distinct node is sized once (the number of nodes its expansion holds),
    so the cost is that of the file as written, never that of its expansion.
    """
    size: dict[int, int] = {}
    uses: dict[int, int] = {}
    nodes: dict[int, Node] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        children = [n for pair in node.value for n in pair] if isinstance(node, MappingNode) else (
            node.value if isinstance(node, SequenceNode) else [])
        if children_done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in children)
            continue
        uses[key] = uses.get(key, 0) + 1
        if key in on_path:
            return "an alias (`*name`) refers to the value it is part of, which never ends; write the value out", node
        if key in size:
            continue
        nodes[key] = node
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    expanded = size[id(root)] - len(size)
    if expanded <= ALIAS_BUDGET:
        return None
    worst = max(nodes, key=lambda key: (uses[key] - 1) * size[key])
    return (f"aliases (`*name`) expand the file by {expanded:,} values, over the budget of {ALIAS_BUDGET:,}; "
            f"the value here is repeated {uses[worst]:,} times: write repeated values out, or repeat less",
            nodes[worst])


# --- small helpers, mostly for messages ---

def peek(node: Node, key: str) -> str | None:
    """A scalar written under `key` in a mapping, to name the item in messages before it is validated."""
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if key_node.value == key and isinstance(value, ScalarNode) and value.value.strip():
                return value.value.strip()
    return None


def is_blank(node: Node) -> bool:
    if isinstance(node, ScalarNode):
        return node.tag == YAML_TAG + "null" or not node.value.strip()
    return not node.value


def describe(node: Node) -> str:
    if is_blank(node):
        return "nothing"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping (`key: value` lines)"
    kind = {"int": "the number", "float": "the number", "bool": "the yes/no value", "timestamp": "the date"}
    return f"{kind.get(node.tag.removeprefix(YAML_TAG), 'the value')} `{short(node.value)}`"


def example(name: str, rule: Field) -> str:
    if rule.kind == "record":
        needed = ", ".join(f"`{n}`" for n, f in rule.spec.fields.items() if f.required)
        return f"`{name}:` with at least one item ({needed})" if rule.many else f"`{name}:` with {needed}"
    samples = {"date": "2024-01-31", "day": "2024-01-31", "choice": " | ".join(map(str, rule.choices))}
    return f"`{name}: {samples.get(rule.kind, '…')}`"


def short(text: str, limit: int = 60) -> str:
    """A value as messages quote it: whole when short, else its start and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, options, prefix: str = "") -> str | None:
    close = difflib.get_close_matches(word, [str(option) for option in options], n=1, cutoff=0.6)
    return f"{prefix}did you mean `{close[0]}`?" if close else None


def tag_message(tag: str) -> str:
    if tag == YAML_TAG + "merge":
        return "merge keys (`<<`) are not supported; write the fields out in full"
    return (f"the tag `{tag.replace(YAML_TAG, '!!')}` is not allowed: a timeline holds only text, numbers, dates, "
            "lists and mappings; remove the tag")


def position_in(text_before: str, file: str) -> Position:
    """The position just after `text_before`, the start of a file."""
    return Position(file, text_before.count("\n") + 1, len(text_before.rsplit("\n", 1)[-1]) + 1)


# PyYAML's wording (a regex) -> plain words, and whether the context mark (where the
# construct began) is a better place to point at than where the parser gave up.
INDENT_HINT = "indent the fields of one item, and the `- ` of one list, by the same number of spaces"
YAML_PROBLEMS = [
    (r"'\\t'|\btab\b", "found a tab; YAML indents with spaces only — replace the tab with spaces", False),
    ("mapping values are not allowed", "mapping values are not allowed here — is a colon inside an "
     'unquoted value? quote the value, e.g. title: "Talks: day one"', False),
    ("could not find expected ':'", "this line is not `key: value`; add the colon, or indent a continued value", True),
    ("found unexpected end of stream", "a quoted value is never closed; add the closing quote", True),
    ("found undefined alias", "`*name` uses an anchor `&name` not defined above it; write the value out", False),
    ("but found another document", "the file holds more than one YAML document (a `---` line); keep one", False),
    ("unknown escape character", "unknown backslash escape in a \"quoted\" value; use 'single quotes'", False),
    ("that cannot start any token", "a plain value cannot start with this character; quote the value", False),
    ("expected <block end>|did not find expected '-' indicator|did not find expected key",
     f"the indentation does not line up with the lines above; {INDENT_HINT}", False),
    ("expected ',' or ']'", "a `[` list is not closed with `]`; close it, or quote the value", True),
    ("expected ',' or '}'", "a `{` mapping is not closed with `}`; close it, or quote the value", True),
]


def yaml_problem(error: yaml.YAMLError, text: str, file: str) -> tuple[str, Position]:
    """A plain message and the place for a PyYAML error."""
    if isinstance(error, yaml.reader.ReaderError):
        return (f"the file contains a control character (#x{error.character:x}) that YAML does not allow; "
                "delete it", position_in(text[: error.position], file))
    problem = getattr(error, "problem", None) or str(error)
    problem_mark = getattr(error, "problem_mark", None)
    if problem_mark is not None and re.search("mapping values are not allowed|block end|did not find expected",
                                              problem):
        hint = indentation_hint(YAML_LINE_BREAK.split(text), problem_mark.line)
        if hint:
            return hint[0], Position(file, hint[1], hint[2])
    message, prefer_context = next(((m, c) for pattern, m, c in YAML_PROBLEMS if re.search(pattern, problem)),
                                   (f"not valid YAML: {problem}; check this line and the one above", False))
    marks = [getattr(error, "context_mark", None), getattr(error, "problem_mark", None)]
    mark = next((m for m in (marks if prefer_context else marks[::-1]) if m is not None), None)
    return message, Position(file, mark.line + 1, mark.column + 1) if mark else Position(file, 1, 1)


# A line that starts a field, or an item and its first field: `  - id: x`, `    title: x`, `    evidence:`.
FIELD_LINE = re.compile(r"( *)((?:- +)*)([A-Za-z_][\w-]*) *:(?: |$)")


def indentation_hint(lines: list[str], index: int) -> tuple[str, int, int] | None:
    """When line `index` (0-based) starts a field indented differently from the field above it, say so:
    the message, and the line and column to point at.

    PyYAML reads a key indented one space too far as the continuation of the
    value above, then complains about the colon; one indented too little ends
    the item early. Either way the fix is the indentation, not the colon.
    """
    if not 0 <= index < len(lines) or not (this := FIELD_LINE.match(lines[index])):
        return None
    above = next((i for i in range(index - 1, -1, -1)
                  if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if above is None or not (sibling := FIELD_LINE.match(lines[above])):
        return None
    column = len(this.group(1)) + len(this.group(2))
    sibling_column = len(sibling.group(1)) + len(sibling.group(2))
    opens_block = not lines[above][sibling.end():].split("#")[0].strip()  # `evidence:`: children follow
    if column == sibling_column or (column > sibling_column and opens_block):
        return None
    if this.group(2):  # a new item: its `- ` lines up with the `- ` of the items of its list
        dash = len(this.group(1))
        items = [m for m in (FIELD_LINE.match(lines[i]) for i in range(index - 1, -1, -1)) if m and m.group(2)]
        # Its list is taken to be that of the nearest item indented most like it.
        item = min(items, key=lambda m: abs(len(m.group(1)) - dash), default=None)
        if item and len(item.group(1)) != dash:
            return (f"the `- ` of this item is indented {dash} spaces, but that of the item above it is "
                    f"indented {len(item.group(1))}; {INDENT_HINT}", index + 1, dash + 1)
    name, sibling_name = this.group(3), sibling.group(3)
    message = (f"`{name}:` is indented {column} spaces, but `{sibling_name}:` on line {above + 1} above it "
               f"is indented {sibling_column}; {INDENT_HINT}")
    if column > sibling_column:
        message += "; if this line continues the value above, quote that value instead"
    return message, index + 1, column + 1
