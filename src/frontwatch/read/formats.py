"""Per-format parsers: decoded text in, ``RawDocument``s (or ``ReadProblem``s) out."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from datetime import date
from typing import Any

from frontwatch.models import DateSource, RawDocument, ReadProblem, implausible_date
from frontwatch.read import telegram

FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

# The seed format: the text starts with " date YYYY-MM-DD" (the rest may follow on the line).
_DATE_LINE = re.compile(r"\A\s*date[ \t]+(?=\d)(\S+)[ \t]*\n?")
_ISO_PREFIX = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# A JSON line longer than this is refused (one article, not a corpus, per line).
MAX_JSON_LINE = 5_000_000
# An article's metadata has short numbers and shallow structure; longer numbers and
# deeper nesting are attacks on the parser (Python refuses integers of over 4,300
# digits with a ValueError; deep nesting exhausts the stack), refused up front.
MAX_JSON_NUMBER_CHARS = 100
MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def parse_document(path: str, text: str, fmt: str) -> Iterator[RawDocument | ReadProblem]:
    parser = _PARSERS.get(fmt, _parse_text)
    yield from parser(path, text)


def parse_iso_date(value: str) -> tuple[date | None, str | None]:
    """A date from the start of an ISO-like string, or None with the reason."""
    match = _ISO_PREFIX.match(value.strip())
    if not match:
        return None, f"not a date: {value[:40]!r}"
    year, month, day = (int(g) for g in match.groups())
    try:
        found = date(year, month, day)
    except ValueError as exc:
        return None, f"impossible date {match.group(0)} ({exc})"
    implausible = implausible_date(found)
    if implausible:
        return None, implausible
    return found, None


def split_date_line(text: str) -> tuple[str, date | None, str | None] | None:
    """The seed format's leading " date YYYY-MM-DD" line: (the text after it, the date,
    None) or (the text after it, None, why the date was ignored); None when the text
    does not start with a date line ("Dates were set ..." does not). Never raises."""
    match = _DATE_LINE.match(text)
    if match is None:
        return None
    value = match.group(1)
    if _ISO_PREFIX.fullmatch(value) is None:
        return text[match.end() :], None, f"date line ignored: {value[:40]!r} is not YYYY-MM-DD"
    published, problem = parse_iso_date(value)
    return text[match.end() :], published, problem and f"date line ignored: {problem}"


def _parse_text(path: str, text: str) -> Iterator[RawDocument | ReadProblem]:
    doc = RawDocument(path=path, text=text, fmt="txt")
    dated = split_date_line(text)
    if dated is not None:
        doc.fmt = "seed"
        doc.text, published, problem = dated
        if problem:
            doc.warnings.append(problem)
        else:
            doc.published, doc.date_source = published, DateSource.DATE_LINE
    if not doc.text.strip():
        yield ReadProblem(path, "no text after the date line")
        return
    yield doc


def _from_mapping(path: str, obj: Any, item: int, fmt: str) -> RawDocument | ReadProblem:
    """A document from one JSON object with ``text`` and optional metadata."""
    where = f"{path}:{item + 1}" if fmt == "jsonl" else path
    if not isinstance(obj, dict):
        return ReadProblem(where, "expected a JSON object with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadProblem(where, "no 'text' field (or it is empty)")
    doc = RawDocument(path=path, text=text, fmt=fmt, item=item)
    for key in ("title", "url", "outlet", "language"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            setattr(doc, key, value.strip())
    raw_date = obj.get("date") or obj.get("published")
    if isinstance(raw_date, str) and raw_date.strip():
        published, problem = parse_iso_date(raw_date)
        if problem:
            doc.warnings.append(f"date ignored: {problem}")
        else:
            doc.published, doc.date_source = published, DateSource.METADATA
    return doc


def document_from_json_line(
    path: str, line: str, index: int, skips: telegram.Skips | None = None
) -> RawDocument | ReadProblem | None:
    """The document on line ``index`` (0-based) of a JSON Lines file, or the problem;
    None for a Telegram service or empty message (counted in ``skips``)."""
    if len(line) > MAX_JSON_LINE:
        return ReadProblem(f"{path}:{index + 1}", "line too long")
    obj, problem = load_json(line.rstrip("\r\n"))
    if problem:
        return ReadProblem(f"{path}:{index + 1}", problem)
    if telegram.is_telethon_record(obj):
        return telegram.telethon_message(path, obj, index, skips or telegram.Skips())
    return _from_mapping(path, obj, index, "jsonl")


class _Refused(ValueError):
    """JSON that parses but is refused (a number too long)."""


def _bounded_number(kind: type[int] | type[float]) -> Any:
    def parse(digits: str) -> int | float:
        if len(digits) > MAX_JSON_NUMBER_CHARS:
            raise _Refused(
                f"refused JSON: a number of {len(digits):,} characters "
                f"(limit {MAX_JSON_NUMBER_CHARS})"
            )
        return kind(digits)

    return parse


_DECODER = json.JSONDecoder(parse_int=_bounded_number(int), parse_float=_bounded_number(float))


def load_json(text: str) -> tuple[Any, str | None]:
    """The value of a JSON text, or None with a one-line reason; never raises.

    The one guard for every JSON input: numbers longer than ``MAX_JSON_NUMBER_CHARS``
    and nesting deeper than ``MAX_JSON_DEPTH`` are refused (the caller bounds the size).
    """
    depth = _nesting_depth(text, MAX_JSON_DEPTH + 1)
    if depth > MAX_JSON_DEPTH:
        return None, f"refused JSON: nested too deeply (over {MAX_JSON_DEPTH} levels)"
    try:
        return _DECODER.decode(text), None
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    except _Refused as exc:
        return None, str(exc)
    except (RecursionError, ValueError) as exc:  # a depth or size the guards did not foresee
        return None, f"refused JSON ({type(exc).__name__})"


def _nesting_depth(text: str, stop: int) -> int:
    """How deep the brackets of ``text`` nest outside its strings (at least ``stop``
    when they nest that deep), in time linear in the text and at C speed."""
    if sum(text.count(c) for c in "[{") < stop:
        return 0  # too few brackets to nest that deep (every article's metadata)
    import numpy as np

    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)).encode("ascii")
    codes = np.frombuffer(brackets, dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)
    return int(np.cumsum(steps).max(initial=0))


def _parse_jsonl(path: str, text: str) -> Iterator[RawDocument | ReadProblem]:
    skips = telegram.Skips()
    for index, line in enumerate(text.splitlines()):
        if line.strip():
            result = document_from_json_line(path, line, index, skips)
            if result is not None:
                yield result
    summary = skips.problem(path)
    if summary:
        yield summary


def _parse_json(path: str, text: str) -> Iterator[RawDocument | ReadProblem]:
    obj, problem = load_json(text)
    if problem:
        yield ReadProblem(path, problem)
        return
    if telegram.is_desktop_export(obj):
        yield from telegram.desktop_documents(path, obj)
        return
    if telegram.is_telethon_list(obj):
        yield from telegram.telethon_documents(path, obj)
        return
    items = obj if isinstance(obj, list) else [obj]
    bad: dict[str, int] = {}  # reason -> items: one line for the file, not one per item
    for index, item in enumerate(items):
        result = _from_mapping(path, item, index, "json")
        if isinstance(result, ReadProblem) and result.fatal:
            bad[result.reason] = bad.get(result.reason, 0) + 1
        else:
            yield result
    if bad and len(items) == 1:
        yield ReadProblem(path, next(iter(bad)))
    elif bad:
        yield ReadProblem(
            path, "; ".join(f"{n} of {len(items)} items: {r}" for r, n in bad.items())
        )


def _parse_html(path: str, text: str) -> Iterator[RawDocument | ReadProblem]:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            extracted = trafilatura.bare_extraction(
                text,
                with_metadata=True,
                include_comments=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception as exc:  # trafilatura raises many kinds on broken markup
            yield ReadProblem(path, f"broken HTML ({type(exc).__name__})")
            return
    if extracted is None:
        yield ReadProblem(path, "no article text found in the HTML")
        return
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = str(meta.get("text") or "")
    title = (meta.get("title") or "").strip() or None
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    if not lines:
        yield ReadProblem(path, "no article text found in the HTML")
        return
    doc = RawDocument(path=path, text="\n\n".join(lines), fmt="html", title=title)
    doc.url = meta.get("url") or None
    doc.outlet = meta.get("sitename") or None
    doc.language = meta.get("language") or None
    if meta.get("date"):
        published, problem = parse_iso_date(str(meta["date"]))
        if published:
            doc.published, doc.date_source = published, DateSource.METADATA
        elif problem:
            doc.warnings.append(f"date ignored: {problem}")
    yield doc


def _parse_feed(path: str, text: str) -> Iterator[RawDocument | ReadProblem]:
    from frontwatch.read.feeds import parse_feed

    yield from parse_feed(path, text)


_PARSERS = {
    "txt": _parse_text,
    "jsonl": _parse_jsonl,
    "json": _parse_json,
    "html": _parse_html,
    "feed": _parse_feed,
}
