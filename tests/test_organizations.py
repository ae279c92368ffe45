"""organizations family: non-school organisations, normalised to the nominative."""
from __future__ import annotations

import pytest
from conftest import assert_grounded

import extractors.organizations as organizations
from extractors.base import stored_mentions


def names(nlp, text: str) -> list[str]:
    doc = nlp(text)
    found = organizations.build(doc, stored_mentions(doc, "organizations"))
    for org in found:
        assert_grounded(org, text)
    return [org.name for org in found]


NOMINATIVE = [
    ("Приказом Министерства образования и науки Алтайского края утверждён список.",
     "Министерство образования и науки Алтайского края"),
    ("Письмо министерства образования Омской области получено.",
     "министерство образования Омской области"),
    ("Совещание провело Управлением образования администрации Ольховского муниципального района.",
     "Управление образования администрации Ольховского муниципального района"),
    ("Методисты Тверского института развития образования провели вебинар.",
     "Тверской институт развития образования"),
    ("Консультации Центром психолого-педагогической помощи детей и родителей продолжены.",
     "Центр психолого-педагогической помощи детей и родителей"),
    ("Совместно с Муниципальным казённым учреждением «Методический центр» проведён семинар.",
     "Муниципальное казённое учреждение «Методический центр»"),
    ("Заседание комитета по образованию прошло в срок.", "комитет по образованию"),
    ("Сотрудники Департамента образования и науки Приморского края выступили.",
     "Департамент образования и науки Приморского края"),
]


@pytest.mark.parametrize("text,expected", NOMINATIVE)
def test_organizations_head_phrase_in_nominative(nlp, text, expected):
    assert names(nlp, text) == [expected]


AS_WRITTEN = [
    ("Председатель: директор ГБУ ДПО «Центр оценки качества образования».",
     "ГБУ ДПО «Центр оценки качества образования»"),
    ("Методист МКУ «ИМЦ» провела консультацию.", "МКУ «ИМЦ»"),
    ("Аналитика ФИОКО показала риски.", "ФИОКО"),
    ("Курсы ТОИПКРО прошли 20 педагогов.", "ТОИПКРО"),
    ("Сотрудники ГАУ ДПО ЯО ИРО посетили школу.", "ГАУ ДПО ЯО ИРО"),
    ("Вебинары ИРО Пермского края проходят еженедельно.", "ИРО Пермского края"),
    ("Выездные занятия «Кванториума» понравились ученикам.", "Кванториум"),
    ("Курсы ГБУ ДПО РО РИПК и ППРО прошли 12 человек.", "ГБУ ДПО РО РИПК и ППРО"),
    ("Стажировку провёл ТОГИРРО в марте.", "ТОГИРРО"),
    ("Методисты ЦНППМ ГАУ ДПО ЯО ИРО провели диагностику.", "ЦНППМ ГАУ ДПО ЯО ИРО"),
]


@pytest.mark.parametrize("text,expected", AS_WRITTEN)
def test_organizations_abbreviations_and_legal_forms_as_written(nlp, text, expected):
    assert names(nlp, text) == [expected]


def test_organizations_short_name_joins_longer(nlp):
    text = ("Семинар провело Управление образования администрации Ольховского района. "
            "Специалисты Управления образования посетили школы.")
    doc = nlp(text)
    (org,) = organizations.build(doc, stored_mentions(doc, "organizations"))
    assert org.name == "Управление образования администрации Ольховского района"
    assert len(org.spans) == 2


def test_organizations_abbreviation_in_brackets_links(nlp):
    text = ("Федеральный институт оценки качества образования (ФИОКО) провёл вебинар. "
            "Материалы ФИОКО размещены на сайте.")
    doc = nlp(text)
    (org,) = organizations.build(doc, stored_mentions(doc, "organizations"))
    assert (org.name, org.abbreviation) == ("Федеральный институт оценки качества образования",
                                            "ФИОКО")
    assert [s.text for s in org.spans] == ["Федеральный институт оценки качества образования",
                                           "ФИОКО", "ФИОКО"]


def test_organizations_city_apposition_kept(nlp):
    text = "Комитет по образованию администрации города Великие Луки провёл совещание."
    assert names(nlp, text) == ["Комитет по образованию администрации города Великие Луки"]


def test_organizations_person_ends_the_name(nlp):
    text = "Выступила начальник управления образования Семёнова Ольга Петровна."
    assert names(nlp, text) == ["управление образования"]


