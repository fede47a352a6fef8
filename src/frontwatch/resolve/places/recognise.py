"""Recognise: spaCy's GPE/LOC/FAC entities, plus PERSON/ORG/NORP entities and
capitalised n-grams that the gazetteer knows (spaCy calls Kharkiv a PERSON and
Bakhmut an ORG), plus a capitalised word before a feature word ("X region"); each
span gets its gazetteer candidates and the feature codes its phrase asks for."""

from __future__ import annotations

import re

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from frontwatch.annotate.bylines import DASHES
from frontwatch.annotate.text import (
    ARROWS,
    doc_text,
    entity_bounds,
    is_pictograph,
    span_text,
    token_lowers,
    token_texts,
)
from frontwatch.models import Article
from frontwatch.resolve.gazetteer import ALIAS, ALTERNATE, Candidate, Gazetteer
from frontwatch.resolve.names import fold
from frontwatch.resolve.places import qualifiers
from frontwatch.resolve.places.common import (
    BLOCKING_LABELS,
    CONNECTORS,
    MAX_CANDIDATES,
    STRONG_LABELS,
    WEAK_LABELS,
    Lexicon,
    _feature_word,
    _fits,
    _is_area,
    _is_cap,
    _is_cap_text,
    _Span,
    in_theatre,
    is_not_place,
    war_zone_name,
)
from frontwatch.resolve.places.judge import _object_of_place_verb, line_label


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners and trailing possessives/punctuation."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _cue(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[str, ...]:
    """Feature codes asked for by the words around a name.

    "Luhansk region", "the Oskil and Siverskyy Donets rivers" (a conjunct shares the
    word), "the village of Bilohorivka"; in "the Luhansk village of X" the word is
    about X, and Luhansk is its container (an admin unit or region)."""
    i = end
    while i < len(doc) and i < end + 6:
        tok = doc[i]
        codes = _feature_word(tok, lex)
        if codes:
            if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                return ("ADM", "RGN")
            return codes
        if not (tok.pos_ in ("PROPN", "CCONJ") or tok.text in (",", "-")):
            break
        i += 1
    if start >= 2 and doc[start - 1].lower_ == "of":
        return _feature_word(doc[start - 2], lex)
    return ()


def _parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity cut at a spaced dash or slash, a field mark or a pictograph and cleared of clock
    times: a log line's "05:40 Zaporozhye", "Kherson 21:30" or "Kherson - Russian
    artillery hit …" is tagged as one name."""
    parts, begin = [], start
    for cut in [*_cuts(doc, start, end), end]:
        first, last = begin, cut
        while first < last and _CLOCK.fullmatch(doc[first].text):
            first += 1
        while last > first and _CLOCK.fullmatch(doc[last - 1].text):
            last -= 1  # "Kherson 21:30 local — …" tagged as one person
        last = _before_parted_date(doc, first, last)
        parts.append((first, last))
        begin = cut + 1
    return [(a, b) for a, b in parts if a < b]


# A clock time or a date at either end of a name: "05:40 Zaporozhye", "30.06.2023 Svatove",
# "Krynky 2023-11-10" tagged as one name
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
# Marks that part a log line's fields: no name runs across them ("11.05.24 | 06:40 |
# GLUBOKOYE" tagged as one quantity, "KONSTANTINOVKA 💥 18/05" as one name)
_FIELD_MARKS = frozenset({"|", "//"}) | ARROWS
_SPACED_MARKS = DASHES | {"/"}  # "2024-08-20 / Lgov / …" tagged as one date
_FIGURES = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})


def _cuts(doc: Doc, start: int, end: int) -> list[int]:
    """Where a spaced dash or slash, a field mark or a pictograph parts an entity."""
    return [
        i
        for i in range(start, end)
        if (
            doc[i].text in _SPACED_MARKS and doc[i].whitespace_ and i > 0 and doc[i - 1].whitespace_
        )
        or doc[i].text in _FIELD_MARKS
        or is_pictograph(doc[i].text)
    ]


def _before_parted_date(doc: Doc, first: int, last: int) -> int:
    """The end of a name before an ISO date the tokenizer parted ("Krynky 2023-11-10" as
    "2023", "-", "11", "-", "10"); a number that is no date stays ("Route 66")."""
    if last - first > 5 and _PARTED_DATE.fullmatch("".join(t.text for t in doc[last - 5 : last])):
        return last - 5
    return last


