"""The one data model every stage shares.

read -> RawDocument; clean -> Article; annotate -> spaCy Doc (not modelled here);
resolve -> PlaceMention, TimeExpr, Actor; extract -> Event (with Claim, Quantity);
fuse -> Incident; store/serve/export read these back.

Offsets (``start``/``end``) are always character offsets into ``Article.text``,
the cleaned text, so every derived field can point back to the words it came from.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from types import UnionType
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

T = TypeVar("T")


class DateSource(StrEnum):
    """Where an article's publication date came from, most trusted first."""

    METADATA = "metadata"  # JSON / HTML / feed metadata
    DATE_LINE = "date_line"  # a leading " date YYYY-MM-DD" line
    DATELINE = "dateline"  # a dated dateline ("KYIV, Sept 20 (Reuters) -")
    USER = "user"  # --date given on the command line, or `frontwatch redate`
    TELEGRAM = "telegram"  # a Telegram message's own date (read/telegram.py)
    UNKNOWN = "unknown"


# Publication dates outside these years are typing or parsing errors ("9999-12-31",
# "0001-01-01"); inside them, relative dates resolved against the article date and
# the time windows of fusion stay far from the calendar's ends (year 1 and 9999).
PLAUSIBLE_YEARS = range(1900, 2101)


def implausible_date(value: date) -> str | None:
    """Why ``value`` cannot be a publication date, or None when it can.

    The one range check every date source passes: metadata (JSON, HTML, feeds),
    date lines, datelines, ``--date``, ``redate`` and the upload API's ``date``.
    """
    if value.year in PLAUSIBLE_YEARS:
        return None
    first, last = PLAUSIBLE_YEARS[0], PLAUSIBLE_YEARS[-1]
    return f"implausible date {value.isoformat()} (year outside {first}-{last})"


class Status(StrEnum):
    """Modality of an event as reported (export column ``status``)."""

    HAPPENED = "happened"  # reported as fact by the outlet itself
    CLAIMED = "claimed"  # asserted by a party
    DENIED = "denied"  # a party says it did not happen
    CONFIRMED = "confirmed"  # independently confirmed
    ASSESSED = "assessed"  # third-party (intelligence) assessment
    PLANNED = "planned"  # announced for the future
    FAILED = "failed"  # attempted and failed ("attacks repelled")
    CONDITIONAL = "conditional"
    BACKGROUND = "background"  # context long before the article ("in Russian hands since 2014")


class GeoPrecision(StrEnum):
    POINT = "point"
    TOWN = "town"
    REGION = "region"
    COUNTRY = "country"


class TimePrecision(StrEnum):
    """How exactly a time expression's interval is known (export ``fw_time_precision``).

    ``REPORTED_BY`` is not a grain but a bound: the event is only known to be on or before
    the article date. It stays a precision value because the export column carries it so;
    ``TimeBasis`` says why an event got its time.
    """

    DAY = "day"
    RANGE = "range"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    REPORTED_BY = "reported_by"


class TimeBasis(StrEnum):
    """What an event's time was taken from (export column ``time_basis``)."""

    OWN = "own"  # a time expression governed by the event's own trigger
    STATEMENT = "statement"  # the time of the statement that reports it
    REPORTED_BY = "reported_by"  # only the article date, as an upper bound


class Tense(StrEnum):
    """The tense a time expression was anchored with."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


class PlaceRole(StrEnum):
    """What a place name does in its sentence."""

    LOCATION = "location"
    ACTOR = "actor"  # metonymy: "Kyiv said"
    DATELINE = "dateline"


class PlaceFlag(StrEnum):
    """Doubts about a place mention's resolution."""

    SUSPECT_FAR = "suspect_far"  # far from the article's other places
    UNRESOLVED = "unresolved"  # no gazetteer entry
    GARBLED = "garbled"  # resolved only after repairing the spelling
    COARSE = "coarse"  # resolved to a coarser unit than named
    POINT = "point"  # a coordinate pair, resolved to the settlement nearest to it
    TAG = "tag"  # a post's hashtag ("#Kursk"): what the post is filed under


class ActorKind(StrEnum):
    """What sort of actor a name stands for."""

    PERSON = "person"
    ORG = "org"
    FORCE = "force"
    GOVERNMENT = "government"
    OUTLET = "outlet"
    GROUP = "group"


class IncidentStatus(StrEnum):
    """How an incident stands across its reports (export column ``incident_status``)."""

    CORROBORATED = "corroborated"
    CLAIMED = "claimed"
    CONTESTED = "contested"
    ASSESSED = "assessed"


class ReviewStatus(StrEnum):
    """An analyst's word on an event (export column ``review_status``, docs/review.md)."""

    MACHINE = "machine"  # as the pipeline made it
    CORRECTED = "corrected"  # fields corrected (the event carries the reviewed values)
    VERIFIED = "verified"
    REJECTED = "rejected"  # left out of default exports, map, report and incidents


# ACLED geo_precision codes: 1 town, 2 near/part of region, 3 region (or larger).
ACLED_GEO_PRECISION = {
    GeoPrecision.POINT: 1,
    GeoPrecision.TOWN: 1,
    GeoPrecision.REGION: 3,
    GeoPrecision.COUNTRY: 3,
}

