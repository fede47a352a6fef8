"""The time stage: expression families, tense, boundaries, the seed gold checks."""

from __future__ import annotations

import dataclasses
import importlib
import json
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.annotate import load_nlp
from frontwatch.clean import clean
from frontwatch.models import Article, RawDocument, TimeExpr
from frontwatch.read import read_file
from frontwatch.resolve.time import event_time, find_times, reanchor

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "demo" / "articles"
GOLD = ROOT / "tests" / "fixtures" / "seeds.gold.json"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def seed(name: str) -> Article:
    """A seed article as ``frontwatch ingest`` reads it: the read stage takes its leading
    " date YYYY-MM-DD" line as the publication date, the clean stage cleans the text."""
    (raw,) = [r for r in read_file(ARTICLES / name) if isinstance(r, RawDocument)]
    return dataclasses.replace(clean(raw), id=name, path=name)


def times_of(nlp: Language, text: str, published: date | None) -> list[TimeExpr]:
    article = Article(id="t", path="t", text=text, published=published)
    return find_times(nlp(text), article)


def only(nlp: Language, text: str, published: date | None, words: str) -> TimeExpr:
    """The one expression whose text is ``words``."""
    found = [t for t in times_of(nlp, text, published) if t.text == words]
    assert len(found) == 1, [t.text for t in times_of(nlp, text, published)]
    return found[0]


def by_text(times: list[TimeExpr], words: str) -> TimeExpr:
    return next(t for t in times if t.text == words)


# --- the gold checks on the seeds -------------------------------------------------


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    return {d["file"]: d for d in data["documents"]}


def test_seed_dates_match_gold(gold: dict[str, dict]) -> None:
    for name, doc in gold.items():
        published = seed(name).published
        assert (published.isoformat() if published else None) == doc["published"]


def test_oskil_crossing_over_the_weekend(nlp: Language, gold: dict[str, dict]) -> None:
    article = seed("001_6ab924c5b57c0945.txt")
    weekend = by_text(find_times(nlp(article.text), article), "over the weekend")
    crossing = next(e for e in gold[article.path]["events"] if "Oskil" in e["what"])
    assert [weekend.date_start, weekend.date_end] == [
        date.fromisoformat(d) for d in crossing["date_window"]
    ]
    assert weekend.precision == "range"


def test_five_days_of_voting_ended_tuesday(nlp: Language, gold: dict[str, dict]) -> None:
    article = seed("000_92a2badd2c940a84.txt")
    times = find_times(nlp(article.text), article)
    voting = next(t for t in times if t.text.startswith("five days"))
    assert voting.text == 'five days of "voting" Tuesday'
    referendum = next(e for e in gold[article.path]["events"] if e["kind"].endswith("referendum"))
    assert [voting.date_start, voting.date_end] == [
        date.fromisoformat(d) for d in referendum["date_window"]
    ]
    assert voting.precision == "range"


def test_un_address_on_wednesday_is_future(nlp: Language, gold: dict[str, dict]) -> None:
    article = seed("001_6ab924c5b57c0945.txt")
    times = find_times(nlp(article.text), article)
    wednesday = by_text(times, "Wednesday")
    planned = gold[article.path]["planned_not_happened"][0]
    assert wednesday.tense == "future"
    assert wednesday.date_start == wednesday.date_end == date.fromisoformat(planned["date"])


def test_late_on_monday(nlp: Language, gold: dict[str, dict]) -> None:
    article = seed("001_6ab924c5b57c0945.txt")
    late = by_text(find_times(nlp(article.text), article), "late on Monday")
    address = next(e for e in gold[article.path]["events"] if "televised" in e["what"])
    assert late.date_start == late.date_end == date.fromisoformat(address["date"])
    assert late.precision == "day" and late.tense == "past"


def test_undated_today_and_yesterday_stay_relative(nlp: Language) -> None:
    article = seed("002_2d22f7c407c94cff.txt")
    assert article.published is None
    times = find_times(nlp(article.text), article)
    today = [t for t in times if t.text == "today"]
    yesterday = by_text(times, "yesterday")
    assert len(today) == 2
    assert all(t.relative == "D" and t.date_start is None and t.date_end is None for t in today)
    assert yesterday.relative == "D-1" and yesterday.date_end is None
    supplied = date(2023, 2, 15)
    assert reanchor(today[0], supplied).date_start == date(2023, 2, 15)
    assert reanchor(yesterday, supplied).date_start == date(2023, 2, 14)
    assert reanchor(yesterday, supplied).date_end == date(2023, 2, 14)


def test_wednesday_intelligence_update_on_a_wednesday(nlp: Language) -> None:
    article = seed("000_92a2badd2c940a84.txt")
    assert article.published == date(2022, 9, 28) and article.published.weekday() == 2
    wednesday = by_text(find_times(nlp(article.text), article), "Wednesday")
    assert wednesday.date_start == date(2022, 9, 28)