_PARTED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _ner_spans(doc: Doc, lex: Lexicon) -> list[_Span]:
    spans = []
    cased: bool | None = None  # does the text write names with capitals at all?
    for ent_start, ent_end, label in entity_bounds(doc):
        if label not in STRONG_LABELS and label not in WEAK_LABELS:
            continue
        for part_start, part_end in _parts(doc, ent_start, ent_end):
            start, end = _trim(doc, part_start, part_end)
            if start < end and all(doc[i].is_lower for i in range(start, end)):
                if cased is None:
                    cased = any(t.is_title for t in doc[1:])
                if cased:
                    continue  # "a litter bin" tagged as a person: no name, no place
            if end - start > 1 and doc[start].pos_ == "ADP" and doc[start].lower_ in lex.locative:
                start += 1  # "Near Nova Kakhovka" tagged as one name: the preposition is not
            if start < end:
                spans.append(_Span(start, end, label))
    return spans


def _blocked_tokens(doc: Doc, taken: list[_Span]) -> set[int]:
    blocked: set[int] = set()
    for start, end, label in entity_bounds(doc):
        if label in _FIGURES and not any(doc[i].like_num for i in range(start, end)):
            continue  # "#Pokrov #Dnipropetrovsk" tagged as money: the hashes, no sum
        if label in BLOCKING_LABELS:
            # "6 July 2023 - Lviv, …": a date tagged across the dash blocks only the date
            blocked.update(range(start, next(iter(_cuts(doc, start, end)), end)))
    for span in taken:
        blocked.update(range(span.start, span.end))
    return blocked


def _ngram_spans(doc: Doc, gaz: Gazetteer, blocked: set[int], sent_end: list[int]) -> list[_Span]:
    """Capitalised n-grams the gazetteer knows, outside entities already taken.

    Token texts and flags are read once; a name is only looked up when its folded
    first word starts some name in the gazetteer (an in-memory set)."""
    first = gaz.first_words()
    texts, lowers = token_texts(doc), token_lowers(doc)
    caps = [_is_cap_text(t) for t in texts]
    joinable = [c or low in CONNECTORS for c, low in zip(caps, lowers, strict=True)]
    text = doc_text(doc)
    starts = doc.to_array(IDX).tolist()
    spans: list[_Span] = []
    i = 0
    while i < len(texts):
        if i in blocked or not caps[i] or fold(texts[i]).split(" ")[0] not in first:
            i += 1
            continue
        found = 0
        for n in range(min(gaz.max_words, sent_end[i] - i), 0, -1):
            end = i + n
            if not caps[end - 1] or not all(joinable[i:end]):
                continue
            if any(j in blocked for j in range(i, end)):
                continue
            name = text[starts[i] : starts[end - 1] + len(texts[end - 1])]
            if gaz.known(name):
                found = n
                break
        if found:
            spans.append(_Span(i, i + found, "GAZ"))
            i += found
        else:
            i += 1
    return spans


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """For each token, the index of its sentence's first token and the index just past
    its sentence (one attribute array: no Token objects, and doc.sents is slow)."""
    flags = doc.to_array(SENT_START).tolist()
    starts, current = [0] * len(doc), 0
    for i, flag in enumerate(flags):
        if flag == 1:
            current = i
        starts[i] = current
    ends, end = [len(doc)] * len(doc), len(doc)
    for i in range(len(doc) - 1, -1, -1):
        ends[i] = end
        if flags[i] == 1:
            end = i
    return starts, ends


def _cue_spans(doc: Doc, blocked: set[int], lex: Lexicon) -> list[_Span]:
    """A proper noun right before a lowercase feature word: "the Udonetsk town of"."""
    spans = []
    texts, lowers = token_texts(doc), token_lowers(doc)
    adjectival = lex.unit_words | lex.axis_words  # "the Krasnoliman direction"
    for i in range(len(doc) - 1):
        # strings first: a Token (for its part of speech) only for the few that pass
        if (
            i not in blocked
            and _is_cap_text(texts[i])
            and texts[i + 1].islower()
            and lex.feature_words.get(lowers[i + 1])
            and (doc[i].pos_ == "PROPN" or doc[i].pos_ == "ADJ" and lowers[i + 1] in adjectival)
        ):  # "the Volnovakhsky district": a unit is named by an adjective
            spans.append(_Span(i, i + 1, "CUE"))
    return spans


