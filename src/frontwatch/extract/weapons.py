"""The weapon a strike names decides its kind (ACLED sub-event type).

"attacked Kyiv with Shahed drones" is an air/drone strike, not a clash; "a Russian drone
struck a facility" is a drone strike, "a tractor hit an anti-tank mine" a mine, "fired
missiles at X" a missile strike. The words are in data/triggers.toml ``[weapons]``: the
first kind whose words appear in the trigger's subject, object or instrument ("with",
"by", "from") wins, in the table's order (a drone's missile is still a drone strike).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from frontwatch.annotate.text import span_text
from frontwatch.lexicons import load_toml

# The argument phrases of a trigger where the weapon is named.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "prep", "npadvmod"})
_OBJECT_DEPS = frozenset({"dobj"})
_PREP = frozenset({"prep"})
_NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod"})
_INSTRUMENT_PREPS = frozenset({"with", "by", "from", "using"})
# A clause of the moment of harm ("killed when ...") and its argument phrases.
_MOMENT_MARKS = frozenset({"when", "after", "as"})
_MOMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "prep"})
# Clauses below the trigger are other happenings: their words are not its weapon.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis"})


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[str], frozenset[str], list[tuple[str, frozenset[str]]]]:
    raw = load_toml("triggers.toml")["weapons"]
    kinds = [(str(k), frozenset(str(w).lower() for w in v)) for k, v in raw["kinds"].items()]
    recode = frozenset(str(t) for t in raw["recode"])
    return recode, frozenset(str(v) for v in raw["fire_verbs"]), kinds


def weapon_kinds() -> list[tuple[str, frozenset[str]]]:
    """The strike kinds of data/triggers.toml [weapons.kinds] and their weapon words, in
    the table's order."""
    return _table()[2]


@lru_cache(maxsize=1)
def weapon_words() -> frozenset[str]:
    """The one-word weapon names of the kinds (trigger entries with ``weapon_subject`` or
    ``weapon_requires`` take them as subjects or complements)."""
    return frozenset(w for _, words in weapon_kinds() for w in words if " " not in w)


@lru_cache(maxsize=1)
def _transport_verbs() -> frozenset[str]:
    return frozenset(str(w) for w in load_toml("triggers.toml")["weapons"]["transport_verbs"])


@lru_cache(maxsize=1)
def platforms() -> frozenset[str]:
    """Carriers ([weapons] platforms): a weapon as subject or instrument only."""
    return frozenset(str(w).lower() for w in load_toml("triggers.toml")["weapons"]["platforms"])


def hung_subject(verb: Token) -> list[Token]:
    """The words before a finite verb the parser hung as a clause on its own subject
    after a header ("Kharkiv: a Russian guided bomb hit a block": "hit" an acl of "bomb");
    none for any other verb."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBZ"):
        return []
    return [t for t in verb.head.subtree if t.i < verb.i]


def weapon_type(token: Token, fw_type: str) -> str:
    """``fw_type``, or the strike type the weapon in ``token``'s arguments names."""
    recodable, fire_verbs, kinds = _table()
    if fw_type not in recodable:
        return fw_type
    if token.lemma_.lower() in _transport_verbs():
        kinds = [(k, names - platforms()) for k, names in kinds]  # "landed by helicopter"
    # a participle's phrase describes its noun: "a bomb planted under a car killed"
    words = _argument_words(token, _ARGUMENT_DEPS, _CLAUSE_DEPS - {"acl"})
    for obj in (c for c in token.children if c.dep_ in _OBJECT_DEPS):
        words |= _argument_words(obj, _PREP)  # "attacked Kyiv with drones", parsed under Kyiv
        for place in (g for c in obj.children if c.dep_ == "prep" for g in c.children):
            # "struck a plant in Horishni Plavni (…) with Shahed-type drones": under its town
            words |= _argument_words(place, _PREP)
    if token.pos_ == "NOUN":  # "an FPV strike on a tank", "drone attack on X"
        words |= _argument_words(token, _NOUN_MODIFIERS)
    words |= {w for t in hung_subject(token) for w in (t.lower_, t.lemma_)}  # "X: a bomb hit"
    objects = _argument_words(token, _OBJECT_DEPS)
    fires = token.lemma_.lower() in fire_verbs
    # The weapon named as subject or instrument first ("a missile hit a coal mine"), then
    # what was fired or run into ("fired missiles", "a tractor hit an anti-tank mine").
    for kind, names in kinds:
        if words & names:
            return kind
    for kind, names in kinds:
        if (fires or kind == "mine_ied") and objects & names:
            return kind
    return fw_type


@lru_cache(maxsize=1)
def _strike_effects() -> frozenset[str]:
    return frozenset(str(w) for w in load_toml("triggers.toml")["strike_effects"])


