"""Claims: who asserts what, through which channel, how hedged.

Attribution comes from reporting verbs ("X said", "X wrote on Telegram"),
"according to X", and quotations that continue an attributed quote over
sentences and paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from frontwatch.annotate.bylines import DASHES, byline_tail
from frontwatch.annotate.text import doc_text, span_text, token_lemmas
from frontwatch.extract.actors import (
    ActorResolver,
    core_tokens,
    described_tokens,
    side_from_cues,
)
from frontwatch.extract.lexicon import Lexicon, lexicon
from frontwatch.extract.loglines import tells_incident
from frontwatch.lexicons import load_toml
from frontwatch.models import Actor, ActorKind

_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»"
# Quotation marks, and a line break followed by another (a paragraph break).
_QUOTE_EVENTS = re.compile("[" + re.escape(_OPEN_QUOTES + _CLOSE_QUOTES) + "\"]|''|\n(?=\n)")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class Attribution:
    """One act of reporting in a sentence."""

    sent: int
    speaker: Actor | None
    verb: Token | None  # the reporting verb (None for a continued quotation)
    speaker_tokens: frozenset[int] = frozenset()
    channel: str | None = None
    outlet: str | None = None
    continued: bool = False  # attributed by quotation continuing from an earlier sentence
    byline: bool = False  # the source named after a dash at the end of the line ("- Basurin")
    used: bool = False  # an event was attributed to it


@dataclass(slots=True)
class SentenceInfo:
    span: Span
    index: int
    quoted: bool  # the sentence starts inside a quotation
    quote_spans: list[tuple[int, int]] = field(default_factory=list)  # char spans of quotes
    attributions: list[Attribution] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    paragraph: int = 0


def quotation_mask(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (curly or straight double quotes)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for found in _QUOTE_EVENTS.finditer(text):  # the only characters that matter
        i, ch = found.start(), found.group()
        straight = ch in ('"', "''")  # two apostrophes: a typewriter quotation mark
        if ch in _OPEN_QUOTES or (straight and start is None):
            if start is None:
                start = i
        elif ch in _CLOSE_QUOTES or straight:
            if start is not None:
                spans.append((start, found.end()))
                start = None
        elif ch == "\n" and start is not None and text[i + 1 : i + 2] == "\n":
            # A quotation running into a new paragraph stays open only if it re-opens there.
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def channel_in(text: str, lex: Lexicon) -> str | None:
    lowered = text.lower()
    for cue, channel in lex.channels:
        # the substring test first: the word-boundary search only where the cue occurs
        if cue in lowered and re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", lowered):
            return channel
    return None


def _outside_quotes(sent: Span, quotes: list[tuple[int, int]]) -> str:
    # Blank each quotation's overlap with the sentence (not each character against
    # every quotation of the article: that was quadratic on long, quote-rich texts).
    chars = list(span_text(sent))
    for start, end in quotes:
        lo, hi = max(start - sent.start_char, 0), min(end - sent.start_char, len(chars))
        if lo < hi:
            chars[lo:hi] = " " * (hi - lo)
    return "".join(chars)


def _hedges(sent: Span, text: str, quotes: list[tuple[int, int]], lex: Lexicon) -> list[str]:
    found = hedge_words(span_text(sent), lex)
    sentence_quoted = any(s <= sent.start_char + 1 and e >= sent.end_char - 1 for s, e in quotes)
    if not sentence_quoted:
        for s, e in quotes:
            if s >= sent.start_char and e <= sent.end_char:
                inner = text[s + 1 : e - 1].strip()
                if inner and len(inner.split()) <= lex.scare_quote_max_words:
                    found.append(f"“{inner}”")
    return list(dict.fromkeys(found))


def hedge_words(text: str, lex: Lexicon) -> list[str]:
    """Hedging words in a text ("allegedly", "so-called"), in order."""
    return [m.group(0).lower() for m in lex.hedge_pattern.finditer(text)]


def _speaker_head(verb: Token) -> Token | None:
    """The subject of a reporting verb, or of the clause it hangs from ("…, emphasizing that")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(g.lower_ == "no" for c in subjects for g in c.children):
        return None  # "… / no casualties reported": none reported, no one who reports
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
        return _speaker_head(verb.head)
    if verb.dep_ == "acl":  # "results released by X": the agent of the participle
        return None
    return None