def test_seed_expressions_are_in_order_and_point_at_their_words(nlp: Language) -> None:
    for path in sorted(ARTICLES.glob("*.txt")):
        article = seed(path.name)
        times = find_times(nlp(article.text), article)
        assert times, path.name
        assert [t.start for t in times] == sorted(t.start for t in times)
        for t in times:
            assert article.text[t.start : t.end] == t.text


# --- families ----------------------------------------------------------------------

TUE = date(2022, 9, 20)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "words", "start", "end", "precision"),
    [
        ("Officials said today that it was over.", "today", "2022-09-20", "2022-09-20", "day"),
        ("He spoke yesterday in Kyiv.", "yesterday", "2022-09-19", "2022-09-19", "day"),
        ("Shelling resumed tonight.", "tonight", "2022-09-20", "2022-09-20", "day"),
        ("Blasts were heard this morning.", "this morning", "2022-09-20", "2022-09-20", "day"),
        ("Blasts were heard last night.", "last night", "2022-09-19", "2022-09-19", "day"),
        ("They attacked on Monday.", "Monday", "2022-09-19", "2022-09-19", "day"),
        ("They attacked Sunday.", "Sunday", "2022-09-18", "2022-09-18", "day"),
        ("They attacked late on Monday.", "late on Monday", "2022-09-19", "2022-09-19", "day"),
        ("They attacked Monday night.", "Monday night", "2022-09-19", "2022-09-19", "day"),
        ("They attacked last Tuesday.", "last Tuesday", "2022-09-13", "2022-09-13", "day"),
        (
            "Troops crossed the river over the weekend.",
            "over the weekend",
            "2022-09-17",
            "2022-09-18",
            "range",
        ),
        (
            "The town fell earlier this month.",
            "earlier this month",
            "2022-09-01",
            "2022-09-20",
            "range",
        ),
        ("The town fell last week.", "last week", "2022-09-12", "2022-09-18", "week"),
        ("The town fell this week.", "this week", "2022-09-19", "2022-09-25", "week"),
        ("The town fell last month.", "last month", "2022-08-01", "2022-08-31", "month"),
        (
            "The region has been occupied since July.",
            "since July",
            "2022-07-01",
            "2022-09-20",
            "range",
        ),
        ("The war began in 2014.", "2014", "2014-01-01", "2014-12-31", "year"),
        ("The invasion began on February 24.", "February 24", "2022-02-24", "2022-02-24", "day"),
        ("The town fell in September.", "September", "2022-09-01", "2022-09-30", "month"),
        ("The town fell on September 17.", "September 17", "2022-09-17", "2022-09-17", "day"),
        ("The town fell on 2022-09-17.", "2022-09-17", "2022-09-17", "2022-09-17", "day"),
        (
            "The town fell on September 17, 2021.",
            "September 17, 2021",
            "2021-09-17",
            "2021-09-17",
            "day",
        ),
        (
            "The town fell on 17 September 2021.",
            "17 September 2021",
            "2021-09-17",
            "2021-09-17",
            "day",
        ),
        ("The town fell in March 2021.", "March 2021", "2021-03-01", "2021-03-31", "month"),
        ("The town fell on 20/09/2021.", "20/09/2021", "2021-09-20", "2021-09-20", "day"),
        ("The town fell on 09/20/2021.", "09/20/2021", "2021-09-20", "2021-09-20", "day"),
        ("The town fell on 03.04.2021.", "03.04.2021", "2021-04-03", "2021-04-03", "day"),
        ("The town fell on Sept. 17, 2021.", "Sept. 17, 2021", "2021-09-17", "2021-09-17", "day"),
        ("Russia launched drones overnight.", "overnight", "2022-09-19", "2022-09-20", "range"),
        ("The town fell in mid-September.", "mid-September", "2022-09-11", "2022-09-20", "range"),
        (
            "Votes were held on 13-17 September.",
            "13-17 September",
            "2022-09-13",
            "2022-09-17",
            "range",
        ),
        (
            "Votes were held Sept. 13-17, 2021.",
            "Sept. 13-17, 2021",
            "2021-09-13",
            "2021-09-17",
            "range",
        ),
        ("The town fell two days ago.", "two days ago", "2022-09-18", "2022-09-18", "day"),
        ("The town fell three weeks ago.", "three weeks ago", "2022-08-29", "2022-09-04", "week"),
        ("The town fell in late August.", "late August", "2022-08-21", "2022-08-31", "range"),
        (
            "Fighting went on for the past 10 days.",
            "for the past 10 days",
            "2022-09-10",
            "2022-09-20",
            "range",
        ),
        (
            "The town fell earlier this year.",
            "earlier this year",
            "2022-01-01",
            "2022-09-20",
            "range",
        ),
    ],
)
def test_family(nlp: Language, text: str, words: str, start: str, end: str, precision: str) -> None:
    expr = only(nlp, text, TUE, words)
    assert (expr.date_start, expr.date_end, expr.precision) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
        precision,
    )


def test_the_coming_weeks_is_open_after_the_article_date(nlp: Language) -> None:
    expr = only(nlp, "Talks are expected in the coming weeks.", TUE, "the coming weeks")
    assert expr.date_start == TUE and expr.date_end is None and expr.relative == "D..D+Xw"


