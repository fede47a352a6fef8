"""Events: triggers with their agent, target, place, time, quantities and claim.

One article at a time. The steps: attribute every sentence (claims.py), find
triggers (triggers.py), attach arguments through the parse, decide the status,
then let events borrow what their speaker said next to them (channel, time,
place) and merge the events of one article that report the same happening.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from frontwatch.annotate.text import doc_text, span_text, token_lemmas
from frontwatch.extract.actors import ActorResolver, is_force_noun, opponent, side_from_cues
from frontwatch.extract.claims import (
    Attribution,
    Attributor,
    SentenceInfo,
    denial_cue,
    verification_sentences,
)
from frontwatch.extract.lexicon import lexicon
from frontwatch.extract.quantities import fatalities, quantities_in
from frontwatch.extract.triggers import Trigger, find_triggers
from frontwatch.lexicons import side_bloc, type_info
from frontwatch.models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    Event,
    GeoPrecision,
    PlaceMention,
    Status,
    TimeBasis,
    TimeExpr,
    TimePrecision,
)
from frontwatch.resolve.time import event_time

# Flags from the places stage that keep a mention out of event locations.
_UNUSABLE_FLAGS = frozenset({"suspect_far", "unresolved", "not_place"})
_PRECISION_RANK = {
    GeoPrecision.POINT: 0,
    GeoPrecision.TOWN: 0,
    GeoPrecision.REGION: 1,
    GeoPrecision.COUNTRY: 2,
}
# Two reports of one happening in one article lie within this distance, by the coarser
# precision of their places (a region's point is its centre: neighbours are ~250 km apart).
MERGE_DISTANCE_KM = {
    GeoPrecision.POINT: 50.0,
    GeoPrecision.TOWN: 50.0,
    GeoPrecision.REGION: 350.0,
    GeoPrecision.COUNTRY: math.inf,
}
# Withdrawal by one side, reported by the other, is the other side's advance.
_COMPLEMENTS = frozenset({"advance", "breakthrough", "capture"})
_TIME_BASIS_RANK = {"own": 0, "statement": 1, "reported_by": 2}
_INHERIT_WINDOW = 2
BACKGROUND_DAYS = 365  # an event that ended this long before the article is context
_SUBJECT_CHAIN = frozenset(
    {"xcomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj"}
)  # sentences either side in which a speaker's context is shared


@dataclass(slots=True)
class _Found:
    """An event under construction, with what the later steps need to know."""

    event: Event
    sent: int
    speaker_key: str | None
    token: Token | None = None
    sents: set[int] = field(default_factory=set)  # sentences of every report merged in

    def near(self, other: _Found, window: int) -> bool:
        return any(
            abs(a - b) <= window
            for a in self.sents | {self.sent}
            for b in other.sents | {other.sent}
        )


class _PlaceIndex:
    """Place mentions by token, so the parse can reach them."""

    def __init__(self, doc: Doc, text: str, places: list[PlaceMention]) -> None:
        self.by_root: dict[int, PlaceMention] = {}
        self.tokens: set[int] = set()
        self.usable_tokens: dict[int, int] = {}  # token -> root of a usable mention
        for mention in places:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            ids = range(span.start, span.end)
            self.tokens.update(ids)
            if mention.role != "location" or mention.place is None:
                continue
            if _UNUSABLE_FLAGS.intersection(mention.flags):
                continue
            if text[mention.end : mention.end + 1] == "-":
                continue  # "Moscow-based", "Kyiv-controlled": a description, not a place

            root = _root_of(span)
            self.by_root[root] = mention
            for i in ids:
                self.usable_tokens[i] = root

    def best(self, anchor: Token, scope: list[Token], exclude: set[int]) -> PlaceMention | None:
        roots = {
            self.usable_tokens[t.i]
            for t in scope
            if t.i in self.usable_tokens and t.i not in exclude
        }
        if not roots:
            return None
        doc = anchor.doc

        def rank(root: int) -> tuple[int, int, int]:
            place = self.by_root[root].place
            assert place is not None
            return (_PRECISION_RANK[place.precision], _tree_distance(anchor, doc[root]), root)

        return self.by_root[min(roots, key=rank)]


def _root_of(span: Span) -> int:
    """The span's syntactic head (spaCy's ``Span.root`` rescans the whole document)."""
    for token in span:
        if token.head.i == token.i or not span.start <= token.head.i < span.end:
            return token.i
    return span.start


def _outside_other_events(tokens: list[Token], token: Token, triggers: list[Token]) -> list[Token]:
    """The sentence without the phrases of its other events: "pushed out of Kharkiv" places
    the push, not the defence mentioned beside it."""
    taken: set[int] = set()
    for other in triggers:
        if other is token or other.is_ancestor(token) or token.is_ancestor(other):
            continue
        taken.update(t.i for t in other.subtree)
    return [t for t in tokens if t.i not in taken]


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    depth = {t.i: d for d, t in enumerate(up_a)}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return d + depth[t.i]
    return len(up_a) + 20  # different sentences


def extract_events(
    doc: Doc, article: Article, places: list[PlaceMention], times: list[TimeExpr]
) -> tuple[list[Event], list[Actor]]:
    """The events of one article, with their claims; and the actors met on the way."""
    return _Extractor(doc, article, places, times).run()


class _Extractor:
    def __init__(
        self, doc: Doc, article: Article, places: list[PlaceMention], times: list[TimeExpr]
    ) -> None:
        self.doc, self.article, self.times = doc, article, times
        self.text = doc_text(doc)
        self.resolver = ActorResolver()
        self.places = _PlaceIndex(doc, self.text, places)
        self.found: list[_Found] = []
        self.actors: list[Actor] = []
        self.sentences = list(doc.sents)
        lemmas = token_lemmas(doc)
        self.lemmas = [set(lemmas[s.start : s.end]) for s in self.sentences]
        self.last_side: dict[str, str] = {}  # family -> side of its last event
        self.last_force: Actor | None = None
        self.sentence_triggers: list[Token] = []

    def run(self) -> tuple[list[Event], list[Actor]]:
        attributor = Attributor(self.doc, self.resolver)
        for index, sent in enumerate(self.sentences):
            self._sentence(attributor.sentence(index, sent))
        self._apply_verification()
        self.found = _merge(self.found)
        self._inherit_from_speaker()
        return [f.event for f in self.found], self.actors

    # --- per sentence ----------------------------------------------------------

    def _sentence(self, info: SentenceInfo) -> None:
        sent = info.span
        for attribution in info.attributions:
            if attribution.speaker:
                self.actors.append(attribution.speaker)
        context = set().union(*self.lemmas[max(info.index - 2, 0) : info.index + 1])
        speaker_tokens = set().union(*(a.speaker_tokens for a in info.attributions))
        denial = denial_cue(sent)
        if denial:
            self._denial(info, denial, speaker_tokens)
            return
        triggers = [
            t
            for t in find_triggers(sent, context, self.places.tokens)
            if t.token.i not in speaker_tokens
        ]
        self.sentence_triggers = [t.token for t in triggers]
        for trigger in triggers:
            self._event(info, trigger, speaker_tokens)
        self._statements(info, speaker_tokens)

    def _event(self, info: SentenceInfo, trigger: Trigger, speaker_tokens: set[int]) -> None:
        attribution = _attribution_for(info, trigger.token)
        claim = self._claim(info, attribution)
        claimant = claim.claimant
        token = trigger.token
        if claimant is None and type_info(trigger.type).get("speech_act"):
            claimant = claim.claimant = self._speaker_of_act(trigger)
        actor1 = self._agent(trigger, claimant)
        actor2 = self._target(trigger, actor1, claimant)
        if (
            actor2 is not None
            and (actor1 is None or actor1.side == "UNKNOWN")
            and opponent(actor2.side)
        ):
            # "the enemy's line was attacked": the attacker is the target's opponent.
            actor1 = _side_actor(actor1.name if actor1 else "", opponent(actor2.side))
        actor1 = self._fill_side(trigger.type, actor1, claimant)
        self._note_agent(actor1)
        others = self.sentence_triggers
        scope_tokens = [
            list(token.subtree),
            _outside_other_events(list(trigger.clause.subtree), token, others),
            _outside_other_events(list(info.span), token, others),
        ]
        place = None
        for scope in scope_tokens:
            place = self.places.best(token, scope, speaker_tokens)
            if place:
                break
        report_i = attribution.verb.i if attribution and attribution.verb is not None else None
        time, basis = self._time(token.i, report_i)
        quantities = quantities_in(trigger.clause.subtree)
        status = trigger.status or _status_from_claim(claimant)
        if _long_before(time, self.article.published):
            status = Status.BACKGROUND
        event = Event(
            id=_event_id(self.article.id, trigger.type, token.idx),
            article_id=self.article.id,
            fw_type=trigger.type,
            trigger=token.text,
            trigger_start=token.idx,
            trigger_end=token.idx + len(token.text),
            status=status,
            actor1=actor1,
            actor2=actor2,
            place=place,
            time=time,
            time_basis=basis,
            quantities=quantities,
            claim=claim,
            fatalities=fatalities(quantities, token),
        )
        if attribution:
            attribution.used = True
        if actor1 and actor1.side != "UNKNOWN":
            self.last_side[str(type_info(trigger.type).get("family"))] = actor1.side
        self.found.append(_Found(event, info.index, _speaker_key(claimant), token))

    def _denial(self, info: SentenceInfo, cue: tuple[int, int], speaker_tokens: set[int]) -> None:
        """A party saying a report is false: a denial event; the denied content is no event."""
        attribution = _attribution_for(info, None)
        claim = self._claim(info, attribution)
        anchor = self.doc.char_span(cue[0], cue[1], alignment_mode="expand")
        token = self.doc[_root_of(anchor)] if anchor is not None else info.span.root
        place = self.places.best(token, list(info.span), speaker_tokens)
        report_i = attribution.verb.i if attribution and attribution.verb is not None else None
        time, basis = self._time(token.i, report_i)
        speaker = claim.claimant
        event = Event(
            id=_event_id(self.article.id, "denial", cue[0]),
            article_id=self.article.id,
            fw_type="denial",
            trigger=self.text[cue[0] : cue[1]],
            trigger_start=cue[0],
            trigger_end=cue[1],
            status=Status.DENIED,
            actor1=speaker,
            place=place,
            time=time,
            time_basis=basis,
            claim=claim,
            notes="denies a report or claim",
        )
        if attribution:
            attribution.used = True
        self.found.append(_Found(event, info.index, _speaker_key(speaker), token))

    def _statements(self, info: SentenceInfo, speaker_tokens: set[int]) -> None:
        """A speaker's words that report no event are kept as a statement."""
        for attribution in info.attributions:
            speaker = attribution.speaker
            if attribution.used or attribution.continued or attribution.verb is None:
                continue
            if speaker is None or speaker.kind == "outlet":
                continue
            verb = attribution.verb
            content = {
                t.i for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree
            }
            scope = [t for t in verb.subtree if t.i not in content]
            place = self.places.best(verb, scope, speaker_tokens)
            time, basis = self._time(verb.i, verb.i)
            claim = self._claim(info, attribution)
            event = Event(
                id=_event_id(self.article.id, "statement", verb.idx),
                article_id=self.article.id,
                fw_type="statement",
                trigger=verb.text,
                trigger_start=verb.idx,
                trigger_end=verb.idx + len(verb.text),
                status=Status.CLAIMED,
                actor1=speaker,
                place=place,
                time=time,
                time_basis=basis,
                claim=claim,
            )
            self.found.append(_Found(event, info.index, _speaker_key(speaker), verb))

    # --- arguments ---------------------------------------------------------------

    def _claim(self, info: SentenceInfo, attribution: Attribution | None) -> Claim:
        sent = info.span
        text = span_text(sent)
        start = sent.start_char + len(text) - len(text.lstrip())
        end = sent.start_char + len(text.rstrip())
        claimant = attribution.speaker if attribution else None
        outlet = attribution.outlet if attribution else None
        if (
            claimant is not None
            and claimant.kind == "outlet"
            and side_bloc(claimant.side) == "THIRD"
        ):
            # An independent outlet relays; a party's own media (state media) claims.
            outlet, claimant = claimant.canonical or claimant.name, None
        return Claim(
            sentence_start=start,
            sentence_end=end,
            sentence=self.text[start:end],
            claimant=claimant,
            channel=attribution.channel if attribution else None,
            outlet=outlet or self.article.origin,
            hedges=list(info.hedges),
            reporting_verb=attribution.verb.text if attribution and attribution.verb else None,
        )

    def _agent(self, trigger: Trigger, claimant: Actor | None) -> Actor | None:
        head = _agent_head(trigger)
        actor: Actor | None = None
        if head is not None:
            lower = head.lower_
            if lower in ("we", "our", "us"):
                actor = _side_actor(head.text, claimant.side if claimant else None)
            elif lower in ("they", "them", "their"):
                actor = self._they(head, claimant)
            else:
                actor = self.resolver.from_phrase(head) or self._antecedent(head)
                if actor is None and (is_force_noun(head) or head.pos_ == "PROPN"):
                    # "troops", "units": someone acted, the side comes from context.
                    kind = ActorKind.FORCE if is_force_noun(head) else ActorKind.GROUP
                    actor = Actor(
                        head.text, "UNKNOWN", kind, start=head.idx, end=head.idx + len(head.text)
                    )
        if (actor is None or actor.side == "UNKNOWN") and type_info(trigger.type).get(
            "agent_in_cause"
        ):
            actor = _agent_in_cause(trigger.token) or actor
        if trigger.token.pos_ in ("NOUN", "PROPN") and (actor is None or actor.side == "UNKNOWN"):
            modifiers = [
                c for c in trigger.token.children if c.dep_ in ("amod", "compound", "poss")
            ]
            side = side_from_cues(" ".join(c.text for c in modifiers)) if modifiers else None
            if side:
                actor = _side_actor(" ".join(c.text for c in modifiers), side)
        return actor

    def _they(self, head: Token, claimant: Actor | None) -> Actor | None:
        """ "They" beside "we" in a party's words is the other side; else the last force named."""
        words = {t.lower_ for t in head.sent}
        if claimant is not None and words & {"we", "our", "us"} and opponent(claimant.side):
            return _side_actor(head.text, opponent(claimant.side))
        return self.last_force

    def _note_agent(self, actor: Actor | None) -> None:
        if actor is not None and actor.side != "UNKNOWN":
            if actor.kind == "force":
                self.last_force = actor
            self.actors.append(actor)

    def _fill_side(self, fw_type: str, actor: Actor | None, claimant: Actor | None) -> Actor | None:
        """The side of an agent the text leaves unnamed, by the type's rule (taxonomy.toml)."""
        if actor is not None and actor.side != "UNKNOWN":
            return actor
        info = type_info(fw_type)
        rule = info.get("unnamed_agent", "none")
        party = claimant.side if claimant and side_bloc(claimant.side) in ("UA", "RU") else None
        side: str | None = None
        if rule == "claimant" and party:
            side = party
        elif rule == "opponent" and party:
            side = opponent(party)
        elif rule != "none":
            side = self.last_side.get(str(info.get("family"))) or (
                self.last_force.side if self.last_force else None
            )
        if side is None:
            return actor
        if actor is None:
            if rule == "claimant" and claimant is not None and side == claimant.side:
                return claimant
            return _side_actor("", side)
        actor.side = side
        return actor

    def _speaker_of_act(self, trigger: Trigger) -> Actor | None:
        """Who performs a speech act ("X called for a referendum") is who claims it."""
        head = _agent_head(trigger)
        if head is None:
            return None
        actor = self.resolver.from_phrase(head) or self._antecedent(head)
        if actor is not None:
            self.resolver.remember(actor)
        return actor

    def _antecedent(self, head: Token) -> Actor | None:
        """ "its leader", "their commander": the nearest named actor before, in the sentence."""
        if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
            return None
        triggers = lexicon().triggers
        for chunk in reversed(list(head.sent.noun_chunks)):
            if chunk.end > head.i or chunk.root.lemma_.lower() in triggers:
                continue  # an event ("Ukraine's offensive") is no antecedent
            actor = self.resolver.from_phrase(chunk.root)
            if actor is not None:
                return Actor(
                    head.text,
                    actor.side,
                    actor.kind,
                    actor.canonical,
                    actor.role,
                    head.idx,
                    head.idx + len(head.text),
                )
        return None

    def _target(
        self, trigger: Trigger, actor1: Actor | None, claimant: Actor | None
    ) -> Actor | None:
        enemy_of = actor1 if actor1 and actor1.side != "UNKNOWN" else claimant
        for child in trigger.token.children:
            heads = [child] if child.dep_ in ("dobj", "nsubjpass") else []
            if child.dep_ == "prep" and child.lower_ in ("through", "against", "on", "at"):
                heads = [g for g in child.children if g.dep_ == "pobj"]
            for head in heads:
                words = {t.lower_ for t in head.subtree}
                if "enemy" in words or "enemy's" in words:
                    return _side_actor("enemy", opponent(enemy_of.side) if enemy_of else None)
                side = side_from_cues(" ".join(t.text for t in head.subtree))
                if side:
                    return _side_actor(" ".join(t.text for t in head.subtree), side)
        return None

    def _time(self, trigger_i: int, report_i: int | None) -> tuple[TimeExpr, TimeBasis]:
        offset = self.doc[trigger_i].idx
        around = [t for t in self.times if t.start <= offset < t.end]
        if around:  # the trigger is part of a time expression: "five days of voting Tuesday"
            return around[0], TimeBasis.OWN
        found, basis = event_time(self.doc, trigger_i, report_i, self.times, self.article)
        if found is not None:
            return found, TimeBasis(basis)
        published = self.article.published
        bound = TimeExpr(
            -1, -1, "", None, published, TimePrecision.REPORTED_BY, None if published else "D"
        )
        return bound, TimeBasis.REPORTED_BY

    # --- across sentences -------------------------------------------------------

    def _apply_verification(self) -> None:
        """ "Could not independently verify" covers the article's battlefield claims."""
        noted = verification_sentences(self.sentences, self.text)
        if not noted:
            return
        for found in self.found:
            if found.sent in noted or not type_info(found.event.fw_type).get("battlefield"):
                continue
            if found.event.claim:
                found.event.claim.unverified = True

    def _inherit_from_speaker(self) -> None:
        """Channel, time and place a speaker gave in a neighbouring sentence."""
        for found in self.found:
            if found.speaker_key is None:
                continue
            near = sorted(
                (
                    other
                    for other in self.found
                    if other is not found
                    and other.speaker_key == found.speaker_key
                    and not (other.sents | {other.sent}) & (found.sents | {found.sent})
                    and other.near(found, _INHERIT_WINDOW)
                ),
                key=lambda o: abs(o.sent - found.sent),
            )
            for other in near:
                _borrow(found.event, other.event)


