"""`frontwatch events`, `show` and `export`: reading the store."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from frontwatch import query
from frontwatch.cli import app
from frontwatch.cli.common import DbOption, console, err_console, fail
from frontwatch.cli.storage import open_existing_store
from frontwatch.export import PLACE_COLUMNS, WRITERS, event_row, place_row, write_csv
from frontwatch.models import Event
from frontwatch.store import Store

SIDE_STYLE = {"UA": "blue", "RU": "red", "RU-INST": "magenta", "THIRD": "green"}


def build_filter(
    side: str | None = None,
    type_: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    region: str | None = None,
    q: str | None = None,
    scope: str = "events",
) -> query.Filters:
    """The query layer's checked filters; a bad value is one line and exit 2."""
    try:
        return query.parse_filters(
            side=side, type_=type_, status=status, since=since, until=until,
            region=region, q=q, scope=scope, prefix="--",
        )  # fmt: skip
    except query.QueryError as exc:
        fail(escape(str(exc)))


SideOpt = Annotated[str | None, typer.Option("--side", help="UA, RU, RU-INST, THIRD, UNKNOWN.")]
TypeOpt = Annotated[
    str | None, typer.Option("--type", help="An fw_type, a family or an ACLED event_type.")
]
StatusOpt = Annotated[str | None, typer.Option("--status", help="claimed, denied, assessed, ...")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before YYYY-MM-DD.")]
RegionOpt = Annotated[
    str | None, typer.Option("--region", help="Admin-1 region: a name, UA-63, or a country code.")
]
TextOpt = Annotated[str | None, typer.Option("--q", help="Words in the evidence sentence.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="At most this many events.")]


def _when(row: dict[str, Any]) -> str:
    start, end, rel = row["date_start"], row["date_end"], row["date_relative"]
    if start and end and start != end:
        return f"{start}..{end}"
    if start or end:
        prefix = "≤" if row["fw_time_precision"] == "reported_by" else ""
        return prefix + str(start or end)
    return f"[{rel}]" if rel else "unknown"


@app.command()
def events(
    db: DbOption = None,
    side: SideOpt = None,
    type_: TypeOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    region: RegionOpt = None,
    q: TextOpt = None,
    limit: LimitOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON rows instead of a table.")] = False,
) -> None:
    """List events as a timeline (filters combine)."""
    flt = build_filter(side, type_, status, since, until, region, q)
    if limit is not None and limit < 1:
        fail(f"--limit must be at least 1, got {limit}")
    store = open_existing_store(db)  # one line, not a traceback, when it cannot be opened
    rows = query.event_list(store, flt)
    total = len(rows)
    rows = rows[:limit] if limit else rows
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    shown = f"{len(rows)} of {total}" if len(rows) < total else str(total)
    table = Table(title=f"{shown} event(s)", show_lines=False, expand=True)
    for name, kwargs in (
        ("when", {"no_wrap": True}),
        ("type", {}),
        ("side", {"no_wrap": True}),
        ("where", {}),
        ("status", {}),
        ("claimed by", {}),
        ("id", {"no_wrap": True, "style": "dim"}),
    ):
        table.add_column(name, **kwargs)
    for row in rows:
        side_code = row["actor1_side"] or ""
        where = row["location"] or "—"
        if row["location"] and row["admin1"] and row["admin1"] != row["location"]:
            where = f"{row['location']} ({row['admin1']})"
        table.add_row(
            _when(row),
            row["fw_type"],
            Text(side_code, style=SIDE_STYLE.get(side_code, "")),
            where,
            row["status"] + (" ⚠unverified" if row["unverified"] else ""),
            # an outlet that only reports is not the claimant: "— (via Fox News)"
            row["claimed_by"] or (f"— (via {row['source']})" if row["source"] else "—"),
            row["event_id"],
        )
    console.print(table)


@app.command()
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="An event id (or incident id).")],
    db: DbOption = None,
) -> None:
    """An event with its claim and the sentence it came from (or an incident's claims)."""
    store = open_existing_store(db)  # one line, not a traceback, when it cannot be opened
    ev = store.event(item_id)
    if ev is None:
        incident = store.incident(item_id)
        if incident is None:
            fail(f"no event or incident with id {item_id!r}")
        from frontwatch.cli.fuse import print_incident

        print_incident(store, incident)  # the competing claims side by side
        return
    _print_event(store, ev)


