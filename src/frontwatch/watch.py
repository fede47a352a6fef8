"""Follow feeds and folders until stopped, storing each new item once.

A source is an RSS/Atom URL (``http://`` or ``https://``) or a folder (a file
works too). Each round asks every source for what changed:

- a feed with a conditional request (``If-None-Match`` / ``If-Modified-Since``
  from the last answer), so an unchanged feed costs one 304;
- a folder by walking it: files of a known format that are new, or whose size or
  modification time changed, are read again (articles already stored count as
  seen, so a grown JSON Lines file adds only its new lines).

New documents go through ``ingest_items`` (one transaction per batch, fusion
after it), so nothing is stored twice. What each source answered is kept in the
store (``fw_watch_sources``): a restart resumes with the same conditional
requests and file sizes and re-sees nothing. A source that fails is retried
after a growing pause (one line per failure); ``stop`` (SIGTERM, Ctrl-C) ends
the loop between batches.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontwatch.models import RawDocument, ReadProblem
from frontwatch.read import MAX_BYTES, iter_files, read_bytes, read_file
from frontwatch.store import Store
from frontwatch.store.fusion import WatchSourceRow

USER_AGENT = "frontwatch-watch/1 (+https://github.com/frontwatch)"
TIMEOUT_S = 30
MAX_BACKOFF_S = 3600


@dataclass(slots=True)
class SourceState:
    """One source's counters for this run, and when it may be asked again."""

    source: str
    new: int = 0
    seen: int = 0
    failed: int = 0
    failures_in_row: int = 0
    next_try: float = 0.0


@dataclass(slots=True)
class Fetched:
    items: list[RawDocument | ReadProblem] = field(default_factory=list)
    changed: bool = True  # False: the source said nothing changed (304, same files)
    # What to remember of the source once its items are stored (not before: a kill in
    # between must make the next run fetch them again).
    remember: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class Watcher:
    """The watch loop over ``sources``; ``run`` until ``stop`` is set or ``rounds`` done."""

    def __init__(
        self,
        sources: Sequence[str],
        store: Store,
        ingest: Callable[[list[RawDocument | ReadProblem]], tuple[int, int]],
        interval: float = 300.0,
        say: Callable[[str], None] = lambda _msg: None,
    ) -> None:
        self.sources = [s if is_url(s) else str(Path(s).resolve()) for s in sources]
        self.store = store
        self.ingest = ingest  # stores the documents; (new, already stored)
        self.interval = interval
        self.say = say
        self.stop = threading.Event()
        self.states = {s: SourceState(s) for s in self.sources}

    def run(self, rounds: int | None = None) -> None:
        done = 0
        while not self.stop.is_set() and (rounds is None or done < rounds):
            started = time.monotonic()
            self.round(done + 1)
            done += 1
            if rounds is not None and done >= rounds:
                break
            self.stop.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def round(self, number: int = 1) -> None:
        before = {s: (st.new, st.seen, st.failed) for s, st in self.states.items()}
        for source in self.sources:
            if self.stop.is_set():
                break
            state = self.states[source]
            if time.monotonic() >= state.next_try:
                self._poll(state)
        new = sum(st.new - before[s][0] for s, st in self.states.items())
        seen = sum(st.seen - before[s][1] for s, st in self.states.items())
        failed = sum(st.failed - before[s][2] for s, st in self.states.items())
        stamp = datetime.now(UTC).strftime("%H:%M:%S")
        self.say(
            f"round {number} at {stamp} UTC: {new} new, {seen} seen, {failed} failed "
            f"over {len(self.sources)} source(s)"
        )

    def status_lines(self) -> list[str]:
        return [
            f"{st.source}: {st.new} new, {st.seen} seen, {st.failed} failed"
            for st in self.states.values()
        ]

    def _poll(self, state: SourceState) -> None:
        try:
            fetched = self._fetch(state.source)
        except WatchError as exc:
            state.failed += 1
            state.failures_in_row += 1
            pause = min(MAX_BACKOFF_S, max(1.0, self.interval) * 2**state.failures_in_row)
            state.next_try = time.monotonic() + pause
            self.say(f"{state.source}: failed ({exc}); next try in {pause:.0f} s")
            return
        state.failures_in_row = 0
        new = already = 0
        if fetched.changed and fetched.items:
            new, already = self.ingest(fetched.items)
            state.new += new
            state.seen += already
        for key, values in fetched.remember:
            _remember(self.store, key, **values)
        _count(self.store, state.source, new, already)

    def _fetch(self, source: str) -> Fetched:
        if is_url(source):
            return fetch_feed(self.store, source)
        return changed_files(self.store, Path(source))


class WatchError(Exception):
    """A source could not be read this round (one line)."""


def fetch_feed(store: Store, url: str) -> Fetched:
    """The feed's items, or ``changed=False`` when the server says nothing changed."""
    known = _state(store, url)
    headers = {"User-Agent": USER_AGENT}
    if known and known.etag:
        headers["If-None-Match"] = known.etag
    if known and known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
            etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(changed=False, remember=[(url, {})])
        raise WatchError(f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise WatchError(str(getattr(exc, "reason", exc))) from None
    if len(data) > MAX_BYTES:
        raise WatchError(f"feed larger than {MAX_BYTES // (1024 * 1024)} MiB")
    items = list(read_bytes(url, data, "feed"))
    return Fetched(items, remember=[(url, {"etag": etag, "last_modified": modified})])


def changed_files(store: Store, folder: Path) -> Fetched:
    """Documents of the files under ``folder`` that are new or changed since last seen."""
    if not folder.exists():
        raise WatchError("no such file or folder")
    items: list[RawDocument | ReadProblem] = []
    remember: list[tuple[str, dict[str, Any]]] = []
    for path in iter_files([folder]):
        try:
            info = Path(path).stat()
        except OSError as exc:
            items.append(ReadProblem(str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        key = f"file:{path}"
        known = _state(store, key)
        if known and known.size == info.st_size and known.mtime_ns == info.st_mtime_ns:
            continue
        items.extend(read_file(path))
        remember.append((key, {"size": info.st_size, "mtime_ns": info.st_mtime_ns}))
    return Fetched(items, changed=bool(items), remember=remember)


# --- state in the store --------------------------------------------------------


def _state(store: Store, source: str) -> WatchSourceRow | None:
    with store._session() as session:
        row = session.get(WatchSourceRow, source)
        if row is not None:
            session.expunge(row)
        return row


def _remember(store: Store, source: str, **values: Any) -> None:
    with store.write_session() as session:
        row = session.get(WatchSourceRow, source)
        if row is None:
            row = WatchSourceRow(source=source, new=0, seen=0, failed=0)
            session.add(row)
        for name, value in values.items():
            setattr(row, name, value)
        row.checked_at = datetime.now(UTC).replace(tzinfo=None)


def _count(store: Store, source: str, new: int, seen: int) -> None:
    with store.write_session() as session:
        row = session.get(WatchSourceRow, source)
        if row is None:
            row = WatchSourceRow(source=source, new=0, seen=0, failed=0)
            session.add(row)
        row.new += new
        row.seen += seen


def known_sources(store: Store) -> Iterable[WatchSourceRow]:
    """Every source watched so far, with its totals."""
    from sqlalchemy import select

    with store._session() as session:
        rows = list(session.scalars(select(WatchSourceRow).order_by(WatchSourceRow.source)))
        for row in rows:
            session.expunge(row)
        return rows
