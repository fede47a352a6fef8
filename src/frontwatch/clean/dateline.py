"""Datelines and dates stated in the text itself.

Contract: ``parse_dateline(text) -> Dateline | None`` finds a dateline at the
start of an article's text ("IZIUM, Ukraine -", "KYIV, Sept 20 (Reuters) -",
"[Central News Agency]"), with its place, outlet and date where it carries one.

STUB: the time issue replaces this.
"""

from __future__ import annotations

from frontwatch.models import Dateline


def parse_dateline(text: str) -> Dateline | None:
    return None