def _long_before(time: TimeExpr, published: date | None) -> bool:
    """An event over well before the article is background, not news of the day."""
    if published is None or time.date_end is None:
        return False
    return (published - time.date_end).days > BACKGROUND_DAYS


def _borrow(event: Event, other: Event) -> None:
    claim, source = event.claim, other.claim
    if claim and source and claim.channel is None and source.channel:
        claim.channel = source.channel
    if event.place is None and other.place is not None:
        event.place = other.place
    if (
        event.time_basis == "reported_by"
        and other.time_basis in ("own", "statement")
        and other.time is not None
        and other.status not in (Status.PLANNED,)
        and event.status not in (Status.PLANNED,)
    ):
        event.time, event.time_basis = other.time, TimeBasis.STATEMENT


def _attribution_for(info: SentenceInfo, token: Token | None) -> Attribution | None:
    """The reporting act a word belongs to: the innermost reporting verb above it, else the
    sentence's reporting act, else a quotation continued from an earlier sentence."""
    direct = [a for a in info.attributions if a.verb is not None]
    if token is not None:
        direct = [a for a in direct if token.i not in a.speaker_tokens and a.verb is not token]
        above = [a for a in direct if a.verb is not None and a.verb.is_ancestor(token)]
        if above:
            return min(above, key=lambda a: len(list(a.verb.subtree)) if a.verb else 0)
    people = [a for a in direct if a.speaker is not None and a.speaker.kind != "outlet"]
    if people:
        if token is None:
            return people[0]
        return min(people, key=lambda a: abs(a.verb.i - token.i) if a.verb else 0)
    if direct:
        return direct[0]
    continued = [a for a in info.attributions if a.continued]
    return continued[0] if continued else None


