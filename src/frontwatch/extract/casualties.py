"""Casualties: who the dead and wounded are, as against who killed or wounded them.

"180 invaders died" names the dead (Russian forces, in a Ukrainian outlet's words), not
an attacker; "APU lost 300 people" and "losses of the AFU" name Ukrainian dead; "the
Russians killed four residents" names the attacker and, as object, the victims. The
attacker the text leaves unnamed is the victims' opponent when the victims have a side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from frontwatch.extract.actors import opponent
from frontwatch.extract.arguments import line_label, side_actor, unidentified
from frontwatch.extract.lexicon import lexicon
from frontwatch.extract.quantities import counts_noun, field_figure, listed_count, number_value
from frontwatch.extract.weapons import weapon_user
from frontwatch.lexicons import load_toml, type_info, warring
from frontwatch.models import Actor, Event, Quantity

# Words whose subject (or "of" phrase, for nouns) is who died or was lost.
_VICTIM_SUBJECT = frozenset(
    {
        "die",
        "succumb",
        "lose",
        "suffer",
        "perish",
        "loss",
        "toll",
        "number",
        "figure",
        "count",
        "tally",
        "death",
    }
)
_NOUNS = frozenset({"NOUN", "PROPN"})


def victim_head(token: Token) -> Token | None:
    """The head of the phrase naming the dead or wounded of a casualty trigger."""
    lemma = token.lemma_.lower()
    if token.pos_ in _NOUNS:
        if lemma in lexicon().harm_words:  # a log's "3 KIA", "driver KIA", "2 civ KIA"
            return _label_victims(token)
        for child in token.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs and lemma not in TOLL_NOUNS:
                    return objs[0]
        verb = token.head
        if lemma in TOLL_NOUNS:
            return None  # "the mayor put the number of dead at 7": the mayor is no victim
        if verb.pos_ in ("VERB", "AUX") and token.dep_ in ("dobj", "attr"):
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return None
    children = list(token.children)
    for aux in [c for c in children if c.dep_ in ("aux", "auxpass")]:
        children.extend(aux.children)
    bare = token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children)
    children = [c for c in children if not line_label(c)]
    listed = listed_count(token)
    if listed is not None:
        return listed
    passives = [c for c in children if c.dep_ == "nsubjpass"]
    if passives:
        # "Twelve were injured, several of them seriously; one man was killed": the
        # subject nearest the verb (the parser hung both on it)
        before = [c for c in passives if c.i < token.i]
        return before[-1] if before else passives[0]
    for child in children:
        if child.dep_ == "nsubj" and lemma in _VICTIM_SUBJECT:
            return _owner_object(token, child) or child
        if child.dep_ == "nsubj" and bare and child.pos_ == "NUM":
            return child  # a headline's "over 50 killed, over 120 wounded soldiers"
        if child.dep_ == "nsubj" and child.pos_ == "NUM" and not _has_object(children):
            return child  # a record's "house hit, 10 killed": a bare number killed nobody
    for child in children:
        if child.dep_ == "dobj" and lemma not in _VICTIM_SUBJECT:
            return child
    if token.dep_ == "acl" and token.head.pos_ in _NOUNS:
        return token.head  # a headline's reduced passive: "NABU officer killed in ..."
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in lexicon().reporting_verbs:
        # "Three people were reported killed": the reporting verb's passive subject
        return next((c for c in token.head.children if c.dep_ == "nsubjpass"), None)
    if token.dep_ == "conj" and token.head.pos_ == "VERB" and lemma in lexicon().death_verbs:
        # "His passenger was evacuated … and died in hospital": the subject they share
        return next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _label_victims(label: Token) -> Token | None:
    """What a log's postfixed label counts, however the parser hung it: the number or the
    person word just before it ("3 KIA", "2 civ KIA", "driver KIA")."""
    doc = label.doc
    before = doc[label.i - 1] if label.i > 0 else None
    if before is None or before.ent_type_ in ("DATE", "TIME"):
        return None
    if before.like_num or _one_person(before) or before.lower_ in lexicon().death_units:
        return before
    return None


def _has_object(children: list[Token]) -> bool:
    return any(c.dep_ in ("dobj", "attr") for c in children)


def _owner_object(verb: Token, subject: Token) -> Token | None:
    """Machine-translated word order, "more than 30 people lost APU": when the subject is
    a counted group of people and the object a name, the object is whose dead they are."""
    if verb.lemma_.lower() != "lose" or victim_count(subject) is None:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)


def victim_count(head: Token) -> int | None:
    """How many the victim phrase counts: "four were injured", "two soldiers"."""
    value = number_value(head)
    if value is not None:
        return int(value)
    if head.tag_ == "NNS" and any(c.lower_ == "both" for c in head.children):
        return 2  # "both volunteers had died"
    for child in head.children:
        field = child.pos_ == "NUM" and field_figure(head) is child  # "Fatalities: 0"
        if child.dep_ == "nummod" and counts_noun(child, head) or field:
            value = number_value(child)
            if value is not None:
                return int(value)
    return None


def _field_figure(token: Token) -> int | None:
    """The figure of a field ("Fatalities: 2", "Fatalities: 0"); None for "Fatalities:
    unknown"."""
    figure = field_figure(token)
    value = number_value(figure) if figure is not None else None
    return int(value) if value is not None else None


