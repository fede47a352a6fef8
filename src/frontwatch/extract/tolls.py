"""Tolls: the dead and wounded an attack left, told in its sentence or after it.

"Russian forces shelled X. One civilian was killed.": a casualty report with no attack of
its own is the toll of the attack before it (``fold_casualties``); damage told after an
attack is that attack's too; a later count of the same dead ("bringing the toll to 11")
is the total, more of the same ("two more bodies") is added to it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Token

from frontwatch.annotate.text import doc_text
from frontwatch.extract.casualties import TOLL_NOUNS
from frontwatch.extract.lexicon import lexicon
from frontwatch.extract.merging import (
    NOT_DONE,
    Found,
    claimants_agree,
    places_close,
    sides_agree,
    times_overlap,
)
from frontwatch.extract.quantities import field_figure, number_value
from frontwatch.models import Actor, Event, TimeBasis, TimeExpr

_INTERCEPTED = frozenset({"interception"})
_SAYING = frozenset({"statement", "denial"})
# What an attack leaves, reported in a sentence of its own: the dead, the wounded, damage.
_HARM = frozenset({"casualties", "property_destruction"})
# Harm an attack did, told as damage or by a participle ("dropped bombs on X, destroying a
# house": "destroy" is a clash's verb elsewhere).
_HARM_DONE = frozenset({"property_destruction", "clash"})
_TOLL_OF = frozenset(
    {
        "shelling",
        "missile_strike",
        "air_strike",
        "mine_ied",
        "explosion",
        "grenade",
        "clash",
        "abduction",
    }
)


def fold_casualties(found: list[Found]) -> list[Found]:
    """ "In the DPR, one person was killed, four were injured due to shelling by the AFU":
    the killed and the injured of one sentence are one report, and the toll of the attack
    the sentence names; it becomes one event carrying fatalities and injuries."""
    kept: list[Found] = []
    for item in found:
        ev = item.event
        if ev.fw_type in _HARM_DONE and _damage_of_attack(item, found, kept):
            continue  # "Russian forces shelled X. A school was damaged.": the shelling's
        if _bodies_of_attack(item, found, kept):
            continue  # "A missile hit the block. Rescuers recovered 45 bodies.": its dead
        if ev.fw_type != "casualties" or ev.status in NOT_DONE:
            kept.append(item)
            continue
        target = _toll_target(item, found, kept)
        if target is None:
            kept.append(item)
            continue
        _add_toll(target, item)
        target.sents |= item.sents | {item.sent}
    return kept


def _damage_of_attack(item: Found, found: list[Found], kept: list[Found]) -> bool:
    """Damage an attack did: told by its participle, or with no one named for it in the
    sentence after the attack."""
    # "shelled X, damaging a school": the attack's own participle
    target = next(
        (o for o in kept if o.event.fw_type in _TOLL_OF and _governs(o.token, item.token)), None
    )
    if target is None and item.event.fw_type != "property_destruction":
        return False  # a fight in the next sentence is a report of its own
    actor = item.event.actor1
    if target is None and actor is not None and not _guessed(actor):
        return False  # "soldiers ransacked the shop": an act of its own
    target = target or _earlier_in_sentence(item, kept) or _previous_attack(item, found, kept)
    if target is None:
        return False
    note = f"damage “{item.event.trigger}” at {item.event.trigger_start}"
    target.event.notes = f"{target.event.notes}; {note}" if target.event.notes else note
    target.sents |= {item.sent}
    return True


def _earlier_in_sentence(item: Found, kept: list[Found]) -> Found | None:
    """An attack or interception told earlier in the damage's own sentence ("shot down a
    drone over X; falling debris damaged a roof")."""
    return next(
        (
            o
            for o in kept
            if o.sent == item.sent
            and o.event.fw_type in _TOLL_OF | _INTERCEPTED
            and o.event.trigger_start < item.event.trigger_start
        ),
        None,
    )