def _agent_head(trigger: Trigger) -> Token | None:
    token = trigger.token
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return child  # "Russia's annexation"; "its attacks" is its clause subject's
            if child.dep_ == "prep" and child.lower_ == "by":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        token = trigger.clause
    light = token is not trigger.token  # a noun's event is done by its light verb's subject
    current = token
    for _ in range(4):
        children = _with_aux_children(current)
        passive = any(c.dep_ == "nsubjpass" for c in children)
        for child in children:
            if passive and child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
            if child.dep_ == "nsubj" and child is not trigger.token:
                return child
            if passive and light and child.dep_ == "nsubjpass":
                return child
        # An infinitive, conjunct or gerund ("five days of voting") shares the subject above.
        if current.dep_ in _SUBJECT_CHAIN and current.head is not current:
            current = current.head
            continue
        return None
    return None


_CAUSE_PREPS = frozenset({"due", "from", "after", "because", "in", "by", "as"})


def _agent_in_cause(token: Token) -> Actor | None:
    """ "killed due to the shelling of the Russian Federation": the side in the cause."""
    for child in token.children:
        if child.dep_ in ("prep", "agent", "advcl") and child.lower_ in _CAUSE_PREPS:
            words = " ".join(t.text for t in child.subtree)
            side = side_from_cues(words)
            if side:
                return _side_actor(words, side)
    return None


