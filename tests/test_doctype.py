"""doctype: weighted cues decide protocol / report / news / info / plan / other."""
from __future__ import annotations

import pytest
from conftest import assert_grounded

from extractors import doctype
from extractors.base import stored_mentions
from schemas.mention_attrs import DoctypeCueAttrs

TYPED = [
    ("protocol",
     "ПРОТОКОЛ № 3\nзаседания методического совета\n\n12.05.2023\n\n"
     "Слушали:\n1. Петрову А.С. о ходе проекта.\n\nРешили:\n1. Информацию принять к сведению."),
    ("protocol",
     "Отдел образования администрации Озёрского района\nул. Школьная, д. 1\n\n**ПРОТОКОЛ № 1**\n"
     "совещания кураторов\n\nПредседатель: Сомова Л.И.\nСекретарь: Дроздов П.П."),
    ("report",
     "Отчёт о проведении семинара для кураторов школ\n\n1. Наименование мероприятия.\n"
     "Семинар «Путь к успеху».\n\n2. Дата и место проведения.\n5 апреля 2023 года, г. Орёл."),
    ("report",
     "Информация о проведении муниципального форума\n\n1. Наименование мероприятия.\n"
     "Форум «Школа роста».\n\n2. Дата и место проведения.\n3 марта 2023 г., г. Тверь."),
    ("news",
     "В Озёрском районе состоялся семинар для кураторов\n\n"
     "Вчера в гимназии № 2 прошла встреча руководителей школ."),
    ("news",
     "Управление образования города Н.\nГлавная / Новости / 12.04.2024\n\n"
     "Школьные команды обменялись опытом\n\nВ четверг педагоги обсудили антирисковые программы."),
    ("info",
     "Информация по итогам мониторинга дорожных карт школ Озёрского района\n\n"
     "В 2022 году в проекте участвуют три школы."),
    ("info", "Аналитическая справка о результатах ВПР в школах проекта\n\nВ 2023 году ..."),
    ("info", "Наставничество в школах Озёрского округа\nЦель:\nРост качества преподавания.\n"
             "Задачи:\n- закрепить наставников за молодыми учителями;"),
    ("plan",
     "N п/п\n|\nМероприятие\n|\nСроки\n|\nОтветственные лица\n|\n1\n|\nСовещание кураторов\n|\n"
     "январь\n|\nИ.И. Иванов\n|"),
    ("plan",
     "ПРИКАЗ\n10.01.2024 № 5\nОб утверждении плана мероприятий по сопровождению школ\n"
     "ПРИКАЗЫВАЮ:\n1. Утвердить план мероприятий (приложение).\n\nПлан мероприятий\n"
     "№\tМероприятие\tСрок\tОтветственный\n1.\tСовещание кураторов.\tянварь 2024\tИванов И.И.\n"
     "2.\tСеминар для учителей.\tфевраль 2024\tПетрова А.А.\n"
     "3.\tАнкетирование школ.\tмарт 2024\tСомова Л.И.\n"),
    ("plan",
     "Приложение № 2\nк приказу от 10.01.2024 № 5\n\nДОРОЖНАЯ КАРТА\nпо сопровождению школ\n\n"
     "№\tМероприятие\tСрок\tОтветственный\n1.\tСовещание.\tянварь 2024\tИванов И.И.\n"),
]

ORDERS = [
    "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\nАДМИНИСТРАЦИИ ГОРОДА ОЗЁРСКА\nПРИКАЗ\n12.03.2024 № 45\n"
    "Об итогах муниципального этапа конкурса «Лучший урок»\n"
    "14 марта 2024 года состоялся муниципальный этап конкурса.\nПРИКАЗЫВАЮ:\n"
    "1. Утвердить список победителей.",
    # the page starts after the heading: the operative formula still types it
    "В целях поддержки чтения, о важности которого напомнил министр, и по итогам конкурса, "
    "в котором приняли участие 30 чтецов,\nПРИКАЗЫВАЮ:\n1. Наградить победителей.",
    "Р Е Ш Е Н И Е\nот 20.05.2023 № 7\nО работе школ района\n"
    "Районный Совет депутатов РЕШИЛ:\n1. Информацию принять к сведению.",
    "МИНИСТЕРСТВО ОБРАЗОВАНИЯ\nРЕШЕНИЕ КОЛЛЕГИИ\nОб итогах года\n"
    "Коллегия отмечает, что министр подчеркнул важность работы со школами.",
    "ПОСТАНОВЛЕНИЕ администрации Озёрского района от 01.02.2022 № 12\n"
    "Об организации подвоза учащихся\nпостановляю:\n1. Организовать подвоз.",
]

NEWS_PROSE = [
    # reporting verbs of a journalist
    "Новая спортивная площадка открылась у школы № 4. «Это подарок всем детям района», "
    "— подчеркнул глава района Пётр Дроздов.",
    # a photo credit
    "Школьники Ольховки победили в турнире Фото: Анна Белова\n\nКоманда школы вернулась домой.",
    # a weekday dateline
    "Директора школ собрались в мэрии\nвторник, 3 октября, 2023 - 11:20\nРазговор шёл о ремонте.",
    # plain narrative prose with no other cue
    "Учителя физики Озёрского района обсудили итоги олимпиады и получили новые задания.",
]

