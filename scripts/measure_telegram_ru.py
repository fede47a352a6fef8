"""Russian Telegram posts: Ministry of Defence claims found, and no violence from other news.

    .venv/bin/python scripts/measure_telegram_ru.py CHANNELS_DIR OUT_DIR [--reuse]

CHANNELS_DIR holds Telethon-style dumps (one JSON list per channel of messages with
``message_id``, ``date``, ``text``, ``channel``, ``category``), as in
shared/eval/telegram-ru/channels. The posts are written to OUT_DIR/posts.jsonl, ingested
into OUT_DIR/tg.db and exported; the script prints, as JSON:

- ``language_ru``: the share of posts stored with language ``ru``;
- ``mod_posts`` / ``mod_claimed``: posts that name the Russian Ministry of Defence beside a
  strike, shoot-down or capture word, and the share of them that give an event claimed by
  the Ministry (side RU);
- ``violent_per_post`` for the posts of channels about software, games, science, business,
  finance, weather and advertising (categories as the collectors labelled them): Battles,
  Explosions/Remote violence and Violence against civilians events per post.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

MOD = re.compile(r"минобороны|министерств\w* обороны|мо рф", re.IGNORECASE)
ACTION = re.compile(r"сбит|сбил|уничтож|освобо|удар|поразил|поражен", re.IGNORECASE)
PEACEFUL = ("it", "gaming", "games", "science", "business", "finance", "weather", "advert")
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def posts(folder: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted(folder.glob("*.json")):
        for m in json.loads(path.read_text(encoding="utf-8")):
            text = (m.get("text") or "").strip()
            if not text:
                continue
            url = f"tg:{m.get('channel')}:{m.get('message_id')}"
            rows.append(
                {
                    "text": text,
                    "date": str(m.get("date") or "")[:10],
                    "outlet": str(m.get("channel") or ""),
                    "url": url,
                    "category": str(m.get("category") or ""),
                }
            )
    return rows


def main() -> None:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    rows = posts(folder)
    src = out / "posts.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(
                json.dumps({k: r[k] for k in ("text", "date", "outlet", "url")}, ensure_ascii=False)
                + "\n"
            )
    db = out / "tg.db"
    fw = [sys.executable, "-m", "frontwatch"]
    if "--reuse" not in sys.argv[3:]:  # --reuse: score the database a run left
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        # exit status 1 only says some posts were refused (no words): they are counted
        subprocess.run([*fw, "ingest", str(src), "--db", str(db)], check=False)
    subprocess.run(
        [*fw, "export", "--db", str(db), "--format", "csv", "-o", str(out / "events.csv")],
        check=True,
    )
    subprocess.run(
        [
            *fw,
            "export",
            "--db",
            str(db),
            "--what",
            "db",
            "--format",
            "jsonl",
            "-o",
            str(out / "dump.jsonl"),
        ],
        check=True,
    )
    url_of: dict[str, str] = {}
    language: dict[str, str] = {}
    for line in (out / "dump.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        if d.get("kind") == "article":
            a = d["article"]
            payload = a.get("payload") or {}
            url_of[a["id"]] = payload.get("url") or ""
            language[payload.get("url") or a["id"]] = (
                payload.get("language") or a.get("language") or ""
            )
    events: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (out / "events.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            events[url_of.get(r["article_id"], "")].append(r)
    mod = [r for r in rows if MOD.search(r["text"]) and ACTION.search(r["text"])]
    claimed = sum(
        any(
            e["claimed_by"] == "Ministry of Defence of Russia" and e["claimed_by_side"] == "RU"
            for e in events[r["url"]]
        )
        for r in mod
    )
    peaceful = [r for r in rows if r["category"].lower().startswith(PEACEFUL)]
    violent = sum(sum(e["event_type"] in VIOLENT for e in events[r["url"]]) for r in peaceful)
    ru = sum(language.get(r["url"]) == "ru" for r in rows)
    print(
        json.dumps(
            {
                "posts": len(rows),
                "language_ru": round(ru / len(rows), 3) if rows else None,
                "mod_posts": len(mod),
                "mod_claimed": round(claimed / len(mod), 3) if mod else None,
                "peaceful_posts": len(peaceful),
                "violent_per_post": round(violent / len(peaceful), 4) if peaceful else None,
                "categories": sorted({r["category"] for r in rows}),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