def _print_event(store: Store, ev: Event) -> None:
    article = store.article(ev.article_id)
    row = event_row(ev, article)
    lines = Table.grid(padding=(0, 2))
    lines.add_column(style="bold")
    lines.add_column()
    for label, key in (
        ("type", "fw_type"),
        ("ACLED", "sub_event_type"),
        ("status", "status"),
        ("actor", "actor1"),
        ("side", "actor1_side"),
        ("target", "actor2"),
        ("place", "location"),
        ("admin1", "admin1"),
        ("coordinates", "latitude"),
        ("claimed by", "claimed_by"),
        ("role", "claimed_by_role"),
        ("channel", "channel"),
        ("hedges", "hedges"),
        ("source", "source"),
        ("quantities", "quantities"),
        ("fatalities", "fatalities"),
        ("notes", "notes"),
        ("incident", "incident_id"),
        ("review", "review_status"),
        ("reviewed", "reviewed_fields"),
        ("article", "file"),
    ):
        value = row.get(key)
        if key == "latitude" and value is not None:
            value = f"{row['latitude']}, {row['longitude']} ({row['fw_geo_precision']})"
        if value not in (None, "", False):
            lines.add_row(label, escape(str(value)))
    lines.add_row("when", escape(f"{_when(row)} ({row['fw_time_precision']}, {row['time_basis']})"))
    if ev.claim and ev.claim.unverified:
        lines.add_row("verification", "the outlet says it could not independently verify this")
    console.print(Panel(lines, title=f"event {ev.id}", expand=False))
    if ev.claim:
        console.print(_highlighted_sentence(ev))
    from frontwatch.cli.review import print_history

    print_history(store, ev.id)


def _highlighted_sentence(ev: Event) -> Text:
    assert ev.claim is not None
    claim = ev.claim
    text = Text(claim.sentence)
    start = ev.trigger_start - claim.sentence_start
    end = ev.trigger_end - claim.sentence_start
    if 0 <= start < end <= len(claim.sentence):
        text.stylize("bold reverse", start, end)
    return Text("“") + text + Text("”")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="csv, geojson or jsonl.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File ('-' or none: stdout).")
    ] = None,
    what: Annotated[
        str, typer.Option("--what", help="events, places, or db (the whole database, jsonl).")
    ] = "events",
    db: DbOption = None,
    side: SideOpt = None,
    type_: TypeOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    include_rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Also events an analyst rejected.")
    ] = False,
) -> None:
    """Write events (ACLED-style CSV, GeoJSON, JSON Lines) or place mentions (JSON Lines, CSV)."""
    output = None if output is not None and str(output) == "-" else output
    if fmt not in WRITERS:
        fail(f"unknown --format {fmt!r}; use csv, geojson or jsonl")
    if what not in ("events", "places", "db"):
        fail(f"unknown --what {what!r}; use events, places or db")
    if what == "db":
        from frontwatch.cli.storage import export_db

        export_db(db, fmt, output)
        return
    flt = build_filter(side, type_, status, since, until)
    store = open_existing_store(db)  # one line, not a traceback, when it cannot be opened
    if what == "places":
        if fmt == "geojson":
            fail("places export as jsonl or csv")
        articles = {a.id: a for a in store.articles()}
        rows = [place_row(articles[aid], m) for aid, m in store.place_mentions() if aid in articles]
    else:
        flt = replace(flt, include_rejected=include_rejected)
        rows = query.event_list(store, flt)
    sink: Any = (
        output.open("w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)
    )
    from frontwatch.cli.progress import counted

    # Progress only beside a file: with `-o -` the rows are the whole output.
    least = 1 if output else len(rows) + 1
    with sink as out, counted(err_console, "export", len(rows), what, least=least) as progress:
        count = _write(fmt, what, _ticking(rows, progress), out)
    if output:
        err_console.print(f"{count} {what} written to {output}", highlight=False)


def _ticking(rows: list[dict[str, Any]], progress: Any) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield row
        progress.advance()


def _write(fmt: str, what: str, rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    if fmt == "csv" and what == "places":
        return write_csv(rows, out, PLACE_COLUMNS)
    return WRITERS[fmt](rows, out)
