"""event: the event's format, time, platform and links."""
from __future__ import annotations

import pytest
from event_support import NEWS, PROTOCOL, REPORT, built


@pytest.mark.parametrize("text,fmt", [
    (REPORT, "дистанционный"),
    (PROTOCOL, "дистанционный"),
    (NEWS, None),
    ("Отчёт о проведении семинара\n\nСеминар «Успех» прошёл в очном формате.\n", "очный"),
    ("Отчёт о проведении конференции\n\nКонференция «Рост» (смешанный формат: "
     "очно-дистанционный).\n", "смешанный"),
    ("Информация о проведении вебинара\n\nВебинар «Формирующее оценивание» для учителей.\n",
     "дистанционный"),
])
def test_event_format(nlp, text, fmt):
    assert built(nlp, text).format == fmt


def test_event_time_platform_and_links(nlp):
    found = built(nlp, PROTOCOL)
    assert (found.time, found.platform) == ("14:30", "Сферум")
    assert built(nlp, REPORT).links == ["https://example.org/live"]


@pytest.mark.parametrize("text,fmt", [
    ("Семинар для завучей\n3 марта 2023 г. прошёл семинар. Участники собрались в актовом зале "
     "МАОУ «Гимназия № 18».\n", "очный"),
    ("Семинар для завучей\n3 марта 2023 г. на базе МАОУ «Гимназия № 18» прошёл семинар.\n", None),
    ("Совещание кураторов\n3 марта 2023 г. прошло совещание очно и в режиме ВКС.\n", "смешанный"),
    ("Совещание кураторов\n3 марта 2023 г. прошло совещание в актовом зале, часть участников "
     "подключилась дистанционно.\n", "смешанный"),
    ("Совещание кураторов\n3 марта 2023 г. прошло совещание в режиме ВКС.\n", "дистанционный"),
])
def test_event_format_from_participation(nlp, text, fmt):
    assert built(nlp, text).format == fmt


@pytest.mark.parametrize("text,fmt", [
    ("Совещание кураторов\n3 марта 2023 г. совещание прошло очно. Представители сельских школ "
     "подключились по ВКС.\n", "смешанный"),
    ("Совещание кураторов\n3 марта 2023 г. совещание прошло в режиме ВКС. Школы подключились "
     "по ВКС.\n", "дистанционный"),
])
def test_event_remote_joiners_make_an_in_person_event_mixed(nlp, text, fmt):
    assert built(nlp, text).format == fmt
