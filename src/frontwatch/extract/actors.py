"""Actors and sides: who a noun phrase names, and which side they are on.

Order of evidence: a person the lexicon knows; the longest alias of a known body
in the phrase; the side cue words of sides.toml ("Moscow-backed", "Ukrainian");
else the phrase stays an actor of unknown side. Pronouns and generic speakers
("he", "officials") resolve to the last named actor of a fitting kind.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from frontwatch.annotate.text import entity_bounds, span_text
from frontwatch.extract.lexicon import Lexicon, alias_key, lexicon
from frontwatch.lexicons import ActorEntry, load_toml, side_bloc
from frontwatch.models import Actor, ActorKind
from frontwatch.resolve.names import given_conflict, variant_key

# Dependents that add description to a phrase rather than name it.
_DESCRIPTIVE_DEPS = frozenset({"appos", "relcl", "acl", "prep", "punct", "cc", "conj"})
OPPONENT = {"UA": "RU", "RU": "UA"}


@lru_cache(maxsize=1)
def _alias_list() -> list[tuple[str, ActorEntry]]:
    """Folded aliases, longest first, so the longest match in a phrase wins."""
    items = list(lexicon().actor_aliases.items())
    return sorted(items, key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    """Longest cue first; a cue written with a capital ("US", "UN", "West") matches only as
    written, so the words "us", "un" and "west of" are no side."""
    lex = lexicon()
    cased = {c.lower(): c for c in lex.cased_cues}
    cues = sorted(lex.side_cues, key=len, reverse=True)
    parts = [re.escape(cased[c]) if c in cased else f"(?i:{re.escape(c)})" for c in cues]
    return re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?![\w-])")


def match_alias(text: str) -> ActorEntry | None:
    """The known actor whose longest alias occurs in ``text`` (whole words)."""
    found = _longest_alias(text)
    return found[1] if found else None


@lru_cache(maxsize=1)
def _exact_pattern() -> re.Pattern[str] | None:
    """Short aliases ("UN", "U.N.") as written, case-sensitive whole words."""
    exact = sorted(lexicon().actor_exact, key=len, reverse=True)
    if not exact:
        return None
    return re.compile(r"(?<![\w.-])(" + "|".join(re.escape(a) for a in exact) + r")(?![\w-])")


def _longest_alias(text: str) -> tuple[str, ActorEntry] | None:
    """The longest alias in ``text``: long ones by ``alias_key`` (romanisation-blind, vowels
    kept), short ones only as written (resolve/names.py, the rule of evidence)."""
    keyed = f" {alias_key(text)} "
    for alias, entry in _alias_list():
        if f" {alias} " in keyed:
            return alias, entry
    pattern = _exact_pattern()
    found = pattern.findall(text) if pattern else []
    if found:
        best = max(found, key=len)
        return alias_key(best), lexicon().actor_exact[best]
    return None


def _person_alias(text: str) -> ActorEntry | None:
    """The known person a PERSON name is, on evidence: an alias that is the whole name or
    its surname, and no first name that differs (Ryan Ellis is not Marc E. Elias)."""
    found = _longest_alias(text)
    if found is None:
        return None
    alias, entry = found
    words = variant_key(text).split()
    if entry.kind == ActorKind.PERSON:
        if not words or alias.split()[-1] != words[-1]:
            return None  # "Heidi Cullen": an alias inside the name, not its surname
        full = [n for n in (entry.name, *entry.aliases) if len(variant_key(n).split()) > 1]
        if len(words) > 1 and full and all(given_conflict(text, n) for n in full):
            return None
    return entry


def side_from_cues(text: str) -> str | None:
    """The side named by the longest side cue in ``text``, if any."""
    found = _cue_pattern().findall(text)
    if not found:
        return None
    best = max(found, key=len)
    return lexicon().side_cues.get(best.lower())


@lru_cache(maxsize=1)
def _voice_patterns() -> list[tuple[str, re.Pattern[str]]]:
    voice: dict[str, list[str]] = load_toml("sides.toml").get("voice", {})
    return [
        (side, re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, words))})(?![\w-])", re.I))
        for side, words in voice.items()
    ]


def voice_side(text: str) -> str | None:
    """The camp a text speaks for, from words only that camp uses for the other
    (data/sides.toml [voice]); None when it has none or words of both."""
    found = [side for side, pattern in _voice_patterns() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def _cue_contradicts(phrase: str, alias: str, entry: ActorEntry) -> bool:
    """A side cue in the phrase names another side than the entry's, and the alias that
    matched says no side itself ("General Staff", "Chief of Staff": every army has one)."""
    cue = side_from_cues(phrase)
    if cue is None or side_bloc(cue) == side_bloc(entry.side):
        return False
    own = [side_from_cues(a) for a in entry.aliases if alias_key(a) == alias]
    return not any(own)


def _sides_differ(first: Actor | None, other: Actor | None) -> bool:
    if first is None or other is None:
        return False
    return side_bloc(first.side) is not None and side_bloc(first.side) != side_bloc(other.side)


def opponent(side: str | None) -> str | None:
    return OPPONENT.get(side_bloc(side) or "")


def core_tokens(head: Token) -> list[Token]:
    """The naming part of a phrase: its head with modifiers, without appositions or clauses."""
    tokens = [head]
    for child in head.children:
        if child.dep_ not in _DESCRIPTIVE_DEPS:
            tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def described_tokens(head: Token, core: list[Token], generic: frozenset[str]) -> list[Token]:
    """The phrase with what describes its referent: appositions ("X, governor of Luhansk"),
    and "of" phrases of titles ("the office of the president"), but not "the success of
    Ukraine's offensive", which is about something else."""
    tokens = list(core)
    titled = head.lemma_.lower() in generic or head.lower_ in generic
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NUM":
            continue  # "one person was killed, eight wounded from X": another count
        if child.dep_ == "appos" and head.head.i < child.i and head.i < head.head.i:
            continue  # "forces regained X, the village held by Ukrainian troops": the
            # parser's apposition after the verb describes the object, not the subject
        if child.dep_ == "appos" or (titled and child.dep_ == "prep" and child.lower_ == "of"):
            tokens.extend(child.subtree)
    return sorted(set(tokens), key=lambda t: t.i)


