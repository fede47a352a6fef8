"""`frontwatch gazetteer ...`: build and query the place index."""

from __future__ import annotations

from frontwatch.cli import gazetteer_app


@gazetteer_app.command("build")
def build() -> None:
    """Build the place index from the installed data packages (install step)."""
    # STUB: the places issue fills this in.
