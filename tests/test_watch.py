"""`frontwatch watch`: a feed served on 127.0.0.1 by the test, and a folder, followed live."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from frontwatch.models import RawDocument, ReadProblem
from frontwatch.pipeline import Pipeline, ingest_items
from frontwatch.store import Store
from frontwatch.watch import Watcher, known_sources

ITEMS = [
    (
        "Strike on Dnipro",
        "A missile struck an industrial site in Dnipro on Monday, the mayor said.",
    ),
    ("Shelling in Kherson", "Russian forces shelled Kherson on Tuesday, killing two people."),
    ("Drones over Kyiv", "Air defences shot down six drones over Kyiv overnight, officials said."),
]


class Feed:
    """An RSS feed whose items the test adds; it answers conditional requests."""

    def __init__(self) -> None:
        self.items = ITEMS[:2]
        self.version = 1
        self.requests: list[dict[str, str]] = []
        self.answers: list[int] = []
        self.fail_next = 0

    def body(self) -> bytes:
        entries = "".join(
            f"<item><title>{t}</title><pubDate>Tue, 11 Oct 2022 08:00:00 GMT</pubDate>"
            f"<description>{d}</description></item>"
            for t, d in self.items
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>'
            f"{entries}</channel></rss>"
        ).encode()


@pytest.fixture
def feed() -> Iterator[tuple[Feed, str]]:
    state = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            state.requests.append(dict(self.headers.items()))
            if state.fail_next:
                state.fail_next -= 1
                self._answer(503)
                return
            etag = f'"v{state.version}"'
            if self.headers.get("If-None-Match") == etag:
                self._answer(304)
                return
            body = state.body()
            self.send_response(200)
            state.answers.append(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(usegmt=True))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, code: int) -> None:
            state.answers.append(code)
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}/feed.rss"
    server.shutdown()
    server.server_close()


def _watcher(sources: list[str], store: Store, said: list[str]) -> Watcher:
    pipeline = Pipeline()

    def ingest(items: list[RawDocument | ReadProblem]) -> tuple[int, int]:
        report = ingest_items(items, store, pipeline=pipeline)
        return report.stored, report.already

    return Watcher(sources, store, ingest, interval=0, say=said.append)


def test_watch_stores_new_items_asks_conditionally_and_resumes(
    feed: tuple[Feed, str], tmp_path: Path
) -> None:
    state, url = feed
    store = Store(str(tmp_path / "w.db"))
    said: list[str] = []
    watcher = _watcher([url], store, said)
    watcher.run(rounds=2)
    assert store.article_count() == 2
    assert state.answers == [200, 304]  # nothing changed: the server answered 304
    assert state.requests[1]["If-None-Match"] == '"v1"'
    assert "If-Modified-Since" in state.requests[1]
    assert said[0].startswith("round 1 at") and "2 new, 0 seen, 0 failed" in said[0]
    assert "0 new, 0 seen, 0 failed" in said[1]

    state.items, state.version = ITEMS, 2  # a third item appears
    watcher.run(rounds=1)
    assert store.article_count() == 3
    assert "1 new, 2 seen" in said[-1]
    store.close()

    # A restart (a new watcher, a new store object) asks with the stored ETag: no duplicates.
    store = Store(str(tmp_path / "w.db"))
    again = _watcher([url], store, said)
    again.run(rounds=1)
    assert state.answers[-1] == 304 and store.article_count() == 3
    (row,) = known_sources(store)
    assert (row.source, row.new, row.seen, row.etag) == (url, 3, 2, '"v2"')
    store.close()


def test_watch_backs_off_a_failing_feed_with_one_line_per_failure(
    feed: tuple[Feed, str], tmp_path: Path
) -> None:
    state, url = feed
    state.fail_next = 1
    store = Store(str(tmp_path / "w.db"))
    said: list[str] = []
    watcher = _watcher([url], store, said)
    watcher.round()
    failures = [line for line in said if "failed (HTTP 503" in line]
    assert len(failures) == 1 and "next try in" in failures[0]
    watcher.round()  # still backing off: not asked again
    assert len(state.requests) == 1
    watcher.states[url].next_try = 0
    watcher.round()
    assert store.article_count() == 2
    store.close()


def test_watch_reads_new_and_grown_files_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ITEMS[0][1])
    store = Store(str(tmp_path / "w.db"))
    said: list[str] = []
    watcher = _watcher([str(folder)], store, said)
    watcher.round()
    assert store.article_count() == 1
    watcher.round()
    assert "0 new, 0 seen" in said[-1]  # an unchanged file is not read again
    lines = folder / "b.jsonl"
    lines.write_text(json.dumps({"text": ITEMS[1][1]}) + "\n")
    watcher.round()
    with lines.open("a") as fh:
        fh.write(json.dumps({"text": ITEMS[2][1]}) + "\n")
    os.utime(lines, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    watcher.round()
    assert store.article_count() == 3 and "1 new, 1 seen" in said[-1]
    store.close()


def test_watch_command_stops_cleanly_on_sigterm(feed: tuple[Feed, str], tmp_path: Path) -> None:
    _state, url = feed
    db = str(tmp_path / "w.db")
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontwatch", "watch", url, "--interval", "0.2", "--db", db],
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    assert proc.stderr is not None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if "round 2 at" in line or not line:
            break
    proc.send_signal(signal.SIGTERM)
    rest = proc.communicate(timeout=120)[1]
    said = " ".join(" ".join(lines).split() + rest.split())
    assert proc.returncode == 0, said
    assert "round 1 at" in said and "2 new" in said
    assert said.endswith("watch: stopped") and "Traceback" not in said
    store = Store(db)
    assert store.article_count() == 2
    store.close()
