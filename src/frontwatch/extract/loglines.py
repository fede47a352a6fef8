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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from frontwatch.annotate.bylines import DASHES
from frontwatch.annotate.text import HEADER_MARKS, doc_text, header_mark, opens_line
from frontwatch.extract.lexicon import TriggerEntry, lexicon, platforms
from frontwatch.extract.relevance import theatre_countries
from frontwatch.extract.weapons import weapon_kinds
from frontwatch.geo import haversine_km
from frontwatch.lexicons import load_toml
from frontwatch.models import Actor, PlaceFlag, PlaceMention, PlaceRole, TimeExpr

_LINE_MAX_TOKENS = 30
_NUMERIC = re.compile(r"[\d./:-]+")
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


_LOG_LINE_CHARS = 280  # a log entry's line: a tweet's length at most


def opens_log_line(sent: Span) -> bool:
    """The sentence opens a short line: the incident of a log entry that adds a second
    sentence ("Explosions in X, missiles targeting the airbase. No info on casualties")."""
    text = doc_text(sent.doc)
    before = text[: sent.start_char].rstrip(" \t")
    if not opens_line(text, sent.start_char) and _LABEL.search(before) is None:
        return False  # a line's opening, but for a time ("04:20 Odesa: explosions …")
    line_end = text.find("\n", sent.start_char)
    line_end = len(text) if line_end < 0 else line_end
    return line_end - sent.start_char <= _LOG_LINE_CHARS


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
    field_label: re.Pattern[str]  # "Location:" before a place
    field_label_loose: re.Pattern[str]  # "Location: forest near" before a place
    date_label: re.Pattern[str]  # "Date:" before a date
    perpetrator_label: re.Pattern[str]  # "Perpetrator:" before who did it


# What ends a record's field label: a colon, or a spaced dash ("Location — Grayvoron").
# What ends a field's label: a colon, a spaced dash, an equals sign ("date = 2024-02-19"),
# a dotted leader ("DATE ........ 2024-11-02") or a table's cell bar ("| place | X |")
_MARK = r"[ \t]*(?::|[—–]|-(?=[ \t])|=|\.{2,}|\|)[ \t]*"
# A bullet before a label: "* Date - 2024-05-27"
_BULLET = r"(?:[*•·][ \t]*)?"


@lru_cache(maxsize=1)
def _words() -> _Words:
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
    if token.dep_ != "ROOT" or token.i == sent.start:
        return False
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
    return i < len(doc) and doc[i].lower_ in _words().unharmed


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
        and end - start <= _LOG_LINE_CHARS
    )


_HEADER_CHARS = 60


def header_place(sentences: list[Span], places: list[PlaceMention]) -> PlaceMention | None:
    """The place a record's or a log's header names: a place opening the text before a
    comma, a colon, a bracket or a dash ("Kyiv, 8 July 2024: …", "3 February 2024,
    Lysychansk (Luhansk oblast): …"), or an opening sentence that only names a place and
    maybe its date ("Velyka Oleksandrivka, Kherson oblast."): the place of its events
    that name none."""
    if not sentences:
        return None
    for first in sentences[:_BANNER_SENTENCES]:
        inside = [m for m in places if first.start_char <= m.start < first.end_char]
        if inside or not _banner(first):
            break  # "=== CIVILIAN HARM LOG: BRYANSK OBLAST (RU) ===\nSevsk | …": Sevsk
    if not inside or inside[0].place is None or inside[0].role != PlaceRole.LOCATION:
        return None
    text = doc_text(first.doc)
    if (
        opens_line(text, inside[0].start)
        and text[inside[0].end : inside[0].end + 2].strip()[:1] in HEADER_MARKS
    ):
        # "3 February 2024, Lysychansk (Luhansk oblast): a bakery was hit …"; "ZAPORIZHZHIA
        # OBLAST | KOMYSHUVAKHA": the town of the oblast the header names first
        return _town_in(text, inside[0], places) or inside[0]
    spans = [(m.start, m.end) for m in inside]
    units = _words().header_words
    for token in first:
        if any(a <= token.idx < b for a, b in spans) or token.is_punct or token.is_space:
            continue
        if token.i < first.end - 1 and token.nbor(1).text == ":" and token.idx < spans[0][0]:
            continue  # the line's label: "Record: Zhytomyr city, 7 June 2024"
        if token.ent_type_ in ("DATE", "TIME") or token.like_num or _NUMERIC.fullmatch(token.text):
            continue  # "Vinnytsia, 14 July 2022.", "27.06.2022 - Kremenchuk, …"
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.pos_ == "PROPN" and after is not None and after.lower_ in units:
            continue  # "Poltava oblast": the unit's name
        if token.lower_ not in units:
            return None  # the sentence says more than where
    return inside[0]


