"""Gazetteer: an on-disk index of places, looked up by folded name.

Contract (other stages rely on it):
- ``Gazetteer.open(path=None)`` opens the index (building it from the installed
  data packages first if it is missing);
- ``Gazetteer.lookup(name) -> list[Place]``: candidates for a name, best first;
- ``Gazetteer.get(place_id) -> Place | None``.

STUB: the places issue replaces this with the real index.
"""

from __future__ import annotations

from pathlib import Path

from frontwatch.models import Place


class Gazetteer:
    def __init__(self) -> None:
        self._by_id: dict[str, Place] = {}

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        return cls()

    def lookup(self, name: str) -> list[Place]:
        return []

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)
