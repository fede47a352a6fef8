"""Every entry of the place data files (data/places/aliases.tsv, regions.tsv,
water.tsv, former_admin.tsv, display_names.tsv, admin_points.tsv, build.toml
[compass_words]) is exercised by a sentence written for the tests
(tests/fixtures/place_data.toml): the sentence's place mention resolves to the entry's
place, a display name is what the place is shown as, a corrected point is where the
place stands. A new row without a working sentence fails here."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from frontwatch.lexicons import load_toml
from frontwatch.models import Article, Place
from frontwatch.resolve.gazetteer import Gazetteer, data_dir, read_tsv
from frontwatch.resolve.places import resolve_places

FIXTURE = Path(__file__).parent / "fixtures" / "place_data.toml"
CASES: dict[str, Any] = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))
CURATED = ("regions", "water", "former_admin")


def _rows(section: str) -> list[tuple[str, str, str]]:
    """(fixture key, name in the sentence, expected place id) for each row of a file."""
    if section == "compass_words":
        words = load_toml("places/build.toml")["compass_words"]
        return [(w, w, "") for w in words]
    rows = list(read_tsv(data_dir() / f"{section}.tsv"))
    if section == "aliases":
        return [(f"{r[0]} > {r[1]}", r[0], r[1]) for r in rows]
    if section in CURATED:
        return [(r[0], r[1], f"curated:{r[0]}") for r in rows]
    if section == "display_names":
        return [(r[0], r[1], r[0]) for r in rows]
    return [(r[0], "", r[0]) for r in rows]  # admin_points: the id


PARAMS = [(s, *row) for s in CASES for row in _rows(s)]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


def _sentence(section: str, key: str, name: str) -> tuple[str, str]:
    """The sentence for an entry and the place id it must resolve to ('' = from the row)."""
    own = CASES[section].get("sentences", {}).get(key)
    if isinstance(own, list):  # [place id, name, sentence]
        return str(own[2]), str(own[0])
    if own is not None:
        return str(own), ""
    template = CASES[section].get("template")
    assert template, f"{FIXTURE.name} [{section}]: no sentence for {key!r}"
    return str(template).format(w=name), ""


def _placed(nlp: Language, gaz: Gazetteer, text: str) -> list[Place]:
    article = Article(id="t", path="t", text=text)
    return [m.place for m in resolve_places(nlp(text), article, gaz) if m.place is not None]


def _is(place: Place, want: str) -> bool:
    """Is the place the one wanted? A country ("country:US") is indexed under the id of
    its GeoNames feature, whatever the id the data files call it by."""
    if want.startswith("country:"):
        return place.feature.startswith("PCL") and place.country == want.split(":")[1]
    return place.id == want


@pytest.mark.parametrize(
    ("section", "key", "name", "want"), PARAMS, ids=[f"{p[0]}:{p[1]}" for p in PARAMS]
)
def test_data_entry(
    nlp: Language, gaz: Gazetteer, section: str, key: str, name: str, want: str
) -> None:
    text, own_id = _sentence(section, key, name)
    want = own_id or want
    places = [p for p in _placed(nlp, gaz, text) if _is(p, want)]
    assert places, (text, want, [(p.id, p.name) for p in _placed(nlp, gaz, text)])
    if section == "display_names":
        assert places[0].name == name, (text, places[0].name)
    if section == "admin_points":
        row = next(r for r in read_tsv(data_dir() / "admin_points.tsv") if r[0] == want)
        assert (round(places[0].lat, 3), round(places[0].lon, 3)) == (
            round(float(row[1]), 3),
            round(float(row[2]), 3),
        )


@pytest.mark.parametrize("word", list(load_toml("places/build.toml")["compass_words"]))
def test_compass_word_makes_an_english_name(gaz: Gazetteer, word: str) -> None:
    """The name in the compass word's sentence is a name of the unit, made by the rule
    ("Kalimantan Barat" -> "West Kalimantan"), not found by dropping a direction."""
    unit, name, _ = CASES["compass_words"]["sentences"][word]
    assert any(c.place.id == unit and c.exact for c in gaz.candidates(name)), (word, name)


def test_no_alias_row_is_listed_twice() -> None:
    rows = [tuple(r[:2]) for r in read_tsv(data_dir() / "aliases.tsv")]
    assert len(rows) == len(set(rows))
