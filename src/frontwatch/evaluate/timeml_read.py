"""Reading annotated temporal corpora: TimeML (TIMEX3) and TIMEX2 (ACE / WikiWars).

Both are parsed with defusedxml (no entities, no DTDs, no network). The text
is the character content of ``<TEXT>`` (markup removed); each annotation
inside it is a gold expression with its character offsets in that text.

- TimeML (``.tml``, TempEval-3): ``<TIMEX3 tid type value>``; the document
  creation time (DCT) is the TIMEX3 with ``functionInDocument="CREATION_TIME"``,
  else the ISO date that starts ``<DCT>``'s text.
- TIMEX2 (WikiWars ``keyinline/*.key.xml``): ``<TIMEX2 val=…>``; the creation
  time is the ``<DATETIME>`` element (its TIMEX2's ``val``, else its text).
  A TIMEX2 may hold another ("<TIMEX2>the summer of <TIMEX2>1940</TIMEX2></TIMEX2>");
  only the outermost is gold, as in TempEval-3's TIMEX3, which do not nest.
  TIMEX2 has no ``type``: it is derived from the value (``P…`` DURATION, a
  value with a time of day TIME, a set-like ``XXXX-WXX-…`` SET, else DATE).

A file that cannot be read - not XML, no ``<TEXT>``, or no TIMEX3 / TIMEX2
markup anywhere (not an annotated file: WikiWars' ``in/*.sgm``) - raises
``TimeMLError`` with the file and the reason in one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as safe_et

TIMEX_TAGS = ("TIMEX3", "TIMEX2")
SUFFIXES = (".tml", ".key.xml")  # what a folder walk picks up


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDocument:
    path: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)
    scheme: str = "TIMEX3"  # TIMEX3 | TIMEX2
    dct_value: str = ""  # the creation time's value as written
    docid: str = ""  # the <DOCID> text, if any
    # the creation-time TIMEX3 as written (attributes in their order, text), if any
    dct_attributes: dict[str, str] = field(default_factory=dict)
    dct_text: str = ""


class TimeMLError(ValueError):
    """A file that is not readable TimeML / TIMEX2."""


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def read_timeml(path: Path, annotated: bool = True) -> TimeMLDocument:
    """One annotated file: its TEXT, creation time and gold expressions (module doc).
    With ``annotated=False`` a file without any TIMEX markup (text to tag) is read too."""
    try:
        root = safe_et.parse(str(path)).getroot()
    except (safe_et.ParseError, OSError, ValueError) as err:  # DefusedXmlException is ValueError
        raise TimeMLError(f"{path}: not readable XML ({err})") from err
    tags = {_local(el.tag) for el in root.iter()}
    scheme = next((t for t in TIMEX_TAGS if t in tags), None)
    text_el = next((el for el in root.iter() if _local(el.tag) == "TEXT"), None)
    if text_el is None:
        raise TimeMLError(f"{path}: no <TEXT> element")
    if scheme is None and annotated:
        raise TimeMLError(f"{path}: no TIMEX3 or TIMEX2 annotation (not an annotated file)")
    scheme = scheme or "TIMEX3"
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _walk(text_el, parts, timexes, scheme, inside=False)
    dct_value = _dct_value(root, scheme)
    doc = TimeMLDocument(str(path), "".join(parts), day(dct_value), timexes, scheme, dct_value)
    docid = next((el for el in root.iter() if _local(el.tag) == "DOCID"), None)
    doc.docid = "".join(docid.itertext()).strip() if docid is not None else ""
    creation = creation_timex(root) if scheme == "TIMEX3" else None
    if creation is not None:
        doc.dct_attributes = {_local(k): v for k, v in creation.attrib.items()}
        doc.dct_text = "".join(creation.itertext())
    return doc


def creation_timex(root: Element) -> Element | None:
    """The document's creation-time TIMEX3: the one with
    ``functionInDocument="CREATION_TIME"``, else the TIMEX3 inside ``<DCT>``."""
    for el in root.iter():
        if _local(el.tag) == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            return el
    for el in root.iter():
        if _local(el.tag) == "DCT":
            return next((c for c in el.iter() if _local(c.tag) == "TIMEX3"), None)
    return None


def _walk(
    el: Element, parts: list[str], timexes: list[GoldTimex], scheme: str, inside: bool
) -> None:
    """Collect the element's text, recording outermost TIMEX spans as they are passed."""
    start = sum(len(p) for p in parts)
    is_timex = _local(el.tag) == scheme and not inside
    if el.text:
        parts.append(el.text)
    for child in el:
        _walk(child, parts, timexes, scheme, inside=inside or is_timex)
        if child.tail:
            parts.append(child.tail)
    if is_timex:
        end = sum(len(p) for p in parts)
        covered = "".join(parts)[start:end]
        value = el.get("value", "") if scheme == "TIMEX3" else el.get("val", "")
        kind = el.get("type", "") if scheme == "TIMEX3" else timex2_type(value)
        timexes.append(GoldTimex(start, end, covered, el.get("tid", ""), kind, value))


def timex2_type(value: str) -> str:
    """The TIMEX3 type a TIMEX2 value implies (TIMEX2 has no type attribute)."""
    value = value.upper()
    if value.endswith("_REF"):
        return "DATE"  # PRESENT_REF, PAST_REF, FUTURE_REF
    if value.startswith("P"):
        return "DURATION"
    if re.search(r"WXX|XXXX-XX-XX$", value) and not value.startswith("XXXX-XX-XXT"):
        return "SET" if "WXX-" in value else "DATE"
    if re.search(r"T\d", value):
        return "TIME"
    return "DATE"


def _dct_value(root: Element, scheme: str) -> str:
    attribute = "value" if scheme == "TIMEX3" else "val"
    if scheme == "TIMEX3":
        for el in root.iter():
            creation = el.get("functionInDocument") == "CREATION_TIME"
            if _local(el.tag) == "TIMEX3" and creation and day(el.get("value", "")):
                return el.get("value", "")
    holders = ("DCT",) if scheme == "TIMEX3" else ("DATETIME", "DATE_TIME")
    for el in root.iter():
        if _local(el.tag) not in holders:
            continue
        inner = next((c for c in el.iter() if _local(c.tag) == scheme), None)
        written = inner.get(attribute, "") if inner is not None else ""
        for candidate in (written, "".join(el.itertext()).strip()):
            if day(candidate):
                return candidate.strip()
    return ""


_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def day(value: str) -> date | None:
    """The calendar day an ISO value starts with ("1998-03-03", "19980303T…")."""
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def timeml_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the .tml / .key.xml files under the folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
            )
        else:
            found.append(path)
    return found
