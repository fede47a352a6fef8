"""The time lexicon (``data/time.toml``) and the regex helper built on it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.lexicons import load_toml


@dataclass(frozen=True, slots=True)
class Lexicon:
    weekdays: dict[str, int]
    months: dict[str, int]
    numbers: dict[str, int]
    vague: tuple[str, ...]
    units: dict[str, str]
    deictic: dict[str, int]
    day_parts: tuple[str, ...]
    day_modifiers: tuple[str, ...]
    weekday_direction: dict[str, str]
    periods: dict[str, str]
    weekend: dict[str, str]
    ending_verbs: tuple[str, ...]
    starting_verbs: tuple[str, ...]
    since: tuple[str, ...]
    range_links: tuple[str, ...]
    range_openers: tuple[str, ...]
    year_prepositions: frozenset[str]
    part_of_month: dict[str, tuple[int, int]]
    future_aux: frozenset[str]
    conditional_aux: frozenset[str]
    plan_verbs: frozenset[str]
    future_words: tuple[str, ...]
    lookback_days: int
    references: dict[str, str]
    shared_time_deps: frozenset[str]
    name_entities: frozenset[str]
    statement_deps: frozenset[str]
    seasons: dict[str, tuple[int, int]]
    season_direction: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The time lexicon from ``data/time.toml``, read once."""
    raw = load_toml("time.toml")
    return Lexicon(
        weekdays=dict(raw["weekdays"]),
        months=dict(raw["months"]),
        numbers=dict(raw["numbers"]),
        vague=tuple(raw["vague_numbers"]),
        units=dict(raw["units"]),
        deictic=dict(raw["deictic"]),
        day_parts=tuple(raw["day_parts"]["parts"]),
        day_modifiers=tuple(raw["day_modifiers"]["modifiers"]),
        weekday_direction=dict(raw["weekday_direction"]),
        periods=dict(raw["periods"]),
        weekend=dict(raw["weekend"]),
        ending_verbs=tuple(raw["range_verbs"]["ending"]),
        starting_verbs=tuple(raw["range_verbs"]["starting"]),
        since=tuple(raw["signals"]["since"]),
        range_links=tuple(raw["signals"]["range_links"]),
        range_openers=tuple(raw["signals"]["range_openers"]),
        year_prepositions=frozenset(raw["signals"]["year_prepositions"]),
        part_of_month={k: (int(v[0]), int(v[1])) for k, v in raw["part_of_month"].items()},
        future_aux=frozenset(raw["tense"]["future_aux"]),
        conditional_aux=frozenset(raw["tense"]["conditional_aux"]),
        plan_verbs=frozenset(raw["tense"]["plan_verbs"]),
        future_words=tuple(raw["tense"]["future_words"]),
        lookback_days=int(raw["reported_by"]["lookback_days"]),
        references=dict(raw["references"]),
        shared_time_deps=frozenset(raw["event_time"]["shared_time_deps"]),
        name_entities=frozenset(raw["names"]["entity_labels"]),
        statement_deps=frozenset(raw["event_time"]["statement_deps"]),
        seasons={k: (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        season_direction=dict(raw["season_direction"]),
    )


def alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
