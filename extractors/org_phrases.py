"""Organisation names built around a head noun: ``Управлением образования
администрации Ковылкинского муниципального района``, ``Тверского
института развития образования``, ``Муниципальным бюджетным учреждением «Центр
развития образования»``.

The phrase is: adjectives before the head (capitalised ones, or any for
``учреждение``), the head noun in any case, then either a quoted name or a
genitive tail (words that can be genitive, joined by ``и``; place names and
``РФ`` allowed; people's names stop it). Each head has a condition from
``data/organizations.json``: ``tail`` (needs a genitive tail), ``domain`` (the
tail must start with an education word: ``управление образования`` but not
``управление проектами``), ``capital`` (the phrase must start with a capital
letter), ``quoted`` (needs a quoted name). The value is the phrase with the head
group in the nominative.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import load_lexicon
from extractors.morph_ru import nominative_phrase, parses

TOKEN = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|[A-Za-z]+(?:-[А-Яа-яЁё]+)?|«|»|\"|\n|[^\s\w]|\d+")
QUOTED = re.compile(r"«[^«»\n]{2,120}»|«[^«»\n]*«[^«»\n]*»[^«»\n]*»|\"[^\"\n]{2,120}\"")
MAX_ADJECTIVES = 4
MAX_TAIL = 14
SENTENCE_ENDS = (".", "!", "?", "\n", "…")
DOMAIN_LEMMAS = ("образование",)
PLACE_LEMMAS = ("район", "округ", "область", "край", "поселение", "республика")
FIRST_NAME_TAGS = ("Name", "Patr")
BARE_NAME_PLACES = ("город", "республика")
MUNICIPAL_ABBREVIATIONS = ("МР", "МО", "ГО")
PERSON_TAGS = ("Surn", "Name", "Patr")
TAIL_POS = ("NOUN", "ADJF", "PRTF")
SPHERE_WORDS = ("сфере", "области")
LOCALITY_ABBREVIATIONS = ("г", "гор", "с", "п", "пос", "пгт", "рп", "р", "д", "ст")


@dataclass(slots=True)
class Token:
    text: str
    start: int
    stop: int


@dataclass(frozen=True)
class Phrase:
    start: int
    stop: int
    name: str


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_lexicon("organizations.json")


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def head_rule(word: str) -> str | None:
    found = lowered_head(word.lower())
    return found[1] if found else None


@lru_cache(maxsize=50_000)
def lowered_head(word: str) -> tuple[str, str] | None:
    """(lemma, rule) of a head noun. Asked of every word of every document, so kept
    per word."""
    heads = lexicon()["heads"]
    for p in parses(word)[:2]:
        if p.tag.POS == "NOUN" and p.normal_form in heads and "plur" not in p.tag:
            return p.normal_form, heads[p.normal_form]
    return None  # a plural (``управлениями образования``) names no one body


def takes_lowercase_adjectives(word: str) -> bool:
    """``постоянная депутатская комиссия``, ``главное управление``."""
    found = lowered_head(word.lower())
    return bool(found) and found[0] in lexicon()["lowercase_adjective_heads"]


def is_word(token: Token) -> bool:
    return token.text[:1].isalpha()


def is_adjective(word: str) -> bool:
    found = [p for p in parses(word.lower())[:2] if p.tag.POS == "ADJF"]
    return bool(found) and found[0].normal_form not in lexicon()["determiners"]


def first_name(word: str) -> bool:
    return any(tag in p.tag for p in parses(word)[:2] for tag in FIRST_NAME_TAGS)


def is_person(word: str) -> bool:
    return any(tag in p.tag for p in parses(word)[:2] for tag in PERSON_TAGS)


def place_only(word: str) -> bool:
    """``Москвы``: a place name that is no person's name."""
    found = parses(word)[:2]
    return bool(found) and "Geox" in found[0].tag and not any(
        tag in p.tag for p in found for tag in PERSON_TAGS)


def before_person(toks: list[Token], k: int) -> bool:
    """The next token starts a person's name (initials or a first name)."""
    if k + 1 >= len(toks) or place_only(toks[k].text):
        return False
    nxt = toks[k + 1]
    return (len(nxt.text) == 1 and nxt.text.isupper()) or \
        (nxt.text[:1].isupper() and any("Name" in p.tag for p in parses(nxt.text)[:2]))


