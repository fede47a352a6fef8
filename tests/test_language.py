"""Language identification (clean/language.py, data/languages.toml)."""

from __future__ import annotations

import pytest

from frontwatch.clean import clean
from frontwatch.clean.language import cues, identify
from frontwatch.models import RawDocument


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Окупанти вночі обстріляли околиці Куп'янська, пошкоджено школу.", "uk"),
        ("Ночью оккупанты обстреляли окраины Купянска, повреждена школа.", "ru"),
        ("Russian forces shelled the outskirts of Kupiansk overnight, the governor said.", "en"),
        ("Die Stadt wurde in der Nacht beschossen, teilte der Gouverneur mit.", "de"),
        ("La ville a été bombardée pendant la nuit, selon le gouverneur.", "fr"),
        ("12:40 — 3 / 7", "und"),
    ],
)
def test_identify_by_script_cues_and_model(text: str, language: str) -> None:
    assert identify(text).language == language


def test_each_ukrainian_letter_decides_a_short_text() -> None:
    for letter in cues().uk_letters:
        assert identify(f"Новини {letter} сьогодні").language == "uk", letter


def test_each_russian_letter_decides_a_short_text() -> None:
    for letter in cues().ru_letters:
        assert identify(f"Новости {letter} сегодня").language == "ru", letter


def test_each_function_word_is_a_cue() -> None:
    # "Новини"/"Новости" and the filler have no letter of one language only, so the
    # function word is what decides.
    for word in cues().uk_words:
        assert identify(f"Новини: {word} сталося вранці").language == "uk", word
    for word in cues().ru_words:
        assert identify(f"Новости: {word} случилось утром").language == "ru", word


def test_english_function_words_need_two_kinds() -> None:
    for word in cues().en_words - {"in"}:
        text = f"Drones {word} Kharkiv, in Kupiansk"
        assert identify(text).language == "en", word
    # "in" alone is also German, Dutch and Italian: the model decides.
    assert identify("Der Krieg in der Ukraine geht weiter, sagte der Minister").language == "de"


def test_a_long_cyrillic_text_without_ukrainian_letters_is_russian() -> None:
    # No cue letter or cue word, but more than 25 letters and none of і ї є ґ.
    assert identify("Историк нашел родину колеса в горах").language == "ru"
    assert identify("Історик знайшов батьківщину колеса в горах").language == "uk"


def test_links_and_handles_do_not_make_a_post_latin() -> None:
    post = "Учёные нашли кратер\n\nhttps://example.org/article/v-kitae-nashli-krater @channel"
    assert identify(post).language == "ru"


def test_a_mixed_post_is_flagged_with_both_languages() -> None:
    text = (
        "Окупанти вночі обстріляли околиці Куп'янська, пошкоджено школу та дві хати.\n\n"
        "Russian forces shelled the outskirts of Kupiansk overnight, damaging a school."
    )
    found = identify(text)
    assert found.mixed and found.languages == ("en", "uk")
    article = clean(RawDocument(path="x.txt", text=text, fmt="txt"))
    assert "mixed-language:en+uk" in article.flags


def test_a_stated_language_wins() -> None:
    raw = RawDocument(path="x.jsonl", text="Shelling in Kharkiv", fmt="jsonl", language="uk")
    assert clean(raw).language == "uk"
