"""Load: timeline.yaml -> Timeline, with every value's line and column.

The file is parsed with PyYAML's safe composer only (nodes, never Python
objects), then read against a small field spec per kind of mapping. Every
problem is collected, so one run reports them all.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import difflib
import email.utils
import hashlib
import re
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
    """How one field is read.

    kind: text, id, ref (an id of something else), date (any precision), day (a full
    date), choice, address (an email address), accept (warning code -> reason), record.
    """

    kind: str
    required: bool = False
    many: bool = False  # a list of such values
    choices: tuple = ()
    spec: Spec | None = None  # for records
    plain_date: bool = False  # a day held as datetime.date in the model, not as a PartialDate
    prose: bool = False  # text in paragraphs: kept apart by "\n\n" whatever the YAML style


@dataclass(frozen=True)
class Spec:
    noun: str  # for messages: "event", "source", …
    model: type
    fields: dict[str, Field]


TEXT, REQUIRED_TEXT = Field("text"), Field("text", required=True)
PROSE, REQUIRED_PROSE = Field("text", prose=True), Field("text", required=True, prose=True)
ACCEPT = Field("accept")

JUDGEMENT = Spec("judgement", Judgement, {
    "text": REQUIRED_PROSE, "confidence": Field("choice", required=True, choices=CONFIDENCE_LEVELS),
    "basis": PROSE, "events": Field("ref", many=True), "accept": ACCEPT,
})
EMAIL = Spec("`email`", EmailSettings, {
    "to": Field("address", many=True), "cc": Field("address", many=True), "subject": TEXT,
})
BRIEF = Spec("`brief`", Brief, {
    "title": REQUIRED_TEXT, "subtitle": TEXT, "author": TEXT,
    "as_of": Field("day", required=True, plain_date=True), "marking": TEXT, "summary": REQUIRED_PROSE,
    "scope": PROSE, "assumptions": Field("text", many=True, prose=True),
    "indicators": Field("text", many=True, prose=True),
    "judgements": Field("record", many=True, spec=JUDGEMENT),
    "email": Field("record", spec=EMAIL),
})
ACTOR = Spec("actor", Actor, {
    "id": Field("id", required=True), "name": REQUIRED_TEXT, "aliases": Field("text", many=True),
})
SOURCE = Spec("source", Source, {
    "id": Field("id", required=True), "file": REQUIRED_TEXT, "title": REQUIRED_TEXT,
    "publisher": TEXT, "author": TEXT, "published": Field("date"), "retrieved": Field("day"), "url": TEXT,
    "reliability": Field("choice", choices=RELIABILITY_GRADES), "kind": Field("choice", choices=SOURCE_KINDS),
    "accept": ACCEPT,
})
EVIDENCE = Spec("evidence", Evidence, {
    "source": Field("ref", required=True), "quote": REQUIRED_TEXT,
    "credibility": Field("choice", choices=CREDIBILITY_GRADES),
})
EVENT = Spec("event", Event, {
    "id": Field("id", required=True), "date": Field("date", required=True), "end": Field("date"),
    "title": REQUIRED_TEXT, "summary": REQUIRED_PROSE,
    # Actor ids when the registry exists, else free names: resolved once everything is read.
    "actors": Field("ref", many=True), "place": TEXT, "tags": Field("text", many=True),
    "significance": Field("choice", choices=SIGNIFICANCE_LEVELS),
    "accept": ACCEPT,
    "evidence": Field("record", required=True, many=True, spec=EVIDENCE),
})
TIMELINE = Spec("the file", Timeline, {
    "brief": Field("record", required=True, spec=BRIEF),
    "actors": Field("record", many=True, spec=ACTOR),
    "sources": Field("record", required=True, many=True, spec=SOURCE),
    "events": Field("record", required=True, many=True, spec=EVENT),
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
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            self.report("Y001", f"cannot read the timeline file ({reason}); check the path", start)
            return None
        # The brief's fingerprint is of these very bytes, not of the file read again later.
        self.sha256 = hashlib.sha256(data).hexdigest()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            at = position_in(data[: error.start].decode("utf-8", errors="replace"), self.file)
            self.report("Y001", f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8", at)
            return None
        self.lines = YAML_LINE_BREAK.split(text)
        try:
            root = yaml.compose(text, Loader=FAST_SAFE_LOADER)
        except yaml.YAMLError:
            # The pure-Python composer's messages are the ones yaml_problem explains.
            try:
                root = yaml.compose(text, Loader=yaml.SafeLoader)
            except yaml.YAMLError as error:
                self.report("Y001", *yaml_problem(error, text, self.file))
                return None
        except RecursionError:
            self.report("Y001", "the file is nested too deeply to be a timeline; check its indentation", start)
            return None
        if root is None:
            self.report("S001", "the file is empty; a timeline needs `brief`, `sources` and `events`", start)
            return None
        self.check_nodes(root)
        if not isinstance(root, MappingNode):
            self.report("S003", "the top level must be a mapping with `brief`, `sources` and `events`; "
                        f"got {describe(root)}", self.pos(root))
            return None
        return self.read_mapping(root, TIMELINE, TIMELINE.noun)

    def check_nodes(self, root: Node) -> None:
        """Repeated keys (Y002), non-plain keys and tags (S003), anywhere in the tree."""
        stack, seen = [root], set()
        while stack:
            node = stack.pop()
            if id(node) in seen:  # aliases share nodes, and may even loop
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

    def read_mapping(self, node: MappingNode, spec: Spec, label: str, parent: Record | None = None) -> Record:
        record = Record(spec, label, self.pos(node), event=parent.event if parent else None)
        if spec is EVENT:
            record.event = peek(node, "id")
        record.source = peek(node, "id") if spec is SOURCE else peek(node, "source") if spec is EVIDENCE else None
        seen = set()
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag not in PLAIN_TAGS or key.value in seen:
                continue  # reported by check_nodes
            name = key.value
            seen.add(name)
            if name not in spec.fields:
                hint = did_you_mean(name, spec.fields) or f"remove it (known fields: {', '.join(spec.fields)})"
                where = "at the top level" if spec is TIMELINE else f"in {label}"
                self.report("S002", f"unknown field `{name}` {where}; {hint}", self.pos(key), record)
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
                self.report("S003", f"`{name}` of {record.label} names `{code}`, which is not a finding code "
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
        try:
            value = SCALAR_READERS[rule.kind](node, rule)
        except BadValue as problem:
            self.report("S003", f"{label} {problem}", self.pos(node), parent)
            return None
        return self.prose(node) if rule.prose else value

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
    return f"{kind.get(node.tag.removeprefix(YAML_TAG), 'the value')} `{node.value}`"


def example(name: str, rule: Field) -> str:
    if rule.kind == "record":
        needed = ", ".join(f"`{n}`" for n, f in rule.spec.fields.items() if f.required)
        return f"`{name}:` with at least one item ({needed})" if rule.many else f"`{name}:` with {needed}"
    samples = {"date": "2024-01-31", "day": "2024-01-31", "choice": " | ".join(map(str, rule.choices))}
    return f"`{name}: {samples.get(rule.kind, '…')}`"


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
    ("mapping values are not allowed here", "mapping values are not allowed here — is a colon inside an "
     'unquoted value? quote the value, e.g. title: "Talks: day one"', False),
    ("could not find expected ':'", "this line is not `key: value`; add the colon, or indent a continued value", True),
    ("found unexpected end of stream", "a quoted value is never closed; add the closing quote", True),
    ("found undefined alias", "`*name` uses an anchor `&name` not defined above it; write the value out", False),
    ("but found another document", "the file holds more than one YAML document (a `---` line); keep one", False),
    ("unknown escape character", "unknown backslash escape in a \"quoted\" value; use 'single quotes'", False),
    ("that cannot start any token", "a plain value cannot start with this character; quote the value", False),
    ("expected <block end>", f"the indentation does not line up with the lines above; {INDENT_HINT}", False),
    ("expected ',' or ']'", "a `[` list is not closed with `]`; close it, or quote the value", True),
    ("expected ',' or '}'", "a `{` mapping is not closed with `}`; close it, or quote the value", True),
]


def yaml_problem(error: yaml.YAMLError, text: str, file: str) -> tuple[str, Position]:
    """A plain message and the place for a PyYAML error."""
    if isinstance(error, yaml.reader.ReaderError):
        return (f"the file contains a control character (#x{error.character:x}) that YAML does not allow; "
                "delete it", position_in(text[: error.position], file))
    problem = getattr(error, "problem", None) or str(error)
    message, prefer_context = next(((m, c) for pattern, m, c in YAML_PROBLEMS if re.search(pattern, problem)),
                                   (f"not valid YAML: {problem}; check this line and the one above", False))
    marks = [getattr(error, "context_mark", None), getattr(error, "problem_mark", None)]
    mark = next((m for m in (marks if prefer_context else marks[::-1]) if m is not None), None)
    return message, Position(file, mark.line + 1, mark.column + 1) if mark else Position(file, 1, 1)
