"""The `frontwatch eval geoparse` command (registered in frontwatch.cli.evaluate)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from spacy.tokens import Doc


def geoparse(
    corpora: Annotated[list[Path], typer.Argument(help="GeoWebNews / LGL / GeoVirus XML.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="First N articles only (0: all).")] = 0,
    batch_size: Annotated[int, typer.Option("--batch-size", help="nlp.pipe batch.")] = 16,
) -> None:
    """Geotagging P/R/F1 and geocoding Accuracy@161 km, errors and AUC, per corpus."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    from rich.table import Table

    from frontwatch.annotate import load_nlp
    from frontwatch.evaluate import geoparse as gp
    from frontwatch.resolve.gazetteer import Gazetteer
    from frontwatch.resolve.places import resolve_places

    console = Console(stderr=True)
    missing = [str(p) for p in corpora if not p.is_file()]
    if missing:
        console.print(f"[red]error:[/red] no such file: {', '.join(missing)}")
        raise typer.Exit(2)
    nlp, gaz = load_nlp(), Gazetteer.open()
    results = []

    def parse(texts: Iterable[str]) -> Iterator[Doc]:
        return nlp.pipe(texts, batch_size=batch_size)

    columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=as_json) as progress:
        for path in corpora:
            total = gp.count_documents(path)
            task = progress.add_task(path.stem, total=min(total, limit) if limit else total)
            results.append(
                gp.evaluate_corpus(
                    path,
                    gaz,
                    parse,
                    resolve_places,
                    limit=limit or None,
                    advance=partial(progress.advance, task),
                )  # fmt: skip
            )
    if as_json:
        print(json.dumps([r.as_dict() for r in results], indent=2))
        return
    table = Table(title="Geoparsing (metrics of Gritta et al. 2019), one column per corpus")
    table.add_column("metric")
    for r in results:
        table.add_column(r.corpus, justify="right")
    rows: list[tuple[str, str]] = [
        ("documents", "{documents}"), ("gold toponyms", "{gold}"), ("predicted", "{predicted}"),
        ("P exact", "{exact_p:.3f}"), ("R exact", "{exact_r:.3f}"), ("F1 exact", "{exact_f1:.3f}"),
        ("P overlap", "{overlap_p:.3f}"), ("R overlap", "{overlap_r:.3f}"),
        ("F1 overlap", "{overlap_f1:.3f}"), ("geocoded (found)", "{geocoded}"),
        ("Accuracy@161 km", "{acc161:.3f}"), ("mean error km", "{mean_km:.0f}"),
        ("median error km", "{median_km:.1f}"), ("AUC (lower is better)", "{auc:.3f}"),
        ("Acc@161 name-only baseline", "{baseline_acc161:.3f}"),
        ("Acc@161 or same entity", "{same_id_acc161:.3f}"),
    ]  # fmt: skip
    for label, fmt in rows:
        table.add_row(label, *(fmt.format(**r.as_dict()) for r in results))
    Console().print(table)