def test_organizations_list_of_domains(nlp):
    text = "Комитет образования, науки и молодёжной политики Курской области издал приказ."
    assert names(nlp, text) == ["Комитет образования, науки и молодёжной политики Курской области"]


NOT_ORGANIZATIONS = [
    "Директор МБОУ «Липовская СОШ» выступила.",
    "Директор МБОУ «Лицей «Эрудит»» выступил.",
    "Верификация профилей в ИС МЭДК завершена.",
    "Результаты ВПР и ОГЭ обсудили руководители ОО.",
    "Школы ШНОР получили поддержку.",
    "Начальник департамента модернизации образования выступил.",
    "Управление проектами обсудили на секции.",
    "В центре внимания были результаты диагностики.",
    "Сотрудники института посетили школы.",
    "Муниципальная координационная группа собралась дважды.",
    "МИРОВОЙ ОПЫТ ПОДДЕРЖКИ ШКОЛ",
]


def test_organizations_separate_bodies_stay_separate(nlp):
    assert names(nlp, "Вебинары ФИОКО, ГАУ ДПО ЯО ИРО прошли.") == ["ФИОКО", "ГАУ ДПО ЯО ИРО"]


@pytest.mark.parametrize("text", NOT_ORGANIZATIONS)
def test_organizations_not_an_organization(nlp, text):
    assert names(nlp, text) == []


@pytest.mark.seeds
def test_organizations_seed_documents_match_gold(nlp, seeds_dir):
    from pipeline.gold import find_pairs, load_gold
    from pipeline.scoring import norm

    for text_path, gold_path in find_pairs(seeds_dir):
        found = names(nlp, text_path.read_text(encoding="utf-8"))
        expected = load_gold(gold_path)["organizations"]
        assert sorted(map(norm, found)) == sorted(map(norm, expected)), text_path.name


SENTENCE_START = [
    ("Институт наставничества позволяет решать задачи.", []),
    ("Центр внимания сместился на результаты.", []),
    ("Центр развития одарённых детей провёл смену.", ["Центр развития одарённых детей"]),
]


@pytest.mark.parametrize("text,expected", SENTENCE_START)
def test_organizations_sentence_initial_capital_needs_longer_tail(nlp, text, expected):
    assert names(nlp, text) == expected


def test_edged_matches_as_lookbehind_finditer():
    """The known names are searched by their literal prefix; the matches are those of
    the pattern with its word-edge look-behind."""
    import random
    import re

    from conftest import CORPUS

    alphabet = "ФИОКОПРМнаусвщеияРФИРОИПКЦДОСТ КОИРО-ХКabIT-куб\n,.«»()5"
    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
              for _ in range(2000)]
    texts += ["ХКИРО ИРО-ИРО КОИРО", "-ФИПИ ФИПИ- xФИПИ ФИПИ", "МО РК МОН ГО МОН ТО"]
    for body, _, needs in organizations.known_patterns():
        edged = re.compile(organizations.EDGE_LEFT + body.pattern)
        for text in texts:
            assert [m.span() for m in organizations.edged_matches(body, text)] == \
                [m.span() for m in edged.finditer(text)], (body.pattern, text)
            # what every match holds, tested first to skip the pattern
            assert needs is None or all(needs.search(m.group()) for m in edged.finditer(text))


def test_edged_matches_empty_pattern():
    import re

    body = re.compile(r"(?:Ф?)")
    edged = re.compile(organizations.EDGE_LEFT + body.pattern)
    for text in ("", "Ф", "аФ Ф-Ф", " ФФ "):
        assert [m.span() for m in organizations.edged_matches(body, text)] == \
            [m.span() for m in edged.finditer(text)]


