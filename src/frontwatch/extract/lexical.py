"""Events from Ukrainian and Russian text, read by words: no parser runs on it.

``extract_lexical(doc, article, places, times) -> (events, actors)``, the same output as
the English extractor (extract/events.py), from the rules of data/lexicon.LANG.toml:

- a **relevance gate**: a text with no word of armed conflict (a side, a weapon, a
  military unit, a speaker of the lexicon) gives no event, and a trigger of everyday
  use (``generic``: "атака" of a virus, "погиб" in an accident) needs such a word in its
  own sentence or earlier in its paragraph;
- a **trigger** word (matched by the start of its written form: "обстріляли",
  "обстрілу" and "артобстріл" all start a shelling) gives one event per type and
  sentence; deaths reported beside a strike are its fatalities, not another event;
- a country named in the nominative before a violent trigger is its subject ("Росія
  знищила лікарню"): it stands for the conflict word a generic trigger needs, and is a
  side for actor1 (its oblique forms, "обстріляли Україну", are never the agent);
- **actor1** is the side named nearest before the trigger ("окупанти обстріляли"),
  else after it (for deaths, the dead are the other side's: "загинули двоє окупантів"
  is a loss inflicted by Ukraine); a word for "the enemy" is the opponent of whoever
  speaks; with no side named, the taxonomy's ``unnamed_agent`` decides (the speaker's
  side for an interception, the opponent for a shelling);
- the **claimant** is a speaker named in the sentence, else the last one named in the
  paragraph or in the post's headline (its first paragraph); the status is then
  ``claimed`` (``failed`` for a repelled attack, ``denied`` beside a denial word);
- **place** and **time**: the sentence's own, else the paragraph's, else the headline's
  (a "📍Харків" line or "за минулу добу" at the top of a report covers what follows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from frontwatch.extract.actors import opponent
from frontwatch.extract.lexicon import lexicon
from frontwatch.lexicons import load_toml, side_bloc, side_label, type_info, warring
from frontwatch.models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    Event,
    GeoPrecision,
    PlaceMention,
    Quantity,
    Status,
    TimeBasis,
    TimeExpr,
    TimePrecision,
    event_id,
)

_VIOLENT_FOLD = ("shelling", "missile_strike", "air_strike", "mine_ied", "clash")
_NUMBER = re.compile(r"\d+")
_HEADLINE_WORDS = 25
_NEXT_WORD = re.compile(r"\s+(\w+)")


def _pattern(entries: list[str]) -> re.Pattern[str]:
    """Word starts: each entry, then a few more letters (an inflection), then a word end.

    Short entries allow three letters more ("орк" → "орки", not "оркестр"), others seven;
    an entry that ends with "=" is a whole word ("бой=" is not "бойкой").
    """
    alts = sorted({e.strip().lower() for e in entries if e.strip()}, key=len, reverse=True)
    body = "|".join(_alternative(e) for e in alts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if body else r"(?!x)x")


def _alternative(entry: str) -> str:
    if entry.endswith("="):
        return re.escape(entry[:-1])
    # Each word of a phrase may be inflected: "министерств обороны" is also
    # "министерство обороны" and "министерства обороны".
    words = [re.escape(w) for w in entry.split()]
    inner = r"\w{0,3}\s+".join(words)
    return rf"{inner}\w{{0,{3 if len(entry) <= 3 else 7}}}"


@dataclass(frozen=True, slots=True)
class _Trigger:
    fw_type: str
    words: re.Pattern[str]
    needs: re.Pattern[str] | None
    status: Status | None
    generic: bool  # a word of everyday use too ("атака" of a virus): needs a conflict cue


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str
    side: str
    kind: ActorKind
    role: str | None
    words: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class WordRules:
    """One language's rules for the parser-free path."""

    triggers: tuple[_Trigger, ...]
    sides: tuple[tuple[str, re.Pattern[str]], ...]
    enemy: re.Pattern[str]
    own_side: str
    speakers: tuple[_Speaker, ...]
    reporting: re.Pattern[str]
    hedges: re.Pattern[str]
    denials: re.Pattern[str]
    channels: tuple[tuple[str, re.Pattern[str]], ...]
    deaths: re.Pattern[str]
    numbers: dict[str, int]
    conflict: re.Pattern[str]  # words that say a text is about armed conflict
    subjects: tuple[tuple[str, re.Pattern[str]], ...]  # "Росія" (nominative): the agent
    subject_types: frozenset[str]  # the generic triggers such a subject vouches for
    axis_nouns: frozenset[str]  # "напрямку", "району": a place named by its axis or district
    statements: re.Pattern[str]  # "заявив", "закликає": a named speaker's words, kept as such
    not_names: frozenset[str]  # "він", "вчора": capitalised before such a verb, but no name


