"""Boilerplate removal (every rule of data/boilerplate.toml), credits and dates."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.clean import classify_line, clean, strip_boilerplate
from frontwatch.lexicons import load_toml
from frontwatch.models import DateSource, RawDocument

# One line per rule of data/boilerplate.toml, none taken from the seed articles.
RULE_EXAMPLES = {
    "app promo": "Download the BBC News app",
    "read on": "Continue reading the main story",
    "caption": "Photo: a destroyed bridge near Kupiansk",
    "credit line": "(AFP)",
    "social and subscription prompts": "Sign up for our daily briefing",
    "copyright": "Copyright 2023 The Kyiv Independent",
}


def test_every_rule_has_an_example() -> None:
    names = {rule["name"] for rule in load_toml("boilerplate.toml")["line"]}
    assert names == set(RULE_EXAMPLES)


@pytest.mark.parametrize("line", RULE_EXAMPLES.values())
def test_rule_removes_its_line(line: str) -> None:
    assert classify_line(line) is not None


def test_all_caps_link_to_another_story_is_removed() -> None:
    assert classify_line("ZELENSKY VISITS FRONTLINE TOWN AFTER RECAPTURE") is not None
    assert classify_line("NATO met in Brussels on Tuesday.") is None
    assert classify_line("UKRAINE") is None  # too short to be a headline


@pytest.mark.parametrize(
    "line",
    [
        "Russian forces shelled Kharkiv overnight, the governor said.",
        "The picture is grim, officials said.",  # "picture" is not a caption here
        "Reuters could not independently verify the report.",
    ],
)
def test_article_text_is_kept(line: str) -> None:
    assert classify_line(line) is None


def test_promo_names_the_outlet_and_credit_names_the_origin() -> None:
    raw = RawDocument(
        path="x.txt",
        text="Shelling hit Kherson.\n\nDOWNLOAD THE KYIV POST APP\n\n(Reuters)\n\nMore text here.",
        fmt="txt",
    )
    article = clean(raw)
    assert article.outlet == "Kyiv Post"
    assert article.origin == "Reuters"
    assert "APP" not in article.text and "(Reuters)" not in article.text
    assert article.text.startswith("Shelling hit Kherson.")
    assert len(article.boilerplate) == 2


def test_paragraphs_survive_cleaning() -> None:
    text, removed = strip_boilerplate("One.\n\nCLICK HERE TO GET THE FOX NEWS APP\n\nTwo.")
    assert text == "One.\n\n\nTwo." or text == "One.\n\nTwo."
    assert removed and removed[0].outlet and removed[0].outlet.lower() == "fox news"


def test_user_date_only_when_nothing_better() -> None:
    undated = RawDocument(path="a.txt", text="Forces advanced near Lyman.", fmt="txt")
    article = clean(undated, user_date=date(2023, 2, 15))
    assert (article.published, article.date_source) == (date(2023, 2, 15), DateSource.USER)
    dated = RawDocument(
        path="b.txt",
        text="Forces advanced near Lyman.",
        fmt="seed",
        published=date(2022, 10, 1),
        date_source=DateSource.DATE_LINE,
    )
    article = clean(dated, user_date=date(2023, 2, 15))
    assert (article.published, article.date_source) == (date(2022, 10, 1), DateSource.DATE_LINE)


def test_same_text_same_id_whatever_the_whitespace() -> None:
    a = clean(RawDocument(path="a", text="Troops  crossed\nthe river.", fmt="txt"))
    b = clean(RawDocument(path="b", text="Troops crossed the river.  ", fmt="txt"))
    assert a.id == b.id


def test_credit_line_knows_every_wire_of_the_outlet_table() -> None:
    """The credit-line rule is built from outlets.toml: each wire spelling is credited
    under its outlet's one name, and an outlet that is not a wire is not a credit line."""
    raw = load_toml("outlets.toml")
    wires = [e for e in raw.values() if e.get("wire")]
    assert wires
    for entry in wires:
        for spelling in entry["spellings"]:
            removed = classify_line(f"({spelling})")
            assert removed is not None and removed.origin == entry["name"], spelling
    assert classify_line("(CNN)") is None  # an outlet, not a wire
