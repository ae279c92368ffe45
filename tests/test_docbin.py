"""pipeline/docbin.py: a processed Doc with all its mentions goes through spaCy's
DocBin and comes back with the same mentions, spans and records; typed and
generic mention attributes survive the trip as values of the same types."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractors.base import all_stored
from pipeline.assemble import assemble
from pipeline.docbin import decode, encode, from_bytes, to_bytes
from schemas.mention import Mention
from schemas.mention_attrs import (ActionRowAttrs, Attrs, DoctypeCueAttrs, EventDateAttrs,
                                   EventKindAttrs, EventValueAttrs, MunicipalityAttrs,
                                   PersonAttrs, PersonSlot, RegionAttrs, SchoolAttrs,
                                   SectionAttrs, SurnameReading)
from schemas.mention_attrs import CountAttrs, OrgAttrs, is_typed
from schemas.mention_attrs import DateAttrs, DecisionAttrs, PeriodAttrs
from schemas.records import DocumentInfo

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SNIPPET = ("ПРОТОКОЛ\nзаседания методического совета\n12.03.2024 г. Ключевск\n"
           "Присутствовали: 14 педагогов МБОУ СОШ № 3 г. Ключевска.\n"
           "СЛУШАЛИ:\nПетрову Анну Сергеевну, директора школы.\nРЕШИЛИ:\n"
           "1. Провести семинар «Читаем вместе» до 01.04.2024.\n")


def round_trip(nlp, doc):
    (back,) = from_bytes(to_bytes([doc]), nlp.vocab)
    return back


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_docbin_corpus_records_rebuilt_identical(extractor, path):
    text = path.read_text(encoding="utf-8")
    doc = extractor.process(text)
    info = DocumentInfo(id=path.stem, source=path.name)
    back = round_trip(extractor.nlp, doc)
    assert back.text == text
    assert all_stored(back) == all_stored(doc)
    assert assemble(back, info).model_dump_json() == assemble(doc, info).model_dump_json()


@pytest.mark.seeds
def test_docbin_real_documents_records_rebuilt_identical(extractor, realdev_dir):
    """The real documents (outside the repository) reach more of every family's code."""
    differ = []
    for path in sorted(realdev_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = extractor.process(text)
        info = DocumentInfo(id=path.stem, source=path.name)
        back = round_trip(extractor.nlp, doc)
        if assemble(back, info) != assemble(doc, info) or all_stored(back) != all_stored(doc):
            differ.append(path.name)
    assert differ == []


def test_docbin_span_views_kept(extractor):
    doc = extractor.process(SNIPPET)
    back = round_trip(extractor.nlp, doc)
    assert {k: [(s.start_char, s.end_char, s.label_) for s in g] for k, g in back.spans.items()} \
        == {k: [(s.start_char, s.end_char, s.label_) for s in g] for k, g in doc.spans.items()}


def test_docbin_leaves_the_written_doc_unchanged(extractor):
    doc = extractor.process(SNIPPET)
    before = dict(doc.user_data)
    to_bytes([doc])
    assert doc.user_data == before


def test_docbin_several_docs_in_order(extractor):
    docs = [extractor.process(t) for t in (SNIPPET, "Семинар прошёл 5 мая 2023 года в Ключевске.")]
    back = from_bytes(to_bytes(docs), extractor.nlp.vocab)
    assert [d.text for d in back] == [d.text for d in docs]
    assert [all_stored(d) for d in back] == [all_stored(d) for d in docs]


TYPED = [
    SectionAttrs(kind="decisions", body_start=42),
    RegionAttrs(name="Озёрская область", via="capital"),
    MunicipalityAttrs(name="Ключевский муниципальный район", key="ключевский", city=False),
    SchoolAttrs(type="СОШ", number="3", locality="г. Ключевск", legal_form="МБОУ"),
    ActionRowAttrs(columns={"text": ((10, 20), (25, 31)), "n": ((8, 9),)},
                   date_start_span=(40, 50), date_start=dt.date(2024, 4, 1)),
    EventKindAttrs(value="методический семинар", singular=True),
    EventValueAttrs(value="12:30"),
    EventDateAttrs(value=dt.date(2024, 3, 12)),
    EventDateAttrs(value=None),
    DoctypeCueAttrs(type="protocol", weight=3.0, scope="title"),
    PersonAttrs(source="pattern", surname="Петрову", surname_span=(5, 12), initials="А.С.",
                initials_span=(13, 17), expected_cases=("accs", "datv"),
                gender_votes={"femn": 2, "masc": 1},
                position=PersonSlot("директор школы", (20, 34), 2),
                roles=(PersonSlot("speaker", (0, 4)),),
                readings=(SurnameReading("Петрова", "петров", "femn", "accs", True, 4.5),
                          SurnameReading("Петров", "петров", "masc", "datv", True, 3.0))),
]


@pytest.mark.parametrize("attrs", TYPED, ids=lambda a: type(a).__name__)
def test_docbin_typed_attrs_round_trip_as_json(attrs):
    import json

    back = Attrs.from_dict(json.loads(json.dumps(attrs.to_dict())))
    assert back == attrs and type(back) is type(attrs)


def test_docbin_typed_attrs_read_as_mapping():
    attrs = SectionAttrs(kind="heard", body_start=7)
    assert (attrs["kind"], attrs.get("body_start"), attrs.get("missing"), dict(attrs)) == (
        "heard", 7, None, {"kind": "heard", "body_start": 7})


def test_docbin_typed_attrs_restore_their_types():
    back = ActionRowAttrs.from_dict(TYPED[4].to_dict())
    assert isinstance(back.columns["text"][0], tuple) and isinstance(back.date_start, dt.date)


def test_docbin_typed_attrs_refuse_another_class():
    with pytest.raises(TypeError):
        SectionAttrs.from_dict(RegionAttrs(name="Озёрская область", via="subject").to_dict())


@pytest.mark.parametrize("value", [re.match("a", "a"), {1, 2}, ("ok", object())],
                         ids=["regex match", "set", "object in a tuple"])
def test_docbin_typed_attrs_refuse_live_objects(value):
    with pytest.raises(TypeError):
        EventValueAttrs(value=value)


def test_docbin_mention_keeps_typed_or_keyword_attrs_not_both():
    with pytest.raises(TypeError):
        Mention.of("Ключевск", "X", 0, 8, "test", 1.0, attrs=EventValueAttrs("Ключевск"), value="x")


@dataclass(frozen=True)
class Outside:  # a dataclass of the tests, not of extractors: never rebuilt by name
    value: str


GENERIC = [
    {"value": dt.date(2024, 3, 12), "role": "deadline", "year_inferred": False},
    {"span": (3, 9), "notes": ("a", "b"), "empty": None, "count": 1.5},
    {"cases": frozenset({"gent", "datv"}), "votes": Counter({"femn": 2}), "seen": {1, 2}},
    {"nested": {(1, 2): [("x", 3)]}, "typed": SectionAttrs(kind="title", body_start=0)},
]


@pytest.mark.parametrize("attrs", GENERIC, ids=range(len(GENERIC)))
def test_docbin_generic_attrs_round_trip(attrs):
    import json

    assert decode(json.loads(json.dumps(encode(attrs)))) == attrs


def extractor_dataclass():
    from extractors.people.titles import Slot  # a dataclass of ours, yet not typed attrs

    return Slot("директор", 4, 12)


@pytest.mark.parametrize("value", [re.match("a", "a"), Outside("x"), object(), "slot"],
                         ids=["regex match", "foreign dataclass", "object", "extractor dataclass"])
def test_docbin_generic_attrs_refuse_live_objects(value):
    with pytest.raises(TypeError):
        encode({"hit": extractor_dataclass() if value == "slot" else value})


def test_docbin_refuses_a_class_named_in_the_bytes():
    with pytest.raises(ValueError):
        decode({"@dataclass": "os:PathLike", "fields": {}})



PEOPLE_TEXTS = [
    "Семинар открыла директор гимназии № 2 Ключевска Сорокина Вера Ильинична.",
    "Слушали: Завьялову О.П., заместителя начальника управления образования.",
]


@pytest.mark.parametrize("text", PEOPLE_TEXTS, ids=range(len(PEOPLE_TEXTS)))
def test_docbin_people_round_trip_typed(extractor, text):
    """People's mentions go through their own typed attributes (PersonAttrs)."""
    from pipeline.docbin import encode_mentions

    doc = extractor.process(text)
    people = encode_mentions(doc)["people"]
    assert people and all(d["attrs"]["@attrs"] == "PersonAttrs" for d in people)
    assert "@dataclass" not in repr(people)
    back = round_trip(extractor.nlp, doc)
    assert all(isinstance(m.attrs, PersonAttrs) for m in all_stored(back)["people"])
    assert all_stored(back)["people"] == all_stored(doc)["people"]


COUNT_ORG_TYPED = [
    CountAttrs(value=52, what="participants", unit="человек", number=(30, 32), noun=(33, 40),
               evidence=(12, 40)),
    CountAttrs(value=129, what="students", unit=None, number=(61, 64), noun=(14, 24),
               evidence=(0, 64), itemised=True),
    CountAttrs(value=5, what="schools", unit="школа", number=(31, 32), noun=(17, 21),
               evidence=(24, 42), borrowed=True),
    OrgAttrs(name="Управление образования администрации Ключевского района", via="phrase"),
    OrgAttrs(name="Кленовский институт развития образования", via="phrase", abbreviation="КИРО"),
]


@pytest.mark.parametrize("attrs", COUNT_ORG_TYPED, ids=lambda a: type(a).__name__)
def test_docbin_count_and_org_attrs_round_trip_as_json(attrs):
    import json

    back = Attrs.from_dict(json.loads(json.dumps(attrs.to_dict())))
    assert back == attrs and type(back) is type(attrs)


@pytest.mark.parametrize("family", ["counts", "organizations"])
def test_docbin_counts_and_organizations_stored_typed(extractor, family):
    """Their mentions go through the typed ``to_dict``, not the generic codec, and come
    back as the same typed attributes."""
    from pipeline.docbin import encode_mentions

    text = ("Управление образования администрации Ключевского района провело семинар. "
            "На семинаре присутствовали 52 педагога из 14 школ.")
    doc = extractor.process(text)
    stored = encode_mentions(doc)[family]
    assert stored and all(is_typed(m["attrs"]) for m in stored)
    back = round_trip(extractor.nlp, doc)
    assert [m.attrs for m in all_stored(back)[family]] == [m.attrs for m in all_stored(doc)[family]]


DATE_DECISION_TYPED = [
    DateAttrs(value=dt.date(2024, 4, 1), role="deadline"),
    DateAttrs(value=dt.date(2023, 5, 6), role="range_start", year_inferred=True,
              notes=("year 2023 inferred from the context",)),
    PeriodAttrs(kind="months", year_start=2023, year_end=2024, month_start=11, month_end=2),
    PeriodAttrs(kind="school_year", year_start=2023, year_end=2024),
    PeriodAttrs(kind="month", month_start=3, month_end=3),
    DecisionAttrs(origin="list", responsible="управление образования", responsible_span=(12, 35),
                  deadline=dt.date(2024, 9, 1), deadline_span=(60, 70)),
    DecisionAttrs(origin="prose", open_deadline_span=(40, 54)),
]


@pytest.mark.parametrize("attrs", DATE_DECISION_TYPED, ids=lambda a: type(a).__name__)
def test_docbin_date_and_decision_attrs_round_trip_as_json(attrs):
    import json

    back = Attrs.from_dict(json.loads(json.dumps(attrs.to_dict())))
    assert back == attrs and type(back) is type(attrs)


def test_docbin_date_and_decision_attrs_restore_dates_and_spans():
    date = DateAttrs.from_dict(DATE_DECISION_TYPED[1].to_dict())
    decision = DecisionAttrs.from_dict(DATE_DECISION_TYPED[5].to_dict())
    assert (type(date.value), type(date.notes), type(decision.deadline),
            type(decision.responsible_span)) == (dt.date, tuple, dt.date, tuple)


DATED_DECISIONS = ("ПРОТОКОЛ\nсовещания руководителей школ Ключевского района\n"
                   "от 14 марта 2024 года\nВ 2023-2024 учебном году и в апреле проведено 3 семинара.\n"
                   "РЕШИЛИ:\n1. Управлению образования провести конкурс «Учитель года» "
                   "с 6 по 8 мая 2024 года.\n"
                   "2. Руководителям школ представить отчёты в срок до 01.06.2024.\n"
                   "3. Методистам информировать педагогов ежеквартально.\n")


@pytest.mark.parametrize("family, classes", [
    ("dates", {"DateAttrs", "PeriodAttrs"}),
    ("decisions", {"DecisionAttrs"}),
])
def test_docbin_dates_and_decisions_stored_typed(extractor, family, classes):
    """Dates' and decisions' mentions go through their typed ``to_dict`` (dates as ISO
    strings), not the generic codec's ``@date`` tags, and come back as the same typed
    attributes."""
    from pipeline.docbin import encode_mentions

    doc = extractor.process(DATED_DECISIONS)
    stored = encode_mentions(doc)[family]
    assert {m["attrs"].get("@attrs") for m in stored} == classes
    assert "@date" not in repr(stored)
    back = round_trip(extractor.nlp, doc)
    assert [m.attrs for m in all_stored(back)[family]] == [m.attrs for m in all_stored(doc)[family]]


def test_docbin_decision_deadline_comes_back_as_a_date(extractor):
    doc = extractor.process(DATED_DECISIONS)
    back = round_trip(extractor.nlp, doc)
    decisions = all_stored(back)["decisions"]
    assert [(m.attrs.deadline, m.attrs.open_deadline_span is not None) for m in decisions] == [
        (dt.date(2024, 5, 8), False), (dt.date(2024, 6, 1), False), (None, True)]
    assert all(type(m.attrs.deadline_span) is tuple for m in decisions if m.attrs.deadline)
