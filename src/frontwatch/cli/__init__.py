"""The `frontwatch` command: one module per area registers its commands here."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="frontwatch",
    help="Sourced, dated, geocoded events from war reporting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from frontwatch import __version__

        typer.echo(f"frontwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Sourced, dated, geocoded events from war reporting."""


eval_app = typer.Typer(help="Measure quality on annotated corpora.", no_args_is_help=True)
gazetteer_app = typer.Typer(help="Build and query the place index.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")

# Importing a module registers its commands on the apps above.
from frontwatch.cli import (  # noqa: E402,F401
    batch,
    evaluate,
    fuse,
    gazetteer,
    ingest,
    live,
    query,
    review,
    serve,
    storage,
    timeml,
)

__all__ = ["app"]
