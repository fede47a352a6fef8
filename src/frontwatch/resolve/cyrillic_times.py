"""Time expressions in Ukrainian and Russian text, in frontwatch's relative notation.

``find_cyrillic_times(article) -> [TimeExpr]``. The words and date forms are data
(``[time]`` of data/lexicon.LANG.toml): relative words ("вчора", "за минувшие сутки"),
day-and-month dates with or without a year ("24 лютого", "14 марта 2022 года"),
"the night to" a date ("в ночь на 14 марта": the night that ends on that day), weekdays
("у понеділок"), and numeric dates ("14.03.2022"). Each is kept relative (``D-1``,
``MD:03-14<=D``) while the article date is unknown and resolved against it when known,
exactly as English expressions are (resolve/timenotation.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.lexicons import load_toml
from frontwatch.models import Article, TimeExpr, TimePrecision
from frontwatch.resolve.timenotation import NotationError, evaluate, uses_article_date

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_NUMERIC = r"(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>\d{4})"


@dataclass(frozen=True, slots=True)
class _TimeRules:
    pattern: re.Pattern[str]
    words: dict[str, str]
    months: dict[str, int]
    weekdays: dict[str, int]


def _alt(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=4)
def time_rules(language: str) -> _TimeRules:
    data = load_toml(f"lexicon.{language}.toml")["time"]
    words = {k.lower(): v for k, v in data["words"].items()}
    dates = data["dates"]
    months = {m: i + 1 for i, m in enumerate(dates["months"])}
    weekdays = {form: i for i, forms in enumerate(dates["weekdays"]) for form in forms}
    day_month = (
        rf"(?P<night>(?:{_alt(dates['night_of'])})\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{_alt(list(months))})"
        rf"(?:\s+(?P<y>\d{{4}})(?:\s*(?:{_alt(dates['year_words'])}))?)?"
    )
    weekday = rf"(?:(?:у|в|во)\s+)(?P<wd>{_alt(list(weekdays))})"
    pattern = re.compile(
        rf"(?<!\w)(?:{day_month}|{_NUMERIC}|{weekday}|(?P<w>{_alt(list(words))}))(?!\w)",
        re.IGNORECASE,
    )
    return _TimeRules(pattern, words, months, weekdays)


def _notation(m: re.Match[str], rules: _TimeRules) -> str:
    if m.group("w"):
        return rules.words[m.group("w").lower()]
    if m.group("wd"):
        return f"WD:{_WEEKDAYS[rules.weekdays[m.group('wd').lower()]]}<=D"
    if m.group("nd"):
        return f"{int(m.group('ny')):04d}-{int(m.group('nm')):02d}-{int(m.group('nd')):02d}"
    day, month = int(m.group("d")), rules.months[m.group("m").lower()]
    one = (
        f"{int(m.group('y')):04d}-{month:02d}-{day:02d}"
        if m.group("y")
        else f"MD:{month:02d}-{day:02d}<=D"
    )
    return f"({one})-1..{one}" if m.group("night") else one


def find_cyrillic_times(article: Article) -> list[TimeExpr]:
    """Every time expression of a Ukrainian or Russian article, in text order."""
    rules = time_rules(article.language or "uk")
    times: list[TimeExpr] = []
    for m in rules.pattern.finditer(article.text):
        notation = _notation(m, rules)
        try:
            interval = evaluate(notation, article.published)
        except NotationError:  # an impossible date ("31 лютого"): no expression
            continue
        times.append(
            TimeExpr(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                date_start=interval.start,
                date_end=interval.end,
                precision=TimePrecision(interval.precision),
                relative=notation if uses_article_date(notation) else None,
            )
        )
    return times
