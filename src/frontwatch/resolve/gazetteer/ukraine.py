"""Ukraine's settlements, hromadas and raions in the index (data/places/ua/).

``settlements.tsv.gz`` (built by scripts/build_ua_settlements.py from KATOTTG,
OpenStreetMap, OCHA and GeoNames; ODbL, see its LICENCE) holds every unit and
settlement in Ukrainian; ``spelling.toml`` holds the rules that spell them as
reporting does. ``add_ukraine`` adds:

- raions (ADM2, id ``ua:UA1402``) and hromadas (ADM3, ``ua:UA1402001``), named
  both ways reporting names them ("Bakhmutskyi raion", "the Bakhmut district",
  "Bakhmutska hromada", "Bakhmut community", in Cyrillic too);
- settlements (PPL, ``ua:UA1402001001``) with their raion and hromada, under the
  official romanisation, the 1965 BGN/PCGN one, a Russian-derived form, the
  Cyrillic name, OCHA's English name where it differs (mostly pre-2016 names:
  "Artemivsk") and, for a hromada's centre, the Russian form of the hromada's name
  ("Волчанская" -> "Volchansk" for Vovchansk). A settlement that GeoNames already
  has (a name with the same fold key within ``merge.max_km``) is that entry,
  given the codifier's units and names, not a second place.
"""

from __future__ import annotations

import gzip
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.lexicons import load_toml
from frontwatch.models import Place
from frontwatch.resolve.gazetteer.builder import Builder, _Entry
from frontwatch.resolve.gazetteer.common import (
    ALIAS,
    ALTERNATE,
    PRIMARY,
    UA_SETTLEMENTS,
)
from frontwatch.resolve.names import fold

SETTLEMENT_KINDS = frozenset("MXC")


@dataclass(frozen=True, slots=True)
class Spelling:
    official: dict[str, str]
    initial: dict[str, str]
    pairs: dict[str, str]
    bgn: dict[str, str]
    ru_endings: list[tuple[str, str]]  # longest first
    ru_letters: dict[str, str]
    ru_variant: dict[str, str]
    ru_roman: dict[str, str]
    ru_ye_after: str
    units: dict[str, object]
    oblasts: dict[str, str]
    population: dict[str, int]
    merge_km: float
    press_endings: list[tuple[str, str]]  # longest first


@lru_cache(maxsize=1)
def spelling() -> Spelling:
    cfg = load_toml("places/ua/spelling.toml")
    ru = cfg["russian"]
    return Spelling(
        official=cfg["official"]["letters"],
        initial=cfg["official"]["initial"],
        pairs=cfg["official"]["pairs"],
        bgn={**cfg["official"]["letters"], **cfg["bgn_1965"]["letters"]},
        ru_endings=sorted(ru["endings"].items(), key=lambda kv: -len(kv[0])),
        ru_letters=ru["letters"],
        ru_variant=ru["variant_letters"],
        ru_roman=ru["romanise"],
        ru_ye_after=ru["ye"]["after"],
        units=cfg["units"],
        oblasts=cfg["oblasts"],
        population={k: int(v) for k, v in cfg["population"].items()},
        merge_km=float(cfg["merge"]["max_km"]),
        press_endings=sorted(cfg["press"]["endings"].items(), key=lambda kv: -len(kv[0])),
    )


def _romanise(name: str, letters: dict[str, str], initial: dict[str, str], sp: Spelling) -> str:
    out: list[str] = []
    low = name.lower()
    i = 0
    while i < len(name):
        pair = low[i : i + 2]
        start = i == 0 or not low[i - 1].isalpha() and low[i - 1] not in "'’ʼ"
        if pair in sp.pairs:
            piece, step = sp.pairs[pair], 2
        elif start and low[i] in initial:
            piece, step = initial[low[i]], 1
        elif low[i] in letters:
            piece, step = letters[low[i]], 1
        else:
            piece, step = low[i], 1
        if name[i].isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
        i += step
    return "".join(out)


