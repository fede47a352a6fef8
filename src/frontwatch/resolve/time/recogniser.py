"""The recogniser: precompiled patterns, one per family, and a builder for each."""

from __future__ import annotations

import re
from functools import lru_cache

from frontwatch.resolve.time.combine import Combiner
from frontwatch.resolve.time.context import (
    Builder,
    Candidate,
    Context,
    capitalised,
    count_of,
    dateparse,
    find_all,
    in_name,
    is_modal,
    is_verb,
    unit_of,
    valid_day,
)
from frontwatch.resolve.time.lexicon import Lexicon, alt, lexicon
from frontwatch.resolve.timenotation import WEEKDAY_CODES

Pattern = tuple[str, re.Pattern[str], Builder]
_FLAGS = 0  # patterns are matched against the ASCII-lowercased text


class Recogniser:
    """Precompiled patterns, one per family, built from the lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        # the order is kept: of two equally long candidates the earlier family wins
        self.patterns: list[Pattern] = [
            *self._date_patterns(),
            *self._day_patterns(),
            *self._relative_patterns(),
        ]
        self.keys = self._family_keys()
        self.key_names = {family: "|".join(keys) for family, keys in self.keys.items()}
        self.combiner = Combiner(lex)

    def _date_patterns(self) -> list[Pattern]:
        """Absolute dates and dates with the year left out."""
        lex = self.lex
        months = alt(lex.months)
        full_months = alt(m for m in lex.months if len(m) > 3 or m == "may")
        day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        return [
            # "2024-06-08", and a log's "2024/06/08" or "2024.06.08" (year first)
            (
                "iso",
                re.compile(r"\b(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})\b"),
                self._iso,
            ),
            (
                "numeric",
                re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d{2})\b"),
                self._numeric,
            ),
            (
                "full_date",
                re.compile(
                    rf"\b(?P<mon>{months})\.?\s+{day},?\s+(?P<y>\d{{4}})\b"
                    rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{months})\.?,?\s+(?P<y2>\d{{4}})\b",
                    _FLAGS,
                ),
                self._full_date,
            ),
            (
                "day_range",
                re.compile(
                    rf"\b(?P<d1>[0-3]?\d)(?:\s*[-–—]\s*|\s+to\s+)(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
                    rf"(?:of\s+)?(?P<mon>{months})\b\.?(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
                    rf"|\b(?P<mon2>{months})\.?\s+(?P<e1>[0-3]?\d)\s*[-–—]\s*(?P<e2>[0-3]?\d)\b"
                    rf"(?:,?\s+(?P<y2>(?:19|20)\d{{2}})\b)?",
                    _FLAGS,
                ),
                self._day_range,
            ),
            (
                "month_year",
                re.compile(rf"\b(?P<mon>{months})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b", _FLAGS),
                self._month_year,
            ),
            (
                "month_day",
                re.compile(
                    rf"\b(?P<mon>{months})\.?\s+{day}\b(?!\s*(?:%|,?\s*\d))"
                    rf"|\b(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{months})\b\.?",
                    _FLAGS,
                ),
                self._month_day,
            ),
            (
                "month",
                re.compile(
                    rf"\b(?:(?P<part>{alt(lex.part_of_month)})[\s-]+)?(?P<mon>{full_months})\b",
                    _FLAGS,
                ),
                self._month,
            ),
            ("year", re.compile(r"\b(?P<y>1[89]\d{2}|20\d{2})\b(?![-/.]?\d|\s*%)"), self._year),
        ]

    def _day_patterns(self) -> list[Pattern]:
        """Days named relative to the article date: weekdays, "yesterday", weekends."""
        lex = self.lex
        weekdays = alt(lex.weekdays)
        return [
            (
                "weekday",
                re.compile(
                    rf"\b(?:(?P<mod>{alt(lex.day_modifiers)})\s+)?"
                    rf"(?:(?P<dir>{alt(lex.weekday_direction)})\s+)?"
                    rf"(?P<wd>{weekdays})\b(?P<dot>\.)?"
                    rf"(?:\s+(?P<part>{alt(lex.day_parts)})\b)?",
                    _FLAGS,
                ),
                self._weekday,
            ),
            (
                "deictic",
                re.compile(
                    rf"\b(?P<w>{alt(lex.deictic)})\b(?:\s+(?P<part>{alt(lex.day_parts)})\b)?",
                    _FLAGS,
                ),
                self._deictic,
            ),
            ("period", re.compile(rf"\b(?P<w>{alt(lex.periods)})\b", _FLAGS), self._period),
            ("weekend", re.compile(rf"\b(?P<w>{alt(lex.weekend)})\b", _FLAGS), self._weekend),
        ]

    def _relative_patterns(self) -> list[Pattern]:
        """Counted spans ("three days ago", "for two weeks"), references, seasons."""
        lex = self.lex
        counted = alt(k for k in lex.numbers if k != "couple")
        number = rf"(?:\d{{1,3}}|(?:a\s+)?(?:{alt(lex.vague)})|(?:a\s+)?couple(?:\s+of)?|{counted})"
        units = alt(lex.units)
        plural_units = alt(u for u in lex.units if u.endswith("s"))
        return [
            (
                "ago",
                re.compile(rf"\b(?P<n>{number})\s+(?P<u>{units})\s+ago\b", _FLAGS),
                self._ago,
            ),
            (
                "past_n",
                re.compile(
                    rf"\b(?:the\s+)?(?:past|last|previous)\s+(?P<n>{number})\s+(?P<u>{plural_units})\b",
                    _FLAGS,
                ),
                self._past_n,
            ),
            (
                "duration",
                re.compile(
                    rf"\bfor\s+(?:the\s+(?:past|last)\s+)?(?:(?P<n>{number})\s+)?(?P<u>{plural_units}|{units})\b",
                    _FLAGS,
                ),
                self._duration,
            ),
            (
                "reference",
                re.compile(rf"\b(?P<w>{alt(lex.references)})\b", _FLAGS),
                self._reference,
            ),
            (
                "season",
                re.compile(
                    rf"\b(?P<dir>{alt(lex.season_direction)})\s+(?P<s>{alt(lex.seasons)})\b",
                    _FLAGS,
                ),
                self._season,
            ),
            (
                "span_of",
                re.compile(rf"\b(?P<n>{number})\s+(?P<u>{units})\s+of\b", _FLAGS),
                self._span_of,
            ),
        ]

    # Each builder turns a match into a Candidate (or None to reject it).

    def _iso(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not valid_day(y, mo, d):
            return None
        return Candidate(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", "iso")

    def _numeric(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        parsed = dateparse(m.group(0))
        if parsed is None:
            return None
        return Candidate(m.start(), m.end(), parsed.isoformat(), "numeric")

    def _full_date(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        if not capitalised(ctx, m, "mon" if m["mon"] else "mon2"):
            return None
        parsed = dateparse(m.group(0))
        if parsed is None:
            return None
        return Candidate(m.start(), m.end(), parsed.isoformat(), "full_date")

    def _day_range(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        """ "23-27 September", "Sept. 23-27, 2022", "the night of 3 to 4 June": days of one
        month."""
        group = "mon" if m["mon"] else "mon2"
        if not capitalised(ctx, m, group):
            return None
        month = self.lex.months[m[group]]
        first, last = int(m["d1"] or m["e1"]), int(m["d2"] or m["e2"])
        year = m["y"] or m["y2"]
        if not 1 <= first < last <= 31:
            return None
        end = m.end() - (1 if m.group(0).endswith(".") else 0)
        if year:
            if not (valid_day(int(year), month, first) and valid_day(int(year), month, last)):
                return None
            notation = f"{year}-{month:02d}-{first:02d}..{year}-{month:02d}-{last:02d}"
            return Candidate(m.start(), end, notation, "day_range")
        notation = f"{{range}}MD:{month:02d}-{first:02d}{{c}}D|MD:{month:02d}-{last:02d}{{c}}D"
        return Candidate(m.start(), end, notation, "day_range")

    def _month_year(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        if not capitalised(ctx, m, "mon"):
            return None
        month = self.lex.months[m["mon"]]
        return Candidate(m.start(), m.end(), f"{m['y']}-{month:02d}", "month_year")

    def _month_day(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        mon = m["mon"] or m["mon2"]
        day = int(m["d"] or m["d2"])
        if not capitalised(ctx, m, "mon" if m["mon"] else "mon2") or not 1 <= day <= 31:
            return None
        month = self.lex.months[mon.lower()]
        if mon.lower() == "may" and m["mon"] and is_modal(ctx, m.start("mon")):
            return None
        end = m.end() - (1 if m.group(0).endswith(".") else 0)
        return Candidate(m.start(), end, f"MD:{month:02d}-{day:02d}{{c}}D", "month_day")

    def _month(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        mon = m["mon"]
        if not capitalised(ctx, m, "mon") or is_verb(ctx, m.start("mon")):
            return None
        if in_name(ctx, m.start("mon")):
            return None  # "April Ryan", "June Medical Services"
        month = self.lex.months[mon.lower()]
        notation = f"M:{month:02d}{{c}}D"
        if m["part"]:
            first, last = self.lex.part_of_month[re.sub(r"\s+", " ", m["part"].lower())]
            notation = f"({notation})@{first}-{last}"
        return Candidate(m.start(), m.end(), notation, "month")

    def _year(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        before = ctx.text[max(0, m.start() - 12) : m.start()].split()
        prep = before[-1].lower() if before else ""
        token = ctx.token_at(m.start())
        tagged = token is not None and token.ent_type_ == "DATE"
        if prep not in self.lex.year_prepositions and not tagged:
            return None
        return Candidate(m.start(), m.end(), m["y"], "year")

    def _weekday(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        name = m["wd"]
        full = len(name) >= 6  # "monday"; abbreviations ("Tues.") need their dot
        if not capitalised(ctx, m, "wd") or (not full and not m["dot"]):
            return None
        if full and in_name(ctx, m.start("wd")):
            return None  # "Black Friday Sales Ltd" (a dotted "Fri." is always a day)
        code = WEEKDAY_CODES[self.lex.weekdays[name.lower()]]
        direction = m["dir"] and self.lex.weekday_direction[re.sub(r"\s+", " ", m["dir"].lower())]
        cmp = direction if direction and direction != "~" else "{c}"
        end = m.end() - 1 if full and m["dot"] and not m["part"] else m.end()  # "Monday."
        return Candidate(m.start(), end, f"WD:{code}{cmp}D", "weekday")

    def _deictic(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        offset = self.lex.deictic[re.sub(r"\s+", " ", m["w"].lower())]
        notation = "D" if offset == 0 else f"D{offset:+d}"
        return Candidate(m.start(), m.end(), notation, "deictic")

    def _period(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        notation = self.lex.periods[re.sub(r"\s+", " ", m["w"].lower())]
        return Candidate(m.start(), m.end(), notation, "period")

    def _weekend(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        direction = self.lex.weekend[re.sub(r"\s+", " ", m["w"].lower())]
        cmp = direction if direction != "~" else "{c}"
        return Candidate(m.start(), m.end(), f"WE{cmp}D", "weekend")

    def _reference(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        notation = self.lex.references[re.sub(r"\s+", " ", m["w"])]
        return Candidate(m.start(), m.end(), notation, "reference")

    def _season(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        first, length = self.lex.seasons[m["s"]]
        prefix = re.sub(r"\s+", " ", m["dir"])
        direction = self.lex.season_direction[prefix]
        cmp = direction if direction != "~" else "{c}"
        start = f"(M:{first:02d}{cmp}D)"
        notation = f"{start}..MO[{start}+{length - 1}m]"
        span_start = m.start("s") if prefix.endswith(" the") else m.start()
        return Candidate(span_start, m.end(), notation, "season")

    def _ago(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        count, unit = count_of(m["n"]), unit_of(m["u"])
        holder = {"d": "", "w": "W", "m": "MO", "y": "Y"}[unit]
        shifted = f"D-{count}{unit}"
        return Candidate(m.start(), m.end(), f"{holder}[{shifted}]" if holder else shifted, "ago")

    def _past_n(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        count, unit = count_of(m["n"]), unit_of(m["u"])
        return Candidate(m.start(), m.end(), f"D-{count}{unit}..D", "past_n")

    def _duration(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        count = count_of(m["n"]) if m["n"] else "X"
        unit = unit_of(m["u"])
        if not m["n"] and not m["u"].lower().endswith("s"):
            return None  # "for day" is not a duration
        return Candidate(m.start(), m.end(), f"{{dur}}{count}{unit}", "duration")

    def _span_of(self, m: re.Match[str], ctx: Context) -> Candidate | None:
        count = count_of(m["n"])
        if count == "X":
            return None
        return Candidate(m.start(), m.end() - 2, f"{{span}}{count}{unit_of(m['u'])}", "span_of")

    # --- whole-text scan ---

    def _family_keys(self) -> dict[str, tuple[str, ...]]:
        """Words one of which every match of a family contains (None: four digits)."""
        lex = self.lex
        months = tuple(lex.months)
        units = tuple(lex.units)
        return {
            "full_date": months,
            "day_range": months,
            "month_year": months,
            "month_day": months,
            "month": months,
            "weekday": tuple(lex.weekdays),
            "deictic": tuple(sorted({k.split()[-1] for k in lex.deictic})),
            "period": tuple(sorted({k.split()[-1] for k in lex.periods})),
            "weekend": tuple(sorted({k.split()[-1] for k in lex.weekend})),
            "ago": ("ago",),
            "past_n": units,
            "duration": units,
            "span_of": units,
            "reference": tuple(sorted({k.split()[-1] for k in lex.references})),
            "season": tuple(lex.seasons),
        }

    def _windows(self, ctx: Context, family: str) -> list[tuple[int, int]]:
        """Stretches of the text around the family's key words, merged; whole words."""
        keys = self.keys.get(family)
        if keys is None:
            return ctx.windows_at("", lambda: ctx.four_digits)
        return ctx.windows_at(self.key_names[family], lambda: find_all(ctx.lowered, keys))

    def scan(self, ctx: Context) -> list[Candidate]:
        """Candidates of every family, overlaps resolved, ranges combined."""
        return self.combiner.combine(self.candidates(ctx), ctx.text)

    def candidates(self, ctx: Context) -> list[Candidate]:
        """Every family's matches, overlapping, uncombined."""
        found: list[Candidate] = []
        for family, pattern, builder in self.patterns:
            for lo, hi in self._windows(ctx, family):
                for match in pattern.finditer(ctx.lowered, lo, hi):
                    cand = builder(match, ctx)
                    if cand is not None:
                        found.append(cand)
        return found


@lru_cache(maxsize=1)
def recogniser() -> Recogniser:
    return Recogniser(lexicon())
