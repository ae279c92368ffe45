"""Display names of entities (``entities.name``): the canonical name, built from
the records' normalised fields, never a mention as written (which may be in any
case: «Ольховской основной общеобразовательной школы»). The names as written
stay on the rows and their spans.

* A school: its proper name, type, number, honorific and locality as the records
  carry them, in the nominative («Ольховская ООШ», «СОШ № 3 г. Тамбов»,
  «Гимназия им. Н.И. Пирогова»). Each part is the most frequent value the rows
  give (ties: the longer, then the first in alphabetical order), so a part one
  row knows and the others omit (a locality, a number) is kept. A row whose
  fields are empty (written by hand or by an older extractor) gets them from its
  mention read by the school extractor's own pattern, which puts them in the
  nominative.
* A person: «Фамилия Имя Отчество» from the most frequent variant with a full
  first name and patronymic, else «Фамилия И.О.».
* An organisation: its most frequent nominative name (else its abbreviation).

Every choice depends only on the values, not on row order, so the same rows
give the same name on any backend.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Optional

GENERIC_TYPES = frozenset({"", "школа", "other"})
HONORIFIC = re.compile(r"(?:^|\s)(?:им\.|имени)\s")
ADJECTIVE = re.compile(r"(?:ая|яя|ий|ый|ой|ое|ее)$")


def pick(values: Iterable[Any]) -> Any:
    """The most frequent non-empty value; ties go to the longer, then the smaller."""
    found = Counter(v for v in values if v not in (None, "", ()))
    if not found:
        return None
    return min(found, key=lambda v: (-found[v], -len(text_of(v)), text_of(v)))


def text_of(value: Any) -> str:
    return " ".join(p for p in value if p) if isinstance(value, tuple) else str(value)


@lru_cache(maxsize=20000)
def read_mention(mention: str) -> dict[str, Optional[str]]:
    """A mention's type, number, name, honorific and locality in the nominative,
    as the school extractor reads them (empty when its pattern finds no school)."""
    from extractors.schools import parse
    from extractors.schools.patterns import school_regex

    found = school_regex().search(mention)
    attrs = parse(found) if found else []
    if not attrs:
        return {}
    first = attrs[0]
    return {"type": first.type, "number": first.number, "name": first.name, "honorific": first.honorific,
            "locality": first.locality}


def split_honorific(name: Optional[str], honorific: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """A school's name without its honorific («Оймурская им. …» -> «Оймурская», «им. …»)."""
    if not name:
        return None, honorific
    found = HONORIFIC.search(name)
    if found is None:
        return name.strip() or None, honorific
    return name[:found.start()].strip() or None, name[found.start():].strip() or honorific


def school_parts(row: dict[str, Any]) -> dict[str, Optional[str]]:
    """The parts of one row's school name: its own fields, or its mention's where it has none."""
    own = {k: row.get(k) or None for k in ("type", "number", "name", "honorific", "locality")}
    bare = not (own["number"] or own["name"] or own["locality"])
    if row.get("mention") and (bare or (own["type"] or "") in GENERIC_TYPES):
        read = read_mention(row["mention"])
        if bare:  # a field a librarian emptied is not read back from the mention
            own.update({k: read.get(k) for k in ("number", "name", "honorific", "locality")})
        if (own["type"] or "") in GENERIC_TYPES and (read.get("type") or "") not in GENERIC_TYPES:
            own["type"] = read["type"]
    own["name"], own["honorific"] = split_honorific(own["name"], own["honorific"])
    return own


def school_name(rows: list[dict[str, Any]]) -> Optional[str]:
    """The display name of the school these rows name; with no part of it known,
    the longest mention as written."""
    parts = [school_parts(r) for r in rows]
    kind = pick(p["type"] for p in parts if (p["type"] or "") not in GENERIC_TYPES) or pick(
        p["type"] for p in parts)
    number, name = pick(p["number"] for p in parts), pick(p["name"] for p in parts)
    honorific, locality = pick(p["honorific"] for p in parts), pick(p["locality"] for p in parts)
    if not (number or name or honorific or locality):
        return max((r.get("mention") or "" for r in rows), key=lambda m: (len(m), m)) or None
    label = "" if kind in (None, "other") else kind
    before = name if name and ADJECTIVE.search(name.split()[-1].lower()) else ""
    after = "" if before or not name else f"«{name}»" if name[:1].isupper() and label else name
    words = [before, label, f"№ {number}" if number else "", after, honorific or "", locality or ""]
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:]


def person_name(rows: list[dict[str, Any]], initials: Optional[str]
                ) -> tuple[str, Optional[str], Optional[str], Optional[str]]:
    """The display name of a person with the surname, first name and patronymic
    it is built from: the full variant when a row gives one, else «Фамилия И.О.»
    (``initials``) with no first name or patronymic."""
    full = pick((r["surname"], r["first_name"], r["patronymic"]) for r in rows
                if r.get("surname") and r.get("first_name") and r.get("patronymic")
                and len(r["first_name"].strip(". ")) > 1 and len(r["patronymic"].strip(". ")) > 1)
    if full:
        return " ".join(full), *full
    surname = pick(r.get("surname") for r in rows)
    return f"{surname or ''} {initials or ''}".strip(), surname, None, None


def organization_name(rows: list[dict[str, Any]]) -> str:
    return pick(r.get("name") for r in rows) or pick(r.get("abbreviation") for r in rows) or ""
