"""Serve: the HTTP API, the analyst's page (map, timeline, evidence) and the static report."""

from __future__ import annotations

from frontwatch.serve.api import create_app

__all__ = ["create_app"]
