"""Judge: keep name-only matches (PERSON/ORG/n-grams) only where the story agrees;
flag places far from everything else (suspect_far), names that resolve to nothing
near the story (unresolved) and near-misses of the story's places (garbled); a
county the index lacks becomes the story's admin-1 unit (coarse); then give each
mention its role."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Token

from frontwatch.annotate.bylines import DASHES
from frontwatch.annotate.text import (
    doc_text,
    entity_bounds,
    opens_line,
)
from frontwatch.models import Place
from frontwatch.resolve.gazetteer import ALIAS, ALTERNATE, Candidate, Gazetteer
from frontwatch.resolve.names import fold, strict_key
from frontwatch.resolve.places.common import (
    STRONG_LABELS,
    Lexicon,
    _fits,
    _is_area,
    _is_cap,
    _km,
    _Span,
    acronym_guess,
    in_theatre,
    lexicon,
    war_zone_name,
)
from frontwatch.resolve.places.headers import capital_field, line_head, place_field
from frontwatch.resolve.places.qualifiers import ADMIN, UNIT
from frontwatch.resolve.places.resolve import _context, _country_share, resolve
from frontwatch.resolve.places.roles import _role


def _strong_place(cand: Candidate) -> bool:
    """A place worth believing on its name alone."""
    p = cand.place
    if p.feature in ("PCLI", "CONT", "ADM1", "PPLC") or p.source == "curated":
        return cand.kind != ALTERNATE or cand.exact
    return p.population >= 100_000 and cand.kind != ALTERNATE


def _after_title(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    return span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in lex.titles


def _near_story(place: Place, idx: int, spans: list[_Span], lex: Lexicon) -> bool:
    for j, other in enumerate(spans):
        if j == idx or other.dropped or other.choice is None or not other.strong:
            continue
        o = other.choice.place
        if o.id == place.id:
            continue
        if _is_area(o) and o.country == place.country:
            return True
        if not _is_area(o) and _km(place, o) <= lex.near_km:
            return True
    return False


def person_words(doc: Doc) -> frozenset[str]:
    """Words of the full names of people in the document ("Mike Pence" -> pence)."""
    words: set[str] = set()
    for start, end, label in entity_bounds(doc):
        if label == "PERSON" and end - start > 1 and not any(t.like_num for t in doc[start:end]):
            # a name holds no figures: "Krynky 2023-11-10" tagged as a person is a header
            words.update(fold(t.text) for t in doc[start:end] if t.is_alpha)
    return frozenset(words)


def _respelled_person(span: _Span, people: frozenset[str]) -> bool:
    """A name the story gives a person in full, matching a place only once respelled
    ("Lysak" of "Serhii Lysak" -> Lisok): the person again."""
    choice = span.choice
    return (
        choice is not None
        and not choice.exact
        and span.label != "DATELINE"
        and fold(span.name) in people
    )


def _looks_like_person(doc: Doc, span: _Span, people: frozenset[str], lex: Lexicon) -> bool:
    if _after_title(doc, span, lex) or fold(span.name) in people:
        return True
    first = doc[span.start]
    if first.lower_ in lex.titles and not (first.text.isupper() and span.end - span.start > 1):
        return True  # "Secretary", "Governor" matched a town name ("DR Congo" is no title)
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"


def _accept_weak(
    doc: Doc, idx: int, span: _Span, spans: list[_Span], people: frozenset[str], lex: Lexicon
) -> bool:
    """PERSON/ORG/NORP entities and bare n-grams: keep only when the story agrees."""
    choice = span.choice
    if choice is not None and span.container and not span.fallback and _unit_after(doc, span):
        # ACLED's brackets vouch for a respelling too: "Graivoron (…, Belgorod)", and so
        # does a unit named right after it: "Graivoron (Belgorod oblast)", "Lgov, Kursk obl."
        return True
    if line_head(doc, span, lex) or capital_field(doc, span, lex) or place_field(doc, span, lex):
        return True
    if choice is not None and _theatre_tag(doc, span, choice, lex):
        return True
    if choice is None or _looks_like_person(doc, span, people, lex):
        return False
    if _unit_respelled(doc, span, lex):
        return True
    if (span.label == "NORP" or span.inside) and not choice.exact:
        # "Russian" is no respelling of a village Rusyn: a people's name, or a word
        # of an organisation's name ("the Russian Armed Forces")
        return False
    if fold(span.name) in lex.seats and _strong_place(choice):
        return True  # "Minsk has warned": a seat of power, whatever spaCy calls it
    if acronym_guess(doc, span, lex):
        return False
    if span.label != "GAZ" and choice.exact and _object_of_place_verb(doc, span, lex):
        return True  # "troops took Bakhmut" (parsed as an adverb), "Avdiivka was shelled"
    if _vouched(doc, span, lex):
        return True
    if _axis_name(doc, span, lex):
        return True
    # "Gorlovka woman wounded in shelling dies" (tagged PERSON): a name only the war
    # zone has, in a story with words of war ("The friends of Soledar" has none), and
    # not a word of a longer capitalised name ("Human Rights": Human is Uman's alternate)
    war_name = span.war_words and span.theatre and choice.exact and war_zone_name(span, lex)
    if war_name and _is_cap(doc[span.start]) and not _in_longer_name(doc, span):
        return True
    if not any(t.pos_ in ("PROPN", "NOUN") for t in doc[span.start : span.end]):
        return False
    if span.label == "GAZ":
        if span.end - span.start == 1 and doc[span.start].pos_ != "PROPN":
            return False  # "No", "Class": a capitalised common word
        if doc[span.start].is_sent_start and not span.cue:
            return _strong_place(choice)  # "Federal", "Samples": capitalised by position
    if span.label == "PERSON":  # spaCy's PERSON: only well-known places or a feature word
        return _strong_place(choice) or bool(span.cue and _fits(choice.place, span.cue))
    if not choice.exact:  # a transliteration: believe it for an official name in the story
        if span.cue and _fits(choice.place, span.cue):
            return True
        return choice.kind != ALTERNATE and _near_story(choice.place, idx, spans, lex)
    if span.cue and _fits(choice.place, span.cue):
        return True
    if _near_story(choice.place, idx, spans, lex):
        return True
    i = span.start - 1
    while i >= 0 and doc[i].text == "#":
        i -= 1  # "at #Dzhankoi airfield"
    if (
        i > 0
        and doc[i].lower_ == "the"
        and (choice.kind == ALIAS or choice.place.source == "curated")
    ):
        # "in the DPR", "near the Kremlin": curated names only (for any name, measured
        # on GeoWebNews and LGL, "in the X" added more wrong places than right ones)
        i -= 1
    before = doc[i].lower_ if i >= 0 else ""
    if before in lex.locative and choice.kind != ALTERNATE:
        return True  # "near Kharkiv", "in Bakhmut": the preposition vouches for a place
    if not _strong_place(choice):
        return False
    # a big city or a region named like a company or an office ("Toyota", "Centre")
    # counts only inside the story's countries
    place = choice.place
    return (
        place.feature in ("PCLI", "CONT")
        or place.source == "curated"
        or (_home_country(place, idx, spans))
        or (span.theatre and in_theatre(place, lex))  # a war story's country is the theatre
    )


def _theatre_tag(doc: Doc, span: _Span, choice: Candidate, lex: Lexicon) -> bool:
    """A post's hashtag that names a war-zone place exactly, in a war story ("#Kurchatov
    #KurskObl …: UA drone downed"): the writer tagged a place."""
    tag = span.start > 0 and doc[span.start - 1].text == "#" and not doc[span.start - 1].whitespace_
    return (
        tag
        and span.theatre
        and choice.exact
        and choice.kind != ALTERNATE
        and in_theatre(choice.place, lex)
    )


