"""Datelines ("KYIV (Reuters) -") and the seed format's " date YYYY-MM-DD" line."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.clean.dateline import canonical_outlet, parse_dateline
from frontwatch.read.formats import split_date_line


@pytest.mark.parametrize(
    ("text", "place", "outlet", "date_text"),
    [
        ("IZIUM, Ukraine - Ukraine said its troops", "IZIUM", None, None),
        ("KYIV (Reuters) - Ukraine said", "KYIV", "Reuters", None),
        ("KYIV, Sept 20 (Reuters) - Ukraine said", "KYIV", "Reuters", "Sept 20"),
        ("LONDON, Feb 15 (AP) — Britain said", "LONDON", "Associated Press", "Feb 15"),
        ("NEW YORK, Sept. 21 (AFP) -- The UN said", "NEW YORK", "Agence France-Presse", "Sept. 21"),
        ("Kyiv, Ukraine — The army said", "Kyiv", None, None),
        ("[Central News Agency] Russia said today", None, "Central News Agency", None),
        ("(Reuters) - Russia said", None, "Reuters", None),
        ("[Kyiv Post] The army said", None, "Kyiv Post", None),
    ],
)
def test_dateline_forms(
    text: str, place: str | None, outlet: str | None, date_text: str | None
) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.outlet, found.date_text) == (place, outlet, date_text)
    if place is not None:
        assert text[found.place_start : found.place_end] == place
    assert found.start == 0 and found.end <= len(text)


def test_dateline_date_takes_its_year_from_the_reference() -> None:
    found = parse_dateline("KYIV, Sept 20 (Reuters) - x", reference=date(2022, 9, 21))
    assert found is not None and found.published == date(2022, 9, 20)
    # a January story about a December dateline: the year before
    found = parse_dateline("KYIV, Dec 31 (Reuters) - x", reference=date(2023, 1, 1))
    assert found is not None and found.published == date(2022, 12, 31)
    assert parse_dateline("KYIV, Sept 20 (Reuters) - x").published is None  # type: ignore[union-attr]
    found = parse_dateline("KYIV, Sept 20, 2021 (Reuters) - x")
    assert found is not None and found.published == date(2021, 9, 20)


def test_impossible_dateline_date_gives_no_date() -> None:
    found = parse_dateline("KYIV, Feb 30 (Reuters) - x", reference=date(2023, 2, 1))
    assert found is not None and found.published is None and found.date_text == "Feb 30"


def test_dateline_after_a_caption() -> None:
    text = "Soldiers in the Luhansk region.\n\n(Reuters)\n\n[Central News Agency] Russia said today"
    found = parse_dateline(text)
    assert found is not None and found.outlet == "Central News Agency"
    assert text[found.start : found.end].strip() == "[Central News Agency]"


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine said its troops - and more - marched east.",
        "The Russian side claimed that the army broke through.",
        "(Reuters)\n\nRussia said",  # a photo credit, not a dateline
        "[citation needed] Russia said",
        "",
        "September - the month when",
    ],
)
def test_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None


def test_every_outlet_spelling_is_recognised() -> None:
    raw = tomllib.loads(resources.files("frontwatch.data").joinpath("outlets.toml").read_text())
    for entry in raw.values():
        for spelling in entry["spellings"]:
            found = parse_dateline(f"KYIV ({spelling}) - x")
            assert found is not None and found.outlet == entry["name"], spelling
        for word in entry.get("news_words", []):
            assert canonical_outlet(f"Somewhere {word}", bracketed=True) is not None


@pytest.mark.parametrize(
    ("line", "expected", "warns"),
    [
        (" date 2022-09-28 Russian troops", date(2022, 9, 28), False),
        ("date 2023-02-15", date(2023, 2, 15), False),
        (" date 2022-02-30 Russian troops", None, True),
        (" date 2022-13-01", None, True),
        (" date 22-9-28x", None, True),
        ("Dates were set for the vote.", None, False),
        ("The Russian side claimed", None, False),
        ("", None, False),
    ],
)
def test_date_line(line: str, expected: date | None, warns: bool) -> None:
    dated = split_date_line(line)
    found, warning = (None, None) if dated is None else dated[1:]
    assert found == expected
    assert (warning is not None) == warns
    if warns:
        assert "date" in warning  # type: ignore[operator]


# --- properties (Hypothesis) ------------------------------------------------------------

DATELINE_PARTS = [
    "KYIV",
    "IZIUM",
    "Kyiv",
    ",",
    " ",
    "Ukraine",
    "Sept",
    "Feb.",
    "20",
    "31",
    "2022",
    "(Reuters)",
    "(AP)",
    "(Foo)",
    "[Central News Agency]",
    "[x]",
    "-",
    "—",
    "--",
    ":",
    "\n",
    "\n\n",
    "The",
    "army",
    "said",
]
dateline_texts = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(DATELINE_PARTS), max_size=25).map("".join),
    st.lists(st.sampled_from(DATELINE_PARTS), max_size=25).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(text=dateline_texts, reference=st.none() | st.dates())
def test_parse_dateline_never_raises_and_points_inside(text: str, reference: date | None) -> None:
    found = parse_dateline(text, reference=reference)
    if found is None:
        return
    assert 0 <= found.start < found.end <= len(text)
    if found.place is not None:
        assert 0 <= found.place_start < found.place_end <= len(text)
        assert text[found.place_start : found.place_end] == found.place
    assert found.place is not None or found.outlet is not None


@settings(max_examples=300, deadline=None)
@given(
    line=st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda y, m, d, rest: f" date {y:04d}-{m:02d}-{d:02d}{rest}",
            st.integers(0, 9999),
            st.integers(0, 99),
            st.integers(0, 99),
            st.text(max_size=10),
        ),
    )
)
def test_parse_date_line_never_raises(line: str) -> None:
    dated = split_date_line(line)
    found, warning = (None, None) if dated is None else dated[1:]
    assert found is None or warning is None
    if found is not None:
        assert isinstance(found, date)