def before_place(toks: list[Token], k: int) -> bool:
    """``Чайковского городского округа``: a surname-like word that names a place."""
    following = [t for t in toks[k + 1:k + 3] if is_word(t)]
    return any(lemma(t) in PLACE_LEMMAS for t in following)


def tail_word(toks: list[Token], k: int) -> bool:
    token = toks[k]
    word = token.text
    if word in lexicon()["tail_abbreviations"] or word.lower() in lexicon()["tail_other_cases"]:
        return True
    if not is_word(token) or len(word) < 2 or lemma(token) in lexicon()["tail_stop"]:
        return False
    capital = word[:1].isupper() and not (word.isupper() and len(word) > 3)  # not a line in capitals
    if not capital and "Anum" in parses(word)[0].tag:
        return False  # «дума четвёртого созыва»
    if is_person(word) and not before_place(toks, k):
        return False
    if capital and before_person(toks, k):
        return False
    if capital and not any("Geox" in p.tag or p.tag.POS in ("ADJF", "NOUN")
                           for p in parses(word)[:2]):
        return False
    if not capital and not parses(word.rpartition("-")[2])[0].is_known:
        return False  # words run together by the source: «оготовности»
    return any("gent" in p.tag and p.tag.POS in TAIL_POS and "Abbr" not in p.tag
               for p in parses(word.lower())[:3])


def left_edge(toks: list[Token], i: int, any_case: bool) -> int:
    """First token of the adjectives before the head at ``i``: any adjectives when
    ``any_case``, else those from a capitalised one on (``Кузбасского регионального``)."""
    j = i
    while j > 0 and i - j < MAX_ADJECTIVES:
        prev = toks[j - 1]
        if not is_word(prev) or not is_adjective(prev.text):
            break
        j -= 1
    while not any_case and j < i and not toks[j].text[:1].isupper():
        j += 1
    return j


def lemma(token: Token) -> str:
    found = parses(token.text.lower())
    return found[0].normal_form if found else token.text.lower()


def apposition(toks: list[Token], k: int) -> int:
    """``города Великие Луки``, ``Республики Башкортостан``, ``района «Петровск-Забайкальский
    район»``: a name in the nominative after a place noun; returns tokens consumed."""
    place = lemma(toks[k - 1])
    municipal = k >= 2 and toks[k - 2].text.lower().startswith("муниципальн")
    after_administration = toks[k].text in MUNICIPAL_ABBREVIATIONS and k + 1 < len(toks) \
        and (place == "администрация" or toks[k + 1].text == "«")
    if place not in lexicon()["apposition_heads"] and not (place == "образование" and municipal) \
            and not after_administration:
        return 0
    j = k
    if toks[j].text in MUNICIPAL_ABBREVIATIONS and j + 1 < len(toks) and toks[j + 1].text == "«":
        j += 1
    if toks[j].text == "\n" and j + 1 < len(toks) and toks[j + 1].text == "«":
        j += 1
    if toks[j].text == "«":
        close = next((n for n in range(j + 1, min(j + 6, len(toks))) if toks[n].text == "»"), None)
        return close + 1 - k if close else 0
    if toks[j].text == "\n":
        return 0
    if toks[j].text == "город" and j + 1 < len(toks):
        j += 1
    names = 0
    while j < len(toks) and names < 2 and toks[j].text[:1].isupper() and is_word(toks[j]) \
            and len(toks[j].text) > 1 and not first_name(toks[j].text):
        j, names = j + 1, names + 1
    if names and j < len(toks) and lemma(toks[j]) in ("район", "округ"):
        return j + 1 - k
    urban_district = place == "округ" and k >= 2 and toks[k - 2].text.lower().startswith("городск")
    bare_allowed = place in BARE_NAME_PLACES or toks[k].text == "город" or urban_district
    return j - k if names and bare_allowed else 0


def listed(toks: list[Token], k: int) -> int:
    """``образования, молодёжной политики и спорта``: a comma continues the tail only when
    the list closes with ``и`` + a genitive word; returns tokens consumed up to that ``и``."""
    j = k + 1
    while j < len(toks) and j - k <= 6 and tail_word(toks, j):
        j += 1
        if j + 1 < len(toks) and toks[j].text == "и" and conjunct(toks, j + 1):
            return j - k
        if j < len(toks) and toks[j].text == ",":
            j += 1
    return 0


