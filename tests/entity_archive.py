"""A generated archive of school and person mentions with known entities, for
measuring the linker (tests/test_entities_link.py, bench/): name variants,
cases, abbreviations, typos, the same school number in different towns,
namesakes in different regions. ``pairwise`` scores clusters against the truth."""
from __future__ import annotations

import random
from itertools import combinations
from typing import Any

REGIONS = {  # region -> towns (nominative, genitive)
    "Тамбовская область": [("Тамбов", "Тамбова"), ("Мичуринск", "Мичуринска"), ("Кирсанов", "Кирсанова")],
    "Ивановская область": [("Ковров", "Коврова"), ("Рузаевка", "Рузаевки"), ("Ардатов", "Ардатова")],
    "Костромская область": [("Кострома", "Костромы"), ("Кузнецк", "Кузнецка"), ("Каменка", "Каменки")],
}
ADJECTIVES = [("Ольховская", "Ольховской"), ("Покровская", "Покровской"), ("Липовская", "Липовской"),
              ("Берёзовская", "Берёзовской"), ("Знаменская", "Знаменской"), ("Троицкая", "Троицкой"),
              ("Октябрьская", "Октябрьской"), ("Дубравная", "Дубравной")]
# People: a surname and, per region, a first name and patronymic with the same
# initials, so «Белогоров Д.А.» in two regions are two namesakes.
MEN = [("Белогоров", ("Дмитрий", "Денис", "Даниил"), ("Александрович", "Алексеевич", "Андреевич")),
       ("Иванов", ("Сергей", "Степан", "Семён"), ("Петрович", "Павлович", "Пётрович")),
       ("Кузнецов", ("Алексей", "Антон", "Артём"), ("Игоревич", "Ильич", "Иванович")),
       ("Смирнов", ("Павел", "Пётр", "Платон"), ("Андреевич", "Антонович", "Артёмович")),
       ("Морозов", ("Олег", "Оскар", "Остап"), ("Викторович", "Владимирович", "Вадимович")),
       ("Волков", ("Илья", "Игорь", "Иван"), ("Сергеевич", "Семёнович", "Степанович")),
       ("Лебедев", ("Андрей", "Артур", "Аркадий"), ("Николаевич", "Никитич", "Назарович")),
       ("Соколов", ("Максим", "Михаил", "Матвей"), ("Юрьевич", "Юлианович", "Юрьевич"))]
WOMEN = [("Иванова", ("Ирина", "Инна", "Инга"), ("Ивановна", "Игоревна", "Ильинична")),
         ("Петрова", ("Елена", "Евгения", "Екатерина"), ("Сергеевна", "Степановна", "Семёновна")),
         ("Сидорова", ("Анна", "Алла", "Алина"), ("Павловна", "Петровна", "Платоновна")),
         ("Фёдорова", ("Ольга", "Оксана", "Олеся"), ("Николаевна", "Никитична", "Назаровна")),
         ("Орлова", ("Мария", "Марина", "Майя"), ("Андреевна", "Антоновна", "Артёмовна")),
         ("Зайцева", ("Татьяна", "Тамара", "Таисия"), ("Олеговна", "Остаповна", "Оскаровна")),
         ("Новикова", ("Наталья", "Надежда", "Нина"), ("Викторовна", "Вадимовна", "Владимировна")),
         ("Ершова", ("Светлана", "София", "Снежана"), ("Петровна", "Павловна", "Платоновна"))]
GENITIVE_ENDINGS = {"ов": "ова", "ев": "ева", "ова": "овой", "ева": "евой", "ий": "ия", "ей": "ея", "ич": "ича",
                    "на": "ны", "га": "ги", "ра": "ры", "ка": "ки", "ья": "ьи", "ия": "ии", "ел": "ла", "иль": "иля",
                    "ег": "ега", "ья.": "ьи"}


def genitive(word: str) -> str:
    for ending in sorted(GENITIVE_ENDINGS, key=len, reverse=True):
        if word.endswith(ending):
            return word[:-len(ending)] + GENITIVE_ENDINGS[ending]
    if word[-1] in "аяь":
        return word[:-1] + ("и" if word[-1] != "а" else "ы")
    return word + "а"


def typo(word: str, rng: random.Random) -> str:
    """One letter replaced inside the word (never the first two)."""
    at = rng.randrange(2, len(word) - 1)
    letters = "аеиоувнрстл".replace(word[at], "")
    return word[:at] + rng.choice(letters) + word[at + 1:]


