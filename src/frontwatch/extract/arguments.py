"""Arguments of an event: the place, agent and target phrases the parse leads to.

Helpers of the extractor (events.py) that read one trigger's neighbourhood in the parse:
which place mention is the event's, who did it, which reporting act it belongs to.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from frontwatch.extract.actors import ActorResolver, is_force_noun, match_alias, side_from_cues
from frontwatch.extract.claims import Attribution, SentenceInfo
from frontwatch.extract.lexicon import lexicon
from frontwatch.extract.loglines import own_line
from frontwatch.extract.triggers import Trigger
from frontwatch.lexicons import load_toml, side_label, warring
from frontwatch.models import Actor, ActorKind, GeoPrecision, PlaceMention
from frontwatch.resolve.places import lexicon as places_lexicon

# Flags from the places stage that keep a mention out of event locations.
_UNUSABLE_FLAGS = frozenset({"suspect_far", "unresolved", "not_place"})
PRECISION_RANK = {
    GeoPrecision.POINT: 0,
    GeoPrecision.TOWN: 0,
    GeoPrecision.REGION: 1,
    GeoPrecision.COUNTRY: 2,
}
# An infinitive, conjunct or gerund shares the subject of the word it hangs on.
_SUBJECT_CHAIN = frozenset({"xcomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj"})


class PlaceIndex:
    """Place mentions by token, so the parse can reach them."""

    def __init__(self, doc: Doc, text: str, places: list[PlaceMention]) -> None:
        self.by_root: dict[int, PlaceMention] = {}
        self.tokens: set[int] = set()
        self.usable_tokens: dict[int, int] = {}  # token -> root of a usable mention
        self.unit_named: set[int] = set()  # roots of towns that name a unit after them
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

            root = root_of(span)
            self.by_root[root] = mention
            for i in ids:
                self.usable_tokens[i] = root
            after = doc[span.end].lower_.replace("-", "") if span.end < len(doc) else ""
            if mention.place.feature.startswith("PPL") and after in _unit_words():
                self.unit_named.add(root)  # "nr Vysokopillia, Beryslav rn": the raion's town

    def best(self, anchor: Token, scope: list[Token], exclude: set[int]) -> PlaceMention | None:
        roots = {
            self.usable_tokens[t.i]
            for t in scope
            if t.i in self.usable_tokens and t.i not in exclude
        }
        if not roots:
            return None
        doc = anchor.doc

        def rank(root: int) -> tuple[int, int, int, int, int, int]:
            place = self.by_root[root].place
            assert place is not None
            # "in Makariv near Kyiv": what a place is near is where it lies, not the place
            landmark = len(roots) > 1 and _landmark(doc[root])
            return (
                PRECISION_RANK[place.precision],
                int(len(roots) > 1 and (self._bracketed(doc[root]) or root in self.unit_named)),
                int(landmark),
                int(len(roots) > 1 and self._in_a_name(doc[root])),
                _tree_distance(anchor, doc[root]),
                root,
            )

        return self.by_root[min(roots, key=rank)]

    def _bracketed(self, token: Token) -> bool:
        """A unit in brackets after a place says where that place lies: "near Robotyne
        (Polohy raion, Zaporizhzhia)" is Robotyne, not the town Polohy."""
        doc = token.doc
        i = token.i - 1
        while i > token.sent.start and doc[i].text not in ("(", ")"):
            i -= 1
        return doc[i].text == "(" and i > 0 and (i - 1) in self.tokens

    def _in_a_name(self, token: Token) -> bool:
        """A place named inside another name ("the Black Sea Fleet HQ struck ... over
        Sevastopol"): the fleet is not at sea; a place standing alone comes first."""
        return (
            token.dep_ == "compound"
            and token.head.pos_ == "PROPN"
            and token.head.i not in self.tokens
        )

    def first(
        self, anchor: Token, scopes: list[list[Token]], exclude: set[int]
    ) -> PlaceMention | None:
        """The best place of the first scope that has one; but a country or region found
        first gives way to a place in it further out ("a Horlivka woman, wounded during
        shelling from Ukraine": Horlivka), and a last scope of the whole sentence lends
        an event with no place of its own its neighbour's ("200 invaders were destroyed -
        he reported the explosion in Svatove")."""
        found: PlaceMention | None = None
        for scope in scopes:
            place = self.best(anchor, scope, exclude)
            if found is None:
                found = place
            elif place is not None and lies_within(place, found):
                return place
            if found is not None and not _containing(found):
                return found  # a town or a point: nothing found further out lies within it
        return found


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    """Words for an admin unit after a name ("Beryslav rn", "Polohy raion"): the places
    stage's feature words (data/places/context.toml) that ask for a unit."""
    words = places_lexicon().feature_words
    return frozenset(w for w, codes in words.items() if all(c.startswith("ADM") for c in codes))


