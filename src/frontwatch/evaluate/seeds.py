"""Scoring extracted events against a hand-annotated gold file (the seeds' format).

A gold event is *found* when an extracted event of the same article has a
compatible kind and the right side (compared by bloc: Russian-installed
authorities count with Russia), a date inside the gold window (the extracted
interval overlaps the window and does not end after it; for an undated article
the relative notation is compared the same way against an arbitrary anchor; an
event bounded only by its article date is right for no window),
and a place within the gold tolerance (not checked where the gold has no place).
The status is compared with the gold's ``fw_status`` code, never read from its
free-text description. Extracted events that are planned, conditional, background
or plain statements are not counted as spurious when they match nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontwatch.geo import haversine_km
from frontwatch.lexicons import load_toml, side_bloc, type_info
from frontwatch.resolve.timenotation import evaluate as evaluate_notation

# Anchor for comparing relative dates of an undated article (any date would do).
_ANCHOR = date(2000, 6, 15)
_GOLD_RELATIVE = {"today": "D", "yesterday": "D-1", "tomorrow": "D+1"}
NOT_SPURIOUS = frozenset({"planned", "conditional", "background"})
FIELDS = ("kind", "side", "date", "place", "source", "status")


@dataclass(slots=True)
class EventMatch:
    file: str
    gold: str
    event_id: str | None = None
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        """Found with the right kind, side, date and place (the skeleton's criterion)."""
        return self.event_id is not None and all(
            self.checks.get(k, False) for k in ("kind", "side", "date", "place")
        )

    @property
    def complete(self) -> bool:
        """Found, and the source and status are right too."""
        return self.found and self.checks.get("source", False) and self.checks.get("status", False)


@dataclass(slots=True)
class SeedScore:
    matches: list[EventMatch]
    spurious: list[dict[str, Any]]
    predicted: int

    @property
    def found(self) -> int:
        return sum(m.found for m in self.matches)

    @property
    def complete(self) -> int:
        return sum(m.complete for m in self.matches)

    def field_recall(self) -> dict[str, float]:
        total = len(self.matches) or 1
        return {f: sum(m.checks.get(f, False) for m in self.matches) / total for f in FIELDS}

    def summary(self) -> dict[str, Any]:
        gold = len(self.matches)
        precision = self.found / max(self.found + len(self.spurious), 1)
        recall = self.found / max(gold, 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "gold_events": gold,
            "found": self.found,
            "found_with_source_and_status": self.complete,
            "spurious": len(self.spurious),
            "predicted": self.predicted,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "field_recall": {k: round(v, 3) for k, v in self.field_recall().items()},
        }


def _kind_types(kind: str) -> set[str]:
    table: dict[str, list[str]] = load_toml("gold_kinds.toml")["kinds"]
    types: set[str] = set()
    for part in (p.strip() for p in kind.split("/")):
        types.update(table.get(part, [part.split(":")[-1].strip().replace(" ", "_")]))
    return types


def _window(gold: dict[str, Any]) -> tuple[date, date] | None:
    if gold.get("date_window"):
        start, end = gold["date_window"]
        return date.fromisoformat(start), date.fromisoformat(end)
    if gold.get("date"):
        day = date.fromisoformat(gold["date"])
        return day, day
    if gold.get("date_relative") in _GOLD_RELATIVE:
        interval = evaluate_notation(_GOLD_RELATIVE[gold["date_relative"]], _ANCHOR)
        if interval.start and interval.end:
            return interval.start, interval.end
    return None


def _row_interval(row: dict[str, Any]) -> tuple[date | None, date | None]:
    if row.get("date_start") or row.get("date_end"):
        start = date.fromisoformat(row["date_start"]) if row.get("date_start") else None
        end = date.fromisoformat(row["date_end"]) if row.get("date_end") else None
        return start, end
    if row.get("date_relative"):
        try:
            interval = evaluate_notation(row["date_relative"], _ANCHOR)
        except ValueError:
            return None, None
        return interval.start, interval.end
    return None, None


def date_right(gold: dict[str, Any], row: dict[str, Any]) -> bool:
    """The row's interval lies inside the gold window (overlapping it, not ending after
    it). A row bounded only by its article date (time basis ``reported_by``: no time of
    its own or of its statement) says when it was reported, not when it happened: it is
    right for no window."""
    window = _window(gold)
    if window is None:
        return True
    if row.get("time_basis") == "reported_by":
        return False
    start, end = _row_interval(row)
    if end is None and start is None:
        return False
    end = end or start
    start = start or end
    assert start is not None and end is not None
    return start <= window[1] and end >= window[0] and end <= window[1]


def place_right(gold: dict[str, Any], row: dict[str, Any], tolerance: float) -> bool:
    if gold.get("lat") is None:
        return True
    if row.get("latitude") is None:
        return False
    limit = float(gold.get("location_tolerance_km") or tolerance)
    return haversine_km(gold["lat"], gold["lon"], row["latitude"], row["longitude"]) <= limit


def side_right(gold: dict[str, Any], row: dict[str, Any]) -> bool:
    """The gold's actor is who does what its kind says ("Ukrainian forces repel attacks":
    the repeller). A type frontwatch codes attacker first (taxonomy ``attacker_first``:
    a repelled attack, an interception) has that doer, the defender, as actor2."""
    if not gold.get("actor_side"):
        return True
    doer = (
        "actor2_side" if type_info(str(row.get("fw_type"))).get("attacker_first") else "actor1_side"
    )
    return side_bloc(row.get(doer)) == side_bloc(gold["actor_side"])


def source_right(gold: dict[str, Any], row: dict[str, Any]) -> bool:
    """The gold source's words appear in the claimant (or the article itself is the source)."""
    source = str(gold.get("source", "")).lower()
    claimant = str(row.get("claimed_by") or "").lower()
    if source.startswith("the article"):
        return not claimant
    names = [w for w in claimant.replace("(", " ").split() if len(w) > 3]
    aliases = {"defense": "defence", "defence": "defense"}
    return bool(names) and all(w in source or aliases.get(w, "") in source for w in names[:3])


def status_right(gold: dict[str, Any], row: dict[str, Any]) -> bool:
    """The row's status is the gold's ``fw_status``: a models.Status value (or a list of
    them, for a speech act that is both a party's claim and a reported fact), annotated
    by hand beside the free-text ``status``."""
    wanted = gold["fw_status"]
    return str(row.get("status")) in (wanted if isinstance(wanted, list) else [wanted])


def score(gold: dict[str, Any], rows: list[dict[str, Any]]) -> SeedScore:
    """Score export rows (frontwatch.export.event_row) against the gold file."""
    tolerance = float(gold.get("tolerance_km", 161))
    by_file: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_file.setdefault(_basename(row.get("file") or ""), []).append(row)
    matches: list[EventMatch] = []
    used: set[str] = set()
    for document in gold["documents"]:
        candidates = by_file.get(document["file"], [])
        for gold_event in document.get("events", []):
            matches.append(_best_match(document["file"], gold_event, candidates, used, tolerance))
    spurious = [
        r
        for r in rows
        if r["event_id"] not in used
        and r["status"] not in NOT_SPURIOUS
        and r["fw_type"] != "statement"
    ]
    return SeedScore(matches, spurious, len(rows))


def _best_match(
    file: str,
    gold_event: dict[str, Any],
    candidates: list[dict[str, Any]],
    used: set[str],
    tolerance: float,
) -> EventMatch:
    kinds = _kind_types(gold_event["kind"])
    best = EventMatch(file, gold_event["what"])
    best_score = -1
    for row in candidates:
        if row["event_id"] in used or row["fw_type"] not in kinds:
            continue
        checks = {
            "kind": True,
            "side": side_right(gold_event, row),
            "date": date_right(gold_event, row),
            "place": place_right(gold_event, row, tolerance),
            "source": source_right(gold_event, row),
            "status": status_right(gold_event, row),
        }
        points = sum(checks.values()) + 3 * all(checks[k] for k in ("side", "date", "place"))
        if points > best_score:
            best, best_score = EventMatch(file, gold_event["what"], row["event_id"], checks), points
    if best.event_id:
        used.add(best.event_id)
    return best


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