def _toll_target(item: Found, found: list[Found], kept: list[Found]) -> Found | None:
    ev = item.event
    same = [
        o
        for o in found
        if o is not item
        and o.sent == item.sent
        and o.event.status not in NOT_DONE
        and sides_agree(o.event.actor1, ev.actor1)
        and claimants_agree(_claimant(o.event), _claimant(ev))
    ]
    attack = next((o for o in same if o.event.fw_type in _TOLL_OF), None)
    if attack is not None:
        return attack
    battle = next(
        (
            o
            for o in found
            if o.sent == item.sent
            and o.event.fw_type in _BATTLES
            and o.event.status not in NOT_DONE
            and _joined(o.token, item.token)
            and claimants_agree(_claimant(o.event), _claimant(ev))
        ),
        None,
    )
    if battle is not None:
        return battle  # "repelled two attacks and killed 20 invaders": the fight's dead
    # Another casualty report of the sentence already kept: "one killed, four injured".
    again = next((o for o in same if o.event.fw_type == "casualties" and o in kept), None)
    return again or _previous_attack(item, found, kept)


def _guessed(actor: Actor) -> bool:
    """An actor no words name (a side taken from context or the theatre)."""
    return actor.start < 0 and actor.canonical is None


def _governs(a: Token | None, b: Token | None) -> bool:
    """``b`` is a participle clause of ``a``: "shelled Klimovo, damaging a school"."""
    if a is None or b is None:
        return False
    return b.head.i == a.i and b.dep_ in ("advcl", "xcomp", "conj") and b.tag_ == "VBG"


def _joined(a: Token | None, b: Token | None) -> bool:
    """One word governs the other: "killed in battles", "repelled attacks and killed"."""
    if a is None or b is None:
        return False
    return a.is_ancestor(b) or b.is_ancestor(a)


# A battle's toll counts the dead of both sides ("clashed near X. 4 Ukrainian soldiers
# were killed"); a strike's toll is of the strike's side only.
_BATTLES = frozenset({"clash", "attack_repelled", "defence", "advance", "breakthrough"})


def _previous_attack(item: Found, found: list[Found], kept: list[Found]) -> Found | None:
    """ "Russian forces shelled X. One civilian was killed.": a toll in a sentence that
    names no attack of its own is the toll of the attack reported in the sentence just
    before it with a report (its own or one of its tolls; a sentence of no report between
    them is skipped), when nothing in it says otherwise (another place, another day,
    another claimant, the other side's strike)."""
    ev = item.event
    if any(
        o.sent == item.sent and o is not item and o.event.fw_type not in _HARM and not _bodies(o)
        for o in found
    ):
        return None  # the sentence reports something else as well (not the bodies pulled out)
    # the sentence before with a report in it: "… struck a market. The source of the
    # fire was not established. 27 people were killed." skips the sentence of none
    # (a sentence that only says who reported is none: "Authorities reported 12 dead")
    said = [o for o in found if o.event.fw_type in _SAYING]
    reported = {s for o in found if o not in said for s in o.sents | {o.sent} if s < item.sent}
    before = max(reported, default=-1)
    field = item.token is not None and field_figure(item.token) is not None
    if field:  # a note's "Fatalities: 52." is the toll of the note's attack, however far
        first = next((o for o in kept if o.event.fw_type in _TOLL_OF | _BATTLES), None)
        before = min(first.sents | {first.sent}) if first is not None else before
    elif item.sent - before > 2:
        return None
    for other in kept:
        oe = other.event
        if before not in other.sents | {other.sent} or oe.status in NOT_DONE:
            continue
        if oe.fw_type not in _TOLL_OF | _BATTLES | _INTERCEPTED:
            continue
        if oe.fw_type not in _BATTLES and not sides_agree(oe.actor1, ev.actor1):
            continue
        # a toll no one is said to report goes on with the report before it ("According
        # to the governor, Ukrainian forces shelled X. One civilian was killed.")
        told = None in (_claimant(ev), _claimant(oe)) or claimants_agree(
            _claimant(oe), _claimant(ev)
        )  # or the writer's attack whose toll an official gives
        if not told or not places_close(oe, ev):
            continue
        # "By 11 April the death toll had risen to 57": a later count of the same dead
        later = _toll_update(item) and times_overlap(oe.time, _open_after(ev.time))
        if ev.time_basis == TimeBasis.OWN and not times_overlap(oe.time, ev.time) and not later:
            continue
        return other
    return None


_MORE = frozenset({"more", "another", "further", "additional"})


