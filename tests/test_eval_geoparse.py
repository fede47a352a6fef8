"""`frontwatch eval geoparse`: the three corpus formats and the metrics."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.evaluate import geoparse as gp
from frontwatch.models import Place, PlaceMention
from frontwatch.resolve.gazetteer import Gazetteer

TEXT = "Fighting near Kharkiv and in Paris."
# Kharkiv 14..21, Paris 29..34


def _geowebnews(path: Path) -> Path:
    f = path / "gwn.xml"
    f.write_text(
        f"""<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><text>{TEXT}</text><toponyms>
<toponym><extractedName>Kharkiv</extractedName><type>Literal</type><start>14</start><end>21</end>
<geonamesID>706483</geonamesID><latitude>49.98</latitude><longitude>36.25</longitude></toponym>
<toponym><extractedName>Paris</extractedName><type>Literal</type><start>29</start><end>34</end>
<geonamesID/><latitude>48.85</latitude><longitude>2.35</longitude></toponym>
<toponym><extractedName>Fighting</extractedName><type>Non_Toponym</type><start>0</start>
<end>8</end><latitude/><longitude/></toponym>
</toponyms></article></articles>""",
        encoding="utf-8",
    )
    return f


def _lgl(path: Path) -> Path:
    f = path / "lgl.xml"
    f.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><title>t</title><text><![CDATA[{TEXT}]]></text>
<toponyms count="2">
<toponym><start>14</start><end>21</end><phrase>Kharkiv</phrase>
<gaztag geonameid="706483"><name>Kharkiv</name><fcode>PPL</fcode><lat>49.98</lat>
<lon>36.25</lon></gaztag></toponym>
<toponym><start>29</start><end>34</end><phrase>Paris</phrase>
<gaztag geonameid="2988507"><name>Paris</name><lat>48.85</lat><lon>2.35</lon></gaztag></toponym>
</toponyms></article></articles>""",
        encoding="utf-8",
    )
    return f


def _geovirus(path: Path) -> Path:
    # GeoVirus offsets are one past the name (1-based): the reader realigns them.
    f = path / "gv.xml"
    f.write_text(
        f"""<articles><article><source>https://example.org/a</source><text>{TEXT}</text>
<locations>
<location><name>Kharkiv</name><start>15</start><end>22</end><lat>49.98</lat><lon>36.25</lon>
<page>x</page></location>
<location><name>Paris</name><start>30</start><end>35</end><lat>48.85</lat><lon>2.35</lon>
<page>y</page></location>
</locations></article></articles>""",
        encoding="utf-8",
    )
    return f


@pytest.mark.parametrize(
    ("writer", "fmt"), [(_geowebnews, "GeoWebNews"), (_lgl, "LGL"), (_geovirus, "GeoVirus")]
)
def test_reads_each_format(tmp_path: Path, writer, fmt: str) -> None:  # type: ignore[no-untyped-def]
    found, docs = gp.read_corpus(writer(tmp_path))
    assert found == fmt and len(docs) == 1
    spans = [(t.start, t.end, t.name) for t in docs[0].toponyms]
    assert spans == [(14, 21, "Kharkiv"), (29, 34, "Paris")]
    assert docs[0].toponyms[0].lat == pytest.approx(49.98)


def _place(lat: float, lon: float) -> Place:
    return Place(id="x", name="x", lat=lat, lon=lon, feature="PPL", country="UA")