@lru_cache(maxsize=1)
def _theatre() -> dict[str, str]:
    table: dict[str, str] = load_toml("theatre.toml")["attacker_by_country"]
    return table


def theatre_attacker(country: str | None) -> str | None:
    """The side taken to have struck in a country when no one is named (theatre.toml)."""
    return _theatre().get(country or "")


def casualty_counts(
    token: Token, victims: Token | None, quantities: list[Quantity]
) -> tuple[int | None, int | None]:
    """(dead, wounded) that a casualty trigger counts: the victim phrase's number ("four
    were injured"), one for a single person ("a man died"), else the death counts of the
    clause ("losses amounted to 40 people")."""
    count = victim_count(victims) if victims is not None else None
    if victims is None and token.pos_ not in _NOUNS:
        victims = _label_victims(token)  # a record's "| 1 killed, 9 injured": the parser
        count = victim_count(victims) if victims is not None and victims.like_num else None
    if count is None and victims is not None and _one_person(victims):
        count = _persons_joined(victims)
    if count is None and victims is not None and victims.lemma_.lower() in toll_words().pairs:
        count = 2  # "killing an elderly couple"
    if count is None and victims is not None and ordinal_victim(token) is not None:
        count = 1  # "a sixth victim died in hospital"
    if count is None and victims is not None and _one_who_died(token, victims):
        count = 1  # "a shop assistant succumbed to her wounds"
    if _fatal(token):
        # "a 67-year-old man sustained fatal injuries": the one who sustained them died
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        persons = victim_count(subject) if subject is not None else None
        return persons or 1, None
    field = _field_figure(token) if count is None else None
    if field is not None:  # a record's "Killed: 3", "Wounded: 5": the field's figure
        return (None, field) if is_injury(token) else (field, None)
    if is_injury(token):
        return None, count
    lemma = token.lemma_.lower()
    if lemma in _LOSSES and not _says_killed(token) and not _lives_lost(token):
        return None, None  # "losses amounted to 40": killed, wounded and missing together
    own = _own_number(token) if token.pos_ in _NOUNS and lemma == "death" else None
    if own is not None:
        return own, None  # "officials later confirmed 4 deaths": the noun's own number
    if lemma == "fatality" and field_figure(token) is not None:
        return _field_figure(token), None  # a note's field, "Fatalities: 2.", is its count
    if count is None and lemma in TOLL_NOUNS:
        count = _toll_figure(token)  # "the toll rose to five, with 12 people injured"
    if count is None and lemma in _VICTIM_SUBJECT | lexicon().death_verbs | {"fatality"}:
        deaths = [q.value for q in quantities if q.unit in lexicon().death_units]
        count = int(sum(deaths)) if deaths else None
    if count is None and lemma == "fatality":
        count = 1 if token.tag_ == "NN" else None  # "a fatality was reported"
    if count is None and lemma in TOLL_NOUNS:
        count = _toll_figure(token)  # "the death toll rose to 12", "the number of dead …"
    return count, None


# Nouns of a count of the dead (the trigger entries for "toll", "number" and "figure" of
# the dead); merging.py reads a sentence holding one as a toll update.
TOLL_NOUNS = frozenset({"toll", "number", "figure", "count", "tally", "total"})


def _toll_figure(token: Token) -> int | None:
    """The bare figure a death toll rises to, reaches or stands at ("rose to 12"); not a
    toll of the wounded."""
    clause = token.head
    words = list(clause.subtree)
    if any(is_injury(t) for t in token.subtree):
        return None  # "the toll of the wounded rose to 12"
    figures = [
        t
        for t in words
        if t.pos_ == "NUM"
        and t.i > token.i
        and (
            t.dep_ in ("pobj", "dobj", "attr", "acomp")
            # "put the final toll at 12 dead"
            or (t.dep_ == "nummod" and t.head.lower_ in ("dead", "killed", "deaths"))
        )
    ]
    # the figure the toll reaches, not one of the wounded beside it ("rose to 25, with more
    # than 50 wounded")
    figures = [t for t in figures if not _of_injured(t)]
    found = [f for f in (number_value(t) for t in figures) if f is not None]
    return int(found[-1]) if found else None


