"""Who must act on one decision (``responsible``), in order of trust:
1. an addressee verb followed by its noun phrase (``Рекомендовать муниципальным
   координаторам …``, ``Обязать руководителей …``, ``Контроль … возложить на …``);
   ``Назначить ответственным за … Петрову А.А.`` gives the person appointed;
2. an organisation or a person named first (``МБУ «Кабинет» обеспечить``,
   ``Петрова А.А. подготовить``), else a dative noun phrase right before the action
   infinitive, with a genitive tail (``Управлению образования обеспечить``);
3. a genitive phrase in a frame before the infinitive (``В работе наставников учитывать``);
4. after an addressee verb + infinitive, a dative actor further on
   (``Предложила использовать … другим школам, которые …``).
The phrase is put into the nominative, number kept (``decisions.parts``).
"""
from __future__ import annotations

from extractors.decisions.lexicon import Lexicon
from extractors.decisions.parts import (CLAUSE_BREAK, SPACES, Responsible, addressee_case,
                                       convert, head_phrase, is_acronym, is_infinitive, is_initial,
                                       is_name_part, is_preposition, name_parse,
                                       phrase_at, phrase_end, preceded_by_preposition, quote_depth)
from extractors.text.tokens import Token
from extractors.text.tokens import alnum_words as tokens
from extractors.text.inflect import case_parse, has_pos, is_abbreviation, lemma, lemmas
from extractors.text.morph import parses


def organisation_subject(text: str, words: list[Token], action: int) -> Responsible | None:
    """``МБУ «Методический кабинет» обеспечить``, ``ИПКиППРО РА разместить`` (an
    organisation named at the start), ``Петрова А.А. подготовить`` (a person)."""
    if action == 0 or not is_infinitive(words[action]):
        return None
    if action >= 2 and all(is_initial(w) for w in words[1:action]) and words[0].text[:1].isupper() \
            and len(words[0].text) > 1:
        start, stop = words[0].start, phrase_end(text, words, action)
        return Responsible(text[start:stop], start, stop)
    if not (is_abbreviation(words[0].text) or is_acronym(words[0].text)):
        return None
    depths = [0]
    for i in range(1, action):
        depths.append(depths[-1] + quote_depth(text, words[i - 1].stop, words[i].start))
    end = next((i for i in range(1, action) if depths[i] <= 0
                and "(" in text[words[i - 1].stop:words[i].start]), action)
    if any(is_preposition(words[i]) for i in range(end) if depths[i] <= 0):
        return None
    start, stop = words[0].start, phrase_end(text, words, end)
    return Responsible(text[start:stop], start, stop)


def in_frame(text: str, words: list[Token], action: int) -> Responsible | None:
    """A genitive phrase after a frame word (``В работе наставников``, ``Решением совета``)."""
    frames = Lexicon.load().genitive_frames
    for i in range(1, action):
        lead = tuple(lemma(w.text) for w in words[max(0, i - 2):i])
        if any(lead[-len(f):] == f for f in frames):
            found = phrase_at(text, words, i, "gent", action)
            if found is not None:
                return found
    return None


def in_genitive_chain(text: str, words: list[Token], i: int) -> bool:
    """``Информацию Управления образования Администрации города``: a word that may be
    genitive right after a noun continues that noun's genitive tail, not a dative."""
    if i == 0 or text[words[i - 1].stop:words[i].start].strip():
        return False
    return has_pos(words[i - 1].text, "NOUN") and case_parse(words[i].text, "gent") is not None


def before_action(text: str, words: list[Token], action: int) -> Responsible | None:
    for i in range(action):
        if preceded_by_preposition(words, i) or is_name_part(words, i) \
                or in_genitive_chain(text, words, i):
            continue
        found = head_phrase(words[i:action], "datv")
        if found is None or not is_actor(words[i + found[0] - 1]):
            continue
        return phrase_at(text, words, i, "datv", action)
    return None


def is_actor(tok: Token) -> bool:
    heads = Lexicon.load().actor_heads
    parts = {p for w in [tok.text, *tok.text.split("-")] for p in lemmas(w)}
    if parts & heads or tok.text in heads:
        return True
    noun = case_parse(tok.text, "datv", {"NOUN"})
    return noun is not None and "anim" in noun.tag.grammemes  # (see ``parts.name_parse``)


def likely_dative(tok: Token) -> bool:
    """The word's most probable reading is dative (``практику`` is not ``практик``)."""
    found = parses(tok.text)
    return bool(found) and "datv" in found[0].tag.grammemes


