"""Field-by-field comparison of a predicted gold-format dict with the gold one.

Every field yields true positives, false positives and false negatives plus
the unmatched items on each side, so the harness can print both scores and a
readable diff. Text is compared after ``norm`` (case, ё, quotes, spaces).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

WORD = re.compile(r"\w+")
QUOTES = re.compile(r"[«»\"“”„'`]")
SPACE = re.compile(r"\s+")
TEXT_MATCH_THRESHOLD = 0.5
SINGLE_FIELDS = ("doc_type", "region", "municipality")
EVENT_FIELDS = ("kind", "title", "format", "date_start", "date_end", "place")


@dataclass
class FieldScore:
    field: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missing: list[Any] = field(default_factory=list)
    extra: list[Any] = field(default_factory=list)


def norm(value: Any) -> str:
    if value is None:
        return ""
    text = QUOTES.sub("", str(value)).replace("ё", "е").replace("Ё", "Е").lower()
    text = text.replace("–", "-").replace("—", "-")
    text = re.sub(r"\s*([.,№-])\s*", r"\1", text)
    return SPACE.sub(" ", text).strip(" .")


def score_single(name: str, gold: Any, pred: Any) -> FieldScore:
    s = FieldScore(name)
    g, p = norm(gold), norm(pred)
    if g and p and g == p:
        s.tp = 1
    else:
        if g:
            s.fn, s.missing = 1, [gold]
        if p:
            s.fp, s.extra = 1, [pred]
    return s


def score_multiset(name: str, gold: Iterable[Any], pred: Iterable[Any],
                   key: Callable[[Any], Any] = norm) -> FieldScore:
    s = FieldScore(name)
    g = Counter(key(x) for x in gold)
    p = Counter(key(x) for x in pred)
    s.tp = sum((g & p).values())
    s.missing = sorted(map(str, (g - p).elements()))
    s.extra = sorted(map(str, (p - g).elements()))
    s.fn, s.fp = len(s.missing), len(s.extra)
    return s


def greedy_pairs(gold: list[Any], pred: list[Any],
                 similarity: Callable[[Any, Any], float], threshold: float) -> list[tuple[int, int]]:
    """Pairs (gold index, pred index), best similarity first, each item used once."""
    scored = sorted(((similarity(g, p), i, j) for i, g in enumerate(gold)
                     for j, p in enumerate(pred)), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for sim, i, j in scored:
        if sim < threshold:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score_matched(name: str, gold: list[Any], pred: list[Any], pairs: list[tuple[int, int]],
                  show: Callable[[Any], str]) -> FieldScore:
    s = FieldScore(name, tp=len(pairs))
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    s.missing = [show(g) for i, g in enumerate(gold) if i not in matched_g]
    s.extra = [show(p) for j, p in enumerate(pred) if j not in matched_p]
    s.fn, s.fp = len(s.missing), len(s.extra)
    return s


def score_attribute(name: str, gold: list[dict], pred: list[dict], pairs: list[tuple[int, int]],
                    attr: str, show: Callable[[Any], str]) -> FieldScore:
    """Compare one attribute over matched pairs (a null on both sides is not counted)."""
    s = FieldScore(name)
    for i, j in pairs:
        g, p = norm(gold[i].get(attr)), norm(pred[j].get(attr))
        if g and g == p:
            s.tp += 1
            continue
        if g:
            s.fn += 1
            s.missing.append(f"{show(gold[i])}: {gold[i].get(attr)}")
        if p:
            s.fp += 1
            s.extra.append(f"{show(pred[j])}: {pred[j].get(attr)}")
    return s


def words(text: Any) -> set[str]:
    return set(WORD.findall(norm(text)))


def text_similarity(a: Any, b: Any) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def initials_key(value: Any) -> str:
    return "".join(ch for ch in norm(value) if ch.isalpha())


def person_similarity(g: dict, p: dict) -> float:
    if norm(g.get("surname")) != norm(p.get("surname")):
        return 0.0
    gi, pi = initials_key(g.get("initials")), initials_key(p.get("initials"))
    if gi == pi:
        return 1.0
    return 0.6 if gi[:1] == pi[:1] else 0.5


def show_person(p: dict) -> str:
    return f"{p.get('surname')} {p.get('initials') or ''}".strip()


def school_key(s: dict) -> str:
    if s.get("number"):
        return f"№{norm(s['number'])}"
    name = norm(s.get("name"))
    if name:
        return name.split(" ")[0]
    return norm(s.get("mention"))


def school_similarity(g: dict, p: dict) -> float:
    return 1.0 if school_key(g) == school_key(p) else 0.0


def show_school(s: dict) -> str:
    return f"{s.get('mention')} [{school_key(s)}]"


def show_text(d: dict) -> str:
    return str(d.get("text"))[:90]


def roles(people: list[dict], pairs_owner: Callable[[int], str]) -> list[str]:
    return [f"{pairs_owner(i)}:{r}" for i, p in enumerate(people) for r in p.get("event_roles") or []]


def score_people(gold: list[dict], pred: list[dict]) -> list[FieldScore]:
    pairs = greedy_pairs(gold, pred, person_similarity, 0.5)
    owner_of_pred = {j: show_person(gold[i]) for i, j in pairs}
    scores = [score_matched("people", gold, pred, pairs, show_person)]
    for attr in ("position", "organization"):
        scores.append(score_attribute(f"people.{attr}", gold, pred, pairs, attr, show_person))
    gold_roles = roles(gold, lambda i: show_person(gold[i]))
    pred_roles = roles(pred, lambda j: owner_of_pred.get(j, show_person(pred[j])))
    scores.append(score_multiset("people.roles", gold_roles, pred_roles, key=str))
    return scores


def score_schools(gold: list[dict], pred: list[dict]) -> list[FieldScore]:
    pairs = greedy_pairs(gold, pred, school_similarity, 1.0)
    return [score_matched("schools", gold, pred, pairs, show_school),
            score_attribute("schools.type", gold, pred, pairs, "type", show_school)]


def score_texts(name: str, gold: list[dict], pred: list[dict],
                attrs: tuple[str, ...]) -> list[FieldScore]:
    pairs = greedy_pairs(gold, pred, lambda g, p: text_similarity(g["text"], p["text"]),
                         TEXT_MATCH_THRESHOLD)
    scores = [score_matched(name, gold, pred, pairs, show_text)]
    scores += [score_attribute(f"{name}.{a}", gold, pred, pairs, a, show_text) for a in attrs]
    return scores


def count_key(c: dict) -> str:
    return f"{c.get('value')} {c.get('what')}"


def score_document(gold: dict, pred: dict) -> list[FieldScore]:
    scores = [score_single(f, gold.get(f), pred.get(f)) for f in SINGLE_FIELDS]
    g_event, p_event = gold.get("event") or {}, pred.get("event") or {}
    scores += [score_single(f"event.{f}", g_event.get(f), p_event.get(f)) for f in EVENT_FIELDS]
    scores.append(score_multiset("dates", gold.get("dates") or [], pred.get("dates") or []))
    scores += score_people(gold.get("people") or [], pred.get("people") or [])
    scores += score_schools(gold.get("schools") or [], pred.get("schools") or [])
    scores.append(score_multiset("organizations", gold.get("organizations") or [],
                                 pred.get("organizations") or []))
    scores.append(score_multiset("counts", gold.get("counts") or [], pred.get("counts") or [],
                                 key=count_key))
    scores += score_texts("decisions", gold.get("decisions") or [], pred.get("decisions") or [],
                          ("responsible", "deadline"))
    if "actions" in gold:
        scores += score_texts("actions", gold.get("actions") or [], pred.get("actions") or [],
                              ("date_start", "date_end"))
    return scores
