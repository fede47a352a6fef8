"""Helpers shared by the command modules: options, dates, consoles, clean exits."""

from __future__ import annotations

from datetime import date
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from frontwatch.models import implausible_date

# Text from files and users (names such as "x:100:.jsonl", words in brackets) is printed
# as it is: no emoji codes, and markup only where a message escapes what it quotes.
console = Console(emoji=False)
err_console = Console(stderr=True, soft_wrap=True, emoji=False)  # one line: never wrapped

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a SQLite path or a SQLAlchemy URL [env: FRONTWATCH_DB]."),
]


def fail(message: str, code: int = 2) -> NoReturn:
    """One clear line on stderr and a non-zero exit; never a traceback."""
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, markup=True)
    raise typer.Exit(code)


def parse_date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{name} must be a date as YYYY-MM-DD, got {value!r}")


def parse_publication_date(value: str | None, name: str) -> date | None:
    """A publication date given by the user, refused when out of range (``implausible_date``)."""
    found = parse_date_option(value, name)
    implausible = implausible_date(found) if found else None
    if implausible:
        fail(f"{name}: {implausible}")
    return found
