"""decisions in orders, resolutions and council decisions: the operative part, its items,
hard wraps and signatures (invented texts)."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import assert_grounded

from extractors import decisions
from extractors.base import stored_mentions

ITEMS = "1. Утвердить положение о смотре-конкурсе.\n2. Опубликовать настоящее решение в газете.\n"
TWO = ["Утвердить положение о смотре-конкурсе.", "Опубликовать настоящее решение в газете."]


def decided(nlp, text):
    doc = nlp(text)
    records = decisions.build(doc, stored_mentions(doc, "decisions"))
    assert_grounded(records, text)
    return records


def texts(nlp, text):
    return [" ".join(d.text.split()) for d in decided(nlp, text)]


@pytest.mark.parametrize("header", [
    "В целях развития детского творчества ПРИКАЗЫВАЮ:",
    "Руководствуясь Уставом города, Заречная городская Дума решила:",
    "Совет депутатов Р Е Ш И Л:",
    "администрация Озёрского района постановляет\":",
    "Районное Собрание\nРешило:",
    "Коллегия решает:",
    "п о с т а н о в л я ю:",
])
def test_decision_acts_operative_verb_opens_the_list(nlp, header):
    assert texts(nlp, f"{header}\n{ITEMS}") == TWO


@pytest.mark.parametrize("items", [
    "1.Утвердить положение о смотре-конкурсе.\n2.Опубликовать настоящее решение в газете.\n",
    "1.\nУтвердить положение о смотре-конкурсе.\n2.\nОпубликовать настоящее решение в газете.\n",
])
def test_decision_acts_item_number_without_space_or_on_its_own_line(nlp, items):
    assert texts(nlp, f"ПОСТАНОВЛЯЮ:\n{items}") == TWO


@pytest.mark.parametrize("signature", [
    "Глава города\nИ.П. Сидоренко",
    "Министр\nП.П.ЗАХАРЧЕНКО",
    "Мэр города Заречный\nО.Л. Кравец",
    "Председатель районной Думы С.С. Бурьянов",
    "Рябцева А.А.",
])
def test_decision_acts_signature_is_not_a_decision(nlp, signature):
    assert texts(nlp, f"ПРИКАЗЫВАЮ:\n{ITEMS}{signature}\n") == TWO


def test_decision_acts_title_of_the_act_is_no_decisions_header(nlp):
    text = ("ЗАРЕЧНАЯ ГОРОДСКАЯ ДУМА\n\nР Е Ш Е Н И Е\n\nот 12.03.2019 № 5/14\nг. Заречный\n\n"
            "О школьном питании\n\nДума решила:\n" + ITEMS)
    assert texts(nlp, text) == TWO


def test_decision_acts_preamble_colon_opens_the_operative_part(nlp):
    text = ("Распоряжение от 02.02.2010 № 77-р\n\nО смотре-конкурсе\n\n"
            "В целях поддержки сельских школ:\n" + ITEMS)
    assert texts(nlp, text) == TWO


def test_decision_acts_preamble_colon_alone_is_not_enough_outside_an_act(nlp):
    text = "В ходе семинара обсуждались вопросы:\n1. Организация летнего отдыха.\n"
    assert texts(nlp, text) == []


def test_decision_acts_hard_wrapped_paragraph_is_one_decision(nlp):
    text = ("Дума решила:\n\nНаградить Почётной грамотой Думы\n"
            "Образцовый хор «Капель» школы № 3 посёлка Луговой за высокие\n"
            "творческие успехи.\nПредседатель Думы В.В. Бурьянов\n")
    assert texts(nlp, text) == [
        "Наградить Почётной грамотой Думы Образцовый хор «Капель» школы № 3 посёлка "
        "Луговой за высокие творческие успехи."]


def test_decision_acts_unnumbered_paragraph_belongs_to_the_item_above(nlp):
    text = ("ПОСТАНОВЛЯЮ:\n1. Открыть с 01.09.2020 вечернюю школу.\n"
            "Расходы отнести на счёт районного бюджета.\n2. Отделу образования обеспечить "
            "набор учащихся.\nГлава района\nН.Н. Орлов\n")
    assert texts(nlp, text) == [
        "Открыть с 01.09.2020 вечернюю школу. Расходы отнести на счёт районного бюджета.",
        "Отделу образования обеспечить набор учащихся."]


@pytest.mark.parametrize("bullets,expected", [
    ("- Сомовой Т.А., учителю музыки;\n- Лаптевой Е.Е., учителю физики.\n",
     ["Объявить благодарность педагогам: - Сомовой Т.А., учителю музыки; "
      "- Лаптевой Е.Е., учителю физики."]),
    ("- провести смотр кабинетов;\n- подготовить отчёт.\n",
     ["провести смотр кабинетов", "подготовить отчёт."]),
])
def test_decision_acts_bullets_under_an_item_are_its_objects_unless_actions(nlp, bullets,
                                                                             expected):
    text = "ПРИКАЗЫВАЮ:\n1. Объявить благодарность педагогам:\n" + bullets
    assert texts(nlp, text) == expected


@pytest.mark.parametrize("item,expected", [
    ("1. Провести с 3 по 14 марта 2021 года районный конкурс чтецов.", None),
    ("1. Кураторам провести выезды в школы с 3 по 14 марта 2021 года.", "2021-03-14"),
    ("1. Открыть с 01.09.2020 кадетский класс.", None),
    ("1. Отделу образования в срок до 01.09.2020 открыть кадетский класс.", "2020-09-01"),
    ("1. Провести районную олимпиаду в следующие сроки:\nпервый этап – октябрь 2020 года;\n"
     "второй этап – 18 ноября 2020 года.", None),
    ("1. Следующее заседание провести 16 ноября 2020 года.", "2020-11-16"),
])
def test_decision_acts_period_or_start_is_no_deadline_unless_someone_acts(nlp, item, expected):
    found = decided(nlp, f"ПРИКАЗЫВАЮ:\n{item}\n")
    assert [str(d.deadline) if d.deadline else None for d in found] == [expected]


@pytest.mark.parametrize("item,expected", [
    ("Контроль за исполнением приказа возложить на заместителя директора по УВР Сомову А.А.",
     "заместитель директора по УВР Сомова А.А."),
    ("Контроль исполнения решения возложить на постоянную комиссию по образованию и культуре "
     "(Лыкова Е.Е.).", "постоянная комиссия по образованию и культуре"),
    ("Контроль за выполнением распоряжения возложить на первого заместителя главы района "
     "в администрации района Жукову Р.Р.",
     "первый заместитель главы района в администрации района Жукова Р.Р."),
    ("Контроль за исполнением приказа возложить на начальника отдела кадров И.Т. Зуеву.",
     "начальник отдела кадров Зуева И.Т."),
    ("Главному управлению образования края (Пестов А.А.) провести смотр.",
     "Главное управление образования края"),
    ("Департаменту социальной политики города (Клюев О.О.)\nобеспечить подвоз учащихся.",
     "Департамент социальной политики города"),
    ("Оргкомитету фестиваля подготовить дипломы.", "оргкомитет фестиваля"),
    ("Рекомендовать руководителям органов местного самоуправления, осуществляющих управление "
     "в сфере образования, провести школьный этап.",
     "руководители органов местного самоуправления, осуществляющих управление в сфере "
     "образования"),
    ("Информацию Управления образования Администрации района «О летнем отдыхе» принять к "
     "сведению.", None),
    ("Отделу образования района продолжитьработу по подвозу учащихся.", "Отдел образования района"),
    ("Назначить ответственным за проведение смотра Лаврову Ольгу Игоревну, методиста.",
     "Лаврова Ольга Игоревна"),
    ("Контроль за выполнением решения возложить на постоянную комиссию Думы по вопросам "
     "образования, культуры и спорта (Носов А.А.).",
     "постоянная комиссия Думы по вопросам образования, культуры и спорта"),
    ("Руководителям школ, подведомственных управлению образования, принять меры.",
     "руководители школ, подведомственных управлению образования"),
])
def test_decision_acts_responsible(nlp, item, expected):
    found = decided(nlp, f"ПОСТАНОВЛЯЮ:\n1. {item}\n")
    assert [d.responsible for d in found] == [expected]


@pytest.mark.parametrize("signature,expected", [
    ("Начальник отдела образования\t\t\tВ.А. Жаворонков", "начальник отдела образования Жаворонков В.А."),
    ("Глава администрации\nЛуговского района\nП.П.СИНИЦЫН", "глава администрации Луговского района Синицын П.П."),
])
def test_decision_acts_control_kept_by_the_signatory(nlp, signature, expected):
    text = ("ПРИКАЗЫВАЮ:\n1. Утвердить план работы.\n"
            "2. Контроль за исполнением приказа оставляю за собой.\n\n" + signature + "\n")
    assert [d.responsible for d in decided(nlp, text)] == [None, expected]


def test_decision_acts_run_in_numbers_after_the_operative_verb(nlp):
    text = ("ПРИКАЗ\nот 12.09.2019 № 301\nВ соответствии с п. 3. Положения приказываю: "
            "1. Провести школьный этап олимпиады. 2. Утвердить состав жюри.\n")
    assert texts(nlp, text) == ["Провести школьный этап олимпиады.", "Утвердить состав жюри."]


def test_decision_acts_first_item_with_an_action_verb_opens_an_act(nlp):
    text = "Распоряжение от 03.03.2015 № 55-р\n" + ITEMS
    assert texts(nlp, text) == TWO


@pytest.mark.parametrize("after", [
    "Первый заместитель главы администрации района\nИ.И. Петренко\n",
    "Приложение № 1\nк постановлению администрации\n1. Общие положения\n",
])
def test_decision_acts_signature_or_appendix_ends_the_list(nlp, after):
    assert texts(nlp, "ПОСТАНОВЛЯЮ:\n" + ITEMS + after) == TWO


def test_decision_acts_title_with_the_adopting_body_line(nlp):
    text = ("РЕШЕНИЕ\nСовета депутатов Озёрского района\nот 5 мая 2020 года № 7\n\n"
            "Совет депутатов РЕШИЛ:\n" + ITEMS)
    assert texts(nlp, text) == TWO


def test_decision_acts_sub_items_numbered_without_a_final_dot_inherit_the_addressee(nlp):
    text = ("Коллегия решила:\n1. Информацию принять к сведению.\n"
            "2. Рекомендовать органам управления образованием районов:\n"
            "2.1 обеспечить участие школ в мониторинге;\n2.2 представить отчёты в министерство.\n")
    found = decided(nlp, text)
    assert [d.text for d in found] == ["Информацию принять к сведению.",
                                       "обеспечить участие школ в мониторинге",
                                       "представить отчёты в министерство."]
    assert [d.responsible for d in found] == [None] + ["органы управления образованием районов"] * 2


def test_decision_acts_bullets_with_an_action_after_an_adverb_are_decisions(nlp):
    text = ("ПРИКАЗЫВАЮ:\n1. Классным руководителям:\n- ежедневно вести учёт питающихся;\n"
            "- ежемесячно представлять отчёт.\n")
    assert texts(nlp, text) == ["ежедневно вести учёт питающихся", "ежемесячно представлять отчёт."]


def test_decision_acts_unnumbered_paragraphs_with_an_addressee_are_decisions(nlp):
    text = ("Дума решила:\n\nДать согласие на передачу здания школы № 4 в пользование.\n\n"
            "Управлению образования администрации района обеспечить сохранность имущества.\n\n"
            "Глава района В.В. Окунев\n")
    assert texts(nlp, text) == [
        "Дать согласие на передачу здания школы № 4 в пользование.",
        "Управлению образования администрации района обеспечить сохранность имущества."]


@pytest.mark.parametrize("item,expected", [
    ("ИПКиППРО РА разместить материалы семинара на сайте института.", "ИПКиППРО РА"),
    ("Ооржак А.К. подготовить план выездной недели.", "Ооржак А.К."),
    ("Руководителям МКОУ «ООШ с. Луговое» и МКОУ «СОШ п. Мирный» обеспечить подвоз.",
     "руководители МКОУ «ООШ с. Луговое» и МКОУ «СОШ п. Мирный»"),
])
def test_decision_acts_subject_named_before_the_action(nlp, item, expected):
    assert [d.responsible for d in decided(nlp, f"Решили:\n1. {item}\n")] == [expected]


@pytest.mark.parametrize("header", ["Участники семинара договорились:", "Выводы и рекомендации:"])
def test_decision_acts_agreed_and_recommended_lists(nlp, header):
    assert texts(nlp, f"{header}\n{ITEMS}") == TWO


def test_decision_acts_bracketed_person_after_an_organisation_subject_is_left_out(nlp):
    item = "МКУ «Центр развития образования» (Ильина И.И.) провести вебинар."
    assert [d.responsible for d in decided(nlp, f"Решили:\n1. {item}\n")] == [
        "МКУ «Центр развития образования»"]


def test_decision_acts_operative_verb_alone_on_its_line_without_a_colon(nlp):
    text = "ПРИКАЗ\nот 12.09.2019 № 301\nВ соответствии с планом работы\nПРИКАЗЫВАЮ\n" + ITEMS
    assert texts(nlp, text) == TWO


def test_decision_acts_operative_verb_wrapped_inside_a_sentence_opens_nothing(nlp):
    text = "Отчёт о работе\nГородская Дума решила\nпровести слушания.\n1. Организация слушаний.\n"
    assert texts(nlp, text) == []


def test_decision_acts_paragraph_between_blank_lines_belongs_to_the_item_above(nlp):
    text = ("постановляю:\n\n1. Открыть вечернюю школу.\n\nРасходы отнести на краевой бюджет.\n\n"
            "2. Отделу образования обеспечить набор учащихся.\n\nГлава края В.М. Зубов\n")
    assert texts(nlp, text) == [
        "Открыть вечернюю школу. Расходы отнести на краевой бюджет.",
        "Отделу образования обеспечить набор учащихся."]


def test_decision_acts_text_after_the_last_item_and_a_blank_line_is_not_taken(nlp):
    text = "постановляю:\n\n" + ITEMS + "\nДокумент опубликован в газете «Заря».\n"
    assert texts(nlp, text) == TWO


def test_decision_acts_unpunctuated_lines_that_each_tell_someone_to_act_stay_apart(nlp):
    text = ("Решили:\nИнформацию принять к сведению\nКураторам провести выезды в школы\n"
            "Методистам подготовить сборник заданий\n")
    assert texts(nlp, text) == ["Информацию принять к сведению", "Кураторам провести выезды в школы",
                                "Методистам подготовить сборник заданий"]


@pytest.mark.parametrize("title,expected", [
    ("Распоряжение Правительства Заречья\n№ 12-РП от 14 ноября 2005 года\n", TWO),
    ("Решение о ремонте школы принято на сессии\n", []),
])
def test_decision_acts_only_an_act_title_with_its_number_or_date_opens_at_the_preamble(nlp, title,
                                                                                       expected):
    assert texts(nlp, title + "В целях развития школ:\n" + ITEMS) == expected


PAGE_WRAPS = [
    # the page wrapped before a dash: the dash opens no item
    ("ПРИКАЗЫВАЮ:\n1. Утвердить Положение о смотре школьных музеев Рябинового района (далее\n"
     "- Положение) согласно приложению к настоящему приказу.\n"
     "2. Опубликовать настоящий приказ на сайте управления.\n",
     ["Утвердить Положение о смотре школьных музеев Рябинового района (далее - Положение) "
      "согласно приложению к настоящему приказу.",
      "Опубликовать настоящий приказ на сайте управления."]),
    # the page carried a name to its own line: no signature while numbered items follow
    ("ПРИКАЗЫВАЮ:\n1. Утвердить итоги конкурса чтецов: 1 место – Белова Дарья, лицей № 4, рук.\n"
     "Гусева Л.А.\n2. Наградить победителей конкурса дипломами.\n",
     ["Утвердить итоги конкурса чтецов: 1 место – Белова Дарья, лицей № 4, рук. Гусева Л.А.",
      "Наградить победителей конкурса дипломами."]),
]


@pytest.mark.parametrize("text, expected", PAGE_WRAPS)
def test_decision_acts_page_wrap_opens_no_item_and_ends_no_list(nlp, text, expected):
    assert texts(nlp, text) == expected


PREAMBLE = ("В соответствии с планом работы управления образования Рябинового района на "
            "текущий учебный год\nПРИКАЗЫВАЮ:\n")


@pytest.mark.parametrize("items", [
    # a short line before a dash: the author's own bullet
    "1. Наградить грамотами\n- Белову Д.А.;\n- Гусеву Л.А.\n2. Опубликовать приказ.\n",
    # a name on a short line after the last item is the signature
    "1. Наградить победителей дипломами\n2. Опубликовать приказ.\nГусева Л.А.\n",
])
def test_decision_acts_author_line_breaks_stay(nlp, items):
    """In a page-wide text, a short line's break is the author's: the items are
    those of a text too narrow to be wrapped by a page at all."""
    assert texts(nlp, PREAMBLE + items) == texts(nlp, "ПРИКАЗЫВАЮ:\n" + items)
    assert texts(nlp, PREAMBLE + items)[-1] == "Опубликовать приказ."


def test_decision_acts_page_wrap_carries_the_controller_name(nlp):
    """The control item's name carried to its own line by the page stays in the item
    (the item is not closed), though no numbered item follows."""
    text = ("ПРИКАЗЫВАЮ:\n1. Утвердить план работы с молодыми педагогами школ Рябинового района на год.\n"
            "2. Контроль за исполнением приказа возложить на заместителя начальника управления\n"
            "Гусеву Л.А.\nПриложение: план на 2 л.\n")
    found = decided(nlp, text)
    assert found[-1].text == ("Контроль за исполнением приказа возложить на заместителя начальника "
                              "управления Гусеву Л.А.")
    assert found[-1].responsible == "заместитель начальника управления Гусева Л.А."


def test_decision_acts_attribute_line_with_two_keys(nlp):
    """``Ответственный: … Срок: …`` on the line under an item: each key its own value."""
    text = ("Решили:\n1. Обеспечить мониторинг загрузки документов школ Рябинового района.\n"
            "Ответственный: Гусева Л.А. Срок: до 31.05.2025.\n"
            "2. Провести семинар для кураторов.\n")
    first = decided(nlp, text)[0]
    assert (first.responsible, first.deadline) == ("Гусева Л.А.", dt.date(2025, 5, 31))


def test_decision_acts_responsible_wrapped_over_lines_is_one_line(nlp):
    text = ("ПРИКАЗЫВАЮ:\n1. ГБУ ДПО «Озёрский институт развития образования и повышения\n"
            "квалификации» провести вебинары для кураторов до 5 апреля 2025 года.\n")
    assert decided(nlp, text)[0].responsible == (
        "ГБУ ДПО «Озёрский институт развития образования и повышения квалификации»")
