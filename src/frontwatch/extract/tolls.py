"""Tolls: the dead and wounded an attack left, told in its sentence or after it.

"Russian forces shelled X. One civilian was killed.": a casualty report with no attack of
its own is the toll of the attack before it (``fold_casualties``); damage told after an
attack is that attack's too; a later count of the same dead ("bringing the toll to 11")
is the total, more of the same ("two more bodies") is added to it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from frontwatch.annotate.text import doc_text
from frontwatch.extract.casualties import (
    TOLL_NOUNS,
    TollWords,
    is_injury,
    ordinal_of,
    ordinal_victim,
    toll_words,
    victim_head,
)
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
from frontwatch.lexicons import side_bloc
from frontwatch.models import Actor, Event, Status, TimeBasis, TimeExpr

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
    first = min((f.sent for f in found), default=0)  # the story's first report
    for item in found:
        ev = item.event
        if item.sent > first and ev.status not in NOT_DONE and _flashback(item, found):
            ev.status = Status.BACKGROUND  # "In a similar attack a week earlier, …": context
        if ev.fw_type in _HARM_DONE and _damage_of_attack(item, found, kept):
            continue  # "Russian forces shelled X. A school was damaged.": the shelling's
        if _bodies_of_attack(item, found, kept):
            continue  # "A missile hit the block. Rescuers recovered 45 bodies.": its dead
        if ev.fw_type != "casualties" or ev.status in NOT_DONE:
            kept.append(item)
            continue
        if running_total(item):
            ev.status = Status.BACKGROUND  # context: the toll of many attacks, not of one
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
    if _another_time(item):
        return None  # "Three days earlier, an attack … had left three people dead"
    if any(
        o.sent == item.sent
        and o is not item
        and o.event.status not in NOT_DONE  # "a rescuer who had arrived after the first strike"
        and o.event.fw_type not in _HARM | _SAYING
        and not _bodies(o)
        for o in found
    ):
        return None  # the sentence reports something else as well (not the bodies pulled out)
    # the sentence before with a report in it: "… struck a market. The source of the
    # fire was not established. 27 people were killed." skips the sentence of none
    # (a sentence that only says who reported is none: "Authorities reported 12 dead")
    # (nor is one of context: "In a similar attack a week earlier, nine had been killed.")
    said = [o for o in found if o.event.fw_type in _SAYING or o.event.status in NOT_DONE]
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
        # "… killing the father and wounding his daughter. The girl died of her wounds
        # two days later": a death among the wounded of a killing told before
        wounded = oe.fw_type == "casualties" and bool(oe.injuries) and _died_later(item)
        if oe.fw_type not in _TOLL_OF | _BATTLES | _INTERCEPTED and not wounded:
            continue
        if oe.fw_type not in _BATTLES and not sides_agree(oe.actor1, ev.actor1):
            continue
        # a toll no one is said to report goes on with the report before it ("According
        # to the governor, Ukrainian forces shelled X. One civilian was killed.")
        told = None in (_claimant(ev), _claimant(oe)) or claimants_agree(
            _claimant(oe), _claimant(ev)
        )  # or the writer's attack whose toll an official gives
        # "Russian authorities said a Ukrainian rocket hit Rylsk … the district head said one
        # of them had died": officials of one side, or of none named
        told = told or _one_camp(_claimant(oe), _claimant(ev))
        if not told or not places_close(oe, ev):
            continue
        # "By 11 April the death toll had risen to 57": a later count of the same dead
        later = _toll_update(item) and times_overlap(oe.time, _open_after(ev.time))
        # "A third victim died in hospital on 18 March": a death after the attack is its
        later = later or (_died_later(item) and _starts_after(oe.time, ev.time))
        if ev.time_basis == TimeBasis.OWN and not times_overlap(oe.time, ev.time) and not later:
            continue
        return other
    return None


_MORE = frozenset({"more", "another", "further", "additional"})


def _more(item: Found) -> bool:
    """A count of more of the same ("two more bodies", "another three bodies")."""
    token = item.token
    if token is None:
        return False
    # "two more bodies", "the bodies of two more people"
    of = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if _bodies(item) and _body_of_another(token):
        return True  # "the body of her husband was found": one more dead
    return any(
        c.lower_ in _MORE or any(g.lower_ in _MORE for g in c.children)
        for c in [*token.children, *of]
    )


def _in_toll_sentence(item: Found) -> bool:
    return item.token is not None and any(t.lemma_.lower() in TOLL_NOUNS for t in item.token.sent)


def _first_counted(found: Found, item: Found) -> bool:
    """An earlier count of the attack was said to be a first one ("Officials initially
    reported three dead; the final figure was five"): the later count is the total, unless
    it counts wounded who died since ("two of the injured later died")."""
    token = item.token
    if token is None or found.token is None or _of_the_wounded(token):
        return False
    words = toll_words().first_count
    doc = token.doc
    start = min(doc[found.token.i].sent.start, *(s.start for s in _sentences(found, doc)))
    return any(t.lower_ in words for t in doc[start : token.i])


def _sentences(found: Found, doc: Doc) -> list[Span]:
    sents = list(doc.sents)
    return [sents[i] for i in found.sents | {found.sent} if 0 <= i < len(sents)]


def _of_the_wounded(token: Token) -> bool:
    """ "Two of the 36 people taken to hospital died", "one of them succumbed": deaths among
    the wounded, more dead than counted before."""
    victims = victim_head(token)
    if victims is None:
        return False
    words = toll_words()
    for prep in (c for c in victims.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if obj.lower_ in words.partitive_pronouns:
                return True
            if any(t.lemma_.lower() in words.among_wounded for t in obj.subtree):
                return True
    return False


def _another_time(item: Found) -> bool:
    """ "Three days earlier, an attack had left three dead", "the previous week": a count
    the text dates before the attack it follows."""
    if item.token is None:
        return False
    sent, words = item.token.sent, toll_words()
    if _told_earlier(sent, words):
        return True  # "three days earlier", "one person had been killed … earlier that week"
    return any(  # "the previous day", "last week"
        t.lower_ in words.time_before
        and t.i + 1 < sent.end
        and t.nbor(1).lower_ in words.time_units
        for t in sent
    )


def _flashback(item: Found, found: list[Found]) -> bool:
    """ "In a similar attack a week earlier, nine people had been killed": after the
    story's first report, a time before the story's ("a week earlier", "three days
    before", or a date of its own before the first report's) and the past perfect ("The
    mine had been laid by Russian forces in November 2022")."""
    token = item.token
    if token is None:
        return False
    if not _past_perfect(token.sent):
        return False
    if _told_earlier(token.sent, toll_words()):
        return True  # "Strikes on the town earlier in the month had killed four people"
    return item.event.time_basis == TimeBasis.OWN and _before_story(item, found)


def _past_perfect(sent: Span) -> bool:
    return any(t.lower_ == "had" and t.dep_ == "aux" for t in sent)


def _before_story(item: Found, found: list[Found]) -> bool:
    """The item's own time ends before the story's first dated report begins."""
    when = item.event.time
    first = next((f for f in found if f.event.time_basis == TimeBasis.OWN), None)
    if when is None or when.date_end is None or first is None or first is item:
        return False
    start = first.event.time.date_start if first.event.time else None
    return start is not None and when.date_end < start


def _told_earlier(sent: Span, words: TollWords) -> bool:
    """ "three days earlier", "a week ago", "earlier that week", "earlier in the month"."""
    lowers = [t.lower_ for t in sent]
    units = words.time_units
    links = [link.split() for link in words.time_that]

    def linked(i: int) -> bool:  # "earlier" + "that" / "in the" + a unit
        return any(
            lowers[i + 1 : i + 1 + len(link)] == link
            and i + 1 + len(link) < len(lowers)
            and lowers[i + 1 + len(link)] in units
            for link in links
        )

    return any(
        (w in words.time_after and i > 0 and lowers[i - 1] in units)
        or (w == "earlier" and linked(i))
        for i, w in enumerate(lowers)
    )


def running_total(item: Found) -> bool:
    """ "Since the start of the month, 41 civilians have been killed in the city": a count
    "since", "so far" or "in total" is a running total of many attacks."""
    token = item.token
    if token is None:
        return False
    words = toll_words()
    text = doc_text(token.doc)[token.sent.start_char : token.sent.end_char].lower()
    for mark, pattern in words.running_total:
        for found in pattern.finditer(text):
            after = text[found.end() :].split()[:5]
            if mark == "since" and any(w.strip(",.") in words.running_total_not for w in after):
                continue  # "since the beginning of the day": the day's tally
            return True
    return False


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
    if not counts and (ordinal_victim(token) is not None or ordinal_of(token) is not None):
        counts = [1]  # "the body of a third victim", "a third body": the third dead
    if not counts and _body_of_another(token):
        counts = [1]  # "… was killed; the body of her husband was found the next morning"
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


def _body_of_another(token: Token) -> bool:
    """One body, of a person named anew ("the body of her husband", "the body of a man"),
    not of one told before ("the body of the woman")."""
    if token.tag_ != "NN":
        return False
    persons = toll_words().persons
    return any(
        obj.lemma_.lower() in persons
        and not any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in obj.children)
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


def _died_later(item: Found) -> bool:
    token = item.token
    return token is not None and token.lemma_.lower() in ("die", "succumb")


_LATER_DAYS = 60  # a wounded victim's death this long after the attack is still its toll


def _starts_after(attack: TimeExpr | None, death: TimeExpr | None) -> bool:
    if attack is None or death is None or attack.date_start is None:
        return False
    start = death.date_start or death.date_end
    return start is not None and 0 <= (start - attack.date_start).days <= _LATER_DAYS


def _open_after(when: TimeExpr | None) -> TimeExpr | None:
    """``when`` as "on or before its end": a toll by a date counts what happened before."""
    if when is None:
        return None
    return replace(when, date_start=date.min)


def _one_camp(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    sides = {side_bloc(a.side), side_bloc(b.side)} - {None, "UNKNOWN"}
    return len(sides) <= 1


def _claimant(event: Event) -> Actor | None:
    return event.claim.claimant if event.claim else None


def _add_toll(found: Found, item: Found) -> None:
    target, other = found.event, item.event
    # "7 soldiers were killed. Fatalities: 7.": a record's field is the total of the
    # counts before or after it, not one more count
    total = item.token is not None and field_figure(item.token) is not None
    total = total or _toll_update(item) or _toll_update(found)  # "bringing the toll to 11"
    more = _more(item)  # "two more bodies were recovered": added to it
    # "after two more bodies were found, bringing the toll to 13": the toll counts them
    more = more and not _in_toll_sentence(item)
    total = total or found.totalled or _updated(found, item) or _first_counted(found, item)
    ordinal = ordinal_victim(item.token) if item.token is not None else None
    if ordinal is None and item.token is not None and _bodies(item):
        ordinal = ordinal_of(item.token)  # "rescuers pulled a third body from the rubble"
    if ordinal is not None and is_injury(item.token):  # type: ignore[arg-type]
        ordinal = None  # "a third person had been wounded": no third dead
    if ordinal is not None and other.fatalities in (None, 1):
        # "killing two … A third victim died in hospital": the third dead, not one more
        target.fatalities = max(target.fatalities or 0, ordinal)
    elif total and not more:
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
