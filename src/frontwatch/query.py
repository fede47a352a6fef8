"""One query layer: the CLI, the API, the page and the report ask the store through here.

``parse_filters`` and ``parse_page`` turn what a person typed (a command-line option, a
query parameter) into checked values, or raise ``QueryError`` (a ``ValueError``) with one
line saying what is wrong; the CLI prints that line and exits non-zero, the API answers
422 with it. The ``*_list`` and ``*_page`` functions build the rows every caller shows,
so an event, an incident or an entity has one shape and one filtering everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from frontwatch.lexicons import fw_types_for, load_toml, side_bloc, sides, taxonomy
from frontwatch.models import ActorKind, IncidentStatus, Status
from frontwatch.store import EventFilter, Store

MAX_PAGE = 1000
MAX_OFFSET = 2**63 - 1  # what SQLite and PostgreSQL take as an OFFSET
DEFAULT_PAGE = 100
EVENT_STATUSES = tuple(s.value for s in Status)
INCIDENT_STATUSES = tuple(s.value for s in IncidentStatus)
ENTITY_KINDS = (*(k.value for k in ActorKind), "place")
MAX_TEXT = 200
# Review statuses of incidents; the review log (serve/review.py, `frontwatch review`)
# registers its vocabulary and a reader of each incident's current status here.
REVIEW_STATUSES: list[str] = []
review_status_of: Callable[[Store], dict[str, str]] | None = None


class QueryError(ValueError):
    """A filter or page that cannot be answered; the message is one line for a person."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Checked filters; every field optional. ``types`` are fw_types (expanded)."""

    side: str | None = None
    type_name: str | None = None
    types: tuple[str, ...] | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    regions: tuple[str, ...] | None = None
    region: str | None = None
    language: str | None = None
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    review: str | None = None
    kind: str | None = None
    incident_id: str | None = None
    include_rejected: bool = False  # events an analyst rejected (docs/review.md)

    def event_filter(self, limit: int | None = None, offset: int = 0) -> EventFilter:
        return EventFilter(
            side=self.side,
            types=list(self.types) if self.types else None,
            status=self.status,
            since=self.since,
            until=self.until,
            bbox=self.bbox,
            text=self.text,
            regions=list(self.regions) if self.regions else None,
            language=self.language,
            incident_id=self.incident_id,
            include_rejected=self.include_rejected,
            limit=limit,
            offset=offset,
        )


@dataclass(frozen=True, slots=True)
class Page:
    limit: int = DEFAULT_PAGE
    offset: int = 0


# --- parsing ---------------------------------------------------------------------


def parse_side(value: str | None, name: str = "side") -> str | None:
    if not value:
        return None
    code = value.strip().upper()
    known = list(sides()) + ["UNKNOWN"]
    if code not in known:
        raise QueryError(f"unknown {name} {value!r}; use one of {', '.join(known)}")
    return code


def parse_status(
    value: str | None, statuses: Sequence[str] = EVENT_STATUSES, name: str = "status"
) -> str | None:
    if not value:
        return None
    status = value.strip().lower()
    if status not in statuses:
        raise QueryError(f"unknown {name} {value!r}; use one of {', '.join(statuses)}")
    return status


@lru_cache(maxsize=1)
def incident_groups() -> tuple[str, ...]:
    """Type groups incidents are formed in (front, strike, ...): data/incident_rules.toml."""
    return tuple(load_toml("incident_rules.toml").get("groups", {}))


def expand_types(
    value: str | None, groups: bool = False, name: str = "type"
) -> tuple[str, ...] | None:
    """fw_types for a type: an fw_type, a family, an ACLED event_type (or an incident group)."""
    if not value:
        return None
    found = fw_types_for(value.strip())
    if found:
        return tuple(found)
    if groups and value.strip().lower() in incident_groups():
        return ()
    choices = ", ".join(sorted(taxonomy()))
    raise QueryError(
        f"unknown {name} {value!r}; use an fw_type ({choices}), a family or an ACLED event_type"
    )


