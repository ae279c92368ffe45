"""decisions: list items under decision headers, prose decisions, header variants, wrapped lines."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import assert_grounded

from extractors import decisions
from extractors.base import stored_mentions
from schemas.mention_attrs import DecisionAttrs


def decided(nlp, text):
    doc = nlp(text)
    records = decisions.build(doc, stored_mentions(doc, "decisions"))
    assert_grounded(records, text)
    return records


LISTS = [
    ("Решили:\n1. Информацию принять к сведению.\n2. Кураторам провести выезды в школы.\n",
     ["Информацию принять к сведению.", "Кураторам провести выезды в школы."]),
    ("РЕШИЛИ:\n1) Одобрить план работы.\n2) Методистам подготовить сборник.",
     ["Одобрить план работы.", "Методистам подготовить сборник."]),
    ("Постановили:\n– утвердить график посещений;\n– педагогам пройти курсы.\n",
     ["утвердить график посещений", "педагогам пройти курсы."]),
    ("Решение: Принять информацию к сведению.\n", ["Принять информацию к сведению."]),
    ("По первому вопросу решили:\n1. Утвердить состав рабочей группы.\n\n"
     "По второму вопросу слушали:\nОрлову В.В.",
     ["Утвердить состав рабочей группы."]),
    ("По итогам семинара решено:\n• школам доработать программы;\n• кураторам проверить отчёты.",
     ["школам доработать программы", "кураторам проверить отчёты."]),
]


@pytest.mark.parametrize("text,expected", LISTS)
def test_decisions_list_items(nlp, text, expected):
    assert [d.text for d in decided(nlp, text)] == expected


def test_decisions_wrapped_item_continues_on_next_line(nlp):
    text = ("Решили:\n1. Руководителям школ обеспечить участие педагогов\nв анкетировании.\n"
            "2. Кураторам подготовить отчёт.")
    found = decided(nlp, text)
    assert [d.text for d in found] == [
        "Руководителям школ обеспечить участие педагогов в анкетировании.",
        "Кураторам подготовить отчёт."]
    assert len(found[0].spans) == 1 and "\n" in found[0].spans[0].text


def test_decisions_list_ends_before_signature(nlp):
    text = ("Решили:\n1. Принять информацию к сведению.\n2. Кураторам подготовить отчёт.\n\n"
            "Начальник управления образования\n\nИ.И. Иванов")
    assert len(decided(nlp, text)) == 2


def test_decisions_list_ends_at_new_sentence_after_bullets(nlp):
    text = ("Решено:\n– школам доработать положения;\n– кураторам проверить положения.\n"
            "Следующая встреча запланирована на осень.")
    assert [d.text for d in decided(nlp, text)][-1] == "кураторам проверить положения."


PROSE = [
    ("Участники обсудили итоги года. Было принято решение о проведении выездных семинаров "
     "в каждой школе проекта.", 1),
    ("Было принято решение продолжить работу сетевых пар. А также продолжить взаимодействие "
     "с центром психологической помощи.", 2),
    ("По итогам встречи рекомендовано школам разместить программы на сайтах.", 1),
    ("Решением педагогического совета принято продолжить работу по программе чтения.", 1),
    ("Она предложила использовать материалы вебинаров и другим школам района.", 1),
    ("Встреча прошла в дружеской атмосфере. Участники решили: продолжить серию встреч.", 1),
]


@pytest.mark.parametrize("text,count", PROSE)
def test_decisions_in_prose(nlp, text, count):
    assert len(decided(nlp, text)) == count


NOT_DECISIONS = [
    "Повестка:\n1. Об итогах мониторинга.\n2. О плане работы.",
    "Слушали:\n1. Петрову А.С. о работе кураторов.\n2. Сидорова П.П. о планах.",
    "Участники отметили, что нужно сделать всё возможное для повышения качества.",
    "В ходе встречи участники рассказали о своих успехах и трудностях.",
    "Модератор подчеркнула значение вебинаров и предложила школам активнее участвовать в них.",
]


@pytest.mark.parametrize("text", NOT_DECISIONS)
def test_decisions_not_found_without_a_decision(nlp, text):
    assert decided(nlp, text) == []


@pytest.mark.seeds
def test_decisions_seeds_f1(seeds_dir, extractor):
    from pipeline.evaluate import evaluate_dirs, f1_by_field, table

    scores = f1_by_field(table(evaluate_dirs([seeds_dir], extractor)))
    assert scores["decisions"] >= 0.9
    assert scores["decisions.responsible"] >= 0.8


HEADER_VARIANTS = [
    ("ПРИНЯТЫЕ РЕШЕНИЯ:\n1. Кураторам посетить уроки в 7-х классах.\n2. Утвердить график.\n",
     ["Кураторам посетить уроки в 7-х классах.", "Утвердить график."]),
    ("Принятые решения\n— школам обновить планы;\n— методистам собрать отчёты.\n",
     ["школам обновить планы", "методистам собрать отчёты."]),
    ("4. Выводы\nКоманды работают стабильно.\n\n5. Предложения\n"
     "- Кураторам провести повторные посещения.\n- Директорам обеспечить участие в курсах.\n",
     ["Кураторам провести повторные посещения.", "Директорам обеспечить участие в курсах."]),
    ("Семинар прошёл по плану.\nРекомендации:\n– учителям применять приёмы;\n"
     "– завучам наладить взаимопосещения.\n",
     ["учителям применять приёмы", "завучам наладить взаимопосещения."]),
    ("Итоги и решения\n1. Признать работу команд удовлетворительной.\n2. Провести семинар в мае.\n",
     ["Признать работу команд удовлетворительной.", "Провести семинар в мае."]),
    ("Решение совещания:\n1) Принять информацию к сведению.\n2) Кураторам сдать отчёты.\n",
     ["Принять информацию к сведению.", "Кураторам сдать отчёты."]),
    ("По итогам обсуждения участники рекомендовали:\n1. Школам обновить программы.\n",
     ["Школам обновить программы."]),
]


@pytest.mark.parametrize("text,expected", HEADER_VARIANTS)
def test_decisions_header_variants(nlp, text, expected):
    assert [d.text for d in decided(nlp, text)] == expected


@pytest.mark.parametrize("header", [
    "п р и к а з ы в а ю:", "П Р И К А З Ы В А Ю", "ПРИКАЗЫВАЮ :", "постановляю:", "р е ш и л и :"])
def test_decisions_letter_spaced_order_headers(nlp, header):
    text = f"{header}\n1. Назначить кураторов школ.\n2. Утвердить план-график.\n"
    assert [d.text for d in decided(nlp, text)] == ["Назначить кураторов школ.",
                                                     "Утвердить план-график."]


def test_decisions_run_in_proposals_of_a_report_are_not_decisions(nlp):
    text = ("Трудности: нехватка кадров.\n\nПредложения: рассмотреть возможность стажировок; "
            "увеличить число курсов.\n")
    assert decided(nlp, text) == []


ITEM_MARKERS = [
    ("Решили:\n1.1. Принять к сведению.\n1.2. Кураторам провести выезды.\n",
     ["Принять к сведению.", "Кураторам провести выезды."]),
    ("Решили:\nа) принять информацию к сведению;\nб) кураторам провести выезды.\n",
     ["принять информацию к сведению", "кураторам провести выезды."]),
    ("По первому вопросу решили:\n1) Принять к сведению.\n2) Провести выезды.\n"
     "По второму вопросу решили:\n1) Утвердить план.\n",
     ["Принять к сведению.", "Провести выезды.", "Утвердить план."]),
]


@pytest.mark.parametrize("text,expected", ITEM_MARKERS)
def test_decisions_item_markers(nlp, text, expected):
    assert [d.text for d in decided(nlp, text)] == expected


def test_decisions_closing_parenthesis_gives_responsible_and_deadline(nlp):
    text = ("Решили:\n1. Провести мониторинг уроков (отв. — Сомова Е.К., срок — до 28.10.2022).\n"
            "2. Организовать консультации (ответственные – кураторы школ).\n")
    found = decided(nlp, text)
    assert [(d.text, d.responsible, d.deadline) for d in found] == [
        ("Провести мониторинг уроков", "Сомова Е.К.", dt.date(2022, 10, 28)),
        ("Организовать консультации", "кураторы школ", None)]


def test_decisions_parenthesis_without_attribute_stays_in_text(nlp):
    text = "Решили:\n1. Провести педсовет (в дистанционном формате).\n"
    assert [d.text for d in decided(nlp, text)] == ["Провести педсовет (в дистанционном формате)."]


PROSE_VARIANTS = [
    ("Итоги\nРаботу признали полезной. Рекомендовано продолжить взаимопосещения уроков.\n",
     ["Рекомендовано продолжить взаимопосещения уроков."]),
    ("Итоги\nНачальник отдела Сомова Е.К. сообщила о решении отдела образования до конца апреля "
     "сформировать резерв кураторов.\n",
     ["Начальник отдела Сомова Е.К. сообщила о решении отдела образования до конца апреля "
      "сформировать резерв кураторов."]),
    ("Итоги\nПризнать работу школьных команд эффективной.\n",
     ["Признать работу школьных команд эффективной."]),
]


@pytest.mark.parametrize("text,expected", PROSE_VARIANTS)
def test_decisions_in_report_prose(nlp, text, expected):
    assert [d.text for d in decided(nlp, text)] == expected


def test_decisions_responsible_of_decision_reported_in_prose(nlp):
    text = ("Итоги\nНачальник отдела Сомова Е.К. сообщила о решении отдела образования "
            "сформировать резерв кураторов.\n")
    assert [d.responsible for d in decided(nlp, text)] == ["отдел образования"]


def test_decisions_unmarked_infinitive_items_across_blank_lines(nlp):
    text = ("Решили:\nПризнать работу команд эффективной.\n\nПровести конференцию в мае.\n\n"
            "Обеспечить участие всех школ.\n\nПротокол вела Сомова Е.К.\n")
    assert [d.text for d in decided(nlp, text)] == [
        "Признать работу команд эффективной.", "Провести конференцию в мае.",
        "Обеспечить участие всех школ."]


@pytest.mark.parametrize("text,expected", [
    ("Решили:\n1. Утвердить план работы.\nГолосовали: «за» – 12, «против» – 0.\n"
     "2. Провести семинар.\n", ["Утвердить план работы.", "Провести семинар."]),
    ("Решили: утвердить план работы. Голосовали: «за» – 12, «против» – 0.\n",
     ["утвердить план работы."]),
    ("Решили:\nУтвердить план работы.\nГолосовали: единогласно.\nСекретарь Сомова Е.К.\n",
     ["Утвердить план работы."]),
])
def test_decisions_vote_record_ends_the_item(nlp, text, expected):
    assert [d.text for d in decided(nlp, text)] == expected


def test_decisions_proposal_object_is_not_responsible(nlp):
    text = "Итоги\nРекомендовано продолжить практику взаимопосещений.\n"
    assert [d.responsible for d in decided(nlp, text)] == [None]


def test_decisions_dash_attribute_lines(nlp):
    text = ("Решили:\n1. Провести мониторинг уроков.\nОтветственные – кураторы школ.\n"
            "Срок – до 20.11.2023.\n2. Утвердить план.\n")
    found = decided(nlp, text)
    assert [(d.text, d.responsible, d.deadline) for d in found] == [
        ("Провести мониторинг уроков.", "кураторы школ", dt.date(2023, 11, 20)),
        ("Утвердить план.", None, None)]


def test_decisions_deadline_in_parenthesis_ending_with_year_abbreviation(nlp):
    text = "Решили:\n1. Утвердить план (срок – 1 ноября 2022 г.).\n"
    assert [d.deadline for d in decided(nlp, text)] == [dt.date(2022, 11, 1)]


@pytest.mark.parametrize("text,expected", [
    ("Семинар прошёл успешно.\nРекомендации по итогам семинара:\n1. Педагогам применять приёмы.\n",
     ["Педагогам применять приёмы."]),
    ("Решения совещания:\n– кураторам сдать отчёты;\n– школам обновить программы.\n",
     ["кураторам сдать отчёты", "школам обновить программы."]),
    ("По итогам работы участники семинара рекомендуют:\n1. Школам обновить программы.\n",
     ["Школам обновить программы."]),
    ("Решили единогласно:\n1. Утвердить план.\n", ["Утвердить план."]),
])
def test_decisions_headers_with_a_qualifier(nlp, text, expected):
    assert [d.text for d in decided(nlp, text)] == expected


def test_decisions_recommendations_mentioned_in_a_sentence_are_no_header(nlp):
    assert decided(nlp, "Рекомендации по итогам семинара размещены на сайте.\n") == []


def test_decisions_run_in_enumeration_splits_into_items(nlp):
    text = "Решили: 1) принять информацию к сведению; 2) кураторам провести выезды до 1 мая 2023 г.\n"
    found = decided(nlp, text)
    assert [(d.text, d.deadline) for d in found] == [
        ("принять информацию к сведению", None),
        ("кураторам провести выезды до 1 мая 2023 г.", dt.date(2023, 5, 1))]


def test_decisions_number_inside_an_item_does_not_split_it(nlp):
    text = "Решили:\n1. Провести пробные экзамены в 9) и 11) классах.\n"
    assert len(decided(nlp, text)) == 1


def test_decisions_next_agenda_question_ends_the_list(nlp):
    text = ("1. О результатах мониторинга\nСлушали: Сомову Е.К.\nРешили:\n"
            "1) Принять информацию к сведению.\n2) Кураторам провести выезды.\n\n"
            "2. Об антирисковых программах\nСлушали: Орлова П.П.\nРешили:\n"
            "1) Утвердить программы.\n")
    assert [d.text for d in decided(nlp, text)] == [
        "Принять информацию к сведению.", "Кураторам провести выезды.", "Утвердить программы."]


def test_decisions_marker_style_change_after_blank_line_ends_the_list(nlp):
    text = ("Решили:\n1) Принять информацию к сведению.\n\n2. Итоги конкурса подведены в марте.\n")
    assert [d.text for d in decided(nlp, text)] == ["Принять информацию к сведению."]


WRAPPED_PROSE = [
    # the next line goes on in lower case: the text layer joins it
    ("По итогам совещания директорам школ Липовского района рекомендовано обновить\n"
     "планы работы с молодыми педагогами.\n",
     "По итогам совещания директорам школ Липовского района рекомендовано обновить "
     "планы работы с молодыми педагогами."),
    # it goes on with a digit after a full line: the next word would not have fitted
    ("Участникам семинара в Каменке рекомендовано до 1 декабря\n"
     "2025 года разместить обновлённые программы на сайтах школ.\n"
     "Следующая встреча пройдёт весной.",
     "Участникам семинара в Каменке рекомендовано до 1 декабря "
     "2025 года разместить обновлённые программы на сайтах школ."),
    # and with a capital (a name) after a full line
    ("Было принято решение продолжить сотрудничество школы № 7 с\n"
     "Центром детского творчества «Радуга» и библиотекой посёлка.\n",
     "Было принято решение продолжить сотрудничество школы № 7 с "
     "Центром детского творчества «Радуга» и библиотекой посёлка."),
    ("Было принято решение продолжить сотрудничество школ района с поддержкой\n"
     "Центром детского творчества «Радуга» и библиотекой посёлка.\n",
     "Было принято решение продолжить сотрудничество школ района с поддержкой "
     "Центром детского творчества «Радуга» и библиотекой посёлка."),
    # a word cut by a hyphen at the line end is whole in the decision's text
    ("Было принято решение провести методический день для учителей образова-\n"
     "тельных организаций Ключевского округа.\n",
     "Было принято решение провести методический день для учителей "
     "образовательных организаций Ключевского округа."),
]


@pytest.mark.parametrize("text,expected", WRAPPED_PROSE)
def test_decisions_prose_hard_wrapped_sentence_whole(nlp, text, expected):
    assert [d.text for d in decided(nlp, text)] == [expected]


def test_decisions_prose_short_line_not_run_on(nlp):
    """A sentence without a full stop on a short line ends there: the next line's
    first word would have fitted, so the break is the author's, not the page's."""
    text = ("Итоги встречи педагогов Малиновского района с методистами института\n"
            "Рекомендовано школам обновить планы\n"
            "Директор школы № 4 рассказала о наставничестве в своей школе и в районе.\n")
    assert [d.text for d in decided(nlp, text)] == ["Рекомендовано школам обновить планы"]


def test_decisions_prose_wrapped_same_as_one_line(nlp):
    one_line = ("По итогам круглого стола кураторам рекомендовано провести совместно со "
                "школьными командами анализ дорожных карт до 30 декабря 2024 года.")
    wrapped = ("По итогам круглого стола кураторам рекомендовано провести совместно\n"
               "со школьными командами анализ дорожных карт до 30 декабря\n2024 года.")
    flat, hard = decided(nlp, one_line), decided(nlp, wrapped)
    assert [(d.text, d.responsible, d.deadline) for d in hard] == \
        [(d.text, d.responsible, d.deadline) for d in flat]
    assert hard[0].deadline == dt.date(2024, 12, 30)


TYPED_DECISIONS = [
    ("Решили:\n1. Отделу образования подготовить справку до 15.03.2025.\n",
     DecisionAttrs(origin="list", responsible="Отдел образования", deadline=dt.date(2025, 3, 15))),
    ("Было принято решение провести фестиваль ежегодно.", DecisionAttrs(origin="prose")),
]


@pytest.mark.parametrize("text, expected", TYPED_DECISIONS)
def test_decisions_mentions_carry_typed_attrs(nlp, text, expected):
    """A DECISION holds ``DecisionAttrs``: origin, responsible, deadline as a date, and
    the source spans of the responsible and the deadline (an open deadline's span alone)."""
    (mention,) = stored_mentions(nlp(text), "decisions")
    attrs = mention.attrs
    assert type(attrs) is DecisionAttrs
    assert (attrs.origin, attrs.responsible, attrs.deadline) == (
        expected.origin, expected.responsible, expected.deadline)
    spans = [s for s in (attrs.responsible_span, attrs.deadline_span) if s]
    assert [text[a:b] for a, b in spans] == [v for v in (
        "Отделу образования" if expected.responsible else None,
        "15.03.2025" if expected.deadline else None) if v]
    assert (attrs.open_deadline_span is not None) == (expected.deadline is None)
