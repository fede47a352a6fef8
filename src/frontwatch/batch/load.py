"""Loading a batch's Parquet into the store, then the cross-article stage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from frontwatch.batch.parquet import partitions, read_partition
from frontwatch.fuse import fuse_new, fusion_owed, mark_pending
from frontwatch.store import Store


class LoadError(Exception):
    pass


@dataclass(slots=True)
class LoadReport:
    partitions: int = 0
    stored: int = 0
    already: int = 0
    events: int = 0
    incidents: int = 0


def load_parquet(
    out: Path, store: Store, on_progress: Callable[[int], None] | None = None
) -> LoadReport:
    """Store every partition (one transaction each; articles already stored are skipped,
    so loading twice changes nothing), then fuse across articles."""
    if not out.is_dir():
        raise LoadError(f"{out}: no such folder")
    parts = partitions(out)
    if not parts:
        raise LoadError(f"{out}: no Parquet partitions (expected {out}/articles/part-*.parquet)")
    report = LoadReport()
    for part in parts:
        try:
            batch = read_partition(out, part)
        except Exception as exc:  # pyarrow raises several kinds on damaged files
            raise LoadError(
                f"{out}: partition {part} unreadable ({type(exc).__name__}: {exc})"
            ) from None
        known = store.known_ids(p.article.id for p in batch)
        if len(known) < len({p.article.id for p in batch}):
            mark_pending(store)  # before the save: a kill after it leaves fusion owed
        stored, already = store.save(batch)
        report.partitions += 1
        report.stored += stored
        report.already += already
        report.events += sum(len(p.events) for p in batch if p.article.id not in known)
        if on_progress:
            on_progress(len(batch))
    if report.stored or fusion_owed(store):
        report.incidents = fuse_new(store)
    return report