def _town_in(text: str, head: PlaceMention, places: list[PlaceMention]) -> PlaceMention | None:
    """A settlement on the header's line after the unit it opens with, lying in that unit."""
    unit = head.place
    if unit is None or not unit.feature.startswith("ADM1"):
        return None
    end = text.find("\n", head.end)
    for mention in places:
        place = mention.place
        if mention.start <= head.start or mention.role != PlaceRole.LOCATION:
            continue
        if end >= 0 and mention.start > end:
            break
        if place is not None and place.feature.startswith("PPL") and place.admin1 == unit.admin1:
            return mention
    return None


_BANNER_SENTENCES = 3


def _banner(sent: Span) -> bool:
    """A title in capitals, or marks only, that names no place: a log's banner."""
    return all(ch.isupper() for ch in sent.text if ch.isalpha())


def tells_incident(tokens: list[Token]) -> bool:
    """Do the words after a dash tell the incident, not who reports it? "Huliaipole
    06:40 local — RU MLRS barrage on the town centre": a log's word for a kind of event
    (data/loglines.toml [kinds], the weapon list among them) is in them."""
    names = _words().kind_words
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
    table = _words()
    words = [(t, {t.lower_, t.lemma_.lower()}) for t in sent if t.i not in place_tokens]
    if any(forms & table.not_reports and not _harm_left_out(t) for t, forms in words):
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
    if not any(e.standalone for e in entries):
        return None  # "two soldiers were killed …; a drone was shot down" has its grammar
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    if end - start > _LOG_LINE_CHARS:
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
    return any(_after_place_label(text, doc[i].idx) for i in place_tokens)


# "Type: …", a table's "| Type | …"
_FIELD_LINE = re.compile(r"[ \t]*(?:\|[ \t]*)?(?:[A-Za-z]+[ \t]+){0,2}[A-Za-z]+[ \t]*[:|]")


def _line_start(sent: Span) -> int:
    """The index of the first token on the sentence's line."""
    i = sent.start
    while i > 0 and "\n" not in sent.doc[i - 1].whitespace_ + sent.doc[i - 1].text:
        i -= 1
    return i


def field_place(text: str, places: list[PlaceMention]) -> PlaceMention | None:
    """The place a record's field names ("Location: Dnipro, Dnipropetrovsk oblast."),
    for its events that name none in their own sentence."""
    for mention in places:
        if mention.place is None or mention.role != PlaceRole.LOCATION:
            continue
        if _after_place_label(text, mention.start):
            return mention
    return None


def _after_place_label(text: str, start: int) -> bool:
    """A record's place field's label ends right before ``start`` ("Location: …"), or a
    few lowercase words after it do ("Location: forest near Dymer", "Location: outskirts
    of Seredyna-Buda")."""
    words = _words()
    if words.field_label.search(text, max(0, start - 40), start) is not None:
        return True
    return words.field_label_loose.search(text, max(0, start - 80), start) is not None


_FIELD_END = re.compile(r"[\n|;]")


def field_actor(doc: Doc, resolve: Callable[[Token], Actor | None]) -> Actor | None:
    """Who a record's perpetrator field names ("Perpetrator: Russian military and FSB
    officers", "| Attributed to: Russian armed forces |"), resolved by ``resolve`` from
    the field's phrase; for its events that name no one."""
    text = doc_text(doc)
    for found in _words().perpetrator_label.finditer(text):
        stop = _FIELD_END.search(text, found.end())
        end = stop.start() if stop else len(text)
        span = doc.char_span(found.end(), end, alignment_mode="contract")
        if span is not None and len(span):
            actor = resolve(span.root)
            if actor is not None:
                return actor
    return None


