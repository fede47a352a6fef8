"""A fixed reference corpus for behaviour-unchanged refactoring steps.

    .venv/bin/python scripts/refcheck.py SHARED_EVAL_DIR OUT_DIR

Writes OUT_DIR/corpus.jsonl (the three demo articles, the first 300 UCDP headlines
with their article dates, the first 60 GeoWebNews articles, the first 40 GeoVirus
articles: 403 texts), ingests it into a fresh database, and writes OUT_DIR/events.csv,
OUT_DIR/places.jsonl and OUT_DIR/db.jsonl (the database dump with time stamps
removed). Two runs are the same behaviour when `diff -r` of their OUT_DIRs is empty:

    .venv/bin/python scripts/refcheck.py ../shared/eval /tmp/ref-before
    ... change ...
    .venv/bin/python scripts/refcheck.py ../shared/eval /tmp/ref-after
    diff -r /tmp/ref-before /tmp/ref-after && echo unchanged
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UCDP = 300
GEOWEBNEWS = 60
GEOVIRUS = 40
_STAMP = re.compile(r'"(created_at|updated_at|ingested_at|stored_at|fused_at)": "[^"]*"')


def corpus(shared: Path) -> list[dict[str, str]]:
    """The reference texts, in a fixed order."""
    rows: list[dict[str, str]] = []
    for path in sorted((ROOT / "demo" / "articles").iterdir()):
        rows.append({"text": path.read_text(encoding="utf-8"), "title": path.stem})
    seen: set[str] = set()
    with (shared / "events" / "ucdp-ged-ukraine-2022.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            head = rec["headline"]
            if head in seen:
                continue
            seen.add(head)
            date = str(rec.get("source_date") or "")[:10]
            rows.append({"text": head, "date": date, "outlet": rec.get("source_office", "")})
            if len(seen) >= UCDP:
                break
    for name, count, tag in (
        ("GeoWebNews.xml", GEOWEBNEWS, "text"),
        ("GeoVirus.xml", GEOVIRUS, "text"),
    ):
        root = ET.parse(shared / "geoparsing" / name).getroot()
        for art in list(root.iter("article"))[:count]:
            node = art.find(f".//{tag}")
            if node is not None and node.text:
                rows.append({"text": node.text})
    return rows


def main() -> None:
    shared, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    src = out / "corpus.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for row in corpus(shared):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    db = out / "ref.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    fw = [sys.executable, "-m", "frontwatch"]
    subprocess.run([*fw, "ingest", str(src), "--db", str(db)], check=True)
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
            "places",
            "--format",
            "jsonl",
            "-o",
            str(out / "places.jsonl"),
        ],
        check=True,
    )
    dump = out / "db.raw.jsonl"
    subprocess.run(
        [*fw, "export", "--db", str(db), "--what", "db", "--format", "jsonl", "-o", str(dump)],
        check=True,
    )
    text = _STAMP.sub(r'"\1": ""', dump.read_text(encoding="utf-8"))
    (out / "db.jsonl").write_text(text, encoding="utf-8")
    dump.unlink()
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
