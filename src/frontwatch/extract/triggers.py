"""Triggers: the words that introduce events, with their modality.

A word matches a lexicon entry (data/triggers.toml) by lemma, part of speech and
the entry's constraints. Words that only describe ("the recaptured town",
"territory abandoned by Russia"), are negated, or are arguments of another
trigger ("repelled attacks") are not events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from frontwatch.annotate.text import token_lemmas, token_lowers
from frontwatch.extract.entries import fits
from frontwatch.extract.lexicon import Lexicon, TriggerEntry, lexicon
from frontwatch.extract.loglines import (
    after_header,
    field_sentence,
    line_cue,
    line_passive,
    opens_log_line,
    own_line,
)
from frontwatch.extract.modality import modality
from frontwatch.extract.quantities import field_head, listed_count
from frontwatch.extract.weapons import blast_told_before, weapon_type
from frontwatch.models import Status

_NOUN_POS = frozenset({"NOUN", "PROPN"})
_VERB_POS = frozenset({"VERB"})
_DESCRIPTIVE = frozenset({"amod", "compound"})
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# An adjective where a noun belongs, as a verb's complement: "continues offensive".
_COMPLEMENT_NOUN_DEPS = frozenset({"acomp", "dobj", "attr", "oprd"})
_LINE_MAX_TOKENS = 30
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr"})


@dataclass(slots=True)
class Trigger:
    token: Token
    entry: TriggerEntry
    clause: Token  # the verb that heads the trigger's clause (the trigger itself for verbs)
    status: Status | None = None  # PLANNED / CONDITIONAL / FAILED, or None
    recoded: str | None = None  # the strike kind its weapon names (extract/weapons.py)

    @property
    def type(self) -> str:
        return self.recoded or self.entry.type


def find_triggers(sent: Span, context_lemmas: set[str], place_tokens: set[int]) -> list[Trigger]:
    lex = lexicon()
    found: list[Trigger] = []
    doc = sent.doc
    lemmas, lowers = token_lemmas(doc), token_lowers(doc)
    for i in range(sent.start, sent.end):
        lemma, lower = lemmas[i], lowers[i]
        entries = lex.triggers.get(lemma, []) + (
            lex.triggers.get(lower, []) if lower != lemma else []
        )
        if all(e.field for e in entries) and lower.endswith(_PARTICIPLE_ENDINGS):
            # "Destroyed Russian tank near X"; "two killed, five injured" (a field's
            # name, "Injured: 3", is the same word)
            entries = entries + _participle_entries(doc[i], lex)
        if not entries:
            continue  # most tokens: no Token object is made for them
        token = doc[i]
        if (
            (_is_background(token) and not line_predicate(token) and not _tagged_as_plural(token))
            or _noun_infinitive(token)
            or _told_before(token, lex)
        ):
            continue
        for entry in entries:
            clause = _clause_of(token, entry, lex)
            if (
                clause is None
                or not _pos_ok(token, entry)
                or not fits(token, entry, context_lemmas, place_tokens)
            ):
                continue
            if entry.line_only and not _caption_verb(token):
                continue
            kind = weapon_type(token, entry.type)
            if kind == "explosion" and blast_told_before(token):
                # "… dropped a bomb on X. One resident was killed; the blast destroyed a
                # shop": the strike's harm, not an explosion of its own
                kind = "casualties" if token.lemma_ in lex.harm_verbs else "property_destruction"
            found.append(Trigger(token, entry, clause, modality(token, clause, lex), kind))
            break
    if any(not t.entry.alone for t in found):
        found = [t for t in found if not t.entry.alone]  # "Destroyed Russian tank": no sighting
    reports = [t for t in found if t.type != "statement"]  # "…, partisans claim it"
    line = own_line(sent) or opens_log_line(sent) or after_header(sent) or field_sentence(sent)
    if not reports and line:
        cue = line_cue(sent, place_tokens)  # "X under mortar and drone fire": a log line
        if cue is not None:
            token, entry = cue
            found.append(Trigger(token, entry, sent.root, modality(token, sent.root, lex)))
    return _drop_arguments(found)


_CHARGES = frozenset({"of", "for"})  # "accused X of …", "blamed X for …"


def _told_before(token: Token, lex: Lexicon) -> bool:
    """ "a woman wounded in that attack had died", "the blast destroyed a shop": a noun that
    points back at an event told in an earlier sentence is no new event (triggers.toml
    ``back_references``, ``strike_effects``)."""
    if token.pos_ != "NOUN" or token.sent.start == 0:
        return False
    effect = token.lemma_.lower() in lex.strike_effects
    return any(
        c.dep_ in ("det", "amod")
        and (c.lower_ in lex.back_references or (effect and c.lower_ == "the"))
        for c in token.children
    )


_PARTICIPLE_ENDINGS = ("ed", "ing")
# A fire or damage named as a cause is no attack: "three people died in a house fire".
_NOT_AS_CAUSE = frozenset({"property_destruction"})


def _caption_verb(token: Token) -> bool:
    """The participle of a caption or record line: "Ammunition depot burning near X",
    "port infrastructure hit" (a subject and no object, on a line of its own: a reduced
    passive). In prose a verb like this is a clause's own ("a barn burned for hours")."""
    if token.dep_ != "ROOT":
        return verbless_root(token) is not None
    sent = token.sent
    if len(sent) > _LINE_MAX_TOKENS or not (own_line(sent) or field_sentence(sent)):
        return False
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and not deps & {"dobj", "aux", "auxpass"}


