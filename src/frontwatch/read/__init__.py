"""Read: files, folders, JSON Lines, HTML and feeds into ``RawDocument``s.

Every problem with an input becomes a ``ReadProblem`` (one line naming the file
and the reason) instead of an exception, so one bad file never stops a batch.
Memory stays bounded whatever the input: single-document files are refused
above ``MAX_BYTES`` before they are read, JSON Lines files are streamed line by
line, and no document longer than ``MAX_TEXT_CHARS`` reaches the language model.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from frontwatch.models import RawDocument, ReadProblem
from frontwatch.read.decode import DecodeError, decode_bytes, safe_text, stream_encoding
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
# In a name shown on one line: C0 and C1 controls, and the bidirectional overrides
# and isolates that make a terminal or page show text in another order than stored.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def iter_files(
    paths: Iterable[str | Path], skipped: list[Path] | None = None
) -> Iterator[Path | str]:
    """The files named, folders expanded recursively in a stable (sorted) order.

    Hidden files and folders are skipped, pipes and devices inside a folder too;
    symbolic links to folders are not followed (a link loop cannot make a read
    endless), nor links to files outside the folder (``walk``). In a folder only
    files of a known format (``FORMAT_BY_SUFFIX``) are taken; the others are
    appended to ``skipped`` when given. A file named explicitly is always taken
    (read as text when its suffix is unknown).
    """
    for item in walk(paths, skipped):
        if not isinstance(item, ReadProblem):
            yield item


def walk(
    paths: Iterable[str | Path], skipped: list[Path] | None = None
) -> Iterator[Path | str | ReadProblem]:
    """``iter_files``, with a problem for each thing of a folder that is not read:
    an unreadable sub-folder, a link to a folder, a link leading out of the folder,
    a broken link or a link loop. Files named themselves are taken as they are."""
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for child in _walk(path):
            if isinstance(child, ReadProblem) or child.suffix.lower() in FORMAT_BY_SUFFIX:
                yield child
            elif skipped is not None:
                skipped.append(child)


def _walk(folder: Path) -> Iterator[Path | ReadProblem]:
    inside = folder.resolve()
    failed: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=failed.append):
        yield from (_folder_problem(exc) for exc in failed)
        failed.clear()
        for name in sorted(d for d in dirs if not d.startswith(".")):
            if Path(root, name).is_symlink():
                child = display_name(Path(root, name))
                yield ReadProblem(child, "not followed: a link to a folder", fatal=False)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # links: never descended
        for name in sorted(files):
            if not name.startswith("."):
                yield from _walked_file(Path(root, name), inside)
    yield from (_folder_problem(exc) for exc in failed)


def _folder_problem(exc: OSError) -> ReadProblem:
    where = display_name(exc.filename) if exc.filename else "?"
    return ReadProblem(where, f"cannot read folder: {exc.strerror or exc}")


def _walked_file(child: Path, inside: Path) -> Iterator[Path | ReadProblem]:
    """A file met in a folder walk: the path guard for links, and only regular files."""
    if child.is_symlink():
        try:
            target = child.resolve(strict=True)
        except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, on older Pythons
            reason = "a link loop" if _is_loop(exc) else "a broken link"
            yield ReadProblem(display_name(child), f"not read: {reason}", fatal=False)
            return
        if not within(inside, target):
            yield ReadProblem(
                display_name(child), "not read: a link to a file outside the folder", fatal=False
            )
            return
    if child.is_file():
        yield child


def _is_loop(exc: BaseException) -> bool:
    return isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP


def resolve_inside(root: str | Path, name: str) -> Path:
    """``name`` as a path inside ``root``; ValueError when it would lead outside.

    For file names that come from users of a service: absolute paths, ``..``
    and symbolic links out of ``root`` are all refused.
    """
    base = Path(root).resolve()
    if not name or "\x00" in name:
        raise ValueError("empty or invalid file name")
    target = (base / name).resolve()
    if not within(base, target):
        raise ValueError(f"{name!r} is outside {base}")
    return target


def within(base: Path, target: Path) -> bool:
    """The one path guard: is the resolved ``target`` ``base`` or inside it?"""
    return target == base or base in target.parents


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[ReadResult]:
    """Documents (or problems) from every file named; folders are read recursively.

    Files of unknown type in a folder are not read: one warning per folder says
    how many were skipped and of which types."""
    for raw in paths:
        skipped: list[Path] = []
        for path in walk([raw], skipped):
            if isinstance(path, ReadProblem):
                yield path
            else:
                yield from read_file(path, max_bytes=max_bytes)
        if skipped:
            yield ReadProblem(display_name(raw), skipped_summary(skipped), fatal=False)


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


def read_bytes(name: str, data: bytes, fmt: str) -> Iterator[ReadResult]:
    """Documents (or problems) from bytes fetched elsewhere (a feed ``watch`` asked
    for), decoded, parsed and checked as a file's would be."""
    yield from _all_checked(_parsed(name, data, fmt))