def _dateline_span(doc: Doc, article: Article) -> tuple[int, int] | None:
    """Token range of the dateline place, from the article's dateline fields."""
    if article.dateline_span:
        start, end = article.dateline_span
    elif article.dateline:
        found = doc_text(doc).find(article.dateline, 0, 400)
        if found < 0:
            return None
        start, end = found, found + len(article.dateline)
    else:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _joinable(doc: Doc, i: int) -> bool:
    """May token i sit inside a multi-word name? Capitalised words, connectors
    ("of", "the"), and a hyphen written without spaces ("Guinea-Bissau")."""
    tok = doc[i]
    if _is_cap(tok) or tok.lower_ in CONNECTORS:
        return True
    return tok.text == "-" and i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_


def _next_to_a_name_word(doc: Doc, span: _Span) -> bool:
    return (span.start > 0 and _joinable(doc, span.start - 1)) or (
        span.end < len(doc) and _joinable(doc, span.end)
    )


def _widest_name(doc: Doc, span: _Span, gaz: Gazetteer, sent: tuple[int, int]) -> tuple[int, int]:
    """The longest gazetteer name within the sentence that covers the span, else the
    span itself. spaCy splits some names into pieces ("Democratic Republic" +
    "Congo", "Guinea" + "-Bissau"); the whole name is the place meant."""
    lo, hi = sent
    best = (span.start, span.end)
    first = max(lo, span.end - gaz.max_words)
    for i in range(first, span.start + 1):
        if not _is_cap(doc[i]) or any(not _joinable(doc, k) for k in range(i, span.start)):
            continue
        if doc[i].lower_ in ("the", "a", "an"):
            continue  # "A US serviceman": the article is no part of the name
        for j in range(min(hi, i + gaz.max_words), span.end - 1, -1):
            if j - i <= best[1] - best[0] or not _is_cap(doc[j - 1]):
                continue
            if all(_joinable(doc, k) for k in range(span.end, j)) and gaz.known(
                span_text(doc[i:j])
            ):
                best = (i, j)
                break  # shorter windows from this start cannot beat it
    return best