def _speaker(entry: dict[str, object]) -> _Speaker:
    name = str(entry["actor"])
    known = next((a for a in lexicon().actors if a.name == name), None)
    side = str(entry.get("side") or (known.side if known else "UNKNOWN"))
    kind = ActorKind(str(entry.get("kind") or (known.kind if known else "org")))
    words = _pattern([str(p) for p in entry["prefixes"]])  # type: ignore[attr-defined]
    return _Speaker(name, side, kind, known.role if known else None, words)


def _with_past_forms(entries: list[str], swaps: list[list[str]]) -> list[str]:
    """Each one-word entry with its other past-tense stem: Ukrainian writes the masculine
    with "в" where the other forms have "л" ("загинув" beside "загинули")."""
    extra = [
        e[: -len(end)] + other
        for e in entries
        for end, other in swaps
        if " " not in e and e.endswith(end) and not e.endswith("=")
    ]
    return [*entries, *extra]


@lru_cache(maxsize=4)
def word_rules(language: str) -> WordRules:
    data = load_toml(f"lexicon.{language}.toml")
    swaps = data.get("morphology", {}).get("past_stems", [])
    triggers = tuple(
        _Trigger(
            t["type"],
            _pattern(_with_past_forms(t["prefixes"], swaps)),
            _pattern(t["needs"]) if t.get("needs") else None,
            Status(t["status"]) if t.get("status") else None,
            bool(t.get("generic", False)),
        )
        for t in data["trigger"]
    )
    claims = data["claims"]
    cues = [*data["relevance"]["cues"], *data["speakers"]["enemy"]]
    cues += [w for words in data["sides"].values() for w in words]
    cues += [p for sp in data["speaker"] for p in sp["prefixes"]]
    # A trigger that is not of everyday use ("обстріл", "сбит" beside a drone) is itself
    # a word of armed conflict.
    cues += [
        p
        for t in data["trigger"]
        if not t.get("generic") and not t.get("needs")
        for p in t["prefixes"]
    ]
    return WordRules(
        triggers=triggers,
        sides=tuple((side, _pattern(words)) for side, words in data["sides"].items()),
        enemy=_pattern(data["speakers"]["enemy"]),
        own_side=str(data["speakers"]["own_side"]),
        speakers=tuple(_speaker(s) for s in data["speaker"]),
        reporting=_pattern(claims["reporting"]),
        hedges=_pattern(claims["hedges"]),
        denials=_pattern(claims["denials"]),
        channels=tuple((name, _pattern(words)) for name, words in data["channels"].items()),
        deaths=_pattern(_with_past_forms(data["casualties"]["deaths"], swaps)),
        numbers={k.lower(): int(v) for k, v in data["numbers"].items()},
        conflict=_pattern(cues),
        subjects=tuple(
            (side, _pattern(words)) for side, words in data["subjects"]["sides"].items()
        ),
        subject_types=frozenset(data["subjects"]["types"]),
        axis_nouns=frozenset(data["places"]["town_nouns"]),
        statements=_pattern(_with_past_forms(claims.get("statements", []), swaps)),
        not_names=frozenset(claims.get("not_names", [])),
    )