def test_for_months_is_open_ended(nlp: Language) -> None:
    expr = only(nlp, "The Kremlin has held the territory for months.", TUE, "for months")
    assert expr.date_start is None and expr.date_end == TUE and expr.precision == "range"
    assert expr.relative == "D-Xm..D"


# --- tense ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "expected", "tense"),
    [
        ("He said he would speak on Wednesday.", "Wednesday", "2022-09-21", "future"),
        ("The minister will visit Kyiv on Monday.", "Monday", "2022-09-26", "future"),
        ("The minister plans to visit Kyiv on Friday.", "Friday", "2022-09-23", "future"),
        ("The minister visited Kyiv on Friday.", "Friday", "2022-09-16", "past"),
        ("The minister has visited Kyiv on Friday.", "Friday", "2022-09-16", "past"),
        ("The vote will be held on September 23.", "September 23", "2022-09-23", "future"),
        ("The minister visited Kyiv on Tuesday.", "Tuesday", "2022-09-20", "past"),
        ("The minister will visit Kyiv on Tuesday.", "Tuesday", "2022-09-20", "future"),
    ],
)
def test_tense(nlp: Language, text: str, words: str, expected: str, tense: str) -> None:
    expr = only(nlp, text, TUE, words)
    assert expr.tense == tense
    assert expr.date_start == date.fromisoformat(expected)


# --- boundaries ------------------------------------------------------------------------


def test_monday_across_a_year_boundary(nlp: Language) -> None:
    expr = only(nlp, "The town was shelled on Monday.", date(2023, 1, 3), "Monday")
    assert expr.date_start == date(2023, 1, 2)


def test_sunday_across_a_year_boundary(nlp: Language) -> None:
    expr = only(nlp, "The town was shelled on Saturday.", date(2023, 1, 2), "Saturday")
    assert expr.date_start == date(2022, 12, 31)


def test_december_date_in_a_january_article_is_last_year(nlp: Language) -> None:
    expr = only(nlp, "The town was shelled on December 30.", date(2023, 1, 5), "December 30")
    assert expr.date_start == date(2022, 12, 30)


def test_last_month_in_january(nlp: Language) -> None:
    expr = only(nlp, "The town fell last month.", date(2023, 1, 5), "last month")
    assert (expr.date_start, expr.date_end) == (date(2022, 12, 1), date(2022, 12, 31))


def test_weekday_equal_to_article_date_counts(nlp: Language) -> None:
    expr = only(nlp, "The town was shelled on Tuesday.", TUE, "Tuesday")
    assert expr.date_start == TUE


def test_future_date_in_past_statement_warns(nlp: Language) -> None:
    text = "The town was captured on March 5, 2024."
    article = Article(id="t", path="t", text=text, published=date(2023, 1, 5))
    times = find_times(nlp(text), article)
    assert times[0].date_start == date(2024, 3, 5)
    assert any("after the article date" in w for w in article.warnings)


def test_impossible_dates_are_not_recognised(nlp: Language) -> None:
    times = times_of(nlp, "It happened on 2022-02-30 and on February 30.", TUE)
    assert all(t.date_start is None for t in times if "30" in t.text)
    assert not any(t.text == "2022-02-30" for t in times)


# --- relative notation & reanchor -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "relative", "supplied", "start", "end"),
    [
        ("He spoke today.", "today", "D", "2023-02-15", "2023-02-15", "2023-02-15"),
        ("He spoke yesterday.", "yesterday", "D-1", "2023-02-15", "2023-02-14", "2023-02-14"),
        ("He spoke on Monday.", "Monday", "WD:Mon<=D", "2023-02-15", "2023-02-13", "2023-02-13"),
        (
            "They crossed over the weekend.",
            "over the weekend",
            "WE<=D",
            "2023-02-15",
            "2023-02-11",
            "2023-02-12",
        ),
        (
            "It fell earlier this month.",
            "earlier this month",
            "MO[D]..D",
            "2023-02-15",
            "2023-02-01",
            "2023-02-15",
        ),
        (
            "It began on February 24.",
            "February 24",
            "MD:02-24<=D",
            "2023-02-15",
            "2022-02-24",
            "2022-02-24",
        ),
    ],
)
def test_undated_expressions_keep_notation_and_reanchor(
    nlp: Language, text: str, words: str, relative: str, supplied: str, start: str, end: str
) -> None:
    expr = only(nlp, text, None, words)
    assert expr.relative == relative and expr.date_start is None
    resolved = reanchor(expr, date.fromisoformat(supplied))
    assert (resolved.date_start, resolved.date_end) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


def test_reanchor_is_total() -> None:
    broken = TimeExpr(0, 3, "foo", relative="WD:Xyz<=D")
    assert reanchor(broken, date(2023, 2, 15)).date_start is None
    absolute = TimeExpr(0, 4, "2014", date(2014, 1, 1), date(2014, 12, 31), "year")
    assert reanchor(absolute, date(2023, 2, 15)) == absolute


# --- event time ---------------------------------------------------------------------------