def read_file(path: Path | str, max_bytes: int = MAX_BYTES) -> Iterator[ReadResult]:
    """Documents (or problems) from one file; '-' reads standard input as text."""
    name = display_name(path)
    suffix = "" if name == "-" else Path(name).suffix.lower()
    fmt = FORMAT_BY_SUFFIX.get(suffix, "txt")
    if fmt == "jsonl" and path != "-":
        results = _jsonl_file(Path(path), name)  # checks each document itself
    else:
        results = _all_checked(_whole_file(path, name, fmt, max_bytes))
    try:
        yield from results
    except OSError as exc:  # unreadable, or vanished or failing while being read
        yield ReadProblem(name, f"cannot read: {exc.strerror or exc}")


def _all_checked(results: Iterable[ReadResult]) -> Iterator[ReadResult]:
    for result in results:
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
    yield from _parsed(name, data, fmt)


def _parsed(name: str, data: bytes, fmt: str) -> Iterator[ReadResult]:
    """One file's bytes decoded and parsed; a decoding warning rides on its documents."""
    if not data.strip():
        yield ReadProblem(name, "empty file")
        return
    try:
        text, warning = decode_bytes(data)
    except DecodeError as exc:
        yield ReadProblem(name, str(exc))
        return
    del data
    yield from _with_warning(parse_document(name, text, fmt), warning)


def _with_warning(results: Iterable[ReadResult], warning: str | None) -> Iterator[ReadResult]:
    """The results, a decoding warning carried by each document: it is shown only with a
    document that is kept, so a refused file costs one line, not a warning and a refusal."""
    for result in results:
        if warning and isinstance(result, RawDocument):
            result.warnings.insert(0, warning)
        yield result


def _jsonl_file(path: Path, name: str) -> Iterator[ReadResult]:
    """A JSON Lines corpus, one line in memory at a time (such files may be any size).

    The encoding is judged once, from the file's first bytes: a binary file is one
    problem, not one per line; UTF-16 and UTF-32 files are decoded as a stream (their
    newlines are not the byte 10). Bad lines are named one by one up to a limit
    (``_LineProblems``); a file with no good line at all gives one line.
    """
    try:
        _check_regular(path)
    except _Refused as exc:
        yield ReadProblem(name, str(exc))
        return
    with path.open("rb") as fh:
        try:
            encoding = stream_encoding(fh.read(_SNIFF_BYTES))
        except DecodeError as exc:
            yield ReadProblem(name, str(exc))
            return
        fh.seek(0)
        problems, broken, skips = _LineProblems(name), False, Skips()
        if encoding is not None and encoding.endswith(("-le", "-be")):
            warning = ReadProblem(name, f"{encoding.upper()} without a byte-order mark", False)
            yield from problems.add(warning)
        for index, line in enumerate(_json_lines(fh, encoding)):
            if isinstance(line, str) and "\ufffd" in line and not broken:
                broken = True  # the stream decoder's mark for undecodable bytes
                warning = ReadProblem(f"{name}:{index + 1}", f"broken {encoding} text", False)
                yield from problems.add(warning)
            for item in _json_line(name, index, line, skips):
                yield from problems.add(item)
    yield from problems.finish()
    summary = skips.problem(name)  # Telegram service and empty messages: one line
    if summary:
        yield summary