def _span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return span_text(doc[tokens[0].i : tokens[-1].i + 1])


class ActorResolver:
    """Resolves phrases to actors within one article, remembering who spoke last."""

    def __init__(self) -> None:
        self.lex: Lexicon = lexicon()
        self.last_person: Actor | None = None
        self.last_group: Actor | None = None
        self.seen: list[Actor] = []  # named speakers, in order (for "the governor said")

    def from_phrase(self, head: Token, remember: bool = False) -> Actor | None:
        """The actor a noun phrase headed by ``head`` names (None for no phrase)."""
        lower = head.lower_
        if lower in self.lex.pronouns_person:
            # a copy: what a clause says of "he" (a side, a role) is not said of the
            # earlier mention it stands for
            return replace(self.last_person) if self.last_person else None
        if lower in self.lex.pronouns_group and head.pos_ == "PRON":
            return None  # "they"/"we": resolved by the caller from context
        core = core_tokens(head)
        full = described_tokens(head, core, self.lex.generic_speakers)
        actor = (
            self._coordinated(head, core)
            or self._person(core, full)
            or self._known(core, full)
            or self._member_of(head)
            or self._cued(head, core, full)
        )
        if actor and remember:
            self.remember(actor)
        return actor

    def _member_of(self, head: Token) -> Actor | None:
        """ "fighters of the Freedom of Russia Legion", "soldiers of the 47th Brigade":
        members named by the group they belong to (a force or group of the table)."""
        if not is_force_noun(head):
            return None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                core = core_tokens(obj)
                known = self._known(core, described_tokens(obj, core, self.lex.generic_speakers))
                if known is not None and known.kind in (ActorKind.FORCE, ActorKind.GROUP):
                    return known
        return None

    def remember(self, actor: Actor) -> None:
        self.seen.append(actor)
        if actor.kind == "person":
            self.last_person = actor
        elif actor.kind != "outlet":
            self.last_group = actor

    def generic_fallback(self, head: Token, side: str | None = None) -> Actor | None:
        """ "The governor", "Defense officials", "the Ukrainian leader": the latest named
        speaker whose name or role shares a word with the phrase, a role word standing
        also for its synonyms (``[role_synonyms]`` of data/attribution.toml: a leader is
        a president), and whose side is the phrase's side where it names one. A generic
        phrase sharing none ("officials said") is no one named."""
        if not (
            head.lemma_.lower() in self.lex.generic_speakers
            or head.lower_ in self.lex.generic_speakers
        ):
            return None
        words = {
            _spelling(t.lower_)
            for t in core_tokens(head)
            if t.is_alpha and not t.is_stop and side_from_cues(t.text) is None
        }
        words.add(_spelling(head.lemma_.lower()))
        synonyms = _role_synonyms()
        words |= {w for word in list(words) for w in synonyms.get(word, ())}
        for actor in reversed(self.seen):
            if side is not None and side_bloc(actor.side) != side_bloc(side):
                continue
            known = f"{actor.name} {actor.canonical or ''} {actor.role or ''}".lower()
            if words & {_spelling(w) for w in re.findall(r"[a-z]+", known)}:
                return actor
        return None

    def _person(self, core: list[Token], full: list[Token]) -> Actor | None:
        doc = core[0].doc
        core_ids = {t.i for t in core}
        for first, past, label in entity_bounds(doc):
            if label != "PERSON" or first not in core_ids:
                continue
            if doc[past - 1].dep_ == "poss" or (past < len(doc) and doc[past].dep_ == "case"):
                continue  # "Zelensky's office": the person owns the phrase, is not its head
            past = self._name_end(doc, first, past)
            ent = doc[first:past]
            text = span_text(ent)
            entry = _person_alias(text)
            start, end = ent.start_char, ent.end_char
            if entry:  # the lexicon knows better than the tagger ("Kiev" tagged PERSON)
                return _from_entry(entry, text, start, end)
            side = side_from_cues(_span_text(full)) or "UNKNOWN"
            return Actor(text, side, ActorKind.PERSON, None, _role(core, full, ent), start, end)
        return None

    def _name_end(self, doc: Doc, first: int, past: int) -> int:
        """A PERSON span ends before a reporting verb or a pronoun: in a title-case
        headline the tagger runs on ("Trump Says He Never Pledged")."""
        lex = self.lex
        for i in range(first + 1, past):
            lower = doc[i].lower_
            if lower in lex.pronouns_person or lower in lex.pronouns_group:
                return i
            if (
                doc[i].lemma_.lower() in lex.reporting_verbs
                or lower.rstrip("s") in lex.reporting_verbs
            ):
                return i
        return past

    def _coordinated(self, head: Token, core: list[Token]) -> Actor | None:
        """ "Russian and Ukrainian forces clashed": modifiers of two sides coordinated on one
        head name two parties; the first named is the actor (as ACLED codes actor1), read
        as that modifier with the head ("Russian forces"). None when the conjuncts name one
        side or none."""
        for mod in head.children:
            conjuncts = [c for c in mod.children if c.dep_ == "conj"]
            if mod.dep_ not in _MODIFIER_DEPS or mod.i > head.i or not conjuncts:
                continue
            sides = [side_from_cues(t.text) for t in (mod, *conjuncts)]
            if sides[0] is None or all(side_bloc(s) == side_bloc(sides[0]) for s in sides):
                continue
            first = f"{mod.text} {head.text}"
            entry = match_alias(first)
            if entry is not None:
                return _from_entry(entry, _span_text(core), core[0].idx, _end(core))
            kind = ActorKind.FORCE if is_force_noun(head) else ActorKind.GROUP
            return Actor(_span_text(core), sides[0], kind, None, None, core[0].idx, _end(core))
        return None

    def second_party(self, head: Token) -> Actor | None:
        """The other party a phrase names beside the first: "Russian and Ukrainian forces"
        (the second modifier with the head), "Russian forces and Ukrainian troops" (the
        conjunct); None when it names one, or a second of the same side."""
        first = self.from_phrase(head)
        for child in head.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
                other = self.from_phrase(child)
                return other if _sides_differ(first, other) else None
        for mod in head.children:
            if mod.dep_ not in _MODIFIER_DEPS or mod.i > head.i:
                continue
            for conj in (c for c in mod.children if c.dep_ == "conj"):
                side = side_from_cues(conj.text)
                entry = match_alias(f"{conj.text} {head.text}")
                other = (
                    _from_entry(entry, f"{conj.text} {head.text}", conj.idx, _end([head]))
                    if entry is not None
                    else Actor(conj.text, side, ActorKind.FORCE, None, None, conj.idx, _end([conj]))
                    if side
                    else None
                )
                return other if _sides_differ(first, other) else None
        return None

    def _known(self, core: list[Token], full: list[Token]) -> Actor | None:
        texts = [_span_text(core), _span_text(full), *self._named_bodies(core)]
        matches = [m for m in map(_longest_alias, texts) if m]
        if not matches:
            return None
        alias, entry = max(matches, key=lambda m: len(m[0]))
        if _cue_contradicts(_span_text(full), alias, entry):
            return None  # "Russia's General Staff": the side cue beats a generic alias
        return _from_entry(entry, _span_text(core), full[0].idx, _end(full))

    @staticmethod
    def _named_bodies(core: list[Token]) -> list[str]:
        """Named entities that start in the phrase, whole: "The Institute for the Study of
        War" (its "for" phrase is not part of the phrase's naming core)."""
        doc = core[0].doc
        core_ids = {t.i for t in core}
        found = []
        for first, past, label in entity_bounds(doc):
            if label != "ORG" or first not in core_ids:
                continue
            if past < len(doc) and not doc[past - 1].whitespace_ and doc[past].text == "-":
                continue  # inside a compound ("Moscow-based"): not a name of its own
            found.append(span_text(doc[first:past]))
        return found

    def _cued(self, head: Token, core: list[Token], full: list[Token]) -> Actor | None:
        side = side_from_cues(_span_text(full))
        name = _span_text([t for t in core if t.dep_ != "det"]) or head.text
        if side is None:
            return None
        kind = ActorKind.FORCE if head.lemma_.lower() in _FORCE_NOUNS else ActorKind.GROUP
        return Actor(name, side, kind, None, None, full[0].idx, _end(full))


