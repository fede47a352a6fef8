"""Modules a reader holds: none over 600 lines, no function over 80 (migrations aside).

    .venv/bin/python scripts/sizecheck.py        # lists offenders; exit status 1 if any
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "frontwatch"
MAX_MODULE, MAX_FUNCTION = 600, 80


def offenders() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text("utf-8")
        rel = path.relative_to(ROOT.parents[1])
        if text.count("\n") > MAX_MODULE:
            found.append(f"{rel}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION:
                    found.append(f"{rel}:{node.lineno}: {node.name} is {length} lines")
    return found


if __name__ == "__main__":
    lines = offenders()
    print("\n".join(lines) or "sizes ok")
    sys.exit(1 if lines else 0)
