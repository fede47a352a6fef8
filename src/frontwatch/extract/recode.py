"""What each event turns out to be once the reports of one happening are merged: the
order of its parties (the attacker first, the intervening force second), its type by
the words around it (a killing named with its weapon is that strike, "killed two
civilians with a drone-dropped grenade", extract/weapons.py; a log's bare count takes
the weapon its line names, "2x KAB on X | 1 KIA", extract/loglines.py; a detention that
leaves no trace is a disappearance, taxonomy ``disappeared_as``), its place in a log
entry or a record (``entry_place``), a record's perpetrator field, and last the side of
an attacker nobody names (by where it struck, extract/casualties.py)."""

from __future__ import annotations

from spacy.tokens import Token

from frontwatch.extract.actors import opponent, side_from_cues
from frontwatch.extract.casualties import theatre_side
from frontwatch.extract.loglines import line_weapon
from frontwatch.extract.merging import Found
from frontwatch.extract.records import entry_place
from frontwatch.extract.weapons import casualty_weapon
from frontwatch.lexicons import side_bloc, side_label, type_info, warring
from frontwatch.models import Actor, ActorKind, PlaceMention


def settle(
    found: Found,
    header: tuple[PlaceMention | None, PlaceMention | None],
    perpetrator: Actor | None,
) -> None:
    """Finish ``found``'s event (see above); ``header`` is the text's header or field
    place and its line's settlement or point (``record_header``), ``perpetrator`` who a
    record's field names."""
    attacker_first(found)  # "shot down a Russian drone": Russia's disrupted strike
    protesters_first(found)  # "police dispersed a rally": the police intervene
    recode(found)
    event = found.event
    said = bool(type_info(event.fw_type).get("speech_act"))  # said where: unknown
    event.place = entry_place(event.place, *header, said)
    guessed = event.actor1 is None or (event.actor1.start < 0 and event.actor1.canonical is None)
    if perpetrator is not None and guessed and not said:
        event.actor1 = perpetrator  # the record's field over a side guessed from context
    weapons_in = found.token.sent if found.token is not None else None
    event.actor1 = theatre_side(event, weapons_in)  # "Storm Shadow strike on X"


def recode(found: Found) -> None:
    """Set the type of ``found``'s event by the words around its trigger (see above)."""
    event, token = found.event, found.token
    if token is None:
        return
    if event.fw_type == "casualties":
        event.fw_type = casualty_weapon(token) or line_weapon(token) or "casualties"
    info = type_info(event.fw_type)
    into = info.get("disappeared_as")
    if into and _said_near(token, info.get("disappearance_words") or []):
        event.fw_type = str(into)


def _said_near(token: Token, phrases: list[str]) -> bool:
    """One of ``phrases`` is in the trigger's sentence or the next one ("… and drove him
    away. His whereabouts are unknown.")."""
    sent = token.sent
    end = sent.end
    if end < len(token.doc):
        end = token.doc[end].sent.end
    text = " ".join(token.doc[sent.start : end].text.lower().split())
    return any(p in text for p in phrases)


def attacker_first(item: Found) -> None:
    """The attacker first: an interception or a repelled attack is the attacker's
    (actor1) against the defender (actor2). The attacker is the side the weapon or
    attack phrase names ("shot down two Ukrainian drones", "repelled a Russian
    assault"), else the defender's opponent, else left to the theatre's rule (taxonomy
    ``attacker_first``)."""
    event = item.event
    if not type_info(event.fw_type).get("attacker_first"):
        return
    defender = event.actor1
    attacker: Actor | None = None
    if item.token is not None:
        side, span = _attempt_side(item.token)
        attacker = Actor(side_label(side), side, ActorKind.GROUP) if side else None
        if defender is not None and span[0] <= defender.start < span[1]:
            defender = None  # "Russian Ka-52 shot down near X": the subject was shot down
    # a defender named in the text; one a rule gave from the claimant only where no
    # theatre rule follows ("General Staff: 20 attacks repelled": the claimant held)
    guessed_ok = not type_info(event.fw_type).get("theatre_attacker")
    named = defender is not None and (defender.start >= 0 or guessed_ok)
    other = opponent(defender.side) if named and defender is not None else None
    if attacker is None and other:
        attacker = Actor(side_label(other), other, ActorKind.GROUP)
    if attacker is None:  # nobody named on either side: the theatre's rule, later
        event.actor1, event.actor2 = None, defender if named else None
        return
    if defender is not None and not _opposed(attacker, defender):
        return  # the text does not say two sides: keep what it says
    event.actor1, event.actor2 = attacker, defender


def protesters_first(item: Found) -> None:
    """A protest broken up ("police dispersed a rally"): the subject of the verb that broke
    it is the intervening force (actor2), not the protesters (taxonomy
    ``intervention_words``)."""
    event, token = item.event, item.token
    words = type_info(event.fw_type).get("intervention_words")
    if not words or token is None or token.head.lemma_.lower() not in words:
        return
    if token.dep_ in ("dobj", "nsubjpass") and event.actor1 is not None:
        event.actor1, event.actor2 = None, event.actor1


def _sided(actor: Actor) -> bool:
    return warring(actor.side)


def _opposed(a: Actor, b: Actor) -> bool:
    return not _sided(b) or opponent(b.side) == side_bloc(a.side)


def _attempt_side(token: Token) -> tuple[str | None, tuple[int, int]]:
    """The side named in what was stopped, and where its phrase lies: the object, the
    passive subject, or the subject of a headline's verb with no object ("Russian Ka-52
    shot down near X"); its own phrase only ("two Ukrainian drones", not "over Kyiv")."""
    deps = {"dobj", "nsubjpass"}
    if not any(c.dep_ == "dobj" for c in token.children):
        deps.add("nsubj")
    for child in token.children:
        if child.dep_ in deps:
            skip = {t.i for c in child.children if c.dep_ in _CLAUSES for t in c.subtree}
            tokens = [t for t in child.subtree if t.i not in skip]
            side = side_from_cues(" ".join(t.text for t in tokens))
            if warring(side):  # "Iranian-made drones" name no party
                return side, (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return None, (0, 0)


_CLAUSES = frozenset({"prep", "acl", "relcl", "conj", "appos", "advcl"})