def school_mentions(rng: random.Random, region: str, town: tuple[str, str], n: int) -> list[dict[str, Any]]:
    """Rows (as the extractor writes them, with the document's region and
    municipality) of school number ``n`` in ``town``."""
    nom, gen = town
    forms = [f"МБОУ СОШ № {n} г. {gen}", f"средней общеобразовательной школы №{n} г. {gen}",
             f"Средняя школа № {n} города {gen}", f"МБОУ «Средняя общеобразовательная школа № {n}» г. {nom}"]
    rows = [{"mention": rng.choice(forms), "region": region, "municipality": f"г. {nom}"} for _ in range(rng.randint(2, 4))]
    rows.append({"mention": f"СОШ № {n}", "type": "СОШ", "number": str(n), "region": region,
                 "municipality": f"г. {nom}"})
    return rows


def named_mentions(rng: random.Random, region: str, adjective: tuple[str, str]) -> list[dict[str, Any]]:
    nom, gen = adjective
    forms = [f"МБОУ «{nom} ООШ»", f"{nom} основная общеобразовательная школа",
             f"МБОУ «{nom} основная общеобразовательная школа»", f"{gen} основной школы",
             f"{gen} ООШ", f"МБОУ «{typo(nom, rng)} ООШ»"]
    return [{"mention": rng.choice(forms), "region": region} for _ in range(rng.randint(2, 5))]


def person_mentions(rng: random.Random, region: str, person: tuple[str, str, str]) -> list[dict[str, Any]]:
    surname, first, middle = person
    initials = f"{first[0]}.{middle[0]}."
    forms = [dict(surname=surname, initials=initials), dict(surname=surname, initials=initials.replace(".", ". ").strip()),
             dict(surname=surname, first_name=first, patronymic=middle),
             dict(surname=genitive(surname), first_name=genitive(first), patronymic=genitive(middle)),
             dict(surname=surname.replace("ё", "е"), first_name=first, patronymic=middle),
             dict(surname=typo(surname, rng), first_name=first, patronymic=middle)]
    return [dict(rng.choice(forms), region=region) for _ in range(rng.randint(2, 5))]


def archive(seed: int = 7, people_per_region: int = 6) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(school rows, person rows), each with ``id`` and the true ``entity``.
    Every region has schools № 1–3 in each town (the same numbers in different
    towns), four named schools (some names in several regions) and people drawn
    from one list (namesakes with the same initials in different regions)."""
    rng = random.Random(seed)
    schools: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    for at, (region, towns) in enumerate(REGIONS.items()):
        for town in towns:
            for n in (1, 2, 3):
                schools += [dict(row, entity=f"{town[0]}-{n}") for row in school_mentions(rng, region, town, n)]
        for adjective in rng.sample(ADJECTIVES, 4):
            schools += [dict(row, entity=f"{region}-{adjective[0]}") for row in named_mentions(rng, region, adjective)]
        for surname, firsts, middles in rng.sample(MEN, people_per_region // 2) + rng.sample(WOMEN, people_per_region // 2):
            person = (surname, firsts[at], middles[at])
            people += [dict(row, entity=" ".join(person)) for row in person_mentions(rng, region, person)]
    for number, row in enumerate(schools + people):
        row["id"] = number + 1
    return schools, people


def pairwise(rows: list[dict[str, Any]], clusters: dict[Any, Any]) -> tuple[float, float]:
    """Pairwise precision and recall of ``clusters`` (id -> cluster) against the rows' ``entity``."""
    truth = {(a["id"], b["id"]) for a, b in combinations(rows, 2) if a["entity"] == b["entity"]}
    found = {(a["id"], b["id"]) for a, b in combinations(rows, 2) if clusters[a["id"]] == clusters[b["id"]]}
    both = len(truth & found)
    return (both / len(found) if found else 1.0), (both / len(truth) if truth else 1.0)


def pairwise_fast(rows: list[dict[str, Any]], clusters: dict[Any, Any]) -> tuple[float, float]:
    """``pairwise`` by counting pairs per (entity, cluster) cell: linear in rows."""
    from collections import Counter

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter((r["entity"], clusters[r["id"]]) for r in rows))
    found = pairs(Counter(clusters[r["id"]] for r in rows))
    truth = pairs(Counter(r["entity"] for r in rows))
    return (both / found if found else 1.0), (both / truth if truth else 1.0)
