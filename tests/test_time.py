"""The time stage: expression families, tense, boundaries, the seed gold checks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from frontwatch.annotate import load_nlp
from frontwatch.models import Article, TimeExpr
from frontwatch.resolve.time import event_time, find_times, reanchor

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "demo" / "articles"
GOLD = ROOT / "tests" / "fixtures" / "seeds.gold.json"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def seed(name: str) -> Article:
    """A seed article: its leading " date YYYY-MM-DD" line read and removed."""
    raw = (ARTICLES / name).read_text(encoding="utf-8")
    published = None
    if raw.startswith(" date "):
        published = date.fromisoformat(raw[6:16])
        raw = raw[17:]
    return Article(id=name, path=name, text=raw, published=published)


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
    assert expr.date_start is None and expr.date_end == date(2022, 9, 19)


def test_event_time_reported_by(nlp: Language) -> None:
    text = "Mr Gaidai said Ukraine's armed forces had regained control of Bilohorivka."
    article = Article(id="t", path="t", text=text, published=TUE)
    doc = nlp(text)
    expr, basis = event_time(doc, _token(doc, "regained"), _token(doc, "said"), [], article)
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
