"""Qualifiers: a place named with the unit it lies in, or the place it lies near.

"Novoselivka, Kharkiv region", "X in the Y region", "X (Y Oblast)", "X district of
Y", "near X, south of Y": the second name constrains the first. ``link`` finds
these phrases (words in data/places/context.toml, [qualifiers]); ``constrain``
keeps only the candidates inside the named unit (or near the named place) and,
when none is, puts the mention at the unit itself ("coarse": region precision, or
the city for "X district of Y"), never at a namesake elsewhere. ``axes`` turns "the
Kupiansk direction" into the
town's raion: an axis is an area, not the town.
"""

from __future__ import annotations

from spacy.tokens import Doc

from frontwatch.models import Place, PlaceFlag
from frontwatch.resolve.gazetteer import ALIAS, Candidate, Gazetteer
from frontwatch.resolve.places.common import (
    Lexicon,
    _feature_word,
    _is_area,
    _km,
    _Span,
    in_theatre,
)

UNIT, NEAR = "unit", "near"
ADMIN = "admin"  # ACLED's "(Admin2, Admin1)" after a place: a unit, and it vouches


def _names_a_unit(span: _Span) -> bool:
    """ "the DPR", "Kharkiv Oblast": every exact match is an admin unit."""
    exact = [c.place for c in span.candidates if c.exact]
    return bool(exact) and all(p.feature.startswith("ADM") for p in exact)


def _between(doc: Doc, a: _Span, b: _Span) -> tuple[str, ...]:
    return tuple(t.lower_ for t in doc[a.end : b.start])


def _kind(doc: Doc, a: _Span, b: _Span, lex: Lexicon) -> str:
    """How b qualifies a, from the words between them ("" when it does not)."""
    if b.start - a.end > 4:
        return ""
    words = _between(doc, a, b)
    if words and words[0] in lex.unit_words and words[1:] in (("of",), ("of", "the")):
        return UNIT  # "the Kirovsky district of Donetsk": b may be a city
    if words and lex.feature_words.get(words[0]):
        words = words[1:]  # "the Novopol region in the DPR": a's own feature word
    if (
        len(words) >= 2
        and words[-1] == "of"
        and words[-2] in lex.directions
        and words[0] in (",", *lex.directions)
    ):
        return NEAR  # "near X, south of Y", "X south of Y"
    if words not in lex.unit_links:
        return ""
    if words[0] == ",":
        # "X, Y region" but not a list ("Alberta, British Columbia", "Kharkiv,
        # Donetsk and Luhansk regions"): Y's own unit word right after it
        return UNIT if _unit_word_after(doc, b, lex) else ""
    if _unit_word_after(doc, b, lex) or _names_a_unit(b):
        return UNIT  # "X in the Y region", "X (Y Oblast)", "X in the DPR"
    return ""