def _widen_names(
    doc: Doc, spans: list[_Span], gaz: Gazetteer, bounds: tuple[list[int], list[int]]
) -> list[_Span]:
    """Entity spans replaced by the whole gazetteer names that cover them."""
    starts, ends = bounds
    out: list[_Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and span.end <= out[-1].end and span.start >= out[-1].start:
            continue  # inside a name already widened over it
        if not _next_to_a_name_word(doc, span):
            out.append(span)
            continue
        start, end = _widest_name(doc, span, gaz, (starts[span.start], ends[span.start]))
        if (start, end) == (span.start, span.end):
            out.append(span)
            continue
        covered = [s for s in spans if start <= s.start and s.end <= end]
        if any(s.start < end and start < s.end for s in spans if s not in covered):
            out.append(span)  # the name would cut through another entity: leave both
            continue
        out = [s for s in out if s not in covered]
        strong = next((s.label for s in covered if s.label in STRONG_LABELS), "GAZ")
        out.append(_Span(start, end, strong))
    return out


def recognise(doc: Doc, article: Article, gaz: Gazetteer, lex: Lexicon) -> list[_Span]:
    bounds = _sentence_bounds(doc)
    spans = _widen_names(doc, _ner_spans(doc, lex), gaz, bounds)
    dateline = _dateline_span(doc, article)
    if dateline:
        spans = [s for s in spans if s.end <= dateline[0] or s.start >= dateline[1]]
        spans.append(_Span(dateline[0], dateline[1], "DATELINE", role="dateline"))
    for span in spans:
        _attach_candidates(doc, span, gaz, lex)
    # A multi-word organisation that is no place may contain one ("Texas Department
    # of Health"): its words are open to the gazetteer scan below.
    opened = [s for s in spans if _opens_up(s)]
    spans = [s for s in spans if not _opens_up(s)]
    blocked = _blocked_tokens(doc, spans)
    found = []
    candidates = _ngram_spans(doc, gaz, blocked, bounds[1])
    known = {i for f in candidates for i in range(f.start, f.end)}
    for f in candidates:
        outer = next((o for o in opened if o.start <= f.start and f.end <= o.end), None)
        if outer is None:
            found.append(f)
        elif not _fragment(doc, f, outer, known, gaz, lex):
            f.inside = outer.label
            found.append(f)
    blocked |= _blocked_tokens(doc, found)
    found += _cue_spans(doc, blocked, lex)
    for span in found:
        _attach_candidates(doc, span, gaz, lex)
    spans = sorted(spans + found, key=lambda s: s.start)
    _link_containers(doc, spans)
    qualifiers.link(doc, spans, lex)
    theatre, war_words = _war_story(doc, spans, lex)
    for span in spans:
        span.theatre, span.war_words = theatre, war_words
        if (span.qualifier or theatre) and len(span.candidates) >= MAX_CANDIDATES:
            # every namesake: the qualifier or the story's oblasts choose among them; the
            # units its unit word named stay first ("Rivne oblast" has 37 namesakes)
            every = _respellings_last(gaz.candidates(span.name))
            ids = {c.place.id for c in every}
            named = [c for c in span.candidates if c.place.id not in ids]
            span.candidates = _units_first(named, every) if span.cue else every
        if span.qualifier and span.container is not None and theatre:
            span.candidates += _respelled_inside(span, gaz)
        # An oblast named only by an alias of its city's name ("Kherson") is no area
        # name: "shelled Kherson" is the city, as "Kherson region" is the oblast.
        areas = any(_is_area(c.place) and c.kind != ALIAS for c in span.candidates)
        if theatre and not span.cue and not areas and _object_of_place_verb(doc, span, lex):
            span.cue = ("PPL",)  # "the shelling of Dnipro": the city, not the river
        elif not span.cue and _in_a_town(doc, span, lex, theatre and not areas):
            span.cue = ("PPL",)  # "killed in Irpin", "the centre of Kherson": the town
    return spans


# Prepositions a bare name follows when it is a town and not the river or the oblast of
# its name (a river is "on", "along", "across" the Irpin; an oblast "in the X region").
_TOWN_PREPOSITIONS = frozenset({"in", "from", "outside", "near", "central", "downtown"})


def _in_a_town(doc: Doc, span: _Span, lex: Lexicon, war: bool = False) -> bool:
    """A name of a town and of a river, or of a town and (by an alias) its oblast, right
    after "in", "from", "near", "outside" or "central" with no article, or after a part of a town
    and "of" ("the outskirts of Donetsk", context.toml ``town_part_nouns``). In a war
    story a bare city name whose oblast is only an alias of it is the city where a point
    is struck (``_struck_point``): the oblast is written "Sumy oblast"."""
    before = doc[span.start - 1].lower_ if span.start else ""
    part = before == "of" and span.start >= 2 and doc[span.start - 2].lower_ in lex.town_part_nouns
    hit = war and _struck_point(doc, span, lex)
    if before not in _TOWN_PREPOSITIONS and not part and not line_label(doc, span) and not hit:
        return False
    towns = [c for c in span.candidates if c.exact and c.place.feature.startswith("PPL")]
    if not towns:
        return False
    admin1 = {c.place.admin1 for c in towns}
    return any(
        (c.place.feature == "STM" and not hit)
        or (c.kind == ALIAS and c.place.feature.startswith("ADM1") and c.place.admin1 in admin1)
        for c in span.candidates
    )


def _struck_point(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """A name right after "at" or a verb ("drones at Sumy", "shelling hit Kherson"), or
    followed by a comma and a part of a town ("Chernihiv, central square"): a point
    struck, the city. "Advance on Luhansk", "the governor of Sumy" stay open."""
    if span.start and (doc[span.start - 1].lower_ == "at" or doc[span.start - 1].pos_ == "VERB"):
        return True
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    return any(t.lower_ in lex.town_part_nouns for t in doc[span.end + 1 : span.end + 3])


def _war_story(doc: Doc, spans: list[_Span], lex: Lexicon) -> tuple[bool, bool]:
    """Is the story about the war? Two signals say so: different words of war
    (context.toml [theatre], the military place verbs and nouns) count one each, a
    word that only war reports use ([theatre].strong_words: "shelled", "invaders")
    two; a name whose every exact match lies in the war zone, a town among them
    ("Gorlovka", "Toretsk"), two. Also says whether any word of war was seen."""
    words = lex.theatre_words | lex.military_verbs | lex.military_nouns | lex.armed_subjects
    lowers = token_lowers(doc)
    seen: set[str] = {low for low in lowers if low in words}
    for low in lowers:
        if low in lex.theatre_strong_words:
            seen |= {low, low + " "}
    if len(seen) == 1:  # one word so far: its inflected kin may be a second
        pos = ("VERB", "NOUN")
        seen |= {t.lemma_.lower() for t in doc if t.pos_ in pos and t.lower_ not in seen} & words
    words_seen = bool(seen)
    for span in spans:
        if len(seen) >= 2:
            break
        if not span.dropped and war_zone_name(span, lex):
            seen |= {span.name, span.name + " "}  # a name only the war zone has: two signals
    need = 1 if len(doc) <= lex.theatre_short_text else 2  # a one-line log has room for one
    return len(seen) >= need, words_seen


def _fragment(
    doc: Doc, found: _Span, outer: _Span, known: set[int], gaz: Gazetteer, lex: Lexicon
) -> bool:
    """Is a name found inside one of spaCy's place names ("Hood" in "Fort Hood") a
    piece of that other name, not a place the phrase is at? Only a word that is no
    place's own name (just another place's alternate name or a respelling) is
    suspect: a place's own name there is that place ("the Honolulu Star-Advertiser";
    measured on GeoWebNews and LGL, dropping those cost twice what it saved). Nothing
    is suspect when the rest of the phrase (up to a comma) is other known names
    ("Greece Italy"), directions ("north west London") or generic site, feature and
    unit words ("Kramatorsk Railway Station", "Hamilton Township")."""
    if outer.label not in STRONG_LABELS:
        return False  # an organisation's name ("Texas Department of Health") may hold one
    name = span_text(doc[found.start : found.end])
    if any(c.exact and c.kind != ALTERNATE for c in gaz.candidates(name)):
        return False  # "Honolulu" in "the Honolulu Star-Advertiser" is Honolulu
    start, end = outer.start, outer.end
    for i in range(found.start - 1, outer.start - 1, -1):  # "Donington Park, Leicestershire"
        if doc[i].text == ",":
            start = i + 1
            break
    for i in range(found.end, outer.end):
        if doc[i].text == ",":
            end = i
            break
    return any(
        doc[i].is_alpha
        and i not in known
        and doc[i].lower_ not in lex.site_words
        and doc[i].lower_ not in lex.directions
        and not _feature_word(doc[i], lex)
        for i in (*range(start, found.start), *range(found.end, end))
    )


def _opens_up(span: _Span) -> bool:
    return (
        span.label in ("ORG", "FAC", "LOC", "GPE")
        and span.end - span.start > 1
        and (span.dropped or not span.candidates)
    )


def _attach_candidates(doc: Doc, span: _Span, gaz: Gazetteer, lex: Lexicon) -> None:
    """Look the name up; a trailing feature word ("Oskil River") is tried without."""
    text = span_text(doc[span.start : span.end])
    span.name = text
    span.cue = _cue(doc, span.start, span.end, lex)
    after = doc[span.end].lower_.replace("-", "") if span.end < len(doc) else ""
    candidates = gaz.candidates(text)
    if after in lex.not_place_heads or is_not_place(text, lex, candidates):
        span.dropped = True
        return
    span.whole = frozenset(c.place.id for c in candidates)
    if not candidates and span.end - span.start > 1 and doc[span.start].lower_ in lex.directions:
        # "North Texas", "eastern Ukraine": the direction narrows the place named after it
        span.name = span_text(doc[span.start + 1 : span.end])
        candidates = gaz.candidates(span.name)
    if after in lex.axis_words and not any(in_theatre(c.place, lex) for c in candidates):
        # "the Krasnolimansky direction": a war-zone town the adjective names
        candidates = qualifiers.axis_candidates(text, gaz, lex) + candidates
    natural = lex.feature_words.get(after, ())
    if natural and all(code in lex.strict_features for code in natural):
        # "the Kakhovka reservoir": the feature its lowercase word names, before the town
        named = [c for c in gaz.candidates(f"{text} {after}") if _fits(c.place, natural)]
        candidates = named + [c for c in candidates if c not in named]
    unit_word = after if after in lex.unit_words else _region_word(after, lex)
    unit_word = unit_word or _raion_word(after, lex)
    if unit_word:  # "Volnovakhsky district", "the Bakhmut hromada", "Kherson and
        # Dnepropetrovsk regions": the unit named with its word
        units = _named_units(text, unit_word, gaz, lex)
        candidates = _units_first(units, candidates)
        if units and not span.cue:
            span.cue = ("ADM",)  # "the Bakhmut community": the unit word asks for a unit
    last = doc[span.end - 1]
    codes = _feature_word(last, lex)
    if codes and span.end - span.start > 1:
        shorter = span_text(doc[span.start : span.end - 1])
        span.cue = span.cue or codes
        exact_fit = [c for c in candidates if c.exact and _fits(c.place, codes)]
        if not exact_fit:  # "Orange County" is no name here: a place named Orange, then
            word = _raion_word(last.lower_.replace("-", ""), lex) or last.lower_
            units = _named_units(shorter, word, gaz, lex) if {"ADM1", "ADM2"} & set(codes) else []
            candidates = _units_first(units, gaz.candidates(shorter) + candidates)
            span.name = shorter
    span.candidates = _respellings_last(candidates)[:MAX_CANDIDATES]


def _raion_word(word: str, lex: Lexicon) -> str:
    """A log's abbreviation for a raion ("Pokrovsk r-n", "Beryslav rn") as the word the
    gazetteer's names use ("Pokrovsk raion"); "" for any other word."""
    return (
        "raion" if lex.feature_words.get(word) == ("ADM2",) and word not in lex.unit_words else ""
    )


def _named_units(name: str, word: str, gaz: Gazetteer, lex: Lexicon) -> list[Candidate]:
    """The units a name and its unit word name ("Kherson region"); a first-level word
    ("region", "province") also as the gazetteer's "Oblast" ("Kyiv region": Kyiv Oblast,
    where no alias spells it with the word)."""
    units = [c for c in gaz.candidates(f"{name} {word}") if c.place.feature[:3] == "ADM"]
    if not units and "ADM1" in lex.feature_words.get(word, ()):
        units = [c for c in gaz.candidates(f"{name} oblast") if c.place.feature[:4] == "ADM1"]
    return units


def _units_first(units: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """The named units, then the other candidates; an oblast named with its word is not
    another first-level unit of the name ("Kyiv region" is not the city of Kyiv, which
    GeoNames also makes a first-level unit)."""
    if not units:
        return candidates
    ids = {c.place.id for c in units}
    first_level = any(c.place.feature[:4] == "ADM1" for c in units)
    rest = [
        c
        for c in candidates
        if c.place.id not in ids and not (first_level and c.place.feature[:4] == "ADM1")
    ]
    return units + rest


def _region_word(word: str, lex: Lexicon) -> str:
    """ "regions" -> "region", "oblast" -> "oblast": a first-level unit word after a
    name, singular (a plural shared by a list: "Kherson and Dnepropetrovsk regions")."""
    codes = lex.feature_words.get(word, ())
    if "ADM1" not in codes or word in lex.axis_words:
        return ""
    return word[:-1] if word.endswith("s") and lex.feature_words.get(word[:-1]) else word


def _respelled_inside(span: _Span, gaz: Gazetteer) -> list[Candidate]:
    """ "GLUBOKOYE, Kharkov obl.": where no namesake spelled so lies in the oblast the
    bracket or the comma names, the respelled ones that do (Hlyboke of Kharkiv oblast;
    "Glubokoye" is the official name of villages in Russia and Kazakhstan)."""
    container = span.container
    units = {
        c.place.admin1
        for c in (container.candidates if container else [])
        if c.place.feature.startswith("ADM1")
    }
    if not units or any(c.place.admin1 in units for c in span.candidates):
        return []
    return [
        c
        for c in gaz.candidates(span.name)
        if not c.exact and c.place.admin1 in units and c.place.feature.startswith("PPL")
    ]


def _respellings_last(candidates: list[Candidate]) -> list[Candidate]:
    """A name that is some place's official name means a place of that name:
    "Ghana" is not Guinea, "Pittsburgh" not Pittsburg, whatever the story. Places
    that match only after folding stay candidates when nothing matches exactly
    ("Lugansk", "Siverskyy Donets")."""
    if any(c.exact and c.kind != ALTERNATE for c in candidates):
        return [c for c in candidates if c.exact]
    return candidates


def _link_containers(doc: Doc, spans: list[_Span]) -> None:
    """ "Brussels, Belgium" / "IZIUM, Ukraine": the second names the first's container."""
    for a, b in zip(spans, spans[1:], strict=False):
        if b.start == a.end + 1 and doc[a.end].text == ",":
            a.container = b
