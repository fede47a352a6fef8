"""Ukrainian and Russian: the parser-free path (annotate/blank.py, resolve/cyrillic_*.py,
extract/lexical.py) and every entry of data/lexicon.uk.toml and lexicon.ru.toml."""

from __future__ import annotations

import json
from datetime import date

import pytest

from frontwatch.annotate.blank import annotate_blank
from frontwatch.extract.lexical import extract_lexical, word_rules
from frontwatch.lexicons import load_toml
from frontwatch.models import Article, Place, ProcessedArticle, Status
from frontwatch.pipeline import Pipeline
from frontwatch.resolve.cyrillic_places import place_words, resolve_cyrillic_places
from frontwatch.resolve.cyrillic_times import find_cyrillic_times
from frontwatch.resolve.gazetteer import Gazetteer

# One sentence per [[trigger]] entry, in file order (none from the demo articles).
TRIGGER_SENTENCES = {
    "uk": [
        "Захисники відбили три атаки окупантів біля Авдіївки.",
        "Уночі сили ППО збили дев'ять шахедів над морем.",
        "Окупанти завдали ракетного удару по Дніпру.",
        "Росіяни завдали авіаудару по околицях Куп'янська.",
        "Ворожі дрони атакували енергетичний об'єкт на Сумщині.",
        "Окупанти атакували Запоріжжя балістичними ракетами.",
        "Зафіксовано влучання у житловий будинок у Запоріжжі.",
        "Ворожа ракета вразила склад у Львові.",
        "Удар балістичною ракетою зруйнував школу в Харкові.",
        "Окупанти вдарили по центру Херсона.",
        "Росіяни обстріляли Нікополь з артилерії.",
        "Окупанти підірвали міст через річку.",
        "Під звуки сирен у Миколаєві пролунали вибухи.",
        "Сили оборони звільнили село Клищіївка.",
        "Окупанти захопили село на Донеччині.",
        "Підрозділи ЗСУ вийшли з Авдіївки.",
        "Окупанти просунулися біля Торецька.",
        "Біля Часового Яру тривають бої з окупантами.",
        "У Херсоні від уламків ракети загинула жінка, ще троє поранені.",
        "Окупанти зазнали великих втрат біля Бахмута.",
        "Внаслідок атаки дрона пошкоджено школу.",
        "Через обстріли триває евакуація мешканців Покровська.",
        "Росія оголосила нову хвилю мобілізації.",
        "Окупанти викрали старосту села на Херсонщині.",
        "Окупаційна влада оголосила псевдореферендум у Мелітополі.",
        "Російські військові мародерять у захоплених селах.",
        "Через війну біженці виїжджають до Польщі.",
        "Міністр закликав партнерів надати більше зброї та ППО.",
        "Росіяни скинули КАБ на Костянтинівку.",
    ],
    "ru": [
        "Подразделения отразили четыре атаки ВСУ у Работино.",
        "Средства ПВО сбили 12 беспилотников над Брянской областью.",
        "ВСУ нанесли ракетный удар по Белгороду.",
        "Российская авиация нанесла авиаудар по Херсону.",
        "Украинские беспилотники атаковали нефтебазу в Брянске.",
        "Противник запустил по Курску три ракеты.",
        "Удар крылатыми ракетами пришелся по Одессе.",
        "ВС РФ поразили пусковую установку HIMARS.",
        "ВСУ обстреляли Горловку из артиллерии.",
        "Диверсанты подорвали железнодорожные пути.",
        "Во время атаки беспилотников в Севастополе прогремели взрывы.",
        "Российские войска освободили населенный пункт Новомихайловка.",
        "ВСУ отступили с позиций у Угледара.",
        "Группировка продвинулась на запад.",
        "Под Кременной идут бои с ВСУ.",
        "В Белгороде погибли два военнослужащих.",
        "Противник понес потери в районе Авдеевки.",
        "В результате атаки беспилотника повреждена подстанция.",
        "Из-за обстрелов власти объявили эвакуацию жителей Шебекино.",
        "В России объявлена частичная мобилизация.",
        "Боевики похитили главу сельсовета.",
        "Оккупационные власти провели референдум.",
        "Военные занимались мародерством в поселке.",
        "Из-за войны беженцы уезжают в соседние страны.",
        "Министр попросил союзников о поставках оружия и ПВО.",
        "Российская авиация сбросила ФАБ на позиции ВСУ.",
    ],
}


