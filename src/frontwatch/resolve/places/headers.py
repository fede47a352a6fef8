"""The place a log line's or a record's header names, judged apart from the story.

An incident log opens its lines with a place ("Seredyna-Buda under mortar fire",
"Kherson - …", "CHASIV YAR | …") and writes fields in capitals ("Kupiansk dir. / SYNKIVKA
/ …"); spaCy tags such names as people, organisations or common nouns. These rules keep
them when their shape vouches for them: the judge (judge.py) asks them first."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from frontwatch.annotate.text import doc_text, header_mark, line_mark, opens_line
from frontwatch.resolve.gazetteer import ALTERNATE, Candidate
from frontwatch.resolve.places.common import Lexicon, _Span, in_theatre


def _settle(span: _Span, town: Candidate) -> None:
    """The header's town is the span's one candidate (its static score kept)."""
    keep = span.candidates.index(town)
    span.choice, span.candidates = town, [town]
    span.static = [span.static[keep]] if len(span.static) > keep else span.static[:1]


def place_field(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """A record's place field ("Location: Makariv", "Settlement: Kyselivka"): a name right
    after the label, spelled as a place of the war zone is (the resolver's choice)."""
    choice = span.choice
    if choice is None or not choice.exact or not in_theatre(choice.place, lex):
        return False
    text = doc_text(doc)
    start = doc[span.start].idx
    label = _FIELD.search(text[text.rfind("\n", 0, start) + 1 : start])
    return label is not None and label.group(1).lower() in lex.place_fields


_FIELD = re.compile(r"^[\W_]*([A-Za-z][A-Za-z ]{1,20}?)\s*[:=]\s*$")


def capital_field(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """A log's field written in capitals ("Kupiansk dir. / SYNKIVKA / 26.12.2023:"): a
    settlement of the war zone, closed by a field mark, wherever it stands. Spelled so, or
    respelled ("// GULYAIPOLE //": Huliaipole) when no exact spelling names a war-zone
    town; a respelled city beats a hamlet spelled so ("KONSTANTINOVKA |": Kostiantynivka,
    not the Crimean village)."""
    name = span.name
    if span.choice is None or not (name.isupper() and len(name) >= 4):
        return False
    if not _field_closed(doc, span):
        return False
    choice = span.choice
    if choice.exact and choice.place.feature.startswith("PPL") and in_theatre(choice.place, lex):
        city = any(
            c.place.population >= lex.header_city and in_theatre(c.place, lex) and not c.exact
            for c in span.candidates
        )
        if not city or choice.place.population >= lex.header_city:
            return True  # spelled so: the resolver's choice among its namesakes stands
    towns = [
        c for c in span.candidates if c.place.feature.startswith("PPL") and in_theatre(c.place, lex)
    ]
    outer = span.container.choice.place if span.container and span.container.choice else None

    def rank(c: Candidate) -> tuple[bool, bool, bool, bool, int]:
        inside = outer is not None and c.place.admin1 == outer.admin1
        city = c.place.population >= lex.header_city
        return inside, c.exact or city, city, c.kind != ALTERNATE, c.place.population

    town = max(towns, key=rank, default=None)
    if town is None:
        return False
    _settle(span, town)
    return True


# A date or a clock time right after a log line's first word: "Izyum 11.05.23 — …"
_STAMP = re.compile(r"~?\d{1,4}(?:[./:]\d{1,4}){1,2}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\b")


def _capitals(span: _Span) -> bool:
    """A name written in capitals, as logs write their place fields ("MARINKA")."""
    return span.name.isupper() and len(span.name) >= 4


def _closes_header(doc: Doc, span: _Span, lex: Lexicon, capitals: bool) -> bool:
    """What follows a one-word name that opens a line says it is the line's place: a
    header mark ("Kherson - …", "Odesa, …"), a date or a clock time ("Izyum 11.05.23 —
    …"), a word for a town, an axis or a site ("Zaporozhye city 🚀 …", "ARTEMOVSK dir. —
    …", "Saky airfield — …"), or,
    after a name in capitals, any lowercase word ("MARINKA captured — …")."""
    following = doc[span.end]
    if header_mark(following.text) or _STAMP.fullmatch(following.text):
        return True
    if _ISO_DAY.match(doc_text(doc), following.idx):
        return True  # "SLAVYANSK 2022-07-06 — …" (the tokenizer parts the date)
    if "PPL" in lex.feature_words.get(following.lower_, ()):
        return True
    if following.pos_ == "NOUN" and following.lower_ in lex.site_words:
        return True  # "CHORNOBAIVKA airfield 📍…", "Saky airfield — UA strike"
    return capitals and following.is_lower


def _field_closed(doc: Doc, span: _Span) -> bool:
    """A field mark, or the end of the line ("ZAPORIZHZHIA OBLAST | KOMYSHUVAKHA\n"), after it."""
    if span.end >= len(doc):
        return True
    after = doc[span.end]
    return header_mark(after.text) or (after.is_space and "\n" in after.text)


def line_head(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """An incident log's first words name its place: "Seredyna-Buda under mortar fire",
    "Velyka Pysarivka: houses burning" (spaCy calls them a person or an organisation). A
    name of two words or a hyphen, every exact match in the war zone, at the start of a
    line of a war story, before a lowercase word or a colon; a one-word name, its choice
    in the war zone, before a comma or a colon: the header of a record ("Odesa,
    residential district: building hit", "Hostomel, near the airport: houses damaged"),
    or before what only a header sets after a place (``_closes_header``)."""
    choice = span.choice
    if choice is None or not choice.exact or span.end >= len(doc):
        return False
    text = doc_text(doc)
    start = doc[span.start].idx
    if not opens_line(text, start):
        return False
    following = doc[span.end]
    if span.end - span.start < 2:  # a town, not a hamlet that shares a first name
        capitals = _capitals(span)
        if not _closes_header(doc, span, lex, capitals):
            return False
        towns = [
            c
            for c in span.candidates
            if c.place.feature.startswith("PPL")
            and in_theatre(c.place, lex)
            and (c.exact or c.place.population >= lex.header_city)  # "Zaporozhye:"
        ]
        outer = span.container.choice.place if span.container and span.container.choice else None

        def rank(c: Candidate) -> tuple[bool, bool, bool, int]:
            # inside the unit named after it ("Sloviansk, Donetsk region"), spelled so,
            # by its own name (not another town's alternate), then the most people
            inside = outer is not None and c.place.admin1 == outer.admin1
            return inside, c.exact, c.kind != ALTERNATE, c.place.population

        town = max(towns, key=rank, default=None)
        if town is None or (town.place.population < lex.header_town and not capitals):
            return False
        _settle(span, town)  # "Kherson - …": the city, not its oblast
        return True
    header = line_mark(following.text)  # "Chasiv Yar - KAB …", "CHASIV YAR | …", "X ⚠ …"
    if not (header or (span.war_words and span.theatre)):
        return False
    if not (following.is_lower or header):
        return False
    exact = [c.place for c in span.candidates if c.exact]
    return all(in_theatre(p, lex) for p in exact)
