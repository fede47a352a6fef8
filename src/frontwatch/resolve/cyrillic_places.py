"""Places in Ukrainian and Russian text, in every case form, against the gazetteer.

``resolve_cyrillic_places(doc, article, gazetteer) -> [PlaceMention]``. No NER runs on
this text (annotate/blank.py): a place is a run of one to three capitalised words whose
written form, lemma or the nominative built from it (an oblast's adjective "Харківській"
→ "Харківська" before "області"; adjectives and a noun, "Чорного моря" → "Чорне море")
is a name in the gazetteer, a town an adjective is made from before an axis or site
noun ("Покровському напрямку", "Запорізьку АЕС"), or a region's colloquial name
("Херсонщина", data/lexicon.LANG.toml). Names that are no place: a common word but as a
notable town (or, mid-sentence, a country), a capitalised adjective alone, a given name
and the surname after it, an unknown adjective-and-noun name. Among namesakes exact
spellings come first, then a city of the theatre, then the theatre's countries in order
(Ukraine, Russia), then one inside a region the same sentence names or the oblast of a
town it names without doubt, then the most populous; a feature noun before the name
("річці", "місті") picks its kind. A "-щина" district is its town ("Нікопольщина"), "the
capital" Kyiv; a word simplemma does not know is a name, its nominative built on its stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from frontwatch.annotate.blank import is_common_word, lemma
from frontwatch.lexicons import load_toml
from frontwatch.models import Article, Place, PlaceMention
from frontwatch.resolve.gazetteer import Candidate, Gazetteer

_MAX_WORDS = 3
_MIN_FOLDED = 7  # letters a name needs before a folded (inexact) spelling may match it
# Outside the theatre only places a war report names by themselves: countries, regions,
# capitals and seats of government, and cities of this size ("Вадим" is not Vidim).
_FOREIGN_MIN_POPULATION = 100_000
_CITY = 100_000  # a city among namesakes: before the villages of any theatre country
_UPPER_START = re.compile(r"^[А-ЯІЇЄҐЁ]")
_ENDING = re.compile(r"[уіиаеюяо]+$")  # case endings of a noun's oblique forms
# A town adjective's case ending where simplemma gives no lemma: back to the masculine.
_ADJECTIVE_CASE = re.compile(r"(ськ|цьк|зьк)(?:а|е|і|у|ого|ому|ої|ій|ою|им|их|ими)$")
_NOMINATIVE_ENDINGS = ("а", "я", "е", "о")  # a noun's nominative after its stem
_MIN_STEM = 5  # letters a stem needs before nominatives are built on it
_NAME_ENDING = re.compile(r"[аеєиіїйоуюяьм]+$")  # a given name's case endings, roughly


def _stem(name: str) -> str:
    """A given name's stem, the same in every case ("Олександра", "Олександр")."""
    low = name.lower()
    stem = _NAME_ENDING.sub("", low)
    return stem if len(stem) >= 3 else low


@dataclass(frozen=True, slots=True)
class _PlaceWords:
    theatre: tuple[str, ...]  # countries whose namesakes come first, in this order
    region_words: frozenset[str]  # "область", "обл" ...: the word after an oblast adjective
    region_noun: str  # the nominative of that word, as the gazetteer spells regions
    adjective_endings: tuple[tuple[str, str], ...]  # masculine lemma ending -> feminine
    town_from_adjective: tuple[tuple[str, str], ...]  # adjective ending -> town ending
    town_nouns: frozenset[str]  # "напрямку", "АЕС": the adjective before it names a town's
    colloquial: dict[str, str]  # "херсонщин" -> "UA-65"
    abbreviations: dict[str, str]  # "ДНР" -> "UA-14"
    not_places: frozenset[str]  # capitalised words that are never places here
    # An adjective's lemma ending -> its nominatives ("чорний": чорний, чорна, чорне)
    adjective_nominatives: tuple[tuple[str, tuple[str, ...]], ...]
    town_adjectives: dict[str, str]  # irregular adjective stems: "запорізьк" -> Запоріжжя
    site_nouns: dict[str, tuple[str, ...]]  # "аес" -> the gazetteer's "NPP"
    first_names: frozenset[str]  # the stems of given names ("володимир")
    national: tuple[str, ...]  # a country's adjectives, never a town's ("українськ")
    feature_nouns: dict[str, str]  # "річ" (річка, річці) -> STM: the kind of place named
    names: dict[str, str] = field(default_factory=dict)  # "російська федерація" -> Росія
    area_endings: tuple[str, ...] = ()  # "щина": a district named after its town
    area_stems: tuple[str, ...] = ()  # what the town's name may add to the stem: "ськ"
    capital_words: tuple[str, ...] = ()  # "столиц": the theatre's first country's capital
    capital: str = ""  # its name as the gazetteer spells it
    own_country: str = ""  # "україн": "столиця України" is still ours


