"""Builders of synthetic articles, places and events for the fuse tests.

They stand in for the per-article stages, so fusion is tested on exactly the
inputs it is given (sides, claimants, places, times), independent of extraction.
"""

from __future__ import annotations

from datetime import date

from frontwatch.models import (
    Actor,
    Article,
    Claim,
    Event,
    Place,
    PlaceMention,
    ProcessedArticle,
    Status,
    TimeExpr,
    content_id,
)

LUHANSK = Place("adm1:UA-09", "Luhansk Oblast", 48.9, 39.0, "ADM1", "UA", "Luhansk", 703448)
DONETSK = Place("adm1:UA-14", "Donetsk Oblast", 48.0, 37.8, "ADM1", "UA", "Donetsk", 709716)
BAKHMUT = Place("gn:713174", "Bakhmut", 48.594, 37.999, "PPL", "UA", "Donetsk", 713174)
BILOHORIVKA = Place("gn:712588", "Bilohorivka", 48.926, 38.247, "PPL", "UA", "Luhansk", 712588)
IZIUM = Place("gn:707292", "Izium", 49.207, 37.277, "PPL", "UA", "Kharkiv", 707292)
UZBEKISTAN = Place("gn:1512440", "Uzbekistan", 41.0, 64.0, "PCLI", "UZ", None, 1512440)
KHARKIV = Place("adm1:UA-07", "Kharkiv Oblast", 49.5, 36.5, "ADM1", "UA", "Kharkiv", 706482)


def article(
    text: str,
    published: date | None = None,
    origin: str | None = None,
    path: str = "x.txt",
    outlet: str | None = None,
) -> Article:
    return Article(content_id(text), path, text, published=published, origin=origin, outlet=outlet)


def mention(
    text: str, needle: str, place: Place | None, flags: list[str] | None = None, occurrence: int = 0
) -> PlaceMention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return PlaceMention(start, start + len(needle), needle, "location", place, list(flags or []))


def event(
    art: Article,
    n: int,
    fw_type: str,
    sentence: str,
    trigger: str,
    *,
    side1: str | None = None,
    side2: str | None = None,
    claimant: tuple[str, str, str] | None = None,  # (name, side, kind)
    role: str | None = None,
    status: Status = Status.CLAIMED,
    place: PlaceMention | None = None,
    when: date | None = None,
    relative: str | None = None,
    channel: str | None = None,
) -> Event:
    s = art.text.index(sentence)
    t = art.text.index(trigger, s)
    claim_actor = None
    if claimant:
        name, side, kind = claimant
        cs = art.text.find(name, s)
        claim_actor = Actor(name, side, kind, role=role, start=cs, end=cs + len(name))
    time = None
    if when or relative:
        time = TimeExpr(t, t, "today", when, when, "day", relative)
    return Event(
        id=f"{art.id}-{n}",
        article_id=art.id,
        fw_type=fw_type,
        trigger=trigger,
        trigger_start=t,
        trigger_end=t + len(trigger),
        status=status,
        actor1=Actor("forces", side1) if side1 else None,
        actor2=Actor("forces", side2) if side2 else None,
        place=place,
        time=time,
        claim=Claim(s, s + len(sentence), sentence, claim_actor, channel=channel),
    )


def processed(
    art: Article, events: list[Event], places: list[PlaceMention] | None = None
) -> ProcessedArticle:
    return ProcessedArticle(art, places=list(places or []), events=events)
