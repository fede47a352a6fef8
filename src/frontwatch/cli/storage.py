"""`frontwatch import`: a database dump (``export --what db``) into a database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from frontwatch.cli import app
from frontwatch.cli.common import DbOption, err_console, fail
from frontwatch.store import safe_url

# A dump line longer than this is refused (an article with all its findings).
MAX_DUMP_LINE = 50 * 1024 * 1024


def open_store(db: str | None) -> Any:
    """The store, or one clear line and exit 2 when the database cannot be opened."""
    from frontwatch.store import Store, StoreError

    try:
        return Store(db)
    except StoreError as exc:
        fail(str(exc))


def existing_store_url(db: str | None) -> str:
    """The store's URL; a SQLite file must already exist (serving never creates one)."""
    from frontwatch.store import db_url

    url = db_url(db)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            fail(f"{path}: no such database; run `frontwatch ingest ... --db {path}` first")
    return url


def open_existing_store(db: str | None) -> Any:
    """The store for a read command: a SQLite file must exist (reading never creates one)."""
    return open_store(existing_store_url(db))


def export_db(db: str | None, fmt: str, output: Path | None) -> None:
    """The whole database as JSON Lines (`export --what db`), for `import`."""
    if fmt != "jsonl":
        fail("--what db exports as jsonl only")
    store = open_existing_store(db)
    count = 0
    sink: Any = output.open("w", encoding="utf-8") if output else nullcontext(sys.stdout)
    from frontwatch.cli.progress import counted

    total = store.article_count()
    with sink as out, counted(err_console, "export", total, "articles", least=1) as progress:
        for record in store.dump():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if record["kind"] == "article":
                count += 1
                progress.advance()
    if output:
        err_console.print(f"{count} article(s) written to {escape(str(output))}", highlight=False)


@app.command("import")
def import_(
    dump: Annotated[
        str, typer.Argument(help="A JSON Lines dump from `export --what db` ('-' for stdin).")
    ],
    db: DbOption = None,
) -> None:
    """Load a database dump; articles and incidents already stored are left as they are."""
    from frontwatch.store.dump import DumpError, check_record

    if dump != "-" and not Path(dump).is_file():
        fail(f"{dump}: no such file")
    store = open_store(db)
    problems = 0

    def problem(number: int, reason: str) -> None:
        nonlocal problems
        problems += 1
        err_console.print(f"error: {escape(dump)}:{number}: {escape(reason)}", highlight=False)

    def records() -> Iterator[dict[str, Any]]:
        seen_header = False
        for number, line in _lines(dump):
            if line is None:
                problem(number, f"line too long (over {MAX_DUMP_LINE:,} bytes)")
                continue
            try:
                record = check_record(json.loads(line))
            except (DumpError, ValueError, RecursionError) as exc:
                if not seen_header:
                    fail(f"{dump}: not a frontwatch dump ({exc})")
                problem(number, str(exc) or type(exc).__name__)
                continue
            if not seen_header and record["kind"] != "header":
                fail(f"{dump}: not a frontwatch dump (no header line)")
            seen_header = True
            if record["kind"] != "header":
                yield record

    report = store.load(records(), checked=True)
    err_console.print(
        f"{report.articles} article(s) imported, {report.articles_already} already present; "
        f"{report.incidents} incident(s) imported, {report.incidents_already} already present; "
        f"{problems} bad line(s) -> {escape(safe_url(store.url))}",
        highlight=False,
    )
    if problems:
        raise typer.Exit(1)


def _lines(dump: str) -> Iterator[tuple[int, str | None]]:
    """Numbered non-empty lines; None for a line too long to hold (which is skipped)."""
    stdin = nullcontext(sys.stdin.buffer)
    source: Any = stdin if dump == "-" else Path(dump).open("rb")  # noqa: SIM115
    with source as fh:
        number = 0
        while raw := fh.readline(MAX_DUMP_LINE + 1):
            number += 1
            if len(raw) > MAX_DUMP_LINE and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(1 << 20)
                yield number, None
            elif raw.strip():
                yield number, raw.decode("utf-8", errors="replace")