def official(name: str) -> str:
    """The official romanisation (2010): "Гуляйполе" -> "Huliaipole"."""
    sp = spelling()
    return _romanise(name, sp.official, sp.initial, sp)


def bgn_1965(name: str) -> str:
    """The 1965 BGN/PCGN romanisation: "Лисичанськ" -> "Lysychans'k"."""
    sp = spelling()
    return _romanise(name, sp.bgn, sp.initial, sp)


def russian_form(name: str, variant: bool = False) -> str:
    """The usual Russian shape of a Ukrainian name, romanised: "Горлівка" ->
    "Gorlovka", "Авдіївка" -> "Avdeyevka", "Кремінна" -> "Kreminnaya"; with
    ``variant``, і inside a word is е ("Kremennaya", "Orekhov")."""
    sp = spelling()
    head, _, last = name.rpartition(" ")
    for ending, replacement in sp.ru_endings:
        if last.lower().endswith(ending) and len(last) > len(ending) + 1:
            last = last[: -len(ending)] + replacement
            break
    text = f"{head} {last}" if head else last
    if variant:
        text = "".join(
            sp.ru_variant.get(ch, ch) if i and text[i - 1].isalpha() else ch
            for i, ch in enumerate(text)
        )
    out = []
    for ch in text:
        piece = sp.ru_letters.get(ch.lower(), ch.lower())
        out.append(piece.upper() if ch.isupper() else piece)
    return russian_romanise("".join(out))


def russian_romanise(text: str) -> str:
    """Russian Cyrillic as English-language news writes it ("Волчанск" -> "Volchansk")."""
    sp = spelling()
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low == "е" and (
            i == 0 or not text[i - 1].isalpha() or text[i - 1].lower() in sp.ru_ye_after
        ):
            piece = "ye"
        else:
            piece = sp.ru_roman.get(low, low)
        out.append(piece[:1].upper() + piece[1:] if ch.isupper() and piece else piece)
    return "".join(out)


def settlement_names(uk: str, en: str) -> dict[str, int]:
    """Every spelling of a settlement's name, with its kind."""
    names = {official(uk): PRIMARY}
    for variant in (bgn_1965(uk), russian_form(uk), russian_form(uk, variant=True), uk):
        names.setdefault(variant, ALTERNATE)
    if en and en not in names:
        names[en] = ALTERNATE  # OCHA's English name: mostly a former name (pre-2016)
    for name in list(names):
        names.setdefault(press_form(name), ALTERNATE)
    return names


def press_form(name: str) -> str:
    """A Latin adjective-shaped name as English-language news shortens it
    ("Pervomaiskyi", "Pervomayskiy" -> "Pervomaisky", "Pervomaysky"); other names as
    they are."""
    head, _, last = name.rpartition(" ")
    for ending, short in spelling().press_endings:
        if last.endswith(ending) and len(last) > len(ending) + 3:
            last = last[: -len(ending)] + short
            return f"{head} {last}" if head else last
    return name


_RU_ADJ = ("ская", "цкая", "зкая", "ая", "ий", "ый")
_UK_ADJ = ("ська", "цька", "зька", "а", "ій", "ий")


def centre_russian(unit_uk: str, unit_ru: str, centre_uk: str) -> str | None:
    """The centre's Russian name from the hromada's ("Вовчанська"/"Волчанская",
    centre "Вовчанськ" -> "Волчанск"): the Russian adjective less the ending that
    the Ukrainian adjective adds to the centre's name."""
    uk_word, ru_word = unit_uk.split(" ")[0], unit_ru.split(" ")[0]
    if not centre_uk or not ru_word or not uk_word.lower().startswith(centre_uk.lower()):
        return None
    rest = uk_word[len(centre_uk) :].lower()
    for uk_end, ru_end in zip(_UK_ADJ, _RU_ADJ, strict=True):
        if rest == uk_end and ru_word.lower().endswith(ru_end):
            stem = ru_word[: -len(ru_end)]
            return stem if abs(len(stem) - len(centre_uk)) <= 3 else None
    return None


