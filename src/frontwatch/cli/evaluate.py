"""`frontwatch eval ...`: evaluation commands over annotated corpora."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from frontwatch.cli import eval_app  # noqa: F401


@eval_app.command("seeds")
def eval_seeds(
    gold: Annotated[Path, typer.Argument(help="Gold file in the seeds' format (JSON).")],
    articles: Annotated[
        list[Path], typer.Argument(help="The articles it annotates (files/folders).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score events extracted from ARTICLES against a hand-annotated GOLD file."""
    import json
    import tempfile

    from rich.table import Table

    from frontwatch.cli.common import console, fail
    from frontwatch.evaluate.seeds import FIELDS, score
    from frontwatch.export import event_row
    from frontwatch.pipeline import ingest
    from frontwatch.store import Store

    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        fail(f"{gold}: cannot read the gold file ({exc})")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "eval.db"))
        ingest([str(a) for a in articles], store)
        articles_by_id = {a.id: a for a in store.articles()}
        rows = [event_row(e, articles_by_id.get(e.article_id)) for e in store.events()]
        store.close()
    result = score(gold_data, rows)
    summary = result.summary()
    if as_json:
        summary["events"] = [
            {"file": m.file, "gold": m.gold, "event_id": m.event_id, "checks": m.checks}
            for m in result.matches
        ]
        summary["spurious_events"] = [
            {k: r[k] for k in ("file", "fw_type", "status", "evidence")} for r in result.spurious
        ]
        print(json.dumps(summary, indent=1, ensure_ascii=False))
        return
    table = Table(title="gold events")
    for column in ("file", "gold event", *FIELDS, "found"):
        table.add_column(column)
    for m in result.matches:
        marks = ["✓" if m.checks.get(f) else "✗" for f in FIELDS]
        table.add_row(m.file[:12], m.gold[:60], *marks, "yes" if m.found else "no")
    console.print(table)
    for row in result.spurious:
        console.print(
            f"spurious: {row['fw_type']} ({row['status']}) in {row['file']}: "
            f"{(row['evidence'] or '')[:90]}",
            highlight=False,
        )
    console.print(summary, highlight=False)


# --- `frontwatch eval time` (the time issue) ------------------------------------------

TIME_CORPUS_HELP = (
    "TimeML / TempEval-3 .tml files, TIMEX2 .key.xml files (WikiWars), or folders holding them."
)