@dataclass(slots=True)
class _Hit:
    fw_type: str
    start: int  # in the article text
    end: int
    status: Status | None
    fatalities: int | None = None
    quantities: list[Quantity] = field(default_factory=list)


@dataclass(slots=True)
class _Scope:
    """What a paragraph (or the post's headline) has said so far."""

    speaker: Actor | None = None
    channel: str | None = None
    place: PlaceMention | None = None
    time: TimeExpr | None = None
    last: dict[str, Event] = field(default_factory=dict)  # the paragraph's event of each type
    conflict: bool = False  # a word of armed conflict so far in the paragraph


def _same_happening(earlier: Event, place: PlaceMention | None) -> bool:
    """A paragraph's second report of a type is the same happening unless it names
    another place ("обстріляв ... В результаті обстрілу є постраждалі")."""
    if place is None or earlier.place is None:
        return True
    a, b = earlier.place.place, place.place
    return a is not None and b is not None and a.id == b.id


def _subjects(sentence: str, offset: int, rules: WordRules) -> list[tuple[int, str, str]]:
    """(position, side, words) of each country named in the nominative."""
    low = sentence.lower()
    return sorted(
        (offset + m.start(), side, m.group(0))
        for side, pat in rules.subjects
        for m in pat.finditer(low)
    )


def _triggers(sentence: str, offset: int, rules: WordRules, context: bool = False) -> list[_Hit]:
    """The sentence's triggers; ``context``: the paragraph has named the war already
    ("Росіяни скинули КАБ на Костянтинівку. Поранено жінку.")."""
    taken: list[tuple[int, int]] = []
    hits: dict[str, _Hit] = {}
    low = sentence.lower()
    conflict = context or bool(rules.conflict.search(low))
    # A country as the subject ("Росія знищила") vouches for a violent trigger after it.
    subject = min((p - offset for p, _, _ in _subjects(sentence, offset, rules)), default=None)
    for trig in rules.triggers:
        if trig.needs is not None and not trig.needs.search(low):
            continue
        vouched = subject is not None and trig.fw_type in rules.subject_types
        if trig.generic and not conflict and not vouched:
            continue
        for m in trig.words.finditer(low):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if trig.generic and not conflict and subject is not None and m.start() < subject:
                continue
            taken.append((m.start(), m.end()))
            if trig.fw_type not in hits:
                hits[trig.fw_type] = _Hit(
                    trig.fw_type, offset + m.start(), offset + m.end(), trig.status
                )
    return sorted(hits.values(), key=lambda h: h.start)


def _deaths(sentence: str, offset: int, rules: WordRules) -> tuple[int | None, list[Quantity]]:
    """The number of dead a sentence reports: a number within three words of a death word."""
    low = sentence.lower()
    total: int | None = None
    quantities: list[Quantity] = []
    for m in rules.deaths.finditer(low):
        window = list(re.finditer(r"[\w'’ʼ]+", low[max(0, m.start() - 40) : m.end() + 40]))
        base = max(0, m.start() - 40)
        near = [w for w in window if abs(base + w.start() - m.start()) <= 40]
        for w in near:
            word = w.group(0)
            value = int(word) if _NUMBER.fullmatch(word) else rules.numbers.get(word)
            if value is not None:
                total = (total or 0) + value
                s, e = offset + base + w.start(), offset + base + w.end()
                quantities.append(Quantity(float(value), "people", word, start=s, end=e))
                break
    return total, quantities


def _side_words(
    sentence: str, offset: int, rules: WordRules, own: str
) -> list[tuple[int, str, str]]:
    """(position, side, words) of every side named in the sentence."""
    low = sentence.lower()
    found = [
        (offset + m.start(), side, m.group(0))
        for side, pat in rules.sides
        for m in pat.finditer(low)
    ]
    enemy = opponent(own) or "UNKNOWN"
    found += [(offset + m.start(), enemy, m.group(0)) for m in rules.enemy.finditer(low)]
    return sorted(found)