def line_predicate(token: Token) -> bool:
    """A participle before the head noun of a verbless line is its predicate: "Destroyed
    Russian tank near X", "Shelled apartment blocks in Y", "Burning fuel depot in Z" (an
    incident log's caption). Inside prose, "the destroyed bridge" only describes."""
    if token.dep_ not in _DESCRIPTIVE or token.i >= token.head.i or token.i != token.sent.start:
        return False
    if not (token.tag_ in ("VBN", "VBD", "VBG") or token.lower_.endswith(_PARTICIPLE_ENDINGS)):
        return False
    noun = token.head
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head  # "Destroyed Russian T-90M": the model name split, T-90 + M
    return noun.head.i == noun.i and verbless_root(token) is not None


def _participle_entries(token: Token, lex: Lexicon) -> list[TriggerEntry]:
    """The verb entries of an adjective-tagged participle ("destroyed", "shelled",
    "damaged", "burning"), found by its stem, for a line predicate or an item of a list of
    tolls only ("two killed, five injured")."""
    if not line_predicate(token) and listed_count(token) is None:
        return []
    lower = token.lower_
    stem = lower[:-3] if lower.endswith("ing") else lower[:-2]
    for candidate in (stem, stem + "e", lower[:-1], stem[:-1]):
        entries = lex.triggers.get(candidate)
        if entries:
            return entries
    return []


def _noun_infinitive(token: Token) -> bool:
    """An infinitive that describes a noun names no act: "their position to fight",
    "the will to resist", "a decision to attack" is what was decided, not done."""
    return (
        token.dep_ == "acl"
        and token.head.pos_ == "NOUN"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _pos_ok(token: Token, entry: TriggerEntry) -> bool:
    if entry.field:
        return True  # a field's name, however tagged ("Wounded: 4" as an adjective)
    if line_predicate(token):
        return "VERB" in entry.pos
    if token.tag_ == "VBG" and token.dep_ in _NOMINAL_DEPS:
        return "NOUN" in entry.pos  # a gerund used as a noun: "heavy shelling continued"
    if token.pos_ in _VERB_POS or _tagged_as_plural(token) or listed_count(token):
        return "VERB" in entry.pos  # "two killed, five injured": a participle tagged JJ
    if token.pos_ in _NOUN_POS:
        return "NOUN" in entry.pos
    if token.pos_ == "ADJ" and token.dep_ in _COMPLEMENT_NOUN_DEPS:
        return "NOUN" in entry.pos  # "troops continue offensive": tagged as the adjective
    return False


def _tagged_as_plural(token: Token) -> bool:
    """A headline's present tense the tagger took for a plural noun with an object:
    "Ukrainian artillery pounds Russian trenches at X" ("pounds" NNS, "trenches" dobj)."""
    if token.tag_ != "NNS":
        return False
    if token.dep_ == "compound" and token.head.i > token.i and token.i > token.sent.start:
        # "Shahed debris damages warehouse in X": a noun between two nouns of a verbless
        # line, the tagger's compound of subject, verb and object
        before = token.doc[token.i - 1]
        if before.pos_ in _NOUN_POS and verbless_root(token) is not None:
            return True
        if before.pos_ == "PROPN" and token.head.i == token.i + 1 and before.is_upper:
            return True  # "AFU retakes town after …, RU MoD admits …": an acronym's verb
    objects = ("dobj", "appos") if token.dep_ == "ROOT" else ("dobj",)  # or an apposition
    return any(c.dep_ in objects and c.i > token.i for c in token.children) and any(
        c.dep_ in ("compound", "nsubj") and c.i < token.i for c in token.children
    )  # a subject before it: "artillery pounds", not "shells, rockets and mines"


def _clause_of(token: Token, entry: TriggerEntry, lex: Lexicon) -> Token | None:
    """The clause verb that makes a word an event; None if a noun has no fitting verb."""
    if token.pos_ in _VERB_POS or (_tagged_as_plural(token) and "VERB" in entry.pos):
        return token
    if "VERB" in entry.pos and listed_count(token) is not None:
        return token  # "… hit Kurakhove. 1 dead and 4 wounded.": a list of tolls
    if field_head(token) or entry.standalone:
        return token  # a note's field: "Fatalities: 2."; a log's "3 KIA", wherever it hangs
    heads = entry.heads if entry.heads is not None else lex.light_verbs
    hung = next((c for c in token.children if c.dep_ == "compound" and c.pos_ == "VERB"), None)
    if hung is not None and hung.lemma_.lower() in heads:
        return hung  # "RU MoD claims capture of X": the verb the tagger hung on its noun
    verb = _governing_verb(token)
    label = _label_colon(token.sent)
    if verb is None or (label is not None and verb.i < label < token.i):
        # "Aftermath of shelling of X": a noun-phrase report; "Geolocated: strike on X":
        # the label's participle governs nothing after its colon
        return verbless_root(token)
    if (
        token.dep_ == "nsubj"
        and verb.dep_ == "ccomp"
        and verb.tag_ in ("VBN", "VBG")
        and verb.head.lemma_.lower() in heads
    ):
        verb = verb.head  # "found the burial of soldiers with their hands tied": "found"
    lemma = verb.lemma_.lower()
    if lemma in heads or (token.dep_ == "pobj" and token.head.lower_ in heads):
        return verb  # a preposition may be a head too: "X under artillery fire"
    if entry.type not in _NOT_AS_CAUSE and _named_as_cause(token, verb, lex):
        return verb
    if lemma in lex.accusation_verbs and token.dep_ == "pobj" and token.head.lower_ in _CHARGES:
        return verb  # "accused the AFU of a drone attack on a bus": the attack it charges
    if lemma == "be" and any(c.dep_ == "expl" for c in verb.children):
        return verb  # "there has been heavy shelling"
    if lemma == "take" and token.dep_ == "nsubj" and _object_is(verb, "place"):
        return verb  # "clashes took place near X"
    return None


def _object_is(verb: Token, lemma: str) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() == lemma for c in verb.children)


