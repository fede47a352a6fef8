"""Progress with a total, for every long command (ingest, batch, load, export).

On a terminal: a rich bar with the count and the time left. Elsewhere (a log, a pipe,
a test): plain lines on stderr, the first with the total before any work is done
("ingest: 0/1200 articles"), then one each tenth of the way (but not within ``every``
seconds of the last line, so a run of a second says its total and its end, not ten
steps) and one at the end, so a log says how far a long run got.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class Counted:
    """``with Counted(console, "ingest", total, "articles") as c: c.advance(n)``."""

    def __init__(
        self,
        console: Console,
        label: str,
        total: int,
        unit: str,
        every: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console, self.label, self.total, self.unit = console, label, total, unit
        self.every, self.clock = every, clock
        self.done = 0
        self._next = 0
        self._printed = -1
        self._printed_at = 0.0
        self._bar: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> Counted:
        if self.console.is_terminal:
            self._bar = Progress(
                TextColumn(f"[bold]{self.label}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(self.unit),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self.label, total=self.total)
        else:
            self._line()
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.advance(self._task, n)
        elif self.done >= self._next and self.clock() - self._printed_at >= self.every:
            self._line()

    def _line(self) -> None:
        self.console.print(f"{self.label}: {self.done}/{self.total} {self.unit}",
                           highlight=False, markup=False)  # fmt: skip
        self._printed, self._printed_at = self.done, self.clock()
        step = max(1, -(-self.total // 10))
        self._next = (self.done // step + 1) * step

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, exc, tb)
        elif kind is None and self._printed != self.done:
            self._line()


class Silent(Counted):
    """No progress at all (a short run)."""

    def __enter__(self) -> Counted:
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n

    def __exit__(self, *_exc: object) -> None:
        return None


def counted(
    console: Console, label: str, total: int, unit: str, least: int = 0, every: float = 1.0
) -> Counted:
    """Progress for ``total`` units; none when there are fewer than ``least``; plain
    lines at most one each ``every`` seconds between the first and the last."""
    kind = Silent if total < least else Counted
    return kind(console, label, total, unit, every)
