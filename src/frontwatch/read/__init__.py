"""Read: files, folders, JSON Lines, HTML and feeds into ``RawDocument``s.

Every problem with an input becomes a ``ReadProblem`` (one line naming the file
and the reason) instead of an exception, so one bad file never stops a batch.
Memory stays bounded whatever the input: single-document files are refused
above ``MAX_BYTES`` before they are read, JSON Lines files are streamed line by
line, and no document longer than ``MAX_TEXT_CHARS`` reaches the language model.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from frontwatch.models import RawDocument, ReadProblem
from frontwatch.read.decode import DecodeError, decode_bytes, safe_text
from frontwatch.read.formats import (
    FORMAT_BY_SUFFIX,
    MAX_JSON_LINE,
    document_from_json_line,
    parse_document,
)
from frontwatch.read.telegram import Skips

_MIB = 1024 * 1024
# Files larger than this are refused: no news article is 20 MB of text.
MAX_BYTES = 20 * 1024 * 1024
# Longer documents are refused: spaCy needs about 1 GB per 100,000 characters
# parsed at once, and the longest news features are well under this.
MAX_TEXT_CHARS = 200_000
# Prose ends a sentence well within this many characters; a longer run without a
# full stop is a list or a data dump (10,000 place names in a row), not an article,
# and would cost the parser and the resolvers far more than it could give.
MAX_RUN_WITHOUT_SENTENCE_END = 10_000
_SENTENCE_END = re.compile(r"[.!?…。！？]")

ReadResult = RawDocument | ReadProblem
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def iter_files(
    paths: Iterable[str | Path], skipped: list[Path] | None = None
) -> Iterator[Path | str]:
    """The files named, folders expanded recursively in a stable (sorted) order.

    Hidden files and folders are skipped, and symbolic links to folders are not
    followed (a link loop cannot make a read endless). In a folder only files of a
    known format (``FORMAT_BY_SUFFIX``) are taken; the others are appended to
    ``skipped`` when given. A file named explicitly is always taken (read as text
    when its suffix is unknown).
    """
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                if child.suffix.lower() in FORMAT_BY_SUFFIX:
                    yield child
                elif skipped is not None:
                    skipped.append(child)
        else:
            yield path


def skipped_summary(skipped: Iterable[Path]) -> str:
    """One line for the files a folder walk left out: "skipped 3 files of unknown
    type: .py, .ann, .tsv" (suffixes by how often they occur, then by name)."""
    counts: dict[str, int] = {}
    files = 0
    for path in skipped:
        suffix = path.suffix.lower() or "(no suffix)"
        counts[suffix] = counts.get(suffix, 0) + 1
        files += 1
    kinds = ", ".join(sorted(counts, key=lambda s: (-counts[s], s)))
    return f"skipped {files} file{'s' if files != 1 else ''} of unknown type: {kinds}"


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            child = Path(root, name)
            if not name.startswith(".") and child.is_file():
                yield child


def count_documents(paths: Iterable[str | Path]) -> int:
    """About how many documents ``read_paths`` will give, found cheaply before reading
    (for a progress bar's total): JSON Lines lines, feed entries, JSON list items
    (Telegram messages), one for any other file. Unreadable files count one."""
    total = 0
    for path in iter_files(paths):
        if path == "-":
            total += 1
            continue
        try:
            total += _documents_in(Path(path))
        except (OSError, ValueError, RecursionError):
            total += 1
    return total


def _documents_in(path: Path) -> int:
    fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower(), "txt")
    if fmt == "jsonl":
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    if fmt not in ("feed", "json") or path.stat().st_size > MAX_BYTES:
        return 1
    data = path.read_bytes()
    if fmt == "feed":
        return max(1, data.count(b"<item") + data.count(b"<entry"))
    head = data.lstrip()[:1]
    if head not in (b"[", b"{"):
        return 1
    import json

    obj = json.loads(data)
    if isinstance(obj, list):
        return max(1, len(obj))
    if isinstance(obj, dict) and isinstance(obj.get("messages"), list):
        return max(1, len(obj["messages"]))
    chats = obj.get("chats") if isinstance(obj, dict) else None
    if isinstance(chats, dict) and isinstance(chats.get("list"), list):
        return max(
            1, sum(len(c.get("messages") or []) for c in chats["list"] if isinstance(c, dict))
        )
    return 1


def resolve_inside(root: str | Path, name: str) -> Path:
    """``name`` as a path inside ``root``; ValueError when it would lead outside.

    For file names that come from users of a service: absolute paths, ``..``
    and symbolic links out of ``root`` are all refused.
    """
    base = Path(root).resolve()
    if not name or "\x00" in name:
        raise ValueError("empty or invalid file name")
    target = (base / name).resolve()
    if target != base and base not in target.parents:
        raise ValueError(f"{name!r} is outside {base}")
    return target


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[ReadResult]:
    """Documents (or problems) from every file named; folders are read recursively.

    Files of unknown type in a folder are not read: one warning per folder says
    how many were skipped and of which types."""
    for raw in paths:
        skipped: list[Path] = []
        for path in iter_files([raw], skipped=skipped):
            yield from read_file(path, max_bytes=max_bytes)
        if skipped:
            yield ReadProblem(display_name(raw), skipped_summary(skipped), fatal=False)


