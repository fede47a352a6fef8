"""Checking a written TimeML document against its input (``frontwatch timeml`` runs it
on every file it writes; a problem is a warning line naming the file).

A scorer aligns our file with the gold one by the text of ``<TEXT>`` (TempEval-3's
``TE3-evaluation.py`` stops the whole evaluation at the first file whose text
with its tags stripped differs), reads each TIMEX3 with the pattern
``<TIMEX3[^>]*>[^<]*</TIMEX3>`` and its attributes as ``name="..."``, skips the
tid ``t0`` (the creation time) and compares ``type`` and ``value`` strings. So a
written document must:

- parse as XML, with one ``<TEXT>`` holding only TIMEX3 elements, none nested;
- hold in ``<TEXT>``, tags stripped, exactly the input's text;
- keep the input's creation-time TIMEX3 (attributes and text; for TIMEX2 input the
  ``<DATETIME>`` value);
- give every TIMEX3 a unique ``tid`` (none the creation time's), a TimeML
  ``type`` and a well-formed TimeML 1.2.1 ``value`` (``well_formed_value``);
- start and end each TIMEX3 on a word boundary (a tag inside a word changes how a
  token-based scorer splits the text).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as safe_et

from frontwatch.evaluate.timeml_read import TimeMLDocument, _local, creation_timex

TYPES = ("DATE", "TIME", "DURATION", "SET")

_NUM = r"(?:\d+(?:\.\d+)?|X+)"
_CLOCK = (
    r"T(?:(?:\d{2}|XX)(?::(?:\d{2}|XX)(?::(?:\d{2}|XX)(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|MO|MI|AF|EV|NI|DT|DA)"  # hh:mm:ss with a zone, or a part of the day
)
_PART = (
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?"  # month, day
    r"|-W(?:\d{1,2}|XX)(?:-(?:[1-7X]|WE))?"  # ISO week, its day or weekend
    r"|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|AU|WI))"  # quarter, half, season
)
_YEAR = r"(?:BC)?(?:\d{4}|\d{3}[\dX]|\d{2}[\dX]{2}|X{4}|\d{1,3}X*)"  # year, decade 199, century 19
DATE_VALUE = re.compile(rf"{_YEAR}(?:{_PART})?(?:{_CLOCK})?|XXXX-XX-XX{_CLOCK}")
DURATION_VALUE = re.compile(
    rf"P(?:(?:{_NUM}(?:Y|M|W|D|Q|H|DE|CE|ML|WE|E|C|L))+(?:T(?:{_NUM}[HMS])+)?"
    rf"|T(?:{_NUM}[HMS])+|XX)"
)
REFERENCES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_REGEX_TIMEX = re.compile(r"<TIMEX3[^>]*>[^<]*</TIMEX3>")


def well_formed_value(value: str, kind: str) -> bool:
    """Is ``value`` a TimeML 1.2.1 value for a TIMEX3 of type ``kind``? Dates and
    times: ISO dates at any granularity with X for unknown digits, weeks, quarters,
    halves, seasons, decades ("199"), centuries ("19"), BC years, times of day and
    its parts (TMO, TNI ...), and the three ``*_REF``; durations: ``P…``; sets:
    either."""
    if kind == "DURATION":
        return bool(DURATION_VALUE.fullmatch(value))
    date_like = value in REFERENCES or bool(DATE_VALUE.fullmatch(value))
    if kind == "SET":
        return date_like or bool(DURATION_VALUE.fullmatch(value))
    return kind in TYPES and date_like


def _boundary_problem(text: str, start: int, end: int) -> str | None:
    inside_start = 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum()
    inside_end = 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    if inside_start or inside_end:
        return f"TIMEX3 {text[start:end]!r} at {start} starts or ends inside a word"
    return None


def _dct_problems(source: TimeMLDocument, root: Element) -> list[str]:
    found = creation_timex(root)
    creation = [] if found is None else [found]
    if not source.dct_value and not source.dct_attributes:
        return [] if not creation else ["a creation time the input does not have"]
    if not creation:
        return ["no creation-time TIMEX3"]
    written = creation[0]
    if source.dct_attributes:
        attributes = {_local(k): v for k, v in written.attrib.items()}
        if attributes != source.dct_attributes or "".join(written.itertext()) != source.dct_text:
            return ["the creation-time TIMEX3 differs from the input's"]
    elif written.get("value") != source.dct_value:
        return [f"creation time {written.get('value')!r}, the input's is {source.dct_value!r}"]
    return []


def check_written(source: TimeMLDocument, written: str) -> list[str]:
    """What is wrong with ``written`` as the TimeML of ``source`` (module doc); [] if nothing."""
    try:
        root = safe_et.fromstring(written)
    except (safe_et.ParseError, ValueError) as err:
        return [f"not well-formed XML ({err})"]
    texts = [el for el in root.iter() if _local(el.tag) == "TEXT"]
    if len(texts) != 1:
        return [f"{len(texts)} <TEXT> elements (one expected)"]
    text_el = texts[0]
    problems: list[str] = []
    if "".join(text_el.itertext()) != source.text:
        problems.append("the text of <TEXT> is not the input's")
    problems += _dct_problems(source, root)
    seen = {source.dct_attributes.get("tid", "t0")}
    at = len(text_el.text or "")
    for el in text_el:
        if _local(el.tag) != "TIMEX3" or len(el):
            problems.append(f"<{_local(el.tag)}> in <TEXT> (only flat TIMEX3 expected)")
        covered = "".join(el.itertext())
        tid, kind, value = el.get("tid", ""), el.get("type", ""), el.get("value", "")
        if not tid or tid in seen:
            problems.append(f"TIMEX3 {covered!r}: tid {tid!r} missing or used twice")
        seen.add(tid)
        if not well_formed_value(value, kind):
            problems.append(f"TIMEX3 {covered!r}: type {kind!r} value {value!r} not TimeML")
        if (boundary := _boundary_problem(source.text, at, at + len(covered))) is not None:
            problems.append(boundary)
        at += len(covered) + len(el.tail or "")
    found = len(_REGEX_TIMEX.findall(written))
    if found != sum(1 for el in root.iter() if _local(el.tag) == "TIMEX3"):
        problems.append("a TIMEX3 the pattern <TIMEX3 ...>text</TIMEX3> does not read")
    return problems