@lru_cache(maxsize=4)
def place_words(language: str) -> _PlaceWords:
    data = load_toml(f"lexicon.{language}.toml")["places"]
    return _PlaceWords(
        theatre=tuple(data["theatre"]),
        region_words=frozenset(data["region_words"]),
        region_noun=str(data["region_noun"]),
        adjective_endings=tuple((a, b) for a, b in data["adjective_endings"]),
        town_from_adjective=tuple((a, b) for a, b in data["town_from_adjective"]),
        town_nouns=frozenset(data["town_nouns"]),
        colloquial=dict(data["colloquial"]),
        abbreviations=dict(data.get("abbreviations", {})),
        not_places=frozenset(w.lower() for w in data["not_places"]),
        adjective_nominatives=tuple((a, tuple(b)) for a, b in data["adjective_nominatives"]),
        town_adjectives=dict(data["town_adjectives"]),
        site_nouns={k: tuple(v) for k, v in data["site_nouns"].items()},
        first_names=frozenset(_stem(w) for w in data["first_names"]),
        national=tuple(data["national_adjectives"]),
        feature_nouns=dict(data["feature_nouns"]),
        names=dict(data.get("names", {})),
        area_endings=tuple(sorted(data.get("area_endings", ()), key=len, reverse=True)),
        area_stems=tuple(data.get("area_stems", ())),
        capital_words=tuple(data.get("capital_words", ())),
        capital=str(data.get("capital", "")),
        own_country=str(data.get("own_country", "")),
    )


def _capitalised(word: str) -> bool:
    if word.isupper():  # (a region's abbreviation is looked up on its own: _scan)
        return len(word) > 4  # "ЗСУ", "ППО", "ДНР" are bodies, not places
    return bool(_UPPER_START.match(word))


def _is_region(place: Place) -> bool:
    return place.feature.startswith("ADM1") or place.id.startswith("adm1:")


def _rank(cand: Candidate, regions: set[str], theatre: tuple[str, ...]) -> tuple[int, ...]:
    place = cand.place
    return (
        0 if cand.exact else 1,
        cand.kind,  # a primary name or a listed alias before a stray alternate
        # A city of the theatre before its villages whatever the country ("в Курске" is
        # Kursk, not the village Kurske in Ukraine), then Ukraine's before Russia's.
        0 if place.country in theatre and place.population >= _CITY else 1,
        theatre.index(place.country) if place.country in theatre else len(theatre),
        0 if place.admin1 in regions else 1,
        0 if place.feature.startswith("PPL") else 1,
        -place.population,
    )


