"""Corpora the storage tests make for themselves: plain articles and hostile files.

Written by the tests into a temporary folder; nothing here reads shared data.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontwatch.models import (
    Actor,
    Article,
    Claim,
    DateSource,
    Event,
    Place,
    PlaceMention,
    ProcessedArticle,
    Quantity,
    Status,
    TimeExpr,
    content_id,
)

TOWNS = [
    "Kharkiv",
    "Izium",
    "Lyman",
    "Bakhmut",
    "Kupiansk",
    "Sievierodonetsk",
    "Lysychansk",
    "Kramatorsk",
    "Sloviansk",
    "Zaporizhzhia",
    "Kherson",
    "Mykolaiv",
    "Odesa",
    "Dnipro",
    "Poltava",
    "Sumy",
    "Chernihiv",
    "Donetsk",
    "Luhansk",
    "Melitopol",
]
REGIONS = ["Kharkiv", "Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Mykolaiv"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SPEAKERS = [
    ("Ukraine's General Staff", "said in a statement"),
    ("Russia's Defence Ministry", "said on Telegram"),
    ("the regional governor", "wrote on Telegram"),
    ("British military intelligence", "said in its daily update"),
]


def article_text(i: int, rng: random.Random) -> str:
    """A short, distinct wire-style report (the number keeps every text unique)."""
    town, other = rng.sample(TOWNS, 2)
    region = rng.choice(REGIONS)
    day = rng.choice(WEEKDAYS)
    who, how = rng.choice(SPEAKERS)
    killed = rng.randint(1, 40)
    paragraphs = [
        f"Russian forces shelled {town} late on {day}, killing {killed} civilians and "
        f"wounding {killed + i} more, {who} {how}.",
        f"Ukrainian troops repelled {i % 7 + 2} attacks near {other} in the {region} region "
        f"over the weekend, according to the report numbered {i}.",
        f"Reuters could not independently verify the claims. Fighting continued around {other} "
        f"and {town}, where {i * 3 % 50 + 5} buildings were damaged.",
    ]
    return "\n\n".join(paragraphs)


def write_articles(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` dated plain-text articles in ``folder``; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        path = folder / f"article_{i:04d}.txt"
        day = 1 + i % 28
        path.write_text(f" date 2022-09-{day:02d}\n{article_text(i, rng)}\n", encoding="utf-8")
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Hostile:
    """A hostile file: its name, and what the reader must say about it."""

    name: str
    reason: str | None  # a phrase of the error or warning; None: read without a word
    stored: bool  # whether a document from it must still be stored


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>Entry</title><description>&lol9;</description></item>
</channel></rss>
"""

TRUNCATED_HTML = """<!DOCTYPE html><html><head><title>Shelling in the east</title>
<meta property="og:site_name" content="Example Wire"></head><body><article>
<h1>Shelling in the east</h1>
<p>Russian forces shelled Kramatorsk on Tuesday, the regional governor said, and at
least four people were wounded in the attack on the city centre.</p>
<p>Ukrainian officials said air defences shot down two missiles over Sloviansk, but the
report was cut off in the mid"""

