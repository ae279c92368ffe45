"""Event roles and gender cues that come from beyond a name's own apposition:
protocol sections, ``ведущая:`` colon cues, verbs of speaking and taking part
in the name's sentence, captions over a list of names, signatures, and
enumerations of names."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate
from typing import Optional

from spacy.tokens import Doc

from extractors.base import stored_mentions
from extractors.people.roles import Context
from extractors.people.titles import Slot, role_of
from extractors.people.text import Geometry, lemma_set, verb_parse
from extractors.people.names import NameHit, parses, surname_readings
from extractors.people.lexicon import Lexicon
from schemas.mention_attrs import SectionAttrs

LINE_LEAD = re.compile(r"^[\s•·\-–—*]*(?:\d{1,2}[.)]\s*)?$")
NUMBERED = re.compile(r"[ \t]*(\d{1,2})([.)])[ \t]*[А-ЯЁ]")
NUMBERED_LINE = re.compile("^" + NUMBERED.pattern, re.MULTILINE)
CO_SUBJECT_GLUE = re.compile(r"^\s*(?:,\s*(?:и\s+)?|и\s+)[^;:()\n]*$")
# A capitalised word (``Он``, ``Она``, ``Министр``) and the word after it, at a line start or
# after a sentence's end; the look-behind is checked after the capital (it takes it in as its
# last character) so that ``re`` skips to capitals instead of trying it at every position.
PRONOUN_OPENING = re.compile(r"([А-ЯЁ](?:(?<![^\n].)|(?<=[.!?]\s.))[а-яё]+)\s+([а-яё]+)")
PLURAL_VERB_ENDINGS = ("и", "ют", "ят", "ут", "ат")  # приняли, принимают, участвуют



def nearest(hits: list[NameHit], pos: int, lo: int, hi: int, text: str = "") -> Optional[int]:
    """The hit a singular verb at ``pos`` belongs to: a nominative name after it in the
    same clause (``представила директор … Кравец Н.Ю.``), else the closest before it."""
    after = in_sentence(hits, pos, hi)
    follows = bool(after) and bool(text) and "," not in text[pos:hits[after[0]].start]
    if follows and nominative_possible(hits[after[0]]):
        return after[0]
    before = in_sentence(hits, lo, pos)
    if before:
        return before[-1]
    return after[0] if after else None


def nominative_possible(hit: NameHit) -> bool:
    return any(r.case in ("nomn", None) for r in surname_readings(hit.surname))


def in_sentence(hits: list[NameHit], lo: int, hi: int) -> list[int]:
    """Indexes of the hits inside ``[lo, hi)``; hits are in text order, so two binary
    searches find them (a long text has thousands of sentences and names)."""
    first = bisect.bisect_left(hits, lo, key=hit_start)
    last = bisect.bisect_left(hits, hi, key=hit_start)
    return [i for i in range(first, last) if hits[i].stop <= hi]


def hit_start(hit: NameHit) -> int:
    return hit.start


def sentence_cues(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """Verbs and gendered words in each sentence that holds a name."""
    done: set[tuple[int, int]] = set()
    genders = Lexicon.load().gender_words
    reads_acting = Lexicon.load().acting_verbs | Lexicon.load().role_copulas
    for hit in hits:
        lo, hi = geo.sentence(hit.start)
        if (lo, hi) in done:
            continue
        done.add((lo, hi))
        named = {p for i in in_sentence(hits, lo, hi) for p in range(hits[i].start, hits[i].stop)}
        acting: list[Optional[str]] = []
        for tok in geo.tokens(lo, hi):
            if tok.quoted or tok.start in named:
                continue
            gender = genders.get(tok.lower)
            if gender:
                owner = nearest(hits, tok.start, lo, hi)
                if owner is not None:
                    ctxs[owner].gender_votes[gender] += 1
            elif geo.text[tok.stop:tok.stop + 1] != ":" and verb_parse(tok.text) is not None:
                if not acting and lemma_set(tok.text) & reads_acting:
                    acting.append(acting_role(geo, hits, lo, hi))  # only these verbs read it
                verb_cue(geo, tok, hits, ctxs, (lo, hi), acting[0] if acting else None)
        participation(geo, hits, ctxs, lo, hi)
        taught_by(geo, hits, ctxs, lo, hi)


def taught_by(geo: Geometry, hits: list[NameHit], ctxs: list[Context], lo: int, hi: int) -> None:
    """``На уроках, подготовленных учителями Зориной В.Ю., Ракитиной Л.В. …``: the people
    a lesson or a master class was given by (a participle with names in the instrumental)
    present it, like ``провела урок``."""
    if not any(teaching_word(t.text) for t in geo.tokens(lo, hi) if not t.quoted):
        return  # no teaching participle among the sentence's lemmas: the test below fails
    words, lemmas = sentence_words(geo, lo, hi)
    if not lemmas & Lexicon.load().taught_objects or not lemmas & Lexicon.load().teaching_participles:
        return
    agent = next((t for t in geo.tokens(lo, hi) if lemma_set(t.text)
                  & Lexicon.load().teaching_participles and participle(t.text)), None)
    if agent is None:
        return
    for i in in_sentence(hits, agent.stop, hi):
        if any(r.case == "ablt" for r in surname_readings(hits[i].surname)):
            ctxs[i].roles.append(Slot("speaker", agent.start, agent.stop))


@lru_cache(maxsize=100000)
def teaching_word(word: str) -> bool:
    """A lemma of the word is a teaching participle (``подготовленных``): one such word in a
    sentence is needed before its whole lemma set is built (most sentences have none)."""
    return not lemma_set(word).isdisjoint(Lexicon.load().teaching_participles)


@lru_cache(maxsize=20000)
def participle(word: str) -> bool:
    return any(not p.tag.grammemes.isdisjoint(("PRTF", "PRTS")) for p in parses(word.lower())[:2])


def pronoun_speakers(geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    """``… Евгений Колесник. Он рассказал о планах …``: a sentence without a name that opens
    with ``он``/``она`` and a verb of speaking is the last named person speaking; one that
    opens with a title (``Министр подчеркнул``) is the last person with that title."""
    starts = [h.start for h in hits]
    titled_before = list(accumulate((ctx.position is not None for ctx in ctxs), max, initial=False))
    if not titled_before[-1] and "Он" not in geo.text:
        return  # a role needs an opening ``Он``/``Она`` (the pattern's capital, then lower case)
        # or someone named with a title before the sentence
    for m in PRONOUN_OPENING.finditer(geo.text):
        # the verb is parsed last, once the sentence could give someone a speaker role
        lo, hi = geo.sentence(m.start(1))
        if lo < m.start(1) - 2 and geo.text[lo:m.start(1)].strip():
            continue
        first = bisect.bisect_left(starts, lo)  # hits before the sentence: [0, first)
        if first < len(hits) and hits[first].start < hi:
            continue  # the sentence names someone itself
        subject = m.group(1).lower()
        if subject in ("он", "она"):
            if first and geo.sentence(hits[first - 1].start)[1] >= lo - 2 and speaks(m.group(2)):
                ctxs[first - 1].roles.append(Slot("speaker", m.start(2), m.end(2)))
            continue
        if not titled_before[first] or not speaks(m.group(2)):
            continue  # nobody named before has a title the subject could be
        titled = [i for i in range(first) if ctxs[i].position is not None
                  and lemma_set(ctxs[i].position.value.split(" ")[0]) & lemma_set(subject)]
        if titled:  # ``… министра Сергея Ломтева … Министр подчеркнул …``
            ctxs[titled[-1]].roles.append(Slot("speaker", m.start(2), m.end(2)))


def speaks(word: str) -> bool:
    return verb_parse(word) is not None and bool(lemma_set(word) & Lexicon.load().speaker_verbs)


def acting_role(geo: Geometry, hits: list[NameHit], lo: int, hi: int) -> Optional[str]:
    """``модераторами секций выступили …``: a role noun in the instrumental makes
    ``выступить`` mean acting in that role, not speaking (``с куратором Ивановой`` does not)."""
    toks = geo.tokens(lo, hi)
    for i, tok in enumerate(toks):
        role = role_of(tok, True)
        if role is None or not any("ablt" in p.tag.grammemes and "NOUN" in p.tag.grammemes for p in parses(tok.lower)):
            continue
        with_prep = i > 0 and toks[i - 1].lower in Lexicon.load().with_words
        named = any(0 <= h.start - tok.stop <= 2 for h in hits)
        if not with_prep and not named:
            return role
    return None


def verb_cue(geo: Geometry, tok, hits: list[NameHit], ctxs: list[Context], bounds: tuple[int, int],
             acting: Optional[str]) -> None:
    lo, hi = bounds
    text = geo.text
    verb = verb_parse(tok.text)
    if verb is None:
        return
    lemmas, lex = lemma_set(tok.text), Lexicon.load()
    speaking = bool(lemmas & lex.speaker_verbs) or given_floor(geo, lo, hi, lemmas)
    role = acting if acting and lemmas & lex.acting_verbs else "speaker"
    if lemmas & lex.moderator_verbs and moderated(geo, lo, hi, lemmas):
        speaking, role = True, "moderator"
    elif lemmas & lex.moderator_verbs and sentence_words(geo, lo, hi)[1] & lex.taught_objects:
        speaking, role = True, "speaker"  # ``Мастер-классы провели учителя …``
    if acting and lemmas & lex.role_copulas:
        speaking, role = True, acting  # ``Модератором круглого стола стала методист …``
    speaking = speaking and ("past" in verb.tag.grammemes or "3per" in verb.tag.grammemes)
    if "plur" in verb.tag.grammemes:
        if speaking:
            for i in in_sentence(hits, lo, hi):
                ctxs[i].roles.append(Slot(role, tok.start, tok.stop))
        return
    owner = nearest(hits, tok.start, lo, hi, text)
    if owner is None:
        return
    if verb.tag.gender in ("masc", "femn") and "past" in verb.tag.grammemes:
        ctxs[owner].gender_votes[verb.tag.gender] += 1
    if not speaking:
        return
    ctxs[owner].roles.append(Slot(role, tok.start, tok.stop))
    j = owner + 1
    while hits[owner].start > tok.start and j < len(hits) and hits[j].stop <= hi \
            and co_subject(geo, hits[j - 1], hits[j]):
        ctxs[j].roles.append(Slot(role, tok.start, tok.stop))  # ``выступил глава …, председатель …``
        j += 1


def co_subject(geo: Geometry, a: NameHit, b: NameHit) -> bool:
    """A name joined to the one before it by a comma or ``и``, maybe after a title, with no
    verb between: another subject of the same verb."""
    glue = geo.text[a.stop:b.start]
    if not CO_SUBJECT_GLUE.match(glue):
        return False
    return not any(verb_parse(t.text) for t in geo.tokens(a.stop, b.start))


def given_floor(geo: Geometry, lo: int, hi: int, lemmas: frozenset[str]) -> bool:
    """``слово получила …``, ``взял слово``: taking the floor is speaking."""
    if not lemmas & Lexicon.load().floor_verbs:
        return False
    return not sentence_words(geo, lo, hi)[0].isdisjoint(Lexicon.load().floor_nouns)




def moderated(geo: Geometry, lo: int, hi: int, lemmas: frozenset[str]) -> bool:
    """``модерировала`` always; ``провела``/``вела`` when an event is what was run."""
    if "модерировать" in lemmas:
        return True
    objects = Lexicon.load().moderated_objects
    return bool(sentence_words(geo, lo, hi)[1] & objects)


@lru_cache(maxsize=64)
def sentence_words(geo: Geometry, lo: int, hi: int) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case words and the lemmas of the unquoted words of one sentence, read once per
    sentence, not once per verb (a sentence of thousands of words is otherwise quadratic)."""
    toks = geo.tokens(lo, hi)
    return (frozenset(t.lower for t in toks),
            frozenset().union(*(lemma_set(t.text) for t in toks if not t.quoted)))



