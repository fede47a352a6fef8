"""`frontwatch timeml`'s output holds up for any scorer: the output check
(evaluate/timeml_check.py) on documents written here, and the independent scorer
scripts/te3_score.py against `eval time`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from xml.dom import minidom

import pytest

from frontwatch.evaluate.timeml_check import check_written, well_formed_value
from frontwatch.evaluate.timeml_read import read_timeml
from frontwatch.evaluate.timeml_write import write_timeml
from frontwatch.models import TimeExpr

ROOT = Path(__file__).resolve().parents[1]

# a news document with the markup a TimeML corpus has: EVENT, SIGNAL, MAKEINSTANCE,
# TLINK, a creation time whose tid is t1 and type TIME, a title, entities, a CR
NEWS = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>NEWS0001</DOCID>\n'
    '<DCT><TIMEX3 tid="t1" type="TIME" value="2004-05-12T09:30:00" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">05/12/2004 09:30:00</TIMEX3></DCT>\n'
    "<TITLE>Ferry talks</TITLE>\n<TEXT>\nThe ferry line &amp; the union "
    '<EVENT eid="e1" class="OCCURRENCE">met</EVENT> '
    '<TIMEX3 tid="t2" type="DATE" value="2004-05-10">Monday</TIMEX3> and will meet again '
    '<SIGNAL sid="s1">in</SIGNAL> <TIMEX3 tid="t3" type="DATE" value="2004-06">June</TIMEX3>.'
    "&#13;\nPrices rose 3% in the past five years, the company said &quot;today&quot;.\n"
    '</TEXT>\n<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" '
    'pos="VERB"/>\n<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" '
    'relatedToTime="t2"/>\n</TimeML>\n'
)
WAR = (
    '<DOC><DOCID>01_X</DOCID><DATETIME><TIMEX2 val="2009-12-19">2009-12-19</TIMEX2></DATETIME>'
    '<TEXT>\nOn <TIMEX2 val="1940-06-10">June 10, 1940</TIMEX2> Italy joined; by '
    '<TIMEX2 val="1940-09">September</TIMEX2> it attacked.\n</TEXT></DOC>'
)
RAW = "<TimeML><DCT>2013-03-22</DCT><TEXT>Nothing tagged here since Friday.</TEXT></TimeML>"
# in a sub-folder, named .xml, its DCT's TIMEX3 without functionInDocument
OTHER = (
    '<TimeML><DCT><TIMEX3 tid="t7" type="DATE" value="2013-03-21">March 21, 2013</TIMEX3></DCT>'
    "<TEXT>Banks stay shut until Tuesday, the minister said on Thursday.</TEXT></TimeML>"
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from typer.testing import CliRunner

    from frontwatch.cli import app

    source = tmp_path_factory.mktemp("in")
    (source / "news.tml").write_text(NEWS, encoding="utf-8")
    (source / "war.key.xml").write_text(WAR, encoding="utf-8")
    (source / "raw.tml").write_text(RAW, encoding="utf-8")
    (source / "sub").mkdir()
    (source / "sub" / "other.xml").write_text(OTHER, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["timeml", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "0 failing the output check" in said and "warning" not in said
    return source, out


def test_every_written_file_passes_the_check(written: tuple[Path, Path]) -> None:
    source, out = written
    written_files = sorted(str(p.relative_to(out)) for p in out.rglob("*.tml"))
    assert written_files == ["news.tml", "raw.tml", "sub/other.tml", "war.tml"]
    pairs = [("news.tml", "news.tml"), ("war.tml", "war.key.xml"), ("raw.tml", "raw.tml")]
    for name, src in [*pairs, ("sub/other.tml", "sub/other.xml")]:
        doc = read_timeml(source / src, annotated=False)
        assert check_written(doc, (out / name).read_text(encoding="utf-8")) == []


def test_only_our_timex3_and_the_input_dct_are_kept(written: tuple[Path, Path]) -> None:
    source, out = written
    text = (out / "news.tml").read_text(encoding="utf-8")
    for tag in ("<EVENT", "<SIGNAL", "<MAKEINSTANCE", "<TLINK", "<TITLE"):
        assert tag not in text
    assert "<DOCID>NEWS0001</DOCID>" in text
    assert (
        '<DCT><TIMEX3 tid="t1" type="TIME" value="2004-05-12T09:30:00" temporalFunction="false" '
        'functionInDocument="CREATION_TIME">05/12/2004 09:30:00</TIMEX3></DCT>' in text
    )
    tids = re.findall(r'<TIMEX3 tid="(t\d+)"', text)
    assert tids[0] == "t1" and "t1" not in tids[1:] and len(set(tids)) == len(tids) > 3

    # TempEval-3's reading: minidom's TEXT, &quot; undone, tags stripped -> the same text
    def te3_text(xml: str) -> str:
        xml = xml.replace("&quot;", '"')
        inner = minidom.parseString(xml.encode()).getElementsByTagName("TEXT")[0].toxml()
        return re.sub("<[^>]*>", "", inner)

    assert te3_text(text) == te3_text(NEWS)
    assert "\r" in read_timeml(out / "news.tml").text  # the CR survived
    other = (out / "sub" / "other.tml").read_text(encoding="utf-8")
    assert '<DCT><TIMEX3 tid="t7" type="DATE" value="2013-03-21">March 21, 2013</TIMEX3>' in other
    war = (out / "war.tml").read_text(encoding="utf-8")
    assert 'value="2009-12-19"' in war and 'functionInDocument="CREATION_TIME"' in war


@pytest.mark.parametrize(
    "value, kind",
    [
        ("2004-05-12", "DATE"),
        ("2004-W07-WE", "DATE"),
        ("2004-Q3", "DATE"),
        ("199", "DATE"),
        ("BC0241", "DATE"),
        ("2004-05-12TNI", "TIME"),
        ("2004-05-12T09:30", "TIME"),
        ("PRESENT_REF", "DATE"),
        ("P5Y", "DURATION"),
        ("PT5H30M", "DURATION"),
        ("PXW", "DURATION"),
        ("XXXX-WXX-4", "SET"),
        ("P1Y", "SET"),
    ],
)
def test_well_formed_values(value: str, kind: str) -> None:
    assert well_formed_value(value, kind)


@pytest.mark.parametrize(
    "value, kind",
    [
        ("2004-5-12", "DATE"),
        ("P5Y", "DATE"),
        ("2004", "DURATION"),
        ("", "DATE"),
        ("2004-05-12/2004-06-01", "DATE"),
        ("now", "DATE"),
        ("2004", "INTERVAL"),
    ],
)
def test_malformed_values(value: str, kind: str) -> None:
    assert not well_formed_value(value, kind)


def _news_doc(tmp_path: Path) -> tuple[object, str]:
    path = tmp_path / "news.tml"
    path.write_text(NEWS, encoding="utf-8")
    doc = read_timeml(path)
    monday = doc.text.index("Monday")
    times = [TimeExpr(monday, monday + 6, "Monday", value="2004-05-10", timex_type="DATE")]
    return doc, write_timeml(doc, times, "news")


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ("ferry line", "ferry  line", "text"),
        ('tid="t2"', 'tid="t1"', "tid"),
        ('value="2004-05-10"', 'value="2004-5-10"', "not TimeML"),
        (">Monday</TIMEX3>", ">Mon</TIMEX3>day", "inside a word"),
        ("05/12/2004 09:30:00", "2004-05-12", "creation-time"),
        (">Monday</TIMEX3>", "><TIMEX3 tid='t9'>Monday</TIMEX3></TIMEX3>", "flat"),
        ("</TEXT>", "", "XML"),
    ],
)
def test_the_check_catches_a_damaged_file(tmp_path: Path, old: str, new: str, problem: str) -> None:
    doc, xml = _news_doc(tmp_path)
    assert check_written(doc, xml) == []  # type: ignore[arg-type]
    assert old in xml
    problems = check_written(doc, xml.replace(old, new, 1))  # type: ignore[arg-type]
    assert any(problem in p for p in problems), problems


def test_independent_scorer_agrees_with_eval_time(written: tuple[Path, Path]) -> None:
    from frontwatch.evaluate.timeml import evaluate_corpus

    source, out = written
    gold = [source / "news.tml", source / "war.key.xml"]
    gold_dir = out.parent / "gold-only"
    gold_dir.mkdir(exist_ok=True)
    for path in gold:
        (gold_dir / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "te3_score.py"), str(gold_dir), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    independent = json.loads(run.stdout)
    ours = evaluate_corpus(gold)[0].as_dict()
    assert independent["gold"] == ours["gold"] == 4
    assert independent["system"] == ours["predicted"]
    for key in ("strict_f1", "relaxed_f1", "value_f1"):
        assert independent[key] == pytest.approx(ours[key], abs=1e-3), key


def test_an_out_folder_inside_the_input_is_not_read_back(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from frontwatch.cli import app

    (tmp_path / "news.tml").write_text(NEWS, encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        result = CliRunner().invoke(app, ["timeml", str(tmp_path), "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert "1 TimeML document(s) written" in " ".join(result.output.split())
    assert sorted(p.name for p in out.rglob("*")) == ["news.tml"]