# ACLED time_precision codes: 1 day, 2 week or range, 3 month (or coarser).
ACLED_TIME_PRECISION = {
    TimePrecision.DAY: 1,
    TimePrecision.RANGE: 2,
    TimePrecision.WEEK: 2,
    TimePrecision.MONTH: 3,
    TimePrecision.YEAR: 3,
    TimePrecision.REPORTED_BY: 2,
}


def normalise_text(text: str) -> str:
    """The form of an article's text that its identity is computed from."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def event_id(article_id: str, fw_type: str, offset: int) -> str:
    """Stable id of an event: its article, its type and where its trigger starts."""
    return hashlib.sha1(f"{article_id}:{fw_type}:{offset}".encode()).hexdigest()[:16]


def content_id(text: str) -> str:
    """Stable id of a text: the same words give the same id, whatever the whitespace."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class ReadProblem:
    """A file (or one item in it) that could not be read; one line for the user."""

    path: str
    reason: str
    fatal: bool = True  # False: a warning, the document was still read

    def __str__(self) -> str:
        kind = "error" if self.fatal else "warning"
        return f"{kind}: {self.path}: {self.reason}"


@dataclass(slots=True)
class RawDocument:
    """What a reader found in a file, before cleaning."""

    path: str  # file it came from ('-' for standard input)
    text: str
    fmt: str  # seed | txt | jsonl | html | feed
    item: int = 0  # index of the document within its file (JSONL line, feed entry)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    date_source: DateSource = DateSource.UNKNOWN
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    origin: str | None = None  # who a forwarded post (Telegram) came from
    links: list[str] = field(default_factory=list)  # links of markup reduced to text


@dataclass(slots=True)
class Dateline:
    """The dateline that opens a wire story: "IZIUM, Ukraine -", "KYIV (Reuters) -"."""

    place: str | None  # the place as written ("IZIUM")
    start: int  # span of the whole dateline in the text it was found in
    end: int
    place_start: int = -1
    place_end: int = -1
    outlet: str | None = None  # "Reuters", "Central News Agency"
    published: date | None = None  # when the dateline carries a date
    date_text: str | None = None  # the dateline's date as written ("Sept 20")


@dataclass(slots=True)
class Article:
    """A cleaned article: boilerplate removed, date and dateline known where stated."""

    id: str
    path: str
    text: str
    fmt: str = "txt"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = "en"
    published: date | None = None
    date_source: DateSource = DateSource.UNKNOWN
    dateline: str | None = None  # the dateline's place as written ("IZIUM")
    dateline_span: tuple[int, int] | None = None
    origin: str | None = None  # a wire service the text names as its origin ("Reuters")
    boilerplate: list[str] = field(default_factory=list)  # lines removed as boilerplate
    flags: list[str] = field(default_factory=list)  # article-level suspicions
    warnings: list[str] = field(default_factory=list)
    # Links of markup reduced to text (Telegram); left out of the JSON form when empty.
    links: list[str] = field(default_factory=list, metadata={"omit_empty": True})


@dataclass(slots=True)
class Place:
    """A gazetteer entry."""

    id: str  # gazetteer key: "gn:707292", "adm1:UA-09", "curated:oskil"
    name: str
    lat: float
    lon: float
    feature: str  # GeoNames feature code: PPL, PPLA, ADM1, RGN, STM, PCLI, ...
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None = None
    geonameid: int | None = None
    population: int = 0
    source: str = "geonames"
    # gazetteer ids of the second- and third-level units it lies in, where the
    # gazetteer knows them ("ua:UA1402", a raion; "ua:UA1402001", a hromada)
    admin2: str | None = None
    admin3: str | None = None

    @property
    def precision(self) -> GeoPrecision:
        if self.feature.startswith("PCL"):
            return GeoPrecision.COUNTRY
        if self.feature.startswith("PPL"):
            return GeoPrecision.TOWN
        return GeoPrecision.REGION


@dataclass(slots=True)
class PlaceMention:
    """A place-like name in the text, resolved (or not) to a gazetteer entry."""

    start: int
    end: int
    text: str
    role: PlaceRole = PlaceRole.LOCATION
    place: Place | None = None
    flags: list[PlaceFlag] = field(default_factory=list)
    sent: int = -1  # index of the sentence it is in


@dataclass(slots=True)
class TimeExpr:
    """A temporal expression resolved against the article date (or kept relative)."""

    start: int
    end: int
    text: str
    date_start: date | None = None
    date_end: date | None = None
    precision: TimePrecision = TimePrecision.DAY
    relative: str | None = None  # "D", "D-1", "weekday before D": resolvable later
    tense: Tense = Tense.PAST  # the tense it was anchored with
    # TimeML (TIMEX3) reading, beside frontwatch's own interval and notation:
    timex_type: str | None = None  # DATE | TIME | DURATION | SET
    value: str | None = None  # "2022-09", "2022-W37", "P3D", "XXXX-WXX-4", "PRESENT_REF"


