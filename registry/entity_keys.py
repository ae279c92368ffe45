"""Normalised keys of schools, people and organisations, for linking the rows
of many documents to one entity (registry entities).

* ``fold``: lower case, ё = е, quotes and brackets dropped, dashes and spaces
  made one kind.
* Schools: legal forms (МБОУ, «муниципальное бюджетное общеобразовательное
  учреждение» …) dropped, words put in the nominative (pymorphy3 lemmas), the
  type reduced to one code: СОШ = средняя общеобразовательная школа = средняя
  школа (ООШ, НОШ alike), the number and the locality («г. Тамбова», «с.
  Сараи») taken apart from the proper name.
* People: the surname in the nominative of its masculine form (Иванова,
  Ивановой -> иванов; the gender is kept apart), the first name and patronymic
  reduced to initials when only those are known; ``split_name`` reads
  «Белогоров Д.А.», «Д.А. Белогоров» and «Дмитрий Александрович Белогоров».
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

QUOTES = re.compile(r"[«»\"“”„‟'‘’`()\[\]]")
DASHES = re.compile(r"\s*[‐‑‒–—―-]\s*")
SPACES = re.compile(r"\s+")
WORD = re.compile(r"[а-яa-z0-9]+(?:-[а-яa-z0-9]+)*")

LEGAL_ABBREVIATIONS = frozenset(
    "мбоу маоу мкоу гбоу гаоу гкоу моу мбу мау мку гбу гау гку ноу чоу аноо ано оано фгбоу фгаоу "
    "гбпоу гапоу гоу дпо огбоу огаоу окоу кгбоу гбоуро ооо оао зао пао ао нко".split())
LEGAL_WORDS = frozenset(
    "муниципальный государственный федеральный областной краевой республиканский городской "
    "районный частный негосударственный автономный бюджетный казенный некоммерческий "
    "общеобразовательный образовательный учреждение организация".split())
LEGAL_HEADS = frozenset({"учреждение", "организация"})
# Type phrases and their code (schemas.records.SchoolType), matched as lemmas;
# the adjectives in both forms, since pymorphy3 lemmatises «основная» and
# «основной» differently.
DEGREES = {"СОШ": ("средняя", "средней"), "ООШ": ("основная", "основной"), "НОШ": ("начальная", "начальной")}
SCHOOL_TYPES: tuple[tuple[tuple[str, ...], str], ...] = tuple(sorted(
    [((degree, "общеобразовательная", "школа"), code) for code, forms in DEGREES.items() for degree in forms]
    + [((degree, "школа"), code) for code, forms in DEGREES.items() for degree in forms]
    + [((code.lower(),), code) for code in DEGREES]
    + [(("школа-интернат",), "школа-интернат"), (("гимназия",), "гимназия"), (("лицей",), "лицей"),
       (("общеобразовательная", "школа"), "школа"), (("школа",), "школа")],
    key=lambda item: -len(item[0])))
NOISE = frozenset("с углубленный изучение отдельный предмет имя им".split())
TYPE_CODES = {code.lower(): code for _, code in SCHOOL_TYPES}
LOCALITY = re.compile(r"(?:\b(?:г|с|п|пос|д|пгт|ст|х|рп)\.\s*|\b(?:города?|села?|поселка|деревни|станицы|хутора)\s+)"
                      r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)")
LOCALITY_MARKS = frozenset("г город с село п пос поселок пгт д деревня х хутор ст станица рп аул".split())
NUMBER_MARKS = frozenset({"no", "n"})
ADJECTIVE_ENDINGS = ((re.compile(r"(ск|цк|к)(ая|ой|ую|ому|им|ом|ого|ий)$"), r"\1ий"),
                     (re.compile(r"н(ая|ой|ую|ому|ым|ом|ого|ый)$"), "ный"))
SURNAME_ENDINGS = (  # oblique and feminine endings -> the masculine nominative
    (re.compile(r"(ск|цк)(ая|ой|ую|ому|им|ом|ого|ий)$"), r"\1ий"),
    (re.compile(r"(ов|ев|ин|ын)(а|ой|у|ым|ом|е|ого|ому)$"), r"\1"),
)


def fold(text: Optional[str]) -> str:
    """Lower case, ё = е, no quotes or brackets, one kind of dash and space."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е").replace("№", " no ")
    text = DASHES.sub("-", QUOTES.sub(" ", text))
    return SPACES.sub(" ", text).strip(" .,;:")


