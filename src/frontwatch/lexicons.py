"""Loading of the data files (lexicons, taxonomies, mappings) shipped in frontwatch/data.

Every stage reads its rules through here, once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_toml(name: str) -> dict[str, Any]:
    """The parsed data file ``frontwatch/data/NAME``."""
    text = resources.files("frontwatch.data").joinpath(name).read_text("utf-8")
    return tomllib.loads(text)


def taxonomy() -> dict[str, dict[str, Any]]:
    """fw_type -> its entry in data/taxonomy.toml."""
    types: dict[str, dict[str, Any]] = load_toml("taxonomy.toml")["types"]
    return types


def fw_types_for(value: str) -> list[str]:
    """The fw_types a user's type means: an fw_type, a family or an ACLED event_type."""
    wanted = value.strip().lower()
    return [
        name
        for name, info in taxonomy().items()
        if wanted in (name, str(info["family"]).lower(), str(info["acled_event_type"]).lower())
    ]


def type_info(fw_type: str) -> dict[str, Any]:
    return taxonomy().get(fw_type, {})


def sides() -> dict[str, dict[str, Any]]:
    """Side code -> its entry in data/sides.toml."""
    entries: dict[str, dict[str, Any]] = load_toml("sides.toml")["sides"]
    return entries


def side_bloc(side: str | None) -> str | None:
    """The bloc a side belongs to (Russian-installed authorities count with Russia)."""
    if not side:
        return None
    return str(sides().get(side, {}).get("bloc", side))


def side_label(side: str) -> str:
    """A side's name for people ("Russia" for RU), from data/sides.toml."""
    return str(sides().get(side, {}).get("label", side)).split(" (")[0]
