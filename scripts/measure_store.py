"""Store throughput on SQLite and PostgreSQL (docs/storage.md, "Measured").

    .venv/bin/python scripts/measure_store.py [N]

Saves N synthetic articles (tests/corpora.py: 3 place mentions, 1 time, 2 events
each) in batches of 64, saves them again, dumps and loads them; PostgreSQL is the
throwaway server of tests/pg.py.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import pg  # noqa: E402
from corpora import processed_article  # noqa: E402
from frontwatch.store import Store  # noqa: E402


def fresh(kind: str, folder: str, name: str) -> str:
    """An empty database of ``kind``."""
    if kind == "sqlite":
        return f"{folder}/{name}.db"
    return pg.server().create_database()


def main(n: int) -> None:
    batch = [processed_article(i) for i in range(n)]
    folder = tempfile.mkdtemp()
    for kind in ("sqlite", "postgresql"):
        store = Store(fresh(kind, folder, "source"))
        t = time.perf_counter()
        for i in range(0, n, 64):
            store.save(batch[i : i + 64])
        save = time.perf_counter() - t
        t = time.perf_counter()
        for i in range(0, n, 64):
            store.save(batch[i : i + 64])
        resave = time.perf_counter() - t
        t = time.perf_counter()
        records = list(store.dump())
        dump = time.perf_counter() - t
        size = sum(len(json.dumps(r, ensure_ascii=False)) + 1 for r in records)
        target = Store(fresh(kind, folder, "target"))
        t = time.perf_counter()
        target.load(records)
        load = time.perf_counter() - t
        print(
            f"{kind}: save {n}: {save:.2f} s ({n / save:,.0f}/s); again: {resave:.2f} s; "
            f"dump: {dump:.2f} s ({size / 1e6:.1f} MB); load: {load:.2f} s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