@dataclass(slots=True)
class Actor:
    """Someone (person, body, force, government) acting or speaking, with a side."""

    name: str  # as written
    side: str = "UNKNOWN"  # a code from data/sides.toml: UA, RU, RU-INST, THIRD, ...
    kind: ActorKind = ActorKind.GROUP
    canonical: str | None = None
    role: str | None = None  # "Governor of Luhansk Oblast"
    start: int = -1
    end: int = -1


@dataclass(slots=True)
class Quantity:
    value: float
    unit: str  # bodies, km, percent, settlements, people, ...
    text: str
    qualifier: str | None = None  # up to, more than, at least, about, as many as
    start: int = -1
    end: int = -1


@dataclass(slots=True)
class Claim:
    """Who asserts an event, through what channel and outlet, how hedged."""

    sentence_start: int
    sentence_end: int
    sentence: str  # the exact sentence (evidence)
    claimant: Actor | None = None
    channel: str | None = None  # telegram, televised address, intelligence update, ...
    outlet: str | None = None  # relaying outlet ("Reuters")
    hedges: list[str] = field(default_factory=list)
    unverified: bool = False  # the outlet says it could not verify
    reporting_verb: str | None = None


@dataclass(slots=True)
class Event:
    id: str
    article_id: str
    fw_type: str  # a key of data/taxonomy.toml
    trigger: str
    trigger_start: int
    trigger_end: int
    status: Status = Status.HAPPENED
    actor1: Actor | None = None  # who did it
    actor2: Actor | None = None  # to whom
    place: PlaceMention | None = None
    time: TimeExpr | None = None
    time_basis: TimeBasis = TimeBasis.REPORTED_BY
    quantities: list[Quantity] = field(default_factory=list)
    claim: Claim | None = None
    fatalities: int | None = None
    notes: str = ""
    injuries: int | None = None  # people wounded, where the text counts them
    incident_id: str | None = None
    incident_status: IncidentStatus | None = None
    review_status: ReviewStatus = ReviewStatus.MACHINE  # an analyst's review (docs/review.md)
    reviewed: list[str] = field(default_factory=list)  # fields an analyst corrected


@dataclass(slots=True)
class Incident:
    """Events from one or more articles that report the same happening."""

    id: str
    status: IncidentStatus
    event_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # origin article ids, not copies
    summary: str = ""


@dataclass(slots=True)
class ProcessedArticle:
    """Everything the per-article stages found in one article."""

    article: Article
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


# --- serialisation -----------------------------------------------------------
# One JSON form for every model, used by the store, the exports and the API, so
# that a database round-trips losslessly through JSON Lines.


def to_jsonable(value: Any) -> Any:
    """Plain JSON types for a model (dates as ISO strings, enums as their values)."""
    tp = type(value)
    if tp in _PLAIN:
        return value
    names = _field_names(tp)  # the exact type first: most values are models or plain
    if names is not None:
        omit = _OMIT_EMPTY.get(tp)
        if omit:
            return {
                name: to_jsonable(getattr(value, name))
                for name in names
                if name not in omit or getattr(value, name)
            }
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}
# Per model type: the fields marked ``omit_empty``, left out of the JSON form when empty
# (so that adding one changes no stored or exported row that does not use it).
_OMIT_EMPTY: dict[type, frozenset[str]] = {}


def _field_names(tp: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (None for any other type), looked up once."""
    try:
        return _FIELD_NAMES[tp]
    except KeyError:
        names = tuple(f.name for f in fields(tp)) if is_dataclass(tp) else None
        if names is not None:
            omit = frozenset(f.name for f in fields(tp) if f.metadata.get("omit_empty"))
            if omit:
                _OMIT_EMPTY[tp] = omit
        return _FIELD_NAMES.setdefault(tp, names)


def from_jsonable(cls: type[T], data: Any) -> T:
    """The model of type ``cls`` from its ``to_jsonable`` form."""
    return cast(T, _converter(cast(Any, cls))(data))


# One converter per type, built once from its hints: decoding a store's rows would
# otherwise inspect every field's type again for every row.


@cache
def _converter(tp: Any) -> Callable[[Any], Any]:
    origin = get_origin(tp)
    if origin in (UnionType, Union):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _same
    if origin is list:
        (item,) = get_args(tp) or (Any,)
        each = _converter(item)
        return _or_none(lambda data: [each(v) for v in data])
    if origin is tuple:
        return _or_none(tuple)
    if origin is dict:
        return _or_none(dict)
    if isinstance(tp, type) and is_dataclass(tp):
        return _or_none(_model_converter(tp))
    if tp is date:
        return _or_none(date.fromisoformat)
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return _or_none(tp)
    return _same


def _model_converter(cls: type) -> Callable[[dict[str, Any]], Any]:
    hints = _hints(cls)
    slots = [(f.name, _converter(hints[f.name])) for f in fields(cls)]

    def convert(data: dict[str, Any]) -> Any:
        return cls(**{name: conv(data[name]) for name, conv in slots if name in data})

    return convert


def _or_none(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def or_none(data: Any) -> Any:
        return None if data is None else convert(data)

    return or_none


def _same(data: Any) -> Any:
    return data


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)
