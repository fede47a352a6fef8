"""Where and when a record or a log entry says its events were: a record's fields
("Location: …", "Date: …", "Perpetrator: …"), its header ("Kyiv, 8 July 2024: …",
"ZAPORIZHZHIA OBLAST | KOMYSHUVAKHA", a banner above), a log line's one settlement or the
point it gives; and which of these an event's own place gives way to (``entry_place``,
``record_place``). The labels and header words are data/loglines.toml's, read with the
log-line words (loglines.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from frontwatch.annotate.text import HEADER_MARKS, doc_text, opens_line
from frontwatch.extract.loglines import LOG_LINE_CHARS, NUMERIC, after_place_label, log_words
from frontwatch.extract.relevance import theatre_countries
from frontwatch.geo import haversine_km
from frontwatch.models import Actor, PlaceFlag, PlaceMention, PlaceRole, TimeExpr


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
        if inside and PlaceFlag.TAG in inside[0].flags and _town_after(inside[0], places):
            inside = inside[1:]  # "#Zaporizhzhia | … | STEPNOHIRSK: …": the tag files the post
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
    units = log_words().header_words
    for token in first:
        if any(a <= token.idx < b for a, b in spans) or token.is_punct or token.is_space:
            continue
        if token.i < first.end - 1 and token.nbor(1).text == ":" and token.idx < spans[0][0]:
            continue  # the line's label: "Record: Zhytomyr city, 7 June 2024"
        if token.ent_type_ in ("DATE", "TIME") or token.like_num or NUMERIC.fullmatch(token.text):
            continue  # "Vinnytsia, 14 July 2022.", "27.06.2022 - Kremenchuk, …"
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.pos_ == "PROPN" and after is not None and after.lower_ in units:
            continue  # "Poltava oblast": the unit's name
        if token.lower_ not in units:
            return None  # the sentence says more than where
    return inside[0]


def _town_after(tag: PlaceMention, places: list[PlaceMention]) -> bool:
    """A settlement field in capitals, with no hashtag, after the tag on its line."""
    return any(
        m.start > tag.start
        and m.sent == tag.sent
        and m.text.isupper()
        and PlaceFlag.TAG not in m.flags
        and m.place is not None
        and m.place.feature.startswith("PPL")
        for m in places
    )


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


def field_place(text: str, places: list[PlaceMention]) -> PlaceMention | None:
    """The place a record's field names ("Location: Dnipro, Dnipropetrovsk oblast."),
    for its events that name none in their own sentence."""
    for mention in places:
        if mention.place is None or mention.role != PlaceRole.LOCATION:
            continue
        if after_place_label(text, mention.start):
            return mention
    return None


_FIELD_END = re.compile(r"[\n|;]")


def field_actor(doc: Doc, resolve: Callable[[Token], Actor | None]) -> Actor | None:
    """Who a record's perpetrator field names ("Perpetrator: Russian military and FSB
    officers", "| Attributed to: Russian armed forces |"), resolved by ``resolve`` from
    the field's phrase; for its events that name no one."""
    text = doc_text(doc)
    for found in log_words().perpetrator_label.finditer(text):
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
    label = log_words().date_label
    for time in times:
        if time.date_start is not None and label.search(text, max(0, time.start - 30), time.start):
            return time
    first = times[0] if times else None
    if first is not None and first.date_start is not None and _header_date(text, first):
        return first  # "Glushkovo, Kursk oblast - 24 Aug 2024. Ukrainian drones struck …"
    return None


# A header of place names before its date: "Glushkovo, Kursk oblast - 24 Aug 2024."
_HEADER_WORDS = frozenset({"oblast", "obl", "raion", "rn", "region", "district", "city", "of"})
# (a clock time may follow the date: "Komyshany | 20.03.2023 05:15 | …")
_HEADER_END = re.compile(
    r"(?:\s+~?\d{1,2}:\d{2}(?:\s*(?:local|LT|UTC|Kyiv))?)?\s*(?:[.:]\s|[-–—|/]\s|->\s|→\s|\n|$)"
)


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
    if "\n" in text.strip() or len(text) > LOG_LINE_CHARS:
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
    untagged = [m for m in towns if PlaceFlag.TAG not in m.flags]
    towns = untagged or towns  # "#Zaporizhzhia | … | STEPNOHIRSK: …": the tag files the post
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
    "line_place",
    "record_header",
    "record_place",
]
