"""What a report turns out to be from the words around it, after the reports of one
happening are merged: a killing named with its weapon is that strike ("killed two
civilians with a drone-dropped grenade", extract/weapons.py), a log's bare count takes
the weapon its line names ("2x KAB on X | 1 KIA", extract/loglines.py), and a detention
that leaves no trace is a disappearance (taxonomy ``disappeared_as``)."""

from __future__ import annotations

from spacy.tokens import Token

from frontwatch.extract.loglines import line_weapon
from frontwatch.extract.merging import Found
from frontwatch.extract.weapons import casualty_weapon
from frontwatch.lexicons import type_info


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
