"""Fuse: across articles — copies, canonical entities, incidents.

``fuse_store(store)`` recomputes incidents over everything stored.
"""

from __future__ import annotations

from frontwatch.store import Store


def fuse_store(store: Store) -> int:
    """Group stored events into incidents; the number of incidents. (First version: none.)"""
    return 0
