"""What reading and building the index share: where it lives, the curated data
directory, name kinds, a candidate, the prior of a place and the data version."""

from __future__ import annotations

import hashlib
import marshal
import math
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from frontwatch.models import Place

SCHEMA_VERSION = "4"
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


# Ukraine's settlements and units (built by scripts/build_ua_settlements.py) and the
# rules that spell their names as reporting does.
UA_SETTLEMENTS = data_dir() / "ua" / "settlements.tsv.gz"
UA_SPELLING = data_dir() / "ua" / "spelling.toml"
UA_FILES = (UA_SETTLEMENTS, UA_SPELLING)


@dataclass(slots=True, frozen=True)
class Candidate:
    """A place a name may refer to, and how the name matched it."""

    place: Place
    exact: bool  # the strict spelling matched, not only the folded key
    kind: int  # PRIMARY, ALIAS or ALTERNATE


_PLACE_COLS = (
    "id, name, lat, lon, feature, country, admin1, geonameid, population, source, admin2, admin3"
)
_PLACE_COLS_P = ", ".join("p." + c.strip() for c in _PLACE_COLS.split(","))


def _place(row: tuple) -> Place:
    return Place(
        id=row[0], name=row[1], lat=row[2], lon=row[3], feature=row[4], country=row[5],
        admin1=row[6], geonameid=row[7], population=row[8] or 0, source=row[9],
        admin2=row[10], admin3=row[11],
    )  # fmt: skip


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
    for path in sorted([*data_dir().glob("*.tsv"), data_dir() / "build.toml", *UA_FILES]):
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


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a curated tab-separated file; '#' lines are comments."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")
