"""Events: triggers with their agent, target, place, time, quantities and claim.

One article at a time. The steps: attribute every sentence (claims.py), find
triggers (triggers.py), attach arguments through the parse, decide the status,
then let events borrow what their speaker said next to them (channel, time,
place) and merge the events of one article that report the same happening.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from frontwatch.annotate.text import doc_text, span_text, token_lemmas
from frontwatch.extract.actors import (
    ActorResolver,
    is_force_noun,
    opponent,
    side_from_cues,
    voice_side,
)
from frontwatch.extract.arguments import (
    PlaceIndex,
    agent_head,
    agent_in_cause,
    attribution_for,
    event_noun,
    fighters,
    modifier_actor,
    outside_other_events,
    own_phrase,
    raised_emblem,
    reduced_passive,
    root_of,
    side_actor,
    stray_subject,
    unidentified,
    unknown_agent,
)
from frontwatch.extract.casualties import (
    ENEMY_WORDS,
    casualty_counts,
    enemy_losses,
    harm_verb,
    losses_of_enemy,
    theatre_attacker,
    victim_head,
)
from frontwatch.extract.claims import (
    Attribution,
    Attributor,
    SentenceInfo,
    bylines,
    denial_cue,
    verification_sentences,
)
from frontwatch.extract.lexicon import lexicon
from frontwatch.extract.merging import (
    Found,
    after_violence,
    inherit_from_speaker,
    mark_unverified,
    merge,
    speaker_key,
)
from frontwatch.extract.quantities import fatalities, listed_count, quantities_in
from frontwatch.extract.recode import settle
from frontwatch.extract.records import field_actor, record_header
from frontwatch.extract.relevance import judge_relevance, peace_cause, theatre_countries, violent
from frontwatch.extract.tolls import fold_casualties
from frontwatch.extract.triggers import Trigger, find_triggers
from frontwatch.extract.weapons import weapon_words
from frontwatch.extract.when import event_when, long_before
from frontwatch.lexicons import side_bloc, type_info, warring
from frontwatch.models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    Event,
    PlaceMention,
    Status,
    TimeBasis,
    TimeExpr,
    event_id,
)


def extract_events(
    doc: Doc,
    article: Article,
    places: list[PlaceMention],
    times: list[TimeExpr],
    extra: dict[str, Any] | None = None,
) -> tuple[list[Event], list[Actor]]:
    """The events of one article, with their claims; and the actors met on the way.
    ``extra`` (the article's stored findings) receives the relevance gate's verdict."""
    extractor = _Extractor(doc, article, places, times)
    found = extractor.run()
    if extra is not None:
        extra["relevance"] = extractor.relevance.as_dict()
    return found


class _Extractor:
    def __init__(
        self, doc: Doc, article: Article, places: list[PlaceMention], times: list[TimeExpr]
    ) -> None:
        self.doc, self.article, self.times = doc, article, times
        self.text = doc_text(doc)
        self.resolver = ActorResolver()
        self.places = PlaceIndex(doc, self.text, places)
        self.found: list[Found] = []
        self.actors: list[Actor] = []
        self.sentences = list(doc.sents)
        # "Location: Dnipro", or an opening line that only names a place
        self.header = record_header(self.text, self.sentences, places)
        self.field_place, self.line_place = self.header
        lemmas = token_lemmas(doc)
        self.lemmas = [set(lemmas[s.start : s.end]) for s in self.sentences]
        self.last_side: dict[str, str] = {}  # family -> side of its last event
        self.last_force: Actor | None = None
        self.sentence_triggers: list[Token] = []
        self.relevance = judge_relevance(doc, self.sentences, places)
        self.voice = voice_side(self.text)  # whose words the text speaks in, if one camp's
        self.perpetrator = field_actor(doc, self.resolver.from_phrase)  # "Perpetrator: …"

    def run(self) -> tuple[list[Event], list[Actor]]:
        if not self.relevance.relevant:
            return [], []  # an article about no armed conflict gives no conflict event
        attributor = Attributor(self.doc, self.resolver, frozenset(self.places.tokens))
        covered, byline_sents = bylines(self.sentences, self.resolver)
        for index, sent in enumerate(self.sentences):
            info = attributor.sentence(index, sent)
            if index in byline_sents:
                continue  # "- Russian Defense Ministry": who claims the line, no event
            if index in covered:
                info.attributions.append(covered[index])
            self._sentence(info)
        # "could not independently verify" covers the article's battlefield claims
        mark_unverified(self.found, verification_sentences(self.sentences, self.text))
        self.found = merge(fold_casualties(self.found))
        for found in self.found:
            settle(found, self.header, self.perpetrator)  # parties, type, place, side
        inherit_from_speaker(self.found)
        return [f.event for f in self.found], self.actors

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
        attribution = attribution_for(info, trigger.token)
        claim = self._claim(info, attribution)
        claimant = claim.claimant
        token = trigger.token
        if claimant is None and type_info(trigger.type).get("speech_act"):
            claimant = claim.claimant = self._speaker_of_act(trigger)
        actor1, actor2, counts = self._actors(trigger, claimant)
        place = self._place(info, trigger, speaker_tokens)
        if violent(trigger.type) and not self._conflict_sentence(info, place, actor1, actor2):
            return
        self._note_agent(actor1)
        report_i = attribution.verb.i if attribution and attribution.verb is not None else None
        time, basis = self._time(token.i, report_i)
        quantities = quantities_in(trigger.clause.subtree)
        status = trigger.status or _status_from_claim(claimant)
        if long_before(time, self.article.published):
            status = Status.BACKGROUND
        event = Event(
            id=event_id(self.article.id, trigger.type, token.idx),
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
            fatalities=counts[0] if counts[0] is not None else fatalities(quantities, token),
            injuries=counts[1],
        )
        if attribution:
            attribution.used = True
        if actor1 and actor1.side != "UNKNOWN":
            self.last_side[str(type_info(trigger.type).get("family"))] = actor1.side
        self.found.append(Found(event, info.index, speaker_key(claimant), token))

    def _conflict_sentence(
        self,
        info: SentenceInfo,
        place: PlaceMention | None,
        *actors: Actor | None,
    ) -> bool:
        """A violent event needs its sentence to be about the conflict: a signal in it or
        the sentence before, a party among its actors, or a place in the theatre; and no
        peace cause alone ("deaths from cholera", "fighting two apartment fires")."""
        after = after_violence(self.found, info.index)
        if peace_cause(info.span, after):
            return False  # after an attack, "a fire broke out" is what it did
        if {info.index, info.index - 1} & self.relevance.sentences or after:
            return True
        if any(a is not None and warring(a.side) for a in actors):
            return True
        if place is None:  # the sentence's place, though another event's ("killed in a
            place = self.places.best(info.span.root, list(info.span), set())  # strike on X")
        place = place or self.field_place or self.line_place  # a log's header: "DONETSK | …"
        return (
            place is not None
            and place.place is not None
            and (place.place.country in theatre_countries())
        )

    def _actors(
        self, trigger: Trigger, claimant: Actor | None
    ) -> tuple[Actor | None, Actor | None, tuple[int | None, int | None]]:
        """Who did it, to whom, and (for casualties) how many died and were wounded."""
        # a strike told by its harm verb counts its dead too: "a car bomb killed an official"
        counted = bool(type_info(trigger.type).get("victims")) or harm_verb(trigger.token)
        victims = victim_head(trigger.token) if counted else None
        # an item of a list of tolls ("…; 2 civilians killed and 6 wounded") names its
        # victims by their count alone: what the parser hung on it is no party
        listed = counted and listed_count(trigger.token) is not None
        actor1 = None if listed else self._agent(trigger, claimant, victims)
        actor2 = None if listed else self._target(trigger, actor1, claimant)
        if actor2 is None and trigger.token.lemma_.lower() in lexicon().harm_words:
            actor2 = modifier_actor(trigger.token)  # "2 UA KIA": the dead are Ukraine's
        head = agent_head(trigger)
        if actor2 is None and head is not None and type_info(trigger.type).get("two_parties"):
            # "Russian and Ukrainian forces clashed", "clashes between A and B": the second
            actor2 = self.resolver.second_party(head)
        counts: tuple[int | None, int | None] = (None, None)
        if counted:
            if victims is not None:
                # whose dead the victim phrase names comes before any side cue further on
                # ("lost 120 soldiers as a result of the strike of the Russian forces")
                actor2 = self._phrase_actor(victims, claimant) or actor2
                actor2 = actor2 or losses_of_enemy(trigger.token, victims, claimant)
            elif actor2 is None and enemy_losses(trigger.token):
                # "Enemy losses amounted to 90 servicemen": the dead are the speaker's enemy
                actor2 = side_actor("enemy", self._enemy_side(claimant, trigger.token))
            quantities = quantities_in(trigger.clause.subtree)
            counts = casualty_counts(trigger.token, victims, quantities)
        if (
            actor2 is not None
            and (actor1 is None or actor1.side == "UNKNOWN")
            and opponent(actor2.side)
            and not unidentified(actor1)
            and type_info(trigger.type).get("family") != "political"  # protesting Russia's
        ):  # war does not make one Ukraine
            # "the enemy's line was attacked", "180 invaders died": the attacker is the
            # target's (the victims') opponent.
            actor1 = side_actor(actor1.name if actor1 else "", opponent(actor2.side))
        planned = trigger.status in (Status.PLANNED, Status.CONDITIONAL)
        return self._fill_side(trigger.type, actor1, claimant, planned), actor2, counts

    def _phrase_actor(self, head: Token, claimant: Actor | None) -> Actor | None:
        """The actor a phrase names; "the enemy" is the speaker's opponent."""
        if any(t.lemma_.lower() in ENEMY_WORDS for t in own_phrase(head)):
            side = self._enemy_side(claimant, head)
            return side_actor("enemy", side) if side else None
        actor = self.resolver.from_phrase(head)
        if actor is None and head.pos_ in ("NOUN", "PROPN"):
            side = side_from_cues(" ".join(t.text for t in own_phrase(head)))
            actor = side_actor(head.text, side) if side else None
        return actor

    def _place(
        self, info: SentenceInfo, trigger: Trigger, speaker_tokens: set[int]
    ) -> PlaceMention | None:
        """The nearest usable place in the trigger's phrase, else its clause, else sentence,
        else the sentence's other events' phrases (``PlaceIndex.first``)."""
        token, others = trigger.token, self.sentence_triggers
        scopes = [
            list(token.subtree),
            outside_other_events(list(trigger.clause.subtree), token, others),
            outside_other_events(list(info.span), token, others),
            list(info.span),
        ]
        topic = set(type_info(trigger.type).get("topic_preps", ()))
        if topic:  # "protested against the Russian invasion": Russia is what, not where
            about = {t.i for c in token.children if c.lower_ in topic for t in c.subtree}
            scopes = [[t for t in scope if t.i not in about] for scope in scopes]
        return self.places.first(token, scopes, speaker_tokens)

    def _denial(self, info: SentenceInfo, cue: tuple[int, int], speaker_tokens: set[int]) -> None:
        """A party saying a report is false: a denial event; the denied content is no event."""
        attribution = attribution_for(info, None)
        claim = self._claim(info, attribution)
        anchor = self.doc.char_span(cue[0], cue[1], alignment_mode="expand")
        token = self.doc[root_of(anchor)] if anchor is not None else info.span.root
        place = self.places.best(token, list(info.span), speaker_tokens)
        report_i = attribution.verb.i if attribution and attribution.verb is not None else None
        time, basis = self._time(token.i, report_i)
        speaker = claim.claimant
        event = Event(
            id=event_id(self.article.id, "denial", cue[0]),
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
        self.found.append(Found(event, info.index, speaker_key(speaker), token))

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
                id=event_id(self.article.id, "statement", verb.idx),
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
            self.found.append(Found(event, info.index, speaker_key(speaker), verb))

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

    def _agent(
        self, trigger: Trigger, claimant: Actor | None, victims: Token | None = None
    ) -> Actor | None:
        head = agent_head(trigger)
        if head is not None and trigger.type == "casualties" and _reported(trigger):
            head = None  # "LPR officials initially reported two dead": who told, not who killed
        if head is not None and victims is not None and head.i == victims.i:
            head = None  # "180 invaders died": the subject is who died, not who killed
        if head is not None and trigger.type == "attack_repelled" and event_noun(head):
            head = None  # "APU attack repulsed": the attack was repelled, it repelled nothing
        actor: Actor | None = None
        if head is not None:
            lower = head.lower_
            if lower in ("we", "our", "us"):
                actor = side_actor(head.text, claimant.side if claimant else None)
            elif lower in ("they", "them", "their"):
                actor = self._they(head, claimant)
            elif head.lemma_.lower() in ENEMY_WORDS:
                side = self._enemy_side(claimant, head)
                actor = side_actor(head.text, side) if side else None
            else:
                actor = self.resolver.from_phrase(head) or self._antecedent(head)
                if actor is None and head.pos_ in ("NOUN", "PROPN"):
                    # "the aircraft of the Armed Forces of Ukraine": the side in the phrase
                    words = " ".join(t.text for t in head.subtree)
                    cued = side_from_cues(words)
                    actor = side_actor(head.text, cued) if cued else None
                if head.i in self.places.usable_tokens and not (actor and actor.canonical):
                    # "30 December, Belgorod (Russia): forces shelled": a place, not who
                    actor = stray_subject(trigger.token, self.resolver)
                actor = actor or unknown_agent(head)  # "unidentified gunmen": no side
                if actor is None and (is_force_noun(head) or head.pos_ == "PROPN"):
                    # "troops", "units": someone acted, the side comes from context.
                    kind = ActorKind.FORCE if is_force_noun(head) else ActorKind.GROUP
                    actor = Actor(
                        head.text, "UNKNOWN", kind, start=head.idx, end=head.idx + len(head.text)
                    )
        if head is None and actor is None:
            actor = stray_subject(trigger.token, self.resolver)
        if (actor is None or actor.side == "UNKNOWN") and type_info(trigger.type).get(
            "agent_in_cause"
        ):
            actor = agent_in_cause(trigger.token) or actor
        harm = trigger.token.lemma_.lower() in lexicon().harm_words  # "2 UA KIA": the dead's
        if trigger.token.pos_ in ("NOUN", "PROPN") and (actor is None or actor.side == "UNKNOWN"):
            actor = (None if harm else modifier_actor(trigger.token)) or actor  # "Russian shelling"
        return actor

    def _enemy_side(self, speaker: Actor | None, head: Token) -> str | None:
        """Whose "enemy": the speaker's opponent; with no speaker, the opponent of the camp
        whose words the text speaks in ("the invaders ... the enemy": Ukraine's enemy);
        with neither, the theatre's prior for the sentence's place (data/theatre.toml: an
        enemy fighting in Ukraine is Russian), as for an attacker nobody names."""
        if speaker is not None and opponent(speaker.side):
            return opponent(speaker.side)
        if self.voice:
            return opponent(self.voice)
        place = self.places.best(head, list(head.sent), set())
        return theatre_attacker(place.place.country) if place and place.place else None

    def _they(self, head: Token, claimant: Actor | None) -> Actor | None:
        """ "They" beside "we" in a party's words is the other side; else the last force named."""
        words = {t.lower_ for t in head.sent}
        if claimant is not None and words & {"we", "our", "us"} and opponent(claimant.side):
            return side_actor(head.text, opponent(claimant.side))
        return self.last_force

    def _note_agent(self, actor: Actor | None) -> None:
        if actor is not None and actor.side != "UNKNOWN":
            if actor.kind == "force":
                self.last_force = actor
            self.actors.append(actor)

    def _fill_side(
        self, fw_type: str, actor: Actor | None, claimant: Actor | None, planned: bool = False
    ) -> Actor | None:
        """The side of an agent the text leaves unnamed, by the type's rule (taxonomy.toml).
        A plan with no agent ("preparing to fight to retake X ... There will be fighting")
        is the plan of the party the passage last named for that family, not its opponent:
        one plan, one side."""
        if actor is not None and actor.side != "UNKNOWN":
            return actor
        info = type_info(fw_type)
        rule = info.get("unnamed_agent", "none")
        party = claimant.side if claimant and warring(claimant.side) else None
        side: str | None = None
        planner = self.last_side.get(str(info.get("family"))) if planned else None
        if rule == "opponent" and planner:
            side = planner
        elif rule == "claimant" and party:
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
            return side_actor("", side)
        actor.side = side
        return actor

    def _speaker_of_act(self, trigger: Trigger) -> Actor | None:
        """Who performs a speech act ("X called for a referendum") is who claims it."""
        head = agent_head(trigger)
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
        token = trigger.token
        # "Another group of Ukrainian military destroyed in X": what a headline's reduced
        # passive modifies is what was done to; "APU attack repulsed": an attack is what
        # was repelled, whatever the word order.
        patient = reduced_passive(token)
        if patient is not None and (
            patient.lemma_.lower() in weapon_words() or raised_emblem(token)
        ):
            patient = None  # "RU missile on city centre, café hit": the weapon hit, not was hit
        for child in [patient, *token.children] if patient is not None else token.children:
            heads = [child] if child.dep_ in ("dobj", "nsubjpass") or child is patient else []
            if child.dep_ == "nsubj" and event_noun(child):
                heads = [child]
            if child.dep_ == "prep" and child.lower_ in ("through", "against", "on", "at"):
                heads = [g for g in child.children if g.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ == "of" and token.pos_ == "NOUN":
                # "the shelling of Russian positions": the target. A force after "of" is
                # the agent (arguments.agent_head); a name ("of the Russian Federation",
                # translated genitive) may be either and is left to the cause rule.
                heads = [
                    g
                    for g in child.children
                    if g.dep_ == "pobj" and g.pos_ == "NOUN" and not fighters(g)
                ]
            for head in heads:
                # the phrase, less the trigger's own clause when the phrase holds it
                phrase = " ".join(t.text for t in head.subtree if t.i < token.i or head.i > token.i)
                if "enemy" in phrase.lower().split() or "enemy's" in phrase.lower().split():
                    return side_actor("enemy", self._enemy_side(enemy_of, head))
                side = side_from_cues(phrase)
                if side:
                    return side_actor(phrase, side)
        return None

    def _time(self, trigger_i: int, report_i: int | None) -> tuple[TimeExpr, TimeBasis]:
        return event_when(self.doc, trigger_i, report_i, self.times, self.article)


def _reported(trigger: Trigger) -> bool:
    """A count of the dead a reporting verb governs ("officials reported two dead")."""
    clause = trigger.clause
    return clause is not trigger.token and clause.lemma_.lower() in lexicon().reporting_verbs


def _status_from_claim(claimant: Actor | None) -> Status:
    if claimant is None:
        return Status.HAPPENED
    if side_bloc(claimant.side) == "THIRD" and claimant.kind in ("government", "org", "force"):
        return Status.ASSESSED
    return Status.CLAIMED


__all__ = ["extract_events"]
