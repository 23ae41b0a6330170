"""Names a text states, and whether a source states them too.

Pure functions, for C002 (`briefing.check.claims`). What counts (precision
first: each rule below exists because its opposite raised a warning a careful
reader would not):

- a registered actor's name or alias, whole words (acronyms such as "US"
  only in capitals, so the pronoun "us" is not the United States); any of the
  actor's names in a source confirms it;
- otherwise a proper name: a run of capitalised words (hyphenated and
  apostrophe names included, "of"/"de"/"von"/... allowed inside) that does
  not start a sentence, a clause after a colon, or a quotation (the first
  word of such a run is dropped, the rest still counts), names inside
  quotation marks included. A possessive "'s" is not part of the name;
  lowercase tails of hyphenated words are cut ("Reykjavik-based").
- `STOP_WORDS` are trimmed from either end of a run (articles, pronouns,
  days, months, titles such as "President" alone); a run made only of stop
  words and `GENERIC_WORDS` ("Foreign Ministry", "Defence Minister") is not a
  name.
- A source contains a name when it has it as whole words, ignoring case,
  accents, and hyphen-or-space between its words; a one-word demonym also
  matches its country ("Icelandic" → "Iceland", "European" → "Europe"); a
  name of three words or more also when its words stand close together in
  another order; and in a source not in English, when each word is close to a
  capitalised word of the source ("Munich", "München").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .language import sentence_spans


@dataclass(frozen=True)
class StatedName:
    """A name a text states: `value` holds the names any of which confirm it (an actor's name and
    aliases; a proper name alone)."""

    text: str
    value: tuple[str, ...]
    start: int
    end: int


# Capitalised words that are no name by themselves: trimmed from either end of a run.
STOP_WORDS = frozenset("""
the a an this that these those it its he she his her him they them their we our us i you your
some many most all both each every several no not there here such other another any
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
mr mrs ms dr sir lord lady dame king queen prince princess pope
president presidents vice prime premier minister ministers secretary chancellor general gen
admiral colonel col lieutenant lt captain capt major maj sergeant commander director chairman
chairwoman chair chief commissioner ambassador envoy deputy governor mayor senator sen
representative rep spokesman spokeswoman spokesperson leader head adviser advisor professor prof
of de du des da del della di von van der den la le el al bin ibn y and
""".split())
# Words that make institutions' common nouns, not names: a run of only these and
# stop words is dropped ("Defence Ministry", "Foreign Minister").
GENERIC_WORDS = frozenset("""
ministry ministries department office government cabinet parliament army navy air force forces
defence defense foreign interior home transport finance economy justice health state
agency authority authorities council committee commission service services
first senior junior acting former
""".split())
# Lowercase words after a hyphen that make an adjective of a name ("Lagos-based"):
# cut off. Other lowercase parts belong to the name ("Jean-de-la", "Lee Hsien-loong").
HYPHEN_TAILS = frozenset("""
based led born backed owned run made style era like wide bound sponsored linked speaking controlled
friendly centred centered class bred built held occupied aligned type sized related specific level
scale free only language registered flagged area region zone period
""".split())
# Lowercase joiners allowed inside a name: "Bank of England", "Charles de Gaulle".
PARTICLES = frozenset("of de du des da del della di von van der den la le al bin ibn y".split())

_NAME_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['\u2019][^\W\d_]+)*(?:-[^\W\d_]+(?:['\u2019][^\W\d_]+)*)*")
_JOINING_GAP_RE = re.compile(r"[ \t]*\n?[ \t]*")  # words of one name: spaces, at most one line break
_POSSESSIVE_RE = re.compile(r"['\u2019]s$|(?<=s)['\u2019]$")
_QUOTE_OPENERS = "\"'\u201c\u2018\u201e\u00ab("
_DEMONYM_RE = re.compile(r"^(.{4,}?)(?:ian|ean|an|ese|ish|ic|i)$")
_SPACES_OR_HYPHENS_RE = re.compile(r"[\s-]+")


def _is_capitalised(token: str) -> bool:
    return token[0].isupper()


def _cut_hyphen_tail(token: str) -> str:
    """"Reykjavik-based" -> "Reykjavik"; "Lee Hsien-loong" keeps its lowercase part."""
    parts = token.split("-")
    kept = [parts[0]]
    for part in parts[1:]:
        if part.lower() in HYPHEN_TAILS:
            break
        kept.append(part)
    return "-".join(kept)


def _grammar_capital_offsets(text: str) -> set[int]:
    """Offsets where a capital letter is owed to grammar, not to a name."""
    starts = {start for start, _ in sentence_spans(text)}
    for match in re.finditer(r":\s+|[" + re.escape(_QUOTE_OPENERS) + r"](?=[A-Z])", text):
        starts.add(match.end())
    return starts


def _actor_key(name: str) -> str:
    """What an actor's name and every way the pattern matches it have in common: folded, with each run
    of spaces and hyphens one space ("Harbour Board", "harbour-board" and "Harbour\nBoard" alike)."""
    return _SPACES_OR_HYPHENS_RE.sub(" ", _fold(name))


@lru_cache(maxsize=8)  # one registry per timeline: built once, not once per summary
def _actor_pattern(actor_names: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    owner: dict[str, int] = {}
    alternatives = []
    for index, names in enumerate(actor_names):
        for name in names:
            key = _actor_key(name)
            if key in owner or not name.strip():
                continue
            owner[key] = index
            escaped = re.escape(name).replace(r"\ ", r"[\s-]+")
            # An acronym ("US", "EU") only in capitals: "us" is a pronoun.
            alternatives.append((len(name), escaped if name.isupper() and len(name) <= 5 else f"(?i:{escaped})"))
    if not alternatives:
        return None, owner
    alternatives.sort(key=lambda pair: -pair[0])
    return re.compile(r"(?<![\w])(?:" + "|".join(a for _, a in alternatives) + r")(?![\w])"), owner


def names_in(text: str, actor_names: list[tuple[str, ...]] | tuple[tuple[str, ...], ...] = ()) -> list[StatedName]:
    """The names `text` states, in order: registered actors (value: all their names), then proper names."""
    claims: list[StatedName] = []
    actor_names = tuple(tuple(names) for names in actor_names)
    pattern, owner = _actor_pattern(actor_names)
    taken: list[tuple[int, int]] = []
    if pattern is not None:
        for match in pattern.finditer(text):
            names = actor_names[owner[_actor_key(match.group())]]
            claims.append(StatedName(match.group(), tuple(names), match.start(), match.end()))
            taken.append(match.span())
    starts = _grammar_capital_offsets(text)
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if run:
            claims.extend(_proper_name(text, run, starts))
            run.clear()

    position = 0
    for match in _NAME_TOKEN_RE.finditer(text):
        token = match.group()
        gap = text[position:match.start()]
        inside_actor = any(a < match.end() and match.start() < b for a, b in taken)
        joins = bool(run) and _JOINING_GAP_RE.fullmatch(gap) is not None
        if not joins or inside_actor:
            flush()
        if inside_actor:
            position = match.end()
            continue
        if _is_capitalised(token):
            cut = _cut_hyphen_tail(token)
            run.append((match.start(), match.start() + len(cut)))
            if cut != token:
                flush()  # "the Reykjavik-based Met Office": two names
        elif run and token in PARTICLES:
            run.append(match.span())
        else:
            flush()
        position = match.end()
    flush()
    claims.sort(key=lambda c: c.start)
    return claims


def _proper_name(text: str, run: list[tuple[int, int]], starts: set[int]) -> list[StatedName]:
    tokens = list(run)
    if tokens[0][0] in starts:
        tokens = tokens[1:]
    words = [text[a:b] for a, b in tokens]
    # Trim stop words and particles from both ends; keep the cut tails out.
    while words and (words[0].lower() in STOP_WORDS or not _is_capitalised(words[0])):
        words, tokens = words[1:], tokens[1:]
    while words and (words[-1].lower() in STOP_WORDS or not _is_capitalised(words[-1])):
        words, tokens = words[:-1], tokens[:-1]
    if not words:
        return []
    if all(w.lower() in STOP_WORDS or w.lower() in GENERIC_WORDS for w in words):
        return []
    start, end = tokens[0][0], tokens[-1][1]
    name = text[start:end]
    possessive = _POSSESSIVE_RE.search(name)
    if possessive:
        end -= len(possessive.group())
        name = text[start:end]
    if not name or name.lower() in STOP_WORDS:
        return []
    return [StatedName(name, (name,), start, end)]


@lru_cache(maxsize=256)  # a source's whole text is folded for each name looked for in it: once is enough
def _fold(text: str) -> str:
    """Lower case without accents, curly apostrophes straight: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=4096)  # the same names are looked for in every source an event cites
