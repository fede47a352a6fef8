"""A small synthetic store for the API, page and report tests (built by hand, no pipeline).

Six articles: a Ukrainian governor on Telegram, a Russian ministry claim and a
Ukrainian denial of the same capture (one contested incident), a British
intelligence assessment, an article whose text carries a <script> tag, a NATO
meeting in Brussels and a strike on Kherson.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frontwatch.models import (
    Actor,
    Article,
    Claim,
    DateSource,
    Event,
    Incident,
    Place,
    PlaceMention,
    ProcessedArticle,
    Quantity,
    Status,
    TimeExpr,
    content_id,
)
from frontwatch.store import Store

XSS = "<script>alert(1)</script>"

PLACES = {
    "Lyman": Place("gn:702320", "Lyman", 48.9886, 37.8022, "PPLA2", "UA", "Donetsk", 702320),
    "Bilohorivka": Place(
        "gn:711314", "Bilohorivka", 48.9275, 38.2456, "PPL", "UA", "Luhansk", 711314
    ),
    "Izium": Place("gn:707292", "Izium", 49.2128, 37.2569, "PPLA2", "UA", "Kharkiv", 707292),
    "Kyiv": Place("gn:703448", "Kyiv", 50.4547, 30.5238, "PPLC", "UA", "Kyiv City", 703448),
    "Brussels": Place("gn:2800866", "Brussels", 50.8505, 4.3488, "PPLC", "BE", "Brussels", 2800866),
    "Kherson": Place("gn:706448", "Kherson", 46.6354, 32.6169, "PPLA", "UA", "Kherson", 706448),
}


def _at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentence(text: str, needle: str) -> tuple[int, int, str]:
    """The sentence (one line here) that contains ``needle``."""
    pos = text.index(needle)
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    return start, end, text[start:end]


def _article(name: str, text: str, outlet: str, published: date) -> Article:
    return Article(
        id=content_id(text),
        path=f"sample/{name}.txt",
        text=text,
        outlet=outlet,
        title=name.replace("_", " ").title(),
        published=published,
        date_source=DateSource.DATE_LINE,
        language="en",
        # A script address for the article that carries a script: the page must not link it.
        url="javascript:alert(1)" if name == "xss" else f"https://news.example.org/{name}",
    )


def _mention(text: str, name: str, role: str = "location") -> PlaceMention:
    start, end = _at(text, name)
    return PlaceMention(start, end, name, role=role, place=PLACES[name])


def _actor(text: str, words: str, side: str, kind: str = "org", **kw: str) -> Actor:
    start, end = _at(text, words)
    return Actor(words, side=side, kind=kind, start=start, end=end, **kw)


def _time(text: str, words: str, day: date, until: date | None = None) -> TimeExpr:
    start, end = _at(text, words)
    precision = "range" if until else "day"
    return TimeExpr(start, end, words, day, until or day, precision=precision)


def _event(
    article: Article,
    key: str,
    fw_type: str,
    trigger: str,
    status: Status,
    actor1: Actor | None,
    place: PlaceMention,
    time: TimeExpr,
    claimant: Actor | None,
    channel: str | None = None,
    **kw: object,
) -> Event:
    text = article.text
    t_start, t_end = _at(text, trigger)
    s_start, s_end, sentence = _sentence(text, trigger)
    claim = Claim(s_start, s_end, sentence, claimant=claimant, channel=channel, outlet=None)
    return Event(
        id=f"{article.id[:8]}-{key}",
        article_id=article.id,
        fw_type=fw_type,
        trigger=trigger,
        trigger_start=t_start,
        trigger_end=t_end,
        status=status,
        actor1=actor1,
        place=place,
        time=time,
        claim=claim,
        **kw,  # type: ignore[arg-type]
    )


def governor() -> ProcessedArticle:
    text = (
        "Luhansk governor Serhiy Haidai said on Telegram that Bilohorivka was shelled "
        "on Tuesday.\n"
        "He said two civilians were wounded in the shelling of Bilohorivka.\n"
    )
    art = _article("governor_telegram", text, "Kyiv Independent", date(2022, 9, 21))
    haidai = _actor(
        text, "Serhiy Haidai", "UA", "person", canonical="Serhiy Haidai", role="Governor"
    )
    place = _mention(text, "Bilohorivka")
    when = _time(text, "on Tuesday", date(2022, 9, 20))
    ev = _event(
        art,
        "shell",
        "shelling",
        "shelled",
        Status.CLAIMED,
        Actor("Russian forces", side="RU", kind="force"),
        place,
        when,
        haidai,
        channel="telegram",
        quantities=[Quantity(2, "people", "two civilians")],
    )
    return ProcessedArticle(art, [place], [when], [haidai], [ev])


def ru_claim() -> ProcessedArticle:
    text = (
        "Russia's defence ministry said its troops captured Lyman on Wednesday.\n"
        "The claim could not be independently verified.\n"
    )
    art = _article("ru_mod_lyman", text, "Reuters", date(2022, 9, 21))
    mod = _actor(text, "Russia's defence ministry", "RU", canonical="Russian Ministry of Defence")
    troops = _actor(text, "its troops", "RU", "force")
    place = _mention(text, "Lyman")
    when = _time(text, "on Wednesday", date(2022, 9, 21))
    ev = _event(art, "capture", "capture", "captured", Status.CLAIMED, troops, place, when, mod)
    assert ev.claim is not None
    ev.claim.unverified = True
    return ProcessedArticle(art, [place], [when], [mod, troops], [ev])


def ua_denial() -> ProcessedArticle:
    text = (
        "Ukraine's General Staff said an attack on Lyman was repelled on Wednesday.\n"
        "Fighting continued nearby, it said.\n"
    )
    art = _article("ua_staff_lyman", text, "Ukrainska Pravda", date(2022, 9, 22))
    staff = _actor(text, "Ukraine's General Staff", "UA", canonical="General Staff of Ukraine")
    place = _mention(text, "Lyman")
    when = _time(text, "on Wednesday", date(2022, 9, 21))
    ev = _event(
        art,
        "repelled",
        "attack_repelled",
        "repelled",
        Status.FAILED,
        Actor("Russian forces", side="RU", kind="force"),
        place,
        when,
        staff,
        channel="statement",
    )
    return ProcessedArticle(art, [place], [when], [staff], [ev])


def uk_assessment() -> ProcessedArticle:
    text = (
        "The U.K. Ministry of Defence said in its intelligence update that Ukrainian "
        "forces advanced east of Izium over the weekend.\n"
    )
    art = _article("uk_update_izium", text, "Fox News", date(2022, 9, 26))
    uk = _actor(text, "The U.K. Ministry of Defence", "THIRD", canonical="UK Ministry of Defence")
    forces = _actor(text, "Ukrainian forces", "UA", "force")
    place = _mention(text, "Izium")
    when = _time(text, "over the weekend", date(2022, 9, 24), date(2022, 9, 25))
    ev = _event(
        art,
        "advance",
        "advance",
        "advanced",
        Status.ASSESSED,
        forces,
        place,
        when,
        uk,
        channel="intelligence update",
    )
    return ProcessedArticle(art, [place], [when], [uk, forces], [ev])


def xss_article() -> ProcessedArticle:
    text = (
        f"Officials in Kyiv said a drone was shot down on Friday {XSS} over the city.\n"
        "No damage was reported.\n"
    )
    art = _article("xss", text, "Example <b>Outlet</b>", date(2022, 9, 30))
    art.title = f"Drone over Kyiv {XSS}"
    officials = _actor(text, "Officials in Kyiv", "UA", canonical="Kyiv city officials")
    place = _mention(text, "Kyiv")
    when = _time(text, "on Friday", date(2022, 9, 30))
    ev = _event(
        art, "drone", "interception", "shot down", Status.FAILED, None, place, when, officials
    )
    return ProcessedArticle(art, [place], [when], [officials], [ev])


def brussels() -> ProcessedArticle:
    text = "NATO defence ministers met in Brussels on October 12 to discuss air defence.\n"
    art = _article("nato_brussels", text, "AP", date(2022, 10, 12))
    nato = _actor(text, "NATO defence ministers", "THIRD", canonical="NATO")
    place = _mention(text, "Brussels")
    when = _time(text, "on October 12", date(2022, 10, 12))
    ev = _event(art, "meet", "statement", "met", Status.HAPPENED, nato, place, when, None)
    return ProcessedArticle(art, [place], [when], [nato], [ev])


def kherson() -> ProcessedArticle:
    text = "A missile hit Kherson on October 3, the regional administration said.\n"
    art = _article("kherson_strike", text, "Suspilne", date(2022, 10, 4))
    admin = _actor(text, "the regional administration", "UA")
    place = _mention(text, "Kherson")
    when = _time(text, "on October 3", date(2022, 10, 3))
    ev = _event(art, "strike", "missile_strike", "hit", Status.CLAIMED, None, place, when, admin)
    return ProcessedArticle(art, [place], [when], [admin], [ev])


def sample_articles() -> list[ProcessedArticle]:
    return [
        governor(),
        ru_claim(),
        ua_denial(),
        uk_assessment(),
        xss_article(),
        brussels(),
        kherson(),
    ]


def build_store(path: Path) -> Store:
    """A SQLite store at ``path`` holding the sample, with one contested incident."""
    store = Store(str(path))
    batch = sample_articles()
    store.save(batch)
    claim = batch[1].events[0]
    denial = batch[2].events[0]
    incident = Incident(
        id="inc-lyman",
        status="contested",
        event_ids=[claim.id, denial.id],
        sources=[claim.article_id, denial.article_id],
        summary="Capture of Lyman: claimed by Russia, denied by Ukraine",
    )
    store.set_incidents([incident], {claim.id: incident, denial.id: incident})
    return store
