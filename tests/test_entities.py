"""Canonical entities: one person, body or place across spellings and articles."""

from __future__ import annotations

import pytest

from frontwatch.fuse.entities import (
    Mention,
    _rules,
    org_key,
    person_key,
    place_mentions,
    resolve_actors,
    resolve_places,
    skeleton,
)
from frontwatch.models import PlaceMention
from fusekit import LUHANSK


def person(article_id: str, name: str, side: str = "UA", role: str | None = None) -> Mention:
    return Mention(article_id, name, "person", side, role)


def org(article_id: str, name: str, side: str = "RU") -> Mention:
    return Mention(article_id, name, "org", side)


def entity_of(mentions: list[Mention], i: int):
    _, by_mention = resolve_actors(mentions)
    return by_mention[i]


def test_haidai_spellings_of_two_articles_are_one_entity():
    mentions = [
        person("001", "Mr Serhiy Gaidai", role="Ukrainian governor of Luhansk"),
        person("001", "Mr Gaidai"),
        person("002", "Luhansk Governor Serhiy Haidai", role="Luhansk Governor"),
        person("002", "Heday"),
        person("002", "Heday"),
    ]
    entities, by_mention = resolve_actors(mentions)
    assert len({by_mention[i].id for i in range(len(mentions))}) == 1
    haidai = by_mention[0]
    assert haidai.canonical == "Serhiy Haidai"
    assert haidai.role == "Governor of Luhansk Oblast"
    assert set(haidai.spellings) == {
        "Mr Serhiy Gaidai",
        "Mr Gaidai",
        "Luhansk Governor Serhiy Haidai",
        "Heday",
    }
    assert haidai.spellings["Heday"] == 2 and haidai.articles == ["001", "002"]


def test_an_unlisted_spelling_joins_by_fuzzy_match():
    aliases = {person_key(a) for e in _rules().entries for a in (e.name, *e.aliases)}
    assert "khayday" not in aliases  # found by fuzzy matching, not listed
    assert skeleton("Khayday") == skeleton("Haidai") != skeleton("Haddad")
    # A surname alone joins a full name of the same article ...
    mentions = [person("a", "Serhiy Haidai"), person("a", "Khayday")]
    _, by_mention = resolve_actors(mentions)
    assert by_mention[0] is by_mention[1]
    # ... but not one in another article: too far a spelling without that context.
    mentions = [person("a", "Serhiy Haidai"), person("b", "Khayday")]
    _, by_mention = resolve_actors(mentions)
    assert by_mention[0].id != by_mention[1].id
    # ... and a surname of another sound never joins, even in the same article.
    mentions = [person("a", "Serhiy Haidai"), person("a", "Haddad")]
    _, by_mention = resolve_actors(mentions)
    assert by_mention[0].id != by_mention[1].id


def test_skeleton_is_transliteration_blind():
    assert skeleton("Haidai") == skeleton("Gaidai") == skeleton("Heday")
    assert skeleton("Zelenskyy") == skeleton("Zelensky") == skeleton("Zelenskiy")
    assert skeleton("Syniehubov") == skeleton("Synehubov")
    assert skeleton("Pushilin") != skeleton("Putin")


def test_zelensky_spellings_are_one_entity():
    mentions = [
        person("001", "Volodymyr Zelensky"),
        person("001", "Mr Zelensky"),
        person("002", "Zelensky"),
        person("000", "Volodymyr Zelenskyy"),
        person("000", "Zelenskyy"),
    ]
    _, by_mention = resolve_actors(mentions)
    assert {by_mention[i].canonical for i in range(5)} == {"Volodymyr Zelenskyy"}


def test_synehubov_matches_the_curated_spelling_and_says_why():
    m = [person("001", "Oleh Synehubov", role="Kharkiv regional governor")]
    assert entity_of(m, 0).canonical == "Oleh Syniehubov"
    assert entity_of(m, 0).matched_by == "Oleh Synehubov: listed alias"
    m = [person("001", "Oleg Synyehubov", role="Kharkiv regional governor")]
    assert entity_of(m, 0).matched_by == "Oleg Synyehubov: spelling of a listed alias"


