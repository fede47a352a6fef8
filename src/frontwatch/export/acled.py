"""ACLED coding of an event where the text supports it (ACLED Codebook 2023).

- ``inter1`` / ``inter2``: the actor type codes: 1 State forces, 2 Rebel groups,
  3 Political militias, 4 Identity militias, 5 Rioters, 6 Protesters, 7 Civilians,
  8 External/Other forces (state forces active outside their own country). Ukraine's
  forces in Ukraine are 1; Russia's forces in Ukraine are 8 (in Russia, 1); the forces of
  the Russian-installed authorities in occupied Ukraine are 2; victims named as civilians,
  or the unnamed victims of violence against civilians, are 7. 0 where there is no actor.
- ``interaction``: the two codes, the lower first ("18", "17"; "80" for one actor alone).
- ``civilian_targeting``: "Civilian targeting" when civilians are the target.
- ``source_scale``: New media (Telegram, X, Facebook), International (a wire or a third
  party relays), National (a party's government, forces or officials claim),
  Subnational (the occupation authorities claim), joined with "-" when several hold.
- A casualty report whose dead are fighters of a side is an Armed clash (Battles), not
  violence against civilians.
"""

from __future__ import annotations

from typing import Any

from frontwatch.lexicons import side_bloc, type_info, warring
from frontwatch.models import Actor, Article, Event

ACLED_COLUMNS = ["inter1", "inter2", "interaction", "civilian_targeting", "source_scale"]
_CIVILIAN_WORDS = frozenset(
    {
        "civilian", "civilians", "resident", "residents", "people", "person", "child",
        "children", "woman", "women", "man", "men", "girl", "boy", "family", "pensioner",
        "journalist", "volunteer", "rescuers", "rescuer", "teenager", "veteran",
    }
)  # fmt: skip
_FIGHTER_WORDS = frozenset(
    {
        "servicemen", "serviceman", "soldier", "soldiers", "troops", "fighters", "militants",
        "invaders", "occupiers", "mercenaries", "forces", "force", "units", "brigade",
        "battalion", "military", "personnel", "apu", "afu", "zsu", "vsu", "enemy",
    }
)  # fmt: skip
# Fighters out of combat: killing them is violence against the defenceless, not a clash.
_CAPTIVE_WORDS = frozenset(
    {"captured", "captive", "captives", "prisoner", "prisoners", "pow", "pows"}
)
# The same told of the killing: "shot dead three soldiers who had surrendered".
_OUT_OF_COMBAT = ["surrender", "captive", "prisoners of war", "pows", "unarmed", "executed"]
_SOCIAL = frozenset({"Telegram", "X (Twitter)", "Facebook", "social-media video"})
_VAC = "Violence against civilians"


def acled_codes(event: Event, article: Article | None) -> dict[str, Any]:
    """The ACLED columns of one event (plus event/sub-event type where recoded)."""
    info = type_info(event.fw_type)
    event_type = info.get("acled_event_type")
    country = event.place.place.country if event.place and event.place.place else None
    inter1 = _inter(event.actor1, country)
    inter2 = _inter(event.actor2, country)
    row: dict[str, Any] = {}
    if _intervened(event, info.get("intervention_words")):
        row["sub_event_type"] = "Protest with intervention"
    side = side_bloc(event.actor1.side) if event.actor1 else None
    if country and warring(side) and warring(country):
        # Ukrainian forces taking a Ukrainian town regain it; Russian forces overtake it
        key = "own_ground_sub_event" if side == country else "foreign_ground_sub_event"
        if info.get(key):
            row["sub_event_type"] = info[key]
    if _said(event, info.get("peaceful_words")):
        row["event_type"] = "Strategic developments"
        row["sub_event_type"] = "Non-violent transfer of territory"
        event_type = row["event_type"]
    if event_type == _VAC and _fighters(event.actor2) and not _said(event, _OUT_OF_COMBAT):
        row["event_type"], row["sub_event_type"] = "Battles", "Armed clash"
        event_type = "Battles"
    elif event_type == _VAC and inter2 == 0:
        inter2 = 7  # violence against civilians: the unnamed victims are civilians
    codes = sorted(c for c in (inter1, inter2) if c)
    row["inter1"], row["inter2"] = inter1, inter2
    row["interaction"] = (
        f"{codes[0]}{codes[-1]}" if len(codes) == 2 else (f"{codes[0]}0" if codes else None)
    )
    targeted = event_type == _VAC or inter2 == 7
    row["civilian_targeting"] = "Civilian targeting" if targeted else None
    row["source_scale"] = _source_scale(event, article)
    return row


def _intervened(event: Event, words: list[str] | None) -> bool:
    """A protest dispersed or its people detained (taxonomy ``intervention_words``)."""
    if not words or event.claim is None:
        return False
    said = set(event.claim.sentence.lower().replace(",", " ").split())
    return bool(said & set(words))


def _said(event: Event, phrases: list[str] | None) -> bool:
    """One of ``phrases`` is in the event's sentence."""
    if not phrases or event.claim is None:
        return False
    sentence = " ".join(event.claim.sentence.lower().split())
    return any(p in sentence for p in phrases)


def _inter(actor: Actor | None, country: str | None) -> int:
    if actor is None:
        return 0
    words = set(actor.name.lower().replace(",", " ").split())
    bloc = side_bloc(actor.side)
    if words & _CIVILIAN_WORDS and not words & _FIGHTER_WORDS:
        return 7
    if actor.side == "RU-INST":
        return 2
    if bloc == "UA":
        return 1 if country in (None, "UA") else 8
    if bloc == "RU":
        return 1 if country == "RU" else 8
    if bloc == "THIRD":
        return 8
    return 0


def _fighters(actor: Actor | None) -> bool:
    if actor is None or not warring(actor.side):
        return False
    words = set(actor.name.lower().replace(",", " ").split())
    if words & _CAPTIVE_WORDS:
        return False  # a captured soldier killed is an attack on the defenceless (ACLED)
    return actor.kind == "force" or bool(words & _FIGHTER_WORDS)


def _source_scale(event: Event, article: Article | None) -> str | None:
    claim = event.claim
    scales: list[str] = []
    if claim and claim.channel in _SOCIAL:
        scales.append("New media")
    claimant = claim.claimant if claim else None
    if claimant is not None and claimant.side == "RU-INST":
        scales.append("Subnational")
    elif claimant is not None and warring(claimant.side):
        scales.append("National")
    relay = (claim.outlet if claim else None) or (article.origin if article else None)
    if relay or (claimant is not None and side_bloc(claimant.side) == "THIRD"):
        scales.append("International")
    return "-".join(dict.fromkeys(scales)) or None


__all__ = ["ACLED_COLUMNS", "acled_codes"]
