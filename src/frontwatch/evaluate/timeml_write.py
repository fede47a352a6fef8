"""Writing frontwatch's own TimeML: the input's text and creation time, our TIMEX3 tags.

``write_timeml(doc, times)`` gives a TimeML 1.2.1 document whose ``<TEXT>`` holds
exactly the characters of the input's text (so any TempEval-3 style scorer can
align it with the gold file) with one ``<TIMEX3 tid type value>`` per
expression of ``timeml_times``, and whose ``<DCT>`` is the input's creation
time. The expressions and values written are exactly those ``frontwatch eval
time`` scores (``timeml_output``, ``written_value``): an expression whose value
could not be resolved is written with TimeML's unknown value ("XXXX-XX-XX" for
a date, "PXX" for a duration).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from frontwatch.evaluate.timeml import timeml_output, written_value
from frontwatch.evaluate.timeml_read import TimeMLDocument
from frontwatch.models import TimeExpr


def output_name(path: Path) -> str:
    """The file name of the TimeML written for an input ("01_WW2.key.xml" -> "01_WW2.tml")."""
    name = path.name
    for suffix in (".key.xml", ".tml", ".xml", ".sgm"):
        if name.endswith(suffix):
            return name[: -len(suffix)] + ".tml"
    return name + ".tml"


def write_timeml(doc: TimeMLDocument, times: list[TimeExpr], docid: str) -> str:
    """The TimeML document (module doc); of overlapping expressions the first is kept."""
    dct_value = doc.dct_value or (doc.dct.isoformat() if doc.dct else "")
    parts = [
        '<?xml version="1.0" ?>\n',
        '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n',
        f"<DOCID>{escape(docid)}</DOCID>\n",
    ]
    if dct_value:
        parts.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(dct_value)} '
            f'temporalFunction="false" functionInDocument="CREATION_TIME">'
            f"{escape(dct_value)}</TIMEX3></DCT>\n"
        )
    parts.append("<TEXT>")
    text, at = doc.text, 0
    for tid, expr in enumerate(timeml_output(times, text), start=1):
        kind = expr.timex_type or "DATE"
        value = written_value(expr)
        parts.append(escape(text[at : expr.start]))
        parts.append(
            f'<TIMEX3 tid="t{tid}" type="{kind}" value={quoteattr(value)}>'
            f"{escape(text[expr.start : expr.end])}</TIMEX3>"
        )
        at = expr.end
    parts.append(escape(text[at:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)
