"""dates family: DATE and PERIOD mentions, roles, inferred years, DateFacts."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import assert_grounded

import extractors.dates as dates
from extractors.base import stored_mentions
from schemas.mention_attrs import DateAttrs, PeriodAttrs


def date_mentions(doc):
    return [m for m in stored_mentions(doc, "dates") if m.label == "DATE"]


def values_roles(doc) -> set[tuple[str, str]]:
    return {(m.attrs.value.isoformat(), m.attrs.role) for m in date_mentions(doc)}


DATE_FORMS = [
    ("Семинар прошёл 14 сентября 2022 года в г. Омске.", {("2022-09-14", "date")}),
    ("Совещание 3 декабря 2020 г. Тверь.", {("2020-12-03", "date")}),
    ("Протокол заседания от 17.11.2021 № 4", {("2021-11-17", "date")}),
    ("Приказ от 05.10.2022г. утверждён.", {("2022-10-05", "date")}),
    ("Акт подписан 09.06.23 директором.", {("2023-06-09", "date")}),
    ("Посещение состоялось 11 05 2022 в школе.", {("2022-05-11", "date")}),
    ("Визиты 1-2 февраля и 24-25 марта 2022 года.",
     {("2022-02-01", "range_start"), ("2022-02-02", "range_end"),
      ("2022-03-24", "range_start"), ("2022-03-25", "range_end")}),
    ("Мониторинг с 01.02.2022 по 15 02 2022 проведён.",
     {("2022-02-01", "range_start"), ("2022-02-15", "range_end")}),
    ("Анкетирование 11.10.2021-22.10.2021 завершено.",
     {("2021-10-11", "range_start"), ("2021-10-22", "range_end")}),
    ("Диагностика с 03.11.2021г. - по 19.11.2021г. в 5 школах.",
     {("2021-11-03", "range_start"), ("2021-11-19", "range_end")}),
    ("Курсы 08.11.2021г. - 26.11.2021г. для педагогов.",
     {("2021-11-08", "range_start"), ("2021-11-26", "range_end")}),
    ("Школа наставников работает с 12 по 16 декабря 2022 года.",
     {("2022-12-12", "range_start"), ("2022-12-16", "range_end")}),
    ("Форум пройдёт с 30 сентября по 1 октября 2023 года.",
     {("2023-09-30", "range_start"), ("2023-10-01", "range_end")}),
    ("Сдать планы в срок до 14.03.2022 куратору.", {("2022-03-14", "deadline")}),
    ("Загрузить документы до 20.04.2021г. в систему.", {("2021-04-20", "deadline")}),
    ("Отчёт направить не позднее 10 июня 2023 г. в отдел.", {("2023-06-10", "deadline")}),
    ("Подготовить справку к 25 мая 2022 г.", {("2022-05-25", "deadline")}),
    ("Срок исполнения: 01.12.2022.", {("2022-12-01", "deadline")}),
    ("Совещание назначено на «23» ноября 2021 г.", {("2021-11-23", "date")}),
    ("Встреча состоится 7-го февраля 2022 года.", {("2022-02-07", "date")}),
    ("Собрание 2 мая 2021 года, в Ёлкинской школе.", {("2021-05-02", "date")}),
    ("Выгрузка от 2022-03-15 в системе.", {("2022-03-15", "date")}),
    ("Визит 12 окт. 2022 г. в школу.", {("2022-10-12", "date")}),
    ("Курсы 14.11 - 25.11.2022 в ИРО.",
     {("2022-11-14", "range_start"), ("2022-11-25", "range_end")}),
    ("Выезды с 12 по 16.09.2022 в школы.",
     {("2022-09-12", "range_start"), ("2022-09-16", "range_end")}),
    ("Анкетирование 13-14.10.2022 проведено.",
     {("2022-10-13", "range_start"), ("2022-10-14", "range_end")}),
    ("Заседания 5, 12 и 19 октября 2022 г.",
     {("2022-10-05", "date"), ("2022-10-12", "date"), ("2022-10-19", "date")}),
    ("Период: с 1 сентября 2022 года по 31 мая 2023 года.",
     {("2022-09-01", "range_start"), ("2023-05-31", "range_end")}),
    # a page number on the line before is no day of a range
    ("       - 3 -\n\n14 октября 2022 года прошёл семинар.", {("2022-10-14", "date")}),
    ("Итоги. 16 марта 2022 г. проведён педсовет.", {("2022-03-16", "date")}),
    # two-digit years of the last century: acts of the 1990s are still cited
    ("Постановление от 14.05.97 г. утратило силу.", {("1997-05-14", "date")}),
    # a range start that keeps its dot and is joined by "по"
    ("Открытые уроки с 12.03.по 16.03.2019 г.8 учителей дадут в гимназии.",
     {("2019-03-12", "range_start"), ("2019-03-16", "range_end")}),
    ("Курсы с 12.03 по 16.03.2019 в ИРО.",
     {("2019-03-12", "range_start"), ("2019-03-16", "range_end")}),
    # a space after each dot, or dashes between the parts
    ("Приказ от 15. 03. 2021 № 5 подписан.", {("2021-03-15", "date")}),
    ("Отчёт сдан 15-03-2021 в отдел.", {("2021-03-15", "date")}),
    # a news dateline with a comma before the year
    ("пятница, 8 ноября, 2019 - 10:15\nВ Ольховке прошла встреча.", {("2019-11-08", "date")}),
]

MONTH_CASES = [
    ("Заседание 9 января 2022 года.", 1), ("Заседание 9 февраля 2022 года.", 2),
    ("Заседание 9 марта 2022 года.", 3), ("Заседание 9 апреля 2022 года.", 4),
    ("Заседание 9 мая 2022 года.", 5), ("Заседание 9 июня 2022 года.", 6),
    ("Заседание 9 июля 2022 года.", 7), ("Заседание 9 августа 2022 года.", 8),
    ("Заседание 9 сентября 2022 года.", 9), ("Заседание 9 октября 2022 года.", 10),
    ("Заседание 9 ноября 2022 года.", 11), ("Заседание 9 декабря 2022 года.", 12),
]

INFERRED = [  # (text, every date value, the values whose year is inferred)
    # the nearest preceding full date gives the year
    ("Совещание 12 января 2022 года. Выезды в школы 3 февраля и 17 марта.",
     {"2022-01-12", "2022-02-03", "2022-03-17"}, {"2022-02-03", "2022-03-17"}),
    # a school year: September–December belong to its first year, January–August to the second
    ("В 2021–2022 учебном году проведены семинары 21 октября и 16 февраля.",
     {"2021-10-21", "2022-02-16"}, {"2021-10-21", "2022-02-16"}),
    # a month period with a year
    ("В апреле 2023 года школы заполнили анкеты, а 25 апреля прошла встреча.",
     {"2023-04-25"}, {"2023-04-25"}),
    # a reference date ("приказ от …") gives no year; the document's own dates do
    ("По приказу от 15.12.2020 № 123 школы вошли в проект. 15 марта прошёл семинар, "
     "20 апреля 2021 г. – совещание.", {"2020-12-15", "2021-03-15", "2021-04-20"}, {"2021-03-15"}),
    # the same day written in full elsewhere wins over a nearer school year
    ("Форум 5–6 декабря 2022 г. Отчёт за 2021/2022 учебный год. "
     "На второй день (6 декабря) работали секции.", {"2022-12-05", "2022-12-06"}, {"2022-12-06"}),
]

PERIODS = [
    ("Работа велась в период март-апрель 2021г. по плану.", "months", 2021, 2021),
    ("В ноябре и декабре 2022 года прошли курсы.", "months", 2022, 2022),
    ("Итоги 2020–2021 учебного года подведены.", "school_year", 2020, 2021),
    ("В учебном 2022-2023 году школа вошла в проект.", "school_year", 2022, 2023),
    ("План на 2022-23 уч. г. утверждён.", "school_year", 2022, 2023),
    ("Проект стартовал в 2022 году в области.", "year", 2022, 2022),
    ("Мероприятия пройдут в сентябре 2023 г. в школах.", "month", 2023, 2023),
]

NOT_DATES = [
    "Письмо № 03-02-17/455 получено.",
    "Начало в 14 ч. 30 мин. по местному времени.",
    "Телефон для справок 8 (3812) 24-15-06, моб. 8 912 123 45 67.",
    "Номер линии 8 3812 12 05 2021 (цифры подряд).",
    "Анкетирование учащихся 5, 8- х классов в СОШ № 14.",
    "Охват составил 100 % (100%) обучающихся.",
    "Ошибочная дата 31.02.2022 не существует.",
    "Пункт 1.2.15 плана выполнен.",
    "ВПР 2021, ОГЭ 2022 проведены.",
    "Время работы 10.30 - 12.00, средний балл 4.5 - 5.0.",
    "Учащиеся 5-9 классов, школа № 2 - лидер.",
    "Адрес: г. Омск, ул. 8 Марта, д. 5; МБОУ «СОШ им. 1 Мая».",
    "Отчёт сдаётся ежеквартально, до 5 числа месяца, следующего за кварталом.",
    "Срок: до 25 числа каждого месяца.",
]


@pytest.mark.parametrize("text, expected", DATE_FORMS)
def test_dates_forms_value_and_role(nlp, text, expected):
    doc = nlp(text)
    assert values_roles(doc) == expected
    assert all(not m.attrs.year_inferred for m in date_mentions(doc))


@pytest.mark.parametrize("text, month", MONTH_CASES)
def test_dates_every_month_name(nlp, text, month):
    (mention,) = date_mentions(nlp(text))
    assert mention.attrs.value == dt.date(2022, month, 9)


@pytest.mark.parametrize("text, values, inferred", INFERRED)
def test_dates_year_inferred_from_context(nlp, text, values, inferred):
    mentions = date_mentions(nlp(text))
    assert {m.attrs.value.isoformat() for m in mentions} == values
    guessed = [m for m in mentions if m.attrs.year_inferred]
    assert {m.attrs.value.isoformat() for m in guessed} == inferred
    assert all(m.confidence < 0.9 for m in guessed)


@pytest.mark.parametrize("text, kind, year_start, year_end", PERIODS)
def test_dates_periods(nlp, text, kind, year_start, year_end):
    periods = [m for m in stored_mentions(nlp(text), "dates") if m.label == "PERIOD"]
    assert [(p.attrs.kind, p.attrs.year_start, p.attrs.year_end) for p in periods] == [
        (kind, year_start, year_end)]
    assert not date_mentions(nlp(text))


def test_dates_period_without_year_gets_document_year(nlp):
    doc = nlp("Приказ от 10.01.2022. Консультации для кураторов: февраль-апрель.")
    (period,) = [m for m in stored_mentions(doc, "dates") if m.label == "PERIOD"]
    assert (period.attrs.year_start, period.attrs.year_end) == (2022, 2022)
    assert period.attrs.year_inferred is True


@pytest.mark.parametrize("text", NOT_DATES)
def test_dates_not_dates(nlp, text):
    assert date_mentions(nlp(text)) == []


def test_dates_no_year_anywhere_gives_no_date(nlp):
    assert date_mentions(nlp("Выезд в школу состоялся 14 марта.")) == []


def test_dates_year_word_in_span_before_lowercase_word(nlp):
    (mention,) = date_mentions(nlp("Итоги. 16 марта 2022 г. проведён педсовет."))
    assert mention.text == "16 марта 2022 г."


def test_dates_year_word_before_town_not_in_span(nlp):
    doc = nlp("12.10.2022\n\nг. Тула")
    (mention,) = date_mentions(doc)
    assert mention.text == "12.10.2022"


def test_dates_document_year_most_frequent(nlp):
    doc = nlp("Письмо от 20.12.2020. Совещания 14.02.2021, 15.03.2021 и 16.04.2021.")
    assert dates.document_year(doc) == 2021


def test_dates_document_year_from_periods(nlp):
    assert dates.document_year(nlp("Итоги 2022-2023 учебного года.")) == 2022
    assert dates.document_year(nlp("Без дат.")) is None


def test_dates_build_groups_by_value_and_role(nlp):
    text = "Семинар 5 апреля 2022 г. Итоги семинара 5 апреля 2022 г. подведены до 06.05.2022."
    doc = nlp(text)
    facts = dates.build(doc, stored_mentions(doc, "dates"))
    assert [(f.value.isoformat(), f.role, len(f.spans)) for f in facts] == [
        ("2022-04-05", "date", 2), ("2022-05-06", "deadline", 1)]
    assert assert_grounded(facts, text) == 6


def test_dates_build_warns_on_inferred_year(nlp):
    text = "Совещание 12 января 2022 года. Выезд 3 февраля."
    doc = nlp(text)
    facts = {f.value.isoformat(): f for f in dates.build(doc, stored_mentions(doc, "dates"))}
    assert facts["2022-02-03"].year_inferred and facts["2022-02-03"].warnings
    assert not facts["2022-01-12"].year_inferred and not facts["2022-01-12"].warnings
    assert facts["2022-02-03"].confidence < facts["2022-01-12"].confidence
    assert_grounded(list(facts.values()), text)


@pytest.mark.seeds
def test_dates_seeds_match_gold(nlp, seeds_dir):
    for text_path in sorted(seeds_dir.glob("*.txt")):
        gold = json.loads((seeds_dir / "gold" / f"{text_path.stem}.json").read_text("utf-8"))
        text = text_path.read_text("utf-8")
        doc = nlp(text)
        facts = dates.build(doc, stored_mentions(doc, "dates"))
        assert sorted({f.value.isoformat() for f in facts}) == sorted(gold["dates"]), text_path.stem
        assert_grounded(facts, text)


WRAPPED_DATES = [
    ("Семинар для учителей Заречной школы состоится 21\nдекабря 2023 года в актовом зале.",
     {("2023-12-21", "date")}),
    ("Педагогам Берёзовского района сдать отчёты в срок до 5\nмарта 2024 года.",
     {("2024-03-05", "deadline")}),
    ("Выезды кураторов в школы Ольховки пройдут с 2 по 13\nоктября 2023 года.",
     {("2023-10-02", "range_start"), ("2023-10-13", "range_end")}),
    ("Итоговая конференция методистов Сосновского округа намечена на 17 ноября\n"
     "2025 года.", {("2025-11-17", "date")}),
]


@pytest.mark.parametrize("text, expected", WRAPPED_DATES)
def test_dates_hard_wrapped_date_read_whole(nlp, text, expected):
    """A date hard-wrapped over two lines (a PDF's or an e-mail's line width) is
    the date of the same text on one line, and its span is still the source's."""
    wrapped, flat = nlp(text), nlp(text.replace("\n", " "))
    assert values_roles(wrapped) == values_roles(flat) == expected
    assert all(m.text == text[m.start:m.stop] for m in stored_mentions(wrapped, "dates"))


