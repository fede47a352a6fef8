"""Clean: boilerplate out, dateline and publication date in, article id fixed.

``clean(raw, user_date) -> Article``. Events are never taken from boilerplate, so
the cleaned text is what every later stage reads (and what offsets point into).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from frontwatch.clean.dateline import parse_dateline
from frontwatch.clean.language import Identified, identify
from frontwatch.lexicons import load_toml, outlets
from frontwatch.models import Article, DateSource, RawDocument, content_id, implausible_date


@dataclass(frozen=True, slots=True)
class _LineRule:
    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Rules:
    lines: tuple[_LineRule, ...]
    caps_min_words: int
    caps_min_upper_share: float


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_toml("boilerplate.toml")
    wires = outlets().wire_alternation()
    lines = tuple(
        _LineRule(r["name"], re.compile(r["pattern"].replace("{wire}", wires)))
        for r in data["line"]
    )
    caps = data["all_caps"]
    return _Rules(lines, int(caps["min_words"]), float(caps["min_upper_share"]))


@dataclass(slots=True)
class _Removed:
    text: str
    outlet: str | None = None
    origin: str | None = None


def classify_line(line: str) -> _Removed | None:
    """Why a line is boilerplate (with any outlet/origin it names), or None."""
    stripped = line.strip()
    if not stripped:
        return None
    rules = _rules()
    for rule in rules.lines:
        match = rule.pattern.match(stripped)
        if match:
            groups = match.groupdict()
            origin = groups.get("origin")
            if origin:
                origin = outlets().wires.get(origin, origin)
            return _Removed(stripped, groups.get("outlet"), origin)
    if _is_all_caps(stripped, rules):
        return _Removed(stripped)
    return None


def _is_all_caps(line: str, rules: _Rules) -> bool:
    letters = [c for c in line if c.isalpha()]
    if len(line.split()) < rules.caps_min_words or not letters:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= rules.caps_min_upper_share


def strip_boilerplate(text: str) -> tuple[str, list[_Removed]]:
    """The text without boilerplate lines (paragraph breaks kept) and what was removed."""
    kept: list[str] = []
    removed: list[_Removed] = []
    for line in text.splitlines():
        verdict = classify_line(line)
        if verdict:
            removed.append(verdict)
        else:
            kept.append(line.rstrip())
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return cleaned, removed


def clean(raw: RawDocument, user_date: date | None = None) -> Article:
    """An ``Article`` from a raw document: boilerplate removed, date and dateline set."""
    text, removed = strip_boilerplate(raw.text)
    found = identify(text) if not raw.language else Identified(raw.language)
    article = Article(
        id=content_id(raw.text),
        path=raw.path,
        text=text,
        fmt=raw.fmt,
        title=raw.title,
        url=raw.url,
        outlet=raw.outlet,
        language=found.language,
        published=raw.published,
        date_source=raw.date_source,
        boilerplate=[r.text for r in removed],
        warnings=list(raw.warnings),
        origin=raw.origin,
        links=list(raw.links),
    )
    if found.mixed:
        article.flags.append("mixed-language:" + "+".join(found.languages))
    _plausible_or_none(article)  # whichever reader set it
    _apply_credits(article, removed)
    _apply_dateline(article)
    if article.published is None and user_date is not None:
        article.published, article.date_source = user_date, DateSource.USER
        _plausible_or_none(article)
    return article


def _plausible_or_none(article: Article) -> None:
    """Drop an out-of-range publication date (with a warning): the gate every date
    source passes before anything is resolved against it or stored."""
    if article.published is None:
        return
    implausible = implausible_date(article.published)
    if implausible:
        article.warnings.append(f"{article.date_source} date ignored: {implausible}")
        article.published, article.date_source = None, DateSource.UNKNOWN


def _apply_credits(article: Article, removed: list[_Removed]) -> None:
    for item in removed:
        if item.outlet and not article.outlet:
            article.outlet = item.outlet.title()
        if item.origin and not article.origin:
            article.origin = item.origin


def _apply_dateline(article: Article) -> None:
    dateline = parse_dateline(article.text, reference=article.published)
    if dateline is None:
        return
    if dateline.end > 0 and article.text[dateline.end - 1] == " ":
        # The dateline is a line of its own, so that "IZIUM, Ukraine -" never joins the
        # first sentence's subject; one space becomes one newline, so offsets hold.
        text = article.text
        article.text = text[: dateline.end - 1] + "\n" + text[dateline.end :]
    if dateline.place:
        article.dateline = dateline.place
        article.dateline_span = (dateline.place_start, dateline.place_end)
    if dateline.outlet:
        article.origin = article.origin or dateline.outlet
        article.outlet = article.outlet or dateline.outlet
    if dateline.published and article.published is None:
        article.published, article.date_source = dateline.published, DateSource.DATELINE