PUBLIC_BODIES = [
    ("Постановление администрации Ольховского района вступило в силу.",
     "администрация Ольховского района"),
    ("Согласовать с Администрацией городского округа Верхнеозёрск.",
     "Администрация городского округа Верхнеозёрск"),
    ("Решение принято Ольховской городской Думой в марте.", "Ольховская городская Дума"),
    ("Распоряжение Правительства Ольховской области опубликовано.",
     "Правительство Ольховской области"),
    ("Об этом сообщает мэрия Верхнеозёрска в своём канале.", "мэрия Верхнеозёрска"),
    ("Возложить контроль на постоянную депутатскую комиссию по бюджету.",
     "постоянная депутатская комиссия по бюджету"),
    ("Решение внесено в районный совет депутатов.", "районный совет депутатов"),
    ("Заседание Общественного совета при министерстве просвещения Ольховской области прошло.",
     "Общественный совет при министерстве просвещения Ольховской области"),
    ("Доклад руководителя Федеральной службы по надзору в сфере образования и науки заслушан.",
     "Федеральная служба по надзору в сфере образования и науки"),
    ("Отчёт главного управления образования Ольховской области принят.",
     "главное управление образования Ольховской области"),
    ("Приказ подписал начальник управления общего образования Иванов И.И.",
     "управление общего образования"),
    ("Письмо департамента экономики и финансов администрации города получено.",
     "департамент экономики и финансов администрации города"),
    ("Ректор Ольховского регионального института повышения квалификации выступил.",
     "Ольховский региональный институт повышения квалификации"),
]


@pytest.mark.parametrize("text,expected", PUBLIC_BODIES)
def test_organizations_public_bodies(nlp, text, expected):
    assert names(nlp, text) == [expected]


TAIL_ENDS = [
    ("Заседание Ольховской городской думы четвёртого созыва открыто.", "Ольховская городская дума"),
    ("Положение управления образования и плана работы утверждено.", "управление образования"),
    ("Сведения управления образования города Ольховска оготовности школ собраны.",
     "управление образования города Ольховска"),
]


@pytest.mark.parametrize("text,expected", TAIL_ENDS)
def test_organizations_tail_ends_before_other_words(nlp, text, expected):
    assert names(nlp, text) == [expected]


def test_organizations_line_in_capitals(nlp):
    text = "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ ОЛЬХОВСКОЙ ОБЛАСТИ\nПРИКАЗ\n"
    assert names(nlp, text) == ["МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ ОЛЬХОВСКОЙ ОБЛАСТИ"]


def test_organizations_letterhead_parent_not_listed(nlp):
    text = "АДМИНИСТРАЦИЯ ОЛЬХОВСКОГО РАЙОНА\nУПРАВЛЕНИЕ ОБРАЗОВАНИЯ\n\nИнформация о проекте."
    assert names(nlp, text) == ["УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"]


NOT_BODIES = [
    "Заседание педагогического совета школы прошло в мае.",
    "Члены муниципального методического совета собрались.",
    "Работала муниципальная предметная комиссия.",
    "Администрация школы провела линейку.",
    "Встреча с представителями администрации прошла.",
    "Управлениями образования районов направлены отчёты.",
    "Выступил начальник отдела общего образования.",
    "Члены комиссии по приёмке школ проверили здания.",
    "Психологическая служба школы провела тренинг.",
]


@pytest.mark.parametrize("text", NOT_BODIES)
def test_organizations_not_a_public_body(nlp, text):
    assert names(nlp, text) == []


MORE_BODIES = [
    ("Совет депутатов р.п. Ольховка принял решение.", "Совет депутатов р.п. Ольховка"),
    ("Письмо администрации г. Ольховска получено.", "администрация г. Ольховска"),
    ("Приказ Минобрнауки РК подписан.", "Минобрнауки РК"),
    ("Передать здание Краевому государственному образовательному учреждению дополнительного "
     "образования детей «Ольховский центр творчества».",
     "Краевое государственное образовательное учреждение дополнительного образования детей "
     "«Ольховский центр творчества»"),
    ("Работы показал детский технопарк «Кванториум» города.", "Детский технопарк «Кванториум»"),
    ("Сотрудники МБУДО ДДТ провели праздник.", "МБУДО ДДТ"),
    ("Решение согласовано с облправительством.", "облправительство"),
]


@pytest.mark.parametrize("text,expected", MORE_BODIES)
def test_organizations_more_body_forms(nlp, text, expected):
    assert names(nlp, text) == [expected]


NOT_BODIES_EITHER = [
    ("Обсудили проект «Школа Минпросвещения России» и его направления.", []),
    ("Открыт центр образования естественно-научной и технологической направленностей.", []),
    ("Выступила начальник отдела образования П.Е. Ольхова.", ["отдел образования"]),
]


@pytest.mark.parametrize("text,expected", NOT_BODIES_EITHER)
def test_organizations_titles_and_initials_are_not_bodies(nlp, text, expected):
    assert names(nlp, text) == expected