def _token(doc, word: str) -> int:  # type: ignore[no-untyped-def]
    return next(t.i for t in doc if t.text == word)


def test_event_time_own(nlp: Language) -> None:
    text = "Ukraine's armed forces said troops had crossed the Oskil River over the weekend."
    article = Article(id="t", path="t", text=text, published=TUE)
    doc = nlp(text)
    times = find_times(doc, article)
    expr, basis = event_time(doc, _token(doc, "crossed"), _token(doc, "said"), times, article)
    assert basis == "own" and expr is not None and expr.text == "over the weekend"


def test_event_time_statement(nlp: Language) -> None:
    text = "Forensic experts have dug up 146 bodies, governor Oleh Synehubov said on Monday."
    article = Article(id="t", path="t", text=text, published=TUE)
    doc = nlp(text)
    times = find_times(doc, article)
    expr, basis = event_time(doc, _token(doc, "dug"), _token(doc, "said"), times, article)
    assert basis == "statement" and expr is not None
    assert expr.precision == "reported_by"
    # on or shortly before the statement's day (time.toml dated_statement_days = 1)
    assert expr.date_start == date(2022, 9, 18) and expr.date_end == date(2022, 9, 19)


def test_event_time_undated_statement_stays_open(nlp: Language) -> None:
    text = "Forensic experts have dug up 146 bodies, governor Oleh Synehubov said."
    article = Article(id="t", path="t", text=text, published=TUE)
    doc = nlp(text)
    times = find_times(doc, article)
    expr, basis = event_time(doc, _token(doc, "dug"), _token(doc, "said"), times, article)
    assert basis == "statement" and expr is not None and expr.date_start is None


def _event(nlp: Language, text: str, trigger: str, report: str | None, published=TUE):  # type: ignore[no-untyped-def]
    article = Article(id="t", path="t", text=text, published=published)
    doc = nlp(text)
    times = find_times(doc, article)
    report_i = _token(doc, report) if report else None
    return event_time(doc, _token(doc, trigger), report_i, times, article)


def test_event_time_statement_found_without_report_verb(nlp: Language) -> None:
    text = "Russia said today that the Russian army broke through two defense lines."
    expr, basis = _event(nlp, text, "broke", None, published=None)
    assert basis == "statement" and expr is not None and expr.text == "today"
    assert expr.relative == "?..(D)" and reanchor(expr, TUE).date_end == TUE


def test_event_time_ignores_times_in_the_speakers_description(nlp: Language) -> None:
    text = (
        "Mr Gaidai, governor of Luhansk, a province now under control of Russian troops, "
        "said Ukraine's armed forces had regained complete control of the village."
    )
    expr, basis = _event(nlp, text, "regained", "said")
    # not "now" (the speaker's description): the undated statement's bound
    assert basis == "statement" and expr is not None and expr.text == ""
    assert expr.date_start is None and expr.date_end == TUE


def test_a_statement_is_not_dated_by_what_it_says(nlp: Language) -> None:
    # the statement event's trigger is its reporting verb: a year inside what was
    # warned is the content's time, not the warning's
    text = "The ministry warned the vote would repeat the fraud its rivals committed in 2008."
    expr, basis = _event(nlp, text, "warned", "warned")
    assert basis == "reported_by"
    text = "Governor Oleh Synehubov said on Monday that the town of Izium was free."
    expr, basis = _event(nlp, text, "said", "said")
    assert basis == "own" and expr is not None and expr.text == "Monday"


def test_event_time_vague_own_time_yields_to_the_statement(nlp: Language) -> None:
    text = "Experts have so far dug up 146 bodies, governor Oleh Synehubov said on Monday."
    expr, basis = _event(nlp, text, "dug", "said")
    assert basis == "statement" and expr is not None and expr.text == "Monday"


def test_event_time_vague_own_time_when_nothing_else(nlp: Language) -> None:
    expr, basis = _event(nlp, "Troops recently retook the town.", "retook", None)
    assert basis == "own" and expr is not None and expr.text == "recently"


def test_event_time_shared_with_the_clause_above(nlp: Language) -> None:
    text = (
        "He hinted he would use a video address to the United Nations General Assembly "
        "on Wednesday to call on countries to accelerate weapons deliveries."
    )
    expr, basis = _event(nlp, text, "call", "hinted")
    assert basis == "own" and expr is not None and expr.date_start == date(2022, 9, 21)


def test_event_time_not_from_a_relative_clause(nlp: Language) -> None:
    text = (
        "Russian troops have been put on the defense as Kyiv looks to retake "
        "territory the Kremlin has held for months."
    )
    expr, basis = _event(nlp, text, "defense", None)
    assert basis == "reported_by"


