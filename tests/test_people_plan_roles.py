"""people: roles from plans and event reports: the «Ответственные» column, names in
table cells that are no signatures, runs of names in one order, speakers listed after
a colon and taking part in the present tense."""
from __future__ import annotations

import pytest
from test_people import by_surname, nlp, records  # noqa: F401  (nlp is a fixture)

PLAN = ("№ |\nМероприятия |\nСроки |\nОтветственные |\n1. |\nПодготовить отчёт |\nмай |\n"
        "Л.Н. Ершова Т.Т. Рябчиков О.О. Дягилева |\n2. |\nПровести семинар |\nиюнь |\n"
        "П.П. Сухов\n|\n")


def test_people_plan_responsible_column_organizes(nlp):
    found = by_surname(records(nlp, PLAN))
    assert {s: p.event_roles for s, p in found.items()} == {
        "Ершова": ["organizer"], "Рябчиков": ["organizer"], "Дягилева": ["organizer"],
        "Сухов": ["organizer"]}


def test_people_plan_without_column_header_gives_no_organizer(nlp):
    found = by_surname(records(nlp, PLAN.replace("Ответственные", "Примечание")))
    assert all("organizer" not in p.event_roles for p in found.values())


RUNS = [
    ("Л.Н. Ершова Т.Т. Рябчиков О.О. Дягилева", {"Ершова": "Л.Н.", "Рябчиков": "Т.Т.",
                                               "Дягилева": "О.О."}),
    ("Ершова Л.Н. Рябчиков Т.Т. Дягилева О.О.", {"Ершова": "Л.Н.", "Рябчиков": "Т.Т.",
                                               "Дягилева": "О.О."}),
]


@pytest.mark.parametrize("text,initials", RUNS)
def test_people_run_of_names_reads_in_one_order(nlp, text, initials):
    found = by_surname(records(nlp, text))
    assert {s: p.initials for s, p in found.items()} == initials


SPEAKING = [
    ("На семинаре выступили: Лебедева Л.А., методист ИРО; Дроздов М.В., учитель истории.",
     {"Лебедева": ["speaker"], "Дроздов": ["speaker"]}),
    ("В форуме участвует министр образования области Ольга Рябова.", {"Рябова": ["participant"]}),
    ("Ольга Рябова сообщила, что в программе участвуют три школы.", {"Рябова": ["speaker"]}),
    ("Заслушав информацию начальника отдела образования Л.В. Пестовой о ремонте школ, Совет "
     "решил:", {"Пестова": ["speaker"]}),
    ("Информация о конкурсе размещена на сайте. Ответственный — Л.В. Пестова.", {"Пестова": []}),
    ("С приветствием выступил глава района В.В.Ярцев, председатель Совета депутатов р.п. Озёрный "
     "Л.В.Юдина и начальник управления образования О.О.Лыкова.",
     {"Ярцев": ["speaker"], "Юдина": ["speaker"], "Лыкова": ["speaker"]}),
    ("Выступил глава района В.В.Ярцев. На встрече присутствовала Л.В.Юдина.",
     {"Ярцев": ["speaker"], "Юдина": ["participant"]}),
]


@pytest.mark.parametrize("text,roles", SPEAKING)
def test_people_speakers_after_colon_and_present_participation(nlp, text, roles):
    found = by_surname(records(nlp, text))
    assert {s: found[s].event_roles for s in roles} == roles


SENTENCE_AFTER_NAME = [
    ("Мастер-классы провели учителя химии Лавров М.А. и Гречко С.Д. Модератором круглого стола "
     "стала методист ИРО Алина Бойко.",
     {"Лавров": ["speaker"], "Гречко": ["speaker"], "Бойко": ["moderator"]}),
    ("Открытый урок провела Сомова Н.Н. Потом учителя обсудили урок.", {"Сомова": ["speaker"]}),
]


@pytest.mark.parametrize("text,roles", SENTENCE_AFTER_NAME)
def test_people_sentence_ends_after_surname_first_name(nlp, text, roles):
    found = by_surname(records(nlp, text))
    assert {s: found.get(s) and found[s].event_roles for s in roles} == roles


PRONOUN = [
    ("На совещание приехал директор департамента Павел Орлов. Он озвучил задачи на год.",
     {"Орлов": ["speaker"]}),
    ("Совещание прошло в школе Павла Орлова. Он построен в 1970 году.", {"Орлов": []}),
]


@pytest.mark.parametrize("text,roles", PRONOUN)
def test_people_pronoun_sentence_continues_last_person(nlp, text, roles):
    found = by_surname(records(nlp, text))
    assert {s: [r for r in found[s].event_roles if r == "speaker"] for s in roles} == roles


RESULTS = [
    ("Утвердить решение жюри:\n1 место – Ласточкина Дарья, МБОУ СОШ №4;\n2 место – Ивлев Пётр "
     "Сергеевич, МБОУ Гимназия.", {"Ласточкина": ["participant"], "Ивлев": ["participant"]}),
    ("Победителем олимпиады стала Ласточкина Д.Д.", {"Ласточкина": ["participant"]}),
]


@pytest.mark.parametrize("text,roles", RESULTS)
def test_people_contest_results_name_participants(nlp, text, roles):
    found = by_surname(records(nlp, text))
    assert {s: found[s].event_roles for s in roles} == roles


def test_people_title_opening_a_sentence_is_the_titled_person(nlp):
    text = ("Участники получили видеообращение министра образования области Сергея Кравченко. "
            "Министр подчеркнул важность работы.")
    assert by_surname(records(nlp, text))["Кравченко"].event_roles == ["speaker"]


TAUGHT_BY = [
    ("На уроках, подготовленных учителями физики Громовой А.А. и Зиминой Б.Б., присутствовали "
     "родители.", {"Громова": ["speaker"], "Зимина": ["speaker"]}),
    ("Проект, подготовленный Громовой А.А., одобрен советом.", {"Громова": []}),
]


@pytest.mark.parametrize("text,roles", TAUGHT_BY)
def test_people_lesson_given_by_names_in_instrumental(nlp, text, roles):
    found = by_surname(records(nlp, text))
    assert {s: found[s].event_roles for s in roles} == roles
