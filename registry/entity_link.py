"""Which rows are one school or one person: a Splink model (DuckDB backend).

Splink scores each candidate pair as a Fellegi-Sunter model: every comparison
(surname, initials, first name, organisation, region …; type, number, proper
name, locality …) has levels, each with the probability ``m`` of that level
among true matches and ``u`` among non-matches; the pair's match weight is the
sum of log2(m/u), and Splink's connected components over pairs above
``THRESHOLDS`` make the clusters. Candidate pairs come from blocking rules (SQL
on the normalised keys of registry/entity_keys.py), so the work grows with the
records sharing a block, not with the square of the registry.

The m and u values are set here rather than estimated by EM: a registry starts
with a handful of documents, where EM has too few pairs to converge, and fixed
values give the same answer on every run (``relink`` after a rule change is
reproducible). They are read off the measurements in bench/ and the tests'
generated archive; on a large registry ``linker.training`` could estimate them.
The same settings run on Spark (splink's SparkAPI) where one machine is not enough.
"""
from __future__ import annotations

import logging
from typing import Any

import pandas as pd

THRESHOLDS = {"person": 0.95, "school": 0.85}


def level(kind: str, column: str, m: float, u: float, threshold: float = 0.0) -> Any:
    import splink.comparison_level_library as cll

    if kind == "exact":
        made = cll.ExactMatchLevel(column)
    elif kind == "damerau":
        made = cll.DamerauLevenshteinLevel(column, int(threshold))
    elif kind == "jaro_winkler":
        made = cll.JaroWinklerLevel(column, threshold)
    else:
        made = cll.ElseLevel()
    return made.configure(m_probability=m, u_probability=u)


PERSON_COMPARISONS = (
    ("surname", ("exact", 0.90, 0.0005), ("damerau", 0.08, 0.001, 1), ("else", 0.02, 0.9985)),
    ("first_initial", ("exact", 0.97, 0.07), ("else", 0.03, 0.93)),
    ("patronymic_initial", ("exact", 0.97, 0.07), ("else", 0.03, 0.93)),
    ("first_name", ("exact", 0.93, 0.01), ("jaro_winkler", 0.05, 0.01, 0.88), ("else", 0.02, 0.98)),
    ("patronymic", ("exact", 0.93, 0.01), ("jaro_winkler", 0.05, 0.01, 0.88), ("else", 0.02, 0.98)),
    ("organization", ("exact", 0.6, 0.01), ("else", 0.4, 0.99)),
    ("region", ("exact", 0.9, 0.2), ("else", 0.01, 0.8)),
)
PERSON_BLOCKS = ("l.surname = r.surname",
                 "l.first_initial = r.first_initial AND l.patronymic_initial = r.patronymic_initial "
                 "AND substr(l.surname, 1, 3) = substr(r.surname, 1, 3)",
                 "l.first_initial = r.first_initial AND l.patronymic_initial = r.patronymic_initial "
                 "AND l.surname_end = r.surname_end AND l.region = r.region",
                 "l.first_name = r.first_name AND l.patronymic = r.patronymic AND l.region = r.region")
SCHOOL_COMPARISONS = (
    ("number", ("exact", 0.95, 0.01), ("else", 0.001, 0.99)),
    ("type", ("exact", 0.9, 0.2), ("else", 0.1, 0.8)),
    ("name", ("exact", 0.85, 0.0002), ("damerau", 0.1, 0.0003, 1), ("else", 0.05, 0.9995)),
    ("locality", ("exact", 0.95, 0.01), ("jaro_winkler", 0.04, 0.02, 0.92), ("else", 0.01, 0.97)),
    ("region", ("exact", 0.95, 0.2), ("else", 0.005, 0.8)),
)
SCHOOL_BLOCKS = ("l.number = r.number AND l.locality = r.locality",
                 "l.number = r.number AND l.type = r.type AND l.region = r.region",
                 "l.name = r.name",
                 "substr(l.name, 1, 4) = substr(r.name, 1, 4) AND l.type = r.type AND l.region = r.region",
                 "l.name_end = r.name_end AND l.type = r.type AND l.region = r.region")
MODELS = {"person": (PERSON_COMPARISONS, PERSON_BLOCKS, 1e-3),
          "school": (SCHOOL_COMPARISONS, SCHOOL_BLOCKS, 1e-3)}


def settings(kind: str) -> Any:
    """Splink settings of a kind: a null level, then the levels above, per comparison."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    comparisons, blocks, prior = MODELS[kind]
    made = []
    for column, *levels in comparisons:
        built = [cll.NullLevel(column)]
        for name, m, u, *threshold in levels:
            built.append(level(name, column, m, u, *(threshold or [0.0])))
        made.append(cl.CustomComparison(output_column_name=column, comparison_levels=built))
    return SettingsCreator(link_type="dedupe_only", comparisons=made, blocking_rules_to_generate_predictions=list(blocks),
                           probability_two_random_records_match=prior, retain_matching_columns=False)


def clusters(frame: pd.DataFrame, kind: str, threshold: float | None = None) -> dict[Any, Any]:
    """``unique_id`` -> the ``unique_id`` of its cluster's representative, for
    every row of ``frame`` (a row alone is its own cluster). Empty strings count
    as unknown."""
    if frame.empty:
        return {}
    if len(frame) == 1:
        only = frame["unique_id"].iloc[0]
        return {only: only}
    from splink import DuckDBAPI, Linker

    threshold = THRESHOLDS[kind] if threshold is None else threshold
    frame = frame.replace({"": None})
    api = DuckDBAPI()
    linker = Linker(api.register(frame), settings(kind), log_level=logging.WARNING)
    pairs = linker.inference.predict(threshold_match_probability=threshold)
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(pairs, threshold)
    result = clustered.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    return dict(zip(result["unique_id"], result["cluster_id"]))


def person_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Splink's input for people: ``rows`` have id, surname, first_name,
    patronymic, initials, organization, region."""
    from registry.entity_keys import fold, organization_key, person_key

    out = []
    for row in rows:
        key = person_key(row.get("surname"), row.get("first_name"), row.get("patronymic"), row.get("initials"))
        out.append({"unique_id": row["id"], "surname": key.surname, "first_initial": key.first_initial,
                    "patronymic_initial": key.patronymic_initial, "first_name": key.first_name,
                    "patronymic": key.patronymic, "organization": organization_key(row.get("organization")),
                    "surname_end": key.surname[-3:],
                    "region": fold(row.get("region"))})
    return pd.DataFrame(out, columns=["unique_id", "surname", "first_initial", "patronymic_initial",
                                      "first_name", "patronymic", "organization", "surname_end", "region"])


def school_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Splink's input for schools: ``rows`` have id, mention, type, number,
    name, locality, municipality, region (the last two of the document)."""
    from registry.entity_keys import LOCALITY_MARKS, fold, lemma, school_key, take_locality, words

    out = []
    for row in rows:
        key = school_key(row.get("mention"), type=row.get("type"), number=row.get("number"),
                         name=row.get("name"), locality=row.get("locality"))
        place = key.locality or take_locality(row.get("municipality") or "")[0] or " ".join(
            lemma(w, "Geox") for w in words(row.get("municipality")) if w not in LOCALITY_MARKS)
        out.append({"unique_id": row["id"], "type": key.type or "", "number": key.number or "",
                    "name": key.name, "name_end": key.name[-6:], "locality": place, "region": fold(row.get("region"))})
    return pd.DataFrame(out, columns=["unique_id", "type", "number", "name", "name_end", "locality", "region"])
