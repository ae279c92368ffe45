"""The scorer: matching rules per field and the P/R/F1 table."""
from __future__ import annotations

from pipeline.evaluate import DocumentResult, summary, table
from pipeline.scoring import norm, score_document, score_people, score_schools, score_texts


def gold_doc(**fields):
    base = {"id": "t", "source_url": None, "doc_type": "protocol",
            "event": {k: None for k in ("kind", "title", "format", "date_start", "date_end", "place")},
            "region": None, "municipality": None, "dates": [], "people": [], "schools": [],
            "organizations": [], "counts": [], "decisions": []}
    base.update(fields)
    return base


def by_field(scores):
    return {s.field: s for s in scores}


def test_scoring_norm_folds_case_quotes_and_yo():
    assert norm("МБОУ «Озёрная СОШ»") == norm('мбоу "озерная сош"')


def test_scoring_people_match_on_surname_and_initials():
    gold = [{"surname": "Петрова", "initials": "А.С.", "position": "директор", "event_roles": ["speaker"]}]
    pred = [{"surname": "Петрова", "initials": "А. С.", "position": "директор", "event_roles": ["speaker"]},
            {"surname": "Петров", "initials": "А.С.", "position": None, "event_roles": []}]
    scores = by_field(score_people(gold, pred))
    assert (scores["people"].tp, scores["people"].fp, scores["people"].fn) == (1, 1, 0)
    assert scores["people.position"].tp == 1
    assert scores["people.roles"].tp == 1


def test_scoring_people_conflicting_initials_still_match():
    gold = [{"surname": "Орлова", "initials": "И.Н.", "event_roles": []}]
    pred = [{"surname": "Орлова", "initials": "И.М.", "event_roles": []}]
    assert by_field(score_people(gold, pred))["people"].tp == 1


def test_scoring_schools_match_by_number_regardless_of_mention():
    gold = [{"mention": "СОШ № 3 им. Е.П. Лаптева", "type": "СОШ", "number": "3", "name": "им. Е.П. Лаптева"}]
    pred = [{"mention": "СОШ №3", "type": "СОШ", "number": "3", "name": None}]
    scores = by_field(score_schools(gold, pred))
    assert scores["schools"].tp == 1 and scores["schools.type"].tp == 1


def test_scoring_decisions_match_by_word_overlap():
    gold = [{"text": "Кураторам подготовить отчёт в срок до 01.12.2022.", "responsible": "кураторы",
             "deadline": "2022-12-01"}]
    pred = [{"text": "Кураторам подготовить отчёт в срок до 01.12.2022", "responsible": "кураторы",
             "deadline": None},
            {"text": "Совсем другое решение о сроках", "responsible": None, "deadline": None}]
    scores = by_field(score_texts("decisions", gold, pred, ("responsible", "deadline")))
    assert (scores["decisions"].tp, scores["decisions"].fp) == (1, 1)
    assert scores["decisions.responsible"].tp == 1
    assert scores["decisions.deadline"].fn == 1


def test_scoring_single_valued_field_counts_wrong_value_as_fp_and_fn():
    scores = by_field(score_document(gold_doc(region="Тульская область"),
                                     gold_doc(region="Орловская область")))
    assert (scores["region"].tp, scores["region"].fp, scores["region"].fn) == (0, 1, 1)


def test_scoring_summary_computes_f1():
    scores = score_document(gold_doc(dates=["2022-01-10", "2022-01-11"]),
                            gold_doc(dates=["2022-01-10", "2022-03-01"]))
    frame = table([DocumentResult("t", "c", "protocol", scores, {})])
    row = summary(frame).set_index("field").loc["dates"]
    assert (row.precision, row.recall, row.f1) == (0.5, 0.5, 0.5)


def test_scoring_actions_scored_only_when_gold_has_them():
    fields = by_field(score_document(gold_doc(), gold_doc(actions=[{"text": "x"}])))
    assert "actions" not in fields