@dataclass(slots=True)
class _Row:
    code: str
    kind: str
    uk: str
    en: str
    ru: str
    centre: str
    lat: float | None
    lon: float | None


def read_rows() -> list[_Row]:
    rows = []
    with gzip.open(UA_SETTLEMENTS, "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            code, kind, uk, en, ru, centre, lat, lon, _src = line.rstrip("\n").split("\t")
            rows.append(
                _Row(
                    code,
                    kind,
                    uk,
                    en,
                    ru,
                    centre,
                    float(lat) if lat else None,
                    float(lon) if lon else None,
                )  # fmt: skip
            )
    return rows


def _unit_names(row: _Row, words: list[str], uk_word: str) -> dict[str, int]:
    """ "Bakhmutskyi raion", "Bakhmut district", "Бахмутський район", ..."""
    base = [official(row.uk)] + ([row.en] if row.en else [])
    if row.centre:
        base.append(official(row.centre))
    names: dict[str, int] = {}
    for stem in base:
        for word in words:
            names.setdefault(f"{stem} {word}", ALIAS)
    names.setdefault(f"{row.uk} {uk_word}", ALIAS)
    if row.ru:
        names.setdefault(f"{row.ru} {uk_word}", ALIAS)
        for word in words:  # "Volnovakhsky Raion", "Volnovakhsky district", ...
            names.setdefault(f"{russian_romanise(row.ru)} {word}", ALTERNATE)
    return names


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat = math.radians((lat1 + lat2) / 2)
    dx = math.radians(lon2 - lon1) * math.cos(lat)
    return 6371.0 * math.hypot(dx, math.radians(lat2 - lat1))


def _geonames_by_key(b: Builder) -> dict[str, list[_Entry]]:
    """GeoNames' populated places in Ukraine, by the fold key of each name."""
    found: dict[str, list[_Entry]] = defaultdict(list)
    for entry in b.entries.values():
        p = entry.place
        if p.country == "UA" and p.feature.startswith("PPL") and p.id.startswith("gn:"):
            for name in entry.names:
                found[fold(name)].append(entry)
    return found


def _same_settlement(
    names: dict[str, int], lat: float, lon: float, index: dict[str, list[_Entry]],
    taken: set[str], max_km: float,
) -> _Entry | None:  # fmt: skip
    best: tuple[float, _Entry] | None = None
    for name in names:
        for entry in index.get(fold(name), ()):
            d = _km(lat, lon, entry.place.lat, entry.place.lon)
            if d <= max_km and entry.place.id not in taken and (best is None or d < best[0]):
                best = (d, entry)
    return best[1] if best else None


def add_ukraine(b: Builder) -> dict[str, int]:
    """Raions, hromadas and settlements of Ukraine; returns counts."""
    sp = spelling()
    rows = read_rows()
    by_code = {r.code: r for r in rows}
    index, taken = _geonames_by_key(b), set[str]()
    stats = {"ua_units": 0, "ua_settlements": 0, "ua_merged": 0}
    units = sp.units
    for row in rows:
        admin1 = sp.oblasts.get(row.code[:4])
        if row.lat is None or row.lon is None or admin1 is None:
            continue
        if row.kind in ("P", "H"):
            level = "raion" if row.kind == "P" else "hromada"
            words = list(units[level])  # type: ignore[call-overload]
            place = Place(
                # named with its unit word: a bare adjective ("Kirovska") would
                # match every "Kirovsky" in the news
                id=f"ua:{row.code}", name=f"{row.en or official(row.uk)} {words[0].title()}",
                lat=row.lat, lon=row.lon,
                feature="ADM2" if row.kind == "P" else "ADM3", country="UA", admin1=admin1,
                source="katottg", admin2=f"ua:{row.code[:6]}",
                admin3=f"ua:{row.code}" if row.kind == "H" else None,
            )  # fmt: skip
            names = _unit_names(row, words, str(units[f"{level}_uk"]))
            b.add(place, [])
            for name, kind in names.items():
                b.add_name(place.id, name, kind)
            stats["ua_units"] += 1
            continue
        if row.kind not in SETTLEMENT_KINDS:
            continue
        names = settlement_names(row.uk, row.en)
        hromada = by_code.get(row.code[:9])
        if hromada and hromada.centre == row.uk and hromada.ru:
            ru = centre_russian(hromada.uk, hromada.ru, row.uk)
            if ru:
                names.setdefault(russian_romanise(ru), ALTERNATE)
                names.setdefault(ru, ALTERNATE)
        admin2, admin3 = f"ua:{row.code[:6]}", f"ua:{row.code[:9]}"
        same = _same_settlement(names, row.lat, row.lon, index, taken, sp.merge_km)
        if same is not None:
            taken.add(same.place.id)
            p = same.place
            p.admin1, p.admin2, p.admin3 = admin1, admin2, admin3
            p.population = max(p.population, sp.population.get(row.kind, 0))
            pid = p.id
            stats["ua_merged"] += 1
        else:
            place = Place(
                id=f"ua:{row.code}", name=official(row.uk), lat=row.lat, lon=row.lon,
                feature="PPL", country="UA", population=sp.population.get(row.kind, 0),
                source="katottg", admin1=admin1, admin2=admin2, admin3=admin3,
            )  # fmt: skip
            b.add(place, [])
            pid = place.id
        for name, kind in names.items():
            b.add_name(pid, name, kind)
        stats["ua_settlements"] += 1
    add_oblast_names(b, rows, sp)
    return stats


def _centre_city(adjective: str, cities: list[_Row]) -> _Row | None:
    """The city an oblast's adjective is made from ("Вінницька" -> Вінниця,
    "Запорізька" -> Запоріжжя): the longest shared beginning, at most three letters
    short of the city's whole name."""
    best: tuple[int, int, _Row] | None = None
    for city in cities:
        common = 0
        for a, c in zip(adjective.lower(), city.uk.lower(), strict=False):
            if a != c:
                break
            common += 1
        if common >= 3 and common >= len(city.uk) - 3:
            key = (common, -len(city.uk), city)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def add_oblast_names(b: Builder, rows: list[_Row], sp: Spelling) -> None:
    """An oblast is named after its centre ("Миколаївська" after Миколаїв): every
    Latin name of the centre's entry, with "region" and "oblast", names the oblast
    too ("Nikolaev region", "Zaporozhye oblast", "Kharkov region")."""
    cities = [r for r in rows if r.kind == "M"]
    for row in rows:
        iso = sp.oblasts.get(row.code)
        if row.kind != "O" or iso is None or f"adm1:{iso}" not in b.entries:
            continue
        entry = b.entries[f"adm1:{iso}"]
        centre = _centre_city(row.uk.split(" ")[0], [r for r in cities if r.code[:4] == row.code])
        if centre is None:
            continue
        city = b.entries.get(f"ua:{centre.code}") or _entry_named(b, centre, iso)
        names = list(city.names) if city else [official(centre.uk)]
        for name in names:
            if name.isascii() and name[:1].isupper():
                for word in ("region", "oblast"):
                    b.add_name(entry.place.id, f"{name} {word}", ALIAS)


def _entry_named(b: Builder, centre: _Row, iso: str) -> _Entry | None:
    """The GeoNames entry the centre was merged into (it carries the codifier's
    hromada id and the centre's official name)."""
    want = official(centre.uk)
    for entry in b.entries.values():
        p = entry.place
        if p.admin3 == f"ua:{centre.code[:9]}" and p.admin1 == iso and want in entry.names:
            return entry
    return None
