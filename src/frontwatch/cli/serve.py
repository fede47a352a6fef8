"""`frontwatch serve` (the API and the page) and `frontwatch report` (one HTML file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from frontwatch.cli import app
from frontwatch.cli.common import DbOption, err_console, fail
from frontwatch.cli.storage import existing_store_url


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the JSON API (/docs, /openapi.json) and the map page at http://HOST:PORT/.

    Read-only unless $FRONTWATCH_TOKEN is set: then POST /api/ingest accepts uploads
    that carry `Authorization: Bearer <token>`.
    """
    import uvicorn

    from frontwatch.serve import create_app
    from frontwatch.serve.api import TOKEN_ENV
    from frontwatch.store import StoreError

    url = existing_store_url(db)
    if not 0 < port < 65536:
        fail(f"--port must be between 1 and 65535, got {port}")
    # The Host check (serve/guard.py) takes loopback names; a host given here is its own
    # name too. Listening on every address, name the server in $FRONTWATCH_ALLOWED_HOSTS.
    named = [] if host in ("0.0.0.0", "::", "") else [host]
    try:
        web_app = create_app(url, hosts=named)
    except StoreError as exc:
        fail(str(exc))
    writes = "writes enabled (token set)" if web_app.state.token else f"read-only (no ${TOKEN_ENV})"
    err_console.print(f"frontwatch: {url} on http://{host}:{port}/ — {writes}", highlight=False)
    try:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


@app.command()
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "report.html"
    ),
    db: DbOption = None,
    title: Annotated[str, typer.Option("--title", help="Title of the report.")] = "frontwatch",
) -> None:
    """Write the map, timeline and incident list as one self-contained HTML file."""
    from frontwatch.cli.progress import counted
    from frontwatch.serve.report import ReportError, write_report
    from frontwatch.store import Store, StoreError

    def counter(total: int) -> Any:
        return counted(err_console, "report", total, "articles and events", least=1)

    url = existing_store_url(db)
    try:
        counts = write_report(Store(url), output, title=title, counter=counter)
    except (ReportError, StoreError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    err_console.print(
        f"{counts['events']} event(s), {counts['incidents']} incident(s), "
        f"{counts['articles']} article(s) -> {output}",
        highlight=False,
    )