def read_file(path: Path | str, max_bytes: int = MAX_BYTES) -> Iterator[ReadResult]:
    """Documents (or problems) from one file; '-' reads standard input as text."""
    name = display_name(path)
    suffix = "" if name == "-" else Path(name).suffix.lower()
    fmt = FORMAT_BY_SUFFIX.get(suffix, "txt")
    if fmt == "jsonl" and path != "-":
        results = _jsonl_file(Path(path), name)
    else:
        results = _whole_file(path, name, fmt, max_bytes)
    try:
        for result in results:
            if isinstance(result, RawDocument):
                yield from _checked(result)
            else:
                yield result
    except OSError as exc:  # unreadable, or vanished or failing while being read
        yield ReadProblem(name, f"cannot read: {exc.strerror or exc}")


def read_bytes(name: str, data: bytes, fmt: str) -> Iterator[ReadResult]:
    """Documents (or problems) from bytes fetched elsewhere (a feed ``watch`` asked
    for), decoded, parsed and checked as a file's would be."""
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
    for result in parse_document(name, text, fmt):
        if isinstance(result, RawDocument):
            yield from _checked(result)
        else:
            yield result


def display_name(path: Path | str) -> str:
    """The path as storable, one-line text (undecodable bytes and controls become U+FFFD)."""
    text = os.fsencode(str(path)).decode("utf-8", errors="replace")
    return _CONTROLS.sub("\ufffd", text)


def _whole_file(path: Path | str, name: str, fmt: str, max_bytes: int) -> Iterator[ReadResult]:
    try:
        data = _read_bytes(path, max_bytes)
    except _Refused as exc:
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
    del data
    if warning:
        yield ReadProblem(name, warning, fatal=False)
    yield from parse_document(name, text, fmt)


def _jsonl_file(path: Path, name: str) -> Iterator[ReadResult]:
    """A JSON Lines corpus, one line in memory at a time (such files may be any size)."""
    try:
        _check_regular(path)
    except _Refused as exc:
        yield ReadProblem(name, str(exc))
        return
    seen_any = False
    skips = Skips()  # Telegram service and empty messages: one line for the file
    with path.open("rb") as fh:
        for index, line in enumerate(_bounded_lines(fh, MAX_JSON_LINE)):
            where = f"{name}:{index + 1}"
            if line is None:
                yield ReadProblem(where, f"line too long (over {MAX_JSON_LINE:,} bytes)")
                continue
            if not line.strip():
                continue
            seen_any = True
            try:
                text, warning = decode_bytes(line)
            except DecodeError as exc:
                yield ReadProblem(where, str(exc))
                continue
            if warning:
                yield ReadProblem(where, warning, fatal=False)
            result = document_from_json_line(name, text, index, skips)
            if result is not None:
                yield result
    if not seen_any:
        yield ReadProblem(name, "empty file")
    summary = skips.problem(name)
    if summary:
        yield summary


def _bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of ``fh``; None in place of a line longer than ``limit`` (never held whole)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = fh.readline(1 << 20)
            yield None
            continue
        yield line


def _checked(doc: RawDocument) -> Iterator[ReadResult]:
    """The document with safe text fields, or a problem when it is too long to analyse."""
    where = _where(doc)
    if len(doc.text) > MAX_TEXT_CHARS:
        yield ReadProblem(
            where,
            f"text too long for one article ({len(doc.text):,} characters; "
            f"limit {MAX_TEXT_CHARS:,})",
        )
        return
    doc.text = safe_text(doc.text)
    if not any(c.isalpha() for c in doc.text):
        yield ReadProblem(where, "no words in the text")
        return
    for attr in ("title", "url", "outlet", "language"):
        value = getattr(doc, attr)
        if value is not None:
            setattr(doc, attr, safe_text(value)[:2000] or None)
    run = _longest_run_without_sentence_end(doc.text)
    if run > MAX_RUN_WITHOUT_SENTENCE_END:
        yield ReadProblem(
            where, f"not prose: {run:,} characters without a sentence end (a list or data?)"
        )
        return
    for warning in doc.warnings:
        yield ReadProblem(where, warning, fatal=False)
    yield doc


def _longest_run_without_sentence_end(text: str) -> int:
    longest, previous = 0, 0
    for match in _SENTENCE_END.finditer(text):
        longest = max(longest, match.start() - previous)
        previous = match.end()
    return max(longest, len(text) - previous)


def _where(doc: RawDocument) -> str:
    """Where a document came from, for messages: the file, and its line or entry."""
    if doc.fmt == "jsonl":
        return f"{doc.path}:{doc.item + 1}"
    if doc.fmt in ("feed", "telegram"):
        return f"{doc.path}#{doc.item + 1}"
    return doc.path


class _Refused(Exception):
    pass


def _check_regular(path: Path) -> int:
    """The size of ``path``; refuses folders, pipes and devices (reading them may never end)."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise _Refused("is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise _Refused("not a regular file (pipe, socket or device)")
    return info.st_size


def _read_bytes(path: Path | str, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        size = _check_regular(Path(path))
        if size > max_bytes:
            raise _Refused(f"too large ({size / _MIB:.1f} MiB; limit {max_bytes / _MIB:.0f} MiB)")
        with Path(path).open("rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Refused(f"too large (over {max_bytes / _MIB:.0f} MiB)")
    return data
