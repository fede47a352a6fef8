"""Whether a trigger entry fits a word: the conditions of data/triggers.toml an entry
may set (its particle, modifier, required complement, object, subject, instrument, the
place or captive its object must hold, the context words). triggers.py tries the entries
of a word in order and keeps the first that fits."""

from __future__ import annotations

from spacy.tokens import Token

from frontwatch.extract.lexicon import TriggerEntry, lexicon
from frontwatch.extract.quantities import field_head, listed_count
from frontwatch.extract.weapons import hung_subject

# Where a trigger's required words may appear: its objects and complements.
_COMPLEMENT_DEPS = frozenset(
    {
        "dobj",
        "prep",
        "prt",
        "xcomp",
        "ccomp",
        "attr",
        "acomp",
        "dative",
        "oprd",
        "advmod",
        "npadvmod",
        "compound",
        "amod",
        "pobj",
        "advcl",
        "agent",
    }
)


def fits(
    token: Token, entry: TriggerEntry, context_lemmas: set[str], place_tokens: set[int]
) -> bool:
    """Does ``entry`` fit ``token`` (its part of speech already checked)?"""
    children = list(token.children)
    if not entry.particle and any(
        c.dep_ == "prt" and c.is_alpha and c.lower_ not in entry.allow_particles and not _up_to(c)
        for c in children
    ):  # (a hashtag's "#" hung as a particle is none)
        return False  # a phrasal verb is another verb: "took in" is not "took"
    if entry.particle and not any(
        c.lemma_.lower() in entry.particle or c.lower_ in entry.particle
        for c in children
        if c.dep_ in ("prt", "prep", "advmod")
        and c.i > token.i  # not "On 7 March, … held"
        and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)  # nor "on Monday"
    ):
        return False
    if entry.modifier and not any(
        c.lemma_.lower() in entry.modifier or c.lower_ in entry.modifier
        for c in children
        if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "advmod")
    ):
        return False
    if entry.listed and listed_count(token) is None:
        return False  # "3 dead, 2 injured", not "the dead were buried"
    if entry.field and not field_head(token):
        return False  # "Killed: 3", not "the injured were taken to hospital"
    if entry.counted and not any(c.dep_ == "nummod" for c in children):
        return False  # "confirmed 4 deaths", not "the death penalty"
    if entry.requires and not any(
        t.lemma_.lower() in entry.requires or t.lower_ in entry.requires
        for c in children
        if c.dep_ in _COMPLEMENT_DEPS and not (c.dep_ == "ccomp" and c.i < token.i)
        for t in c.subtree  # a clause before the verb ("X shot down a drone; debris
    ):  # damaged a roof") is another clause the parser joined, not a complement
        return False
    if entry.object and not any(
        o.lemma_.lower() in entry.object or o.lower_ in entry.object for o in _objects(token)
    ):
        return False
    if entry.not_object and any(o.lemma_.lower() in entry.not_object for o in _objects(token)):
        return False  # "left bank of the Dnipro": a river's side, not a departure
    if entry.object_place and not _object_has_place(token, place_tokens):
        return False
    if entry.from_place and not _from_place(token, place_tokens):
        return False
    if entry.object_territory and not _object_is_territory(token, place_tokens):
        return False
    if entry.object_captive and not any(_captive(o) for o in _objects(token)):
        return False
    # "paratroopers tried to land": the subject of the verb the word completes
    owners = [*children, *token.head.children] if token.dep_ == "xcomp" else children
    subjects = [t for c in owners if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    subjects += hung_subject(token)  # "Kharkiv: a Russian guided bomb hit a block"
    if entry.subject and not any(
        t.lemma_.lower() in entry.subject or t.lower_ in entry.subject for t in subjects
    ):
        return False
    heads = {c.lemma_.lower() for c in owners if c.dep_ in ("nsubj", "nsubjpass")}
    if entry.not_subject and heads & entry.not_subject:
        return False  # "20 people were pulled out alive": a rescue, not a withdrawal
    if entry.instrument and not _with_instrument(children, entry.instrument):
        return False
    return not entry.context or bool(entry.context & context_lemmas)


def _with_instrument(children: list[Token], words: frozenset[str]) -> bool:
    """The word's "with" or "by" names one of these, or a noun they qualify ("attacked
    Vinnytsia with rockets", "destroyed by rocket attacks")."""
    return any(
        m.lemma_.lower() in words or m.lower_ in words
        for c in children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("with", "by")
        for t in c.children
        if t.dep_ == "pobj"
        for m in (t, *(k for k in t.children if k.dep_ in ("compound", "amod")))
    )


def _objects(token: Token) -> list[Token]:
    """Direct objects, and objects of a particle or preposition ("take back control of")."""
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ == "acl" and token.tag_ in ("VBN", "VBD"):
        found.append(token.head)  # a reduced passive: "UA flag raised over ROBOTYNE"
    for child in token.children:
        if child.dep_ in ("prep", "prt"):
            found.extend(g for g in child.children if g.dep_ == "pobj")
    # "dug up dozens of graves": a quantity's "of" phrase is what is meant.
    qualifiers = lexicon().qualifiers
    for obj in list(found):
        if obj.pos_ == "NUM" or f"{obj.lower_} of" in qualifiers:
            of = [p for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"]
            found.extend(g for p in of for g in p.children if g.dep_ == "pobj")
    return found


def _object_has_place(token: Token, place_tokens: set[int]) -> bool:
    """ "took Bakhmut", "crossed the Oskil": the place is what is taken or crossed."""
    return any(
        t.i in place_tokens
        for o in _objects(token)
        if o.dep_ != "pobj" or _particle_object(o)
        for t in o.subtree
    )


def _from_place(token: Token, place_tokens: set[int]) -> bool:
    """ "pushed Russian troops out of Staromaiorske", "drove them from X": the place left."""
    for c in token.children:
        if c.dep_ not in ("prep", "prt", "advmod") or c.lower_ not in ("out", "from"):
            continue
        preps = [c, *(g for g in c.children if g.dep_ == "prep" and g.lower_ == "of")]
        for obj in (g for p in preps for g in p.children if g.dep_ == "pobj"):
            # the place itself, not one inside it ("from their positions in Krynky")
            if any(t.i in place_tokens for t in [obj, *obj.children] if t.dep_ != "prep"):
                return True
    return False


def _up_to(particle: Token) -> bool:
    """ "destroyed up to a hundred": "up" opens the quantity "up to", it is no particle."""
    after = particle.doc[particle.i + 1 : particle.i + 2]
    return particle.lower_ == "up" and after.text.lower() == "to"


def _object_is_territory(token: Token, place_tokens: set[int]) -> bool:
    """A capture takes ground: its object (if it has one) holds a place, a proper name or
    a word for ground or a position (triggers.toml ``territory_nouns``). "Cameras captured
    the shooting", "the floor is occupied by bedrooms", "seized 20 prisoners" take none."""
    objects = [o for o in _objects(token) if o.dep_ != "pobj" or _particle_object(o)]
    if not objects:
        return True  # "the town was captured" has its subject, "Russia captured" nothing
    if all(_captive(o) for o in objects):
        return False  # "seized the mayor of Melitopol": a man, not the town
    nouns = lexicon().territory_nouns
    return any(
        t.i in place_tokens or t.pos_ == "PROPN" or t.lemma_.lower() in nouns
        for o in objects
        for t in o.subtree
    )


def _captive(obj: Token) -> bool:
    """A person taken, not ground (triggers.toml ``captive_nouns``)."""
    return obj.lemma_.lower() in lexicon().captive_nouns or obj.lower_ in lexicon().captive_nouns


def _particle_object(obj: Token) -> bool:
    return obj.head.dep_ == "prt"


__all__ = ["fits"]