def after_infinitive(text: str, words: list[Token], inf: int, stop: int) -> Responsible | None:
    for i in range(inf + 1, len(words)):
        if CLAUSE_BREAK.search(text, words[i - 1].stop, words[i].start):
            return None
        if preceded_by_preposition(words, i):
            continue
        found = head_phrase(words[i:], "datv")
        if found is None or not is_actor(words[i + found[0] - 1]) \
                or not likely_dative(words[i + found[0] - 1]):
            continue
        result = phrase_at(text, words, i, "datv", len(words))
        if result is None:
            continue
        clause = Lexicon.load().relative_clause.match(text, result.stop, stop)
        if clause:
            end = clause.end()
            while end > result.stop and text[end - 1] in " \t.;,":
                end -= 1
            return Responsible(result.value + text[result.stop:end], result.start, end)
        return result
    return None


def person_at(text: str, words: list[Token], j: int, case: str) -> Responsible | None:
    """A person's name at word ``j`` (``Кирсанову Надежду Петровну``, ``Пахомову И.И.``)
    in the nominative."""
    names = []
    for tok in words[j:j + 3]:
        form = convert(tok, case, True) if tok.text[:1].isupper() else None
        if form is None and names and name_parse(tok.text, "nomn") is None:
            break
        names.append(form or tok.text)
        if form is None:
            break
    end = j + len(names)
    while names and end < len(words) and end - j < 3 and is_initial(words[end]):
        end += 1
    if end - j < 2 or not any(n != w.text for n, w in zip(names, words[j:])):
        return None
    start, stop = words[j].start, phrase_end(text, words, end)
    value = " ".join(names) + text[words[j + len(names) - 1].stop:stop]
    return Responsible(SPACES.sub(" ", value), start, stop)


def appointee(text: str, words: list[Token], action: int) -> Responsible | None:
    """``Назначить ответственным за … Кирсанову Надежду Петровну``: the person appointed."""
    lexicon = Lexicon.load()
    if lemma(words[action].text) not in lexicon.appoint_verbs or action + 1 >= len(words) \
            or lemma(words[action + 1].text) not in lexicon.appointed_as:
        return None
    for j in range(action + 2, len(words)):
        found = person_at(text, words, j, "accs")
        if found is not None:
            return found
    return None


def responsible(text: str, start: int, stop: int) -> Responsible | None:
    words = tokens(text, start, stop)
    action = next((i for i, w in enumerate(words)
                   if addressee_case(w) is not None or is_infinitive(w)), None)
    if action is None:
        return None
    appointed = appointee(text, words, action)
    if appointed is not None:
        return appointed
    case = addressee_case(words[action])
    if case is not None:
        following = next((i for i in range(action + 1, len(words)) if is_infinitive(words[i])),
                         len(words))
        first = action + 2 if action + 1 < len(words) and words[action + 1].text.lower() in \
            Lexicon.load().addressee_prepositions else action + 1
        wide = lemma(words[action].text) in Lexicon.load().wide_object_verbs
        if wide:
            first = next((i + 1 for i in range(action + 1, following)
                          if words[i].text.lower() in Lexicon.load().addressee_prepositions), following)
        found = phrase_at(text, words, first, case, following, wide) \
            or (person_at(text, words, first, case) if first < following else None)
        if found is not None:
            return found
    found = (organisation_subject(text, words, action) or before_action(text, words, action)
             or in_frame(text, words, action))
    if found is not None or case is None:
        return found
    inf = next((i for i in range(action + 1, len(words)) if is_infinitive(words[i])), None)
    return after_infinitive(text, words, inf, stop) if inf is not None else None


def stated_responsible(text: str, start: int, stop: int) -> Responsible | None:
    """An explicit ``Ответственный: …`` value, already in the nominative."""
    words = tokens(text, start, stop)
    if not words or text[start:stop].strip() in ("", "-", "–", "—"):
        return None
    value = SPACES.sub(" ", text[start:stop]).strip()
    first = words[0]
    keep = (is_abbreviation(first.text) or is_name_part(words, 0)
            or lemma(first.text) in Lexicon.load().capitalised_heads)
    return Responsible(value if keep else value[:1].lower() + value[1:], start, stop)


def parent_responsible(text: str, start: int, stop: int) -> Responsible | None:
    """The responsible named by the header of sub-items (``Рекомендовать органам
    управления образованием:``), or its dative phrase (``Муниципальному координатору:``)."""
    found = responsible(text, start, stop)
    if found is not None:
        return found
    words = tokens(text, start, stop)
    return phrase_at(text, words, 0, "datv", len(words)) if words else None