def parse_date(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise QueryError("bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise QueryError("bbox must satisfy -180<=west<=east<=180, -90<=south<=north<=90")
    return west, south, east, north


CODE = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")


def parse_region(value: str | None, name: str = "region") -> tuple[str, ...] | None:
    """Admin-1 codes (and country codes) for a region: "UA-63", "UA", "Kharkiv Oblast"."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if CODE.match(text):
        return (text.upper(),)
    from frontwatch.export import _gazetteer

    gaz = _gazetteer()
    codes = {
        place.id.removeprefix("adm1:") if place.id.startswith("adm1:") else place.country
        for name in (text, f"{text} Oblast")
        for place in gaz.lookup(name)
        if place.feature == "ADM1" or place.feature.startswith("PCL")
    }
    if not codes:
        raise QueryError(f"unknown {name} {value!r}; use a name, an ISO code (UA-63) or UA")
    return tuple(sorted(codes | {text}))  # a store may keep the unit's name as its code


def parse_language(value: str | None, name: str = "language") -> str | None:
    if not value:
        return None
    code = value.strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise QueryError(f"{name} must be a code such as en or uk, got {value!r}")
    return code


def parse_text(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise QueryError(f"text to search is longer than {MAX_TEXT} characters")
    return value.strip()


def parse_review(value: str | None) -> str | None:
    if not value:
        return None
    review = value.strip().lower()
    if review not in REVIEW_STATUSES:
        known = ", ".join(REVIEW_STATUSES) or "none recorded in this version"
        raise QueryError(f"unknown review status {value!r}; use one of {known}")
    return review


def parse_kind(value: str | None, name: str = "kind") -> str | None:
    if not value:
        return None
    kind = value.strip().lower()
    if kind not in ENTITY_KINDS:
        raise QueryError(f"unknown {name} {value!r}; use one of {', '.join(ENTITY_KINDS)}")
    return kind


def parse_filters(
    *,
    side: str | None = None,
    type_: str | None = None,
    status: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    region: str | None = None,
    language: str | None = None,
    q: str | None = None,
    bbox: str | None = None,
    review: str | None = None,
    kind: str | None = None,
    scope: str = "events",
    prefix: str = "",
) -> Filters:
    """Checked filters for ``scope`` (events, incidents, entities, articles); messages
    name each parameter with ``prefix`` ("--" for the command line)."""
    statuses = INCIDENT_STATUSES if scope == "incidents" else EVENT_STATUSES
    p = prefix
    start, end = parse_date(since, f"{p}since"), parse_date(until, f"{p}until")
    if start and end and start > end:
        raise QueryError(f"{p}since is after {p}until ({start} > {end})")
    return Filters(
        side=parse_side(side, f"{p}side"),
        type_name=type_.strip().lower() if type_ else None,
        types=expand_types(type_, scope == "incidents", f"{p}type"),
        status=parse_status(status, statuses, f"{p}status"),
        since=start,
        until=end,
        regions=parse_region(region, f"{p}region"),
        region=region.strip() if region else None,
        language=parse_language(language, f"{p}language"),
        text=parse_text(q),
        bbox=parse_bbox(bbox),
        review=parse_review(review),
        kind=parse_kind(kind, f"{p}kind"),
    )


def parse_page(limit: int | str | None = None, offset: int | str | None = None) -> Page:
    """A page: 1 <= limit <= MAX_PAGE, 0 <= offset <= MAX_OFFSET."""
    try:
        size = DEFAULT_PAGE if limit is None else int(limit)
        start = 0 if offset is None else int(offset)
    except ValueError:
        raise QueryError("limit and offset must be whole numbers") from None
    if not 1 <= size <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}, got {size}")
    if not 0 <= start <= MAX_OFFSET:
        raise QueryError(f"offset must be between 0 and {MAX_OFFSET}, got {start}")
    return Page(size, start)


def paged(items: Sequence[dict[str, Any]], total: int, page: Page) -> dict[str, Any]:
    """The one list shape of the API: total, items, and where the next page starts."""
    more = page.offset + len(items) < total
    return {
        "total": total,
        "items": list(items),
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.offset + page.limit if more else None,
    }


def window(rows: Sequence[dict[str, Any]], page: Page) -> dict[str, Any]:
    """A page of rows already in memory."""
    if page.offset >= len(rows):
        return paged([], len(rows), page)
    return paged(rows[page.offset : page.offset + page.limit], len(rows), page)


# --- events ----------------------------------------------------------------------


def event_list(store: Store, flt: Filters) -> list[dict[str, Any]]:
    """Every event the filters keep, as export rows, in date order."""
    from frontwatch.serve.views import event_rows

    return event_rows(store, store.events(flt.event_filter()))


def events_page(store: Store, flt: Filters, page: Page) -> dict[str, Any]:
    from frontwatch.serve.views import event_rows

    base = flt.event_filter()
    total = store.event_count(base)
    if page.offset >= total:
        return paged([], total, page)
    found = store.events(replace(base, limit=page.limit, offset=page.offset))
    return paged(event_rows(store, found), total, page)


# --- incidents -------------------------------------------------------------------


def incident_title(row: dict[str, Any], types: Sequence[str] = ()) -> str:
    """What happened where and when, and whose word it is: "Shelling, Kupiansk, 6 May
    2022: contested (RU vs UA)". ``types``: the events' fw_types in order; the most
    frequent (the first of equals) names the incident."""
    counts = Counter(types or row.get("fw_types", []))
    what = counts.most_common(1)[0][0].replace("_", " ").capitalize() if counts else "Event"
    parts = [what, *row.get("locations", [])[:1]]
    start, end = row.get("date_start"), row.get("date_end")
    if start:
        parts.append(_days(start, end or start))
    title = ", ".join(parts) + f": {row.get('status', '')}"
    blocs = [s for s in row.get("sides", []) if s != "UNKNOWN"]
    return title + (f" ({' vs '.join(blocs)})" if blocs else "")


def _days(first: str, last: str) -> str:
    """ "6 May 2022", "6–8 May 2022", "30 April–2 May 2022", "30 December 2022–2 January 2023"."""
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    if a == b:
        return f"{a.day} {a:%B} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%B} {b.year}"
    if a.year == b.year:
        return f"{a.day} {a:%B}–{b.day} {b:%B} {b.year}"
    return f"{a.day} {a:%B} {a.year}–{b.day} {b:%B} {b.year}"


def incident_list(store: Store, flt: Filters | None = None) -> list[dict[str, Any]]:
    """Incident summaries (with ``title`` and ``group``) the filters keep, by date."""
    from frontwatch.serve.views import ArticleCache, event_rows, incident_summary
    from frontwatch.store import fusion

    flt = flt or Filters()
    incidents = store.incidents()
    if not incidents:
        return []
    details = fusion.incident_details(store)
    reviews = review_status_of(store) if review_status_of else {}
    by_id = {ev.id: ev for ev in store.events()}
    cache = ArticleCache(store)
    rows = []
    for incident in incidents:
        events = [by_id[e] for e in incident.event_ids if e in by_id]
        row = incident_summary(incident, event_rows(store, events, cache))
        detail = details.get(incident.id, {})
        row["group"] = detail.get("group")
        row["why"] = detail.get("why")
        row["parties"] = detail.get("sides", [])
        row["admin1_codes"] = sorted(
            {c for e in events if e.place and e.place.place for c in _codes(e.place.place)}
        )
        row["review_status"] = reviews.get(incident.id)
        row["title"] = incident_title(row, [e.fw_type for e in events])
        if incident_matches(row, flt):
            rows.append(row)
    return sorted(rows, key=lambda r: (r["date_start"] is None, r["date_start"] or "", r["id"]))


def _codes(place: Any) -> Iterable[str]:
    return [c for c in (place.admin1, place.country) if c]


def incident_matches(row: dict[str, Any], flt: Filters) -> bool:
    """One incident against the filters: a side that speaks in it or is party to it,
    a type among its events (or its group), dates overlapping, a region it touches."""
    if flt.status and row["status"] != flt.status:
        return False
    if flt.review and row.get("review_status") != flt.review:
        return False
    if flt.side:
        blocs = set(row["sides"]) | {side_bloc(s) or s for s in row.get("parties", [])}
        if (side_bloc(flt.side) or flt.side) not in blocs:
            return False
    if flt.types is not None and not (
        set(flt.types) & set(row["fw_types"]) or flt.type_name == row.get("group")
    ):
        return False
    if flt.since and (not row["date_end"] or row["date_end"] < flt.since.isoformat()):
        return False
    if flt.until and (not row["date_start"] or row["date_start"] > flt.until.isoformat()):
        return False
    if flt.regions and not set(flt.regions) & set(row.get("admin1_codes", [])):
        return False
    return not (flt.text and flt.text.lower() not in row["title"].lower())


def incidents_page(store: Store, flt: Filters, page: Page) -> dict[str, Any]:
    return window(incident_list(store, flt), page)


# --- entities and articles -------------------------------------------------------


def entity_list(store: Store, flt: Filters) -> list[dict[str, Any]]:
    """People, bodies and places with spellings and counts, by kind, side and name."""
    from frontwatch.serve.views import entities

    text = flt.text.lower() if flt.text else None
    return [
        e
        for e in entities(store)
        if (not flt.kind or e["kind"] == flt.kind)
        and (not flt.side or e.get("side") == flt.side)
        and (not text or any(text in s.lower() for s in [e["name"], *e["spellings"]]))
    ]


def entities_page(store: Store, flt: Filters, page: Page) -> dict[str, Any]:
    return window(entity_list(store, flt), page)


@dataclass(slots=True)
class _ArticleMatch:
    flt: Filters
    text: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.text = self.flt.text.lower() if self.flt.text else None

    def __call__(self, a: Any) -> bool:
        flt = self.flt
        if flt.language and a.language != flt.language:
            return False
        if flt.since and (not a.published or a.published < flt.since):
            return False
        if flt.until and (not a.published or a.published > flt.until):
            return False
        haystack = " ".join(x for x in (a.title, a.outlet, a.url, a.path) if x).lower()
        return not (self.text and self.text not in haystack)


def articles_page(store: Store, flt: Filters, page: Page) -> dict[str, Any]:
    """Articles, newest stored first as the store keeps them; filtered by language,
    publication date and words of the title, outlet or address."""
    from frontwatch.serve.views import article_summary

    if not (flt.language or flt.since or flt.until or flt.text):
        total = store.article_count()
        found = store.articles(page.limit, page.offset) if page.offset < total else []
    else:
        matches = _ArticleMatch(flt)
        matching = [a for a in store.articles() if matches(a)]
        total = len(matching)
        found = matching[page.offset : page.offset + page.limit]
    counts = store.event_counts(a.id for a in found)
    return paged([article_summary(a, counts[a.id]) for a in found], total, page)
