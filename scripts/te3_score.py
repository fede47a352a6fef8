#!/usr/bin/env python3
"""Score a folder of system TimeML against a folder of gold TimeML, TempEval-3 style.

    python scripts/te3_score.py GOLD_DIR SYSTEM_DIR [--json]

Written apart from frontwatch (standard library only, nothing imported from
``src/``) so that it can check ``frontwatch eval time``'s figures on the files
``frontwatch timeml`` writes. It follows TempEval-3 Task A (UzZaman et al. 2013,
section 4.1, and its ``TE3-evaluation.py``) rather than frontwatch's scorer:

- the files are paired by name (a gold ``X.tml`` or TIMEX2 ``X.key.xml`` with a
  system ``X.tml``); the text of ``<TEXT>`` with its tags stripped must be the
  same in both, else the pair is reported and the script exits 1, as
  ``TE3-evaluation.py`` does;
- expressions are the TIMEX3 (gold TIMEX2: the outermost, ``val`` as value)
  inside ``<TEXT>``; the creation time (tid ``t0`` / ``CREATION_TIME``) is not
  one;
- extents are token sets (tokens: runs of letters and digits, and each other
  non-space character); strict: a system expression has the same token set as
  the gold one; relaxed: they share a token. Recall counts gold expressions
  matched, precision system expressions matched; nothing is one-to-one;
- value and type: for each relaxed-matched gold expression, the first system
  expression overlapping it has the same string (exactly, case included);
  attribute F1 = (matches / relaxed-matched gold) x relaxed F1, as
  ``TE3-evaluation.py`` computes it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

TOKEN = re.compile(r"\w+|[^\w\s]")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read(path: Path) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The TEXT's characters and its expressions (start, end, type, value)."""
    root = ElementTree.parse(path).getroot()
    text_el = next(el for el in root.iter() if local(el.tag) == "TEXT")
    parts: list[str] = []
    found: list[tuple[int, int, str, str]] = []

    def walk(el: ElementTree.Element, inside: bool) -> None:
        start = sum(map(len, parts))
        tag = local(el.tag)
        timex = tag in ("TIMEX3", "TIMEX2") and not inside
        timex = timex and el.get("functionInDocument") != "CREATION_TIME"
        parts.append(el.text or "")
        for child in el:
            walk(child, inside or timex)
            parts.append(child.tail or "")
        if timex:
            value = el.get("value", el.get("val", ""))
            found.append((start, sum(map(len, parts)), el.get("type", ""), value))

    walk(text_el, False)
    return "".join(parts), found


def tokens_of(text: str, spans: list[tuple[int, int, str, str]]) -> list[frozenset[int]]:
    bounds = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    return [
        frozenset(i for i, (a, b) in enumerate(bounds) if a < end and start < b)
        for start, end, _, _ in spans
    ]


def system_name(gold: Path) -> str:
    name = gold.name
    return name[: -len(".key.xml")] + ".tml" if name.endswith(".key.xml") else name


def score(gold_dir: Path, system_dir: Path) -> dict[str, float | int]:
    c = dict.fromkeys(
        (
            "files",
            "gold",
            "system",
            "strict_r",
            "relaxed_r",
            "strict_p",
            "relaxed_p",
            "value",
            "type",
        ),
        0,
    )
    golds = sorted(p for p in gold_dir.rglob("*") if p.name.endswith((".tml", ".key.xml")))
    for gold_path in golds:
        system_path = system_dir / system_name(gold_path)
        if not system_path.is_file():
            sys.exit(f"{system_path}: missing (gold {gold_path})")
        gold_text, gold = read(gold_path)
        system_text, system = read(system_path)
        if gold_text != system_text:
            sys.exit(f"TEXTS NOT SAME for {system_path} against {gold_path}")
        g_tokens, s_tokens = tokens_of(gold_text, gold), tokens_of(system_text, system)
        c["files"] += 1
        c["gold"] += len(gold)
        c["system"] += len(system)
        for g, (_, _, g_type, g_value) in zip(g_tokens, gold, strict=True):
            overlapping = [i for i, s in enumerate(s_tokens) if g & s]
            if not overlapping:
                continue
            c["relaxed_r"] += 1
            c["strict_r"] += any(s_tokens[i] == g for i in overlapping)
            _, _, s_type, s_value = system[overlapping[0]]
            c["value"] += s_value == g_value
            c["type"] += s_type == g_type
        for s in s_tokens:
            c["relaxed_p"] += any(g & s for g in g_tokens)
            c["strict_p"] += any(g == s for g in g_tokens)
    return figures(c)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def figures(c: dict[str, int]) -> dict[str, float | int]:
    out: dict[str, float | int] = {"files": c["files"], "gold": c["gold"], "system": c["system"]}
    for kind in ("strict", "relaxed"):
        p = c[f"{kind}_p"] / c["system"] if c["system"] else 0.0
        r = c[f"{kind}_r"] / c["gold"] if c["gold"] else 0.0
        out |= {f"{kind}_precision": p, f"{kind}_recall": r, f"{kind}_f1": f1(p, r)}
    matched = c["relaxed_r"]
    for attribute in ("value", "type"):
        accuracy = c[attribute] / matched if matched else 0.0
        out |= {
            f"{attribute}_accuracy": accuracy,
            f"{attribute}_f1": accuracy * float(out["relaxed_f1"]),
        }
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("system", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = score(args.gold, args.system)
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:18} {value}")


if __name__ == "__main__":
    main()