def blast_told_before(token: Token) -> bool:
    """The verb's subject is "the blast" (triggers.toml ``strike_effects``) after the text's
    first sentence: the explosion of a strike told before."""
    if token.sent.start == 0:
        return False
    effects = _strike_effects()
    return any(
        c.dep_ == "nsubj"
        and c.lemma_.lower() in effects
        and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)
        for c in token.children
    )


def casualty_weapon(token: Token) -> str | None:
    """The strike kind of a killing or wounding by the weapon it was done with (data
    triggers.toml ``[weapons] casualty_deps``): "killed two civilians with a drone-dropped
    grenade", "wounded by a grenade dropped from a drone" (an air/drone strike); "a mine
    killed two deminers" (the subject of an active verb that has an object). The dead
    ("two drone operators were killed") are never the weapon."""
    _, fire_verbs, kinds = _table()
    deps = _casualty_deps()
    if any(c.dep_ == "dobj" for c in token.children):
        deps = deps | {"nsubj"}
    stop = _CLAUSE_DEPS - {"acl"}
    words = _argument_words(token, deps, stop)
    for obj in (c for c in token.children if c.dep_ in _OBJECT_DEPS):
        words |= _argument_words(obj, _PREP, stop)  # "killed a man with a grenade", parsed
    # "killed by a grenade dropped from a drone", where the parser coordinated "dropped"
    for verb in token.children:
        if (
            verb.dep_ == "conj"
            and verb.lemma_.lower() in fire_verbs
            and not any(c.dep_.startswith("nsubj") for c in verb.children)
        ):
            words |= _argument_words(verb, _PREP | _OBJECT_DEPS, stop)
    # "two men were killed when their car drove over a mine", "injured after a drone hit
    # the bus": the clause of the moment of harm names what did it
    for clause in token.children:
        if clause.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _MOMENT_MARKS for c in clause.children
        ):
            words |= _argument_words(clause, _MOMENT_DEPS, stop, any_prep=True)
    return next((kind for kind, names in kinds if words & names), None)


@lru_cache(maxsize=1)
def _casualty_deps() -> frozenset[str]:
    return frozenset(str(d) for d in load_toml("triggers.toml")["weapons"]["casualty_deps"])


def _argument_words(
    token: Token,
    deps: frozenset[str],
    stop: frozenset[str] = _CLAUSE_DEPS,
    any_prep: bool = False,
) -> set[str]:
    """The words (forms and lemmas) of ``token``'s argument phrases, with each compound
    pair ("car bomb")."""
    words: set[str] = set()
    for child in token.children:
        if child.dep_ not in deps:
            continue
        # a preposition other than an instrument's names no weapon, but for the attack's
        # phrase: "damaged in a drone attack"
        instrument = child.lower_ in _INSTRUMENT_PREPS or _names_attack(child)
        if child.dep_ == "prep" and not any_prep and not instrument:
            continue
        stack = [child]
        while stack:
            current = stack.pop()
            words.update((current.lower_, current.lemma_.lower()))
            words.add(current.lower_.split("-")[0])  # "Shahed-136", "drone-dropped"
            if current.dep_ == "compound":
                words.add(f"{current.lower_} {current.head.lower_}")
            stack.extend(c for c in current.children if c.dep_ not in stop)
    return _without_namesakes(words)


def _without_namesakes(words: set[str]) -> set[str]:
    """ "near the salt mines", "a coal mine": a pair that names no weapon takes its
    weapon word with it ([weapons] ``not_weapons``)."""
    pairs = words & _not_weapons()
    for pair in pairs:
        last = pair.split()[-1]
        words -= {last, last.removesuffix("s")}  # the form and the lemma
    return words


@lru_cache(maxsize=1)
def _not_weapons() -> frozenset[str]:
    return frozenset(str(w) for w in load_toml("triggers.toml")["weapons"]["not_weapons"])


@lru_cache(maxsize=1)
def _attack_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in load_toml("triggers.toml")["weapons"]["attack_nouns"])


def _names_attack(prep: Token) -> bool:
    """ "in a drone attack", "during the missile strike": a phrase naming the attack."""
    return prep.lower_ in ("in", "during") and any(
        c.dep_ == "pobj" and c.lemma_.lower() in _attack_nouns() for c in prep.children
    )


@lru_cache(maxsize=1)
def _users() -> tuple[dict[str, str], re.Pattern[str]]:
    raw: dict[str, list[str]] = load_toml("weapon_users.toml")["users"]
    users = {str(name): side for side, names in raw.items() for name in names}
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(users, key=len)[::-1])
    return users, re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def weapon_user(sent: Span) -> str | None:
    """The one side whose weapons ``sent`` names (data/weapon_users.toml), else None."""
    users, pattern = _users()
    found = pattern.finditer(span_text(sent))
    sides = {users[" ".join(m.group(0).lower().split())] for m in found}
    return sides.pop() if len(sides) == 1 else None


__all__ = ["casualty_weapon", "weapon_type", "weapon_user"]