def field_time(text: str, times: list[TimeExpr]) -> TimeExpr | None:
    """The date a record's date field gives ("Date: 2022-04-20", "Incident date: …"),
    for its events that give none of their own."""
    label = _words().date_label
    for time in times:
        if time.date_start is not None and label.search(text, max(0, time.start - 30), time.start):
            return time
    first = times[0] if times else None
    if first is not None and first.date_start is not None and _header_date(text, first):
        return first  # "Glushkovo, Kursk oblast - 24 Aug 2024. Ukrainian drones struck …"
    return None


# A header of place names before its date: "Glushkovo, Kursk oblast - 24 Aug 2024."
_HEADER_WORDS = frozenset({"oblast", "obl", "raion", "rn", "region", "district", "city", "of"})
_HEADER_END = re.compile(r"\s*(?:[.:]\s|[-–—|/]\s|->\s|→\s|\n|$)")


def _header_date(text: str, time: TimeExpr) -> bool:
    line = text.rfind("\n", 0, time.start) + 1
    if not all(ch.isupper() for ch in text[:line] if ch.isalpha()):
        return False  # only a banner in capitals above: "=== SHELLING LOG: … ===\nSevsk | …"
    before = text[line : time.start]
    if len(before) > 60:
        return False
    if not _HEADER_END.match(text, time.end):
        return False
    if not before.strip():
        return True  # "May 3, 2024: Russian occupation officials claimed that …"
    words = re.findall(r"[^\W\d_][\w'’.-]*", before)
    return bool(words) and all(
        w[0].isupper() or w.lower().rstrip(".") in _HEADER_WORDS for w in words
    )


def line_place(text: str, places: list[PlaceMention]) -> PlaceMention | None:
    """The one settlement of a log entry: a text of one short line whose settlement
    mentions all resolve to one place ("… raise the flag over STAROMAIORSKE (…) | village
    liberated …": the village is Staromaiorske). None for longer texts or several towns."""
    if "\n" in text.strip() or len(text) > _LOG_LINE_CHARS:
        return None
    towns = [
        m
        for m in places
        if m.place is not None
        and m.place.feature.startswith("PPL")
        and m.role == PlaceRole.LOCATION
    ]
    home = [m for m in towns if not _abroad(m)]
    towns = home or towns  # "MARIUPOL | … on the Drama Theatre": Drama is a site's word
    # "ZOLOCHEV (Zolochiv, Kharkiv obl.)": the namesake in the oblast the line names
    oblasts = {m.place.admin1 for m in places if m.place is not None and m.place.feature == "ADM1"}
    towns = [m for m in towns if m.place is not None and m.place.admin1 in oblasts] or towns
    names = {(m.place.name, m.place.admin1) for m in towns if m.place is not None}
    if len(names) == 1:
        return towns[0]
    # several: the first that is no bearing's reference ("TSYRKUNY (…, NE of Kharkiv city)")
    lead = [m for m in towns if not _BEARING.search(text[max(0, m.start - 24) : m.start])]
    return lead[0] if lead and len(names) <= _LINE_TOWNS else None


# "NE of", "3 km SW of", "north of": the town after it is a reference point, not the place
_BEARING = re.compile(
    r"\b(?:[NSEW]{1,3}|north|south|east|west|north-?east|north-?west|south-?east|"
    r"south-?west)\s+of\s*$",
    re.IGNORECASE,
)
_LINE_TOWNS = 3  # a line naming more towns than this is a digest, not one incident


_RECORD_CHARS = 1000  # a record of a few fields and a paragraph, at most


def _point(text: str, places: list[PlaceMention]) -> PlaceMention | None:
    """The settlement a short text's coordinate pairs all name ("LGOV 📍51.66, 35.27 |
    …"; the places stage resolves a pair to its nearest settlement), or None."""
    if len(text) > _RECORD_CHARS:
        return None
    points = [m for m in places if PlaceFlag.POINT in m.flags and m.place is not None]
    return points[0] if len({m.place.id for m in points if m.place}) == 1 else None


