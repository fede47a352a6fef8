"""`frontwatch report`: the page as one self-contained HTML file (data, script, styles inlined).

The same built page as `frontwatch serve`, with the store's snapshot (events, incidents,
articles with their spans) and the base layer embedded as JSON, so the file opens from
disk with no server and no network.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frontwatch.serve.api import static_dir
from frontwatch.serve.labels import labels_payload
from frontwatch.serve.views import snapshot
from frontwatch.store import Store

STYLE_LINK = '<link rel="stylesheet" href="/static/app.css">'
SCRIPT_TAG = '<script src="/static/app.js"></script>'
DATA_SLOT = "<!--FRONTWATCH_DATA-->"
HEAD_SLOT = "<!--FRONTWATCH_HEAD-->"


class ReportError(Exception):
    """The built page is missing or not as this module expects."""


def json_for_script(value: Any) -> str:
    """JSON that cannot end its <script> element early: '<', '>' and '&' as escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(name: str) -> str:
    path = static_dir() / name
    if not path.is_file():
        raise ReportError(f"{path}: missing; rebuild the page with `npm run build` in web/")
    return path.read_text("utf-8")


def render_report(data: dict[str, Any], basemap: str, title: str = "frontwatch") -> str:
    page = _asset("index.html")
    script, style = _asset("app.js"), _asset("app.css")
    for slot in (STYLE_LINK, SCRIPT_TAG, DATA_SLOT, HEAD_SLOT):
        if slot not in page:
            raise ReportError(f"index.html has no {slot!r}; rebuild the page")
    if "</script" in script.lower() or "</style" in style.lower():
        raise ReportError("the built script or style contains a closing tag; cannot inline it")
    embedded = (
        f'<script type="application/json" id="frontwatch-data">{json_for_script(data)}</script>\n'
        f'<script type="application/json" id="frontwatch-basemap">{basemap}</script>'
    )
    # Only the inlined app script may run (by its hash), nothing may be fetched or sent.
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    policy = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
        "img-src data: blob:; base-uri 'none'; form-action 'none'"
    )
    head = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f'<meta name="generator" content="frontwatch report">\n<style>{style}</style>'
    )
    # str.replace, not a template engine: the inlined texts are never interpreted.
    page = page.replace("<title>frontwatch</title>", f"<title>{html.escape(title)}</title>")
    page = page.replace(STYLE_LINK, "").replace(HEAD_SLOT, head)
    page = page.replace("<body>", '<body class="report">', 1)
    page = page.replace(DATA_SLOT, embedded).replace(SCRIPT_TAG, f"<script>{script}</script>")
    return page


def write_report(
    store: Store,
    output: Path,
    title: str = "frontwatch",
    counter: Callable[[int], Any] | None = None,
) -> dict[str, int]:
    """Write the report; the counts of what it holds (``counter``: see ``snapshot``)."""
    data = snapshot(store, counter)
    shapes = json.loads(_asset("basemap.json"))
    basemap = json_for_script(shapes | {"labels": labels_payload()})
    output.write_text(render_report(data, basemap, title), encoding="utf-8")
    return {
        "events": len(data["events"]),
        "incidents": len(data["incidents"]),
        "articles": len(data["articles"]),
    }
