"""`frontwatch eval ...`: evaluation commands over annotated corpora."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