def _actor1(hit: _Hit, sides: list[tuple[int, str, str]], claimant_side: str) -> Actor | None:
    before = [s for s in sides if s[0] < hit.start]
    after = [s for s in sides if s[0] >= hit.start]
    if hit.fw_type == "casualties" and after and not before:
        _, dead, words = after[0]  # the dead are named: the other side inflicted it
        other = opponent(dead)
        return Actor(side_label(other), other, ActorKind.GROUP) if other else None
    chosen = before[-1] if before else (after[0] if after else None)
    if chosen is not None:
        return Actor(name=chosen[2], side=chosen[1], kind=ActorKind.FORCE, start=chosen[0])
    agent = type_info(hit.fw_type).get("unnamed_agent", "none")
    unnamed: str | None = None
    if agent == "claimant":
        unnamed = claimant_side
    elif agent == "opponent":
        unnamed = opponent(claimant_side)
    return Actor(side_label(unnamed), unnamed, ActorKind.GROUP) if unnamed else None


def _attacker_first(hit: _Hit, actor: Actor | None) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) of a type whose attacker goes first (taxonomy ``attacker_first``:
    an interception, a repelled attack), as the English reader codes them: a side named
    after the trigger is what was stopped ("збито 10 російських дронів"), one before it
    or the claimant's the defender ("Сили оборони відбили 12 атак")."""
    if actor is None or not type_info(hit.fw_type).get("attacker_first"):
        return actor, None
    other = opponent(actor.side)
    if not warring(side_bloc(actor.side)) or other is None:
        return actor, None
    stand_in = Actor(side_label(other), other, ActorKind.GROUP)
    if actor.start >= hit.start:  # the attacker's weapon or attack, named after the verb
        return actor, stand_in
    return stand_in, actor


def _speaker_in(sentence: str, offset: int, rules: WordRules) -> Actor | None:
    low = sentence.lower()
    best: tuple[tuple[int, int], _Speaker, re.Match[str]] | None = None
    for sp in rules.speakers:
        m = sp.words.search(low)
        key = (m.start(), m.start() - m.end()) if m else None  # first, then longest
        if m and key and (best is None or key < best[0]):
            best = (key, sp, m)
    if best is None:
        return None
    _, sp, m = best
    return Actor(
        name=sentence[m.start() : m.end()],
        side=sp.side,
        kind=sp.kind,
        canonical=sp.name,
        role=sp.role,
        start=offset + m.start(),
        end=offset + m.end(),
    )


def _best_place(
    places: list[PlaceMention], sentence_start: int, text: str, rules: WordRules
) -> PlaceMention | None:
    """The sentence's most precise place; a country that opens the sentence is its
    subject ("Росія обстріляла ..."), an actor and not where it happened. A town named
    for its axis or district ("на Покровському напрямку") comes after towns named
    themselves ("поблизу Новогродівки")."""
    located = [
        p
        for p in places
        if p.place is not None
        and not (p.place.precision == GeoPrecision.COUNTRY and p.start <= sentence_start + 1)
    ]
    order = (GeoPrecision.POINT, GeoPrecision.TOWN, GeoPrecision.REGION, GeoPrecision.COUNTRY)

    def key(p: PlaceMention) -> tuple[int, int]:
        after = _NEXT_WORD.match(text, p.end)
        axis = after is not None and after.group(1).lower() in rules.axis_nouns
        return (order.index(p.place.precision) if p.place else 9, int(axis))

    located.sort(key=key)
    return located[0] if located else None


def _reported_by(article: Article) -> TimeExpr:
    published = article.published
    return TimeExpr(
        -1, -1, "", None, published, TimePrecision.REPORTED_BY, None if published else "D"
    )


def _fold(hits: list[_Hit], fatalities: int | None, quantities: list[Quantity]) -> list[_Hit]:
    """One happening, one event: deaths beside a strike are its toll; repelled attacks
    are not also clashes."""
    types = {h.fw_type for h in hits}
    if "attack_repelled" in types:
        hits = [h for h in hits if h.fw_type not in ("clash", "advance")]
    violent = [h for h in hits if h.fw_type in _VIOLENT_FOLD]
    if violent and "casualties" in types:
        hits = [h for h in hits if h.fw_type != "casualties"]
    target = violent[0] if violent else next((h for h in hits if h.fw_type == "casualties"), None)
    if target is not None:
        target.fatalities, target.quantities = fatalities, quantities
    return hits