def _agent_of_participle(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


class Attributor:
    """Attributes sentences in order; quotations carry their speaker over sentences."""

    def __init__(
        self, doc: Doc, resolver: ActorResolver, place_tokens: frozenset[int] = frozenset()
    ) -> None:
        self.doc, self.resolver, self.lex = doc, resolver, lexicon()
        self.place_tokens = place_tokens  # tokens of place mentions (no "Kharkiv:" source)
        self.text = doc_text(doc)
        self.quotes = quotation_mask(self.text)
        # quotations are in order and never overlap: both columns are sorted
        self._quote_starts = [s for s, _ in self.quotes]
        self._quote_ends = [e for _, e in self.quotes]
        self.paragraph = 0
        self.last_end = 0
        self.previous: Attribution | None = None

    def sentence(self, index: int, sent: Span) -> SentenceInfo:
        quotes = self.quotes
        if "\n\n" in self.text[self.last_end : sent.start_char]:
            self.paragraph += 1
        self.last_end = sent.end_char
        # the quotations touching this sentence (a sentence costs its own, not the article's)
        near = quotes[
            bisect_left(self._quote_ends, sent.start_char - 1) : bisect_right(
                self._quote_starts, sent.end_char + 1
            )
        ]
        quoted = _inside(_first_char(sent), near)
        info = SentenceInfo(sent, index, quoted, quotes, paragraph=self.paragraph)
        info.hedges = _hedges(sent, self.text, near, self.lex)
        outside = _outside_quotes(sent, near)
        lemmas, lex = token_lemmas(self.doc), self.lex
        for i in range(sent.start, sent.end):
            if lemmas[i] not in lex.reporting_verbs and lemmas[i] not in lex.according_to:
                continue  # most tokens: no Token object is made for them
            token = self.doc[i]
            attribution = _attribution_at(token, index, outside, self.resolver, self.lex, quotes)
            if attribution:
                info.attributions.append(attribution)
        if not info.attributions:
            prefix = colon_source(sent, index, self.resolver, self.place_tokens)
            if prefix is not None:
                info.attributions.append(prefix)
        _mark_relaying_outlets(info)
        _mark_reported_statements(info)
        source = None
        if not info.attributions and quoted:
            # a quotation opened here is its closing attribution's (“…,” Bolton said),
            # one carried on from an earlier sentence is the earlier speaker's
            opened_here = self.previous is None or _opens_in(sent, near)
            source = self._after_quote(sent, near) if opened_here else None
            source = source or self.previous
        if source is not None:
            info.attributions.append(
                Attribution(index, source.speaker, None, channel=source.channel, continued=True)
            )
        speakers = [a for a in info.attributions if a.speaker and a.speaker.kind != "outlet"]
        if speakers:
            self.previous = speakers[-1]
        elif not quoted:
            self.previous = None
        return info

    def _after_quote(self, sent: Span, near: list[tuple[int, int]]) -> Attribution | None:
        """The attribution right after the quotation this sentence opens in closes, in
        a later sentence ("… piecemeal fashion.” Bolton said."), if it has one."""
        first = _first_char(sent)
        end = next((e for s, e in near if s <= first < e), None)
        if end is None or end >= len(self.text) or end <= sent.end_char:
            return None
        after = self.doc.char_span(end, min(end + 1, len(self.text)), alignment_mode="expand")
        if after is None:
            return None
        lemmas, lex = token_lemmas(self.doc), self.lex
        for i in range(after.start, min(after.start + _AFTER_QUOTE_TOKENS, len(self.doc))):
            if "\n" in self.doc[i].text:
                break
            if lemmas[i] in lex.reporting_verbs:
                found = _attribution_at(self.doc[i], -1, self.text, self.resolver, lex, self.quotes)
                if found is not None and found.speaker is not None:
                    return found
        return None


_COLON_SOURCE_WORDS = 4
_COLON_KINDS = frozenset({ActorKind.PERSON, ActorKind.ORG, ActorKind.FORCE, ActorKind.OUTLET})


def colon_source(
    sent: Span, index: int, resolver: ActorResolver, places: frozenset[int] = frozenset()
) -> Attribution | None:
    """ "Basurin: the AFU shelled Donetsk", "General Staff: the enemy lost 200 soldiers":
    a line that opens with a known source and a colon is that source's claim. A place or
    a topic before the colon ("Kyiv: ...", "Shelling of Dnipro: ...") names no source:
    only a person, a body, a force or an outlet of the actor table does."""
    doc = sent.doc
    if sent.start > 0 and "\n" not in doc[sent.start - 1].text_with_ws:
        return None  # not the start of a line
    words = [t for t in sent[: _COLON_SOURCE_WORDS + 1] if not t.is_space]
    colon = next((k for k, t in enumerate(words) if t.text == ":"), None)
    if not colon or not all(t.is_alpha or t.text in ".-'" for t in words[:colon]):
        return None
    tokens = words[:colon]
    head = min(tokens, key=lambda t: _depth(t, tokens))
    speaker = resolver.from_phrase(head)
    if speaker is None or speaker.kind not in _COLON_KINDS:
        return None
    if speaker.canonical is None and speaker.kind != ActorKind.PERSON:
        return None  # a phrase the actor table does not know ("Ukrainian forces:")
    if any(t.ent_type_ in ("GPE", "LOC") for t in tokens):
        return None
    if speaker.canonical is None and any(t.i in places for t in tokens):
        return None  # "Zaporizhzhia: three injured" (a place the tagger took for a person)
    tokens_ids = frozenset(t.i for t in tokens)
    return Attribution(index, speaker, None, speaker_tokens=tokens_ids, byline=True)


def _opens_in(sent: Span, near: list[tuple[int, int]]) -> bool:
    """Does the quotation around the sentence's start open in this sentence?"""
    first = _first_char(sent)
    return any(sent.start_char <= s <= first < e for s, e in near)


# A closing attribution follows its quotation within this many tokens (”, the senator said).
_AFTER_QUOTE_TOKENS = 8


def bylines(
    sentences: Sequence[Span], resolver: ActorResolver
) -> tuple[dict[int, Attribution], set[int]]:
    """Sources named after a dash: the attribution of each sentence a byline covers, and
    the indices of the byline sentences themselves.

    "Three killed in shelling - DPR headquarters" (the byline ends the line: it covers
    the sentences of that line) and a line of its own, "— Basurin", under a post (it
    covers the sentences of the paragraph above)."""
    covered: dict[int, Attribution] = {}
    names: set[int] = set()
    for j, sent in enumerate(sentences):
        found = _byline_tokens(sent)
        if found is None:
            continue
        tokens, own_line = found
        head = min(tokens, key=lambda t: _depth(t, tokens))
        speaker = resolver.from_phrase(head) or _unknown_source(tokens)
        names.add(j)
        text = sent.doc.text
        for k in range(j - 1, -1, -1):
            gap = text[sentences[k].end_char : sentences[k + 1].start_char]
            if k < j - 1 and ("\n\n" in gap if own_line else "\n" in gap):
                break
            if k == j - 1 and not own_line and "\n" in gap:
                break
            covered[k] = Attribution(
                k, speaker, None, speaker_tokens=frozenset(t.i for t in tokens), byline=True
            )
    return covered, names


def _byline_tokens(sent: Span) -> tuple[list[Token], bool] | None:
    """The words of a byline sentence, and whether it stands on a line of its own."""
    doc = sent.doc
    words = [t for t in sent if not t.is_space]
    if not words or len(words) > 9:
        return None
    own_line = words[0].text in DASHES
    if own_line:
        before = doc[sent.start - 1] if sent.start > 0 else None
        if before is not None and not (before.is_space and "\n" in before.text):
            return None
        words = words[1:]
    else:
        before = doc[sent.start - 1] if sent.start > 0 else None
        if before is None or before.text not in DASHES:
            return None
    while words and not (words[-1].is_alpha or words[-1].is_digit):
        if own_line and words[-1].text in DASHES:
            return None  # "– Dimming limelight –": a heading between dashes, no source
        words.pop()
    if not words or not byline_tail(words) or tells_incident(words):
        return None  # "X 06:40 — RU MLRS barrage on the centre" says what, not who
    return words, own_line


def _depth(token: Token, tokens: list[Token]) -> int:
    ids = {t.i for t in tokens}
    depth = 0
    while token.head.i in ids and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _unknown_source(tokens: list[Token]) -> Actor:
    """A source the actor table does not know: a person if tagged so, else a body."""
    doc = tokens[0].doc
    text = span_text(doc[tokens[0].i : tokens[-1].i + 1])
    kind = ActorKind.PERSON if any(t.ent_type_ == "PERSON" for t in tokens) else ActorKind.ORG
    end = tokens[-1].idx + len(tokens[-1].text)
    return Actor(text, side_from_cues(text) or "UNKNOWN", kind, None, None, tokens[0].idx, end)


def _mark_reported_statements(info: SentenceInfo) -> None:
    """ "Carson noted that Moody had tweeted …": Moody's tweet is what Carson says, one
    statement (Carson's); the inner act makes no statement of its own, while the events
    inside its content stay Moody's (the innermost reporting verb above them)."""
    for inner in info.attributions:
        # "he was the first one to say …": a reporting verb without a subject of its own
        # is the speaker's around it
        if inner.speaker is None and inner.verb is not None:
            outer_act = next(
                (
                    a
                    for a in info.attributions
                    if a.speaker is not None
                    and a.verb is not None
                    and a.verb.is_ancestor(inner.verb)
                ),
                None,
            )
            if outer_act is not None:
                inner.speaker, inner.used = outer_act.speaker, True
    direct = [a for a in info.attributions if a.verb is not None and a.speaker is not None]
    for inner in direct:
        assert inner.verb is not None
        for outer in direct:
            if outer is inner or outer.verb is None or inner.verb.i in outer.speaker_tokens:
                continue
            if outer.speaker is not None and outer.speaker.kind == ActorKind.OUTLET:
                continue  # "X said …, Reuters reported": the outlet relays X's statement
            if outer.verb.is_ancestor(inner.verb):
                inner.used = True
                break


def _mark_relaying_outlets(info: SentenceInfo) -> None:
    """ "X said …, Reuters reported": Reuters relays X's claim."""
    outlets = [a for a in info.attributions if a.speaker and a.speaker.kind == "outlet"]
    if not outlets or outlets[0].speaker is None:
        return
    name = outlets[0].speaker.canonical or outlets[0].speaker.name
    for attribution in info.attributions:
        if attribution not in outlets:
            attribution.outlet = name


def _first_char(sent: Span) -> int:
    text = span_text(sent)
    offset = len(text) - len(text.lstrip())
    pos = sent.start_char + offset
    # A sentence that opens with a quotation mark is inside that quotation.
    if text.lstrip()[:1] in _OPEN_QUOTES + '"':
        pos += 2 if text.lstrip().startswith("''") else 1
    return pos


def _attribution_at(
    token: Token,
    index: int,
    outside: str,
    resolver: ActorResolver,
    lex: Lexicon,
    quotes: list[tuple[int, int]],
) -> Attribution | None:
    lemma = token.lemma_.lower()
    if _inside(token.idx, quotes):
        return None
    head: Token | None = None
    verb: Token | None = None
    if lemma in lex.reporting_verbs and token.pos_ in ("VERB", "AUX"):
        verb = token
        head = _agent_of_participle(token) if token.dep_ == "acl" else _speaker_head(token)
        if head is None and token.dep_ == "acl" and token.head.pos_ == "PROPN":
            head = token.head  # "Romney, the nominee, tweeted": a finite verb parsed as acl
    elif lemma in lex.according_to:
        verb = token
        to = next((c for c in token.children if c.lower_ == "to"), None)
        objs = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        head = objs[0] if objs else None
    if verb is None:
        return None
    if head is not None and _inside(head.idx, quotes):
        # "… last night, Mr. President,'' Representative Cohen told Mr. Obama": a name
        # inside the quotation is whom it addresses; the speaker is the name after it
        head = _name_after_quote(token, head, quotes)
    speaker = None
    speaker_tokens: frozenset[int] = frozenset()
    if head is not None:
        speaker = resolver.from_phrase(head)
        if not _owned_by_pronoun(head) and (
            speaker is None or (speaker.canonical is None and speaker.kind != ActorKind.PERSON)
        ):
            # "the Ukrainian leader": the named speaker it stands for, if the article has one
            earlier = resolver.generic_fallback(head, speaker.side if speaker else None)
            speaker = earlier or speaker
        if speaker is None and head.pos_ == "PRON" and head.lower_ in lex.pronouns_group:
            speaker = resolver.last_group
        if speaker is not None:
            resolver.remember(speaker)
            _type_description(speaker, head)
        else:
            speaker = described_source(head, lex)
        # A subject that names nobody ("Explosions reported in X", "losses amounted to N,
        # reported in the republic") is what is reported, not who reports it.
        if speaker is not None:
            speaker_tokens = frozenset(t.i for t in head.subtree) - _after_colon(head)
    return Attribution(
        index,
        speaker,
        verb,
        speaker_tokens=speaker_tokens,
        channel=channel_in(outside, lex),
    )


@cache
def _source_types() -> dict[str, str]:
    """Head-noun lemma -> source type (data/attribution.toml ``[source_types]``)."""
    table: dict[str, list[str]] = load_toml("attribution.toml")["source_types"]
    return {word: kind for kind, words in table.items() for word in words}


def described_source(head: Token, lex: Lexicon) -> Actor | None:
    """A source the text names by description or by a name the actor table and the
    tagger do not know ("analysts say", "a senior Ukrainian commander said", "Kasich
    says"): kept as it is written, typed by its head noun (``role``: official,
    military, media, analyst, witness) with the side its words give. Not a pronoun,
    a number or an event word ("the attack")."""
    if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in lex.triggers:
        return None
    if head.ent_type_ in _NOT_SOURCES:
        return None  # "Carson noted that Saturday would have been ..."
    if _owned_by_pronoun(head):
        return None  # "its leader": whose, the sentence says (extract/events.py)
    if head.pos_ == "NOUN" and not _source_like(head, lex):
        return None  # "the slumping economy would rebound and praised …": no source
    core = [t for t in core_tokens(head) if t.dep_ not in ("det", "poss") and not t.is_punct]
    for child in head.children:  # "a spokeswoman for YouTube", "a woman in Worcester"
        if child.dep_ == "prep" and child.i > head.i:
            core.extend(t for t in child.subtree if t.i - head.i <= _DESCRIPTION_TOKENS)
    core = sorted(set(core), key=lambda t: t.i)
    while core and (core[-1].is_punct or core[-1].dep_ in ("prep", "cc", "det")):
        core.pop()
    if not core:
        return None
    full = described_tokens(head, core_tokens(head), lex.generic_speakers)
    doc = head.doc
    name = span_text(doc[core[0].i : core[-1].i + 1])
    side = side_from_cues(span_text(doc[full[0].i : full[-1].i + 1])) or "UNKNOWN"
    if head.pos_ == "PROPN":
        kind = ActorKind.ORG if head.ent_type_ in ("ORG", "NORP", "GPE") else ActorKind.PERSON
        return Actor(name, side, kind, None, None, core[0].idx, _end_char(core[-1]))
    role = _source_type(head)
    kind = ActorKind.PERSON if head.tag_ == "NN" and role is not None else ActorKind.GROUP
    return Actor(name, side, kind, None, role, core[0].idx, _end_char(core[-1]))


# Named entities that are no source; how far a description runs after its head noun.
_NOT_SOURCES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DESCRIPTION_TOKENS = 6


def _source_like(head: Token, lex: Lexicon) -> bool:
    """A common noun is a source when it says what kind of source ("analysts", "a
    spokeswoman"), or names one ("Gulf sources", "the Kentucky Republican")."""
    if _source_type(head) is not None or head.lemma_.lower() in lex.generic_speakers:
        return True
    if head.lower_ in lex.generic_speakers:
        return True
    return any(t.pos_ == "PROPN" for t in head.subtree) or side_from_cues(head.text) is not None


def _name_after_quote(verb: Token, head: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """The first person named between the quotation holding ``head`` and the verb."""
    end = next((e for s, e in quotes if s <= head.idx < e), None)
    if end is None:
        return None
    lo, hi = (verb.i, head.i) if verb.i < head.i else (head.i, verb.i)
    doc = verb.doc
    for i in range(lo, hi):
        token = doc[i]
        if token.idx >= end and token.ent_type_ == "PERSON" and not _inside(token.idx, quotes):
            while token.dep_ == "compound" and token.head.ent_type_ == "PERSON":
                token = token.head
            return token
    return None


def _owned_by_pronoun(head: Token) -> bool:
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)


def _source_type(head: Token) -> str | None:
    types = _source_types()
    return types.get(head.lemma_.lower()) or types.get(head.lower_)


def _type_description(speaker: Actor, head: Token) -> None:
    """A described source the side cues made an actor ("a senior Ukrainian commander")
    gets its type from its head noun, as ``described_source`` gives it."""
    described = speaker.canonical is None and speaker.role is None
    if described and speaker.kind != ActorKind.PERSON and speaker.start <= head.idx < speaker.end:
        speaker.role = _source_type(head)


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)


