"""`frontwatch eval ...`: evaluation commands over annotated corpora."""

from __future__ import annotations

from frontwatch.cli import eval_app  # noqa: F401