def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in _SPACES_OR_HYPHENS_RE.split(name.strip()) if w]
    return re.compile(r"(?<![\w])" + r"[\s-]+".join(words) + r"(?![\w])", re.IGNORECASE)


def name_in_source(name: str, normalised_source_text: str) -> bool:
    """Whether a source states `name`: whole words, ignoring case, accents, hyphen-or-space; demonyms by stem."""
    if _name_pattern(name).search(normalised_source_text):
        return True
    folded_name = _fold(name)
    if folded_name != name.lower() or not normalised_source_text.isascii():
        if _name_pattern(folded_name).search(_fold(normalised_source_text)):
            return True
    words = [w for w in _SPACES_OR_HYPHENS_RE.split(folded_name) if w and w not in STOP_WORDS]
    if len(words) >= 3 and _words_close_together(words, _fold(normalised_source_text)):
        return True
    demonym = _DEMONYM_RE.match(folded_name) if " " not in folded_name else None
    if demonym:
        stem = re.escape(demonym.group(1))
        if re.search(r"(?<![\w])" + stem + r"\w*", _fold(normalised_source_text)):
            return True
    return _translated_name_in(folded_name, normalised_source_text)


def _translated_name_in(folded_name: str, source: str) -> bool:
    """In a source not in English, a name may be spelt the source's way ("Munich", "München"):
    found when each of its words is close to a capitalised word of the source."""
    english, capitalised = _source_profile(source)
    if english:
        return False
    for word in _SPACES_OR_HYPHENS_RE.split(folded_name):
        if word in STOP_WORDS or word in PARTICLES:
            continue
        if not any(other[:1] == word[:1] and difflib.SequenceMatcher(None, word, other).ratio() >= TRANSLATED_NAME_SIMILARITY
                   for other in capitalised):
            return False
    return True