def record_header(
    text: str, sentences: list[Span], places: list[PlaceMention]
) -> tuple[PlaceMention | None, PlaceMention | None]:
    """Where a text's events are when their sentences do not say: a record's field
    ("Location: X") or header ("X, 8 July 2024: …"), which also beats a country or region
    an event names (``record_place``); and a log entry's one settlement, which only fills
    an event with no place of its own; a point the text gives stands for that settlement
    (``entry_place``)."""
    header = field_place(text, places) or header_place(sentences, places)
    return header, _point(text, places) or line_place(text, places)


def entry_place(
    own: PlaceMention | None, header: PlaceMention | None, line: PlaceMention | None, said: bool
) -> PlaceMention | None:
    """An event's place in a log entry or a record: its own or the header's
    (``record_place``), else the line's one settlement, but for a speech act (said where,
    unknown). A point the text gives (its geolocation) beats an own place that is no
    settlement or lies over ``POINT_KM`` from it ("… UA HIMARS hit a street #Kursk" with
    "📍51.66, 35.27": Lgov, not Kursk); the line's settlement beats the header's region
    it lies in; a hashtag's place files the post and gives way to a header or a line's
    settlement, and so does a place abroad to a header in the theatre (a site named after
    a town abroad: "the Drama Theatre", "Moscow Avenue")."""
    if own is not None and PlaceFlag.TAG in own.flags and (header or line):
        own = None  # "Slavyansk … S-300 x7 on a district #Donbas": the tag files the post
    home = header or line
    if own is not None and not said and home is not None and _abroad(own) and not _abroad(home):
        own = None  # "MARIUPOL | RU airstrike on the Drama Theatre": a site, not Drama
    place = record_place(own, header)
    if said:
        return place
    if line is not None and PlaceFlag.POINT in line.flags and not _near(place, line):
        return line
    if place is not None and header is not None and place.start == header.start:
        return record_place(place, line)  # "Sumy obl. | BILOPILLIA | …": the town in it
    if line is not None and _within(line, place):
        return line  # "TSYRKUNY (Kharkiv obl.) // Shahed x6 …": the town, not its oblast
    return place or line


def _within(town: PlaceMention, area: PlaceMention | None) -> bool:
    """``area`` is a region, raion or hromada (or the country) that ``town`` lies in, named
    in the town's sentence ("Near Kriachky blasts were heard. Rockets are hitting Kyiv
    region." keeps the region its own sentence names)."""
    inner, outer = town.place, area.place if area else None
    if inner is None or outer is None or outer.feature.startswith("PPL"):
        return False
    if area is None or town.sent != area.sent:
        return False
    if inner.country != outer.country:
        return False
    return outer.feature.startswith("PCL") or inner.admin1 == outer.admin1


POINT_KM = 25.0


def _abroad(mention: PlaceMention | None) -> bool:
    """A place outside the theatre's countries (relevance.toml ``theatre_countries``)."""
    place = mention.place if mention else None
    return place is not None and place.country not in theatre_countries()


def _near(mention: PlaceMention | None, point: PlaceMention) -> bool:
    here, there = (mention.place if mention else None), point.place
    if here is None or there is None or not here.feature.startswith("PPL"):
        return False
    return haversine_km(here.lat, here.lon, there.lat, there.lon) <= POINT_KM


def record_place(own: PlaceMention | None, field: PlaceMention | None) -> PlaceMention | None:
    """An event's place in a record: its own settlement, else the settlement of the
    record's field or header, which beats a country ("Location: Simferopol … detained
    him for spying for Ukraine"; "Weapon: Shahed-type drones (Russia)"), a unit it lies
    in, and a river or a sea the fire came over ("Location: Komyshany … shelled the
    suburb from the left bank of the Dnipro")."""
    if own is None or own.place is None or field is None or field.place is None:
        return own or field
    mine, theirs = own.place, field.place
    if not theirs.feature.startswith("PPL") or own.start == field.start:
        return own
    if mine.feature.startswith("PPL"):
        return own
    if mine.feature.startswith("ADM"):
        inside = theirs.country == mine.country and theirs.admin1 == mine.admin1
        return field if inside else own
    return field


__all__ = [
    "entry_place",
    "field_actor",
    "field_place",
    "field_time",
    "header_place",
    "after_header",
    "tells_incident",
    "line_cue",
    "line_passive",
    "line_place",
    "line_weapon",
    "record_header",
    "opens_log_line",
    "own_line",
    "record_place",
]