def conjunct(toks: list[Token], k: int) -> int:
    """Tokens of what follows ``и`` in a tail: a genitive word or ``по делам``; not a
    word that starts another object (``управления образования и плана работы``)."""
    if k >= len(toks):
        return 0
    if toks[k].text.lower() == "по" and k + 1 < len(toks) and is_word(toks[k + 1]):
        return 2
    if lemma(toks[k]) in lexicon()["conjunct_stop"]:
        return 0
    return 1 if tail_word(toks, k) else 0


def case_phrase(toks: list[Token], k: int, case: str = "datv") -> int:
    """``по социальной политике``, ``по надзору``, ``при министерстве``: tokens from the
    preposition to its noun."""
    j = k + 1
    while j < len(toks) and j - k <= 3 and is_word(toks[j]):
        found = [p for p in parses(toks[j].text) if case in p.tag]
        if not found:
            break
        j += 1
        if any(p.tag.POS == "NOUN" for p in found):
            return j - k
    return j - k if j > k + 1 else 2  # at least the word after the preposition


def locality(toks: list[Token], k: int) -> int:
    """``администрации г. Тулы``, ``Совет депутатов р.п. Маслянино``: tokens of a
    settlement abbreviation and its name."""
    j = k
    while j + 1 < len(toks) and toks[j].text in LOCALITY_ABBREVIATIONS \
            and toks[j + 1].text == "." and j - k < 4:
        j += 2
    name = toks[j] if k < j < len(toks) else None
    if name is not None and name.text[:1].isupper() and is_word(name) and len(name.text) > 1:
        return j + 1 - k
    return 0


def tail_step(toks: list[Token], i: int, k: int, any_po: bool = False) -> int:
    """How many tokens at ``k`` continue the tail of the head at ``i`` (0: it ends);
    ``any_po``: a ``по …`` phrase may come anywhere in it (``комиссия совета депутатов
    по социальной политике``)."""
    tok, nxt = toks[k], k + 1 < len(toks)
    word = tok.text.lower()
    if apposition(toks, k):
        return apposition(toks, k)
    if word == "\n":
        if nxt and toks[k + 1].text.lower() == "и" and conjunct(toks, k + 2):
            return 1
        return 2 if nxt and toks[k + 1].text != "\n" and tail_word(toks, k + 1) else 0
    if word == "и":
        following = conjunct(toks, k + 1)
        return 1 + following if following else 0
    if word == ",":
        return listed(toks, k)
    if word == "по" and nxt and (k == i + 1 or any_po or lemma(toks[k + 1]) in DOMAIN_LEMMAS):
        return case_phrase(toks, k) if is_word(toks[k + 1]) else 0
    if word == "при" and k == i + 1 and any_po and nxt and is_word(toks[k + 1]):
        return case_phrase(toks, k, "loct")  # «совет при министерстве просвещения»
    if tok.text in LOCALITY_ABBREVIATIONS:
        return locality(toks, k)
    if word == "в" and k + 2 < len(toks) and toks[k + 1].text.lower() in SPHERE_WORDS \
            and tail_word(toks, k + 2):
        return 2  # «по надзору в сфере образования»
    return 1 if tail_word(toks, k) else 0


def right_tail(toks: list[Token], i: int) -> int:
    """Index after the genitive tail that follows the head at ``i``."""
    k = i + 1
    any_po = head_rule(toks[i].text) == "council"
    while k < len(toks) and k - i <= MAX_TAIL:
        step = tail_step(toks, i, k, any_po)
        if not step:
            break
        k += step
    return k


def quoted_after(text: str, stop: int) -> re.Match[str] | None:
    return QUOTED.match(text, stop + len(text[stop:]) - len(text[stop:].lstrip(" \t")))


def phrase_at(text: str, toks: list[Token], i: int) -> Phrase | None:
    rule = head_rule(toks[i].text)
    if rule is None:
        return None
    left = left_edge(toks, i, any_case=rule == "quoted" or takes_lowercase_adjectives(toks[i].text))
    quoted = quoted_after(text, toks[i].stop)
    tail = toks[i + 1:right_tail(toks, i)]
    # «учреждение дополнительного образования детей «Центр …»»: the name after the tail.
    late_quote = quoted_after(text, tail[-1].stop) if rule == "quoted" and tail and not quoted \
        else None
    sentence_start = left == 0 or toks[left - 1].text in SENTENCE_ENDS
    if not acceptable(rule, toks[left:i + 1], [t for t in tail if is_word(t)], quoted or late_quote,
                      sentence_start):
        return None
    words = [t.text for t in toks[left:i + 1]]
    head = " ".join(nominative_phrase(words))
    if quoted and (rule in ("quoted", "capital") or not tail):
        return Phrase(toks[left].start, quoted.end(), f"{head} {quoted.group()}")
    stop = tail[-1].stop if tail else toks[i].stop
    rest = " ".join(text[toks[i].stop:stop].split())
    if late_quote:
        return Phrase(toks[left].start, late_quote.end(), f"{head} {rest} {late_quote.group()}")
    return Phrase(toks[left].start, stop, f"{head} {rest}".strip())