def test_metrics_by_hand(tmp_path: Path) -> None:
    _, docs = gp.read_corpus(_lgl(tmp_path))
    gaz = Gazetteer.open()
    mentions = [
        PlaceMention(14, 21, "Kharkiv", place=_place(49.98, 36.25)),  # exact, 0 km
        PlaceMention(28, 34, " Paris", place=_place(50.45, 30.52)),  # overlap, ~2000 km off
        PlaceMention(0, 8, "Fighting", place=_place(0, 0)),  # false positive
        PlaceMention(9, 13, "near", place=None),  # unresolved: not a prediction
    ]
    tally = gp._Tally()
    gp.score_doc(docs[0], mentions, gaz, tally)
    s = gp.finish("t", "LGL", 1, tally)
    assert (s.gold, s.predicted) == (2, 3)
    assert s.exact_p == pytest.approx(1 / 3) and s.exact_r == pytest.approx(1 / 2)
    assert s.overlap_p == pytest.approx(2 / 3) and s.overlap_r == 1.0
    assert s.geocoded == 2 and s.acc161 == 0.5
    assert s.median_km == pytest.approx(s.mean_km)
    assert s.baseline_acc161 == 1.0  # the most populous Kharkiv and Paris are right


def test_auc() -> None:
    assert gp.auc([]) == 0.0
    assert gp.auc([0.0, 0.0]) == 0.0
    assert gp.auc([20039.0, 20039.0]) == pytest.approx(1.0, rel=1e-4)
    assert gp.auc([0.0, 20039.0]) == pytest.approx(0.5, rel=1e-4)
    assert gp.auc([100.0]) == pytest.approx(math.log(101) / math.log(20039))


def test_cli_on_all_formats(tmp_path: Path) -> None:
    files = [str(w(tmp_path)) for w in (_geowebnews, _lgl, _geovirus)]
    result = CliRunner().invoke(app, ["eval", "geoparse", *files, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout[result.stdout.index("[") :])
    assert [r["format"] for r in out] == ["GeoWebNews", "LGL", "GeoVirus"]
    for r in out:
        assert r["gold"] == 2 and r["overlap_r"] == 1.0 and r["acc161"] == 1.0
    table = CliRunner().invoke(app, ["eval", "geoparse", files[0]])
    assert table.exit_code == 0 and "Accuracy@161" in table.stdout


def test_cli_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "geoparse", str(tmp_path / "nope.xml")])
    assert result.exit_code == 2


def test_empty_and_broken_corpus(tmp_path: Path) -> None:
    empty = tmp_path / "e.xml"
    empty.write_text("<articles></articles>", encoding="utf-8")
    assert gp.read_corpus(empty) == ("empty", [])
    odd = tmp_path / "o.xml"
    odd.write_text(
        "<articles><article docid='1'><text>Kyiv</text><toponyms><toponym><start>x</start>"
        "<end>4</end><phrase>Kyiv</phrase></toponym><toponym><start>0</start><end>99</end>"
        "<phrase>Kyiv</phrase></toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    _, docs = gp.read_corpus(odd)
    assert docs[0].toponyms == []


def test_same_entity_by_geonames_id_or_by_an_areas_page_title() -> None:
    from frontwatch.evaluate.geoparse import GoldToponym, page_title, same_entity
    from frontwatch.resolve.gazetteer import Gazetteer

    gaz = Gazetteer.open()
    canada = next(p for p in gaz.lookup("Canada") if p.feature == "PCLI")
    paris_tx = next(p for p in gaz.lookup("Paris") if p.country == "US")
    assert page_title("https://en.wikipedia.org/wiki/United_States") == "United States"
    assert page_title("https://en.wikipedia.org/wiki/S%C3%A3o_Paulo") == "São Paulo"
    wiki = "https://en.wikipedia.org/wiki/"
    assert same_entity(GoldToponym(0, 6, "Canada", 60, -95, page=wiki + "Canada"), canada, gaz)
    assert not same_entity(GoldToponym(0, 6, "Canada", 60, -95, page=wiki + "Mexico"), canada, gaz)
    # a town: the title "Paris" names many places, so it says nothing
    assert not same_entity(
        GoldToponym(0, 5, "Paris", 48.9, 2.3, page=wiki + "Paris"), paris_tx, gaz
    )
    by_id = GoldToponym(0, 6, "Canada", 0, 0, geonameid=canada.geonameid)
    assert same_entity(by_id, canada, gaz)
    assert not same_entity(GoldToponym(0, 6, "Canada", 0, 0, geonameid=1), canada, gaz)