@pytest.mark.parametrize("text, label, attrs", [
    ("Совещание состоялось 12 марта 2024 года.", "DATE", DateAttrs(dt.date(2024, 3, 12), "date")),
    ("Отчёт сдать в срок до 20.05.2024.", "DATE", DateAttrs(dt.date(2024, 5, 20), "deadline")),
    ("План работы на 2024-2025 учебный год.", "PERIOD", PeriodAttrs("school_year", 2024, 2025)),
    ("Курсы пройдут в октябре-ноябре 2024 г.", "PERIOD", PeriodAttrs("months", 2024, 2024, 10, 11)),
])
def test_dates_mentions_carry_typed_attrs(nlp, text, label, attrs):
    """Every mention holds its family's frozen attrs class, not a dict of strings."""
    (mention,) = [m for m in stored_mentions(nlp(text), "dates") if m.label == label]
    assert type(mention.attrs) is type(attrs) and mention.attrs == attrs


@pytest.mark.parametrize("text", ["Школа на ул. 8 Марта открыта в 2023 году.",
                                  "Гимназия им. 1 Мая основана в 1995 году."])
def test_dates_street_or_name_word_before_day_and_month(nlp, text):
    """``address_before`` of ``dates.json``: a day and month after a street or name word."""
    assert date_mentions(nlp(text)) == []


