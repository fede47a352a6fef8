"""The rule of evidence for names (resolve/names.py), with look-alike names that must
stay apart and spellings across scripts that must join."""

from __future__ import annotations

import pytest

from frontwatch.extract.actors import match_alias
from frontwatch.fuse.entities import Mention, resolve_actors
from frontwatch.resolve.names import is_short, name_evidence, variant_key


@pytest.mark.parametrize(
    "a, b",
    [
        ("Ann", "Ian"),  # short names never fold together
        ("UN", "An"),
        ("Ann", "UN"),
        ("Helga Haidai", "Serhiy Haidai"),  # a differing first name forbids it
        ("Heidi Marsh", "Haidai"),
        ("Rhys Ellis", "Marc E. Elias"),
        ("Ellis", "Elias"),  # vowels kept: a likeness is not a spelling
        ("Reid", "Reed"),
        ("Reid", "Tom Reed"),
        ("P. Reed", "Tom Reed"),  # initials differ
    ],
)
def test_look_alikes_have_no_evidence(a: str, b: str) -> None:
    assert name_evidence(a, b) is None


@pytest.mark.parametrize(
    "a, b, rule",
    [
        ("Гайдай", "Haidai", "spelling"),
        ("Gaidai", "Hayday", "spelling"),
        ("Зеленський", "Zelensky", "spelling"),
        ("Зеленский", "Zelenskiy", "spelling"),
        ("Kozytskyi", "Kozytsky", "spelling"),
        ("Maksym Kozytskyi", "Kozytskyi", "surname"),
        ("T. Reed", "Tom Reed", "initial"),  # an initial that agrees
        ("U.N.", "u n", "same name"),
    ],
)
def test_spellings_with_evidence(a: str, b: str, rule: str) -> None:
    assert name_evidence(a, b) == rule


def test_short_names_and_keys() -> None:
    assert is_short("UN") and is_short("Ian") and is_short("NATO")
    assert not is_short("Putin")
    assert variant_key("Гайдай") == variant_key("Gaidai") == variant_key("Haidai")
    assert variant_key("Heidi") != variant_key("Haidai")


@pytest.mark.parametrize(
    "phrase",
    ["Heidi Marsh", "Helga Haidai", "Rhys Elias", "An appeal", "Authorities", "Ann Lowe"],
)
def test_extraction_table_lookup_needs_evidence(phrase: str) -> None:
    entry = match_alias(phrase)
    from frontwatch.extract.actors import _person_alias

    assert _person_alias(phrase) is None
    if entry is not None:  # an org alias may sit inside a phrase, never "UN" inside "An"
        assert entry.name != "United Nations"


def test_extraction_finds_known_people_across_scripts() -> None:
    from frontwatch.extract.actors import _person_alias

    for text in ("Сергій Гайдай", "Serhii Gaidai", "Hayday", "Зеленский", "Vladimir Zelenskiy"):
        entry = _person_alias(text)
        assert entry is not None and entry.kind == "person", text
    assert match_alias("the UN said") is not None
    assert match_alias("an unusual view") is None


def _p(article: str, name: str) -> Mention:
    return Mention(article, name, "person")


def test_fusion_keeps_look_alikes_apart_and_says_why() -> None:
    mentions = [
        _p("a", "Rhys Ellis"),
        _p("b", "Marc E. Elias"),
        _p("c", "Reid"),
        _p("d", "Tom Reed"),
        _p("e", "Heidi Marsh"),
        _p("f", "Dana Okafor"),
        _p("f", "Okafor"),
        _p("g", "Гайдай"),
    ]
    _, by = resolve_actors(mentions)
    assert by[0] is not by[1] and by[2] is not by[3]
    assert by[4].canonical == "Heidi Marsh"
    assert by[5] is by[6] and "Okafor: surname after a full mention" in by[5].matched_by
    assert by[7].canonical == "Serhiy Haidai" and "Гайдай: listed alias" in by[7].matched_by


def test_bare_surnames_do_not_chain_two_first_names_together() -> None:
    def at(article: str, name: str, start: int) -> Mention:
        return Mention(article, name, "person", start=start, end=start + len(name))

    mentions = [
        at("a", "Priya Osei", 0),
        at("a", "Osei", 50),
        at("b", "Osei", 10),
        at("c", "Kwame Osei", 0),
        at("c", "Osei", 40),
        at("d", "Vladimir Zelensky", 0),
        at("e", "Volodymyr Zelenskyy", 0),
    ]
    _, by = resolve_actors(mentions)
    assert by[0] is by[1] and by[3] is by[4]
    assert by[0] is not by[3]  # Priya and Kwame Osei stay two people
    assert by[5] is by[6]  # two listed aliases of one actor still one entity


def test_cyrillic_speakers_join_the_english_entity() -> None:
    """A Ukrainian report's speaker, named by lexicon.uk.toml ([[speaker]]), is the same
    entity as the English mention of that body."""
    mentions = [
        Mention(
            "ua", "Генштаб", "org", "UA", known_as="General Staff of the Armed Forces of Ukraine"
        ),
        Mention("en", "General Staff of the Armed Forces of Ukraine", "org", "UA"),
        Mention("ru", "Зеленский", "person"),
        Mention("en2", "Volodymyr Zelenskyy", "person"),
    ]
    _, by = resolve_actors(mentions)
    assert by[0] is by[1] and by[2] is by[3]
    assert by[0].canonical == "General Staff of the Armed Forces of Ukraine"