def test_event_time_reported_in_an_undated_statement(nlp: Language) -> None:
    # what an undated statement reports is bounded by the statement, which is of the
    # article's news cycle: as by "said today", on or before the article date
    text = "Mr Gaidai said Ukraine's armed forces had regained control of Bilohorivka."
    article = Article(id="t", path="t", text=text, published=TUE)
    doc = nlp(text)
    expr, basis = event_time(doc, _token(doc, "regained"), _token(doc, "said"), [], article)
    assert basis == "statement" and expr is not None
    assert expr.date_end == TUE and expr.date_start is None
    assert expr.precision == "reported_by" and expr.relative == "?..(D)"
    undated = Article(id="t", path="t", text=text, published=None)
    expr, basis = event_time(doc, _token(doc, "regained"), _token(doc, "said"), [], undated)
    assert basis == "statement" and expr is not None and expr.date_end is None
    assert reanchor(expr, TUE).date_end == TUE


def test_event_time_undated_statement_bounds_neither_itself_nor_the_future(
    nlp: Language,
) -> None:
    # the statement itself and what it announces keep the article date as bound only
    text = "The general staff said its forces would attack the bridgehead."
    assert _event(nlp, text, "attack", "said")[1] == "reported_by"
    text = "The general staff said its forces repelled attacks near the town."
    assert _event(nlp, text, "said", "said")[1] == "reported_by"
    assert _event(nlp, text, "repelled", "said")[1] == "statement"


def test_event_time_reported_by(nlp: Language) -> None:
    # an event told by the article itself, no statement: the article date bounds it
    text = "Ukraine's armed forces regained control of Bilohorivka."
    article = Article(id="t", path="t", text=text, published=TUE)
    doc = nlp(text)
    expr, basis = event_time(doc, _token(doc, "regained"), None, [], article)
    assert basis == "reported_by" and expr is not None
    assert expr.date_end == TUE and expr.precision == "reported_by"


def test_event_time_reported_by_undated(nlp: Language) -> None:
    text = "Mr Gaidai said Ukraine's armed forces had regained control of Bilohorivka."
    article = Article(id="t", path="t", text=text, published=None)
    doc = nlp(text)
    expr, basis = event_time(doc, _token(doc, "regained"), None, [], article)
    assert basis == "reported_by" and expr is not None
    assert expr.date_end is None and expr.relative is not None
    assert reanchor(expr, TUE).date_end == TUE


# --- every lexicon entry (data/time.toml) is exercised ------------------------------------

LEXICON = tomllib.loads(
    resources.files("frontwatch.data").joinpath("time.toml").read_text(encoding="utf-8")
)
D = date(2023, 2, 15)  # a Wednesday


def _first(nlp: Language, text: str, published: date | None = D) -> TimeExpr:
    found = times_of(nlp, text, published)
    assert found, text
    return found[0]


@pytest.mark.parametrize(("name", "index"), sorted(LEXICON["weekdays"].items()))
def test_lexicon_weekdays(nlp: Language, name: str, index: int) -> None:
    written = name.capitalize() + ("" if len(name) >= 6 else ".")
    expr = _first(nlp, f"The town was shelled on {written} and burned.")
    assert expr.text.rstrip(".") == written.rstrip(".")
    assert expr.date_start is not None and expr.date_start.weekday() == index


@pytest.mark.parametrize(("name", "number"), sorted(LEXICON["months"].items()))
def test_lexicon_months(nlp: Language, name: str, number: int) -> None:
    expr = _first(nlp, f"The town fell on {name.capitalize()} 5, 2021.")
    assert expr.date_start == date(2021, number, 5)
    month = _first(nlp, f"The town fell in {name.capitalize()} 2021.")
    assert (month.date_start, month.precision) == (date(2021, number, 1), "month")


@pytest.mark.parametrize(("word", "count"), sorted(LEXICON["numbers"].items()))
def test_lexicon_numbers(nlp: Language, word: str, count: int) -> None:
    phrase = "a couple of" if word == "couple" else word
    expr = _first(nlp, f"The town fell {phrase} weeks ago.")
    assert expr.relative == f"W[D-{count}w]"


@pytest.mark.parametrize("word", sorted(LEXICON["vague_numbers"]))
def test_lexicon_vague_numbers(nlp: Language, word: str) -> None:
    phrase = f"a {word}" if word == "few" else word
    expr = _first(nlp, f"The town has been shelled for {phrase} months.")
    assert expr.relative == "D-Xm..D" and expr.date_start is None and expr.date_end == D


@pytest.mark.parametrize(("word", "unit"), sorted(LEXICON["units"].items()))
def test_lexicon_units(nlp: Language, word: str, unit: str) -> None:
    expr = _first(nlp, f"The town fell two {word} ago.")
    assert f"D-2{unit}" in (expr.relative or "")


@pytest.mark.parametrize(("phrase", "offset"), sorted(LEXICON["deictic"].items()))
def test_lexicon_deictic(nlp: Language, phrase: str, offset: int) -> None:
    expr = _first(nlp, f"Shelling was reported {phrase}.")
    assert expr.text == phrase
    assert expr.date_start == date.fromordinal(D.toordinal() + offset)


@pytest.mark.parametrize("part", LEXICON["day_parts"]["parts"])
def test_lexicon_day_parts(nlp: Language, part: str) -> None:
    expr = _first(nlp, f"The town was shelled on Monday {part}.")
    assert expr.text == f"Monday {part}" and expr.date_start == date(2023, 2, 13)