def _named_as_cause(token: Token, verb: Token, lex: Lexicon) -> bool:
    """ "Two dead found after a strike on X", "killed as a result of the shelling": an
    event named as the cause of another happened (triggers.toml ``cause_words``)."""
    current = token
    while current.i != verb.i and current.head.i != current.i:
        current = current.head
        lemma = current.lemma_.lower()
        if lemma in lex.cause_words and (lemma != "result" or current.head.lower_ == "as"):
            return True  # "as a result of", not "the results of"
        if lemma == "in" and current.head.i == verb.i and verb.lemma_.lower() in lex.harm_verbs:
            return True  # "killed in shelling of X", "wounded in a missile strike"
    return False


def verbless_root(token: Token) -> Token | None:
    """The root of ``token``'s sentence when the sentence is a noun phrase with no finite
    verb (a headline, a log entry: "Explosions at the airfield"), else None."""
    sent = token.sent
    if len(sent) > _LINE_MAX_TOKENS or not (own_line(sent) or field_sentence(sent)):
        return None  # a fragment inside prose (a quoted phrase) is no report of its own
    label = _label_colon(sent)  # "Geolocated: strike on the bridge in X": after the label
    first = label + 1 if label is not None and token.i > label else sent.start
    root = token
    for _ in range(12):
        if root.head.i == root.i or root.head.i < first:
            break
        root = root.head
    rest = sent.doc[first : sent.end]
    if root.pos_ in ("VERB", "AUX") or any(t.tag_ in _FINITE_TAGS for t in rest):
        return None
    return root


_LABEL_WORDS = 3  # "Geolocated:", "Dashcam video:", "Update from Kherson:"


def _label_colon(sent: Span) -> int | None:
    """The colon of a short label opening a log line, if it has one."""
    for token in sent[: _LABEL_WORDS + 1]:
        if token.text == ":":
            return token.i if token.i > sent.start else None
        if not token.is_alpha:
            return None
    return None


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(4):
        head = current.head
        if head is current:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if current.dep_ not in (
            "pobj",
            "prep",
            "dobj",
            "conj",
            "appos",
            "nsubj",
            "nsubjpass",
            "attr",
        ):
            return None
        current = head
    return None


_GOES_OFF = frozenset({"explode", "detonate"})


def _leading_participle(token: Token) -> bool:
    """ "retreating Russian forces blew up the bridge": a bare present participle before
    its noun's modifiers describes the subject, however the parser attached it (here as
    a clausal subject); the line predicate of a log ("Burning fuel depot in X") stays."""
    if token.tag_ != "VBG" or token.dep_ not in ("csubj", "nsubj"):
        return False
    if any(token.children) and (  # or took the noun for its object: "retreating forces blew"
        token.dep_ != "csubj" or any(c.dep_ == "nsubj" for c in token.head.children)
    ):
        return False
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        after is not None and after.pos_ in ("ADJ", "NOUN", "PROPN") and not line_predicate(token)
    )