def _unit_after(doc: Doc, span: _Span) -> bool:
    """The span's qualifier is ACLED's bracket, or a unit in brackets or after a comma."""
    if span.qualifier == ADMIN:
        return True
    return span.qualifier == UNIT and span.end < len(doc) and doc[span.end].text in ("(", ",")


def _unit_respelled(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """ "the Marganets community" (Marhanets; spaCy: NORP): in a war story, a war-zone
    raion or hromada named with its unit word, spelled another way."""
    choice = span.choice
    return (
        choice is not None
        and span.theatre
        and span.end < len(doc)
        and doc[span.end].lower_ in lex.unit_words
        and choice.place.feature[:4] in ("ADM2", "ADM3")
        and choice.kind != ALTERNATE
        and in_theatre(choice.place, lex)
        and _is_cap(doc[span.start])
    )


def _in_longer_name(doc: Doc, span: _Span) -> bool:
    """Is a title-case word right before or after the name (not a sentence's first)? An
    acronym is not one: "the MLRS Orekhov" is a name after the weapon's."""

    def title(tok: Token) -> bool:
        return _is_cap(tok) and not tok.text.isupper()

    before = span.start > 0 and title(doc[span.start - 1]) and not doc[span.start].is_sent_start
    return before or (span.end < len(doc) and title(doc[span.end]))


_FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "NUM", "PART"})