_PHRASE_ENDS = frozenset({"and", ",", ";", "of", "while"})


def _of_injured(figure: Token) -> bool:
    """A figure of the wounded: "50 wounded", "with 11 people injured", "the number of dead
    at 17 and of wounded at 32"."""
    near = [figure.head, *figure.children]
    for after in figure.doc[figure.i + 1 : figure.i + 4]:  # "12 people injured"
        if after.lower_ in _PHRASE_ENDS:
            break  # "at 7 and of wounded at 25": the 7 is not the wounded's
        near.append(after)
    near += list(figure.doc[max(0, figure.i - 3) : figure.i])
    return any(is_injury(t) or t.lower_ in ("wounded", "injured") for t in near)


# Military "losses" count the killed, wounded and missing together: no death toll unless
# the text says killed ("lost 4,000 killed").
_LOSSES = frozenset({"loss", "lose"})
_KILLED = frozenset({"kill", "killed", "dead", "die"})


def _says_killed(token: Token) -> bool:
    clause = token.head if token.pos_ in _NOUNS else token
    return any(
        (t.lemma_.lower() in _KILLED or t.lower_ in _KILLED) and not _lumped_with_wounded(t)
        for t in clause.subtree
    )


def _lumped_with_wounded(killed: Token) -> bool:
    """ "120 soldiers killed and wounded" is one count of both: not a death toll. "127
    killed and 137 wounded" gives the wounded a number of their own: the dead are 127."""
    doc = killed.doc
    for other in killed.children:
        if other.dep_ == "conj" and other.lemma_.lower() in lexicon().injury_lemmas:
            between = doc[killed.i + 1 : other.i]
            if not any(number_value(t) is not None for t in between):
                return True
    return False


def _persons_joined(head: Token) -> int:
    """ "a businessman and his wife were killed": one for each single person joined; a
    conjunct with its number adds it ("a man and two children": three); one without
    ("a man and children") ends the count at what is sure."""
    count, current = 1, head
    while True:
        nxt = next((c for c in current.children if c.dep_ == "conj"), None)
        if nxt is None:
            return count
        more = 1 if _one_person(nxt) else victim_count(nxt)
        if more is None:
            return count
        count, current = count + more, nxt


@lru_cache(maxsize=1)
def _deaths() -> dict[str, Any]:
    table: dict[str, Any] = load_toml("quantities.toml")["deaths"]
    return table


@dataclass(frozen=True, slots=True)
class TollWords:
    """The words of quantities.toml [deaths] that read a toll told over several sentences,
    read once (casualties.py and tolls.py)."""

    pairs: frozenset[str]
    ordinals: dict[str, int]  # "second" -> 2, …
    ordinal_nouns: frozenset[str]
    first_count: frozenset[str]
    partitive_pronouns: frozenset[str]
    among_wounded: frozenset[str]
    persons: frozenset[str]  # "man", "husband", … : one person
    running_total: tuple[tuple[str, re.Pattern[str]], ...]
    running_total_not: frozenset[str]
    time_units: frozenset[str]
    time_after: frozenset[str]
    time_before: frozenset[str]
    time_that: frozenset[str]


@lru_cache(maxsize=1)
def toll_words() -> TollWords:
    table = _deaths()

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in table[key])

    return TollWords(
        pairs=words("pairs"),
        ordinals={str(w): place + 2 for place, w in enumerate(table["ordinals"])},
        ordinal_nouns=words("ordinal_nouns"),
        first_count=words("first_count"),
        partitive_pronouns=words("partitive_pronouns"),
        persons=words("persons"),
        among_wounded=words("among_wounded"),
        running_total=tuple(
            (str(m), re.compile(rf"\b{re.escape(str(m))}\b")) for m in table["running_total"]
        ),
        running_total_not=words("running_total_not"),
        time_units=words("other_time_units"),
        time_after=words("other_time_after"),
        time_before=words("other_time_before"),
        time_that=words("other_time_that"),
    )


def _one_who_died(verb: Token, subject: Token) -> bool:
    """A singular noun that died or was killed: one person ("a cashier died in hospital",
    "a cashier was killed")."""
    lemma = verb.lemma_.lower()
    if subject.tag_ == "PRP" and subject.dep_ == "nsubj" and lemma in _DIED:
        return subject.lower_ in ("he", "she")  # "doctors could not save him and he died"
    # the subject it died with, or shares ("was taken to hospital and died")
    deps = ("nsubj", "nsubjpass") if lemma in _DIED else ("nsubjpass",) if lemma == "kill" else ()
    return (
        verb.pos_ == "VERB"
        and subject.tag_ == "NN"
        and subject.dep_ in deps
        and not any(c.dep_ in ("nummod", "prep") for c in subject.children)
    )