# "munich"/"munchen" 0.77, "lisbon"/"lisboa" 0.83, "hanover"/"hannover" 0.93; "paris"/"prag" 0.44 and
# "munich"/"madrid" 0.33 stay apart. "Cologne"/"Köln" (0.55) is too far: register an alias or accept it.
TRANSLATED_NAME_SIMILARITY = 0.6
ENGLISH_FUNCTION_WORDS = frozenset("the and of to is was for that with from by are were this which".split())


@lru_cache(maxsize=32)
def _source_profile(source: str) -> tuple[bool, frozenset[str]]:
    """Whether a source reads as English, and its capitalised words folded: worked out once per text."""
    words = re.findall(r"[^\W\d_]+", source)
    english = sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) >= 0.08 * max(len(words), 1)
    return english, frozenset(_fold(w) for w in words if w[0].isupper())


def _words_close_together(words: list[str], folded_source: str) -> bool:
    """A long name in another order: "National People's Congress Standing Committee" is found in
    "the Standing Committee of the Chinese National People's Congress" (every word within a few words)."""
    patterns = [re.compile(r"(?<![\w])" + re.escape(w) + r"(?![\w])") for w in words]
    reach = sum(len(w) + 1 for w in words) + 40
    for match in patterns[0].finditer(folded_source):
        window = folded_source[max(0, match.start() - reach):match.end() + reach]
        if all(p.search(window) for p in patterns[1:]):
            return True
    return False