@pytest.mark.parametrize("modifier", LEXICON["day_modifiers"]["modifiers"])
def test_lexicon_day_modifiers(nlp: Language, modifier: str) -> None:
    expr = _first(nlp, f"The town was shelled {modifier} Monday.")
    assert expr.text == f"{modifier} Monday" and expr.date_start == date(2023, 2, 13)


@pytest.mark.parametrize(("word", "cmp"), sorted(LEXICON["weekday_direction"].items()))
def test_lexicon_weekday_direction(nlp: Language, word: str, cmp: str) -> None:
    expr = _first(nlp, f"The town was shelled {word} Wednesday.")
    expected = {"<": date(2023, 2, 8), ">": date(2023, 2, 22), "~": D}[cmp]
    assert expr.text == f"{word} Wednesday" and expr.date_start == expected


@pytest.mark.parametrize(("phrase", "notation"), sorted(LEXICON["periods"].items()))
def test_lexicon_periods(nlp: Language, phrase: str, notation: str) -> None:
    expr = _first(nlp, f"Shelling was reported {phrase} in the east.")
    assert expr.relative == notation and expr.text.endswith(phrase)
    assert expr.date_start is not None or expr.date_end is not None


@pytest.mark.parametrize(("phrase", "cmp"), sorted(LEXICON["weekend"].items()))
def test_lexicon_weekend(nlp: Language, phrase: str, cmp: str) -> None:
    expr = _first(nlp, f"Troops crossed the river {phrase}.")
    assert expr.text == phrase
    assert expr.date_start is not None and expr.date_start.weekday() == 5
    # on a Wednesday, "last weekend" and (past) "over the weekend" are the one just gone
    expected = {"<": date(2023, 2, 11), ">": date(2023, 2, 18), "~": date(2023, 2, 11)}[cmp]
    assert expr.date_start == expected


@pytest.mark.parametrize("verb", LEXICON["range_verbs"]["ending"])
def test_lexicon_range_ending(nlp: Language, verb: str) -> None:
    expr = _first(nlp, f"Five days of talks {verb} on Tuesday.")
    assert (expr.date_start, expr.date_end) == (date(2023, 2, 10), date(2023, 2, 14))


@pytest.mark.parametrize("verb", LEXICON["range_verbs"]["starting"])
def test_lexicon_range_starting(nlp: Language, verb: str) -> None:
    expr = _first(nlp, f"Three days of talks {verb} on Monday.")
    assert (expr.date_start, expr.date_end) == (date(2023, 2, 13), date(2023, 2, 15))


@pytest.mark.parametrize("word", LEXICON["signals"]["since"])
def test_lexicon_since(nlp: Language, word: str) -> None:
    expr = _first(nlp, f"The region has been occupied {word} July.")
    assert (expr.date_start, expr.date_end) == (date(2022, 7, 1), D)


@pytest.mark.parametrize("word", LEXICON["signals"]["year_prepositions"])
def test_lexicon_year_prepositions(nlp: Language, word: str) -> None:
    expr = _first(nlp, f"The region was annexed {word} 2014 by force.")
    assert expr.text.endswith("2014") and expr.date_start == date(2014, 1, 1)
    if word in LEXICON["signals"]["since"]:
        assert expr.text == f"{word} 2014" and expr.date_end == D


@pytest.mark.parametrize(("part", "days"), sorted(LEXICON["part_of_month"].items()))
def test_lexicon_part_of_month(nlp: Language, part: str, days: list[int]) -> None:
    expr = _first(nlp, f"The town fell in {part} January.")
    assert (expr.date_start, expr.date_end) == (date(2023, 1, days[0]), date(2023, 1, days[1]))


@pytest.mark.parametrize(("word", "notation"), sorted(LEXICON["references"].items()))
def test_lexicon_references(nlp: Language, word: str, notation: str) -> None:
    expr = _first(nlp, f"Troops have {word} retreated from the town.")
    assert expr.text == word and expr.relative == notation and expr.date_end == D


@pytest.mark.parametrize(("season", "months"), sorted(LEXICON["seasons"].items()))
def test_lexicon_seasons(nlp: Language, season: str, months: list[int]) -> None:
    expr = _first(nlp, f"The offensive stalled last {season}.")
    assert expr.date_start is not None and expr.date_start.month == months[0]
    assert expr.date_end is not None and expr.date_end.month == (months[0] + 1) % 12 + 1


@pytest.mark.parametrize(("prefix", "cmp"), sorted(LEXICON["season_direction"].items()))
def test_lexicon_season_direction(nlp: Language, prefix: str, cmp: str) -> None:
    expr = _first(nlp, f"The offensive stalled {prefix} summer.")
    expected_year = {"<": 2022, "<=": 2022, ">": 2023, "~": 2022}[cmp]
    assert expr.date_start == date(expected_year, 6, 1)


