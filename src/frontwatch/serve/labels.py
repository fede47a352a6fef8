"""Names for the base map: towns and oblasts from the gazetteer, for the page to draw
as text (so a cluster can be placed without clicking, and the names are in the DOM for
screen readers, the browser's search and the tests).

Each label has a ``tier``: the page shows tier 0 (oblasts) and 1 (cities of 500,000 or
capitals) from the start and the smaller tiers as the map zooms in (web/src/labels.js).
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import Any

from frontwatch.geo import haversine_km

# Ukraine and the Russian border regions where fighting and strikes are reported:
# west, south, east, north in degrees (the base layer's admin-1 shapes cover this).
AREA = (22.0, 44.0, 41.5, 53.0)
COUNTRIES = ("UA", "RU", "BY", "MD")
MIN_POPULATION = 10_000
# Population thresholds of tiers 1..4 (tier 0 is the oblasts).
TIERS = (500_000, 100_000, 30_000, MIN_POPULATION)
# Sections of towns (PPLX: Kyiv's Darnytsia), historical, abandoned or destroyed places
# (PPLH, PPLQ, PPLW, PPLCH) are left out: they are not what a reader looks for on a map.
NEAR_KM = 8  # two entries of one town (city and its settlement) closer than this: one label
ATTRIBUTION = "Place names: GeoNames (CC BY 4.0)"


def _inside(bigger: dict[str, Any], name: str, lat: float, lon: float) -> bool:
    """A second entry of the same town (within NEAR_KM), or a district of a bigger one
    (GeoNames lists Kyiv's and Kharkiv's districts as towns): within sqrt(population) /
    100 km of a bigger town, 17 km for Kyiv, so Bucha and Brovary stay."""
    reach = NEAR_KM if bigger["name"] == name else bigger["population"] ** 0.5 / 100
    return haversine_km(lat, lon, bigger["lat"], bigger["lon"]) < reach


def _tier(population: int, feature: str) -> int:
    if feature == "PPLC":
        return 1
    return next(i + 1 for i, floor in enumerate(TIERS) if population >= floor)


@lru_cache(maxsize=1)
def place_labels() -> tuple[dict[str, Any], ...]:
    """Oblast and town labels inside AREA, biggest first; read once per process."""
    from frontwatch.resolve.gazetteer import Gazetteer

    gaz = Gazetteer.open()
    if gaz.path is None:
        return ()
    west, south, east, north = AREA
    conn = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT name, lat, lon, feature, country, population FROM places "
            "WHERE lon BETWEEN ? AND ? AND lat BETWEEN ? AND ? AND country IN (?,?,?,?) "
            "AND ((feature LIKE 'PPL%' AND feature NOT IN ('PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH')"
            " AND population >= ?) OR (feature = 'ADM1' AND country='UA'))"
            " ORDER BY feature = 'ADM1' DESC, population DESC, name",
            (west, east, south, north, *COUNTRIES, MIN_POPULATION),
        ).fetchall()
    finally:
        conn.close()
    kept: list[dict[str, Any]] = []
    for name, lat, lon, feature, country, population in rows:
        town = feature != "ADM1"
        if town and any(_inside(k, name, lat, lon) for k in kept if k["kind"] == "town"):
            continue
        kept.append(
            {
                "name": name,
                "lat": round(lat, 4),
                "lon": round(lon, 4),
                "kind": "town" if town else "oblast",
                "tier": _tier(population or 0, feature) if town else 0,
                "country": country,
                "population": population or 0,
            }
        )
    return tuple(kept)


def labels_payload() -> dict[str, Any]:
    return {"attribution": ATTRIBUTION, "labels": list(place_labels())}
