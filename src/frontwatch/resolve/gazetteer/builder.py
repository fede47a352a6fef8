"""The index writer: collects places and names from the sources, then writes the
SQLite file (places, first words, countries, and the marshalled candidates)."""

from __future__ import annotations

import marshal
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from frontwatch.lexicons import load_toml
from frontwatch.models import Place
from frontwatch.resolve.gazetteer.common import (
    _PLACE_COLS_P,
    ALTERNATE,
    PRIMARY,
    data_version,
)
from frontwatch.resolve.names import fold, strict_key


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
            " population INTEGER, source TEXT, admin2 TEXT, admin3 TEXT);"
            # names: only while building (the candidates table holds them for lookups)
            "CREATE TEMP TABLE names (loose TEXT, strict TEXT, kind INTEGER, place_id TEXT);"
            "CREATE TABLE first_words (word TEXT PRIMARY KEY) WITHOUT ROWID;"
            "CREATE TABLE countries (country TEXT PRIMARY KEY, neighbours TEXT);"
        )
        conn.executemany("INSERT INTO countries VALUES (?,?)", self.neighbours.items())
        conn.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
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
        p.population, p.source, p.admin2, p.admin3,
    )  # fmt: skip
