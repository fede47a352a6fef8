"""Combining candidates: overlaps, ranges, "since X", "N days of ... ended X"."""

from __future__ import annotations

import re

from frontwatch.resolve.time.context import Candidate
from frontwatch.resolve.time.lexicon import Lexicon, alt

_SENTENCE_END = re.compile(r"[.!?]\s|\n")


class Combiner:
    """The signal words of ranges, "since" and spans, compiled once."""

    def __init__(self, lex: Lexicon) -> None:
        links = alt(lex.range_links)
        self.range_link = re.compile(rf"\s*(?:[-–—]|(?P<word>{links}))\s*", re.IGNORECASE)
        self.range_opener = re.compile(rf"\b(?P<w>{alt(lex.range_openers)})\s+$", re.IGNORECASE)
        self.since = re.compile(rf"\b(?:{alt(lex.since)})\s+$", re.IGNORECASE)
        self.since_the = re.compile(rf"\b(?:{alt(lex.since)})\s+the\s+$", re.IGNORECASE)
        self.ending = re.compile(rf"\b(?:{alt(lex.ending_verbs)})\b", re.IGNORECASE)
        self.starting = re.compile(rf"\b(?:{alt(lex.starting_verbs)})\b", re.IGNORECASE)

    def combine(self, found: list[Candidate], text: str) -> list[Candidate]:
        """Overlaps resolved (the longest wins), spans anchored, ranges joined, "since" applied."""
        spans = [c for c in found if c.family == "span_of"]
        chosen = longest_first([c for c in found if c.family != "span_of"])
        chosen = self._combine_spans(chosen, spans, text)
        chosen = join_weekday_dates(chosen, text)
        chosen = self._join_ranges(chosen, text)
        return [self._since(c, text) for c in chosen]

    def _join_ranges(self, chosen: list[Candidate], text: str) -> list[Candidate]:
        """ "29 Aug – 4 Sep", "from Monday to Wednesday", "between May 1 and May 5":
        one range from the start of the first to the end of the second."""
        out: list[Candidate] = []
        i = 0
        while i < len(chosen):
            first = chosen[i]
            second = chosen[i + 1] if i + 1 < len(chosen) else None
            joined = self._range_of(first, second, text) if second else None
            if joined is not None:
                out.append(joined)
                i += 2
            else:
                out.append(first)
                i += 1
        return out

    def _range_of(self, first: Candidate, second: Candidate, text: str) -> Candidate | None:
        if first.family not in _POINT_FAMILIES or second.family not in _POINT_FAMILIES:
            return None
        between = text[first.end : second.start]
        link = self.range_link.fullmatch(between)
        if link is None:
            return None
        start = first.start
        if link["word"]:
            opener = self.range_opener.search(text, max(0, first.start - 10), first.start)
            if opener is None or (link["word"].lower() == "and") != (
                opener["w"].lower() == "between"
            ):
                return None
            start = opener.start()
        notation = f"{{range}}{first.notation}|{second.notation}"
        return Candidate(start, second.end, notation, "range")

    def _since(self, cand: Candidate, text: str) -> Candidate:
        """ "since July": a point becomes the range from it to the article date."""
        if cand.family not in (
            "month",
            "month_day",
            "year",
            "weekday",
            "full_date",
            "iso",
            "season",
            "month_year",
        ):
            return cand
        pattern = self.since_the if cand.family == "season" else self.since
        sig = pattern.search(text, max(0, cand.start - 12), cand.start)
        if sig is None:
            return cand
        point = cand.notation.replace("{c}", "<=")
        return Candidate(sig.start(), cand.end, f"({point})..D", "since")

    def _combine_spans(
        self, chosen: list[Candidate], spans: list[Candidate], text: str
    ) -> list[Candidate]:
        """ "wrapped up five days of X Tuesday": the span ends (or starts) at the day named."""
        for span in spans:
            anchor = next(
                (
                    c
                    for c in chosen
                    if c.family in ("weekday", "deictic", "month_day", "full_date", "iso")
                    and 0 <= c.start - span.end <= 60
                    and not _SENTENCE_END.search(text, span.end, c.start)
                ),
                None,
            )
            if anchor is None:
                continue
            window = text[max(0, span.start - 30) : anchor.start]
            count, unit = span.notation[len("{span}") : -1], span.notation[-1]
            length = f"{count}{unit}" if unit != "d" else f"{int(count) - 1}"
            if self.ending.search(window):
                notation = f"({anchor.notation})-{length}+1..{anchor.notation}"
                if unit == "d":
                    notation = f"({anchor.notation})-{length}..{anchor.notation}"
            elif self.starting.search(window):
                notation = f"{anchor.notation}..({anchor.notation})+{length}-1"
                if unit == "d":
                    notation = f"{anchor.notation}..({anchor.notation})+{length}"
            else:
                continue
            merged = Candidate(span.start, anchor.end, notation, "span_of")
            chosen = [c for c in chosen if c.end <= merged.start or c.start >= merged.end]
            chosen.append(merged)
        return sorted(chosen, key=lambda c: (c.start, c.end))


_POINT_FAMILIES = frozenset(
    {"iso", "numeric", "full_date", "month_year", "month_day", "month", "year", "weekday"}
)
_DATE_FAMILIES = frozenset({"iso", "numeric", "full_date", "month_day"})


def join_weekday_dates(chosen: list[Candidate], text: str) -> list[Candidate]:
    """ "Monday, September 12": the weekday names the date that follows it."""
    out: list[Candidate] = []
    for cand in chosen:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.family == "weekday"
            and cand.family in _DATE_FAMILIES
            and re.fullmatch(r",?\s*", text[previous.end : cand.start])
        ):
            out[-1] = Candidate(previous.start, cand.end, cand.notation, cand.family)
            continue
        out.append(cand)
    return out


def longest_first(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest wins, then the earliest."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(cand.end <= s or cand.start >= e for s, e in taken):
            chosen.append(cand)
            taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: (c.start, c.end))
