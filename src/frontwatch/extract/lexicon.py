"""The extraction lexicons (data/triggers.toml, attribution.toml, actors.toml,
quantities.toml, sides.toml), loaded once into the indexes the matchers use.

The actor table itself is served by ``frontwatch.lexicons.actor_table`` (fusion reads
the same one); here it is indexed by folded alias."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from frontwatch.extract.weapons import platforms, weapon_words
from frontwatch.lexicons import ActorEntry, actor_table, load_toml, sides
from frontwatch.models import ActorKind
from frontwatch.resolve.names import is_short, variant_key

# A hyphen inside a word joins a compound ("Moscow-based", "Kyiv-born"): an alias matches
# the compound as a whole, never the name inside it.
_COMPOUND_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def alias_key(text: str) -> str:
    """The key aliases are compared by: ``names.variant_key`` of the text (romanisations
    agree, vowels kept: the rule of evidence in resolve/names.py), compounds kept whole."""
    return variant_key(_COMPOUND_HYPHEN.sub("", text))


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    type: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    particle: frozenset[str] = frozenset()
    allow_particles: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    not_object: frozenset[str] = frozenset()
    object_place: bool = False
    object_territory: bool = False
    object_captive: bool = False
    not_subject: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    heads: frozenset[str] | None = None
    line_only: bool = False  # only in a verbless line of its own ("Burning fuel depot in X")
    alone: bool = False  # only when no other trigger is in the sentence (a sighting)
    standalone: bool = False  # a noun that reports by itself, with no verb ("3 KIA")
    instrument: frozenset[str] = frozenset()
    counted: bool = False  # a noun with a number of its own: "confirmed 4 deaths"
    from_place: bool = False  # "pushed the enemy out of X": a resolved place left behind
    listed: bool = False  # only as an item of a list of tolls: "3 dead, 2 injured"
    field: bool = False  # only as a record's field name with a figure: "Killed: 3"


@dataclass(slots=True)
class Lexicon:
    triggers: dict[str, list[TriggerEntry]]  # lemma -> entries, in file order
    light_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    according_to: frozenset[str]
    pronouns_person: frozenset[str]
    pronouns_group: frozenset[str]
    generic_speakers: frozenset[str]
    channels: list[tuple[str, str]]  # (cue, channel), longest cue first
    hedges: frozenset[str]
    hedge_pattern: re.Pattern[str]
    scare_quote_max_words: int
    verification: re.Pattern[str]
    denial_phrases: re.Pattern[str]
    denial_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    planning_heads: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    failure_heads: frozenset[str]
    state_adverbs: frozenset[str]
    actors: list[ActorEntry]
    actor_aliases: dict[str, ActorEntry]  # alias_key of an alias -> actor
    side_cues: dict[str, str]  # lower-case cue -> side code
    cased_cues: frozenset[str]  # cues written with a capital: they match only as written
    qualifiers: list[str]
    numbers: dict[str, float]
    negators: frozenset[str]  # "no" of "no one": the number after it counts 0
    units: dict[str, str]
    death_units: frozenset[str]
    death_verbs: frozenset[str]
    injury_verbs: frozenset[str]
    injury_nouns: frozenset[str]
    body_nouns: frozenset[str]  # "recovered 45 bodies" after an attack: its toll
    territory_nouns: frozenset[str] = frozenset()
    captive_nouns: frozenset[str] = frozenset()
    attempt_heads: frozenset[str] = frozenset()
    accusation_verbs: frozenset[str] = frozenset()
    placing_verbs: frozenset[str] = frozenset()
    placed_things: frozenset[str] = frozenset()
    state_participles: frozenset[str] = frozenset()
    back_references: frozenset[str] = frozenset()
    strike_effects: frozenset[str] = frozenset()  # also read by weapons.py
    emblems: frozenset[str] = frozenset()
    cause_words: frozenset[str] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def harm_verbs(self) -> frozenset[str]:
        """Verbs of the dead and the wounded ("killed", "died", "wounded", "injured")."""
        return self.death_verbs | self.injury_verbs

    @property
    def harm_words(self) -> frozenset[str]:
        """The harm verbs and the nouns of the wounded ("injury", a log's "WIA")."""
        return self.harm_verbs | self.injury_nouns

    @property
    def injury_lemmas(self) -> frozenset[str]:
        return self.injury_verbs | self.injury_nouns

    # Short aliases ("UN", "EU", "SBU"), as written: matched case-sensitively, never folded.
    actor_exact: dict[str, ActorEntry] = field(default_factory=dict)


def _set(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (values or []))


def _trigger(entry: dict[str, Any]) -> TriggerEntry:
    heads = entry.get("heads")
    weapons = weapon_words()
    subject = _set(entry.get("subject")) | (weapons if entry.get("weapon_subject") else set())
    munitions = weapons - platforms() if entry.get("weapon_requires") else set()
    requires = _set(entry.get("requires")) | munitions
    return TriggerEntry(
        type=entry["type"],
        lemmas=_set(entry["lemmas"]),
        pos=frozenset(p.upper() for p in entry.get("pos", ["VERB", "NOUN"])),
        particle=_set(entry.get("particle")),
        allow_particles=_set(entry.get("allow_particles")),
        modifier=_set(entry.get("modifier")),
        requires=requires,
        object=_set(entry.get("object")),
        not_object=_set(entry.get("not_object")),
        object_place=bool(entry.get("object_place", False)),
        object_territory=bool(entry.get("object_territory", False)),
        object_captive=bool(entry.get("object_captive", False)),
        not_subject=_set(entry.get("not_subject")),
        subject=subject,
        context=_set(entry.get("context")),
        heads=_set(heads) if heads is not None else None,
        line_only=bool(entry.get("line_only", False)),
        alone=bool(entry.get("alone", False)),
        standalone=bool(entry.get("standalone", False)),
        instrument=_set(entry.get("instrument")),
        counted=bool(entry.get("counted", False)),
        from_place=bool(entry.get("from_place", False)),
        listed=bool(entry.get("listed", False)),
        field=bool(entry.get("field", False)),
    )


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _side_cues(actors: list[ActorEntry]) -> tuple[dict[str, str], set[str]]:
    """Side cues (sides.toml) by lower-case text, and those written with a capital."""
    cues: dict[str, str] = {}
    cased: set[str] = set()
    for code, info in sides().items():
        for cue in info.get("cues", []):
            cues[str(cue).lower()] = code
            if str(cue) != str(cue).lower():
                cased.add(str(cue))
    # A known person's one-word names are side cues too ("Zelensky's office", "Putin's
    # war"): their names live in the actor table only.
    for actor in actors:
        if actor.kind == ActorKind.PERSON:
            for alias in actor.aliases:
                if len(alias.split()) == 1:
                    cues.setdefault(alias.lower(), actor.side)
    return cues, cased


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    trig = load_toml("triggers.toml")
    attr = load_toml("attribution.toml")
    qty = load_toml("quantities.toml")

    triggers: dict[str, list[TriggerEntry]] = {}
    for raw in trig["trigger"]:
        entry = _trigger(raw)
        for lemma in entry.lemmas:
            triggers.setdefault(lemma, []).append(entry)

    actors = list(actor_table())
    aliases: dict[str, ActorEntry] = {}
    exact: dict[str, ActorEntry] = {}
    for actor in actors:
        for alias in actor.aliases:
            if is_short(alias):
                exact.setdefault(alias, actor)
            else:
                aliases.setdefault(alias_key(alias), actor)

    cues, cased = _side_cues(actors)
    channels = sorted(attr["channels"].items(), key=lambda kv: -len(kv[0]))
    return Lexicon(
        triggers=triggers,
        light_verbs=_set(trig["light_verbs"]),
        reporting_verbs=_set(attr["reporting_verbs"]),
        according_to=_set(attr["according_to"]),
        accusation_verbs=_set(attr["accusation_verbs"]),
        pronouns_person=_set(attr["pronouns_person"]),
        pronouns_group=_set(attr["pronouns_group"]),
        generic_speakers=_set(attr["generic_speakers"]),
        channels=[(k.lower(), v) for k, v in channels],
        hedges=_set(attr["hedges"]),
        hedge_pattern=re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(h) for h in attr["hedges"]) + r")(?![\w-])",
            re.IGNORECASE,
        ),
        scare_quote_max_words=int(attr["scare_quote_max_words"]),
        verification=_alternation(attr["verification"]),
        denial_phrases=_alternation([re.escape(p) for p in attr["denial_phrases"]]),
        denial_verbs=_set(attr["denial_verbs"]),
        future_auxiliaries=_set(attr["future_auxiliaries"]),
        planning_heads=_set(attr["planning_heads"]),
        hypothetical_modifiers=_set(attr["hypothetical_modifiers"]),
        failure_heads=_set(attr["failure_heads"]),
        state_adverbs=_set(attr["state_adverbs"]),
        actors=actors,
        actor_aliases=aliases,
        actor_exact=exact,
        side_cues=cues,
        cased_cues=frozenset(cased),
        qualifiers=sorted((q.lower() for q in qty["qualifiers"]), key=len, reverse=True),
        numbers={k.lower(): float(v) for k, v in qty["numbers"].items()},
        negators=_set(qty["negators"]),
        units={k.lower(): v for k, v in qty["units"].items()},
        death_units=_set(qty["deaths"]["units"]),
        death_verbs=_set(qty["deaths"]["verbs"]),
        injury_verbs=_set(qty["injuries"]["verbs"]),
        injury_nouns=_set(qty["injuries"]["nouns"]),
        body_nouns=_set(qty["deaths"]["bodies"]),
        territory_nouns=_set(trig.get("territory_nouns")),
        captive_nouns=_set(trig.get("captive_nouns")),
        placing_verbs=_set(trig.get("placing_verbs")),
        placed_things=_set(trig.get("placed_things")) | weapon_words(),
        state_participles=_set(trig.get("state_participles")),
        back_references=_set(trig.get("back_references")),
        strike_effects=_set(trig.get("strike_effects")),
        emblems=_set(trig.get("emblems")),
        attempt_heads=_set(trig.get("attempt_heads")),
        cause_words=_set(trig.get("cause_words")),
    )
