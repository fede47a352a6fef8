"""`frontwatch fuse` and `frontwatch watch`: fusion on demand, and sources followed live."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from frontwatch.cli import app
from frontwatch.cli.common import DbOption, err_console, fail
from frontwatch.cli.storage import open_store


@app.command("fuse")
def fuse_command(db: DbOption = None) -> None:
    """Recompute copies, entities, flags and incidents over the whole store."""
    from frontwatch.fuse import fuse_store, fusion_owed

    store = open_store(db)  # one line, not a traceback, when it cannot be opened
    owed = fusion_owed(store)
    started = time.perf_counter()
    incidents = fuse_store(store)
    err_console.print(
        f"fused {store.article_count()} article(s) into {incidents} incident(s) in "
        f"{time.perf_counter() - started:.1f} s"
        + (" (a fusion was owed: an earlier run stopped before it finished)" if owed else "")
        + f" -> {store.url}",
        highlight=False,
    )


@app.command()
def watch(
    sources: Annotated[
        list[str], typer.Argument(help="RSS/Atom URLs (http, https) and folders to follow.")
    ],
    interval: Annotated[
        float, typer.Option("--interval", min=0.0, help="Seconds between rounds.")
    ] = 300.0,
    db: DbOption = None,
    rounds: Annotated[
        int | None, typer.Option("--rounds", min=1, help="Stop after this many rounds.")
    ] = None,
) -> None:
    """Follow feeds and folders until stopped (SIGTERM or Ctrl-C), storing each new item once."""
    from frontwatch.models import RawDocument, ReadProblem
    from frontwatch.pipeline import Pipeline, ingest_items
    from frontwatch.watch import Watcher, is_url

    missing = [s for s in sources if not is_url(s) and not Path(s).exists()]
    if missing:
        fail(f"{escape(missing[0])}: no such file or folder (and not an http(s) URL)")
    store = open_store(db)
    pipeline = Pipeline()

    def say(message: str) -> None:
        err_console.print(f"watch: {escape(message)}", highlight=False)

    def show_problem(problem: ReadProblem) -> None:
        err_console.print(escape(str(problem)), highlight=False)

    def ingest(items: list[RawDocument | ReadProblem]) -> tuple[int, int]:
        report = ingest_items(items, store, pipeline=pipeline, on_problem=show_problem)
        return report.stored, report.already

    watcher = Watcher(sources, store, ingest, interval=interval, say=say)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    for sig in previous:
        signal.signal(sig, lambda _sig, _frame: watcher.stop.set())
    say(f"following {len(sources)} source(s) every {interval:g} s -> {store.url}")
    try:
        watcher.run(rounds)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for line in watcher.status_lines():
        say(line)
    say("stopped" if watcher.stop.is_set() else "done")
