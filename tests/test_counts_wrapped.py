"""counts family: a text hard-wrapped at a page width gives the counts of the same text
unwrapped (the soft wraps of counts/wraps.py and the text layer's joins), and real line
structure (a label with its value on the next line, a list item) stays apart."""
from __future__ import annotations

import textwrap

import pytest
from counts_support import built, check, counts_pipeline, pairs

from extractors.base import text_layer
from extractors.counts.wraps import soft_breaks


@pytest.fixture(scope="module")
def counts_nlp():
    return counts_pipeline()


# (text, the page widths it is wrapped at, the counts): each width puts a line break
# where a reading of the unwrapped text would lose the noun, the attendance or the sentence
WRAPPED = [
    ("Неудовлетворительные оценки по математике получили выпускники школ № 3, 8, 12, 15, "
     "21, 33, 40 и вечерней школы № 2 (5 человек).", (40, 60), {(5, "students")}),
    ("Итоговое сочинение по литературе в основной срок писали выпускники гимназии № 7 и "
     "лицея № 12 (в 2022 г. – 14 чел.).", (40, 60), {(14, "students")}),
    ("В Берёзовском районе в работе семинара для молодых специалистов приняли участие "
     "34 педагога.", (40, 60), {(34, "participants")}),
    ("Присутствовали: руководители МБОУ «Ольховская СОШ», МБОУ «Кедровская ООШ», "
     "кураторы школ, специалисты МБУ «Районный методический центр» – 17 человек.",
     (38, 50, 60), {(17, "participants")}),
    ("Количество просмотров записи вебинара на официальном сайте управления "
     "образования по состоянию на 1 декабря – 318.", (38, 54, 60), {(318, "views")}),
    ("Итоговое сочинение по литературе не написал 1 выпускник МБОУ «Липовская СОШ» "
     "(в 2022 г. - 14 чел.), его пересдача назначена на декабрь.", (40, 50, 60),
     {(1, "students"), (14, "students")}),
]
CASES = [(text, width, expected) for text, widths, expected in WRAPPED for width in widths]


@pytest.mark.parametrize("text,width,expected", CASES)
def test_counts_hard_wrapped_text_gives_the_same_counts(counts_nlp, text, width, expected):
    wrapped = textwrap.fill(text, width=width)
    assert "\n" in wrapped
    check(counts_nlp, text, expected)
    check(counts_nlp, wrapped, expected)


WRAP_POINTS = [
    ("приняли участие\n34 педагога", 1),
    ("руководители школ,\nМБОУ «Ольховская СОШ»", 1),
    ("на 1 декабря –\n318.", 1),
    ("на 1 декабря\n– 318.", 1),  # a dash and a number: no list of one number
    ("руководители МБОУ «Кедровская\nООШ», кураторы", 1),  # inside a quote
    ("Мероприятия года\n– семинар для кураторов", 0),  # a list item
    ("(в 2022 г.\n- 14 чел.)", 1),  # inside a parenthesis the line opened
    ("МБОУ «Липовская ООШ»\n– два.", 1),  # a dash and a number word alone
    ("не справился 1 выпускник\nМБОУ «Липовская СОШ»", 1),  # an abbreviation goes on
    ("12 школ Республики\nКарелия, из них три", 1),  # a place name goes on
    ("Итоги конкурса\nВ конкурсе участвовали 12 школ.", 0),  # a title above its text
    ("Количество участников\n45", 0),  # a label and its value cell
    ("Количество участников (чел.)\n45\n", 0),
    ("Итоги работы за год:\n1. Проведено 12 семинаров.", 0),  # a list item
    ("Итоги работы за год.\n12 семинаров проведено.", 0),  # a sentence ended
    ("Муниципальный этап\tУчастников\n2023\t45", 0),  # table rows
]


@pytest.mark.parametrize("text,expected", WRAP_POINTS)
def test_counts_soft_wraps_only_inside_running_text(counts_nlp, text, expected):
    assert len(soft_breaks(text_layer(counts_nlp(text)))) == expected


def test_counts_label_and_value_on_two_lines_stay_a_table_cell(counts_nlp):
    records = built(counts_nlp, "Отчёт о семинаре\nКоличество участников\n45\nФорма: очная")
    assert pairs(records) == {(45, "participants")}