class _Finder:
    """Lookups of one language's word runs, cached per article."""

    def __init__(self, language: str, gazetteer: Gazetteer) -> None:
        self.language = language
        self.words = place_words(language)
        self.gazetteer = gazetteer

    def lemma(self, word: str) -> str:
        return lemma(word, self.language)

    def adjective(self, word: str) -> bool:
        """A capitalised adjective ("Українські", "Чорного"): its lemma is a common word
        with an adjective's ending."""
        return is_common_word(word, self.language) and any(
            self.lemma(word).endswith(end) for end, _ in self.words.adjective_nominatives
        )

    def candidates(self, forms: list[str]) -> list[Candidate]:
        seen: dict[str, Candidate] = {}
        names = self.words.names
        for form in forms + [names[f.lower()] for f in forms if f.lower() in names]:
            for cand in self.gazetteer.candidates(form):
                old = seen.get(cand.place.id)
                # The best way a form matched: exact first, then the name's kind
                # ("Херсоні" is a stray alternate of the city, its lemma the primary).
                if old is None or (not cand.exact, cand.kind) < (not old.exact, old.kind):
                    seen[cand.place.id] = cand
        return list(seen.values())

    def towns(self, adjective: str, written: str = "") -> list[Candidate]:
        """Towns an adjective is made from, in the theatre ("бахмутський" -> Бахмут);
        an irregular one by its lemma or its written form (simplemma knows few)."""
        if adjective.startswith(self.words.national):
            return []  # "Українській АЕС" is no town's
        adjective = _ADJECTIVE_CASE.sub(r"\1ий", adjective)  # "дергачівську": unknown lemma
        names = [
            adjective[: -len(end)] + town
            for end, town in self.words.town_from_adjective
            if adjective.endswith(end)
        ]
        names += [
            town
            for stem, town in self.words.town_adjectives.items()
            if adjective.startswith(stem) or written.lower().startswith(stem)
        ]
        found = self.candidates([n for n in names if len(n) > 2])
        return [
            c
            for c in found
            if c.place.country in self.words.theatre and c.place.feature.startswith("PPL")
        ]

    def site(self, towns: list[Candidate], noun: str) -> list[Candidate]:
        """A site named after its town ("Запорізька АЕС": Zaporizhzhia NPP), as the
        gazetteer names it: the town's name and the site noun's equivalent."""
        suffixes = self.words.site_nouns.get(noun.lower(), ())
        for town in towns:
            found = self.candidates([f"{town.place.name} {suffix}" for suffix in suffixes])
            if found:
                return found
        return []

    def nominatives(self, words: list[str]) -> list[str]:
        """Adjectives and a noun put in the nominative ("Чорного моря" -> "чорне море",
        "Новій Каховці" -> "нова каховка"), each gender's ending in turn."""
        *adjectives, noun = words
        heads = [self.lemma(w) for w in adjectives]
        stem = _ENDING.sub("", noun.lower())
        # the noun's nominative where simplemma does not know it ("Токмачку" -> "токмачка")
        nouns = {self.lemma(noun), noun.lower(), stem, *(stem + e for e in _NOMINATIVE_ENDINGS)}
        forms: list[str] = []
        for masc, endings in self.words.adjective_nominatives:
            if all(h.endswith(masc) for h in heads):
                for end in endings:
                    adj = " ".join(h[: -len(masc)] + end for h in heads)
                    forms += [f"{adj} {n}" for n in nouns if n]
        return forms

    def region(self, adjective_words: list[str]) -> Place | None:
        """The oblast an adjective names before "область" ("Харківській" -> Kharkiv Oblast)."""
        head = [self.lemma(w) for w in adjective_words]
        for masc, fem in self.words.adjective_endings:
            if head[-1].endswith(masc):
                name = " ".join([*head[:-1], head[-1][: -len(masc)] + fem, self.words.region_noun])
                regions = [c.place for c in self.candidates([name]) if _is_region(c.place)]
                if regions:
                    return regions[0]
                break
        for town in self.towns(head[-1]):
            if town.place.admin1:
                return self.gazetteer.admin1(town.place.admin1)
        return None

    def capital(self, tokens: list[Token], i: int) -> Place | None:
        """ "столиці", "столичний": the own country's capital, unless another country's
        name follows ("столиця Росії")."""
        words = self.words
        low = tokens[i].text.lower()
        if not words.capital or not low.startswith(words.capital_words):
            return None
        after = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if _capitalised(after) and not after.lower().startswith(words.own_country):
            return None
        country = words.theatre[0]
        return next(
            (
                c.place
                for c in self.gazetteer.candidates(words.capital)
                if c.place.feature == "PPLC" and c.place.country == country
            ),
            None,
        )

    def area(self, word: str) -> list[Candidate]:
        """The town a "-щина" district is named after ("Нікопольщині" -> Нікополь)."""
        low = word.lower()
        end = next((e for e in self.words.area_endings if low.endswith(e)), None)
        if end is None or len(low) - len(end) < 3:
            return []
        stem = word[: -len(end)]
        found = self.candidates([stem + more for more in self.words.area_stems])
        return [
            c
            for c in found
            if c.exact
            and c.place.country in self.words.theatre
            and c.place.feature.startswith("PPL")
        ]

    def colloquial(self, word: str) -> Place | None:
        low = word.lower()
        for stem, code in self.words.colloquial.items():
            if low.startswith(stem):
                return self.gazetteer.admin1(code)
        return None

    def run(self, words: list[str], following: str | None, initial: bool) -> _Found:
        """What a run of capitalised words names: candidates, a region, or nothing;
        ``initial``: the run opens its sentence (a capital there says nothing)."""
        lemmas = [self.lemma(w) for w in words]
        if len(words) >= 2 and lemmas[-1] in self.words.region_words:
            return self.region(words[:-1])
        if (
            len(words) == 1
            and following is not None
            and {following.lower(), self.lemma(following)} & self.words.town_nouns
        ):
            towns = self.towns(lemmas[-1], words[-1])
            site = self.site(towns, following) if towns else []
            if site:
                return _Site(site)
            if towns:
                return towns
        region = self.colloquial(words[0]) if len(words) == 1 else None
        if region is not None:
            return region  # "на Харківщині" is the oblast, not the village Kharkivshchyna
        district = self.area(words[0]) if len(words) == 1 else []
        if district:
            return district  # "на Нікопольщині": the district of Nikopol, at the town
        if len(words) == 1 and self.adjective(words[0]):
            if following is not None and following.islower():
                # An adjective and a common noun: a name in the gazetteer ("Чорного
                # моря", the Black Sea), or, at a sentence's start, no place at all
                # ("Українські війська", "Новий злочин").
                site = self.known_only(self.nominatives([words[0], following]))
                if site:
                    return _Site(site)
            if initial:
                return None
        # A run that opens with a common word ("Сили", the forces; "Вісім", eight;
        # "Республіки") names a place only by its
        # exact spelling and in the theatre; a folded spelling only for a longer proper
        # noun in the theatre ("Сили" is not Celle, "На" not Wuhan). At a sentence's
        # start, where no preposition stands before it, only as written ("Українці",
        # Ukrainians, is not the locative of Ukrainka).
        common = is_common_word(words[0], self.language)
        # A lone adjective likewise: its lemma ("Київському" -> "київський") is a
        # masculine nominative, which names a district somewhere, not this text's place.
        adjective = len(words) == 1 and self.adjective(words[0])
        forms = [" ".join(words)]
        if not (common and initial) and not adjective:
            forms.append(" ".join(lemmas))
            if len(words) == 1:
                stem = _ENDING.sub("", words[0])  # a crude stem: "Бахмуті" -> "Бахмут"
                if len(stem) >= 3:  # ("Бои" is no "Бо")
                    forms.append(stem)
                if lemmas[0] == words[0].lower() and len(stem) >= _MIN_STEM:
                    # no lemma known: the nominatives on the stem ("Синьківки")
                    forms += [stem + e for e in _NOMINATIVE_ENDINGS]
        theatre = self.words.theatre
        longer = len(" ".join(words)) >= _MIN_FOLDED
        found = [
            c
            for c in self.candidates(forms)
            if (
                c.exact
                and (_notable(c.place, theatre, initial) if common else _known(c.place, theatre))
            )
            # (a folded spelling never at a sentence's start, where an unknown word,
            # "Пологове" (maternity), is capitalised anyway: not the village Poliakhova)
            or (not common and not initial and longer and c.place.country in theatre)
        ]
        if not found and len(words) >= 2 and all(self.adjective(w) for w in words[:-1]):
            found = self.known_only(self.nominatives(words))  # "Новій Каховці"
        return found or None

    def known_only(self, forms: list[str]) -> list[Candidate]:
        """Exact matches of built forms, a namesake outside the theatre only if notable."""
        theatre = self.words.theatre
        return [c for c in self.candidates(forms) if c.exact and _known(c.place, theatre)]