_SNIFF_BYTES = 8192
# Bad lines of one JSON Lines file named one by one; past this, they are counted.
MAX_LINE_PROBLEMS = 10


def _json_lines(fh: BinaryIO, encoding: str | None) -> Iterator[bytes | str | None]:
    """Lines as bytes (UTF-8 and 8-bit files) or as text (UTF-16/32); None: too long."""
    if encoding is None:
        yield from _bounded_lines(fh, MAX_JSON_LINE)
        return
    stream = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline=None)
    try:
        while True:
            line = stream.readline(MAX_JSON_LINE + 1)
            if not line:
                return
            if len(line) > MAX_JSON_LINE and not line.endswith("\n"):
                while line and not line.endswith("\n"):  # skip the rest of the long line
                    line = stream.readline(1 << 20)
                yield None
                continue
            yield line
    finally:
        stream.detach()  # the file is closed by its owner


def _json_line(
    name: str, index: int, line: bytes | str | None, skips: Skips
) -> Iterator[ReadResult]:
    where = f"{name}:{index + 1}"
    if line is None:
        yield ReadProblem(where, f"line too long (over {MAX_JSON_LINE:,} bytes)")
        return
    if not line.strip():
        return
    warning = None
    if isinstance(line, bytes):
        try:
            line, warning = decode_bytes(line)
        except DecodeError as exc:
            yield ReadProblem(where, str(exc))
            return
    document = document_from_json_line(name, line.lstrip("\ufeff"), index, skips)
    if document is not None:
        yield from _all_checked(_with_warning([document], warning))


class _LineProblems:
    """The problems of one JSON Lines file, so that a bad file costs one line.

    Until its first document, a file's problems are held back (the first few); when
    a document comes, they are given and later ones follow as they come, up to
    ``MAX_LINE_PROBLEMS``, the rest counted in one closing line. A file that ends
    with no document gives one line: its first problem and how many lines had one.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.held: list[ReadProblem] = []
        self.shown = self.hidden = self.bad = 0
        self.documents = 0
        self.nonblank = False

    def add(self, item: ReadResult) -> Iterator[ReadResult]:
        if isinstance(item, RawDocument):
            self.documents += 1
            self.nonblank = True
            if self.documents == 1:
                yield from self._release()
            yield item
            return
        if item.fatal:
            self.nonblank = True
            self.bad += 1
        if not self.documents:
            if len(self.held) < MAX_LINE_PROBLEMS:
                self.held.append(item)
            else:
                self.hidden += item.fatal
            return
        yield from self._show(item)

    def _release(self) -> Iterator[ReadProblem]:
        held, self.held = self.held, []
        for problem in held:
            yield from self._show(problem)

    def _show(self, problem: ReadProblem) -> Iterator[ReadProblem]:
        if self.shown < MAX_LINE_PROBLEMS or not problem.fatal:
            self.shown += problem.fatal
            yield problem
        else:
            self.hidden += 1

    def finish(self) -> Iterator[ReadProblem]:
        if not self.nonblank:
            yield ReadProblem(self.name, "empty file")
        elif not self.documents:
            fatal = [p for p in self.held if p.fatal]
            first = fatal[0] if fatal else None
            if first is None:
                return
            if self.bad == 1:
                yield first
            else:
                where = first.path.removeprefix(self.name).lstrip(":") or "?"
                yield ReadProblem(
                    self.name,
                    f"no article in the file ({self.bad:,} bad lines; line {where}: "
                    f"{first.reason})",
                )
        elif self.hidden:
            yield ReadProblem(self.name, f"{self.hidden:,} more bad line(s) not listed")


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