INSTITUTIONS = [
    ("Концерт прошёл в районном доме культуры.", ["районный дом культуры"]),
    ("Кружки Дворца детского творчества открыты.", ["Дворец детского творчества"]),
    ("Жилой дом сдан в эксплуатацию.", []),
]


@pytest.mark.parametrize("text,expected", INSTITUTIONS)
def test_organizations_houses_of_culture_and_creativity(nlp, text, expected):
    assert names(nlp, text) == expected


OTHER_BODIES = [
    ("Студенты Ольховского педагогического колледжа провели уроки.",
     ["Ольховский педагогический колледж"]),
    ("Проверку провела прокуратура Ольховского района.", ["прокуратура Ольховского района"]),
    ("Предписание Роспотребнадзора выполнено.", ["Роспотребнадзор"]),
]


@pytest.mark.parametrize("text,expected", OTHER_BODIES)
def test_organizations_colleges_and_supervising_bodies(nlp, text, expected):
    assert names(nlp, text) == expected


NAMED_BY_ABBREVIATION = [
    ("Встреча прошла в ИПОП «Ольха» в мае.", ["ИПОП «Ольха»"]),
    ("Концерт в ДК «Юбилейный» собрал зрителей.", ["ДК «Юбилейный»"]),
    ("Оценки выставлены в АИС «Сетевой город».", []),
    ("Совещание глав МР «Ольховский район» прошло.", []),
]


@pytest.mark.parametrize("text,expected", NAMED_BY_ABBREVIATION)
def test_organizations_abbreviation_with_quoted_name(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Управление образования\nадминистрации Ольховского района",
    "ПРИКАЗ\r\n\r\n№ 12 от 3 мая\n",
    "Совет депутатов р.п. Ольховка «Заречье»",
])
def test_organizations_tokens_are_the_layers_tokens_and_line_breaks(text):
    from extractors.organizations.words import LINE_BREAK, tokens
    from extractors.text.layer import TextLayer

    layer = TextLayer(text)
    found = tokens(layer)
    assert [t for t in found if t.kind != LINE_BREAK] == layer.tokens
    assert [t.start for t in found if t.kind == LINE_BREAK] == \
        [i for i, ch in enumerate(text) if ch == "\n"]
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(text[t.start:t.stop] == t.text for t in found)


def test_organizations_tail_runs_on_over_a_line_break(nlp):
    text = "Приказом Управления образования\nадминистрации Ольховского района утверждён план."
    assert names(nlp, text) == ["Управление образования администрации Ольховского района"]


TYPED = [  # (text, mention text, OrgAttrs fields)
    ("Методисты Кленовского института развития образования (КИРО) провели вебинар.",
     "Кленовского института развития образования",
     ("Кленовский институт развития образования", "phrase", "КИРО")),
    ("Материалы ФИОКО размещены на сайте.", "ФИОКО", ("ФИОКО", "known", None)),
    ("Договор с МКУ «Методический центр» подписан.", "МКУ «Методический центр»",
     ("МКУ «Методический центр»", "legal", None)),
]


@pytest.mark.parametrize("text, written, expected", TYPED, ids=lambda v: str(v)[:24])
def test_organizations_mentions_carry_typed_attrs(nlp, text, written, expected):
    from schemas.mention_attrs import OrgAttrs

    found = {m.text: m.attrs for m in stored_mentions(nlp(text), "organizations")}
    assert found[written] == OrgAttrs(*expected)


@pytest.mark.parametrize("word, rule", [
    ("Дворцом", "institution"), ("управлении", "domain"), ("Комиссиями", None),
    ("Дворника", None), ("Домодедово", None), ("Центровой", None),
])
def test_organizations_head_rule_of_a_word_form(word, rule):
    """A head noun in any singular case has its rule; a plural, or a word that only begins
    like a head, has none (and the latter is not parsed at all)."""
    from extractors.organizations.words import head_rule

    assert head_rule(word) == rule


def test_organizations_stored_head_stems_are_what_pymorphy3_gives():
    """data/organizations.json's head_stems are head_stem's answers for every head; if this
    fails, write head_stem(head) for each head there again."""
    from extractors.base import load_lexicon
    from extractors.organizations.lexicon import head_stem

    data = load_lexicon("organizations.json")
    assert data["head_stems"] == {head: head_stem(head) for head in data["heads"]}