def _after_colon(head: Token) -> frozenset[int]:
    """What a label's colon opens is no part of the speaker: "05:40 Zaporozhye: series of
    explosions, the Air Force reports …" (the parser hung the line on the label)."""
    colon = next((c.i for c in head.children if c.text == ":"), None)
    if colon is None:
        return frozenset()
    return frozenset(t.i for c in head.children if c.i > colon for t in c.subtree)


def verification_sentences(sentences: Sequence[Span], text: str) -> set[int]:
    """Indices of sentences where the outlet says it could not verify claims
    (``text`` is the document's text, read once by the caller)."""
    pattern = lexicon().verification
    if not pattern.search(text):  # most articles: one search, no sentence walk
        return set()
    return {
        i
        for i, sent in enumerate(sentences)
        if pattern.search(text, sent.start_char, sent.end_char)
    }


def denial_cue(sent: Span) -> tuple[int, int] | None:
    """Character span of a denial in the sentence ("not in line with the facts", "denied")."""
    lex = lexicon()
    match = lex.denial_phrases.search(span_text(sent))
    if match:
        return sent.start_char + match.start(), sent.start_char + match.end()
    lemmas = token_lemmas(sent.doc)
    for i in range(sent.start, sent.end):
        token = sent.doc[i] if lemmas[i] in lex.denial_verbs else None
        if token is not None and token.pos_ == "VERB":
            return token.idx, token.idx + len(token.text)
    return None
