"""The page served by `frontwatch serve` is a build of web/ committed under
serve/static (so installing needs no npm): these tests fail when web/src or the
locked packages change and `npm run build` was not run again."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "src" / "frontwatch" / "serve" / "static"


def _recorded() -> dict[str, str]:
    lines = (STATIC / "SOURCES.sha256").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


def test_the_build_records_every_source_file() -> None:
    sources = {f"web/src/{p.name}" for p in (ROOT / "web" / "src").iterdir() if p.is_file()}
    assert sources | {"web/package-lock.json"} == set(_recorded())


def test_the_build_is_of_the_current_sources() -> None:
    stale = [
        name
        for name, digest in _recorded().items()
        if hashlib.sha256((ROOT / name).read_bytes()).hexdigest() != digest
    ]
    assert not stale, f"changed since the last build (cd web && npm ci && npm run build): {stale}"


def test_the_served_page_is_the_source_page() -> None:
    assert (STATIC / "index.html").read_bytes() == (
        ROOT / "web" / "src" / "index.html"
    ).read_bytes()