def _article(text: str, language: str, published: date | None = date(2024, 3, 10)) -> Article:
    return Article(id="a1", path="t.jsonl", text=text, language=language, published=published)


def _events(text: str, language: str):  # type: ignore[no-untyped-def]
    article = _article(text, language)
    doc = next(annotate_blank([text], language))
    return extract_lexical(doc, article, [], find_cyrillic_times(article))[0]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


def _processed(text: str, language: str, gazetteer: Gazetteer) -> ProcessedArticle:
    return next(Pipeline(gazetteer).process([_article(text, language)]))


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_trigger_entry_gives_its_type(language: str) -> None:
    entries = load_toml(f"lexicon.{language}.toml")["trigger"]
    sentences = TRIGGER_SENTENCES[language]
    assert len(sentences) == len(entries)
    for entry, sentence in zip(entries, sentences, strict=True):
        events = _events(sentence, language)
        fired = [e for e in events if e.fw_type == entry["type"]]
        assert fired, (sentence, [e.fw_type for e in events])
        word = fired[0].trigger.lower()
        assert any(word.startswith(p.rstrip("=")) for p in entry["prefixes"]), (sentence, word)


def test_a_whole_word_entry_is_not_a_longer_word() -> None:
    # "бой=" is the word "бой" only: "бойкой" (lively) and "боится" (fears) are not battles.
    assert not _events("Бойкой старушке всё нипочём, она не боится ВСУ.", "ru")


def test_a_word_start_is_not_any_longer_word() -> None:
    # "орк" is a side word; "оркестр" is an orchestra, not the Russian forces.
    events = _events("Оркестр виступив, окупанти обстріляли місто.", "uk")
    assert events and events[0].actor1 and events[0].actor1.name.lower().startswith("окупант")


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_side_word_names_the_attacker(language: str) -> None:
    verb = {"uk": "обстріляли", "ru": "обстреляли"}[language]
    for side, words in load_toml(f"lexicon.{language}.toml")["sides"].items():
        for word in words:
            events = _events(f"Вранці {word.strip()} {verb} околиці міста.", language)
            shelling = [e for e in events if e.fw_type == "shelling"]
            assert shelling and shelling[0].actor1, (word, events)
            assert shelling[0].actor1.side == side, (word, shelling[0].actor1)


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_the_enemy_is_the_speakers_opponent(language: str) -> None:
    rules = word_rules(language)
    verb = {"uk": "обстріляв", "ru": "обстрелял"}[language]
    for word in load_toml(f"lexicon.{language}.toml")["speakers"]["enemy"]:
        events = _events(f"Вночі {word} {verb} околиці міста.", language)
        assert events[0].actor1 is not None, word
        assert events[0].actor1.side == ("RU" if rules.own_side == "UA" else "UA"), word


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_speaker_makes_a_claim(language: str) -> None:
    verb = {"uk": "обстріляли", "ru": "обстреляли"}[language]
    for entry in load_toml(f"lexicon.{language}.toml")["speaker"]:
        for prefix in entry["prefixes"]:
            events = _events(f"Як повідомляє {prefix}, вночі {verb} склад.", language)
            assert events, prefix
            claim = events[0].claim
            assert claim and claim.claimant and claim.claimant.canonical == entry["actor"], prefix
            assert events[0].status == Status.CLAIMED


def test_each_word_of_a_phrase_may_be_inflected() -> None:
    # "министерств обороны" (the lexicon's entry) in the nominative and the genitive.
    for text in (
        "Как сообщило российское министерство обороны, ПВО сбили 34 беспилотника.",
        "По данным министерства обороны России, ПВО сбили 34 беспилотника.",
    ):
        events = _events(text, "ru")
        assert events and events[0].claim and events[0].claim.claimant, text
        assert events[0].claim.claimant.canonical == "Ministry of Defence of Russia", text


def test_a_speaker_at_a_paragraphs_end_speaks_for_all_of_it() -> None:
    text = "Вночі окупанти обстріляли Нікополь, поранено двох людей. Про це повідомили у ДСНС."
    events = _events(text, "uk")
    assert events[0].claim and events[0].claim.claimant
    assert events[0].claim.claimant.canonical == "State Emergency Service of Ukraine"