# Prepositions whose object is a landmark another place is placed by.
_LANDMARK_PREPOSITIONS = frozenset({"near", "outside"})


def _landmark(token: Token) -> bool:
    """The object of "near" or "outside" ("a village near Kyiv")."""
    return token.dep_ == "pobj" and token.head.lower_ in _LANDMARK_PREPOSITIONS


def _containing(mention: PlaceMention) -> bool:
    """A country or a region: a place that ``lies_within`` can find another inside."""
    return mention.place is not None and PRECISION_RANK[mention.place.precision] > 0


def lies_within(inner: PlaceMention, outer: PlaceMention) -> bool:
    """A finer place inside a country or an admin-1 region named by ``outer``."""
    a, b = inner.place, outer.place
    if a is None or b is None or PRECISION_RANK[a.precision] >= PRECISION_RANK[b.precision]:
        return False
    if b.precision == GeoPrecision.COUNTRY:
        return a.country == b.country
    region = b.admin1 or (b.id.removeprefix("adm1:") if b.id.startswith("adm1:") else None)
    return region is not None and a.admin1 == region


def root_of(span: Span) -> int:
    """The span's syntactic head (spaCy's ``Span.root`` rescans the whole document)."""
    for token in span:
        if token.head.i == token.i or not span.start <= token.head.i < span.end:
            return token.i
    return span.start


def outside_other_events(tokens: list[Token], token: Token, triggers: list[Token]) -> list[Token]:
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


def attribution_for(info: SentenceInfo, token: Token | None) -> Attribution | None:
    """The reporting act a word belongs to: the innermost reporting verb above it, else the
    sentence's reporting act, else a quotation continued from an earlier sentence, else
    the line's byline."""
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
    if continued:
        return continued[0]
    byline = [a for a in info.attributions if a.byline]
    return byline[0] if byline else None