def _with_aux_children(verb: Token) -> list[Token]:
    """A verb's dependents, including those the parser hung on its auxiliary."""
    children = list(verb.children)
    for aux in [c for c in children if c.dep_ in ("aux", "auxpass")]:
        children.extend(aux.children)
    return children


def _side_actor(name: str, side: str | None) -> Actor | None:
    if side is None:
        return None
    label = lexicon_label(side)
    return Actor(name or label, side, ActorKind.GROUP, canonical=None)


def lexicon_label(side: str) -> str:
    from frontwatch.lexicons import sides

    return str(sides().get(side, {}).get("label", side)).split(" (")[0]


def _status_from_claim(claimant: Actor | None) -> Status:
    if claimant is None:
        return Status.HAPPENED
    if side_bloc(claimant.side) == "THIRD" and claimant.kind in ("government", "org", "force"):
        return Status.ASSESSED
    return Status.CLAIMED


def _speaker_key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.canonical or actor.name.lower()


def _event_id(article_id: str, fw_type: str, offset: int) -> str:
    return hashlib.sha1(f"{article_id}:{fw_type}:{offset}".encode()).hexdigest()[:16]


# --- merging within one article --------------------------------------------------


def _merge(found: list[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    for item in found:
        target = next((k for k in kept if _same_happening(k, item)), None)
        if target is None:
            kept.append(item)
        else:
            _absorb(target.event, item.event)
            target.sents |= item.sents | {item.sent}
            target.speaker_key = _speaker_key(
                target.event.claim.claimant if target.event.claim else None
            )
    return _merge_complements(kept)


def _merge_complements(found: list[_Found]) -> list[_Found]:
    """Fold events into the more specific event they are part of (taxonomy merges_into)."""
    kept: list[_Found] = []
    for item in found:
        target = _complement_target(item, found)
        if target is None:
            kept.append(item)
            continue
        ev = item.event
        if type_info(ev.fw_type).get("merges_with") == "opponent" and target.event.actor2 is None:
            target.event.actor2 = ev.actor1
        _absorb(target.event, ev)
        target.sents |= item.sents | {item.sent}
        target.speaker_key = _speaker_key(
            target.event.claim.claimant if target.event.claim else None
        )
    return kept


def _complement_target(item: _Found, found: list[_Found]) -> _Found | None:
    ev = item.event
    info = type_info(ev.fw_type)
    into = set(info.get("merges_into", []))
    if not into or ev.actor1 is None or ev.claim is None or ev.claim.claimant is None:
        return None
    if info.get("merges_with") == "opponent":
        winner = opponent(ev.actor1.side)
        if side_bloc(ev.claim.claimant.side) != winner:
            return None
    else:
        winner = side_bloc(ev.actor1.side)
    for other in found:
        oe = other.event
        if other is item or oe.fw_type not in into or oe.actor1 is None:
            continue
        if side_bloc(oe.actor1.side) != winner or not other.near(item, _INHERIT_WINDOW):
            continue
        claimant = oe.claim.claimant if oe.claim else None
        if _claimants_agree(claimant, ev.claim.claimant) and _places_close(oe, ev):
            return other
    return None


_NOT_DONE = frozenset({Status.PLANNED, Status.CONDITIONAL, Status.BACKGROUND})


def _same_happening(a: _Found, b: _Found) -> bool:
    ea, eb = a.event, b.event
    if ea.fw_type != eb.fw_type:
        return False
    if (ea.status in _NOT_DONE) != (eb.status in _NOT_DONE):
        return False
    if not _sides_agree(ea.actor1, eb.actor1):
        return False
    if not _claimants_agree(
        ea.claim.claimant if ea.claim else None, eb.claim.claimant if eb.claim else None
    ):
        return False
    return _places_close(ea, eb) and _times_overlap(ea.time, eb.time)


def _sides_agree(a: Actor | None, b: Actor | None) -> bool:
    side_a = side_bloc(a.side) if a else None
    side_b = side_bloc(b.side) if b else None
    return side_a in (None, "UNKNOWN") or side_b in (None, "UNKNOWN") or side_a == side_b


def _claimants_agree(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    if _speaker_key(a) == _speaker_key(b):
        return True
    # A country speaking as a whole ("Russia said") agrees with its own ministries.
    if _is_general(a) or _is_general(b):
        return side_bloc(a.side) == side_bloc(b.side)
    return False


# Actors that speak for a whole side; a more specific speaker of that side agrees with them.
_GENERAL_ACTORS = frozenset(
    {"Government of Russia", "Government of Ukraine", "Russian-installed authorities"}
)


def _is_general(actor: Actor) -> bool:
    return actor.canonical in _GENERAL_ACTORS or (
        actor.canonical is None and actor.kind != "person"
    )


def _places_close(a: Event, b: Event) -> bool:
    pa = a.place.place if a.place else None
    pb = b.place.place if b.place else None
    if pa is None or pb is None:
        return True
    coarser = max(pa.precision, pb.precision, key=lambda p: _PRECISION_RANK[p])
    if pa.precision == pb.precision == GeoPrecision.TOWN:
        coarser = GeoPrecision.TOWN
    elif GeoPrecision.COUNTRY not in (pa.precision, pb.precision):
        coarser = max(pa.precision, pb.precision, key=lambda p: _PRECISION_RANK[p])
    limit = MERGE_DISTANCE_KM[coarser]
    if pa.precision != pb.precision and limit < math.inf:
        limit = max(limit, 150.0)  # a town inside the region it is named with
    return _km(pa.lat, pa.lon, pb.lat, pb.lon) <= limit


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _times_overlap(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    if a is None or b is None:
        return True
    if a.relative and b.relative and not (a.date_end or b.date_end):
        return True
    a_start, a_end = a.date_start or a.date_end, a.date_end or a.date_start
    b_start, b_end = b.date_start or b.date_end, b.date_end or b.date_start
    if a.precision == "reported_by":
        a_start = None
    if b.precision == "reported_by":
        b_start = None
    if a_end and b_start and a_end < b_start:
        return False
    return not (b_end and a_start and b_end < a_start)


def _absorb(target: Event, other: Event) -> None:
    """Fold a second report of the same happening into the first."""
    if other.place and (
        target.place is None
        or (
            other.place.place
            and target.place.place
            and _PRECISION_RANK[other.place.place.precision]
            < _PRECISION_RANK[target.place.place.precision]
        )
    ):
        target.place = other.place
    if _TIME_BASIS_RANK.get(other.time_basis, 3) < _TIME_BASIS_RANK.get(target.time_basis, 3):
        target.time, target.time_basis = other.time, other.time_basis
    if target.claim and other.claim:
        mine, theirs = target.claim.claimant, other.claim.claimant
        if theirs is not None and (mine is None or (_is_general(mine) and not _is_general(theirs))):
            # Keep the most specific source: the ministry rather than "Russia".
            other.claim.unverified = other.claim.unverified or target.claim.unverified
            target.claim, target.status = other.claim, other.status
        else:
            target.claim.unverified = target.claim.unverified or other.claim.unverified
            target.claim.hedges = list(dict.fromkeys(target.claim.hedges + other.claim.hedges))
            target.claim.channel = target.claim.channel or other.claim.channel
    if target.actor1 is None or target.actor1.side == "UNKNOWN":
        target.actor1 = other.actor1 or target.actor1
    target.actor2 = target.actor2 or other.actor2
    seen = {(q.value, q.unit) for q in target.quantities}
    target.quantities += [q for q in other.quantities if (q.value, q.unit) not in seen]
    if other.fatalities and not target.fatalities:
        target.fatalities = other.fatalities
    note = f"also reported as “{other.trigger}” at {other.trigger_start}"
    target.notes = f"{target.notes}; {note}" if target.notes else note


__all__ = ["extract_events"]
