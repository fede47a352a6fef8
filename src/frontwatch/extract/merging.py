"""Merging within one article: the reports of one happening become one event.

Two events are one happening when type, side, claimant, place and time agree
(``merge``); an event folds into the more specific one it is part of by the
taxonomy's ``merges_into``; a speaker's events borrow channel, place and time
from their neighbours (``borrow``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from spacy.tokens import Token

from frontwatch.extract.actors import opponent
from frontwatch.extract.arguments import PRECISION_RANK
from frontwatch.extract.relevance import violent
from frontwatch.geo import haversine_km
from frontwatch.lexicons import general_actors, side_bloc, type_info
from frontwatch.models import (
    Actor,
    Event,
    GeoPrecision,
    Status,
    TimeBasis,
    TimeExpr,
)

# Two reports of one happening in one article lie within this distance, by the coarser
# precision of their places (a region's point is its centre: neighbours are ~250 km apart).
MERGE_DISTANCE_KM = {
    GeoPrecision.POINT: 50.0,
    GeoPrecision.TOWN: 50.0,
    GeoPrecision.REGION: 350.0,
    GeoPrecision.COUNTRY: math.inf,
}
_TIME_BASIS_RANK = {"own": 0, "statement": 1, "reported_by": 2}
INHERIT_WINDOW = 2  # sentences either side in which a speaker's context is shared


@dataclass(slots=True)
class Found:
    """An event under construction, with what the later steps need to know."""

    event: Event
    sent: int
    speaker_key: str | None
    token: Token | None = None
    sents: set[int] = field(default_factory=set)  # sentences of every report merged in
    totalled: bool = False  # a record's field ("Fatalities: 7") gave its toll: the total

    def near(self, other: Found, window: int) -> bool:
        return any(
            abs(a - b) <= window
            for a in self.sents | {self.sent}
            for b in other.sents | {other.sent}
        )


def inherit_from_speaker(found_items: list[Found]) -> None:
    """Channel, time and place a speaker gave in a neighbouring sentence."""
    for found in found_items:
        if found.speaker_key is None:
            continue
        near = sorted(
            (
                other
                for other in found_items
                if other is not found
                and other.speaker_key == found.speaker_key
                and not (other.sents | {other.sent}) & (found.sents | {found.sent})
                and other.near(found, INHERIT_WINDOW)
            ),
            key=lambda o: abs(o.sent - found.sent),
        )
        for other in near:
            borrow(found.event, other.event)


def borrow(event: Event, other: Event) -> None:
    claim, source = event.claim, other.claim
    if claim and source and claim.channel is None and source.channel:
        claim.channel = source.channel
    if event.place is None and other.place is not None:
        event.place = other.place
    if (
        event.time_basis == "reported_by"
        and other.time_basis in ("own", "statement")
        and other.time is not None
        and other.status not in (Status.PLANNED,)
        and event.status not in (Status.PLANNED,)
    ):
        event.time, event.time_basis = other.time, TimeBasis.STATEMENT


def after_violence(found: list[Found], index: int) -> bool:
    """The last sentence before ``index`` with a report, one of the two before it,
    reported violence ("X was shelled. Two were killed.", "A market was hit by shelling.
    The source of the fire was not established. 27 people were killed."), or only its
    aftermath after violence ("Missiles hit X. By morning rescuers had recovered 13 bodies.
    … officials said 17 people had died")."""
    last = max((f.sent for f in found if f.sent < index), default=-9)
    if index - last > 2:
        return False
    told = [f for f in found if f.sent == last]
    if any(violent(f.event.fw_type) for f in told):
        return True
    return all(f.event.fw_type in _AFTERMATH for f in told) and after_violence(found, last)


# What an attack leaves, told in a sentence of its own: bodies recovered, damage.
_AFTERMATH = frozenset({"casualties", "mass_grave", "property_destruction"})


def speaker_key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.canonical or actor.name.lower()


def merge(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for item in found:
        target = next((k for k in kept if _same_happening(k, item)), None)
        if target is None:
            kept.append(item)
        else:
            _absorb(target.event, item.event)
            target.sents |= item.sents | {item.sent}
            target.speaker_key = speaker_key(
                target.event.claim.claimant if target.event.claim else None
            )
    return _merge_complements(kept)


def _merge_complements(found: list[Found]) -> list[Found]:
    """Fold events into the more specific event they are part of (taxonomy merges_into)."""
    kept: list[Found] = []
    for item in found:
        target = _complement_target(item, found)
        if target is None:
            kept.append(item)
            continue
        ev = item.event
        if type_info(ev.fw_type).get("merges_with") == "opponent" and target.event.actor2 is None:
            target.event.actor2 = ev.actor1
        _absorb(target.event, ev)
        target.sents |= item.sents | {item.sent}
        target.speaker_key = speaker_key(
            target.event.claim.claimant if target.event.claim else None
        )
    return kept


def _complement_target(item: Found, found: list[Found]) -> Found | None:
    ev = item.event
    info = type_info(ev.fw_type)
    into = set(info.get("merges_into", []))
    if not into or ev.actor1 is None or ev.claim is None:
        return None
    ceding = info.get("merges_with") == "opponent"  # a withdrawal: see below
    if ev.claim.claimant is None and not info.get("merges_unclaimed") and not ceding:
        return None
    same_sentence = ev.claim.claimant is None  # the writer's own words: one sentence only
    # "Ukrainian troops withdrew from Avdiivka, the commander said. Russian forces took
    # control of the town.": a withdrawal the writer's capture by the other side follows
    # is part of that capture, whoever told of the withdrawal
    ceded = False
    if info.get("merges_with") == "opponent":
        winner = opponent(ev.actor1.side)
        if ev.claim.claimant is None or side_bloc(ev.claim.claimant.side) != winner:
            ceded = True
    else:
        winner = side_bloc(ev.actor1.side)
    for other in found:
        oe = other.event
        if other is item or oe.fw_type not in into or oe.actor1 is None:
            continue
        side = side_bloc(oe.actor1.side)
        if type_info(oe.fw_type).get("attacker_first"):
            side = opponent(side)  # unsettled, a repelled assault's actor1 is the defender
        if side != winner or not other.near(item, INHERIT_WINDOW):
            continue
        claimant = oe.claim.claimant if oe.claim else None
        if ceded:
            writer = claimant is None and _done(oe) and _done(ev) and other.sent >= item.sent
            if writer and places_close(oe, ev) and oe.fw_type in info.get("yields_to", []):
                return other
            continue
        if (same_sentence and other.sent != item.sent) or _done(oe) != _done(ev):
            continue  # an advance made is no part of a retake planned
        if claimants_agree(claimant, ev.claim.claimant) and places_close(oe, ev):
            return other
    return None


NOT_DONE = frozenset({Status.PLANNED, Status.CONDITIONAL, Status.BACKGROUND})


def _done(event: Event) -> bool:
    return event.status not in NOT_DONE


def _same_happening(a: Found, b: Found) -> bool:
    ea, eb = a.event, b.event
    if ea.fw_type != eb.fw_type:
        return False
    if (ea.status in NOT_DONE) != (eb.status in NOT_DONE):
        return False
    if not sides_agree(ea.actor1, eb.actor1) and not _one_battle(ea, eb):
        return False
    if not claimants_agree(
        ea.claim.claimant if ea.claim else None, eb.claim.claimant if eb.claim else None
    ):
        return False
    return places_close(ea, eb) and times_overlap(ea.time, eb.time)


def _one_battle(a: Event, b: Event) -> bool:
    """Two reports of a battle, one of whose sides the text does not name but guessed
    from the dead ("… clashed near Robotyne. A Ukrainian brigade reported two of its
    soldiers killed in the fighting"): a battle has both sides."""
    if (
        not type_info(a.fw_type).get("battlefield")
        or type_info(a.fw_type).get("family") != "combat"
    ):
        return False
    return any(
        e.actor1 is not None and e.actor1.start < 0 and e.actor1.canonical is None for e in (a, b)
    )


def sides_agree(a: Actor | None, b: Actor | None) -> bool:
    side_a = side_bloc(a.side) if a else None
    side_b = side_bloc(b.side) if b else None
    return side_a in (None, "UNKNOWN") or side_b in (None, "UNKNOWN") or side_a == side_b


def claimants_agree(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    if speaker_key(a) == speaker_key(b):
        return True
    # A country speaking as a whole ("Russia said") agrees with its own ministries.
    if _is_general(a) or _is_general(b):
        return side_bloc(a.side) == side_bloc(b.side)
    return False


def _is_general(actor: Actor) -> bool:
    """An actor that speaks for a whole side (``general`` in data/actors.toml); a more
    specific speaker of that side agrees with it."""
    return actor.canonical in general_actors() or (
        actor.canonical is None and actor.kind != "person"
    )


def places_close(a: Event, b: Event) -> bool:
    pa = a.place.place if a.place else None
    pb = b.place.place if b.place else None
    if pa is None or pb is None:
        return True
    coarser = max(pa.precision, pb.precision, key=lambda p: PRECISION_RANK[p])
    if pa.precision == pb.precision == GeoPrecision.TOWN:
        coarser = GeoPrecision.TOWN
    elif GeoPrecision.COUNTRY not in (pa.precision, pb.precision):
        coarser = max(pa.precision, pb.precision, key=lambda p: PRECISION_RANK[p])
    limit = MERGE_DISTANCE_KM[coarser]
    if pa.precision != pb.precision and limit < math.inf:
        limit = max(limit, 150.0)  # a town inside the region it is named with
    return haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= limit


def times_overlap(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    if a is None or b is None:
        return True
    if a.relative and b.relative and not (a.date_end or b.date_end):
        return True
    a_start, a_end = a.date_start or a.date_end, a.date_end or a.date_start
    b_start, b_end = b.date_start or b.date_end, b.date_end or b.date_start
    if a.precision == "reported_by":
        a_start = None
    if b.precision == "reported_by":
        b_start = None
    if a_end and b_start and a_end < b_start:
        return False
    return not (b_end and a_start and b_end < a_start)


def _absorb(target: Event, other: Event) -> None:
    """Fold a second report of the same happening into the first."""
    if other.place and (
        target.place is None
        or (
            other.place.place
            and target.place.place
            and PRECISION_RANK[other.place.place.precision]
            < PRECISION_RANK[target.place.place.precision]
        )
    ):
        target.place = other.place
    if _TIME_BASIS_RANK.get(other.time_basis, 3) < _TIME_BASIS_RANK.get(target.time_basis, 3):
        target.time, target.time_basis = other.time, other.time_basis
    if target.claim and other.claim:
        mine, theirs = target.claim.claimant, other.claim.claimant
        if theirs is not None and (mine is None or (_is_general(mine) and not _is_general(theirs))):
            # Keep the most specific source: the ministry rather than "Russia".
            other.claim.unverified = other.claim.unverified or target.claim.unverified
            target.claim, target.status = other.claim, other.status
        else:
            target.claim.unverified = target.claim.unverified or other.claim.unverified
            target.claim.hedges = list(dict.fromkeys(target.claim.hedges + other.claim.hedges))
            target.claim.channel = target.claim.channel or other.claim.channel
    if target.actor1 is None or target.actor1.side == "UNKNOWN":
        target.actor1 = other.actor1 or target.actor1
    target.actor2 = target.actor2 or other.actor2
    seen = {(q.value, q.unit) for q in target.quantities}
    target.quantities += [q for q in other.quantities if (q.value, q.unit) not in seen]
    if other.fatalities and not target.fatalities:
        target.fatalities = other.fatalities
    if other.injuries and not target.injuries:
        target.injuries = other.injuries
    note = f"also reported as “{other.trigger}” at {other.trigger_start}"
    target.notes = f"{target.notes}; {note}" if target.notes else note


# --- one happening, one event: the dead and wounded of an attack --------------------------


# Types a casualty report in the same sentence is the toll of ("killed in shelling").
# An interception's debris is its harm too ("shot down a drone over X. Falling debris
# damaged a house").
def mark_unverified(found: list[Found], noted: set[int]) -> None:
    """The battlefield claims outside the sentences ``noted`` ("could not independently
    verify") are unverified: the note covers the article."""
    if not noted:
        return
    for each in found:
        if each.sent in noted or not type_info(each.event.fw_type).get("battlefield"):
            continue
        if each.event.claim:
            each.event.claim.unverified = True