def lemma(word: str, prefer: str = "ADJF") -> str:
    """The nominative (dictionary form) of a word, from its parse tagged ``prefer``
    if it has one (ADJF: school names are adjectives; Geox for towns); a word
    pymorphy3 does not know (a typo) ending like an adjective gets the
    adjective's form by rule. Digits and short words stay as they are."""
    if not word.isalpha() or len(word) < 3:
        return word
    from extractors.text.morph import analyzer, parses

    found = parses(word)
    if not found:
        return word
    best = next((p for p in found if prefer in p.tag), found[0])
    if prefer == "ADJF" and prefer not in best.tag and not analyzer().word_is_known(word):
        for pattern, replacement in ADJECTIVE_ENDINGS:
            if pattern.search(word):
                return pattern.sub(replacement, word)
    return best.normal_form.replace("ё", "е")


def words(text: Optional[str]) -> list[str]:
    return WORD.findall(fold(text))


def drop_legal_form(tokens: list[str]) -> list[str]:
    """Without abbreviated legal forms, and without a spelled-out one (the words up to
    «учреждение»/«организация» when all of them are legal-form words)."""
    tokens = [t for t in tokens if t not in LEGAL_ABBREVIATIONS]
    for end, token in enumerate(tokens):
        if token in LEGAL_HEADS:
            if all(t in LEGAL_WORDS for t in tokens[:end]):
                return tokens[end + 1:]
            break
    return tokens


@dataclass(frozen=True)
class SchoolKey:
    type: Optional[str]
    number: Optional[str]
    name: str
    locality: str

    def blocking(self) -> str:
        """Rows sharing this may be one school (compared further by the linker)."""
        return f"{self.type or ''}|{self.number or ''}|{self.name[:4] if not self.number else ''}"


@lru_cache(maxsize=1)
def type_phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """SCHOOL_TYPES as the lemmas ``lemma`` gives (pymorphy3 has «основный» for «основная»)."""
    return tuple((tuple(lemma(w) for w in phrase), code) for phrase, code in SCHOOL_TYPES)


def take_type(tokens: list[str]) -> tuple[Optional[str], list[str]]:
    for start in range(len(tokens)):
        for phrase, code in type_phrases():
            if tuple(tokens[start:start + len(phrase)]) == phrase:
                return code, tokens[:start] + tokens[start + len(phrase):]
    return None, tokens


def take_locality(text: str) -> tuple[str, str]:
    """The locality a mention names («г. Тамбова», «села Сараи»), and the mention without it."""
    found = LOCALITY.search(text)
    if not found:
        return "", text
    return lemma(fold(found.group(1)), "Geox"), text[:found.start()] + " " + text[found.end():]


def take_number(tokens: list[str]) -> tuple[Optional[str], list[str]]:
    for at, token in enumerate(tokens):
        if token in NUMBER_MARKS and at + 1 < len(tokens) and tokens[at + 1][:1].isdigit():
            return tokens[at + 1], tokens[:at] + tokens[at + 2:]
        if token[:1].isdigit():
            return token, tokens[:at] + tokens[at + 1:]
    return None, tokens


def school_key(mention: Optional[str] = None, *, type: Optional[str] = None, number: Optional[str] = None,
               name: Optional[str] = None, locality: Optional[str] = None) -> SchoolKey:
    """The key of a school from its mention as written and whatever fields the extractor found."""
    found_locality, rest = take_locality(mention or name or "")
    tokens = drop_legal_form([lemma(w) for w in words(rest)])
    found_type, tokens = take_type(tokens)
    found_number, tokens = take_number(tokens)
    tokens = [t for t in tokens if t not in LEGAL_WORDS and t not in NOISE]
    code = TYPE_CODES.get(fold(type)) if type and type != "other" else None
    if code in (None, "школа") and found_type:
        code = found_type
    place = " ".join(lemma(w, "Geox") for w in words(locality) if w not in LOCALITY_MARKS) or found_locality
    return SchoolKey(type=code, number=fold(number).replace(" ", "") or found_number,
                     name=" ".join(tokens), locality=place)


