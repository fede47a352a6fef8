"""`frontwatch ingest` and `frontwatch redate`: putting articles into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontwatch.cli import app
from frontwatch.cli.common import DbOption, err_console, fail, parse_publication_date
from frontwatch.cli.progress import counted
from frontwatch.cli.storage import open_store
from frontwatch.models import DateSource, ProcessedArticle, ReadProblem
from frontwatch.read import count_documents


@app.command()
def ingest(
    articles: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive) or '-' for stdin.")
    ],
    db: DbOption = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date for articles that state none.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Processes for the language model.")
    ] = 1,
) -> None:
    """Read articles, extract their events and store them (re-ingesting changes nothing)."""
    from frontwatch.pipeline import Pipeline
    from frontwatch.pipeline import ingest as run_ingest

    user_date = parse_publication_date(date, "--date")
    missing = [a for a in articles if a != "-" and not Path(a).exists()]
    for name in missing:
        err_console.print(f"error: {name}: no such file or folder", highlight=False, markup=False)
    present = [a for a in articles if a not in missing]
    if not present:
        raise typer.Exit(1)
    store = open_store(db)  # one line, not a traceback, when it cannot be opened
    total = count_documents(present)  # articles, not files: the bar's total from the start

    def show_problem(problem: ReadProblem) -> None:
        err_console.print(str(problem), highlight=False, markup=False)

    with counted(err_console, "ingest", total, "articles", least=20) as progress:
        report = run_ingest(
            present,
            store,
            user_date=user_date,
            pipeline=Pipeline(),
            on_problem=show_problem,
            on_progress=progress.advance,
            n_process=jobs,
        )
    err_console.print(
        f"{report.stored} new article(s) stored, {report.already} already present, "
        f"{report.events} event(s) extracted, {report.errors + len(missing)} file problem(s) "
        f"-> {store.url}",
        highlight=False,
    )
    if report.errors or missing:
        raise typer.Exit(1)


@app.command()
def redate(
    article: Annotated[
        str, typer.Argument(help="An article id, or the path it was ingested from.")
    ],
    new_date: Annotated[str, typer.Argument(metavar="DATE", help="Publication date, YYYY-MM-DD.")],
    db: DbOption = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Re-date every article of the path without asking.")
    ] = False,
) -> None:
    """Set an article's publication date and re-resolve every relative date in it.

    A path that holds several articles (a JSON Lines file, a feed) re-dates them all
    only with --all or after a yes at the prompt; `frontwatch articles` lists the ids.
    """
    from frontwatch.fuse import fuse_store, mark_pending
    from frontwatch.pipeline import Pipeline
    from frontwatch.store import EventFilter
    from frontwatch.store.review import forget_states

    published = parse_publication_date(new_date, "DATE")
    store = open_store(db)  # one line, not a traceback, when it cannot be opened
    ids = [article] if store.article(article) else store.article_ids_for_path(article)
    if not ids:
        ids = store.article_ids_for_path(str(Path(article)))
    if not ids:
        fail(f"no stored article with id or path {article!r}")
    if len(ids) > 1 and not all_:
        _confirm_many(article, len(ids))
    pipeline = Pipeline()
    for article_id in ids:
        stored = store.article(article_id)
        assert stored is not None
        stored.published, stored.date_source = published, DateSource.USER
        processed: ProcessedArticle = next(pipeline.process([stored]))
        mark_pending(store)
        old = store.events(EventFilter(article_id=article_id, include_rejected=True))
        store.replace_article(processed)
        forget_states(store, [ev.id for ev in old])  # fresh machine rows; reviews replay
        err_console.print(
            f"{article_id}: dated {published}; {len(processed.events)} event(s) re-resolved",
            highlight=False,
        )
    fuse_store(store)


def _confirm_many(path: str, count: int) -> None:
    """Ask before re-dating every article of a path (never silently; --all skips this)."""
    import sys

    question = f"{path} holds {count} articles; re-date all of them?"
    if not sys.stdin.isatty():
        fail(
            f"{path} holds {count} articles: pass --all to re-date them all, or give one "
            "article id (see `frontwatch articles`)"
        )
    if not typer.confirm(question, default=False):
        fail("nothing re-dated", code=1)