@dataclass(slots=True)
class _Reader:
    article: Article
    places: list[PlaceMention]
    times: list[TimeExpr]
    rules: WordRules
    relevant: bool = True  # the text passed the relevance gate: events, not only statements
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)

    def sentence(self, s0: int, s1: int, scope: _Scope, headline: _Scope) -> None:
        text = self.article.text
        sentence = text[s0:s1]
        low = sentence.lower()
        speaker = _speaker_in(sentence, s0, self.rules)
        if speaker is not None:
            self.actors.append(speaker)
        for name, pat in self.rules.channels:
            if pat.search(low):
                scope.channel = name
        # A place inside the speaker's name is whose speaker, not where ("Поліція
        # Київської області", "Міністр закордонних справ України").
        own = [p for p in self.places if s0 <= p.start < s1 and not _inside(p, speaker)]
        place = _best_place(own, s0, text, self.rules)
        scope.place = place or scope.place
        own_time = next((t for t in self.times if s0 <= t.start < s1), None)
        scope.time = own_time or scope.time
        hits = _triggers(sentence, s0, self.rules, scope.conflict) if self.relevant else []
        scope.conflict = scope.conflict or bool(self.rules.conflict.search(low))
        if not hits:
            self.statement(s0, s1, speaker, own, own_time or scope.time or headline.time)
            return
        hits = _fold(hits, *_deaths(sentence, s0, self.rules))
        claimant = speaker or scope.speaker or headline.speaker
        claimant_side = claimant.side if claimant else self.rules.own_side
        sides = _side_words(sentence, s0, self.rules, claimant_side)
        subjects = _subjects(sentence, s0, self.rules)
        hedges = [m.group(0) for m in self.rules.hedges.finditer(low)]
        denied = bool(self.rules.denials.search(low))
        reporting = self.rules.reporting.search(low)
        time = own_time or scope.time or headline.time
        for hit in hits:
            earlier = scope.last.get(hit.fw_type)
            if earlier is not None and _same_happening(earlier, place):
                if hit.fatalities:
                    earlier.fatalities = (earlier.fatalities or 0) + hit.fatalities
                    earlier.quantities += hit.quantities
                continue
            status = hit.status or (
                Status.DENIED if denied else Status.CLAIMED if claimant else Status.HAPPENED
            )
            claim = Claim(
                sentence_start=s0,
                sentence_end=s1,
                sentence=sentence,
                claimant=claimant,
                channel=scope.channel or headline.channel,
                outlet=self.article.outlet,
                hedges=hedges,
                reporting_verb=reporting.group(0) if reporting else None,
            )
            actor1, actor2 = _attacker_first(
                hit,
                _actor1(
                    hit, sorted(sides + [s for s in subjects if s[0] < hit.start]), claimant_side
                ),
            )
            event = Event(
                id=event_id(self.article.id, hit.fw_type, hit.start),
                article_id=self.article.id,
                fw_type=hit.fw_type,
                trigger=text[hit.start : hit.end],
                trigger_start=hit.start,
                trigger_end=hit.end,
                status=status,
                actor1=actor1,
                actor2=actor2,
                place=place or scope.place or headline.place,
                time=time or _reported_by(self.article),
                time_basis=TimeBasis.OWN if time else TimeBasis.REPORTED_BY,
                quantities=hit.quantities,
                claim=claim,
                fatalities=hit.fatalities,
            )
            scope.last[hit.fw_type] = event
            self.events.append(event)

    def statement(
        self,
        s0: int,
        s1: int,
        known: Actor | None,
        places: list[PlaceMention],
        time: TimeExpr | None,
    ) -> None:
        """A sentence that reports no event but a named speaker's words ("НАТО закликає
        Росію припинити війну"): kept as a statement, as the English path keeps one."""
        text = self.article.text
        verb = self.rules.statements.search(text[s0:s1].lower())
        if verb is None:
            return
        at = s0 + verb.start()
        speaker = (
            known
            if known is not None and known.start < at
            else _named_before(text, s0, at, self.rules.not_names)
        )
        if speaker is None:
            return
        self.actors.append(speaker)
        own = [p for p in places if not _inside(p, speaker)]
        place = _best_place(own, s0, text, self.rules)
        sentence = text[s0:s1]
        self.events.append(
            Event(
                id=event_id(self.article.id, "statement", at),
                article_id=self.article.id,
                fw_type="statement",
                trigger=text[at : s0 + verb.end()],
                trigger_start=at,
                trigger_end=s0 + verb.end(),
                status=Status.CLAIMED,
                actor1=speaker,
                place=place,
                time=time or _reported_by(self.article),
                time_basis=TimeBasis.OWN if time else TimeBasis.REPORTED_BY,
                claim=Claim(s0, s1, sentence, claimant=speaker, outlet=self.article.outlet),
            )
        )


