"""A verbless incident-log line that no trigger read is still one report.

"Bradley engaging Russian infantry in Terny — drone footage" or "Seredyna-Buda under
mortar and drone fire, houses burning" parse as noun phrases, or as nothing a trigger
entry fits. A sentence that is a line of its own (a short text, a log entry) with no
finite verb, names a place and holds a word of data/loglines.toml gives one event of that
word's kind, with the word as its trigger; the extractor then fills its actors, place and
time as for any other trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from frontwatch.annotate.bylines import DASHES
from frontwatch.annotate.text import doc_text, header_mark, opens_line
from frontwatch.extract.lexicon import TriggerEntry, lexicon, platforms
from frontwatch.extract.quantities import listed_count
from frontwatch.extract.weapons import weapon_kinds
from frontwatch.lexicons import load_toml

_LINE_MAX_TOKENS = 30
NUMERIC = re.compile(r"[\d./:-]+")
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


# A log line's point after its text: "47.753, 36.793", "(48.59, 38.00)", "47.75N 36.79E".
_COORDINATES = re.compile(
    r"\(?-?\d{1,3}\.\d+°?\s*[NS]?\s*[,;]?\s*-?\d{1,3}\.\d+°?\s*[EW]?\)?\.?[ \t]*(?:\n|$)"
)


def own_line(sent: Span) -> bool:
    """The sentence is a line of its own (a headline, a log entry, a post's line)."""
    text = doc_text(sent.doc)
    before = text[: sent.start_char].rstrip(" \t")
    after = text[sent.end_char :].lstrip(" \t")
    line_end = not after or after.startswith("\n") or sent[-1].text in DASHES  # "- Basurin"
    line_end = line_end or _COORDINATES.match(after) is not None  # "... near X. 47.75, 36.79"
    line_start = not before or before.endswith("\n") or _LABEL.search(before) is not None
    return line_start and line_end


LOG_LINE_CHARS = 280  # a log entry's line: a tweet's length at most


def opens_log_line(sent: Span) -> bool:
    """The sentence opens a short line: the incident of a log entry that adds a second
    sentence ("Explosions in X, missiles targeting the airbase. No info on casualties")."""
    text = doc_text(sent.doc)
    before = text[: sent.start_char].rstrip(" \t")
    if not opens_line(text, sent.start_char) and _LABEL.search(before) is None:
        return False  # a line's opening, but for a time ("04:20 Odesa: explosions …")
    line_end = text.find("\n", sent.start_char)
    line_end = len(text) if line_end < 0 else line_end
    return line_end - sent.start_char <= LOG_LINE_CHARS


# A short label the parser split off as a sentence of its own: "VIDEO: Russian tank hit ...",
# "EVENT ....... drone strike on …", "incident = drone strike …", "| incident | …"
_LABEL = re.compile(
    r"(?:^|\n)[ \t]*(?:[*•·|][ \t]*)?(?:[A-Za-z]+[ \t]+){0,2}[A-Za-z]+"
    r"(?::|[ \t]*\.{2,}|[ \t]*=|[ \t]+\|)$"
)


@dataclass(frozen=True, slots=True)
class _Words:
    """data/loglines.toml, read once."""

    kinds: list[tuple[str, frozenset[str]]]  # in the file's order
    kind_words: frozenset[str]  # the words of all kinds
    not_reports: frozenset[str]
    things: frozenset[str]
    unharmed: frozenset[str]
    header_words: frozenset[str]
    status: frozenset[str]  # "geoconfirmed": a line's status, not its verb
    field_label: re.Pattern[str]  # "Location:" before a place
    field_label_loose: re.Pattern[str]  # "Location: forest near" before a place
    date_label: re.Pattern[str]  # "Date:" before a date
    perpetrator_label: re.Pattern[str]  # "Perpetrator:" before who did it


# What ends a record's field label: a colon, or a spaced dash ("Location — Grayvoron").
# What ends a field's label: a colon, a spaced dash, an equals sign ("date = 2024-02-19"),
# a dotted leader ("DATE ........ 2024-11-02") or a table's cell bar ("| place | X |")
_MARK = r"[ \t]*(?::|[—–]|-(?=[ \t])|=|\.{2,}|\|)[ \t]*"
# A bullet before a label: "* Date - 2024-05-27"
_BULLET = r"(?:[*•·-][ \t]*)?"  # "• Location: …", "- Settlement: …"


@lru_cache(maxsize=1)
def log_words() -> _Words:
    raw = load_toml("loglines.toml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in raw[key])

    fields = "|".join(re.escape(str(w)) for w in raw["place_fields"])
    dates = "|".join(re.escape(str(w)) for w in raw["date_fields"])
    doers = "|".join(re.escape(str(w)) for w in raw["perpetrator_fields"])
    carriers = platforms()  # "a ban on Russian aircraft" is no air strike
    weapons = {kind: words - carriers for kind, words in weapon_kinds()}
    kinds = [
        (str(k), frozenset(str(w) for w in v) | weapons.get(str(k), frozenset()))
        for k, v in raw["kinds"].items()
    ]
    return _Words(
        kinds=kinds,
        kind_words=frozenset().union(*(words for _, words in kinds)),
        not_reports=words("not_reports"),
        things=words("things"),
        unharmed=words("unharmed"),
        header_words=words("header_words"),
        status=words("status_words"),
        field_label=re.compile(rf"(?:^|[\n.;|])[ \t]*{_BULLET}(?:{fields}){_MARK}$", re.IGNORECASE),
        field_label_loose=re.compile(
            rf"(?:^|[\n.;|])[ \t]*{_BULLET}(?i:{fields}){_MARK}(?:[a-z][a-z-]*[ \t]+){{1,5}}$"
        ),
        date_label=re.compile(rf"(?:^|[\n.;|])[ \t]*{_BULLET}(?:{dates}){_MARK}$", re.IGNORECASE),
        perpetrator_label=re.compile(
            rf"(?:^|[\n;|])[ \t]*{_BULLET}(?:{doers}){_MARK}", re.IGNORECASE
        ),
    )


def _clause_verb(token: Token, sent: Span) -> bool:
    """A finite verb that heads the line: the line is a clause, not a log entry. A line's
    first word is no such verb (English clauses open with their subject: "Geolocated
    footage of …" is a participle the tagger read as a past tense), nor is a finite verb
    inside a noun phrase ("Drone footage: FPV hits on dugouts near X"); a verb with a
    finite auxiliary is finite ("half the plants were shut")."""
    if token.dep_ != "ROOT" or token.i == sent.start or token.lower_ in log_words().status:
        return False  # "…, geoconfirmed": the line's status
    if token.lemma_ in lexicon().reporting_verbs:
        # "explosion at the barracks, partisans claim it": who says, not what; but "UN Says
        # It Has Reports Of …" says a clause of its own
        return any(
            c.dep_ == "ccomp" and c.tag_ in _FINITE_TAGS and c.i > token.i for c in token.children
        )
    auxiliaries = (c for c in token.children if c.dep_ in ("aux", "auxpass"))
    return token.tag_ in _FINITE_TAGS or any(c.tag_ in _FINITE_TAGS for c in auxiliaries)


def _harm_left_out(token: Token) -> bool:
    """ "no casualties", "No info on casualties yet", "no confirmed losses", "no casualty
    figures": the harm is negated, not the line."""
    doc, i = token.doc, token.i + 1
    while i < len(doc) and (
        doc[i].tag_ in ("VBN", "JJ") and doc[i].dep_ == "amod" or doc[i].dep_ == "compound"
    ):
        i += 1  # "no confirmed losses", "no reported casualties", "no casualty data"
    return i < len(doc) and doc[i].lower_ in log_words().unharmed


def _status_left_out(token: Token, table: _Words) -> bool:
    """ "not yet geoconfirmed": the check is negated, not the report."""
    after = token.doc[token.i + 1 : token.i + 3]
    return any(t.lower_ in table.status for t in after)


def line_passive(participle: Token) -> bool:
    """A log line's reduced passive, the line's predicate and not a description: the
    line's opening name and then the participle ("KLISHCHIIVKA retaken by AFU — …"; not
    "Bakhmut, captured in May, lies …"), or a participle with its agent on a log line
    ("RU assault on the southern edge repelled by AFU, 2 BMPs burning", which the parser
    hangs on "edge")."""
    head = participle.head
    if head.pos_ == "PROPN" and participle.i == head.i + 1:
        return opens_line(doc_text(head.doc), head.idx)
    sent = participle.sent
    log = len(sent) <= _LINE_MAX_TOKENS and (own_line(sent) or after_header(sent))
    return log and any(c.dep_ == "agent" for c in participle.children)


def after_header(sent: Span) -> bool:
    """The sentence follows a log line's header on its line ("Huliaipole 06:40 local —
    RU MLRS barrage on the centre", "TORETSK dir. | 07 Jun 2022 | …" cut after "07"):
    the line's text before it is short and holds a header mark, and the line is a log
    entry's length."""
    text = doc_text(sent.doc)
    start = text.rfind("\n", 0, sent.start_char) + 1
    first = next((t for t in sent if not header_mark(t.text)), None)  # "| TOS-1A strike …"
    if first is None:
        return False
    before = text[start : first.idx].rstrip()
    end = text.find("\n", sent.start_char)
    end = len(text) if end < 0 else end
    return (
        0 < len(before) <= _HEADER_CHARS
        and any(header_mark(ch) for ch in before if not ch.isalnum() and ch not in " .")
        and end - start <= LOG_LINE_CHARS
    )


_HEADER_CHARS = 60


def tells_incident(tokens: list[Token]) -> bool:
    """Do the words after a dash tell the incident, not who reports it? "Huliaipole
    06:40 local — RU MLRS barrage on the town centre": a log's word for a kind of event
    (data/loglines.toml [kinds], the weapon list among them) is in them."""
    names = log_words().kind_words
    return any(t.lower_ in names or t.lemma_.lower() in names for t in tokens)


def _names_thing(token: Token, things: frozenset[str]) -> bool:
    return token.dep_ in ("compound", "amod", "nmod") and token.head.lemma_.lower() in things


@lru_cache(maxsize=16)
def _entry(kind: str) -> TriggerEntry:
    return TriggerEntry(type=kind, lemmas=frozenset(), pos=frozenset({"NOUN", "VERB"}))


def line_cue(sent: Span, place_tokens: set[int]) -> tuple[Token, TriggerEntry] | None:
    """The cue word of a log line no trigger read and the entry of its kind, or None."""
    if len(sent) > _LINE_MAX_TOKENS:
        return None
    in_header = after_header(sent) and any(
        i in place_tokens for i in range(_line_start(sent), sent.start)
    )
    if not (
        any(t.i in place_tokens for t in sent) or in_header or _record_place(sent, place_tokens)
    ):
        return None  # a place in the line, its header ("Huliaipole 06:40 — …") or the
        # record's place field ("Type: enforced disappearance\nPlace: Skadovsk")
    if any(_clause_verb(t, sent) for t in sent):
        return None  # a clause of its own: "people in X saw a Buk system" is no log entry
    table = log_words()
    words = [(t, {t.lower_, t.lemma_.lower()}) for t in sent if t.i not in place_tokens]
    if any(
        forms & table.not_reports and not _harm_left_out(t) and not _status_left_out(t, table)
        for t, forms in words
    ):
        return None
    # "artillery museum", "drone unit": a kind word naming a thing is no report of its kind
    words = [(t, forms) for t, forms in words if not _names_thing(t, table.things)]
    pairs = {f"{a.lower_} {b.lower_}" for a, b in zip(sent, sent[1:], strict=False)}
    for kind, names in table.kinds:
        if pairs & names:
            first = next(
                t for t in sent if any(p.startswith(t.lower_ + " ") for p in pairs & names)
            )
            return first, _entry(kind)
        cue = next((t for t, forms in words if forms & names), None)
        if cue is not None:
            return _phrase_head(cue, table), _entry(kind)
    return None


def _phrase_head(cue: Token, table: _Words) -> Token:
    """The noun a kind word modifies when that noun is a kind word too: "TOS-1A strike on
    AFU positions" is the strike (of the weapon's kind), whose phrase holds its target."""
    head = cue.head
    if cue.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN":
        forms = {head.lower_, head.lemma_.lower()}
        if any(forms & names for _, names in table.kinds):
            return head
    return cue


def line_weapon(token: Token) -> str | None:
    """The strike kind of a log line's count of the dead or wounded, by the weapon the
    line names ("BILOPILLIA | 2x KAB on the city centre | 1 KIA", "Izyum — RU Iskander on
    a school, 2 KIA"): the count has no grammar of its own to name it. The first weapon
    of the one list (data/triggers.toml [weapons.kinds]) on its line (a log entry's
    length at most, whatever sentences the parser cut it into); carriers ("launched from
    a Su-34") name none."""
    entries = lexicon().triggers.get(token.lemma_.lower(), [])
    if not any(e.standalone for e in entries) and listed_count(token) is None:
        return None  # "two soldiers were killed …; a drone was shot down" has its grammar
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    if end - start > LOG_LINE_CHARS:
        return None  # prose, not a log line
    carriers = platforms()
    for word in token.doc.char_span(start, end, alignment_mode="expand") or []:
        forms = {word.lower_, word.lemma_.lower()} - carriers
        kind = next((k for k, names in weapon_kinds() if forms & names), None)
        if kind is not None:
            return kind
    return None


def _record_place(sent: Span, place_tokens: set[int]) -> bool:
    """The sentence is a field line of a record that has a place field ("Type: enforced
    disappearance" above "Place: Skadovsk, …") or a header line naming a place: a label
    opens its line, and a place follows a place field's label somewhere in the text or
    stands on its first line."""
    text = doc_text(sent.doc)
    start = text.rfind("\n", 0, sent.start_char) + 1
    if _FIELD_LINE.match(text, start) is None:
        return False
    doc = sent.doc
    first_line = text.find("\n")
    if first_line > 0 and any(doc[i].idx < first_line for i in place_tokens):
        return True  # a header line that names the place ("Record: Vinnytsia city, 5 May …")
    return any(after_place_label(text, doc[i].idx) for i in place_tokens)


# "Type: …", a table's "| Type | …", "weapon=…"
_FIELD_LINE = re.compile(r"[ \t]*(?:[|*•·-][ \t]*)?(?:[A-Za-z]+[ \t]+){0,2}[A-Za-z]+[ \t]*[:|=]")


def field_sentence(sent: Span) -> bool:
    """A field of a one-line record, parted from the one before by a semicolon or a dash
    ("…; Incident type: missile strike on railway infrastructure; …", "… — Type: shelling
    — …")."""
    text = doc_text(sent.doc)
    before = text[max(0, sent.start_char - 3) : sent.start_char].rstrip(" \t")
    return before.endswith((";", "—", "–")) and _FIELD_LINE.match(text, sent.start_char) is not None


def _line_start(sent: Span) -> int:
    """The index of the first token on the sentence's line."""
    i = sent.start
    while i > 0 and "\n" not in sent.doc[i - 1].whitespace_ + sent.doc[i - 1].text:
        i -= 1
    return i


def after_place_label(text: str, start: int) -> bool:
    """A record's place field's label ends right before ``start`` ("Location: …"), or a
    few lowercase words after it do ("Location: forest near Dymer", "Location: outskirts
    of Seredyna-Buda")."""
    words = log_words()
    if words.field_label.search(text, max(0, start - 40), start) is not None:
        return True
    return words.field_label_loose.search(text, max(0, start - 80), start) is not None


__all__ = [
    "LOG_LINE_CHARS",
    "NUMERIC",
    "after_header",
    "after_place_label",
    "field_sentence",
    "line_cue",
    "line_passive",
    "line_weapon",
    "log_words",
    "opens_log_line",
    "own_line",
    "tells_incident",
]
