"""`frontwatch eval time`: the TimeML reader and the scorer, on a TimeML file written here.

No TimeML corpus ships with the project; the file below follows the
TempEval-3 format (DCT as a CREATION_TIME TIMEX3, TIMEX3s inside TEXT).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.evaluate.timeml import (
    TimeMLError,
    evaluate_corpus,
    evaluate_ucdp_dates,
    gold_interval,
    read_timeml,
    score_document,
    timeml_files,
    timex_value,
    value_correct,
)
from frontwatch.models import TimeExpr

TML = (
    '<?xml version="1.0" ?>\n'
    '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    "<DOCID>fw_test_1</DOCID>\n"
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-03" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">March 3, 1998</TIMEX3></DCT>\n'
    "<TITLE>Talks</TITLE>\n"
    '<TEXT>Officials <EVENT eid="e1" class="REPORTING">said</EVENT> on '
    '<TIMEX3 tid="t1" type="DATE" value="1998-03-02">Monday</TIMEX3> that talks would resume on '
    '<TIMEX3 tid="t2" type="DATE" value="1998-03-04">Wednesday</TIMEX3>. The plant closed in '
    '<TIMEX3 tid="t3" type="DATE" value="1997">1997</TIMEX3> and prices rose '
    '<TIMEX3 tid="t4" type="DATE" value="1998-W09">last week</TIMEX3>. Fighting went on for '
    '<TIMEX3 tid="t5" type="DURATION" value="P3D">three days</TIMEX3>. Exports grew in '
    '<TIMEX3 tid="t6" type="DATE" value="1998-02">February</TIMEX3> but fell in '
    '<TIMEX3 tid="t7" type="DATE" value="1998-Q1">the current quarter</TIMEX3>. '
    "Rebels attacked yesterday.</TEXT>\n"
    "</TimeML>\n"
)


@pytest.fixture()
def tml(tmp_path: Path) -> Path:
    path = tmp_path / "doc1.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def test_reader_offsets_and_dct(tml: Path) -> None:
    doc = read_timeml(tml)
    assert doc.dct == date(1998, 3, 3)
    assert [t.tid for t in doc.timexes] == ["t1", "t2", "t3", "t4", "t5", "t6", "t7"]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    assert doc.timexes[0].text == "Monday" and doc.timexes[0].value == "1998-03-02"
    assert "<EVENT" not in doc.text and doc.text.startswith("Officials said on Monday")


def test_reader_falls_back_to_dct_element(tmp_path: Path) -> None:
    path = tmp_path / "dct.tml"
    path.write_text(
        "<TimeML><DCT>1998-01-08</DCT><TEXT>It fell <TIMEX3 tid='t1' type='DATE' "
        "value='1998-01-07'>yesterday</TIMEX3>.</TEXT></TimeML>",
        encoding="utf-8",
    )
    assert read_timeml(path).dct == date(1998, 1, 8)


@pytest.mark.parametrize(
    "content",
    [
        # entity expansion ("billion laughs") and external entities are refused
        '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
        "<TimeML><TEXT>&b;</TEXT></TimeML>",
        '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<TimeML><TEXT>&x;</TEXT></TimeML>",
        "<TimeML><TEXT>unclosed",
        "<TimeML><BODY>no text element</BODY></TimeML>",
    ],
)
def test_reader_refuses_unsafe_or_broken_xml(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.tml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TimeMLError):
        read_timeml(path)


TIMEX2 = (
    "<DOC>\n<DOCID>fw_war</DOCID>\n"
    '<DATETIME> <TIMEX2 val="2009-12-19T17:00:00">2009-12-19T17:00:00</TIMEX2> </DATETIME>\n'
    '<TEXT>\nThe siege began on <TIMEX2 val="1941-09-08">September 8, 1941</TIMEX2>. '
    'By <TIMEX2 val="1941-10" mod="START">early October</TIMEX2> the lines held, and in '
    '<TIMEX2 val="1942-SU">the summer of <TIMEX2 val="1942">1942</TIMEX2></TIMEX2> the '
    'army waited <TIMEX2 val="P3M">three months</TIMEX2>. It is remembered '
    '<TIMEX2 val="PRESENT_REF">today</TIMEX2>.\n</TEXT>\n</DOC>\n'
)


def test_timex2_reader(tmp_path: Path) -> None:
    path = tmp_path / "war.key.xml"
    path.write_text(TIMEX2, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.scheme == "TIMEX2" and doc.dct == date(2009, 12, 19)
    # the nested "1942" is reduced to the outermost TIMEX2
    assert [t.text for t in doc.timexes] == [
        "September 8, 1941",
        "early October",
        "the summer of 1942",
        "three months",
        "today",
    ]
    assert [t.type for t in doc.timexes] == ["DATE", "DATE", "DATE", "DURATION", "DATE"]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    assert [p.name for p in timeml_files([tmp_path])] == ["war.key.xml"]


def test_unannotated_file_is_refused_with_a_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.sgm"
    path.write_text("<DOC><TEXT>The war began in 1941.</TEXT></DOC>", encoding="utf-8")
    with pytest.raises(TimeMLError, match="no TIMEX3 or TIMEX2 annotation"):
        read_timeml(path)
    result = CliRunner().invoke(app, ["eval", "time", str(path)])
    assert result.exit_code == 2
    assert "plain.sgm: no TIMEX3 or TIMEX2" in result.output
    assert "Traceback" not in result.output


def test_present_ref_is_not_a_duration() -> None:
    now = TimeExpr(0, 3, "now", date(1998, 3, 3), date(1998, 3, 3), value="PRESENT_REF")
    assert value_correct(now, "PRESENT_REF", date(1998, 3, 3))
    assert not value_correct(now, "P1D", date(1998, 3, 3))
    day = TimeExpr(0, 5, "today", date(1998, 3, 3), date(1998, 3, 3))
    assert not value_correct(day, "PRESENT_REF", date(1998, 3, 3))  # a date is not "now"


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("1998-03-02", "1998-03-02", "1998-03-02"),
        ("1998-03-02T14:00", "1998-03-02", "1998-03-02"),
        ("1998-03", "1998-03-01", "1998-03-31"),
        ("1998", "1998-01-01", "1998-12-31"),
        ("1998-W09", "1998-02-23", "1998-03-01"),
        ("1998-W09-WE", "1998-02-28", "1998-03-01"),
        ("1998-Q1", "1998-01-01", "1998-03-31"),
        ("1998-SU", "1998-06-01", "1998-08-31"),
        ("1998-WI", "1998-12-01", "1999-02-28"),
        ("PRESENT_REF", "1998-03-03", "1998-03-03"),
    ],
)
def test_gold_values_as_intervals(value: str, start: str, end: str) -> None:
    assert gold_interval(value, date(1998, 3, 3)) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


def test_unscorable_gold_values() -> None:
    for value in ("P3D", "PAST_REF", "XXXX-XX-XX", "1998-02-30", ""):
        assert gold_interval(value, date(1998, 3, 3)) is None


def test_our_values() -> None:
    week = TimeExpr(0, 1, "x", date(2022, 9, 12), date(2022, 9, 18), "week", "W[D-1w]")
    weekend = TimeExpr(0, 1, "x", date(2022, 9, 17), date(2022, 9, 18), "range", "WE<=D")
    month = TimeExpr(0, 1, "x", date(2022, 8, 1), date(2022, 8, 31), "month")
    early = TimeExpr(0, 1, "x", date(2022, 9, 1), date(2022, 9, 20), "range", "MO[D]..D")
    months = TimeExpr(0, 1, "x", None, date(2022, 9, 20), "range", "D-Xm..D")
    assert timex_value(week) == "2022-W37"
    assert timex_value(weekend) == "2022-W37-WE"
    assert timex_value(month) == "2022-08"
    assert timex_value(early) == "2022-09-01/2022-09-20"
    assert timex_value(months) == "PXM"
    assert value_correct(weekend, "2022-W37-WE", None)
    assert not value_correct(early, "2022-09", None)  # a range is not the month
    assert value_correct(months, "PXM", None)


def test_scorer_with_given_predictions(tml: Path) -> None:
    doc = read_timeml(tml)
    monday = doc.timexes[0]
    predictions = [
        TimeExpr(monday.start, monday.end, "Monday", date(1998, 3, 2), date(1998, 3, 2)),
        # overlaps "February" but is longer: relaxed only, value right
        TimeExpr(
            doc.timexes[5].start - 3,
            doc.timexes[5].end,
            "in February",
            date(1998, 2, 1),
            date(1998, 2, 28),
            "month",
        ),
        # a wrong value on an exact span
        TimeExpr(
            doc.timexes[2].start,
            doc.timexes[2].end,
            "1997",
            date(1996, 1, 1),
            date(1996, 12, 31),
            "year",
        ),
        TimeExpr(0, 9, "Officials", date(1998, 3, 3), date(1998, 3, 3)),  # spurious
    ]
    scores = score_document(doc, predictions)
    assert (scores.gold, scores.predicted) == (7, 4)
    assert (scores.strict, scores.relaxed, scores.value_correct) == (2, 3, 2)
    result = scores.as_dict()
    assert result["strict_precision"] == 0.5 and result["relaxed_recall"] == round(3 / 7, 4)
    assert result["value_accuracy"] == round(2 / 3, 4)
    kinds = sorted(e["kind"] for e in scores.errors)
    assert kinds == ["missed"] * 4 + ["spurious", "value"]


def test_find_times_on_the_timeml_file(tml: Path) -> None:
    scores, problems = evaluate_corpus([tml])
    assert problems == []
    result = scores.as_dict()
    # Monday, Wednesday (future: 1998-03-04), 1997, last week, February are
    # found with the right value, "three days" as TimeML spans it (P3D), "the
    # current quarter" the quarter of the article date; "yesterday" is not
    # annotated (spurious).
    assert scores.relaxed == 7 and scores.value_correct == 7
    assert scores.strict == 7
    assert scores.predicted == 8
    assert result["value_accuracy"] == 1.0


def test_cli_json(tml: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.tml"
    broken.write_text("<TimeML>", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "time", str(tmp_path), "--json", "--errors", "5"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["documents"] == 1 and payload["gold"] == 7
    assert 0 < payload["relaxed_f1"] <= 1 and payload["value_accuracy"] == 1.0
    assert len(payload["unreadable"]) == 1
    assert payload["errors"]


def test_cli_table(tml: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "time", str(tml)])
    assert result.exit_code == 0, result.output
    assert "relaxed" in result.stdout and "value accuracy" in result.stdout


def test_cli_without_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "time", str(tmp_path / "nothing.tml")])
    assert result.exit_code == 2


# --- UCDP GED headlines (format of data/eval events/*.jsonl; rows made up here) ---------


def _ucdp_row(source_article: str, start: str, end: str) -> str:
    gold = {"date_start": start, "date_end": end, "date_prec": 1}
    return json.dumps({"id": "1", "headline": "", "source_article": source_article, "gold": gold})


def test_ucdp_headline_dates(tmp_path: Path) -> None:
    path = tmp_path / "ged.jsonl"
    rows = [
        # the headline dates the event: Monday before the article's Wednesday
        _ucdp_row(
            '"Outlet,2022-09-21,Russian shelling hit the town on Monday"',
            "2022-09-19",
            "2022-09-19",
        ),
        # no expression: the article date is the answer (right)
        _ucdp_row('"Outlet,2022-09-21,Shelling hit the town"', "2022-09-21", "2022-09-21"),
        # no expression, event the day before: the article date is wrong
        _ucdp_row(
            '"Outlet,2022-09-21,Drones hit the city";"Other,2022-09-22,Drones"',
            "2022-09-20",
            "2022-09-20",
        ),
        "",
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    scores = evaluate_ucdp_dates(path)
    result = scores.as_dict()
    assert result["headlines"] == 3 and result["headlines_with_expression"] == 1
    assert scores.baseline_right == 1 and scores.ours_right == 2
    assert result["expression_accuracy"] == 1.0
    assert result["event_within_1_day_before_article"] == round(2 / 3, 4)  # Monday: 2 days


def test_cli_ucdp_json(tmp_path: Path) -> None:
    path = tmp_path / "ged.jsonl"
    path.write_text(
        _ucdp_row(
            '"Outlet,2022-09-21,Shelling hit the town yesterday"', "2022-09-20", "2022-09-20"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", "time", str(path), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["headlines"] == 1 and payload["time_stage_accuracy"] == 1.0


def test_written_value_and_output_are_what_is_scored() -> None:
    from frontwatch.evaluate.timeml import timeml_output, written_value

    text = "From early September to late September the line held."
    early = TimeExpr(5, 20, text[5:20], date(2022, 9, 1), date(2022, 9, 20), timex_type="DATE")
    inner = TimeExpr(11, 20, text[11:20], value="2022-09", timex_type="DATE")
    unknown = TimeExpr(24, 38, text[24:38], timex_type="DURATION")
    assert written_value(early) == "XXXX-XX-XX"  # an interval is not a TIMEX3 value
    assert written_value(unknown) == "PXX"
    assert written_value(inner) == "2022-09"
    assert [e.text for e in timeml_output([inner, unknown, early], text)] == [
        early.text,
        unknown.text,
    ]
    assert value_correct(unknown, "PXX", None) and not value_correct(early, "2022-09", None)