def test_a_ministry_headline_claims_the_post(gazetteer: Gazetteer) -> None:
    text = (
        "Минобороны России:\n\nЗа прошедшие сутки средствами ПВО уничтожены 15 украинских "
        "беспилотников над Белгородской областью."
    )
    p = _processed(text, "ru", gazetteer)
    assert [e.fw_type for e in p.events] == ["interception"]
    event = p.events[0]
    assert event.claim and event.claim.claimant
    assert event.claim.claimant.canonical == "Ministry of Defence of Russia"
    assert event.claim.claimant.side == "RU"
    # the attacker first, as the English reader codes an interception: the drones' side
    assert event.actor1 and event.actor1.side == "UA"
    assert event.actor2 and event.actor2.side == "RU"
    assert event.place and event.place.place and event.place.place.admin1 == "RU-BEL"
    assert event.time and (event.time.date_start, event.time.date_end) == (
        date(2024, 3, 9),
        date(2024, 3, 10),
    )


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_claim_words(language: str) -> None:
    data = load_toml(f"lexicon.{language}.toml")
    verb = {"uk": "обстріляли", "ru": "обстреляли"}[language]
    for hedge in data["claims"]["hedges"]:
        events = _events(f"Вночі {hedge} {verb} склад.", language)
        assert events[0].claim and hedge.split()[0] in " ".join(events[0].claim.hedges), hedge
    for denial in data["claims"]["denials"]:
        events = _events(f"Вночі {verb} склад, але це {denial}.", language)
        assert events[0].status == Status.DENIED, denial
    for word in data["claims"]["reporting"]:
        events = _events(f"Вночі {verb} склад, {word} джерело.", language)
        assert events[0].claim and events[0].claim.reporting_verb, word
    for channel, words in data["channels"].items():
        for word in words:
            events = _events(f"У {word} написали: вночі {verb} склад.", language)
            assert events[0].claim and events[0].claim.channel == channel, word


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_deaths_beside_a_strike_are_its_fatalities(language: str) -> None:
    data = load_toml(f"lexicon.{language}.toml")
    verb = {"uk": "обстріляли", "ru": "обстреляли"}[language]
    for death in data["casualties"]["deaths"]:
        events = _events(f"Окупанти {verb} село, {death} 3 людини.", language)
        assert [e.fw_type for e in events] == ["shelling"], (death, events)
        assert events[0].fatalities == 3, death
    for word, value in data["numbers"].items():
        death = data["casualties"]["deaths"][0]
        events = _events(f"Окупанти {verb} село, {death} {word} людини.", language)
        assert events[0].fatalities == value, word


def test_repelled_attacks_are_failed_not_also_clashes() -> None:
    events = _events("Сили оборони відбили 12 атак окупантів.", "uk")
    assert [e.fw_type for e in events] == ["attack_repelled"]
    assert events[0].status == Status.FAILED
    # the attacker (the occupiers) first, the defence forces that repelled them second
    assert events[0].actor1 and events[0].actor1.side == "RU"
    assert events[0].actor2 and events[0].actor2.side == "UA"


def test_a_second_report_of_one_happening_is_one_event() -> None:
    text = "Ворог обстріляв прикордонний підрозділ. Внаслідок обстрілу загинули двоє військових."
    events = _events(text, "uk")
    assert [e.fw_type for e in events] == ["shelling"] and events[0].fatalities == 2


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_time_word(language: str) -> None:
    data = load_toml(f"lexicon.{language}.toml")["time"]
    for words, notation in data["words"].items():
        times = find_cyrillic_times(_article(f"{words.capitalize()} був обстріл.", language))
        assert times and times[0].relative == notation, words
    for i, month in enumerate(data["dates"]["months"], start=1):
        times = find_cyrillic_times(
            _article(f"Обстріл 7 {month} 2023 {data['dates']['year_words'][0]}", language)
        )
        assert times[0].date_start == date(2023, i, 7), month
    for i, forms in enumerate(data["dates"]["weekdays"]):
        for form in forms:
            times = find_cyrillic_times(_article(f"Обстріл у {form}.", language))
            assert (
                times
                and times[0].relative
                and ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i] in times[0].relative
            )
    for night in data["dates"]["night_of"]:
        month = data["dates"]["months"][2]
        times = find_cyrillic_times(_article(f"Атака {night} 9 {month}.", language))
        assert (times[0].date_start, times[0].date_end) == (date(2024, 3, 8), date(2024, 3, 9)), (
            night
        )


