"""`frontwatch incidents`, `entities`, `bench-fuse`; the side-by-side incident view of `show`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from frontwatch import query
from frontwatch.cli import app
from frontwatch.cli.common import DbOption, console, err_console, fail
from frontwatch.cli.storage import open_existing_store
from frontwatch.lexicons import side_bloc, sides
from frontwatch.models import Incident
from frontwatch.store import Store
from frontwatch.store import fusion as tables

KINDS = ("person", "org", "place")
STATUS_STYLE = {"contested": "bold red", "corroborated": "bold green", "assessed": "cyan"}
BLOC_STYLE = {"UA": "blue", "RU": "red", "THIRD": "green"}


def incident_rows(store: Store) -> list[dict[str, Any]]:
    """Every incident with its details, as plain JSON-ready rows."""
    details = tables.incident_details(store)
    rows = []
    for incident in store.incidents():
        detail = details.get(incident.id, {})
        rows.append(
            {
                "incident_id": incident.id,
                "status": incident.status,
                "why": detail.get("why"),
                "summary": incident.summary,
                "event_ids": incident.event_ids,
                "sources": incident.sources,
                "independent_sources": detail.get("independent_sources"),
                "provenances": detail.get("provenances", []),
                "copies": detail.get("copies", []),
                "group": detail.get("group"),
                "location": detail.get("location"),
                "when": detail.get("when", {}),
                "sides": detail.get("sides", []),
                "claims": detail.get("claims", []),
            }
        )
    return rows


def _when_text(when: dict[str, Any]) -> str:
    if when.get("date_start"):
        start, end = when["date_start"], when["date_end"]
        return start if start == end else f"{start}..{end}"
    return f"[{when['relative']}]" if when.get("relative") else "unknown"


def _where_text(location: dict[str, Any] | None) -> str:
    if not location:
        return "—"
    name, admin1 = location.get("name"), location.get("admin1")
    return f"{name} ({admin1})" if admin1 and admin1 != name else str(name)


incidents_app = typer.Typer(
    help="Incidents: events grouped across articles (`incidents merge`, `incidents split`).",
)
app.add_typer(incidents_app, name="incidents")


@incidents_app.callback(invoke_without_command=True)
def incidents(
    ctx: typer.Context,
    db: DbOption = None,
    status: Annotated[
        str | None, typer.Option("--status", help="corroborated, claimed, contested, assessed.")
    ] = None,
    side: Annotated[
        str | None, typer.Option("--side", help="Incidents a side is party to or speaks in.")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="An fw_type or a group (front, strike, ...).")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="On or before YYYY-MM-DD.")] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Admin-1 region: a name, UA-63 or UA.")
    ] = None,
    q: Annotated[str | None, typer.Option("--q", help="Words of the incident's title.")] = None,
    min_events: Annotated[
        int, typer.Option("--min-events", help="Only incidents with this many events.")
    ] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="JSON rows instead of a table.")] = False,
) -> None:
    """Incidents: events grouped across articles, with their status and sources."""
    if ctx.invoked_subcommand:
        return
    from frontwatch.cli.query import build_filter

    flt = build_filter(side, type_, status, since, until, region, q, scope="incidents")
    store = open_existing_store(db)
    # The query layer filters and orders (by date); the rows carry the fusion details.
    kept = [r["id"] for r in query.incident_list(store, flt) if r["n_events"] >= min_events]
    by_id = {r["incident_id"]: r for r in incident_rows(store)}
    rows = [by_id[i] for i in kept if i in by_id]
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    table = Table(title=f"{len(rows)} incident(s)", expand=True)
    for name, kwargs in (
        ("status", {"no_wrap": True}),
        ("when", {"no_wrap": True}),
        ("where", {}),
        ("what", {}),
        ("events", {"justify": "right"}),
        ("sources", {"justify": "right"}),
        ("why", {}),
        ("id", {"no_wrap": True, "style": "dim"}),
    ):
        table.add_column(name, **kwargs)
    for r in rows:
        types = sorted({c["fw_type"] for c in r["claims"]})
        table.add_row(
            Text(r["status"], style=STATUS_STYLE.get(r["status"], "")),
            _when_text(r["when"]),
            escape(_where_text(r["location"])),
            escape(", ".join(types)),
            str(len(r["event_ids"])),
            f"{len(r['sources'])} ({r['independent_sources']} indep.)",
            escape(r["why"] or ""),
            r["incident_id"],
        )
    console.print(table)


def _claim_cell(claim: dict[str, Any], store: Store) -> Text:
    """One claim: who, what, the highlighted sentence and where it came from."""
    who = claim.get("claimant") or "the outlet"
    text = Text()
    text.append(who, style="bold")
    if claim.get("claimant_side"):
        text.append(f" [{claim['claimant_side']}]", style="dim")
    what = f"{claim['fw_type']} · {claim['status']}"
    if claim.get("favours"):
        what += f" · favours {claim['favours']}"
    text.append(f"\n{what}\n", style="italic")
    raw: str = claim["sentence"]
    shown = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    sentence = Text(f"“{shown}”")
    start, end = (t - claim["sentence_start"] - lead + 1 for t in claim["trigger"])
    if 0 < start < end <= len(shown) + 1:
        sentence.stylize("bold reverse", start, end)
    text.append_text(sentence)
    article = store.article(claim["article_id"])
    source = article.outlet or article.origin or Path(article.path).name if article else "?"
    note = f"\n— {source}"
    if claim.get("copy"):
        note += f" (copy of {claim['origin_article']})"
    if claim.get("unverified"):
        note += " · outlet could not verify"
    text.append(note, style="dim")
    for flag in claim.get("article_flags", []):
        text.append(f"\n⚠ suspect text: {flag}", style="yellow")
    return text


def print_incident(store: Store, incident: Incident) -> None:
    """The competing claims of an incident side by side, one column per side."""
    detail = tables.incident_details(store, [incident.id]).get(incident.id, {})
    claims: list[dict[str, Any]] = detail.get("claims", [])
    columns: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        bloc = side_bloc(claim.get("claimant_side")) or "UNKNOWN"
        columns.setdefault(bloc, []).append(claim)
    order = sorted(columns, key=lambda b: (b not in BLOC_STYLE, b))
    title = Text(f"incident {incident.id}: ")
    title.append(incident.status, style=STATUS_STYLE.get(incident.status, ""))
    console.print(title)
    console.print(
        f"{escape(detail.get('why', ''))} · {_where_text(detail.get('location'))} · "
        f"{_when_text(detail.get('when', {}))} · {len(incident.sources)} source article(s), "
        f"{detail.get('independent_sources', '?')} independent",
        highlight=False,
    )
    table = Table(expand=True, show_lines=True)
    for bloc in order:
        label = sides().get(bloc, {}).get("label", bloc)
        table.add_column(f"{bloc}: {label}", style=BLOC_STYLE.get(bloc, ""), ratio=1)
    depth = max((len(v) for v in columns.values()), default=0)
    for i in range(depth):
        table.add_row(
            *[_claim_cell(columns[b][i], store) if i < len(columns[b]) else Text() for b in order]
        )
    console.print(table)


def _entity_row(row: tables.EntityRow) -> dict[str, Any]:
    payload = row.payload or {}
    return {
        "entity_id": row.id,
        "kind": row.kind,
        "canonical": row.canonical,
        "side": row.side,
        "role": payload.get("role"),
        "mentions": row.mentions,
        "spellings": payload.get("spellings", {}),
        "articles": payload.get("articles", []),
        "matched_by": payload.get("matched_by"),
    }


@app.command()
def entities(
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help="person, org or place.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON rows instead of a table.")] = False,
) -> None:
    """Canonical people, bodies and places, with every spelling and how often each was seen."""
    if kind and kind.lower() not in KINDS:
        fail(f"unknown --kind {kind!r}; use one of {', '.join(KINDS)}")
    store = open_existing_store(db)
    rows = [_entity_row(r) for r in tables.entities(store, kind.lower() if kind else None)]
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    table = Table(title=f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}", expand=True)
    columns = ("canonical", "kind", "side", "role", "mentions", "spellings", "articles", "why")
    for name in columns:
        table.add_column(name, justify="right" if name in ("mentions", "articles") else "left")
    for r in rows:
        spellings = ", ".join(f"{name} ×{count}" for name, count in r["spellings"].items())
        table.add_row(
            escape(r["canonical"]),
            r["kind"],
            Text(r["side"] or "", style=BLOC_STYLE.get(side_bloc(r["side"]) or "", "")),
            escape(r["role"] or ""),
            str(r["mentions"]),
            escape(spellings),
            str(len(r["articles"])),
            escape(r["matched_by"] or ""),  # the rule that joined each spelling
        )
    console.print(table)


@app.command("bench-fuse")
def bench_fuse(
    corpus: Annotated[
        list[Path] | None,
        typer.Argument(help="Text files or folders whose words seed the generated articles."),
    ] = None,
    variants: Annotated[
        int, typer.Option("--variants", help="Generated articles for copy detection.")
    ] = 10_000,
    events: Annotated[
        str, typer.Option("--events", help="Comma-separated event counts for grouping.")
    ] = "2000,4000,8000,16000,32000",
    seed: Annotated[int, typer.Option("--seed")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Time near-duplicate detection and incident grouping on generated data."""
    from frontwatch.bench.fusion import BenchReport, bench_copies, bench_grouping, report_dict

    try:
        sizes = [int(n) for n in events.split(",") if n.strip()]
    except ValueError:
        fail(f"--events must be comma-separated numbers, got {events!r}")
    texts = _read_corpus(corpus or [])
    err_console.print(f"copy detection on {variants} generated articles ...", highlight=False)
    report = BenchReport(bench_copies(variants, texts, seed))
    err_console.print(f"incident grouping on {sizes} events ...", highlight=False)
    report.grouping = bench_grouping(sizes, seed)
    if as_json:
        json.dump(report_dict(report), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    c = report.copies
    console.print(
        f"copies: {c.variants} articles ({c.families} families) in {c.seconds} s wall, "
        f"{c.cpu_seconds} s CPU ({c.docs_per_second} articles/s); precision {c.precision}, "
        f"recall {c.recall}",
        highlight=False,
    )
    console.print(
        f"  lowest Jaccard kept by each edit: {c.jaccard_by_edit}; "
        f"highest between different stories: {c.highest_other}",
        highlight=False,
    )
    for g in report.grouping:
        console.print(
            f"grouping: {g.events:>6} events -> {g.incidents:>6} incidents in "
            f"{g.cpu_seconds} s CPU ({g.microseconds_per_event} µs/event; {g.seconds} s wall)",
            highlight=False,
        )


def _read_corpus(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for file in files:
            try:
                texts.append(file.read_text("utf-8", errors="replace"))
            except OSError as err:
                fail(f"{file}: cannot read ({err.strerror})")
    return texts