def _vouched(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """A name spaCy missed, vouched for by its phrase: "Krasne (Kharkiv Oblast)" (a
    qualifier whose unit holds the place), or in a war story a war-zone place that
    is the target of a military verb or follows a locative preposition ("The
    invaders shelled Toretsk again", "Civilian killed in Gorlovka")."""
    choice = span.choice
    outer = span.container.choice if span.container else None
    if choice is None or not (choice.exact or choice.kind != ALTERNATE):
        return False
    if span.end - span.start == 1 and doc[span.start].pos_ in _FUNCTION_POS:
        return False  # "The", "A": capitalised function words
    if span.qualifier and outer is not None and not span.fallback and choice.exact:
        return True
    if not (span.theatre and in_theatre(choice.place, lex)):
        return False  # a respelling ("Chuguiev") only in a war story, for a war-zone place
    i = _before(doc, span)
    if i > 0 and doc[i].lower_ == "the":
        i -= 1  # "in the Nikolaev area"
    before = doc[i].lower_ if i >= 0 else ""
    if before == "of" and i >= 1 and doc[i - 1].lower_ in lex.area_nouns:
        return True  # "the centre of Lysychansk", "the outskirts of Bakhmut"
    if line_label(doc, span):
        return True  # "Pokrovsk: hotel hit by two missiles" (a log line's place label)
    return before in lex.locative or _object_of_place_verb(doc, span, lex)


def line_label(doc: Doc, span: _Span) -> bool:
    """A name opening a line before a colon labels the place of what follows, as in an
    incident log or a post: "Kharkiv: two killed in a missile strike" (the town)."""
    starts = span.start == 0 or "\n" in doc[span.start - 1].whitespace_ + doc[span.start - 1].text
    return starts and span.end < len(doc) and doc[span.end].text == ":"


def _junk(text: str) -> bool:
    """A token that is no word of the phrase before a name: one left by a broken encoding
    ("??" for a lost non-breaking space), or a hashtag's mark ("at #Saky airfield")."""
    return text == "#" or (bool(text) and all(ch in "?\ufffd" for ch in text))


def _before(doc: Doc, span: _Span) -> int:
    """The index of the word the phrase before a name ends with: encoding junk is
    skipped ("the area of ??Ugledar"), and the second of two names listed with
    "and" has the first one's ("the area of Ugledar and Prechistovka")."""
    i = span.start - 1
    while i >= 0 and _junk(doc[i].text):
        i -= 1
    if i >= 1 and doc[i].lower_ in ("and", ",") and _is_cap(doc[i - 1]):
        j = i - 1
        while j >= 1 and _is_cap(doc[j - 1]):
            j -= 1  # the first name's first word
        j -= 1
        while j >= 0 and _junk(doc[j].text):
            j -= 1
        return j
    return i


def _axis_name(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """ "the Krasnoliman direction", "the Bakhmut community" (the name often tagged an
    adjective): a capitalised name before an axis word, in a war story, naming a
    war-zone place; or before a unit word, naming that unit exactly."""
    choice = span.choice
    if choice is None or span.end >= len(doc) or not _is_cap(doc[span.start]):
        return False
    after = doc[span.end].lower_
    if after in lex.unit_words:
        return choice.exact and choice.place.feature[:4] in ("ADM2", "ADM3")
    return after in lex.axis_words and span.theatre and in_theatre(choice.place, lex)


def _object_of_place_verb(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """Attached to a verb whose object is a place, as anything but its active
    subject, or listed with such a name ("shelled Vuhledar and Marinka"); or the
    object of "on"/"of" after a military verb or noun ("the shelling of Izium")."""
    tok = doc[span.start : span.end].root
    named = tok  # the name itself, or the first of a list ("Kharkiv and Sumy shelled")
    while named.dep_ == "conj" and named.head.i != named.i:
        named = named.head
    if named.dep_ == "nsubj" and _reduced_passive(named.head, lex):
        return True  # "Mykolaiv shelled again overnight", "Sumy hit by drones"
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in lex.area_nouns:
        tok = tok.head.head  # "attacked residential areas of Dnipro": the areas' verb
    if tok.dep_ == "pobj" and tok.head.lower_ in lex.target_prepositions:
        # "fired on Energodar", "shelling of Zelenodolsk", "strikes on Kramatorsk"
        head = tok.head.head
        lemma = head.lemma_.lower()
        return lemma in lex.military_verbs or lemma in lex.military_nouns
    if tok.dep_ in ("nsubj", "agent", "ROOT", "amod") or tok.head.pos_ != "VERB":
        return False
    verb = tok.head.lemma_.lower()
    if verb in lex.military_verbs:
        return True
    if verb not in lex.general_place_verbs:
        return False
    return span.label != "PERSON" or _armed_subject(tok.head, lex)


_HEADLINE_TOKENS = 12  # a headline's reduced passive: a short line, not prose


def _reduced_passive(verb: Token, lex: Lexicon) -> bool:
    """A headline's reduced passive, its subject what was done to: a bare participle of a
    place verb ("Sumy hit by drones"), or a military verb the tagger read as a past tense
    heading a short sentence with no object ("Mykolaiv shelled again overnight")."""
    deps = {c.dep_ for c in verb.children}
    if deps & {"aux", "auxpass", "dobj", "ccomp", "xcomp"} or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    if verb.tag_ == "VBN":
        return lemma in lex.military_verbs or lemma in lex.general_place_verbs
    short = verb.dep_ == "ROOT" and len(verb.sent) <= _HEADLINE_TOKENS
    return verb.tag_ == "VBD" and short and lemma in lex.military_verbs


def _armed_subject(verb: Token, lex: Lexicon) -> bool:
    return any(
        child.dep_ == "nsubj" and child.lower_ in lex.armed_subjects for child in verb.children
    )


def _home_country(place: Place, idx: int, spans: list[_Span]) -> bool:
    """Does another confident place of the story lie in the same country?"""
    return any(
        j != idx
        and not other.dropped
        and other.strong
        and other.choice is not None
        and other.choice.place.country == place.country
        for j, other in enumerate(spans)
    )


def _far_from_story(
    place: Place, idx: int, spans: list[_Span], gaz: Gazetteer, lex: Lexicon
) -> bool | None:
    """True when every other trusted place of the story is far; None when too few.

    Countries are near what lies in them and near their neighbours; only exact
    matches count as the story's places (two wrong namesakes must not vouch for
    each other)."""
    others = 0
    for j, other in enumerate(spans):
        if j == idx or other.dropped or other.choice is None or other.role == "actor":
            continue
        if not other.choice.exact or other.flags:
            continue
        o = other.choice.place
        if o.id == place.id:
            continue
        others += 1
        if o.country == place.country and (_is_area(o) or _is_area(place)):
            return False
        if _is_area(place) and o.country in gaz.neighbours(place.country):
            return False
        if _is_area(o) != _is_area(place):
            continue  # a city and a foreign country's centroid say nothing
        if _km(place, o) <= lex.far_km:
            return False
    return True if others >= 2 else None


def _garbled(span: _Span, spans: list[_Span], gaz: Gazetteer, lex: Lexicon) -> Candidate | None:
    """A near-miss spelling of a place the story names or sits in ("Udonetsk")."""
    key = strict_key(span.name)
    if len(key) < 5:
        return None
    pool: dict[str, Candidate] = {}
    for other in spans:
        if other.name == span.name or other.dropped or other.choice is None:
            continue
        if other.choice.exact and not other.flags:
            pool.setdefault(strict_key(other.name), other.choice)
            for name in _bare_names(other.choice.place.name, lex):
                pool.setdefault(strict_key(name), other.choice)
    if not pool:
        return None
    best = process.extractOne(key, list(pool), scorer=fuzz.ratio, score_cutoff=lex.garbled_score)
    return pool[best[0]] if best else None


def _wrong_kind(span: _Span, lex: Lexicon) -> bool:
    """The phrase names a natural feature ("Plum Island") and the choice is not one,
    nor a place called by the whole phrase (Rice Lake, Wisconsin is a city)."""
    if not span.cue or not all(code in lex.strict_features for code in span.cue):
        return False
    choice = span.choice
    return (
        choice is not None
        and not _fits(choice.place, span.cue)
        and (choice.place.id not in span.whole)
    )


def _bare_names(name: str, lex: Lexicon) -> list[str]:
    """A place's name, and without a trailing feature word ("Donetsk Oblast" -> "Donetsk")."""
    head, _, last = name.rpartition(" ")
    return [name, head] if head and last.lower() in lex.feature_words else [name]


def _untrusted(place: Place, cand: Candidate, far: bool | None, lex: Lexicon) -> bool:
    """A minor namesake far from the story ("Udong" -> a Cambodian village)."""
    if not far:
        return False
    if place.feature in ("PCLI", "CONT", "ADM1", "PPLC") or place.source == "curated":
        return not cand.exact
    minor = place.population < lex.minor_population or cand.kind == ALTERNATE
    return minor or not cand.exact


def _state_code(span: _Span, spans: list[_Span]) -> bool:
    """ "- MO" (the Ministry of Defence) is not Missouri: a two-letter code of an
    admin-1 unit counts only as the container of the place before it ("Joplin, MO")."""
    choice = span.choice
    if choice is None or len(span.name) != 2 or not span.name.isupper():
        return False
    if not choice.place.feature.startswith("ADM1"):
        return False
    return not any(other.container is span for other in spans)


def _attribution(doc: Doc, span: _Span) -> bool:
    """A name in a headline's trailing attribution ("... - Basurin", "... - VGA"):
    after a spaced dash, at most four words before the sentence ends."""
    if span.label in STRONG_LABELS:
        return False
    i = span.start - 1
    while i >= 0 and span.start - i <= 3 and doc[i].text not in DASHES:
        i -= 1
    if i < 0 or doc[i].text not in DASHES or not doc[i].whitespace_:
        return False
    end = span.end
    while end < len(doc) and end - i <= 5:
        if doc[end].is_sent_start or doc[end].text in (";", "."):
            break
        end += 1
    # "27.06.2022 - Kremenchuk, …": a record's header after its date, not a byline
    return end - i <= 5 and not opens_line(doc_text(doc), doc[span.start].idx)


def judge(doc: Doc, spans: list[_Span], gaz: Gazetteer, lex: Lexicon) -> None:
    people = person_words(doc)
    dropped = 0
    for idx, span in enumerate(spans):
        if span.dropped:
            continue
        after = doc[span.end] if span.end < len(doc) else None  # "near Sobornyi ave.": a
        street = after is not None and after.is_lower and after.lower_ in lex.street_words
        if _state_code(span, spans) or _attribution(doc, span) or street:
            span.dropped = True
            dropped += 1
            continue
        if not span.strong and not _accept_weak(doc, idx, span, spans, people, lex):
            span.dropped = True
        elif span.strong and span.label != "DATELINE" and _after_title(doc, span, lex):
            span.dropped = True  # "Deputy Vuhledar": a person, whatever spaCy calls it
        elif span.strong and _respelled_person(span, people):
            span.dropped = True  # "governor Serhii Lysak … On 16 September Lysak reported"
        elif span.strong and span.choice and span.choice.place.feature.startswith("ADM1"):
            line_head(doc, span, lex)  # "Chernihiv, 19 August 2023 - …": the city heads it
        dropped += span.dropped
    if dropped:
        # Capitalised words that matched a namesake ("Imagine" -> Imagane) shaped the
        # story's context above; now they are gone, the rest is resolved again.
        resolve(spans, lex, rounds=2, gaz=gaz)
    ctx = _context(spans, gaz)
    for span in spans:
        if not span.dropped and span.strong and acronym_guess(doc, span, lex):
            span.choice = None  # judged below: unresolved unless a near-miss of the story
    for idx, span in enumerate(spans):
        if span.dropped:
            continue
        if span.label == "FAC" and span.choice is None:
            span.dropped = True  # buildings and roads the gazetteer lacks are not suspect
            continue
        if (
            span.label in ("GPE", "LOC", "FAC")
            and not any(t.pos_ in ("PROPN", "NOUN") for t in doc[span.start : span.end])
            and not (span.choice is not None and span.choice.exact)
        ):
            # "Ukrainian" tagged GPE: an adjective, not a place; "the Bakhmut district"
            # (tagged ADJ) is a place's exact name, and stays
            span.dropped = True
            continue
        if (
            span.choice is not None
            and _wrong_kind(span, lex)
            and not _near_story(span.choice.place, idx, spans, lex)
        ):
            # "Plum Island" is not a town called Plum far away (unresolved below); a
            # river near its namesake town in the story may stand at the town
            span.choice = None
        far = _far_from_story(span.choice.place, idx, spans, gaz, lex) if span.choice else None
        if span.choice is not None and not span.choice.exact:
            # a respelling is believed only inside the story's countries or near its places
            home = _country_share(ctx, span, span.choice.place.country) >= 0.2
            home = home or (span.theatre and in_theatre(span.choice.place, lex))
            if not (home or _near_story(span.choice.place, idx, spans, lex)):
                span.choice = None
        if span.choice is None or _untrusted(span.choice.place, span.choice, far, lex):
            fixed = _garbled(span, spans, gaz, lex)
            span.choice = fixed
            span.flags.append("garbled" if fixed else "unresolved")
            if span.label == "CUE" and not fixed:
                span.dropped = True  # a capitalised word before "town" is no evidence alone
    _coarsen_missing_units(spans, gaz)
    for span in spans:
        if not span.dropped:
            span.role = _role(doc, span, lex)
    for idx, span in enumerate(spans):
        if span.dropped or span.choice is None or span.role != "location":
            continue
        if "garbled" in span.flags or not _literal(doc, span):
            continue
        if _far_from_story(span.choice.place, idx, spans, gaz, lex):
            span.flags.append("suspect_far")


def _dominant_admin1(spans: list[_Span], name: str) -> str | None:
    """The admin-1 unit most of the story's other place mentions lie in, if most do
    (mentions, not distinct places: measured on LGL, a state named five times says
    more than five towns named once)."""
    counts: dict[str, int] = {}
    for other in spans:
        if other.dropped or other.choice is None or other.name == name or other.flags:
            continue
        code = other.choice.place.admin1
        if code:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    code, count = max(counts.items(), key=lambda kv: kv[1])
    return code if count * 2 > sum(counts.values()) else None


def _coarsen_missing_units(spans: list[_Span], gaz: Gazetteer) -> None:
    """ "Henry County" when the gazetteer has no such county: rather than a town named
    Henry in another state, the admin-1 unit the story is in stands for it ("coarse")."""
    for span in spans:
        choice = span.choice
        if span.dropped or choice is None or not span.cue or span.cue[0] != "ADM2":
            continue
        if _fits(choice.place, ("ADM2",)):
            continue
        home = _dominant_admin1(spans, span.name)
        if home is None or choice.place.admin1 == home:
            continue
        unit = gaz.admin1(home)
        if unit is None or unit.country != choice.place.country:
            continue  # a story about Georgia (US) does not move a place in Indonesia
        # Not a namesake town in that unit: measured on LGL, the county named
        # "Laurel" is farther from the town Laurel than from its state's point.
        span.choice = Candidate(unit, exact=False, kind=ALIAS)
        span.flags.append("coarse")


def _literal(doc: Doc, span: _Span) -> bool:
    """Where something is said to happen: object of a locative preposition."""
    head = doc[span.start : span.end].root
    while head.dep_ in ("compound", "amod", "conj", "appos") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in lexicon().locative