def test_a_relative_time_stays_relative_while_the_date_is_unknown() -> None:
    times = find_cyrillic_times(_article("Вчора окупанти обстріляли місто.", "uk", published=None))
    assert times[0].relative == "D-1" and times[0].date_start is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Окупанти обстріляли Бахмут.", "uk", "Bakhmut"),
        ("У Бахмуті внаслідок обстрілу загинули двоє цивільних.", "uk", "Bakhmut"),  # not Bagmati
        ("Окупанти вдарили по Покровську.", "uk", "Pokrovsk"),  # not Engels (once Pokrovsk)
        ("Тривають бої на Бахмутському напрямку.", "uk", "Bakhmut"),
        ("Обстріл у Харківській області.", "uk", "Kharkiv Oblast"),
        ("Сили оборони звільнили Херсон.", "uk", "Kherson"),  # "Сили" is not Celle
        ("Над Белгородской областью сбиты беспилотники.", "ru", "Belgorod"),
        ("ВСУ обстреляли Горловку.", "ru", "Horlivka"),
        ("Окупанти обстріляли будинки в Херсоні.", "uk", "Kherson"),  # the city, not the oblast
        ("Окупанти вдарили по Авдіївському напрямку.", "uk", "Avdiyivka"),  # -івський: -івка
        ("Окупанти обстріляли Запорізьку АЕС.", "uk", "Zaporizhzhia Nuclear Power Plant"),
        ("ВСУ обстреляли Запорожскую АЭС.", "ru", "Zaporizhzhia Nuclear Power Plant"),
        # A sentence's capitalised adjective is no town ("Українські" is not Ukrainsk).
        ("Українські війська обстріляли Бахмут.", "uk", "Bakhmut"),
        ("Новий обстріл Бахмута.", "uk", "Bakhmut"),  # "Новий" is not the village Novyi
        ("Украинские беспилотники атаковали подстанцию в Курске.", "ru", "Kursk"),  # not Kurske
        # A common word is no place though a village is called so ("Чехи": Czechs).
        ("Чехи засудили обстріл Одеси.", "uk", "Odesa"),
        ("Українці засудили обстріл Одеси.", "uk", "Odesa"),  # not the locative of Ukrainka
        ("Ракети обстріляли кордон з боку Білорусі.", "uk", "Belarus"),  # a common word's country
        ("Мали місце вибухи, окупанти обстріляли Одесу.", "uk", "Odesa"),  # "Мали" is not Mali
        # A lone adjective is no district by its lemma ("Київському": not Kyivskyi).
        ("У Київському метро сховалися люди, окупанти обстріляли Ірпінь.", "uk", "Irpin"),
    ],
)
def test_places_in_every_case_form(
    text: str, language: str, expected: str, gazetteer: Gazetteer
) -> None:
    p = _processed(text, language, gazetteer)
    assert p.events and p.events[0].place and p.events[0].place.place
    assert p.events[0].place.place.name == expected


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_colloquial_region_and_abbreviation(language: str, gazetteer: Gazetteer) -> None:
    words = place_words(language)
    for stem, code in words.colloquial.items():
        article = _article(f"Обстріл на {stem.capitalize()}і.", language)
        doc = next(annotate_blank([article.text], language))
        found = resolve_cyrillic_places(doc, article, gazetteer)
        assert found and found[0].place and found[0].place.admin1 == code, stem
    for abbr, code in words.abbreviations.items():
        article = _article(f"Обстріл у {abbr}.", language)
        doc = next(annotate_blank([article.text], language))
        found = resolve_cyrillic_places(doc, article, gazetteer)
        assert found and found[0].place and found[0].place.admin1 == code, abbr


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_settlement_words_and_names_are_not_places(language: str, gazetteer: Gazetteer) -> None:
    for word in place_words(language).not_places:
        article = _article(f"{word.capitalize()} сьогодні.", language)
        doc = next(annotate_blank([article.text], language))
        assert not resolve_cyrillic_places(doc, article, gazetteer), word


def test_peaceful_posts_give_no_events(gazetteer: Gazetteer) -> None:
    # Everyday words that are also war words: a virus's attack, a company's losses, a
    # collision of planets, winter that "comes", a promotion, first place "taken".
    for text, language in [
        ("Хакеры использовали уязвимость для атаки на игроков.", "ru"),
        ("Компания потеряла 280 млрд капитализации за сутки.", "ru"),
        ("Столкновение астероида с Землёй привело к образованию кратера.", "ru"),
        ("В воскресенье в Москве наступит метеорологическая зима.", "ru"),
        ("Поговорим о продвижении мобильных игр и монетизации.", "ru"),
        ("Мы заняли первое место в рейтинге работодателей.", "ru"),
        ("На заводе прогремел взрыв, один рабочий погиб.", "ru"),
        ("Наступного тижня відкриється виставка, бої подушками для дітей.", "uk"),
        ("Учёные нашли кратер необычной формы в Китае.", "ru"),
        ("В Москве пошёл первый снег, синоптики обещают мороз.", "ru"),
        ("У Києві відкрили нову бібліотеку для дітей.", "uk"),
    ]:
        assert not _processed(text, language, gazetteer).events, text