GOOD_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Strike on Dnipro</title><pubDate>Tue, 11 Oct 2022 08:00:00 GMT</pubDate>
<description>&lt;p&gt;A missile struck an industrial site in Dnipro on Monday, the mayor
said.&lt;/p&gt;</description></item>
</channel></rss>
"""


def write_hostile_corpus(folder: Path) -> list[Hostile]:
    """Hostile and broken files (plus a few good ones) in ``folder``; what each must give."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    cases: list[Hostile] = []

    def put(name: str, data: bytes | str, reason: str | None, stored: bool) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(raw)
        cases.append(Hostile(name, reason, stored))

    put("good_one.txt", f" date 2022-09-12\n{article_text(1, rng)}\n", None, True)
    put("good_two.txt", article_text(2, rng), None, True)
    put("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(8000)),
        "binary", False)  # fmt: skip
    put("empty.txt", b"", "empty file", False)
    put("blank.txt", b"   \n\n\t  \n", "empty file", False)
    with (folder / "huge.txt").open("wb") as fh:  # 50 MB, written in blocks
        block = (article_text(3, rng) + "\n").encode() * 100
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
    cases.append(Hostile("huge.txt", "too large", False))
    put("invalid_utf8.txt", b"Russian forces shelled Izium, " + b"\xff\xfe\xfa" + b" the "
        b"governor said.", "not valid UTF-8", True)  # fmt: skip
    put("utf16_bom.txt", ("\ufeff" + article_text(4, rng)).encode("utf-16-le"), None, True)
    put("utf16_nobom.txt", article_text(5, rng).encode("utf-16-be"), "UTF-16-BE", True)
    put("mixed_encodings.txt", "Київ said on Monday that the ".encode() + "café in Kharkiv "
        "was hit.".encode("cp1252"), "not valid UTF-8", True)  # fmt: skip
    put("truncated.html", TRUNCATED_HTML, None, True)
    put("garbage.html", "<html><body><div><p>" + "<" * 5000, "no words", False)
    lines = [
        json.dumps({"text": article_text(6, rng), "date": "2022-10-01", "outlet": "Wire"}),
        '{"text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "NUL\u0000 and a lone surrogate \ud800 in " + article_text(7, rng)}),
        json.dumps({"text": article_text(8, rng), "date": "2022-02-30"}),
    ]
    put("malformed.jsonl", "\n".join(lines) + "\n", "malformed JSON", True)
    put("nested.json", "[" * 200_000, "nested too deeply", False)
    put("laughs.xml", BILLION_LAUGHS, "entity", False)
    put("feed.rss", GOOD_FEED, None, True)
    put("impossible_date.txt", f" date 2022-13-45\n{article_text(9, rng)}\n", "impossible date",
        True)  # fmt: skip
    put("far_future.txt", f" date 9999-01-01\n{article_text(10, rng)}\n", "implausible date",
        True)  # fmt: skip
    names = ", ".join(TOWNS[i % len(TOWNS)] for i in range(10_000))
    put("ten_thousand_places.txt", f"Shelling was reported in {names}.\n", "not prose", False)
    put("control_chars.txt", f"\x1b[31mAlert\x1b[0m\x07 {article_text(12, rng)}", None, True)
    put("long_article.txt", (article_text(13, rng) + "\n\n") * 800, "too long", False)
    os.mkfifo(folder / "named_pipe.txt")  # skipped inside a folder; refused when named
    return cases


def processed_article(i: int, n_places: int = 3, n_events: int = 2) -> ProcessedArticle:
    """A synthetic, fully populated processed article (no language model needed)."""
    rng = random.Random(i)
    text = article_text(i, rng)
    article = Article(
        id=content_id(text),
        path=f"corpus/article_{i:04d}.txt",
        text=text,
        title=f"Report {i}",
        outlet="Example Wire",
        published=date(2022, 9, 1 + i % 28),
        date_source=DateSource.DATE_LINE,
        dateline="KYIV",
        dateline_span=(0, 4),
    )
    places = []
    for k, town in enumerate(rng.sample(TOWNS, n_places)):
        start = text.find(town)
        place = Place(f"gn:{1000 + k}", town, 48.0 + k, 37.0 + k, "PPL", "UA", "Donetsk", 1000 + k)
        places.append(PlaceMention(start, start + len(town), town, place=place, sent=0))
    day = rng.choice(WEEKDAYS)
    times = [TimeExpr(0, 4, "late", date(2022, 9, 5), date(2022, 9, 5), relative="D-1")]
    events = []
    for k in range(n_events):
        sentence_end = text.find(".") + 1
        claim = Claim(0, sentence_end, text[:sentence_end], Actor("the governor", "UA"))
        events.append(
            Event(
                id=f"{article.id[:12]}e{k}",
                article_id=article.id,
                fw_type="shelling",
                trigger="shelled",
                trigger_start=text.find("shelled"),
                trigger_end=text.find("shelled") + 7,
                status=Status.CLAIMED,
                actor1=Actor("Russian forces", "RU", "force"),
                place=places[k % n_places] if places else None,
                time=times[0],
                quantities=[Quantity(float(i + k), "people", str(i + k))],
                claim=claim,
                notes=day,
            )
        )
    sentences = [(0, len(text))]
    return ProcessedArticle(article, places, times, [], events, sentences, {"k": i})
