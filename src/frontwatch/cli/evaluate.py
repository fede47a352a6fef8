"""`frontwatch eval ...`: evaluation commands over annotated corpora."""

from __future__ import annotations

from frontwatch.cli import eval_app  # noqa: F401

# --- geoparse (places issue) ---------------------------------------------------------------
from frontwatch.evaluate.geoparse_cli import geoparse  # noqa: E402

eval_app.command("geoparse")(geoparse)