class _Site(list[Candidate]):
    """Candidates of a name that takes in the word after the run ("АЕС", "моря")."""


_Found = list[Candidate] | Place | None


# With every Ukrainian village in the gazetteer a common word is often some village's
# name too ("Сили", the forces; "Мирне", peaceful): a common word names only a town.
_COMMON_MIN_POPULATION = 5000


def _known(place: Place, theatre: tuple[str, ...]) -> bool:
    """A proper noun's namesake: any in the theatre, only a notable one elsewhere."""
    if place.country in theatre:
        return True
    feature = place.feature
    return (
        not feature.startswith("PPL")
        or feature in ("PPLC", "PPLA")
        or place.population >= _FOREIGN_MIN_POPULATION
    )


def _notable(place: Place, theatre: tuple[str, ...], initial: bool) -> bool:
    """A common word's namesake: a town or region of the theatre; a country anywhere but
    at a sentence's start, where a capital says nothing ("Мали місце вибухи" is not Mali)."""
    if not initial and _is_country(place):
        return True
    return place.country in theatre and (
        place.population >= _COMMON_MIN_POPULATION or not place.feature.startswith("PPL")
    )


def resolve_cyrillic_places(doc: Doc, article: Article, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every place name of a Ukrainian or Russian article (see the module doc)."""
    finder = _Finder(article.language or "uk", gazetteer)
    mentions: list[PlaceMention] = []
    for sent_i, sent in enumerate(doc.sents):
        tokens = [t for t in sent if not t.is_space]
        found = _scan(tokens, finder)
        regions = {p.admin1 for *_, p in found if isinstance(p, Place) and p.admin1}
        # Among namesakes, one in the oblast of a town the sentence names without doubt
        # ("поблизу Вовчанська та Стариці": the Starytsia of Kharkiv Oblast).
        near = regions | _anchors(found, regions, finder.words.theatre)
        for start, end, what in found:
            if isinstance(what, Place):
                place: Place = what
            else:
                place = min(what, key=lambda c: _rank(c, near, finder.words.theatre)).place
                if regions and place.admin1 not in regions and not _is_country(place):
                    # A region named beside it and no namesake inside it: the region, never
                    # a namesake elsewhere (a country named beside it stays the country).
                    fallback = gazetteer.admin1(sorted(regions)[0])
                    place = fallback or place
            mentions.append(
                PlaceMention(start, end, article.text[start:end], place=place, sent=sent_i)
            )
    return mentions


_ANCHOR_POPULATION = 10_000  # a town this size in the theatre is what its name means


def _anchors(
    found: list[tuple[int, int, list[Candidate] | Place]],
    regions: set[str],
    theatre: tuple[str, ...],
) -> set[str]:
    """The oblasts of the sentence's towns that leave no doubt: the best namesake by its
    own name (not an old or alternate one) in the theatre, a town of 10,000 or the only
    such namesake."""
    anchors: set[str] = set()
    for *_, what in found:
        if isinstance(what, Place):
            continue
        own = [c for c in what if c.exact and c.kind == 0 and c.place.country in theatre]
        if not own:
            continue
        best = min(own, key=lambda c: _rank(c, regions, theatre)).place
        unique = len({c.place.admin1 for c in own}) == 1
        if best.admin1 and (unique or best.population >= _ANCHOR_POPULATION):
            anchors.add(best.admin1)
    return anchors


def _is_country(place: Place) -> bool:
    return place.feature.startswith("PCL")


def _skip_name(tokens: list[Token], i: int, finder: _Finder) -> int:
    """Words from ``i`` that make up a name which is no place: a given name and a
    surname ("Володимир Зеленський"), or an unknown name of a capitalised adjective and
    a noun ("Бабиного Яру": not the village Yar). 0 when it is no such name."""
    if i + 1 >= len(tokens) or not _capitalised(tokens[i + 1].text):
        return 0
    word = tokens[i].text
    if _stem(word) in finder.words.first_names or finder.adjective(word):
        return 2
    return 0


def _of_feature(found: list[Candidate], before: str, finder: _Finder) -> list[Candidate]:
    """The namesakes of the kind the word before names ("річці Дніпро": the river)."""
    low = before.lower()
    code = next((c for stem, c in finder.words.feature_nouns.items() if low.startswith(stem)), None)
    kept = [c for c in found if code and c.place.feature.startswith(code)]
    return kept or found


def _adjective_start(words: list[str], finder: _Finder) -> int:
    """Where an oblast's adjectives start in a run ending in "область": after the
    words that are no adjective ("Поліція Київської області")."""
    n = len(words) - 1
    while n > 0 and finder.adjective(words[n - 1]):
        n -= 1
    return n if n < len(words) - 1 else 0


def _scan(tokens: list[Token], finder: _Finder) -> list[tuple[int, int, list[Candidate] | Place]]:
    """Runs of up to three capitalised words (the last may be "область") that name places."""
    found: list[tuple[int, int, list[Candidate] | Place]] = []
    first = next((k for k, t in enumerate(tokens) if t.is_alpha), 0)
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        code = finder.words.abbreviations.get(word)
        region = finder.gazetteer.admin1(code) if code else finder.capital(tokens, i)
        if region is not None:
            found.append((tokens[i].idx, tokens[i].idx + len(word), region))
            i += 1
            continue
        if not _capitalised(word) or word.lower() in finder.words.not_places:
            i += 1
            continue
        for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            if n == 1 and (skip := _skip_name(tokens, i, finder)):
                i += skip  # no longer run named a place: neither does a part of this name
                break
            run = tokens[i : i + n]
            words = [t.text for t in run]
            if n > 1 and not all(
                _capitalised(w) or finder.lemma(w) in finder.words.region_words for w in words[1:]
            ):
                continue
            region_run = n > 1 and finder.lemma(words[-1]) in finder.words.region_words
            if region_run and _adjective_start(words, finder):
                continue  # "Білопілля Сумської області": the town first, the oblast after it

            following = tokens[i + n] if i + n < len(tokens) else None
            what = finder.run(words, following.text if following else None, i == first)
            if what:
                site = isinstance(what, _Site) and following is not None
                last = following if site and following else run[-1]
                value = list(what) if isinstance(what, _Site) else what
                if i > 0 and isinstance(value, list):
                    value = _of_feature(value, tokens[i - 1].text, finder)
                found.append((run[0].idx, last.idx + len(last.text), value))
                i += n + int(site)
                break
        else:
            i += 1
    return found