@pytest.mark.parametrize("written, cls", [("LETTER", "[а-яё]"), ("NOT_LETTER", "[^а-яё]"),
                                          ("LATIN_OR_DOT", "[.a-z]"),
                                          ("DASH_OR_SLASH", "[-–—/]"),
                                          ("DIGIT_OR_MARK", r"[\d.,/№]")])
def test_dates_quick_to_compile_classes_take_the_same_characters(written, cls):
    """The classes written as a two-run class or'ed with a one-character repeat take the same
    characters as the one class, with IGNORECASE and without."""
    import re

    from extractors.dates import patterns

    for flags in (0, re.IGNORECASE):
        one, quick = re.compile(cls, flags), re.compile(getattr(patterns, written), flags)
        assert all(bool(one.fullmatch(c)) == bool(quick.fullmatch(c))
                   for c in map(chr, range(0x10000)) if not "\ud800" <= c <= "\udfff")


def test_dates_month_trie_matches_as_the_longest_first_alternation():
    """The month forms' trie takes at each position what the alternation of the forms, longest
    first (each "е" also "ё"), takes there, in any case; its first-letter class holds every
    character IGNORECASE matches with a first letter."""
    import re

    from extractors.dates.lexicon import Lexicon, alternation, by_first_letter, form_trie
    from extractors.dates.patterns import LETTER

    forms = list(Lexicon.load().month_forms)
    flat = "|".join(re.escape(w).replace("е", "[её]") for w in sorted(forms, key=len, reverse=True))
    trie = form_trie(forms)
    pairs = [(re.compile(f"(?:{flat})", re.I), re.compile(alternation(trie), re.I)),
             (re.compile(rf"(?<![\w\d])(?:{flat})(?!{LETTER})", re.I),
              re.compile(rf"{by_first_letter(trie)}(?!{LETTER})", re.I))]
    words = [w + tail for w in forms for tail in ("", " ", "а", ".", "м 2023")]
    texts = words + [w.upper() for w in words] + [w.replace("е", "ё").title() for w in words] \
        + ["x" + w for w in words] + [w[:-1] for w in words]
    for one, trie_pattern in pairs:
        assert [(m.span() if (m := one.search(t)) else None) for t in texts] \
            == [(m.span() if (m := trie_pattern.search(t)) else None) for t in texts]
    firsts = re.compile("[" + "".join({w[0] for w in forms}) + "]", re.I)
    first_class = re.compile(by_first_letter(trie).split("(?<!")[0])
    assert all(first_class.fullmatch(c) for c in map(chr, range(0x10000))
               if not "\ud800" <= c <= "\udfff" and firsts.fullmatch(c))
