"""Quantities: numbers with their units and qualifiers ("as much as 3 kilometers")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from frontwatch.extract.lexicon import lexicon
from frontwatch.lexicons import load_toml
from frontwatch.models import Quantity, TimeExpr, TimePrecision

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_YEARISH = range(1900, 2101)


def number_value(token: Token) -> float | None:
    text = token.text.lower().rstrip("%")
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    lex = lexicon()
    value = lex.numbers.get(text)
    if value is not None and token.i > 0 and token.doc[token.i - 1].lower_ in lex.negators:
        return 0.0  # "no one was killed"
    if value is not None and value < 10 and token.i > 1 and token.doc[token.i - 1].text == "-":
        tens = lex.numbers.get(token.doc[token.i - 2].lower_)  # "Twenty-one": 21, not 1
        if tens is not None and 20 <= tens <= 90 and tens % 10 == 0:
            return tens + value
    return value


def quantities_in(tokens: Iterable[Token]) -> list[Quantity]:
    """Quantities among ``tokens`` (numbers attached to a unit noun or a percent sign)."""
    found: list[Quantity] = []
    for token in tokens:
        value = number_value(token)
        if value is None or token.ent_type_ in ("DATE", "TIME", "ORDINAL"):
            continue
        if value in _YEARISH and token.head.ent_type_ == "DATE":
            continue
        quantity = _with_unit(token, value)
        if quantity:
            found.append(quantity)
    return found


def _with_unit(token: Token, value: float) -> Quantity | None:
    lex = lexicon()
    doc = token.doc
    unit_token: Token | None = None
    if token.text.endswith("%"):
        unit = "percent"
        end = token.i + 1
    elif (spelled := _unit_after(token)) is not None:
        unit, end = spelled
    elif (token.dep_ == "nummod" or token.head.i > token.i) and counts_noun(token, token.head):
        unit_token = token.head
        if unit_token.pos_ not in ("NOUN", "PROPN"):
            return None
        unit = lex.units.get(unit_token.lower_, unit_token.lower_)
        end = unit_token.i + 1
    else:
        return None
    start_token = token.i
    qualifier = _qualifier(token)
    if qualifier:
        start_token -= len(qualifier.split())
    span = doc[max(start_token, 0) : end]
    return Quantity(value, unit, span.text, qualifier, span.start_char, span.end_char)


def counts_noun(number: Token, noun: Token) -> bool:
    """Whether ``number`` counts ``noun`` and not the next field of a record: no colon or
    full stop lies between them ("Fatalities: 0. 6 injured": the 6 counts no fatalities)."""
    low, high = sorted((number.i, noun.i))
    return not any(t.text in (":", ".", ";") for t in number.doc[low + 1 : high])


_LIST_MARKS = frozenset({",", ";", "and", "&", "/", "|", "+"})


def listed_count(token: Token) -> Token | None:
    """A list of tolls ("2 civilians killed, 5 injured", "two killed and five wounded"):
    the count right before a bare participle, however the parser hung the list (it read
    "2 civilians" as the subject of "injured")."""
    if token.tag_ not in ("VBN", "VBD", "JJ") or token.i == 0:
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return None
    doc = token.doc
    head = doc[token.i - 1]
    first = head
    if not head.like_num:
        numbers = [t for t in doc[max(token.sent.start, head.i - 2) : head.i] if t.like_num]
        if head.pos_ not in ("NOUN", "PROPN") or not numbers:
            return None
        first = numbers[-1]  # "2 civilians", "3 Ukrainian soldiers"
        if any(t.is_punct for t in doc[first.i : head.i]):
            return None
    after = doc[token.i + 1] if token.i + 1 < token.sent.end else None
    before = doc[first.i - 1] if first.i > token.sent.start else None
    ends = after is None or _list_mark(after)
    opens = before is None or _list_mark(before)
    if not (ends and opens) or first.ent_type_ in ("DATE", "TIME"):
        return None
    return head


def _list_mark(token: Token) -> bool:
    """A comma, "and", a dash, an arrow, a pictograph: what parts the items of a list."""
    return token.lower_ in _LIST_MARKS or not any(ch.isalnum() for ch in token.text)


def field_head(token: Token) -> bool:
    """The name of a field with a figure: "Fatalities: 2" (ACLED's notes end so), "Killed: 3"."""
    figure = field_figure(token) if token.dep_ == "ROOT" else None
    return figure is not None and figure.like_num


def field_figure(token: Token) -> Token | None:
    """The token after a field name's colon ("Fatalities: 2", "Fatalities: unknown"), the
    field's value; None when no colon follows the word."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != ":":
        return None
    return doc[token.i + 2]


def _unit_after(token: Token) -> tuple[str, int] | None:
    """A unit written after the number ("3 km", "98 per cent"): (unit, end token)."""
    doc, units = token.doc, lexicon().units
    for width in (2, 1):
        words = doc[token.i + 1 : token.i + 1 + width]
        if len(words) == width and words.text.lower() in units:
            return units[words.text.lower()], token.i + 1 + width
    return None


def _qualifier(token: Token) -> str | None:
    doc = token.doc
    before = doc[max(token.i - 3, 0) : token.i].text.lower()
    for qualifier in lexicon().qualifiers:
        if before.endswith(qualifier):
            return qualifier
    return None


def fatalities(quantities: list[Quantity], trigger: Token) -> int | None:
    """Deaths counted by the event, only where the text counts deaths."""
    lex = lexicon()
    if trigger.lemma_.lower() not in lex.death_verbs:
        return None
    deaths = [q for q in quantities if q.unit in lex.death_units]
    return int(sum(q.value for q in deaths)) if deaths else None


@lru_cache(maxsize=1)
def _tally_pattern() -> re.Pattern[str]:
    windows = sorted(load_toml("quantities.toml")["tally"]["windows"], key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in str(p).split()) for p in windows)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def tally_window(text: str) -> tuple[int, int] | None:
    """Where ``text`` names the 24-hour window of a tally ("per day", "in a day", "over
    the past 24 hours": data/quantities.toml [tally]) as (start, end), else None."""
    found = _tally_pattern().search(text)
    return found.span() if found else None


def tally_time(sent: Span, published: date | None) -> TimeExpr | None:
    """ "Over 40 soldiers killed in 24 hours", "lost 30 people per day": a tally of the
    24 hours before the report, [article date - 1, article date]."""
    if published is None:
        return None
    found = tally_window(sent.text)
    if found is None:
        return None
    start, end = sent.start_char + found[0], sent.start_char + found[1]
    return TimeExpr(
        start,
        end,
        sent.doc.text[start:end],
        published - timedelta(days=1),
        published,
        TimePrecision.RANGE,
        timex_type="DURATION",
        value="P1D",
    )