def test_a_ukrainian_article_goes_through_the_same_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from frontwatch.pipeline import ingest
    from frontwatch.store import Store

    src = tmp_path / "posts.jsonl"
    src.write_text(
        json.dumps(
            {"text": "Вночі окупанти обстріляли Нікополь, загинули двоє.", "date": "2024-05-02"}
        )
        + "\n",
        encoding="utf-8",
    )
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    report = ingest([src], store)
    assert report.stored == 1 and report.events == 1
    stored = store.article(next(iter(store.article_ids_for_path(str(src)))))
    assert stored is not None and stored.language == "uk"


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_conflict_cue_opens_the_gate(language: str) -> None:
    battle = {"uk": "Тривають бої", "ru": "Идут бои"}[language]
    assert not _events(f"{battle} подушками.", language)  # no cue: a pillow fight
    for cue in load_toml(f"lexicon.{language}.toml")["relevance"]["cues"]:
        events = _events(f"{battle}, {cue.rstrip('=')}.", language)
        assert "clash" in [e.fw_type for e in events], cue


# One phrase per adjective_nominatives entry: an adjective and a noun in an oblique case.
NOMINATIVE_PHRASES = {
    "uk": {
        "овий": ("Окупанти штурмують околиці Часового Яру.", "Chasiv Yar"),
        "ий": ("У акваторії Азовського моря окупанти обстріляли катер.", "Sea of Azov"),
        "ій": ("Окупанти обстріляли склад у Верхньому Рогачику.", "Verkhniy Rohachyk"),
        "ин": ("Окупанти обстріляли вежу біля Бабиного Яру в Києві.", "Kyiv"),  # not Yar
    },
    "ru": {
        "ый": ("В акватории Черного моря сбит беспилотник.", "Black Sea"),
        "ий": ("ВСУ обстреляли катер в акватории Азовского моря.", "Sea of Azov"),
        "ой": ("ВСУ обстреляли Кривой Рог.", "Kryvyy Rih"),
    },
}


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_adjective_ending_finds_its_nominative(language: str, gazetteer: Gazetteer) -> None:
    entries = [masc for masc, _ in place_words(language).adjective_nominatives]
    assert sorted(entries) == sorted(NOMINATIVE_PHRASES[language])
    for masc, (text, expected) in NOMINATIVE_PHRASES[language].items():
        p = _processed(text, language, gazetteer)
        assert p.events and p.events[0].place and p.events[0].place.place, masc
        assert p.events[0].place.place.name == expected, (masc, p.events[0].place.place)


@pytest.mark.parametrize(("language", "ending"), [("uk", "ому напрямку"), ("ru", "ом направлении")])
def test_each_irregular_town_adjective(language: str, ending: str, gazetteer: Gazetteer) -> None:
    for stem, town in place_words(language).town_adjectives.items():
        article = _article(f"Бои на {stem.capitalize()}{ending}.", language)
        doc = next(annotate_blank([article.text], language))
        found = resolve_cyrillic_places(doc, article, gazetteer)
        towns = {
            c.place.id for c in gazetteer.candidates(town) if c.place.feature.startswith("PPL")
        }
        assert found and found[0].place and found[0].place.id in towns, (stem, found)


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_a_given_name_before_a_surname_is_no_town(language: str, gazetteer: Gazetteer) -> None:
    for name in place_words(language).first_names:
        article = _article(f"Вчора {name.capitalize()} Коваленко розповів про обстріл.", language)
        doc = next(annotate_blank([article.text], language))
        assert not resolve_cyrillic_places(doc, article, gazetteer), name


def test_an_oblast_after_a_common_noun_and_a_country_beside_it(gazetteer: Gazetteer) -> None:
    # "Поліція Київської області": the oblast (not Kyiv city), named from its adjective on;
    # a country named beside a region stays the country.
    text = "Поліція Київської області повідомила про обстріл у Львівській області, Україна."
    article = _article(text, "uk")
    doc = next(annotate_blank([text], "uk"))
    found = [
        (m.text, m.place.name if m.place else None)
        for m in resolve_cyrillic_places(doc, article, gazetteer)
    ]
    assert found == [
        ("Київської області", "Kyiv Oblast"),
        ("Львівській області", "Lviv Oblast"),
        ("Україна", "Ukraine"),
    ]


