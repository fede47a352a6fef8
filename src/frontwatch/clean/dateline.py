"""Datelines and dates stated in the text itself.

Contract:
- ``parse_dateline(text, reference=None) -> Dateline | None`` finds a dateline at
  the start of an article's text, or at the start of one of its first
  paragraphs (a caption or a photo credit may come first): "IZIUM, Ukraine -",
  "KYIV (Reuters) -", "KYIV, Sept 20 (Reuters) -", "LONDON, Feb 15 (AP) —",
  "[Central News Agency]", "(Reuters) -". It gives the place as written with
  its offsets (None when the dateline names only an outlet), the outlet by its
  canonical name (lexicon: ``data/outlets.toml``) and, when the dateline carries
  a date, that date (``date_text`` as written; ``published`` when the date has a
  year or a ``reference`` date gives one: the year that puts it nearest the
  reference). Offsets are into ``text``. Never raises.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from frontwatch.lexicons import load_toml, outlets
from frontwatch.models import Dateline, implausible_date

# How far into the text a dateline is looked for, and in how many paragraphs.
_MAX_CHARS = 1500
_MAX_PARAGRAPHS = 6
_DASH = r"\s*(?:-{1,2}|–|—|:)\s"


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    return dict(load_toml("time.toml")["months"])


def canonical_outlet(name: str, bracketed: bool = False) -> str | None:
    """The canonical outlet for a name in a dateline, or None if it is not one.

    Listed spellings map to their outlet. An unlisted name counts when it is
    short and capitalised, and (for a bracketed name) contains a news word.
    """
    lex = outlets()
    clean = re.sub(r"\s+", " ", name).strip()
    if clean.lower() in lex.by_spelling:
        return lex.by_spelling[clean.lower()]
    words = clean.split()
    if not words or len(words) > 5 or not all(w[:1].isupper() for w in words):
        return None
    if bracketed and not any(w.lower() in lex.news_words for w in words):
        return None
    return clean


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    caps_word = r"[A-Z][A-Z'’.\-]+"
    title_word = r"[A-Z][a-z'’.\-]+"
    any_word = r"[A-Z][A-Za-z'’.\-]+"
    place = (
        rf"(?P<place>{caps_word}(?:\s+{caps_word}){{0,3}}|{title_word}(?:\s+{title_word}){{0,2}})"
    )
    region = rf"(?:,\s*(?P<region>{any_word}(?:\s+{any_word}){{0,2}}))"
    when = (
        rf"(?P<date>(?P<mon>(?i:{months}))\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?"
        rf"|(?P<day2>\d{{1,2}})\s+(?P<mon2>(?i:{months}))\.?(?:,?\s+(?P<year2>\d{{4}}))?)"
    )
    outlet = r"\((?P<outlet>[^()\n]{2,40})\)"
    placed = re.compile(rf"{place}{region}?(?:,\s*{when})?(?:\s*{outlet})?{_DASH}")
    bare_outlet = re.compile(rf"{outlet}{_DASH}")
    bracket = re.compile(r"\[(?P<outlet>[^\[\]\n]{2,40})\]\s*")
    return placed, bare_outlet, bracket


def _paragraph_starts(text: str) -> list[int]:
    starts = [len(text) - len(text.lstrip())]
    for match in re.finditer(r"\n\s*", text[:_MAX_CHARS]):
        if len(starts) >= _MAX_PARAGRAPHS:
            break
        if match.end() < len(text):
            starts.append(match.end())
    return starts


def parse_dateline(text: str, reference: date | None = None) -> Dateline | None:
    """The dateline of an article (see the module doc), or None."""
    if not text:
        return None
    placed, bare_outlet, bracket = _patterns()
    for pos in _paragraph_starts(text):
        found = (
            _placed(placed.match(text, pos), reference)
            or _outlet_only(bare_outlet.match(text, pos), bracketed=False)
            or _outlet_only(bracket.match(text, pos), bracketed=True)
        )
        if found is not None:
            return found
    return None


def _placed(match: re.Match[str] | None, reference: date | None) -> Dateline | None:
    if match is None:
        return None
    place = match["place"]
    outlet = canonical_outlet(match["outlet"]) if match["outlet"] else None
    if match["outlet"] and outlet is None:
        return None
    is_caps = place.upper() == place
    if not is_caps and not (outlet or match["date"] or match["region"]):
        return None  # "Kyiv - ..." alone is too weak a signal in title case
    if place.lower() in _months():
        return None
    date_text = match["date"]
    return Dateline(
        place=place,
        start=match.start(),
        end=match.end(),
        place_start=match.start("place"),
        place_end=match.end("place"),
        outlet=outlet,
        published=_dateline_date(match, reference) if date_text else None,
        date_text=date_text,
    )


def _outlet_only(match: re.Match[str] | None, bracketed: bool) -> Dateline | None:
    if match is None:
        return None
    outlet = canonical_outlet(match["outlet"], bracketed=bracketed)
    if outlet is None:
        return None
    return Dateline(place=None, start=match.start(), end=match.end(), outlet=outlet)


def _dateline_date(match: re.Match[str], reference: date | None) -> date | None:
    """The dateline's date: its own year, else the year nearest the reference date."""
    month = _months()[(match["mon"] or match["mon2"]).lower()]
    day = int(match["day"] or match["day2"])
    year_text = match["year"] or match["year2"]
    years: list[int]
    if year_text:
        years = [int(year_text)]
    elif reference is not None:
        years = [reference.year - 1, reference.year, reference.year + 1]
    else:
        return None
    options = []
    for year in years:
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if implausible_date(found) is None:
            options.append(found)
    if not options:
        return None
    if reference is None:
        return options[0]
    return min(options, key=lambda d: abs((d - reference).days))