TENSE_SENTENCES = {
    "will": "Troops will attack on Friday.",
    "wo": "Troops won't attack on Friday.",
    "'ll": "They said they'll attack on Friday.",
    "shall": "We shall attack on Friday.",
    "going": "Troops are going to attack on Friday.",
    "would": "He said troops would attack on Friday.",
    "'d": "He said they'd attack on Friday.",
    "plan": "Troops plan to attack on Friday.",
    "schedule": "Talks are scheduled to resume on Friday.",
    "intend": "Troops intend to attack on Friday.",
    "expect": "Troops are expected to attack on Friday.",
    "aim": "Troops aim to attack on Friday.",
    "prepare": "Troops are preparing to attack on Friday.",
    "promise": "He promised to visit on Friday.",
    "vow": "He vowed to return on Friday.",
    "threaten": "Russia threatened to strike on Friday.",
    "hope": "Officials hope to sign the deal on Friday.",
    "set": "Talks are set to resume on Friday.",
    "due": "Talks are due to resume on Friday.",
    "announce": "He announced to visit Kyiv on Friday.",
    "propose": "He proposed to meet on Friday.",
}


@pytest.mark.parametrize(
    "entry",
    LEXICON["tense"]["future_aux"]
    + LEXICON["tense"]["conditional_aux"]
    + LEXICON["tense"]["plan_verbs"],
)
def test_lexicon_future_markers(nlp: Language, entry: str) -> None:
    expr = _first(nlp, TENSE_SENTENCES[entry])
    assert expr.tense == "future", (entry, expr)
    assert expr.date_start == date(2023, 2, 17)


@pytest.mark.parametrize("words", LEXICON["tense"]["future_words"])
def test_lexicon_future_words_without_a_parse(words: str) -> None:
    text = f"Officials say troops {words} attack on Friday."
    article = Article(id="t", path="t", text=text, published=D)
    expr = find_times(None, article)[0]
    assert expr.tense == "future" and expr.date_start == date(2023, 2, 17)


def test_without_a_parse_past_by_default() -> None:
    text = "Troops attacked on Friday."
    article = Article(id="t", path="t", text=text, published=D)
    assert find_times(None, article)[0].date_start == date(2023, 2, 10)


def test_lexicon_reported_by_lookback() -> None:
    assert LEXICON["reported_by"]["lookback_days"] == 0  # documented: start left open


def test_lexicon_statement_days(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("frontwatch.resolve.time.event_time")
    assert LEXICON["reported_by"]["statement_days"] == 0  # documented: "said today"
    monkeypatch.setattr(module, "_statement_days", lambda: 1)
    text = "The general staff said its forces repelled attacks near the town."
    expr, basis = _event(nlp, text, "repelled", "said")
    assert basis == "statement" and expr is not None and expr.relative == "D-1..D"
    assert (expr.date_start, expr.date_end) == (date(2022, 9, 19), TUE)


# --- properties (Hypothesis) ------------------------------------------------------------

TIME_WORDS = sorted(
    {w for key in ("weekdays", "months", "numbers", "units") for w in LEXICON[key]}
    | {w for key in ("deictic", "periods", "weekend", "references") for w in LEXICON[key]}
    | {
        "since",
        "ago",
        "of",
        "on",
        "in",
        "late",
        "early",
        "last",
        "next",
        "this",
        "the",
        "will",
        "would",
        "said",
        "attacked",
        "ended",
        "began",
        "for",
        "2014",
        "2022-02-30",
        "2021-09-17",
        "17",
        "31",
        "Sept.",
        "Fri.",
        ",",
        ".",
        "'s",
        "\n",
        "—",
        "(Reuters)",
    }
)
texts = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(TIME_WORDS).map(lambda w: w.capitalize() if len(w) > 3 else w),
        max_size=40,
    ).map(" ".join),
)
dates = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=texts, published=dates)
def test_find_times_never_raises_and_points_inside(
    nlp: Language, text: str, published: date | None
) -> None:
    article = Article(id="p", path="p", text=text, published=published)
    found = find_times(nlp(text), article)
    previous_end = 0
    for expr in found:
        assert 0 <= expr.start < expr.end <= len(text)
        assert text[expr.start : expr.end] == expr.text
        assert expr.start >= previous_end  # in order, not overlapping
        previous_end = expr.end
        if expr.date_start and expr.date_end:
            assert expr.date_start <= expr.date_end


@PROPERTY
@given(
    text=texts,
    published=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)
def test_reanchor_agrees_with_resolving_directly(nlp: Language, text: str, published: date) -> None:
    doc = nlp(text)
    undated = find_times(doc, Article(id="p", path="p", text=text, published=None))
    dated = find_times(doc, Article(id="p", path="p", text=text, published=published))
    assert [(e.start, e.end) for e in undated] == [(e.start, e.end) for e in dated]
    for late, direct in zip(undated, dated, strict=True):
        if late.relative is not None and direct.relative is None:
            # Dated by the text's own dates once D was known (the story's reference time,
            # or a year given in the same sentence and not D's): its notation alone cannot
            # redo that, and `frontwatch redate` reprocesses the article instead.
            continue
        again = reanchor(late, published)
        assert (again.date_start, again.date_end, again.precision) == (
            direct.date_start,
            direct.date_end,
            direct.precision,
        )


