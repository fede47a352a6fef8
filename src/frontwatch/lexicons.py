"""Loading of the data files (lexicons, taxonomies, mappings) shipped in frontwatch/data.

Every stage reads its rules through here, once per process: ``load_toml`` is the one
reader of TOML data files (``"places/context.toml"`` for one in a sub-folder), and the
tables more than one stage needs (taxonomy, sides, outlets) are served from here.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from frontwatch.models import ActorKind


@cache
def load_toml(name: str) -> dict[str, Any]:
    """The parsed data file ``frontwatch/data/NAME`` (NAME may name a sub-folder)."""
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


def warring(side: str | None) -> bool:
    """Whether a side belongs to one of the two warring blocs (not a third party, not unknown)."""
    return side_bloc(side) in ("UA", "RU")


@dataclass(frozen=True, slots=True)
class Outlets:
    """data/outlets.toml: the one table of news outlets and wire services."""

    by_spelling: dict[str, str]  # lower-case spelling -> canonical name
    wires: dict[str, str]  # every spelling of a wire service -> its canonical name
    news_words: frozenset[str]

    def wire_alternation(self) -> str:
        """A regular-expression alternation of the wire spellings, longest first."""
        return "|".join(re.escape(s) for s in sorted(self.wires, key=len, reverse=True))


@cache
def outlets() -> Outlets:
    """The outlet table, read once."""
    by_spelling: dict[str, str] = {}
    wires: dict[str, str] = {}
    news_words: set[str] = set()
    for entry in load_toml("outlets.toml").values():
        for spelling in entry.get("spellings", []):
            by_spelling[spelling.lower()] = entry["name"]
            if entry.get("wire"):
                wires[spelling] = entry["name"]
        news_words.update(w.lower() for w in entry.get("news_words", []))
    return Outlets(by_spelling, wires, frozenset(news_words))


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of data/actors.toml, the one actor table."""

    name: str  # canonical name
    kind: ActorKind
    side: str
    role: str | None
    aliases: tuple[str, ...]
    general: bool = False  # speaks for a whole side ("Moscow", "Kyiv")
    source: str = ""


@cache
def actor_table() -> tuple[ActorEntry, ...]:
    """The known actors, in file order, read once (for extraction and fusion alike)."""
    return tuple(
        ActorEntry(
            name=a["name"],
            kind=ActorKind(a["kind"]),
            side=a["side"],
            role=a.get("role"),
            aliases=tuple(a["aliases"]),
            general=bool(a.get("general", False)),
            source=a.get("source", ""),
        )
        for a in load_toml("actors.toml")["actor"]
    )


def actor_matching() -> dict[str, Any]:
    """How names of actors are compared (data/actors.toml [matching])."""
    matching: dict[str, Any] = load_toml("actors.toml")["matching"]
    return matching


def general_actors() -> frozenset[str]:
    """Canonical names of the actors that speak for a whole side."""
    return frozenset(a.name for a in actor_table() if a.general)


def side_label(side: str) -> str:
    """A side's name for people ("Russia" for RU), from data/sides.toml."""
    return str(sides().get(side, {}).get("label", side)).split(" (")[0]