def _placed_by(token: Token) -> Token | None:
    """The agent of a participle that says who laid, planted or fired what the trigger
    names or takes: "a mine left behind by Russian forces", "a device planted by
    saboteurs"."""
    nouns = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubj", "nsubjpass"))]
    things = lexicon().placed_things
    for noun in (n for n in nouns if n.lemma_.lower() in things or n.lower_ in things):
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            if acl.lemma_.lower() not in lexicon().placing_verbs:
                continue
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                objs = [g for g in agent.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return None


def _accused(token: Token) -> Token | None:
    """The object of an accusation whose "of" / "for" phrase the event is: "accused the
    AFU of shelling the city", "blamed Russia for the strike"."""
    prep = token.head
    if token.dep_ not in ("pcomp", "pobj") or prep.lower_ not in ("of", "for"):
        return None
    verb = prep.head
    accusations = lexicon().accusation_verbs
    if verb.dep_ == "dobj" and verb.head.lemma_.lower() in accusations:
        return verb  # "accused the 'Kyiv regime' of a drone attack": "of" hung on the accused
    if verb.lemma_.lower() not in accusations:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def agent_head(trigger: Trigger) -> Token | None:
    token = trigger.token
    accused = _accused(token)
    if accused is not None:
        return accused  # "accused the AFU of a missile strike on Tokmak": the AFU struck
    for child in token.children:  # "clashes between Russian and Ukrainian forces", "fighting
        if child.dep_ == "prep" and child.lower_ == "between":  # between A and B": the first
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return child  # "Russia's annexation"; "its attacks" is its clause subject's
            if child.dep_ == "prep" and child.lower_ == "by":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
            if child.dep_ == "prep" and child.lower_ == "of":
                # "the shelling of the Armed Forces of Ukraine", "of the invaders" (translated
                # genitive): fighters after "of" fire; a place or a position is the target
                objs = [g for g in child.children if g.dep_ == "pobj" and fighters(g)]
                if objs:
                    return objs[0]
        if trigger.clause.lemma_.lower() in lexicon().harm_verbs:
            return None  # "servicemen died in battles with X": the subject is the dead
        token = trigger.clause
    accused = _accused(token)
    if accused is not None:
        return accused  # "accused the AFU of firing cluster munitions": the AFU fired
    placer = _placed_by(trigger.token)
    if placer is not None:
        return placer  # "struck a mine left behind by Russian forces": who laid it
    if raised_emblem(trigger.token):
        return trigger.token.head  # "UA flag raised over ROBOTYNE": the flag's side raised it
    light = token is not trigger.token  # a noun's event is done by its light verb's subject
    current = token
    raised = False  # reached through an infinitive or gerund: "were reported digging"
    for _ in range(4):
        children = _with_aux_children(current)
        # "35 units destroyed by Russian troops": a headline's reduced passive has its
        # agent but no subject of its own.
        reduced = current is token and reduced_passive(token) is not None
        passive = reduced or any(c.dep_ == "nsubjpass" for c in children)
        for child in children:
            if passive and child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
            if child.dep_ == "nsubj" and child.i != trigger.token.i and not reduced:
                if line_label(child):
                    continue  # "General Staff: the enemy lost ...": the line's source
                return _participle_fighters(child) or child
            if passive and (light or raised) and child.dep_ == "nsubjpass":
                return child  # "Russian forces were reported digging trenches": they dug
            if child.dep_ == "csubj" and child.tag_ == "VBG":
                # "soldiers searching houses threw a grenade": the participle's subject;
                # "retreating Russian forces blew up the bridge": the parser made the subject
                # the participle's object
                subjects = [g for g in child.children if g.dep_ == "nsubj" and fighters(g)]
                objs = subjects or [g for g in child.children if g.dep_ == "dobj"]
                if objs:
                    return objs[0]
        if reduced:
            return None  # the noun it modifies is what was done to, not who did it
        # An infinitive, conjunct or gerund ("five days of voting") shares the subject above.
        if current.dep_ in _SUBJECT_CHAIN and current.head is not current:
            raised = current.dep_ == "xcomp"
            current = current.head
            continue
        return None
    return None


def _participle_fighters(subject: Token) -> Token | None:
    """ "… re-entered Snihurivka (…), retreating Russian soldiers looted the hospital": the
    parser hung the participle and its fighters on the name before them, taken for the
    subject; the fighters right before the verb did it."""
    verb = subject.head
    for child in subject.children:
        if child.dep_ != "acl" or child.tag_ != "VBG" or not subject.i < child.i < verb.i:
            continue
        for obj in child.children:
            if obj.dep_ == "dobj" and obj.right_edge.i == verb.i - 1 and fighters(obj):
                return obj
    return None


def raised_emblem(token: Token) -> bool:
    """A reduced passive whose noun is a flag (triggers.toml ``emblems``)."""
    return (
        token.dep_ == "acl"
        and token.tag_ in ("VBN", "VBD")
        and token.head.lemma_.lower() in lexicon().emblems
    )


def line_label(token: Token) -> bool:
    """ "General Staff: the enemy lost 200 soldiers": the source before the colon, parsed
    as a subject, is the line's label (extract/claims.py ``colon_source``); so is a
    place header's ("Nova Kakhovka (Kherson): … servicemen detained …", one "):" token)."""
    return any(c.is_punct and c.text.endswith(":") and c.i > token.i for c in token.children)


def reduced_passive(token: Token) -> Token | None:
    """What a headline's reduced passive was done to: the noun a participle modifies
    ("35 units destroyed by Russian troops"), or the subject of a bare participle the
    parser took for the verb ("Another group of Ukrainian military destroyed in X": VBN,
    no auxiliary, no object)."""
    if token.tag_ == "VBD":
        return _place_headline(token)
    if token.tag_ != "VBN":
        return None
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    deps = {c.dep_ for c in token.children}
    if token.dep_ == "ROOT" and not deps & {"aux", "auxpass", "dobj"}:
        return next((c for c in token.children if c.dep_ == "nsubj"), None)
    return None


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _place_headline(token: Token) -> Token | None:
    """ "Mykolaiv shelled again overnight": a line of its own whose subject is a place and
    whose verb (tagged as a past tense) has no object or auxiliary is a reduced passive:
    the place was shelled, it shelled nothing. A force ("Russian troops shelled") acts."""
    if token.dep_ != "ROOT" or not own_line(token.sent):
        return None
    deps = {c.dep_ for c in token.children}
    if deps & {"aux", "auxpass", "dobj", "ccomp", "xcomp"}:
        return None
    if any(c.dep_ == "npadvmod" and c.pos_ == "NOUN" for c in token.children):
        return None  # "... sank a ferry", the object misparsed: an active verb
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if (
        subject is None
        or is_force_noun(subject)
        or any(c.dep_ == "appos" for c in subject.children)
    ):
        return None  # "Near X, the Armed Forces of Ukraine sank ...": the apposition acts
    named = subject.ent_type_ in _PLACE_LABELS or subject.pos_ == "PROPN"
    if not named or match_alias(subject.text) or side_from_cues(subject.text):
        return None  # "Russia shelled", "Wagner shelled": a party acts
    return subject


_CAUSE_PREPS = frozenset({"due", "from", "after", "because", "in", "by", "as"})


def agent_in_cause(token: Token) -> Actor | None:
    """ "killed due to the shelling of the Russian Federation": the side in the cause."""
    for child in token.children:
        if child.dep_ in ("prep", "agent", "advcl") and child.lower_ in _CAUSE_PREPS:
            if child.lower_ != "by" and not _names_an_event(child):
                continue  # "In the DPR, one person was killed": a place, not a cause
            words = " ".join(t.text for t in child.subtree)
            side = side_from_cues(words)
            if side:
                return side_actor(words, side)
    return None


def _names_an_event(phrase: Token) -> bool:
    triggers = lexicon().triggers
    return any(
        t.lemma_.lower() in triggers or t.lower_ in triggers
        for t in phrase.subtree
        if t.pos_ == "NOUN" or t.tag_ == "VBG"
    )


def _with_aux_children(verb: Token) -> list[Token]:
    """A verb's dependents, including those the parser hung on its auxiliary."""
    children = list(verb.children)
    for aux in [c for c in children if c.dep_ in ("aux", "auxpass")]:
        children.extend(aux.children)
    return children


@lru_cache(maxsize=1)
def _unidentified_words() -> frozenset[str]:
    return frozenset(load_toml("sides.toml")["unidentified"]["words"])


def unidentified(actor: Actor | None) -> bool:
    """ "unidentified gunmen": an attacker the text says is unknown (sides.toml)."""
    if actor is None or not actor.name:
        return False
    return not _unidentified_words().isdisjoint(actor.name.lower().split())


def unknown_agent(head: Token) -> Actor | None:
    """The agent phrase says it is unknown ("unidentified gunmen"): an actor of no side."""
    words = _unidentified_words()
    phrase = [t for t in head.lefts if t.dep_ in ("amod", "compound")] + [head]
    if not any(t.lower_ in words for t in phrase):
        return None
    start, end = phrase[0].idx, head.idx + len(head.text)
    return Actor(head.doc.text[start:end], "UNKNOWN", ActorKind.GROUP, start=start, end=end)


def side_actor(name: str, side: str | None) -> Actor | None:
    if side is None:
        return None
    return Actor(name or side_label(side), side, ActorKind.GROUP, canonical=None)


def modifier_actor(noun: Token) -> Actor | None:
    """The side a nominal trigger's modifiers name: "Russian shelling", "Kyiv's attacks",
    "Ukrainian missile strike" (the side modifies the compound)."""
    words = [
        t
        for c in noun.children
        if c.dep_ in ("amod", "compound", "poss")
        for t in (c.subtree if c.dep_ == "compound" else [c])
    ]
    text = " ".join(t.text for t in words)
    return side_actor(text, side_from_cues(text)) if words else None


def own_phrase(head: Token) -> list[Token]:
    """The noun phrase itself ("thirteen rescuers of the DPR"), less the clauses, conjuncts
    and other prepositions hung on it ("one person, eight wounded from the shelling of X")."""
    skip = {
        t.i
        for c in head.children
        if c.dep_ in ("acl", "relcl", "conj", "appos", "advcl")
        or (c.dep_ == "prep" and c.lower_ != "of")
        for t in c.subtree
    }
    return [t for t in head.subtree if t.i not in skip]


def event_noun(token: Token) -> bool:
    """An attack, an offensive, an assault: a word for what is done, never who does it."""
    return token.pos_ == "NOUN" and bool(lexicon().triggers.get(token.lemma_.lower()))


def fighters(token: Token) -> bool:
    """A noun for people who fight: a force ("troops", "Armed Forces") or a side's word
    for them ("invaders", "occupiers", "Russians"), not a thing ("Russian positions")."""
    return is_force_noun(token) or lexicon().side_cues.get(token.lower_) is not None


def stray_subject(verb: Token, resolver: ActorResolver) -> Actor | None:
    """A finite verb the parser left without a subject ("Near X, the Armed Forces of
    Ukraine sank a barge" parsed as an apposition): the last party named before it."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children
    ):
        return None
    for chunk in reversed([c for c in verb.sent.noun_chunks if c.end <= verb.i]):
        actor = resolver.from_phrase(chunk.root)
        if actor is not None and warring(actor.side):
            return actor
    return None