def _is_background(token: Token) -> bool:
    """Descriptions, not events: adjectives, compounds and participles modifying nouns."""
    if listed_count(token) is not None:
        return False  # "1 dead and 4 wounded": an item of a list of tolls
    if token.tag_ in ("VBZ", "VBD") and any(c.dep_ == "nsubj" for c in token.children):
        return False  # "AFU retakes village …": a finite verb with its subject, however hung
    if token.dep_ in _DESCRIPTIVE and token.head.pos_ in _NOUN_POS:
        return True
    if _leading_participle(token):
        return True
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ == "without":
        return True  # "entered the city without fighting"
    if (
        token.dep_ == "pcomp"
        and token.head.lower_ == "in"
        and token.tag_ in ("VBD", "VBN")
        and token.lemma_.lower() in lexicon().state_participles
    ):
        return True  # "in occupied Velyka Oleksandrivka": the town's state
    if token.dep_ == "acl" and token.lemma_.lower() in _GOES_OFF:
        return False  # "an explosive device detonated on the railway": it went off
    if token.dep_ == "acl" and token.tag_ == "VBN":
        # "four civilians killed in Donetsk" (a headline's reduced passive) is an event;
        # "the recaptured town" and "territory abandoned by Russia" describe.
        # A verbless headline's participle is its predicate: "NABU officer killed in X".
        if any(c.dep_ == "nummod" for c in token.head.children) or token.head.like_num:
            return False  # "two civilians killed", a record's "…: house hit, 10 killed"
        return verbless_root(token.head) is None and not line_passive(token)
    if token.tag_ == "VBN" and _bare_participle(token):
        return True
    if token.pos_ in _NOUN_POS and any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children
    ):
        return True  # "No damage was reported", "no fighting": the noun denies the event
    return any(c.dep_ == "neg" for c in token.children)


def _bare_participle(token: Token) -> bool:
    """A past participle with no auxiliary or subject of its own (nor through a conjunct)
    is an adjective in disguise: "retake occupied territory"."""
    own = {c.dep_ for c in token.children}
    if own & {"aux", "auxpass", "nsubj", "nsubjpass"}:
        return False
    if token.dep_ == "conj":
        head_deps = {c.dep_ for c in token.head.children}
        return not head_deps & {"aux", "auxpass"} and token.head.tag_ != "VBN"
    return token.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "xcomp")


def _drop_arguments(triggers: list[Trigger]) -> list[Trigger]:
    """A trigger that is the object of another ("repelled attacks") is part of that event."""
    by_token = {t.token.i for t in triggers}
    tallies = [
        (t.token.i, {x.i for x in t.clause.subtree}) for t in triggers if t.type == "casualties"
    ]
    kept = []
    for trigger in triggers:
        token = trigger.token
        label = token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in lexicon().harm_words
        if (
            token.dep_ in _OBJECT_DEPS
            and not label  # a log's "hit a block, 3 KIA": the toll, wherever it hangs
            and _nearest_trigger_above(token, by_token)
            and not _toll_cause(trigger)
            and not (trigger.type == "casualties" and listed_count(token))
        ):
            continue  # but "killed in shelling of X" names the shelling: it is its toll
        if trigger.type == "casualties" and _tally_participle(token, tallies):
            continue
        kept.append(trigger)
    return kept


def _toll_cause(trigger: Trigger) -> bool:
    """An attack named as the cause of the dead or wounded ("killed in shelling of X") is
    the event the toll belongs to, not an argument of the casualty verb."""
    clause = trigger.clause
    lex = lexicon()
    return clause.lemma_.lower() in lex.harm_verbs and _named_as_cause(trigger.token, clause, lex)


def _tally_participle(token: Token, tallies: list[tuple[int, set[int]]]) -> bool:
    """ "APU lost 50 people killed", "losses amounted to 250 people killed and wounded":
    the participle says what the other casualty report's count is, it is no second toll."""
    participle = token.head if token.dep_ == "conj" else token
    if participle.dep_ != "acl" or participle.tag_ != "VBN" or listed_count(participle):
        return False  # but "2 civilians killed, 5 injured" is a list of tolls
    noun = participle.head.i
    return any(i not in (token.i, participle.i) and noun in tree for i, tree in tallies)


def _nearest_trigger_above(token: Token, trigger_ids: set[int]) -> bool:
    current = token
    for _ in range(3):
        head = current.head
        if head is current:
            return False
        if head.i in trigger_ids:
            return True
        if head.pos_ in ("VERB", "AUX"):
            return False
        current = head
    return False