def acceptable(rule: str, head_group: list[Token], tail: list[Token],
               quoted: re.Match[str] | None, sentence_start: bool = False) -> bool:
    """Whether a head phrase names an organisation. A capital letter that only opens a
    sentence (``Центр внимания …``) needs a longer tail to count."""
    if rule == "quoted":
        return quoted is not None
    if tail and tail[0].text.lower() in lexicon()["qualification_tails"]:
        return True  # «института повышения квалификации»
    if rule == "tail":
        return bool(tail)
    capital = head_group[0].text[:1].isupper()
    if rule == "place":
        return names_place(tail) or (capital and place_adjective(head_group))
    if rule == "council":
        return council(head_group, tail, capital and not sentence_start)
    if rule == "domain":
        sub_unit = lemma(head_group[-1]) in lexicon()["sub_units"]
        return domain_tail(tail, sub_unit) or (capital and len(head_group) > 1)
    if sentence_start and len(head_group) == 1 and quoted is None:
        return len(tail) >= 2
    return capital and (bool(tail) or quoted is not None or len(head_group) > 1)


def place_adjective(head_group: list[Token]) -> bool:
    return any(lemma(t) in lexicon()["place_adjectives"] for t in head_group[:-1])


def names_place(tail: list[Token]) -> bool:
    """``администрации Оренбургской области``, ``администрации МР «Цунтинский район»``:
    a named territory, not ``администрации школы``."""
    return any(t.text[:1].isupper() for t in tail)


def council(head_group: list[Token], tail: list[Token], capital: bool) -> bool:
    """A council or commission that is a body: ``городской совет``, ``совет депутатов``,
    ``комиссия по топонимике``, ``Совет Федерации``; not ``педагогический совет школы``."""
    if any(lemma(t) in lexicon()["working_group_adjectives"] for t in head_group[:-1]):
        return False  # «муниципальный методический совет», «предметная комиссия»
    if tail and (tail[0].text.lower() in lexicon()["council_tail_words"]
                 or tail[0].text.lower() in ("по", "при")):
        return True
    if any(head_rule(t.text) for t in tail):
        return True  # «комиссия Совета депутатов», «комиссия администрации района»
    return place_adjective(head_group) or (capital and bool(tail))


def domain_tail(tail: list[Token], sub_unit: bool = False) -> bool:
    """``управление образования``, ``управление общего образования``, ``комитет
    администрации … по образованию``; any unit of an administration (``департамент
    экономики администрации города``)."""
    domain = lexicon()["domain_words"]
    if not tail:
        return False
    words = [t.text.lower() for t in tail]
    if words[0] in domain or (not sub_unit and len(words) > 1 and is_adjective(words[0])
                              and words[1] in domain):
        return True
    return "администрации" in words[1:] or (words[0] == "администрации" and
                                            any(w in domain for w in words[1:]))


def head_phrases(text: str) -> list[Phrase]:
    toks = tokens(text)
    found = []
    for i, tok in enumerate(toks):
        if is_word(tok):
            phrase = phrase_at(text, toks, i)
            if phrase is not None and not letterhead_parent(text, toks, phrase):
                found.append(phrase)
    return found


def letterhead_parent(text: str, toks: list[Token], phrase: Phrase) -> bool:
    """``АДМИНИСТРАЦИЯ … ОКРУГА`` over ``УПРАВЛЕНИЕ ОБРАЗОВАНИЯ`` in a letterhead: the
    heading names the parent of the body that writes; the parent is not listed."""
    line_end = text.find("\n", phrase.stop)
    if line_end < 0 or text[phrase.stop:line_end].strip() or not text[phrase.start:phrase.stop].isupper():
        return False
    following = [t for t in toks if t.start > line_end][:1]
    return bool(following) and following[0].text.isupper() and head_rule(following[0].text) is not None