def test_russian_defence_ministry_forms_are_one_body():
    mentions = [
        org("002", "The Russian Defense Ministry"),
        org("002", "The Russian Ministry of Defense"),
        org("003", "Russia's Defence Ministry"),
    ]
    _, by_mention = resolve_actors(mentions)
    assert {by_mention[i].canonical for i in range(3)} == {"Ministry of Defence of Russia"}
    assert org_key("Russian Defense Ministry") == org_key("the Russian Ministry of Defence")


def test_unlisted_bodies_group_by_word_order_free_key():
    mentions = [
        org("a", "Belarusian Ministry of Defense", "THIRD"),
        org("b", "Belarusian Defence Ministry", "THIRD"),
    ]
    _, by_mention = resolve_actors(mentions)
    assert by_mention[0] is by_mention[1]
    assert "Belarusian Defence Ministry: same words" in by_mention[0].matched_by


@pytest.mark.parametrize(
    "a, b",
    [
        (person("x", "Oleksandr Kovalenko"), person("y", "Oleh Kovalenko")),  # given names differ
        (person("x", "Andriy Kovalenko", "UA"), person("y", "Andriy Kovalenko", "RU")),  # sides
        (
            person("x", "Kovalenko", role="mayor of Odesa"),
            person("y", "Kovalenko", role="head of the Russian Duma defence committee"),
        ),  # roles
        (person("x", "Denis Pushilin", "RU-INST"), person("y", "Vladimir Putin", "RU")),
    ],
)
def test_different_people_stay_apart(a, b):
    _, by_mention = resolve_actors([a, b])
    assert by_mention[0].id != by_mention[1].id


def test_curated_entries_cannot_be_chained_together():
    # "Haidai" and a namesake with another role must not pull two curated people together.
    mentions = [
        person("a", "Serhiy Haidai"),
        person("a", "Vladimir Putin", "RU"),
        person("a", "Putin", "RU"),
    ]
    entities, _ = resolve_actors(mentions)
    assert sorted(e.canonical for e in entities) == ["Serhiy Haidai", "Vladimir Putin"]


def test_every_alias_resolves_to_its_entry():
    for entry in _rules().entries:
        for alias in entry.aliases:
            kind = "person" if entry.kind == "person" else "org"
            m = [Mention("a", alias, kind, entry.side, entry.role)]
            assert entity_of(m, 0).canonical == entry.name, alias


def test_places_group_by_gazetteer_entry():
    pairs = [
        ("002", PlaceMention(0, 7, "Luhansk", place=LUHANSK)),
        ("002", PlaceMention(10, 17, "Lugansk", place=LUHANSK)),
        ("001", PlaceMention(0, 14, "Luhansk Oblast", place=LUHANSK)),
        ("002", PlaceMention(20, 24, "Unan", place=None, flags=["unresolved"])),
        ("002", PlaceMention(30, 34, "Kyiv", role="actor", place=LUHANSK)),
        ("002", PlaceMention(40, 47, "Lugansk", place=LUHANSK, flags=["suspect_far"])),
    ]
    (entity,) = resolve_places(place_mentions(pairs))
    assert entity.canonical == "Luhansk Oblast" and entity.kind == "place"
    assert entity.spellings == {"Luhansk": 1, "Lugansk": 1, "Luhansk Oblast": 1}
    assert entity.mentions == 3


def test_shortened_body_names_match_with_their_role():
    mod = Mention("002", "The Russian Ministry", "org", "RU", "defence ministry")
    office = Mention("002", "The office", "org", "UA", "presidential office")
    guess = Mention("001", "The armed forces", "org", "UA", None)
    _, by_mention = resolve_actors([mod, office, guess])
    assert by_mention[0].canonical == "Ministry of Defence of Russia"
    assert by_mention[1].canonical == "Office of the President of Ukraine"
    assert by_mention[2].canonical == "The armed forces"  # no role: no guess


def test_descriptions_are_not_entities():
    from frontwatch.fuse.entities import actor_mentions
    from frontwatch.models import Actor, Event

    ev = Event(
        "e1",
        "a",
        "clash",
        "fighting",
        0,
        8,
        actor1=Actor("troops", "UA", "force"),
        actor2=Actor("two Ukrainian defense lines in eastern Uzbekistan", "UA", "group"),
    )
    named = Event(
        "e2", "a", "clash", "fighting", 0, 8, actor1=Actor("Ukrainian forces", "UA", "force")
    )
    names = [m.name for m in actor_mentions([ev, named], {})]
    assert names == ["Ukrainian forces"]