@dataclass(frozen=True)
class PersonKey:
    surname: str
    first_initial: str
    patronymic_initial: str
    first_name: str
    patronymic: str

    def blocking(self) -> str:
        return f"{self.surname}|{self.first_initial}"


def surname_key(surname: Optional[str]) -> str:
    folded = fold(surname).replace(" ", "")
    for pattern, replacement in SURNAME_ENDINGS:
        if pattern.search(folded):
            return pattern.sub(replacement, folded)
    return folded


def patronymic_key(patronymic: Optional[str]) -> str:
    folded = fold(patronymic)
    for pattern, replacement in PATRONYMIC_ENDINGS:
        if pattern.search(folded):
            return pattern.sub(replacement, folded)
    return folded


def person_key(surname: Optional[str], first_name: Optional[str] = None, patronymic: Optional[str] = None,
               initials: Optional[str] = None) -> PersonKey:
    """The key of a person; a full first name and patronymic win over initials."""
    letters = [c for c in fold(initials) if c.isalpha()]
    first = lemma(fold(first_name)) if first_name and len(fold(first_name)) > 1 else ""
    middle = patronymic_key(patronymic) if patronymic and len(fold(patronymic)) > 1 else ""
    return PersonKey(surname=surname_key(surname),
                     first_initial=(first or fold(first_name) or "".join(letters[:1]))[:1],
                     patronymic_initial=(middle or fold(patronymic) or "".join(letters[1:2]))[:1],
                     first_name=first, patronymic=middle)


PATRONYMIC = re.compile(r"(вич|ьич|вн|ичн)(а|у|ем|е|ы|ой|ою)?$")
PATRONYMIC_ENDINGS = ((re.compile(r"(вич|ьич)(а|у|ем|е)$"), r"\1"), (re.compile(r"(вн|ичн)(ы|е|у|ой|ою)$"), r"\1а"))
INITIALS = re.compile(r"^([А-ЯЁA-Z])\.\s*(?:([А-ЯЁA-Z])\.?)?$")


def split_name(text: str) -> dict[str, Optional[str]]:
    """Surname, first name, patronymic and initials of a name as written:
    «Белогоров Д.А.», «Д.А. Белогоров», «Дмитрий Александрович Белогоров»."""
    text = SPACES.sub(" ", text.strip())
    parts = re.findall(r"[А-ЯЁA-Z]\.\s*(?:[А-ЯЁA-Z]\.)?|[А-ЯЁа-яёA-Za-z-]+", text)
    initials = next((p.replace(" ", "") for p in parts if INITIALS.match(p.replace(" ", ""))), None)
    names = [p for p in parts if not INITIALS.match(p.replace(" ", ""))]
    if initials or len(names) < 3:
        return {"surname": names[0] if names else None, "first_name": names[1] if len(names) > 1 else None,
                "patronymic": None, "initials": initials}
    if PATRONYMIC.search(names[2].lower()) and not PATRONYMIC.search(names[1].lower()):
        return {"surname": names[0], "first_name": names[1], "patronymic": names[2], "initials": None}
    return {"surname": names[2], "first_name": names[0], "patronymic": names[1], "initials": None}


def organization_key(name: Optional[str], abbreviation: Optional[str] = None) -> str:
    """An organisation's key: its name's lemmas without quotes or a legal form
    («ГАУ ДПО «Центр оценки качества образования»» = «центр оценка качество образование»
    without it); its abbreviation alone when no name is known."""
    tokens = drop_legal_form([lemma(w) for w in words(name)])
    return " ".join(tokens) or fold(abbreviation).replace(" ", "")
