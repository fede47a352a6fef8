"""Builders of synthetic articles, places and events for the fuse tests.

They stand in for the per-article stages, so fusion is tested on exactly the
inputs it is given (sides, claimants, places, times), independent of extraction.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
UZBEKISTAN = Place("gn:1512440", "Uzbekistan", 41.0, 64.0, "PCLI", "UZ", None, 1512440)


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


# --- the seed articles with the events extraction is expected to give (by hand) ----

SEEDS = Path(__file__).resolve().parents[1] / "demo" / "articles"


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text("utf-8")


def luhansk_article() -> ProcessedArticle:
    """Article 002 with the events extraction is expected to give (by hand)."""
    text = seed("002")
    art = article(text, origin=None)
    mod = "Russian Defense Ministry"
    m_uzb = mention(text, "eastern Uzbekistan", UZBEKISTAN, ["suspect_far"])
    m_lu1 = mention(text, "Luhansk region", LUHANSK, occurrence=0)
    m_lug = mention(text, "Lugansk region", LUHANSK)
    m_obl = mention(text, "Luhansk Oblast", LUHANSK, occurrence=2)
    m_bak = mention(text, "Bakhmut", BAKHMUT, occurrence=1)
    m_don = mention(text, "Udonetsk", DONETSK, ["garbled"])
    unan = mention(text, "Unan", None, ["unresolved"])
    udong = mention(text, "Udong", None, ["unresolved"])
    events = [
        event(
            art,
            0,
            "breakthrough",
            "The Russian side claimed that the Russian army had broken through two Ukrainian "
            "defense lines in eastern Uzbekistan.",
            "broken through",
            side1="RU",
            side2="UA",
            claimant=("Russian side", "RU", "government"),
            place=m_uzb,
            relative="D",
        ),
        event(
            art,
            1,
            "withdraw",
            "The Russian Defense Ministry said the Ukrainian army had retreated after losing an "
            "attack in the Luhansk region, Reuters reported, without providing details.",
            "retreated",
            side1="UA",
            side2="RU",
            claimant=(mod, "RU", "org"),
            place=m_lu1,
            relative="D",
        ),
        event(
            art,
            2,
            "attack_repelled",
            "The office of Ukrainian President Volodymyr Zelenskyy said Ukrainian forces had "
            'repelled some Russian attacks in Lugansk region but "the situation on the ground '
            'remains difficult".',
            "repelled",
            side1="UA",
            side2="RU",
            claimant=("office of Ukrainian President Volodymyr Zelenskyy", "UA", "org"),
            place=m_lug,
            relative="D",
        ),
        event(
            art,
            3,
            "denial",
            'But Heday emphasized: "Those who spread the news that our defenders have withdrawn '
            "from the administrative border line of Luhansk Oblast, this kind of news is not in "
            'line with the facts."',
            "not in line with the facts",
            claimant=("Heday", "UA", "person"),
            place=m_obl,
            relative="D",
        ),
        event(
            art,
            5,
            "shelling",
            "Luhansk Governor Serhiy Haidai also said today that Russia has invested heavily in "
            "heavy equipment and mobilized troops in Luhansk Oblast, but the Ukrainian army is "
            "still holding on to the area.",
            "invested heavily",
            side1="RU",
            side2="UA",
            claimant=("Serhiy Haidai", "UA", "person"),
            role="Luhansk Governor",
            place=mention(text, "Luhansk Oblast", LUHANSK, occurrence=1),
            relative="D",
        ),
        event(
            art,
            4,
            "attack_repelled",
            "The Ukrainian Armed Forces Chief of Staff made no mention of a major defeat",
            "repelled",
            side1="UA",
            side2="RU",
            claimant=("Ukrainian Armed Forces Chief of Staff", "UA", "org"),
            place=m_bak,
            relative="D",
        ),
    ]
    return processed(art, events, [m_uzb, m_lu1, m_lug, m_obl, m_bak, m_don, unan, udong])


def referendum_article() -> ProcessedArticle:
    text = seed("000")
    art = article(text, published=date(2022, 9, 28), outlet="Fox News")
    events = [
        event(
            art,
            0,
            "referendum_result",
            "Early tallying results released by Russian news outlets Tuesday allegedly showed "
            'that as many as 98% of "voters" support Russia’s illegal annexation of Ukraine’s '
            "territory.",
            "showed",
            side1="RU",
            claimant=("Russian news outlets", "RU", "group"),
            when=date(2022, 9, 27),
        ),
        event(
            art,
            1,
            "denial",
            'Western officials and Kyiv have condemned the referenda as "shams" and warned the '
            "results would mimic steps Moscow took in Crimea when it reportedly falsified ballot "
            "results in favor of Russia’s political aims in 2014.",
            "condemned",
            claimant=("Western officials", "THIRD", "group"),
            when=date(2022, 9, 27),
        ),
    ]
    return processed(art, events)