OTHER = [
    "Уважаемые коллеги! Напоминаем о сроках заполнения анкет.",
    "",
]


@pytest.mark.parametrize("expected,text", TYPED)
def test_doctype_recognises_type(nlp, expected, text):
    doc = nlp(text)
    found, spans = doctype.build(doc, stored_mentions(doc, "doctype"))
    assert found == expected
    assert spans
    assert assert_grounded(spans, text) == len(spans)


@pytest.mark.parametrize("text", ORDERS)
def test_doctype_order_or_decision_is_other(nlp, text):
    doc = nlp(text)
    found, spans = doctype.build(doc, stored_mentions(doc, "doctype"))
    assert found == "other"
    assert spans and assert_grounded(spans, text) == len(spans)


@pytest.mark.parametrize("text", NEWS_PROSE)
def test_doctype_news_prose_without_title_cue(nlp, text):
    doc = nlp(text)
    assert doctype.build(doc, stored_mentions(doc, "doctype"))[0] == "news"


@pytest.mark.parametrize("text", OTHER)
def test_doctype_without_cues_is_other(nlp, text):
    doc = nlp(text)
    assert doctype.build(doc, stored_mentions(doc, "doctype")) == ("other", [])


def test_doctype_plan_mentioned_in_info_title_stays_info(nlp):
    text = "Информация о ходе выполнения плана мероприятий («дорожной карты») проекта\n\nТекст."
    doc = nlp(text)
    assert doctype.build(doc, stored_mentions(doc, "doctype"))[0] == "info"


def test_doctype_report_with_action_table_stays_report(nlp):
    text = ("Отчёт об участии школ города в проекте «500+»\n\n"
            "№\tМероприятие\tСрок\tОтметка о выполнении\n"
            "1.\tСоздание рабочей группы.\tмарт 2021г.\tСоздана.\n"
            "2.\tАнкетирование педагогов.\tапрель 2021г.\tПроведено.\n"
            "3.\tСеминар для кураторов.\tмай 2021г.\tПроведён.\n")
    doc = nlp(text)
    assert doctype.build(doc, stored_mentions(doc, "doctype"))[0] == "report"


def test_doctype_spans_point_at_cues(nlp):
    text = "ПРОТОКОЛ\nсовещания\n\nСлушали:\nИванова И.И."
    doc = nlp(text)
    _, spans = doctype.build(doc, stored_mentions(doc, "doctype"))
    assert {s.text for s in spans} >= {"ПРОТОКОЛ", "Слушали:"}


def test_doctype_cues_carry_their_type_weight_and_scope(nlp):
    text = "ПРОТОКОЛ № 3\nзаседания совета\n\nСлушали:\n1. Петрову А.С.\n"
    cues = {(m.text, m.attrs.type, m.attrs.scope) for m in stored_mentions(nlp(text), "doctype")}
    assert {("ПРОТОКОЛ", "protocol", "title"), ("Слушали:", "protocol", "line")} <= cues
    weights = [m.attrs.weight for m in stored_mentions(nlp(text), "doctype")]
    assert all(isinstance(w, float) and w > 0 for w in weights)


def test_any_cue_prefixed_by_its_first_letters_matches_the_same():
    """An "any" cue rewritten to open with the class of its first letters finds the same
    spans (once ``find`` strips a leading blank), in case-, fold- and edge-varied text; the
    class holds every character that IGNORECASE matches with a lowercase Cyrillic letter."""
    import json
    import random
    import re
    from pathlib import Path

    from extractors.doctype.scan import prefixed

    flags = re.IGNORECASE | re.MULTILINE
    data = json.loads(Path("extractors/data/doctype.json").read_text(encoding="utf-8"))
    cues = [c["pattern"] for c in data["cues"] if c["scope"] == "any"]
    assert any(prefixed(cue) != cue for cue in cues)
    words = ("состоялся рассказываем сообщает пресс-служба приказываю постановляет "
             "р е ш и л а : заявила ПО  СЛОВАМ обсудили сдали пройдёт собрались отмечается "
             "ᲂбсудили ᲃдали Ᲊ _ 1 ё - Ё\n источник: Фото\u2003: © \xa0©").split(" ")
    rnd = random.Random(7)
    texts = ["".join(rnd.choice([w, w.upper(), w.title(), w + rnd.choice("аё_1")]) + " "
                     for w in rnd.choices(words, k=40)) for _ in range(200)]
    def stripped(text, match):
        start = match.start()
        while start < match.end() and text[start].isspace():
            start += 1
        return start, match.end()

    for cue in cues:
        before, after = re.compile(cue, flags), re.compile(prefixed(cue), flags)
        for text in texts:
            assert ([stripped(text, m) for m in before.finditer(text)]
                    == [stripped(text, m) for m in after.finditer(text)])
    every = "".join(map(chr, range(0x10000)))
    for letter in "абвгдежзийклмнопрстуфхцчшщъыьэюя":
        folded = set(re.findall(letter, every, re.IGNORECASE))
        assert folded <= {letter, letter.upper(), *map(chr, range(0x1C80, 0x1C90))}
    assert re.findall("©", every, re.IGNORECASE) == ["©"]
