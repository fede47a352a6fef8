"""The spaCy pass: our sentence-break component and the per-Doc token strings."""

from __future__ import annotations

import gc

from spacy.language import Language

from frontwatch.annotate import (
    GC_THRESHOLDS,
    MAX_SENTENCE_TOKENS,
    lost_characters,
    paragraph_breaks,
)
from frontwatch.annotate.text import token_lemmas, token_lowers, token_texts


def _starts(nlp: Language, text: str) -> list[int]:
    doc = paragraph_breaks(nlp.make_doc(text))
    return [t.i for t in doc if t.is_sent_start]


def test_a_line_break_starts_a_sentence(nlp: Language) -> None:
    doc = nlp("Shelling hit Izium overnight\n\nthe governor said on Telegram")
    assert [s.text.strip() for s in doc.sents] == [
        "Shelling hit Izium overnight",
        "the governor said on Telegram",
    ]


def test_a_run_on_list_is_cut_at_punctuation_then_anywhere(nlp: Language) -> None:
    names = ", ".join(["Izium"] * MAX_SENTENCE_TOKENS)  # a comma every other token
    starts = _starts(nlp, names)
    assert starts[0] == 0 and len(starts) > 1
    assert all(nlp.make_doc(names)[i - 1].is_punct for i in starts[1:])
    words = " ".join(["word"] * (5 * MAX_SENTENCE_TOKENS))  # no punctuation at all
    assert _starts(nlp, words)[1:] == [2 * MAX_SENTENCE_TOKENS * k for k in (1, 2)]


def test_short_and_empty_texts_pass_through(nlp: Language) -> None:
    assert _starts(nlp, "") == []
    assert _starts(nlp, "Kyiv") == [0]


def test_token_strings_match_what_tokens_say(nlp: Language) -> None:
    text = "Ukraine's forces RECAPTURED Izium.\n\nİstanbul talks went on, officials said 😀 e\u0301"
    doc = nlp(text)
    assert token_texts(doc) == [t.text for t in doc]
    assert token_lowers(doc) == [t.lower_ for t in doc]
    assert token_lemmas(doc) == [t.lemma_.lower() for t in doc]
    assert token_lemmas(doc) is token_lemmas(doc)  # read once per Doc


def test_loading_the_model_settles_the_collector(nlp: Language) -> None:
    assert gc.get_threshold() == GC_THRESHOLDS
    assert gc.get_freeze_count() > 0


def test_entity_bounds_are_the_docs_entities(nlp: Language) -> None:
    from frontwatch.annotate.text import entity_bounds

    doc = nlp("Zelenskiy said Russian forces shelled Kharkiv and Izium on Monday.")
    assert entity_bounds(doc) == [(e.start, e.end, e.label_) for e in doc.ents]
    assert {"NORP", "DATE"} <= {label for _, _, label in entity_bounds(doc)}


def test_question_marks_glued_to_a_word_are_lost_characters(nlp: Language) -> None:
    # "?" where an encoder lost a character: the sentence runs on to the place named
    doc = nlp("Shelling was reported in the area of ??Hulyaipole and Orikhiv on Monday")
    assert len(list(doc.sents)) == 1
    # a real question still ends its sentence, and so does a line break before "?"s
    asked = nlp("Who shelled the market? Residents of Hulyaipole blame the army.")
    assert len(list(asked.sents)) == 2
    broken = nlp("Shelling was reported overnight\n??Orikhiv residents left")
    assert len(list(broken.sents)) == 2
    marked = lost_characters(nlp.make_doc("fighting near ??Orikhiv"))
    assert [t.is_sent_start for t in marked][2:] == [False, False, False]