def participation(geo: Geometry, hits: list[NameHit], ctxs: list[Context], lo: int, hi: int) -> None:
    for m in Lexicon.load().participant_pattern.finditer(geo.text, lo, hi):
        plural = m.group().lower().split(" ")[0].endswith(PLURAL_VERB_ENDINGS)
        if plural:
            owners = in_sentence(hits, m.start(), hi)
        else:
            owners = [nearest(hits, m.start(), lo, hi, geo.text)]
        for i in owners:
            blocking = Lexicon.load().blocking_noun_roles
            if i is not None and not any(r.value in blocking for r in ctxs[i].roles):
                ctxs[i].roles.append(Slot("participant", m.start(), m.end()))


def section_roles(doc: Doc, geo: Geometry, hits: list[NameHit], ctxs: list[Context]) -> None:
    kinds = Lexicon.load().section_roles
    for section in stored_mentions(doc, "layout"):
        attrs: SectionAttrs = section.attrs
        role = kinds.get(attrs.kind)
        heard = attrs.kind == "heard"
        if role is None and not heard:
            continue
        scope = section_scope(geo, attrs.body_start, section.stop, hits)
        for i, hit in enumerate(hits):
            if scope[0] <= hit.start < scope[1] and (not heard or heads_item(geo, hits, hit, scope[0])):
                ctxs[i].roles.append(Slot(role, section.start, attrs.body_start))
                if heard:
                    ctxs[i].expected_cases.add(Lexicon.load().heard_case)


