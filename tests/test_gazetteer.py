"""The place index: lookups, ids, the GeoNames dump loader, opening speed."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.geo import haversine_km
from frontwatch.models import Place
from frontwatch.resolve import gazetteer
from frontwatch.resolve.gazetteer import (
    ADMIN_POINTS,
    ALIASES,
    DISPLAY_NAMES,
    NOT_FEATURES,
    Builder,
    Gazetteer,
    build,
    country_points,
    data_dir,
    read_tsv,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


def test_opens_fast() -> None:
    Gazetteer.open()  # builds it once if missing
    started = time.perf_counter()
    Gazetteer.open()
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Izium", "gn:707292"),
        ("IZYUM", "gn:707292"),
        ("Bakhmut", "gn:713174"),
        ("Artemivsk", "gn:713174"),
        ("Vuhledar", "gn:690823"),
        ("Kramatorsk", "gn:704508"),
        ("Bilohorivka", "gn:712588"),
        ("Brussels", "gn:2800866"),
        ("Uzbekistan", "gn:1512440"),
        ("Oskil River", "curated:oskil"),
        ("Siverskyy Donets", "curated:siverskyi-donets"),
        ("Donbas", "curated:donbas"),
        ("Luhansk Oblast", "adm1:UA-09"),
        ("Lugansk Oblast", "adm1:UA-09"),
        ("Dnipropetrovsk", "gn:709930"),
    ],
)
def test_lookup_finds(gaz: Gazetteer, name: str, place_id: str) -> None:
    ids = [p.id for p in gaz.lookup(name)]
    assert place_id in ids[:3], ids[:5]


def test_donetsk_candidates_include_both_countries(gaz: Gazetteer) -> None:
    countries = {p.country for p in gaz.lookup("Donetsk")}
    assert {"UA", "RU"} <= countries
    assert gaz.lookup("Donetsk")[0].country == "UA"


def test_cyrillic_and_places(gaz: Gazetteer) -> None:
    assert gaz.lookup("Бахмут")[0].id == "gn:713174"
    place = gaz.get("gn:707292")
    assert place is not None and place.feature.startswith("PPL") and place.country == "UA"
    assert place.admin1 == "UA-63"  # Kharkiv Oblast, from the admin-code mapping
    assert gaz.get("adm1:UA-09") is not None
    assert gaz.get("nope:1") is None


def test_odd_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("") == []
    assert gaz.lookup("'’ -") == []
    assert isinstance(gaz.lookup("x" * 10_000), list)


def test_neighbours(gaz: Gazetteer) -> None:
    assert "RU" in gaz.neighbours("UA")
    assert gaz.neighbours("??") == frozenset()


def test_curated_files_cite_sources() -> None:
    for path in data_dir().glob("*.tsv"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("#"), path.name
        for row in read_tsv(path):
            assert row[-1].strip(), f"{path.name}: {row[0]} has no source"


def _tiny_dump(path: Path) -> Path:
    rows = [
        # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop ...
        "999001\tTestovka\tTestovka\tТестовка,Testowka\t48.5\t38.0\tP\tPPL\tUA\t\t05\t\t\t\t1234"
        "\t\t150\tEurope/Kyiv\t2024-01-01",
        "999002\tTest River\tTest River\t\t49.0\t37.0\tH\tSTM\tUA\t\t\t\t\t\t0\t\t\tEurope/Kyiv"
        "\t2024-01-01",
        "broken line",
    ]
    archive = path / "UA.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("UA.txt", "\n".join(rows) + "\n")
        zf.writestr("readme.txt", "not data")
    return archive


def test_build_from_geonames_dump(tmp_path: Path) -> None:
    out = tmp_path / "g.sqlite"
    stats = build(out, geonames=_tiny_dump(tmp_path), packages=False)
    assert stats["dump_rows"] == 2
    gaz = Gazetteer.open(out)
    found = gaz.lookup("Testowka")
    assert found and found[0].id == "gn:999001" and found[0].population == 1234
    assert gaz.lookup("Тестовка")[0].id == "gn:999001"
    assert gaz.lookup("Test River")[0].feature == "STM"
    assert gaz.lookup("Oskil")[0].id == "curated:oskil"  # curated data always included
    meta = gaz.meta()  # the build records what it cost, for `frontwatch bench`
    assert float(meta["build_s"]) > 0 and float(meta["build_cpu_s"]) >= 0
    assert int(meta["places"]) == stats["places"] and int(meta["names"]) == stats["names"]


def test_cli_build_and_lookup(tmp_path: Path) -> None:
    out = tmp_path / "cli.sqlite"
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["gazetteer", "build", "--no-packages", "--geonames", str(_tiny_dump(tmp_path)),
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["gazetteer", "lookup", "Testovka", "--gazetteer", str(out)])
    assert result.exit_code == 0 and "gn:999001" in result.output
    result = runner.invoke(app, ["gazetteer", "build", "--geonames", str(tmp_path / "missing")])
    assert result.exit_code != 0


def test_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "env.sqlite"
    build(out, packages=False)
    monkeypatch.setenv("FRONTWATCH_GAZETTEER", str(out))
    gaz = Gazetteer.open()
    assert gaz.path == out and gaz.lookup("Donbas")[0].id == "curated:donbas"


def _alias_rows() -> list[list[str]]:
    return list(read_tsv(data_dir() / ALIASES))


@pytest.mark.parametrize("row", _alias_rows(), ids=lambda r: r[0])
def test_every_alias_finds_its_place(gaz: Gazetteer, row: list[str]) -> None:
    alias, target = row[0], row[1]
    found = gaz.lookup(alias)
    if target.startswith("country:"):
        assert any(p.feature == "PCLI" and p.country == target[8:] for p in found[:3]), alias
    else:
        assert target in [p.id for p in found[:3]], (alias, [p.id for p in found[:5]])


def _curated_rows() -> list[tuple[str, list[str]]]:
    return [(path.name, row) for path in data_dir().glob("*.tsv")
            if path.name not in NOT_FEATURES for row in read_tsv(path)]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "row"), _curated_rows(), ids=lambda x: x[0] if isinstance(x, list) else x
)
def test_every_curated_place_is_indexed(gaz: Gazetteer, file: str, row: list[str]) -> None:
    pid, name, others = row[0], row[1], row[2]
    place = gaz.get(f"curated:{pid}")
    assert place is not None and -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    for alias in [name, *filter(None, others.split("|"))]:
        assert f"curated:{pid}" in [p.id for p in gaz.lookup(alias)], (file, alias)


def test_country_points_are_geonames_points(gaz: Gazetteer) -> None:
    """The point reported with a country's GeoNames id is GeoNames's point for it."""
    points = country_points()
    assert len(points) > 150 and all(len(iso) == 2 for iso in points)
    for iso, (lat, lon) in points.items():
        assert -90 <= lat <= 90 and -180 <= lon <= 180, iso
    checked = 0
    names = (("United States", "US"), ("Japan", "JP"), ("Canada", "CA"), ("Ukraine", "UA"))
    for name, iso in names:
        country = next(p for p in gaz.lookup(name) if p.feature == "PCLI")
        assert country.country == iso
        assert (country.lat, country.lon) == pytest.approx(points[iso]), name
        checked += 1
    assert checked == 4
    # GeoNames puts Japan's point at Tokyo, and the US's in Kansas, not at 38N 97W.
    assert haversine_km(*points["JP"], 35.69, 139.69) < 10


@pytest.mark.parametrize("row", list(read_tsv(data_dir() / DISPLAY_NAMES)), ids=lambda r: r[1])
def test_display_names_are_shown_and_found(gaz: Gazetteer, row: list[str]) -> None:
    place = gaz.get(row[0])
    assert place is not None and place.name == row[1]
    assert row[0] in [p.id for p in gaz.lookup(row[1])]


@pytest.mark.parametrize("row", list(read_tsv(data_dir() / ADMIN_POINTS)), ids=lambda r: r[0])
def test_admin_points_replace_the_source_point(gaz: Gazetteer, row: list[str]) -> None:
    place = gaz.get(row[0])
    assert place is not None
    assert (place.lat, place.lon) == pytest.approx((float(row[1]), float(row[2])))


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Kalimantan Barat", "West Kalimantan"),
        ("Papua Barat Daya", "Southwest Papua"),
        ("Nord-Kivu", "North Kivu"),
        ("Kasaï Oriental", "East Kasaï"),
        ("Kyiv", None),
        ("Barat", None),  # a compass word alone is a name, not a direction
    ],
)
def test_compass_words_give_the_english_name(source: str, english: str | None) -> None:
    assert Builder().compass_name(source) == english


def test_english_compass_names_are_indexed(gaz: Gazetteer) -> None:
    assert "adm1:ID-KB" in [p.id for p in gaz.lookup("West Kalimantan")]


def _namesakes(tmp_path: Path) -> Gazetteer:
    """Five towns whose names fold to "testville", two spelled "Testville", three "Testvilla"."""
    b = Builder()
    spellings = ["Testvilla", "Testville", "Testvilla", "Testville", "Testvilla"]
    for i, (name, pop) in enumerate(zip(spellings, [50, 9000, 700, 20, 300], strict=True)):
        place = Place(id=f"t:{i}", name=name, lat=48.0, lon=37.0 + i, feature="PPL",
                      country="UA", population=pop)  # fmt: skip
        b.add(place, [])
    b.write(tmp_path / "n.sqlite")
    return Gazetteer.open(tmp_path / "n.sqlite")


def test_lookups_put_exact_spellings_first_then_the_most_populous(tmp_path: Path) -> None:
    gaz = _namesakes(tmp_path)
    assert [c.place.id for c in gaz.candidates("Testville")] == ["t:1", "t:3", "t:2", "t:4", "t:0"]
    assert [c.exact for c in gaz.candidates("Testville")] == [True, True, False, False, False]
    assert [c.place.id for c in gaz.candidates("Testvilla")][:3] == ["t:2", "t:4", "t:0"]
    assert gaz.known("TESTVILLE") and not gaz.known("Testvillage")
    assert gaz.candidates("Testvillage") == []


def test_the_row_cap_keeps_exact_spellings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gaz = _namesakes(tmp_path)
    monkeypatch.setattr(gazetteer, "MAX_ROWS", 3)  # a key with more names than are read
    assert [c.place.id for c in gaz.candidates("Testville")] == ["t:1", "t:3", "t:2"]
    assert [c.place.id for c in gaz.candidates("Testvilla")] == ["t:2", "t:4", "t:0"]