def _unit_word_after(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """Is the span's last word, or the word right after it, a word for an admin unit
    ("Kharkiv Oblast", "Kharkiv region")?"""
    last = [span.end - 1] if span.end - span.start > 1 else []
    after = [span.end] if span.end < len(doc) else []
    return any(code.startswith("ADM") for i in last + after for code in _feature_word(doc[i], lex))


def _admin_pair(doc: Doc, a: _Span, b: _Span, c: _Span | None) -> _Span | None:
    """ACLED's "X (Admin2, Admin1)" after a place: "Robotyne (Polohy, Zaporizhia)",
    "Graivoron (Graivoronskiy, Belgorod)" (the raion, called after its centre, in any
    form) and the oblast X lies in; the oblast is the unit that constrains X (a raion's
    name may match a town elsewhere: "Klimovskiy" is also Klimovsk near Moscow)."""
    between = _between(doc, a, b)
    if between == ("(",) and c is not None and _between(doc, b, c) == (",",):
        return c if _unit(doc, c) else None
    if len(between) == 3 and between[0] == "(" and between[2] == "," and _unit(doc, b):
        return b
    return None


def _unit(doc: Doc, span: _Span) -> bool:
    """The last name of a bracket, an admin unit: "…, Zaporizhia)"."""
    closed = span.end < len(doc) and doc[span.end].text == ")"
    return closed and any(k.place.feature.startswith("ADM") for k in span.candidates)


def link(doc: Doc, spans: list[_Span], lex: Lexicon) -> None:
    """Mark each span qualified by the next one."""
    for i, (a, b) in enumerate(zip(spans, spans[1:], strict=False)):
        kind = _kind(doc, a, b, lex)
        if kind:
            a.container, a.qualifier = b, kind
            continue
        oblast = _admin_pair(doc, a, b, spans[i + 2] if i + 2 < len(spans) else None)
        if oblast is not None:
            a.container, a.qualifier = oblast, ADMIN  # "Robotyne (Polohy, Zaporizhia)"


def _inside(place: Place, outer: Place, lex: Lexicon) -> bool:
    if place.id == outer.id:
        return False
    if outer.feature == "ADM1" or outer.feature.startswith("ADM1"):
        return place.admin1 is not None and place.admin1 == outer.admin1
    if _is_area(outer) or not outer.feature.startswith(("ADM", "PPL")):
        return place.country == outer.country  # a country, an island, a region
    if outer.feature in ("ADM2", "ADM3"):
        if outer.id in (place.admin2, place.admin3):
            return True
        # a unit the gazetteer does not link places to: its neighbourhood
        return place.admin2 is None and _km(place, outer) <= lex.qualifier_near_km
    if place.admin2 is not None and place.admin2 == outer.admin2:
        return True  # "(Polohy, Zaporizhia)": in the raion named after its centre
    return _km(place, outer) <= lex.qualifier_near_km


def constrain(
    span: _Span, scored: list[tuple[float, Candidate]], lex: Lexicon
) -> tuple[list[tuple[float, Candidate]], bool]:
    """The candidates the qualifier allows; True when the unit itself stands in."""
    outer = span.container.choice if span.container else None
    if outer is None or not span.qualifier:
        return scored, False
    if span.qualifier == NEAR:
        near = [sc for sc in scored if _km(sc[1].place, outer.place) <= lex.qualifier_near_km]
        return near or scored, False
    inside = [sc for sc in scored if _inside(sc[1].place, outer.place, lex)]
    if span.qualifier == ADMIN and span.container is not None:
        # the oblast, whatever the bracket's last name resolved to ("Bryansk" the city)
        units = [k.place for k in span.container.candidates if k.place.feature.startswith("ADM")]
        inside = [sc for sc in scored if any(_inside(sc[1].place, u, lex) for u in units)]
    if not inside and outer.place.feature in ("ADM2", "ADM3"):
        # a raion the text names wrongly or by its old bounds: the place in the oblast
        # near the unit, rather than the unit ("Stepnohirsk (Zaporizhzhia raion)",
        # "Bilozerske (Kramatorsk r-n)": a raion is up to twice `near_km` across)
        inside = [
            sc
            for sc in scored
            if sc[1].place.admin1 == outer.place.admin1
            and _km(sc[1].place, outer.place) <= 2 * lex.qualifier_near_km
        ]
    if inside:
        return inside, False
    if not outer.place.feature.startswith(("ADM", "PPL")):
        return scored, False  # only a unit or a city stands in for a place in it
    best = max((s for s, _ in scored), default=0.0)
    return [(best, Candidate(outer.place, exact=True, kind=ALIAS))], True


def axes(doc: Doc, spans: list[_Span], gaz: Gazetteer, lex: Lexicon) -> None:
    """ "the Kupiansk direction": the town's area at region precision, its hromada (the
    town and the villages around it; else its raion, else kept at the town). A raion
    is too wide for an axis: Kramatorsk raion's point lies 50 km from Lyman, and the
    fighting of "the Lyman direction" is around Lyman."""
    for span in spans:
        choice = span.choice
        if span.dropped or choice is None or span.end >= len(doc):
            continue
        unit = choice.place.admin3 or choice.place.admin2
        if doc[span.end].lower_ not in lex.axis_words or not unit:
            continue
        if not choice.place.feature.startswith("PPL"):
            continue
        area = gaz.get(unit)
        if area is not None:
            span.choice = Candidate(area, exact=True, kind=ALIAS)
            span.flags.append(PlaceFlag.COARSE)


def axis_names(word: str, lex: Lexicon) -> list[str]:
    """The town names an axis adjective may stand for, by rule (context.toml [axes]):
    "Krasnolimansky" -> "Krasnyi Liman", …; "Bakhmutsk" -> "Bakhmut";
    "Yuzhnodonetsk" -> "Donetsk"; "Svatovsko-Kremensky" -> "Svatove", "Kremenna", …"""
    names: list[str] = []
    for part in word.replace("–", "-").split("-"):
        for stem in _stems(part.strip(), lex):
            low = stem.lower()
            for prefix in (p for p in lex.axis_prefixes if low.startswith(p)):
                tail = stem[len(prefix) :]
                if len(tail) < 3:
                    continue
                for adjective in lex.axis_prefixes[prefix]:
                    for rest in _restored(tail.capitalize(), lex):
                        names.append(f"{adjective} {rest}".strip())
            names.extend(_restored(stem, lex))
    return list(dict.fromkeys(n for n in names if len(n) >= 3))


def _stems(word: str, lex: Lexicon) -> list[str]:
    stems = [word]
    low = word.lower()
    for ending in lex.axis_endings:
        if low.endswith(ending) and len(word) - len(ending) >= 3:
            stems.append(word[: -len(ending)])
    return stems


def _restored(stem: str, lex: Lexicon) -> list[str]:
    return [stem + ending for ending in lex.axis_restore]


def axis_candidates(word: str, gaz: Gazetteer, lex: Lexicon) -> list[Candidate]:
    """War-zone towns an unknown axis adjective names, most populous first."""
    found: dict[str, Candidate] = {}
    for name in axis_names(word, lex):
        for cand in gaz.candidates(name):
            place = cand.place
            if (
                place.feature.startswith("PPL")
                and place.population >= lex.axis_min_population
                and in_theatre(place, lex)
            ):
                found.setdefault(place.id, cand)
    return sorted(found.values(), key=lambda c: -c.place.population)
