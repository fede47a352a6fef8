"""Clocks for the benchmark: per-stage timers, CPU time, resident memory."""

from __future__ import annotations

import contextlib
import functools
import inspect
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class StageTimer:
    seconds: dict[str, float] = field(default_factory=dict)  # wall clock
    cpu: dict[str, float] = field(default_factory=dict)  # this process's CPU time

    def add(self, name: str, dt: float, dcpu: float = 0.0) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + dt
        self.cpu[name] = self.cpu.get(name, 0.0) + dcpu


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def children_cpu() -> float:
    """CPU seconds of this process's finished children (spaCy's ``n_process`` workers),
    after reaping any that have exited."""
    import multiprocessing

    deadline = time.monotonic() + 5
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu() -> float:
    """CPU seconds of the calling process (run on Dask workers through ``client.run``)."""
    return time.process_time()


def timed(name: str, fn: Callable[..., Any], timer: StageTimer) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen_wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = iter(fn(*args, **kwargs))
            while True:
                t0, c0 = clocks()
                try:
                    item = next(it)
                except StopIteration:
                    t1, c1 = clocks()
                    timer.add(name, t1 - t0, c1 - c0)
                    return
                t1, c1 = clocks()
                timer.add(name, t1 - t0, c1 - c0)
                yield item

        return gen_wrapper

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = clocks()
        try:
            return fn(*args, **kwargs)
        finally:
            t1, c1 = clocks()
            timer.add(name, t1 - t0, c1 - c0)

    return wrapper


@contextlib.contextmanager
def instrumented(timer: StageTimer) -> Iterator[None]:
    """Time every stage function ``frontwatch.pipeline`` calls, and ``Store.save``."""
    from frontwatch import pipeline as stages
    from frontwatch.store import Store

    originals: dict[str, Any] = {
        name: obj
        for name, obj in vars(stages).items()
        if inspect.isfunction(obj)
        and obj.__module__.startswith("frontwatch.")
        and obj.__module__ != stages.__name__
    }
    save = Store.save
    try:
        for name, fn in originals.items():
            setattr(stages, name, timed(name, fn, timer))
        Store.save = timed("store", save, timer)  # type: ignore[method-assign]
        yield
    finally:
        for name, fn in originals.items():
            setattr(stages, name, fn)
        Store.save = save  # type: ignore[method-assign]


def peak_rss_mb() -> float:
    """Peak resident memory of this process (and of its finished children), MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)  # Linux reports KiB


def rss_mb() -> float:
    """Resident memory of this process now, MB (0.0 where /proc is not there)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0