@eval_app.command("time")
def eval_time(
    corpus: Annotated[
        list[Path],
        typer.Argument(help=TIME_CORPUS_HELP),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[
        int, typer.Option("--errors", help="Also show this many misses and wrong values.")
    ] = 0,
) -> None:
    """Recognition P/R/F1 (strict, relaxed) and value accuracy of the time stage.

    .tml files: TimeML / TempEval-3; .key.xml: TIMEX2 (WikiWars). A .jsonl file:
    UCDP GED events with their headlines (data/eval events/): headline-level
    event-date accuracy.
    """
    import json

    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from frontwatch.evaluate.timeml import evaluate_corpus, timeml_files

    err = Console(stderr=True)
    headline_files = [p for p in corpus if p.suffix == ".jsonl" and p.is_file()]
    if headline_files:
        _eval_headline_dates(headline_files, as_json, errors, err)
        corpus = [p for p in corpus if p not in headline_files]
        if not corpus:
            return
    files = timeml_files(corpus)
    missing = [p for p in files if not p.is_file()]
    if missing or not files:
        err.print(f"no TimeML files at: {', '.join(map(str, missing or corpus))}")
        raise typer.Exit(2)
    with Progress(console=err, transient=True, disable=as_json) as progress:
        task = progress.add_task("scoring", total=len(files))
        scores, problems = evaluate_corpus(files, on_file=lambda _p: progress.advance(task))
    for problem in problems:
        err.print(f"warning: {problem}", highlight=False, soft_wrap=True, markup=False)
    if scores.documents == 0:
        err.print("no annotated document could be read", highlight=False)
        raise typer.Exit(2)
    result = scores.as_dict()
    if as_json:
        payload = {**result, "unreadable": problems, "errors": scores.errors[:errors]}
        typer.echo(json.dumps(payload, indent=2))
        return
    table = Table(title=f"time: {result['documents']} documents, {result['gold']} gold expressions")
    for column in ("", "precision", "recall", "F1"):
        table.add_column(column)
    for name in ("strict", "relaxed", "value"):
        table.add_row(
            name,
            f"{result[f'{name}_precision']:.3f}",
            f"{result[f'{name}_recall']:.3f}",
            f"{result[f'{name}_f1']:.3f}",
        )
    console = Console()
    console.print(table)
    console.print(f"value accuracy on relaxed matches: {result['value_accuracy']:.3f}")
    for row in scores.errors[:errors]:
        console.print(
            f"{row['kind']:8} {row['text']!r} gold={row['gold']} ours={row['ours']}",
            highlight=False,
        )


def _eval_headline_dates(paths: list[Path], as_json: bool, errors: int, err: object) -> None:
    """`eval time` on UCDP GED JSONL files: one result per file, never pooled."""
    import json
    from functools import partial

    from rich.console import Console
    from rich.progress import Progress

    from frontwatch.evaluate.timeml import evaluate_ucdp_dates

    assert isinstance(err, Console)
    for path in paths:
        with Progress(console=err, transient=True, disable=as_json) as progress:
            task = progress.add_task(f"headlines in {path.name}", total=None)
            scores = evaluate_ucdp_dates(path, on_item=partial(progress.advance, task))
        result = {"corpus": str(path), **scores.as_dict(), "errors": scores.errors[:errors]}
        if as_json:
            typer.echo(json.dumps(result, indent=2))
            continue
        console = Console()
        console.print(f"[bold]{path.name}[/bold]: {result['headlines']} headlines")
        for key, value in result.items():
            if key not in ("corpus", "errors", "headlines"):
                console.print(f"  {key}: {value}", highlight=False)
        for row in scores.errors[:errors]:
            console.print(f"  {row}", highlight=False, markup=False)


# --- geoparse (places issue) ---------------------------------------------------------------
from frontwatch.evaluate.geoparse_cli import geoparse  # noqa: E402

eval_app.command("geoparse")(geoparse)


# --- events against UCDP GED headlines (the events issue) --------------------------------


@eval_app.command("events")
def eval_events(
    corpus: Annotated[Path, typer.Argument(help="UCDP GED JSON Lines with headlines and gold.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only the first N headlines.")
    ] = None,
) -> None:
    """Headline-level accuracy of place, date, attacker side and fatalities."""
    import json

    from rich.progress import Progress

    from frontwatch.cli.common import console, fail
    from frontwatch.evaluate.events import evaluate_events

    if not corpus.is_file():
        fail(f"{corpus}: no such file")
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("headlines", total=limit)
        try:
            scores = evaluate_events(corpus, lambda: progress.advance(task), limit)
        except (ValueError, KeyError) as exc:
            fail(f"{corpus}: not a UCDP headline corpus ({exc})")
    result = scores.as_dict()
    if as_json:
        print(json.dumps({**result, "misses": scores.examples[:50]}, indent=1, ensure_ascii=False))
        return
    _print_scores(f"UCDP headlines: {corpus.name}", result)


# --- places against gold points (the places issue) ---------------------------------------


@eval_app.command("places")
def eval_places(
    corpus: Annotated[
        Path, typer.Argument(help="JSON Lines: text, date (optional), lat, lon per line.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N texts.")] = None,
) -> None:
    """Share of texts placed within 25 km of their gold point, and the median error."""
    import json

    from rich.progress import Progress

    from frontwatch.cli.common import console, fail
    from frontwatch.evaluate.places import evaluate_places

    if not corpus.is_file():
        fail(f"{corpus}: no such file")
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("texts", total=limit)
        try:
            scores = evaluate_places(corpus, lambda: progress.advance(task), limit)
        except ValueError as exc:
            fail(f"{corpus}: not a places corpus ({exc})")
    result = scores.as_dict()
    if as_json:
        print(json.dumps({**result, "misses": scores.misses}, indent=1, ensure_ascii=False))
        return
    _print_scores(f"places: {corpus.name}", result)


@eval_app.command("precision")
def eval_precision(
    corpus: Annotated[Path, typer.Argument(help="GeoVirus / LGL / GeoWebNews XML.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N articles.")] = None,
    sample: Annotated[
        int, typer.Option("--sample", help="With --json, also list this many events.")
    ] = 0,
) -> None:
    """Events per article (violent ones apart) on a corpus of news: precision of the
    relevance gate and the triggers on text with little or no war."""
    import json

    from frontwatch.cli.common import fail
    from frontwatch.evaluate.events import evaluate_precision

    if not corpus.is_file():
        fail(f"{corpus}: no such file")
    try:
        scores = evaluate_precision(corpus, limit)
    except (ValueError, KeyError, SyntaxError) as exc:
        fail(f"{corpus}: not a geoparsing corpus ({exc})")
    result = scores.as_dict()
    if as_json:
        print(
            json.dumps({**result, "sample": scores.sample[:sample]}, indent=1, ensure_ascii=False)
        )
        return
    _print_scores(f"events per article: {corpus.name}", result)


def _print_scores(title: str, result: Mapping[str, Any]) -> None:
    """A two-column table of an evaluation's measures."""
    from rich.table import Table

    from frontwatch.cli.common import console

    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in result.items():
        table.add_row(key, str(value))
    console.print(table)