def _inside(place: PlaceMention, actor: Actor | None) -> bool:
    return actor is not None and actor.start <= place.start < actor.end


_NAME_WORD = re.compile(r"[\w'’ʼ.-]+")


def _named_before(text: str, s0: int, at: int, not_names: frozenset[str]) -> Actor | None:
    """The capitalised words right before a speech verb ("Марина Овсяннікова
    розповіла", "НАТО закликає"): at most three, the speaker's name; a pronoun or an
    adverb is capitalised only where it opens the sentence ("Він заявив": no name)."""
    words = list(_NAME_WORD.finditer(text, s0, at))
    run = []
    for m in reversed(words[-3:]):
        word = m.group(0)
        if not word[:1].isupper() or word.lower() in not_names:
            break
        run.append(m)
    if not run or words[-1] is not run[0]:
        return None
    start, end = run[-1].start(), run[0].end()
    kind = ActorKind.PERSON if len(run) == 2 else ActorKind.ORG
    return Actor(text[start:end], kind=kind, start=start, end=end)


def _paragraphs(doc: Doc, text: str) -> list[list[tuple[int, int]]]:
    """Sentence spans grouped by paragraph (a line break starts one)."""
    paragraphs: list[list[tuple[int, int]]] = []
    prev_end = 0
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        if not text[s0:s1].strip():
            continue
        if not paragraphs or "\n" in text[prev_end : s0 + 1]:
            paragraphs.append([])
        paragraphs[-1].append((s0, s1))
        prev_end = s1
    return paragraphs


def extract_lexical(
    doc: Doc, article: Article, places: list[PlaceMention], times: list[TimeExpr]
) -> tuple[list[Event], list[Actor]]:
    """Events and actors of a Ukrainian or Russian article (see the module doc)."""
    reader = _Reader(article, places, times, word_rules(article.language or "uk"))
    text = article.text
    low = text.lower()
    # The relevance gate: a text with no word of armed conflict gives no event, only
    # the statements of named speakers (which are no violence).
    reader.relevant = bool(reader.rules.conflict.search(low)) or any(
        pat.search(low) for _, pat in reader.rules.subjects
    )
    if not reader.relevant and not reader.rules.statements.search(low):
        return [], []
    headline = _Scope()
    for i, paragraph in enumerate(_paragraphs(doc, text)):
        # "Про це повідомив начальник ОВА" at a paragraph's end speaks for all of it.
        scope = _Scope(
            speaker=next(
                (sp for s0, s1 in paragraph if (sp := _speaker_in(text[s0:s1], s0, reader.rules))),
                None,
            )
        )
        for s0, s1 in paragraph:
            reader.sentence(s0, s1, scope, headline)
        if i == 0 and len(text[paragraph[0][0] : paragraph[-1][1]].split()) <= _HEADLINE_WORDS:
            headline = scope
    return reader.events, reader.actors
