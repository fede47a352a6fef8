"""Read: files, folders, JSON Lines, HTML and feeds into ``RawDocument``s.

Every problem with an input becomes a ``ReadProblem`` (one line naming the file
and the reason) instead of an exception, so one bad file never stops a batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from frontwatch.models import RawDocument, ReadProblem
from frontwatch.read.decode import DecodeError, decode_bytes
from frontwatch.read.formats import FORMAT_BY_SUFFIX, parse_document

# Files larger than this are refused: no news article is 20 MB of text.
MAX_BYTES = 20 * 1024 * 1024

ReadResult = RawDocument | ReadProblem


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """The files named, folders expanded recursively in a stable (sorted) order."""
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    yield child
        else:
            yield path


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[ReadResult]:
    """Documents (or problems) from every file named; folders are read recursively."""
    for path in iter_files(paths):
        yield from read_file(path, max_bytes=max_bytes)


def read_file(path: Path | str, max_bytes: int = MAX_BYTES) -> Iterator[ReadResult]:
    """Documents (or problems) from one file; '-' reads standard input as text."""
    name = str(path)
    try:
        data = _read_bytes(path, max_bytes)
    except OSError as exc:
        yield ReadProblem(name, f"cannot read: {exc.strerror or exc}")
        return
    except _TooLarge as exc:
        yield ReadProblem(name, str(exc))
        return
    if not data.strip():
        yield ReadProblem(name, "empty file")
        return
    try:
        text, warning = decode_bytes(data)
    except DecodeError as exc:
        yield ReadProblem(name, str(exc))
        return
    if warning:
        yield ReadProblem(name, warning, fatal=False)
    suffix = "" if name == "-" else Path(name).suffix.lower()
    fmt = FORMAT_BY_SUFFIX.get(suffix, "txt")
    yield from parse_document(name, text, fmt)


class _TooLarge(Exception):
    pass


def _read_bytes(path: Path | str, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise OSError(2, "no such file or folder")
        size = p.stat().st_size
        if size > max_bytes:
            raise _TooLarge(f"too large ({size / 1e6:.1f} MB; limit {max_bytes / 1e6:.0f} MB)")
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _TooLarge(f"too large (over {max_bytes / 1e6:.0f} MB)")
    return data