@pytest.mark.parametrize(("language", "verb"), [("uk", "знищила"), ("ru", "уничтожила")])
def test_a_country_in_the_nominative_is_the_subject(language: str, verb: str) -> None:
    subjects = load_toml(f"lexicon.{language}.toml")["subjects"]
    for side, words in subjects["sides"].items():
        for word in words:
            events = _events(f"{word.rstrip('=').capitalize()} {verb} 12 лікарень.", language)
            assert [e.fw_type for e in events] == ["clash"], word
            assert events[0].actor1 and events[0].actor1.side == side, word
    # The subject vouches only for a trigger after it; an oblique form vouches for none.
    first = next(iter(subjects["sides"].values()))[0].rstrip("=")
    assert not _events(f"Лікарні {verb}, пише {first}.", language)
    assert not _events(f"У {first[:-1]}ї {verb} 12 лікарень.", language)


@pytest.mark.parametrize(("language", "phrase"), [("uk", "ої АЕС"), ("ru", "ой АЭС")])
def test_a_countrys_adjective_names_no_town(
    language: str, phrase: str, gazetteer: Gazetteer
) -> None:
    for stem in place_words(language).national:
        article = _article(f"Обстріл біля {stem.capitalize()}{phrase}.", language)
        doc = next(annotate_blank([article.text], language))
        assert not resolve_cyrillic_places(doc, article, gazetteer), stem


# Per feature noun: a phrase whose name has a namesake of that kind and one of another.
FEATURE_PHRASES = {
    "uk": {
        "річ": ("Окупанти замінували береги на річці Дніпро.", "STM"),
        "водосховищ": ("Окупанти обстріляли береги водосховища Дніпро.", None),
        "озер": ("Окупанти обстріляли береги озера Дніпро.", None),
        "міст": ("Окупанти обстріляли місто Дніпро.", "PPL"),
        "сел": ("Окупанти обстріляли село Дніпро.", "PPL"),
    },
    "ru": {
        "рек": ("ВСУ заминировали берега на реке Днепр.", "STM"),
        "водохранилищ": ("ВСУ обстреляли берега водохранилища Днепр.", None),
        "озер": ("ВСУ обстреляли берега озера Днепр.", None),
        "город": ("ВСУ обстреляли город Днепр.", "PPL"),
        "сел": ("ВСУ обстреляли село Днепр.", "PPL"),
        "поселк": ("ВСУ обстреляли поселка Днепр.", "PPL"),
        "посёлк": ("ВСУ обстреляли посёлка Днепр.", "PPL"),
    },
}


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_a_feature_noun_picks_the_namesake_of_its_kind(language: str, gazetteer: Gazetteer) -> None:
    # With no namesake of the kind (no reservoir Dnipro), the usual choice stands.
    def first(text: str) -> Place | None:
        article = _article(text, language)
        found = resolve_cyrillic_places(next(annotate_blank([text], language)), article, gazetteer)
        return found[0].place if found else None

    assert sorted(place_words(language).feature_nouns) == sorted(FEATURE_PHRASES[language])
    usual = first(FEATURE_PHRASES[language]["сел"][0].split()[-1])
    for stem, (text, code) in FEATURE_PHRASES[language].items():
        place = first(text)
        assert place is not None, stem
        assert place.feature.startswith(code) if code else place == usual, (stem, place)


def test_the_masculine_past_of_every_trigger() -> None:
    # Ukrainian "загинув", "влучив", "підірвав" beside "загинули", "влучили", "підірвали".
    rules = word_rules("uk")
    entries = load_toml("lexicon.uk.toml")["trigger"]
    for rule, entry in zip(rules.triggers, entries, strict=True):
        for prefix in entry["prefixes"]:
            if " " not in prefix and prefix.endswith("л"):
                assert rule.words.fullmatch(prefix[:-1] + "в"), prefix
    events = _events("Ворожий дрон влучив у будинок у Куп'янську, загинув один чоловік.", "uk")
    assert [e.fw_type for e in events] == ["air_strike"] and events[0].fatalities == 1


def test_a_paragraph_that_names_the_war_vouches_for_its_next_sentence() -> None:
    text = "Росіяни скинули КАБ на Костянтинівку. Поранено жінку 65 років.\n\nПоранено жінку."
    assert [e.fw_type for e in _events(text, "uk")] == ["air_strike", "casualties"]