_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_FORCE_NOUNS = frozenset(
    [
        "troop",
        "force",
        "army",
        "unit",
        "soldier",
        "military",
        "defender",
        "brigade",
        "battalion",
        "fighter",
    ]
)


@lru_cache(maxsize=1)
def _role_synonyms() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = load_toml("attribution.toml")["role_synonyms"]
    return {word: tuple(others) for word, others in table.items()}


def _spelling(word: str) -> str:
    """British and American spellings as one word: defence/defense, offence/offense."""
    return word[:-2] + "se" if word.endswith("ce") else word


def is_force_noun(token: Token) -> bool:
    """ "troops", "units", and "Forces" of "Armed Forces" (a proper noun keeps its -s)."""
    return token.lemma_.lower() in _FORCE_NOUNS or token.lower_.removesuffix("s") in _FORCE_NOUNS


def _from_entry(entry: ActorEntry, text: str, start: int, end: int) -> Actor:
    return Actor(text, entry.side, entry.kind, entry.name, entry.role, start, end)


def _end(tokens: list[Token]) -> int:
    last = tokens[-1]
    return last.idx + len(last.text)


def _role(core: list[Token], full: list[Token], person: Span) -> str | None:
    """A role written next to an unknown person: "a Ukrainian military analyst"."""
    for token in full:
        if token.dep_ == "appos" and token.head.i in range(person.start, person.end):
            words = [t for t in token.subtree if t.dep_ != "det"]
            return _span_text(words) or None
    courtesy = _courtesy_titles()
    titles = [
        t
        for t in core
        if t.i < person.start
        and t.pos_ in ("NOUN", "ADJ", "PROPN")
        and t.lower_.rstrip(".") not in courtesy
    ]
    return _span_text(titles) or None


@lru_cache(maxsize=1)
def _courtesy_titles() -> frozenset[str]:
    """ "Mr.", "Mrs.": no role (data/attribution.toml ``courtesy_titles``)."""
    return frozenset(load_toml("attribution.toml")["courtesy_titles"])
