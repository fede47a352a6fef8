"""Writing frontwatch's own TimeML: the input's text and creation time, our TIMEX3 tags.

``write_timeml(doc, times)`` gives a TimeML 1.2.1 document whose ``<TEXT>`` holds
exactly the characters of the input's text (so any TempEval-3 style scorer can
align it with the gold file) with one ``<TIMEX3 tid type value>`` per
expression of ``timeml_times``, and whose ``<DCT>`` is the input's creation
time (its creation-time TIMEX3 as written, tid included; our tids never
take it). The expressions and values written are exactly those ``frontwatch eval
time`` scores (``timeml_output``, ``written_value``): an expression whose value
could not be resolved is written with TimeML's unknown value ("XXXX-XX-XX" for
a date, "PXX" for a duration).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from frontwatch.evaluate.timeml import timeml_output, written_value
from frontwatch.evaluate.timeml_read import TimeMLDocument
from frontwatch.models import TimeExpr

INPUT_SUFFIXES = (".tml", ".key.xml", ".xml")  # what a folder walk of `frontwatch timeml` takes


def timeml_inputs(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(input file, output path relative to --out) for each file named and each TimeML
    file under the folders named. A folder's sub-folders are kept (as TempEval-3's
    scorer walks the gold folder and looks for the same sub-folder in the system's)."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if not path.is_dir():
            found.append((path, Path(output_name(path))))
            continue
        for file in sorted(path.rglob("*")):
            if file.is_file() and file.name.lower().endswith(INPUT_SUFFIXES):
                relative = file.relative_to(path)
                found.append((file, relative.parent / output_name(file)))
    return found


def output_name(path: Path) -> str:
    """The file name of the TimeML written for an input ("01_WW2.key.xml" -> "01_WW2.tml")."""
    name = path.name
    for suffix in (".key.xml", ".tml", ".xml", ".sgm"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] + ".tml"
    return name + ".tml"


_TEXT_ESCAPES = {"\r": "&#13;"}  # a parser reads a raw CR as LF: keep it a CR


def _text(text: str) -> str:
    return escape(text, _TEXT_ESCAPES)


def _attributes(attributes: dict[str, str]) -> str:
    """XML attributes, double-quoted (TempEval-3's scorer reads ``name="..."`` only)."""
    quote = {'"': "&quot;", "\n": " ", "\t": " "}
    return "".join(f' {name}="{escape(value, quote)}"' for name, value in attributes.items())


def _dct(doc: TimeMLDocument) -> tuple[str, str]:
    """The <DCT> element and its tid: the input's creation-time TIMEX3 as it was
    written (attributes and text), else one built from the creation time (TIMEX2's
    <DATETIME>), else nothing."""
    if doc.dct_attributes:
        timex = f"<TIMEX3{_attributes(doc.dct_attributes)}>{escape(doc.dct_text)}</TIMEX3>"
        return f"<DCT>{timex}</DCT>\n", doc.dct_attributes.get("tid", "")
    value = doc.dct_value or (doc.dct.isoformat() if doc.dct else "")
    if not value:
        return "", ""
    attributes = {
        "tid": "t0",
        "type": "TIME" if "T" in value else "DATE",
        "value": value,
        "temporalFunction": "false",
        "functionInDocument": "CREATION_TIME",
    }
    return f"<DCT><TIMEX3{_attributes(attributes)}>{escape(value)}</TIMEX3></DCT>\n", "t0"


def write_timeml(doc: TimeMLDocument, times: list[TimeExpr], docid: str) -> str:
    """The TimeML document (module doc); of overlapping expressions the first is kept.
    Only the text, the DOCID and the creation time of the input are kept: its other
    markup (EVENT, SIGNAL, its TIMEX3, MAKEINSTANCE, TLINK ...) is not written."""
    dct, dct_tid = _dct(doc)
    parts = [
        '<?xml version="1.0" ?>\n',
        '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n',
        f"<DOCID>{escape(doc.docid or docid)}</DOCID>\n",
        dct,
        "<TEXT>",
    ]
    text, at, number = doc.text, 0, 0
    for expr in timeml_output(times, text):
        number += 1
        if f"t{number}" == dct_tid:
            number += 1
        kind = expr.timex_type or "DATE"
        attributes = {"tid": f"t{number}", "type": kind, "value": written_value(expr)}
        parts.append(_text(text[at : expr.start]))
        parts.append(
            f"<TIMEX3{_attributes(attributes)}>{_text(text[expr.start : expr.end])}</TIMEX3>"
        )
        at = expr.end
    parts.append(_text(text[at:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)