@PROPERTY
@given(relative=st.one_of(st.none(), st.text(max_size=30)), published=dates)
def test_reanchor_is_total_on_any_notation(relative: str | None, published: date | None) -> None:
    expr = TimeExpr(0, 1, "x", relative=relative)
    again = reanchor(expr, published)
    assert again.start == 0 and again.relative == relative


EVENT_TEXT = "Ukraine's forces said on Monday that troops had crossed the river over the weekend."
_PARSED: dict[str, Doc] = {}


def _parsed(nlp: Language, text: str) -> Doc:
    if text not in _PARSED:
        _PARSED[text] = nlp(text)
    return _PARSED[text]


@PROPERTY
@given(published=dates, trigger=st.integers(-3, 40), report=st.none() | st.integers(-3, 40))
def test_event_time_never_raises(
    nlp: Language, published: date | None, trigger: int, report: int | None
) -> None:
    text = EVENT_TEXT
    doc = _parsed(nlp, text)
    article = Article(id="p", path="p", text=text, published=published)
    expr, basis = event_time(doc, trigger, report, find_times(doc, article), article)
    assert basis in ("own", "statement", "reported_by")
    assert expr is not None


# --- joined expressions --------------------------------------------------------------------


def test_weekday_names_the_date_after_it(nlp: Language) -> None:
    expr = only(nlp, "Main news at 13:45, Monday, September 12.", TUE, "Monday, September 12")
    assert expr.date_start == date(2022, 9, 12) and expr.precision == "day"
    expr = only(
        nlp, "Shelling on Tuesday, Sept. 20, 2022 killed two.", TUE, "Tuesday, Sept. 20, 2022"
    )
    assert expr.date_start == TUE


@pytest.mark.parametrize(
    ("text", "words", "published", "start", "end"),
    [
        ("Calls: week of 29 Aug – 4 Sep.", "29 Aug – 4 Sep", TUE, "2022-08-29", "2022-09-04"),
        (
            "Fighting raged from Monday to Wednesday.",
            "from Monday to Wednesday",
            TUE,
            "2022-09-12",
            "2022-09-14",
        ),
        (
            "Talks will run from Monday to Wednesday.",
            "from Monday to Wednesday",
            TUE,
            "2022-09-26",
            "2022-09-28",
        ),
        (
            "Shelling went on from December 28 to January 3.",
            "from December 28 to January 3",
            date(2023, 1, 5),
            "2022-12-28",
            "2023-01-03",
        ),
        ("It lasted from 2014 to 2022.", "from 2014 to 2022", TUE, "2014-01-01", "2022-12-31"),
    ],
)
def test_ranges(
    nlp: Language, text: str, words: str, published: date, start: str, end: str
) -> None:
    expr = only(nlp, text, published, words)
    assert (expr.date_start, expr.date_end) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
    )
    assert expr.precision == "range"


def test_two_days_are_not_a_range_without_an_opener(nlp: Language) -> None:
    found = times_of(nlp, "Fighting raged on Monday and Tuesday.", TUE)
    assert [t.text for t in found] == ["Monday", "Tuesday"]


@pytest.mark.parametrize("link", LEXICON["signals"]["range_links"])
def test_lexicon_range_links(nlp: Language, link: str) -> None:
    opener = "between" if link == "and" else "from"
    expr = _first(nlp, f"Fighting raged {opener} May 1 {link} May 5.")
    assert expr.text == f"{opener} May 1 {link} May 5"
    assert (expr.date_start, expr.date_end) == (date(2022, 5, 1), date(2022, 5, 5))


@pytest.mark.parametrize("opener", LEXICON["signals"]["range_openers"])
def test_lexicon_range_openers(nlp: Language, opener: str) -> None:
    link = "and" if opener == "between" else "to"
    expr = _first(nlp, f"Fighting raged {opener} 2014 {link} 2016.")
    assert (expr.date_start, expr.date_end) == (date(2014, 1, 1), date(2016, 12, 31))


@pytest.mark.parametrize("label", LEXICON["names"]["entity_labels"])
def test_lexicon_name_entities(nlp: Language, label: str) -> None:
    from spacy.tokens import Span

    words = ["Staff", "at", "Ruby", "Tuesday", "met", "April", "Ryan", "on", "Monday", "."]
    spaces = [True] * 8 + [False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, 2, 4, label=label), Span(doc, 5, 7, label=label)]
    article = Article(id="t", path="t", text=doc.text, published=TUE)
    assert [t.text for t in find_times(doc, article)] == ["Monday"]


def test_month_in_a_person_name_is_not_a_month(nlp: Language) -> None:
    assert [t.text for t in times_of(nlp, "April Ryan asked on Monday.", TUE)] == ["Monday"]


def test_since_the_year_keeps_the_year_only(nlp: Language) -> None:
    found = times_of(nlp, "Calls to boycott grew since the 2016 election.", TUE)
    assert [t.text for t in found] == ["2016"]