def _more(item: Found) -> bool:
    """A count of more of the same ("two more bodies", "another three bodies")."""
    token = item.token
    return token is not None and any(
        c.lower_ in _MORE or any(g.lower_ in _MORE for g in c.children) for c in token.children
    )


def _bodies(item: Found) -> bool:
    """A report of bodies ("kept pulling bodies from the ruins")."""
    return item.token is not None and item.token.lemma_.lower() in lexicon().body_nouns


def _toll_update(item: Found) -> bool:
    """A death toll that rose or stood by a later date, or the bodies recovered by then,
    count the same attack's dead."""
    if item.token is None:
        return False
    lemma = item.token.lemma_.lower()
    if lemma in lexicon().body_nouns:
        return True
    # "One of the wounded died on 25 December, bringing the number of dead to 11"
    return any(t.lemma_.lower() in TOLL_NOUNS for t in item.token.sent)


def _bodies_of_attack(item: Found, found: list[Found], kept: list[Found]) -> bool:
    """Bodies counted in the sentence after an attack ("By 17 January, rescuers had
    recovered 45 bodies") are its dead, not a mass grave: folded into it as its toll."""
    token = item.token
    bodies = lexicon().body_nouns
    if item.event.fw_type != "mass_grave" or token is None or token.lemma_.lower() not in bodies:
        return False
    counts = [number_value(c) for c in token.children if c.dep_ == "nummod"]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):  # "the bodies of 12 people"
            counts += [number_value(c) for c in obj.children if c.dep_ == "nummod"]
    if not counts or counts[0] is None:
        return False
    item.event.fatalities = int(counts[0])
    target = _previous_attack(item, found, kept)
    if target is None:
        item.event.fatalities = None
        return False
    _add_toll(target, item)
    target.sents |= item.sents | {item.sent}
    return True


def _open_after(when: TimeExpr | None) -> TimeExpr | None:
    """``when`` as "on or before its end": a toll by a date counts what happened before."""
    if when is None:
        return None
    return replace(when, date_start=date.min)


def _claimant(event: Event) -> Actor | None:
    return event.claim.claimant if event.claim else None


def _add_toll(found: Found, item: Found) -> None:
    target, other = found.event, item.event
    # "7 soldiers were killed. Fatalities: 7.": a record's field is the total of the
    # counts before or after it, not one more count
    total = item.token is not None and field_figure(item.token) is not None
    total = total or _toll_update(item) or _toll_update(found)  # "bringing the toll to 11"
    total = total and not _more(item)  # "two more bodies were recovered": added to it
    if total or found.totalled or _updated(found, item):
        found.totalled = True
        target.fatalities = _most(target.fatalities, other.fatalities)
        target.injuries = _most(target.injuries, other.injuries)
    else:
        if other.fatalities is not None:
            target.fatalities = (target.fatalities or 0) + other.fatalities
        if other.injuries is not None:
            target.injuries = (target.injuries or 0) + other.injuries
    if target.actor1 is None or target.actor1.side == "UNKNOWN":
        target.actor1 = other.actor1 or target.actor1
    elif (
        target.fw_type in _BATTLES
        and _guessed(target.actor1)
        and other.actor2 is not None
        and other.actor1 is not None
    ):
        # "40 Ukrainian soldiers killed in battles - Basurin": whose dead they are says
        # who fought them better than a side the battle took from its context
        target.actor1 = other.actor1
    target.actor2 = target.actor2 or other.actor2
    target.place = target.place or other.place
    if other.time_basis == TimeBasis.OWN and target.time_basis != TimeBasis.OWN:
        target.time, target.time_basis = other.time, other.time_basis  # "On 22 May, ... killed"
    note = f"toll “{other.trigger}” at {other.trigger_start}"
    target.notes = f"{target.notes}; {note}" if target.notes else note


# Marks of a count updated further along a log line: "2 KIA initially → [UPD 18:40] 4 KIA".
_UPDATE_MARKS = ("→", "->", "upd", "update", "now ")


def _updated(found: Found, item: Found) -> bool:
    """The count is an update of the one before it on the line (the larger is the toll)."""
    if found.token is None or item.token is None:
        return False
    doc = item.token.doc
    a, b = sorted((found.token.idx, item.token.idx))
    between = doc_text(doc)[a:b].lower()
    return "\n" not in between and any(m in between for m in _UPDATE_MARKS)


def _most(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)
