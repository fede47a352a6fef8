"""`frontwatch review`, `review-log`, `incidents merge|split`, `reprocess`, `articles`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from frontwatch.cli import app
from frontwatch.cli.common import DbOption, console, err_console, fail
from frontwatch.cli.fuse import incidents_app
from frontwatch.cli.storage import open_store

NoteOpt = Annotated[str | None, typer.Option("--note", help="Why: kept in the review log.")]
ByOpt = Annotated[
    str | None, typer.Option("--by", help="Reviewer (default: $FRONTWATCH_REVIEWER or login).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON instead of a table.")]


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def _settings(values: list[str]) -> dict[str, str]:
    from frontwatch.review import FIELDS

    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        name = name.strip().lower()
        if not sep or name not in FIELDS:
            fail(f"--set takes FIELD=VALUE with FIELD one of {', '.join(FIELDS)}; got {item!r}")
        out[name] = value
    return out


@app.command()
def review(
    event_id: Annotated[
        str | None,
        typer.Argument(metavar="[EVENT_ID]", help="The event (for --undo: or incident)."),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="FIELD=VALUE: place (name or lat,lon), date (D or D..D), type, sides "
            "(S1,S2), actors (A1;A2), status, fatalities. Repeatable.",
        ),
    ] = None,
    verify: Annotated[bool, typer.Option("--verify", help="Confirm the event.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="The event is wrong.")] = False,
    undo: Annotated[bool, typer.Option("--undo", help="Take back the last entry.")] = False,
    queue: Annotated[bool, typer.Option("--queue", help="What most needs a human.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="Queue rows to show.")] = 50,
    note: NoteOpt = None,
    by: ByOpt = None,
    as_json: JsonOpt = False,
    db: DbOption = None,
) -> None:
    """Correct, verify or reject an event (an append-only log on the machine record)."""
    from frontwatch import review as rv

    store = open_store(db)
    if queue:
        _show_queue(store, limit, as_json)
        return
    if event_id is None:
        fail("give an EVENT_ID (see `frontwatch events`), or --queue")
    chosen = [bool(set_), verify, reject, undo]
    if sum(chosen) != 1:
        fail("give exactly one of --set (repeatable), --verify, --reject, --undo")
    try:
        if set_:
            entry = rv.correct(store, event_id, _settings(set_), note, by)
        elif undo:
            entry = rv.undo(store, event_id, note, by)
        else:
            entry = rv.decide(store, event_id, "verify" if verify else "reject", note, by)
    except rv.ReviewError as exc:
        fail(str(exc))
    if as_json:
        _print_json(entry.as_dict())
        return
    ev = store.event(entry.target)
    status = ev.review_status if ev else "—"
    err_console.print(
        f"review #{entry.id}: {entry.action} {entry.target} by {entry.by} -> {status}",
        highlight=False,
    )


def _print_rows(
    rows: list[dict[str, Any]],
    as_json: bool,
    title: str,
    columns: tuple[str, ...],
    cells: Callable[[dict[str, Any]], tuple[str, ...]],
) -> None:
    """``rows`` as JSON, or as a table of ``columns`` with ``cells`` of each row."""
    if as_json:
        _print_json(rows)
        return
    table = Table(title=title, expand=True)
    for name in columns:
        table.add_column(name)
    for r in rows:
        table.add_row(*cells(r))
    console.print(table)


def _show_queue(store: Any, limit: int, as_json: bool) -> None:
    from frontwatch.review.queue import review_queue

    rows = review_queue(store, limit)
    _print_rows(
        rows,
        as_json,
        f"review queue ({len(rows)} shown)",
        ("event", "type", "deaths", "place", "date", "why", "sentence"),
        lambda r: (
            r["event_id"],
            r["fw_type"],
            str(r["fatalities"] if r["fatalities"] is not None else ""),
            escape(r["place"] or "—"),
            r["date"] or "",
            escape("; ".join(r["reasons"])),
            escape(r["sentence"][:100]),
        ),
    )


@app.command("review-log")
def review_log(as_json: JsonOpt = False, db: DbOption = None) -> None:
    """Every review entry: who, when, what, old and new values, note."""
    from frontwatch.store.review import entries

    rows = [e.as_dict() for e in entries(open_store(db))]
    _print_rows(
        rows,
        as_json,
        f"{len(rows)} review entr{'y' if len(rows) == 1 else 'ies'}",
        ("#", "when", "by", "action", "target", "change", "note"),
        lambda r: (
            str(r["id"]),
            r["at"],
            escape(r["by"]),
            r["action"] + (f" #{r['undoes']}" if r["undoes"] else ""),
            r["target"],
            escape(_change_text(r["changes"])),
            escape(r["note"] or ""),
        ),
    )


def print_history(store: Any, event_id: str) -> None:
    """The review entries about an event, oldest first (for `frontwatch show`)."""
    from frontwatch.store.review import entries

    for e in entries(store):
        if e.target == event_id or event_id in e.anchors:
            line = f"review #{e.id} {e.at.isoformat(timespec='seconds')}Z {e.by}: {e.action}"
            change = _change_text(e.changes)
            note = f" — {e.note}" if e.note else ""
            console.print(escape(f"{line} {change}{note}"), highlight=False)


def _change_text(changes: dict[str, Any]) -> str:
    if "events" in changes:
        return f"{', '.join(changes.get('incidents', []))}: {len(changes['events'])} event(s)"
    parts = []
    for name, change in changes.items():
        if isinstance(change, dict) and "new" in change:
            old, new = change.get("old"), change["new"]
            if isinstance(new, dict):  # a place
                old = old.get("name") if isinstance(old, dict) else old
                new = new.get("name")
            parts.append(f"{name}: {old} -> {new}")
        else:
            parts.append(f"{name}: {change}")
    return "; ".join(parts)


def _act(db: str | None, action: Callable[[Any], Any], outcome: Callable[[Any], str]) -> None:
    """Open the store, apply one review action, print its entry and ``outcome`` (or fail)."""
    from frontwatch import review as rv

    store = open_store(db)
    try:
        entry = action(store)
    except rv.ReviewError as exc:
        fail(str(exc))
    err_console.print(f"review #{entry.id}: {outcome(store)}", highlight=False)


@incidents_app.command("merge")
def incidents_merge(
    first: Annotated[str, typer.Argument(metavar="A", help="An incident id.")],
    second: Annotated[str, typer.Argument(metavar="B", help="Another incident id.")],
    note: NoteOpt = None,
    by: ByOpt = None,
    db: DbOption = None,
) -> None:
    """Two incidents are one; the older id survives, the other stays an alias."""
    from frontwatch import review as rv

    def outcome(store: Any) -> str:
        merged = store.incident(first)
        return f"merged {first} and {second} -> {merged.id if merged else '?'}"

    _act(db, lambda store: rv.merge(store, first, second, note, by), outcome)


@incidents_app.command("split")
def incidents_split(
    incident_id: Annotated[str, typer.Argument(metavar="INCIDENT", help="An incident id.")],
    event_ids: Annotated[list[str], typer.Argument(metavar="EVENT_ID...", help="Events to leave.")],
    note: NoteOpt = None,
    by: ByOpt = None,
    db: DbOption = None,
) -> None:
    """The given events leave the incident and form their own."""
    from frontwatch import review as rv

    def outcome(store: Any) -> str:
        ev = store.event(event_ids[0])
        where = ev.incident_id if ev else "?"
        return f"split {len(event_ids)} event(s) off {incident_id} -> {where}"

    _act(db, lambda store: rv.split(store, incident_id, event_ids, note, by), outcome)


@app.command()
def reprocess(db: DbOption = None) -> None:
    """Re-run the per-article stages over every stored article (e.g. after an upgrade);
    reviews re-attach to the same events, incident ids that change stay as aliases."""
    from frontwatch.review.reprocess import reprocess_store

    store = open_store(db)
    report = reprocess_store(store)
    err_console.print(
        f"{report.articles} article(s) reprocessed, {report.events} event(s), "
        f"{report.renamed} event id(s) changed, {report.reviewed} reviewed event(s) re-attached",
        highlight=False,
    )


@app.command()
def articles(
    as_json: JsonOpt = False,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    db: DbOption = None,
) -> None:
    """Stored articles with their ids, dates and sources."""
    store = open_store(db)
    found = store.articles(limit)
    counts = store.event_counts(a.id for a in found)
    rows = [
        {
            "article_id": a.id,
            "published": a.published.isoformat() if a.published else None,
            "date_source": str(a.date_source),
            "outlet": a.outlet,
            "origin": a.origin,
            "title": a.title,
            "path": a.path,
            "events": counts[a.id],
        }
        for a in found
    ]
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} article(s)", expand=True)
    for name in ("id", "published", "date from", "source", "events", "path", "title"):
        table.add_column(name)
    for r in rows:
        source = " via ".join(x for x in (r["outlet"], r["origin"]) if x) or "—"
        table.add_row(
            r["article_id"],
            r["published"] or "—",
            r["date_source"],
            escape(source),
            str(r["events"]),
            escape(r["path"]),
            escape(r["title"] or ""),
        )
    console.print(table)