def heads_item(geo: Geometry, hits: list[NameHit], hit: NameHit, body: int) -> bool:
    """Under ``Слушали`` only the names an item opens with were heard (``1. Иванову И.И.``,
    ``По первому вопросу – Петрову П.П.``), and the names joined to them without a verb."""
    start = max(geo.line(hit.start)[0], body)
    first = next(h for h in hits if start <= h.start <= hit.start)
    lead = geo.text[start:first.start]
    if ":" in lead:
        return False
    if geo.sentence(first.start) != geo.sentence(hit.start):
        return False
    return not any(verb_parse(t.text) for t in geo.tokens(start, hit.start))


def section_scope(geo: Geometry, body: int, stop: int, hits: list[NameHit]) -> tuple[int, int]:
    """A header with text on its own line covers that line and the name lines right after it;
    a numbered header (``3. Организатор.``) ends at the next numbered heading."""
    line_start, line_stop = geo.line(body)
    numbered = NUMBERED.match(geo.text, line_start)
    if numbered:
        wanted = (str(int(numbered.group(1)) + 1), numbered.group(2))
        nxt = next((m for m in NUMBERED_LINE.finditer(geo.text, line_stop, stop)
                    if m.groups() == wanted), None)
        stop = nxt.start() if nxt else stop
    if not geo.text[body:line_stop].strip():
        return body, stop
    end = line_stop
    while end < stop:
        nxt_start, nxt_stop = geo.line(end + 1)
        if not starts_with_name(geo.text, nxt_start, nxt_stop, hits):
            break
        end = nxt_stop
    return body, min(end, stop)


def starts_with_name(text: str, start: int, stop: int, hits: list[NameHit]) -> bool:
    return any(start <= h.start < stop and LINE_LEAD.match(text[start:h.start]) for h in hits)
