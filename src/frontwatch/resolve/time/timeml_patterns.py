"""What TimeML annotates beyond frontwatch's event dating (lexicon ``data/timeml.toml``).

Durations ("a month", "90 days", "the past decade"), sets ("annually", "each
Thursday"), centuries, decades, quarters, BC years, the PRESENT_REF / PAST_REF /
FUTURE_REF references, year ranges ("2009-2010", split in two) and expressions
that hang on the narrative's last date ("the next day", "two weeks later").

Each is a ``Candidate`` whose notation is either a value ("=P3D", "=XXXX-WXX-4";
the family gives the TIMEX3 type) or one of two forms resolved later against the
reference time: ``Q:N`` / ``Q:last`` (a quarter) and ``N:+1d`` (a shift).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.lexicons import load_toml
from frontwatch.resolve.time.context import Candidate, count_of
from frontwatch.resolve.time.lexicon import alt, lexicon

# the TIMEX3 type of each family's value
TYPES = {
    "t_ref": "DATE",
    "t_set": "SET",
    "t_century": "DATE",
    "t_decade": "DATE",
    "t_bc": "DATE",
    "t_duration": "DURATION",
    "t_quarter": "DATE",
    "t_narrative": "DATE",
    "t_the_year": "DATE",
    "t_clock": "TIME",
}
_TIMEML_UNITS = {"d": "D", "w": "W", "m": "M", "y": "Y"}


@dataclass(frozen=True, slots=True)
class TimemlLexicon:
    references: dict[str, str]
    not_before: tuple[str, ...]
    sets: dict[str, str]
    quantifiers: tuple[str, ...]
    units: dict[str, str]
    duration_lead: tuple[str, ...]
    narrative: dict[str, str]
    narrative_shift: dict[str, int]
    ordinals: dict[str, int]
    latest_quarter: tuple[str, ...]
    current_quarter: tuple[str, ...]
    year_ago_quarter: tuple[str, ...]
    the_year: tuple[str, ...]
    the_year_ending: tuple[str, ...]
    year_back: tuple[str, ...]
    year_back_adjectives: tuple[str, ...]
    year_ago_sentences: int
    bc: tuple[str, ...]
    meridiem: tuple[str, ...]
    zones: tuple[str, ...]
    clock_words: dict[str, str]
    spelled: dict[str, dict[str, int]]
    thousand: str
    periods: dict[str, str]
    reporting_verbs: frozenset[str]
    month_direction: dict[str, str]
    span_prefixes: tuple[str, ...]
    past_date_ahead_days: int
    future_date_behind_days: int
    holidays: dict[str, str]
    prospective_words: frozenset[str]
    prospective_modals: frozenset[str]
    prospective_before: tuple[str, ...]
    prospective_participles: frozenset[tuple[str, str]]  # (participle, preposition)
    narrative_share: float
    narrative_years_before: int
    narrative_min_dates: int
    narrative_speech: float


@lru_cache(maxsize=1)
def timeml_lexicon() -> TimemlLexicon:
    """The TimeML lexicon from ``data/timeml.toml``, read once."""
    raw = load_toml("timeml.toml")
    doc = raw["narrative_document"]
    return TimemlLexicon(
        references={k: v for k, v in raw["references"].items() if k != "not_before"},
        not_before=tuple(raw["references"]["not_before"]),
        sets=dict(raw["sets"]),
        quantifiers=tuple(raw["set_quantifiers"]["words"]),
        units=dict(raw["units"]),
        duration_lead=tuple(raw["duration_lead"]["words"]),
        narrative=dict(raw["narrative"]),
        narrative_shift={k: int(v) for k, v in raw["narrative_shift"].items()},
        ordinals={k: int(v) for k, v in raw["ordinals"].items()},
        latest_quarter=tuple(raw["latest_quarter"]["words"]),
        current_quarter=tuple(raw["current_quarter"]["words"]),
        year_ago_quarter=tuple(raw["year_ago_quarter"]["words"]),
        year_back=tuple(raw["year_back"]["words"]),
        the_year=tuple(raw["the_year"]["words"]),
        the_year_ending=tuple(raw["the_year"]["ending"]),
        year_back_adjectives=tuple(raw["year_back"]["adjectives"]),
        year_ago_sentences=int(raw["year_back"]["sentences"]),
        bc=tuple(raw["bc"]["words"]),
        meridiem=tuple(raw["clock"]["meridiem"]),
        zones=tuple(raw["clock"]["zones"]),
        clock_words=dict(raw["clock"]["words"]),
        spelled={k: dict(raw["spelled_years"][k]) for k in ("hundreds", "tens", "teens", "ones")},
        thousand=str(raw["spelled_years"]["thousand"]),
        periods=dict(raw["periods"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]["lemmas"]),
        month_direction=dict(raw["month_direction"]),
        span_prefixes=tuple(raw["span_prefixes"]["words"]),
        past_date_ahead_days=int(raw["news"]["past_date_ahead_days"]),
        future_date_behind_days=int(raw["news"]["future_date_behind_days"]),
        holidays=dict(raw["holidays"]),
        prospective_words=frozenset(raw["prospective"]["words"]),
        prospective_modals=frozenset(raw["prospective"]["modals"]),
        prospective_before=tuple(raw["prospective"]["before"]),
        prospective_participles=frozenset(
            tuple(pair.split(" ", 1)) for pair in raw["prospective"]["participles"]
        ),
        narrative_share=float(doc["share"]),
        narrative_years_before=int(doc["years_before"]),
        narrative_min_dates=int(doc["min_dates"]),
        narrative_speech=float(doc["speech_time_share"]),
    )


def _norm(words: str) -> str:
    return re.sub(r"\s+", " ", words.lower()).strip()


Build = Callable[[re.Match[str]], Iterator[Candidate]]


class TimemlRecogniser:
    """The TimeML-only patterns, matched against the ASCII-lowercased text."""

    def __init__(self, tlex: TimemlLexicon) -> None:
        lex = lexicon()
        self.tlex = tlex
        self._text = ""
        counted = alt(k for k in lex.numbers if k != "couple")
        vague = alt(lex.vague)
        number = (
            rf"(?:\d{{1,3}}(?:,\d{{3}})?|(?:a\s+)?(?:{vague})|(?:a\s+)?couple(?:\s+of)?|{counted})"
        )
        self.units = {**lex.units, **tlex.units}
        units = alt(self.units)
        weekdays = alt(w for w in lex.weekdays if len(w) >= 6)
        months = alt(m for m in lex.months if len(m) > 3 or m == "may")
        shift = alt(tlex.narrative_shift)
        self.patterns: list[tuple[re.Pattern[str], Build]] = [
            (
                re.compile(rf"\b(?P<dir>{alt(tlex.month_direction)})\s+(?P<mon>{months})\b"),
                self._directed_month,
            ),
            (
                re.compile(
                    rf"\b(?P<w>{alt(tlex.references)})\b(?!\s+(?:{alt(tlex.not_before)})\b)"
                ),
                self._literal("t_ref"),
            ),
            (re.compile(rf"\b(?P<w>{alt(tlex.sets)})\b"), self._literal("t_set")),
            (
                re.compile(
                    rf"\b(?:{alt(tlex.quantifiers)})\s+(?:(?P<wd>{weekdays})|(?P<mon>{months}))\b"
                ),
                self._set_of,
            ),
            (re.compile(rf"\b(?P<w>{alt(tlex.narrative)})\b"), self._narrative),
            (
                re.compile(
                    rf"\b(?:(?P<dir>last|next|this)\s+)?(?P<h>{alt(tlex.holidays)})"
                    r"(?:,?\s+(?:of\s+)?(?P<y>1[5-9]\d\d|20\d\d))?(?![\w'])"
                ),
                self._holiday,
            ),
            (
                re.compile(rf"\b(?P<n>{number})[\s-]+(?P<u>{units})\s+(?P<s>{shift})\b"),
                self._shifted,
            ),
            *self._calendar_patterns(),
            *self._duration_patterns(number, units),
        ]

    def _calendar_patterns(self) -> list[tuple[re.Pattern[str], Build]]:
        """Centuries, decades, BC years, quarters, year ranges."""
        tlex = self.tlex
        ordinals = alt(tlex.ordinals)
        return [
            (
                re.compile(rf"\b(?:the\s+)?(?P<o>{ordinals})[\s-]+century\b"),
                self._century,
            ),
            (
                re.compile(
                    r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<y>1\d|20)(?P<d>\d)0'?s\b"
                ),
                self._decade,
            ),
            (
                re.compile(rf"\b(?P<y>\d{{1,4}})\s*(?:{alt(tlex.bc)})(?!\w)"),
                self._bc,
            ),
            *self._spelled_year_patterns(),
            (
                re.compile(
                    rf"(?<![\w.:])(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s*"
                    rf"(?P<ap>{alt(tlex.meridiem)})(?![\w])(?:\s+(?:{alt(tlex.zones)})\b)?"
                    rf"|\b(?P<w>{alt(tlex.clock_words)})\b"
                ),
                self._clock,
            ),
            (
                re.compile(
                    rf"\b(?:the\s+)?(?:fiscal\s+)?(?P<o>{ordinals})[\s-]+(?:fiscal\s+)?quarter\b"
                ),
                self._quarter,
            ),
            (re.compile(rf"\b(?:{alt(tlex.latest_quarter)})\b"), self._latest_quarter),
            (re.compile(rf"\b(?:{alt(tlex.current_quarter)})\b"), self._current_quarter),
            (re.compile(rf"\b(?:{alt(tlex.year_ago_quarter)})\b"), self._year_ago_quarter),
            (
                re.compile(rf"\b(?:{alt(tlex.year_back_adjectives)})\b(?![\s-]+old\b)"),
                self._year_back,
            ),
            (
                re.compile(
                    rf"\b(?:{alt(tlex.the_year)})\b(?!-|\s+(?:ago|earlier|before|\d)\b)"
                    rf"(?P<ending>\s+(?:{alt(tlex.the_year_ending)})\b)?"
                ),
                self._the_year,
            ),
            (
                re.compile(
                    r"\b(?P<a>1[5-9]\d{2}|20\d{2})\s*[-–—]\s*(?P<b>\d{2}|1[5-9]\d{2}|20\d{2})\b(?![-/.]\d)"
                ),
                self._year_range,
            ),
        ]

    def _spelled_year_patterns(self) -> list[tuple[re.Pattern[str], Build]]:
        """ "nineteen ninety-six", "the year two thousand", "two thousand and three"."""
        words = self.tlex.spelled
        ones, tens, teens = alt(words["ones"]), alt(words["tens"]), alt(words["teens"])
        rest = rf"(?:(?P<t>{tens})(?:[\s-]+(?P<o>{ones}))?|(?P<teen>{teens})|oh\s+(?P<z>{ones}))"
        return [
            (
                re.compile(rf"\b(?:the\s+year\s+)?(?P<h>{alt(words['hundreds'])})[\s-]+{rest}\b"),
                self._spelled_year,
            ),
            (
                re.compile(
                    rf"\b(?:the\s+year\s+)?{alt([self.tlex.thousand])}"
                    rf"(?:\s+(?:and\s+)?(?:(?P<o>{ones})|(?P<teen>{teens})))?\b"
                ),
                self._spelled_year,
            ),
        ]

    def _duration_patterns(self, number: str, units: str) -> list[tuple[re.Pattern[str], Build]]:
        """Counted durations ("90 days", "the past decade") and bare years, last: the
        longer candidates above win over them."""
        lead = alt(self.tlex.duration_lead)
        half = r"(?:\s+1/2|\s+and\s+a\s+half|-and-a-half)"
        not_age = r"(?![\s-]+(?:old|ago)\b)"
        return [
            (  # "2 1/2 years", "two and a half hours", "a year and a half"
                re.compile(
                    rf"\b(?:(?:{lead})\s+)*(?:(?P<n>{number}){half}[\s-]+(?P<u>{units})\b"
                    rf"|(?:an?|one)\s+(?P<u1>{units})\s+and\s+a\s+half\b){not_age}"
                ),
                self._half_duration,
            ),
            (
                re.compile(
                    rf"\b(?:(?:{lead})\s+)*(?P<n>{number})[\s-]+(?P<u>{units})(?:[\s-]+long)?\b"
                    r"(?![\s-]+(?:old|ago)\b)"
                ),
                self._duration,
            ),
            (
                re.compile(rf"\b(?:the\s+)?(?:(?:past|last|next|coming)\s+)(?P<u>{units})\b"),
                self._duration,
            ),
            (
                re.compile(
                    r"(?<![$\d,.])\b(?P<y>1[5-9]\d{2}|20\d{2})\b(?![-/.,]?\d|\s*%|\s+[a-z]+s\b)"
                ),
                self._bare_year,
            ),
        ]

    def scan(self, lowered: str, text: str) -> list[Candidate]:
        """Candidates of every TimeML-only family in the lowercased text (month names
        must be written with a capital in ``text``, as in the base recogniser)."""
        self._text = text
        found: list[Candidate] = []
        for pattern, build in self.patterns:
            for match in pattern.finditer(lowered):
                found.extend(build(match))
        return found

    def _capital(self, m: re.Match[str], group: str) -> bool:
        return self._text[m.start(group) : m.start(group) + 1].isupper()

    def _literal(self, family: str) -> Build:
        table = self.tlex.references if family == "t_ref" else self.tlex.sets

        def build(m: re.Match[str]) -> Iterator[Candidate]:
            yield Candidate(m.start(), m.end(), "=" + table[_norm(m["w"])], family)

        return build

    def _set_of(self, m: re.Match[str]) -> Iterator[Candidate]:
        lex = lexicon()
        if not self._capital(m, "wd" if m["wd"] else "mon"):
            return
        if m["wd"]:
            value = f"XXXX-WXX-{lex.weekdays[m['wd']] + 1}"
        else:
            value = f"XXXX-{lex.months[m['mon']]:02d}"
        yield Candidate(m.start(), m.end(), "=" + value, "t_set")

    def _directed_month(self, m: re.Match[str]) -> Iterator[Candidate]:
        if not self._capital(m, "mon"):
            return
        where = self.tlex.month_direction[_norm(m["dir"])]
        month = lexicon().months[m["mon"]]
        yield Candidate(m.start(), m.end(), f"M:{month:02d}{where}", "month")

    def _narrative(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(
            m.start(), m.end(), "N:" + self.tlex.narrative[_norm(m["w"])], "t_narrative"
        )

    def _holiday(self, m: re.Match[str]) -> Iterator[Candidate]:
        if not self._capital(m, "h"):
            return  # "easter" as a word, "labor day" as a common noun phrase
        rule = self.tlex.holidays[_norm(m["h"])]
        notation = f"H:{rule}|{m['dir'] or ''}|{m['y'] or ''}"
        yield Candidate(m.start(), m.end(), notation, "t_holiday")

    def _shifted(self, m: re.Match[str]) -> Iterator[Candidate]:
        unit = self.units[m["u"]]
        if unit not in ("d", "w", "m", "y"):
            return
        count = count_of(m["n"].replace(",", ""))
        sign = "+" if self.tlex.narrative_shift[m["s"]] > 0 else "-"
        yield Candidate(m.start(), m.end(), f"N:{sign}{count}{unit}", "t_narrative")

    def _duration(self, m: re.Match[str]) -> Iterator[Candidate]:
        unit = self.units[m["u"]]
        if unit == "Q" and "-" in m.group(0):
            return  # "three-quarters" is a fraction
        raw = m.groupdict().get("n")
        count = count_of(raw.replace(",", "")) if raw else "1"
        if not raw and m["u"].endswith("s"):
            count = "X"  # "coming weeks", "the past months": how many is not said
        start = m.start()
        if raw and "-" in m.group(0)[m.end("n") - m.start() :] and m.group(0).startswith("the"):
            start += len("the") + 1  # "the two-week talks": TimeML leaves "the" out
        yield Candidate(start, m.end(), "=" + duration_value(count, unit), "t_duration")

    def _half_duration(self, m: re.Match[str]) -> Iterator[Candidate]:
        count = count_of(m["n"].replace(",", "")) if m["n"] else "1"
        unit = self.units[m["u"] or m["u1"]]
        if count.isdigit() and (value := half_duration_value(int(count), unit)):
            yield Candidate(m.start(), m.end(), "=" + value, "t_duration")

    def _century(self, m: re.Match[str]) -> Iterator[Candidate]:
        number = self.tlex.ordinals[m["o"]]
        yield Candidate(m.start(), m.end(), f"={number - 1:02d}", "t_century")

    def _decade(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(m.start(), m.end(), f"={m['y']}{m['d']}", "t_decade")

    def _spelled_year(self, m: re.Match[str]) -> Iterator[Candidate]:
        words, found = self.tlex.spelled, m.groupdict()
        first = words["hundreds"][found["h"]] if found.get("h") else 20
        last = (
            words["tens"].get(found.get("t") or "", 0)
            + words["ones"].get(found.get("o") or found.get("z") or "", 0)
            + words["teens"].get(found.get("teen") or "", 0)
        )
        yield Candidate(m.start(), m.end(), f"{first * 100 + last:04d}", "year")

    def _clock(self, m: re.Match[str]) -> Iterator[Candidate]:
        if m["w"]:
            yield Candidate(m.start(), m.end(), "=T" + self.tlex.clock_words[m["w"]], "t_clock")
            return
        hour = int(m["h"]) % 12 + (12 if m["ap"].startswith("p") else 0)
        yield Candidate(m.start(), m.end(), f"=T{hour:02d}:{m['m'] or '00'}", "t_clock")

    def _bc(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(m.start(), m.end(), f"=BC{int(m['y']):04d}", "t_bc")

    def _quarter(self, m: re.Match[str]) -> Iterator[Candidate]:
        number = self.tlex.ordinals[m["o"]]
        start = m.start("o") if "-" in m.group(0) else m.start()  # "the third-quarter loss"
        if 1 <= number <= 4:
            yield Candidate(start, m.end(), f"Q:{number}", "t_quarter")

    def _latest_quarter(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(m.start(), m.end(), "Q:last", "t_quarter")

    def _current_quarter(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(m.start(), m.end(), "Q:current", "t_quarter")

    def _bare_year(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(m.start(), m.end(), m["y"], "year")

    def _year_ago_quarter(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(m.start(), m.end(), "Q:year-ago", "t_quarter")

    def _year_back(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(m.start(), m.end(), "Y[D-1y]", "period")

    def _the_year(self, m: re.Match[str]) -> Iterator[Candidate]:
        end = m.start("ending") if m["ending"] else m.end()
        if m["ending"]:  # "for the year ended March 31": a year long
            yield Candidate(m.start(), end, "=P1Y", "t_duration")
        else:
            yield Candidate(m.start(), end, "Y[D]", "t_the_year")

    def _year_range(self, m: re.Match[str]) -> Iterator[Candidate]:
        first, second = m["a"], m["b"]
        if len(second) == 2:
            second = first[:2] + second
        if int(second) <= int(first):
            return
        yield Candidate(m.start("a"), m.end("a"), first, "year")
        yield Candidate(m.start("b"), m.end("b"), second, "year")


def duration_value(count: str, unit: str) -> str:
    """The TimeML duration of a count and a unit code ("3", "d" -> "P3D"; "2", "TH" -> "PT2H")."""
    if unit in _TIMEML_UNITS:
        return f"P{count}{_TIMEML_UNITS[unit]}"
    if unit.startswith("T"):
        return f"PT{count}{unit[1:]}"
    if unit[:-1].isdigit():  # decades, centuries: in years
        years = f"{int(count) * int(unit[:-1])}" if count.isdigit() else "X"
        return f"P{years}{unit[-1]}"
    return f"P{count}{unit}"


def half_duration_value(count: int, unit: str) -> str | None:
    """A count and a half of a unit, written in it and the next smaller one, as
    TimeBank does ("2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M, "a minute and a half"
    PT1M30S); None for a unit without a smaller one here (quarters)."""
    halves = {"y": "6M", "m": "15D", "w": "3DT12H", "d": "T12H", "TH": "30M", "TM": "30S"}
    if unit[:-1].isdigit():  # decades, centuries: in years
        size = int(unit[:-1])
        return f"P{count * size + size // 2}{unit[-1]}"
    if unit not in halves:
        return None
    whole = duration_value(str(count), unit)
    return whole + halves[unit]


@lru_cache(maxsize=1)
def timeml_recogniser() -> TimemlRecogniser:
    return TimemlRecogniser(timeml_lexicon())