_DIED = frozenset({"die", "succumb", "perish"})


def _fatal(token: Token) -> bool:
    """ "fatal injuries", "mortal wounds": wounds that killed."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in ("fatal", "mortal", "lethal") for c in token.children
    )


def _lives_lost(token: Token) -> bool:
    """ "Eleven people lost their lives": a loss of lives is deaths, not losses."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in token.children)


def _own_number(noun: Token) -> int | None:
    figure = next((c for c in noun.children if c.dep_ == "nummod"), None)
    value = number_value(figure) if figure is not None else None
    return int(value) if value is not None else None


def ordinal_victim(token: Token) -> int | None:
    """The place a victim is given in the toll: "a third victim died" is the third dead."""
    victims = victim_head(token)
    return ordinal_of(victims) if victims is not None else None


def ordinal_of(noun: Token) -> int | None:
    """The place "a third victim", "a sixth body" gives its noun (``ordinal_nouns`` only)."""
    words = toll_words()
    if noun.lemma_.lower() not in words.ordinal_nouns:
        return None
    ordinals = words.ordinals
    return next(
        (ordinals[c.lower_] for c in noun.children if c.dep_ == "amod" and c.lower_ in ordinals),
        None,
    )


def _one_person(head: Token) -> bool:
    deaths = _deaths()
    if head.tag_ == "PRP":
        return head.dep_ == "dobj" and head.lower_ in deaths.get("pronouns", [])
    return head.tag_ == "NN" and head.lemma_.lower() in deaths.get("persons", [])


ENEMY_WORDS = frozenset({"enemy", "adversary", "foe"})


def enemy_losses(token: Token) -> bool:
    """ "Enemy losses amounted to 90 servicemen", "the enemy's losses": a casualty noun
    whose modifier is "enemy" counts the speaker's enemy's dead."""
    return token.pos_ == "NOUN" and any(
        c.dep_ in ("compound", "amod", "poss") and c.lemma_.lower() in ENEMY_WORDS
        for c in token.children
    )


def harm_verb(token: Token) -> bool:
    """A verb of killing or wounding ("a car bomb killed an official")."""
    return token.pos_ == "VERB" and token.lemma_.lower() in lexicon().harm_verbs


def is_injury(token: Token) -> bool:
    """A word of the wounded, also a participle the tagger left unlemmatised ("five
    injured" tagged an adjective)."""
    lemmas = lexicon().injury_lemmas
    lower = token.lower_
    return token.lemma_.lower() in lemmas or lower[:-1] in lemmas or lower[:-2] in lemmas


def theatre_side(event: Event, sent: Span | None = None) -> Actor | None:
    """An attack nobody is named for, and no party claims: the side whose weapons its
    sentence ``sent`` names (extract/weapons.py), else the theatre's rule
    (data/theatre.toml): in Ukraine, Russian; in Russia, Ukrainian. Applied last, after
    the reports of one happening are merged, so the text's own evidence comes first."""
    actor = event.actor1
    if actor is not None and (actor.side != "UNKNOWN" or unidentified(actor)):
        return actor
    place = event.place.place if event.place else None
    if not type_info(event.fw_type).get("theatre_attacker") or place is None:
        return actor
    claimant = event.claim.claimant if event.claim else None
    if claimant is not None and warring(claimant.side):
        return actor  # a party's claim: its opponent rule has spoken
    user = weapon_user(sent) if sent is not None else None  # "Storm Shadow strike on X"
    side = user or theatre_attacker(place.country)
    if side is None:
        return actor
    if actor is None:
        return side_actor("", side)
    actor.side = side
    return actor


def losses_of_enemy(token: Token, victims: Token, claimant: Actor | None) -> Actor | None:
    """ "Over 120 servicemen lost in the X direction - Russian Defense Ministry": losses
    whose owner is left unnamed in a party's tally are its enemy's (a party names its own
    dead: "we lost", "our soldiers died")."""
    if token.lemma_.lower() not in ("lose", "loss") or claimant is None:
        return None
    if victims.lower_ in ("we", "us", "our") or not opponent(claimant.side):
        return None
    return side_actor(victims.text, opponent(claimant.side))


__all__ = [
    "ENEMY_WORDS",
    "TOLL_NOUNS",
    "enemy_losses",
    "casualty_counts",
    "harm_verb",
    "is_injury",
    "losses_of_enemy",
    "theatre_attacker",
    "theatre_side",
    "victim_count",
    "victim_head",
]
