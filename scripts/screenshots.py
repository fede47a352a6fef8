"""The screenshots in docs/, taken in Debian's Chromium over a database:

    .venv/bin/python scripts/screenshots.py demo/out/frontwatch.db docs
    (or `make screenshots`, which makes the demo database first)

Writes OUT/screenshot.png (the page with the contested incident that has the most
reports open: claims side by side) and OUT/screenshot-map.png (the list view: the
map with its town and oblast names, the timeline, the incident list).
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import uvicorn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from frontwatch import query  # noqa: E402
from frontwatch.serve import create_app  # noqa: E402
from frontwatch.store import Store  # noqa: E402
from test_browser import CHROMIUM_ARGS, ensure_chromium  # noqa: E402


def main(db: str, out: Path) -> None:
    store = Store(db)
    incidents = query.incident_list(
        store, query.parse_filters(status="contested", scope="incidents")
    )
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store=store, token=""), host="127.0.0.1", port=0, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(ensure_chromium()), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector("body[data-ready='1']", timeout=30000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "screenshot-map.png"))
        if incidents:
            busiest = max(incidents, key=lambda r: r["n_events"])
            page.goto(f"http://127.0.0.1:{port}/#incident/{busiest['id']}")
            page.locator(".incident-view").wait_for()
            page.wait_for_timeout(1200)
            page.screenshot(path=str(out / "screenshot.png"))
        browser.close()
    server.should_exit = True
    thread.join(timeout=10)
    print(f"screenshots of {db} in {out}/")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: screenshots.py DATABASE OUT_DIR")
    main(sys.argv[1], Path(sys.argv[2]))
