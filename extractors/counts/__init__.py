"""counts: explicit numbers about the event or project (participants, views,
schools, curators, directors, teachers, students, municipalities).

Forms found here:
- a number (digits or words, with an optional qualifier) followed by up to a
  few adjectives and a counted noun: "52 человека", "около сорока участников",
  "23 муниципальных образований", "три гимназии", "пятеро педагогов";
- a counted noun followed by a dash or colon (or a verb like "составило", a tab,
  a "|" cell, the next line) and a number: "Количество просмотров трансляции
  (<ссылка>) – 214", "обучающихся — 350", "Участников — более 50", "Число ШНОР
  сократилось с 14 до 9" (both figures; the number after the label: counts/labels.py);
- header/value rows of flattened tables (counts/tables.py) and rows whose label names what
  their numbers count, comparison years included (counts/rows.py);
- numbers whose noun is left out (counts/elided.py): "из них 4", "ещё 12".
What a person noun counts beyond the noun itself (attendance, "педагогов и директоров",
a generic "человек" read from its sentence) is counts/kinds.py.
Vote tallies, targets ("план – 12", "не менее" in a plan) and one school's own
staff are no counts (counts/context.py).
Numbers inside dates, after "№", in decimals (but "1,5 тыс."), before "%" or in
ranges are not counts; nouns not in ``data/count_nouns.json`` ("классов",
"недели", "раза") are not counted. Everything is read in the text layer's
reflowed view (hard-wrapped lines joined; the soft wraps it keeps before a digit
read across too: counts/wraps.py) and mapped back to the source.

COUNT mentions span the number phrase; their attrs are a ``CountAttrs``
(``schemas/mention_attrs.py``): value, what, unit (the noun's lemma), the number's,
the noun's and the evidence's (start, stop) (the evidence is the shortest clause
fragment stating the count), itemised (one figure of a table cell or of a list item,
never merged) and borrowed (the noun is another count's).
"""
from __future__ import annotations

from typing import Optional, Sequence

from spacy.tokens import Doc

from extractors.base import grounded, source_text, span_ref, stored_mentions, text_layer
from extractors.counts.context import (after_target, is_vote, planned_label, staff_counts,
                                      targeted)
from extractors.counts.elided import elided
from extractors.counts.kinds import counted_kind
from extractors.counts.labels import number_after_label, number_within_reach
from extractors.counts.lexicon import (counts_lexicon, ends_phrase, fold, is_count_cue,
                                       is_modifier, key, lemmas, may_count, names_target, what_of)
from extractors.counts.numbers import (SAME_LINE_GAP, Found, Reading, Taken, Token, blocked,
                                      candidates, fraction_times, gap, number_at, qualifier_start,
                                      spelled_out_end, with_multiplier)
from extractors.counts.rows import row_counts
from extractors.counts.tables import merged, table_counts
from extractors.counts.wraps import soft_reading
from extractors.text.tokens import WORD
from schemas.mention import Mention
from schemas.mention_attrs import CountAttrs
from schemas.records import Count

NAME = "counts"
OVERLAP = "keep_all"
LABEL = "COUNT"
PHRASE_BOUNDARY = frozenset(".,;:!?()")
CONFIDENCE = {"digits": 0.9, "words": 0.85}
UNREAD = ""  # what a label counts, until a number after it makes it worth reading


# -- nouns -----------------------------------------------------------------------
def noun_after(text: str, tokens: Sequence[Token], j: int) -> Optional[tuple[Optional[str], int]]:
    """(what or None, index) of the first noun after the number ending at ``j``,
    past a few adjectives ("23 муниципальных образований")."""
    lexicon = counts_lexicon()
    k, modifiers, previous = phrase_start(tokens, j), 0, None
    while word_follows(text, tokens, k):
        what = what_of(tokens[k].text, previous)
        if what is not None or not is_modifier(tokens[k].text):
            return what, k
        if modifiers >= lexicon.max_modifiers:
            return None
        previous, modifiers, k = tokens[k].text, modifiers + 1, k + 1
        if k + 1 < len(tokens) and fold(tokens[k].text) == "и" and is_modifier(tokens[k + 1].text):
            k += 1  # "опытных и молодых педагогов"
        elif k + 1 < len(tokens) and fold(tokens[k].text) in lexicon.clause_joiners:
            return shared_noun(text, tokens, k + 1, previous)
    return None


def phrase_start(tokens: Sequence[Token], j: int) -> int:
    """Where the words after the number ending at ``j`` begin: past the number repeated in
    words ("4 (четыре) школы") and a case ending ("5-ти школ")."""
    k = spelled_out_end(tokens, j) + 1
    if k + 1 < len(tokens) and tokens[k].text == "-" \
            and tokens[k + 1].text in counts_lexicon().case_endings:
        k += 2
    return k


def word_follows(text: str, tokens: Sequence[Token], k: int) -> bool:
    """The token at ``k`` is a word of the phrase of the one before it."""
    return k < len(tokens) and tokens[k].kind == WORD and gap(text, tokens[k - 1], tokens[k])


def shared_noun(text: str, tokens: Sequence[Token], i: int,
                modifier: str) -> Optional[tuple[Optional[str], int]]:
    """"38 педагогических и 5 руководящих работников": the noun of the next number phrase,
    read with this phrase's own adjective."""
    number = number_at(text, tokens, i)
    head = noun_after(text, tokens, number[1]) if number is not None else None
    if head is None:
        return None
    return what_of(tokens[head[1]].text, modifier) or head[0], head[1]


def in_context(text: str, tokens: Sequence[Token], first: int, noun: int,
               what: Optional[str]) -> Optional[str]:
    """A context rule may say what a noun counts here ("запись посмотрели 640 раз")."""
    lexicon = counts_lexicon()
    noun_key = key(tokens[noun].text)
    if noun_key not in lexicon.context_nouns:
        return what  # no rule speaks of this noun: its clause's words need no reading
    right = lexicon.context_words_right
    near = set().union(*(lemmas(t.text) for t in tokens[first:noun + 1 + right] if t.is_word))
    for rule in lexicon.context_rules:
        if noun_key in rule.nouns and rule.near <= near:
            return rule.what
    return what


def evidence_start(text: str, tokens: Sequence[Token], i: int,
                   taken: Taken) -> int:
    """Extend left over the words of the same clause (few enough of them), not
    over "и" (it joins another statement) nor into a date."""
    k, words = i, 0
    limit, joiners = counts_lexicon().max_evidence_words, counts_lexicon().clause_joiners
    while k > 0 and tokens[k - 1].is_word and gap(text, tokens[k - 1], tokens[k]) \
            and fold(tokens[k - 1].text) not in joiners \
            and not taken.at(tokens[k - 1].start):
        k, words = k - 1, words + 1
    return tokens[k].start if words <= limit else tokens[i].start


def group_before(text: str, tokens: Sequence[Token], paren: int) -> Optional[tuple[str, int]]:
    """"кураторы школ округа (4 человека)": (what the first counted
    noun of the phrase before the brackets names, where it starts); the phrase
    reaches back to a comma, colon or line start."""
    k = paren
    while k > 0 and tokens[k - 1].text not in PHRASE_BOUNDARY \
            and gap(text, tokens[k - 1], tokens[k], SAME_LINE_GAP):
        k -= 1
    for t in tokens[k:paren]:
        what = what_of(t.text) if t.is_word else None
        if what in counts_lexicon().person_kinds:  # "школах №6 (2 человека)" counts people, not schools
            return what, t.start
    return None


# -- the two forms -----------------------------------------------------------------
def number_noun(text: str, tokens: Sequence[Token], i: int,
                taken: Taken) -> Optional[Found]:
    if taken.at(tokens[i].start):
        return None  # inside a date: whatever number starts here overlaps it (see below)
    times = fraction_times(text, tokens, i)  # "1,5 тыс.", "полутора тысяч"
    if times is not None:
        (value, j), how = times, "digits" if tokens[i].is_number else "words"
        if taken.overlaps(tokens[i].start, tokens[j].stop):
            return None
    else:
        number = number_at(text, tokens, i)
        if number is None:
            return None
        value, j, how = number
        if how in ("one", "anchored") or blocked(text, tokens, i, j, taken):
            return None  # "одно мероприятие" is no count
        value, j = with_multiplier(text, tokens, value, j)
    head = noun_after(text, tokens, j)
    if head is None or (head[1] > j + 1 and glued(tokens, j)):
        return None  # "0сновные мероприятия" (OCR): only "120педагогов" is glued to its noun
    q, stop = qualifier_start(tokens, i), 0
    if is_vote(text, tokens, i) or after_target(text, tokens, q):
        return None  # "«за» – 12 человек", "план – 12 уроков" are no counts
    if targeted(text, tokens, q, i):
        return None  # "провести не менее 4 семинаров" is a target, not a count
    evidence = evidence_start(text, tokens, q, taken)
    first = q
    while first > 0 and tokens[first].start > evidence:
        first -= 1
    what = in_context(text, tokens, first, head[1], head[0])
    generic = what == head[0] and key(tokens[head[1]].text) in counts_lexicon().generic_nouns
    itemised = False
    if q > 0 and tokens[q - 1].text == "(" and generic:
        group = group_before(text, tokens, q - 1)
        itemised = group is None  # a figure given for the item before the brackets
        if group is not None:
            (what, evidence), generic = group, False
            closing = head[1] + 1
            if closing < len(tokens) and tokens[closing].text == ")":
                stop = tokens[closing].stop
    what = counted_kind(text, tokens, q, head[1], what, generic)
    if what is None:
        return None
    n = head[1]
    return Found(tokens[q].start, (tokens[i].start, tokens[j].stop),
                 (tokens[n].start, tokens[n].stop), tokens[n].stop, value, what,
                 key(tokens[n].text), evidence, CONFIDENCE[how], max(stop, tokens[n].stop),
                 itemised)


def glued(tokens: Sequence[Token], j: int) -> bool:
    return j + 1 < len(tokens) and tokens[j + 1].is_word and tokens[j + 1].start == tokens[j].stop


def noun_dash_number(text: str, tokens: Sequence[Token], i: int, taken: Taken,
                     digits: Optional[Sequence[int]] = None) -> Optional[Found]:
    """"Количество просмотров ... – 214", "обучающихся — 350" (``digits``: the indices of the
    number tokens, if known: a noun without a cue needs one a few tokens on)."""
    if tokens[i].kind != WORD or i + 1 >= len(tokens):
        return None
    within_reach = digits is None or number_within_reach(digits, i)
    if not within_reach and not word_follows(text, tokens, phrase_start(tokens, i)):
        return None  # no number a noun alone may take, no word after it for a cue's noun
        # (noun_after finds nothing there): nothing, whatever the word is
    cue = is_count_cue(tokens[i].text)  # a pymorphy3 parse of most hyphenated words
    if not cue and not within_reach:
        return None
    noun = i + 1 if cue else i
    head = noun_after(text, tokens, noun - 1) if cue else None
    if (head is None or head[0] is None) if cue else not may_count(tokens[i].text):
        return None
    found = number_after_label(text, tokens, i, head[1] if head else noun, cue,
                               head[0] if cue else UNREAD, taken)
    # What the label counts and what makes it no count's are read only for a number found:
    # the words before a noun are mostly ones no other rule has read, and their analysis
    # is most of this form's cost; the number does not depend on them.
    if found is None or is_target_noun(tokens, i, noun) or (cue and planned_label(text, tokens, i)) \
            or (not cue and i > 0 and is_count_cue(tokens[i - 1].text)):  # the cue's own form
        return None
    if cue:
        return found
    what = noun_label_what(text, tokens, i)
    return None if what is None else found._replace(what=what)


def noun_label_what(text: str, tokens: Sequence[Token], i: int) -> Optional[str]:
    """What the noun at ``i`` counts, read with the adjective before it when the two may make
    a phrase of the lexicon ("Педагогических работников — 47")."""
    before = modifier_before(text, tokens, i) if ends_phrase(tokens[i].text) else None
    return what_of(tokens[i].text, before)


def is_target_noun(tokens: Sequence[Token], i: int, noun: int) -> bool:
    """"план – 12", "целевой показатель – 40" set targets."""
    return names_target([t.text for t in tokens[i:noun + 1] if t.is_word])


def modifier_before(text: str, tokens: Sequence[Token], i: int) -> Optional[str]:
    """"Педагогических работников — 47": the adjective right before a noun."""
    if i > 0 and tokens[i - 1].is_word and gap(text, tokens[i - 1], tokens[i]) \
            and is_modifier(tokens[i - 1].text):
        return tokens[i - 1].text
    return None


def to_mention(text: str, f: Found) -> Mention:
    evidence = (min(f.evidence_start, f.start), max(f.evidence_stop, f.stop))
    return Mention.of(text, LABEL, f.start, f.stop, NAME, f.confidence,
                      attrs=CountAttrs(value=f.value, what=f.what, unit=f.unit, number=tuple(f.number),
                                       noun=tuple(f.noun), evidence=evidence, itemised=f.itemised,
                                       borrowed=f.borrowed))


def find(doc: Doc) -> list[Mention]:
    """Counts read in the reflowed view of the text (hard-wrapped lines joined, runs of
    spaces made one, glued words split), every span mapped back to the source."""
    source = source_text(doc)
    layer = text_layer(doc)
    view = layer.reflowed
    dates = [(view.from_source(m.start), view.from_source(m.stop))
             for m in stored_mentions(doc, "dates")]
    text, sentences = soft_reading(layer)  # and across the soft wraps the view keeps
    tokens = Reading(layer.reflowed_tokens, sentences, len(text))
    return [to_mention(source, in_source(view, f)) for f in find_in(text, tokens, dates)]


def in_source(view, f: Found) -> Found:
    start, stop = view.source_start, view.source_stop
    return f._replace(start=start(f.start), stop=stop(f.stop),
                   number=view.to_source(*f.number), noun=view.to_source(*f.noun),
                   evidence_start=start(f.evidence_start), evidence_stop=stop(f.evidence_stop))


def find_in(text: str, tokens: Reading, dates: list[tuple[int, int]]) -> list[Found]:
    taken = Taken(len(text), dates)
    found: dict[int, Found] = {}
    starts = candidates(tokens)
    for i in starts.numbers:
        f = number_noun(text, tokens, i, taken)
        if f is not None and f.number[0] not in found:
            found[f.number[0]] = f
    for i in starts.nouns:
        f = noun_dash_number(text, tokens, i, taken, starts.digits)
        if f is not None and f.number[0] not in found:
            found[f.number[0]] = f
    kept = list(found.values())
    kept += merged(kept, table_counts(text, taken))
    kept += merged(kept, row_counts(text, taken))
    kept += elided(text, tokens, kept, taken, starts.figures)
    staff = staff_counts(text, tokens, [(f.number[0], f.what) for f in kept])
    kept = [f for f in kept if f.number[0] not in staff]
    return sorted(kept, key=lambda f: f.start)


def build(doc: Doc, mentions: list[Mention]) -> list[Count]:
    """One Count per distinct (value, what, counted noun); repeated statements add spans.
    A number with a borrowed noun ("22 школами из 24") restates any earlier count of that
    value and kind; figures given item by item ("№6 (2 человека), 61 (2 человека)") stay
    one each."""
    if not mentions:  # most documents state no count
        return []
    text = source_text(doc)
    records: dict[tuple, Count] = {}
    for m in sorted((m for m in mentions if m.label == LABEL), key=lambda m: m.start):
        a: CountAttrs = m.attrs
        item = (a.number[0],) if a.itemised else ()
        ident = (a.value, a.what, a.unit) + item
        if a.borrowed:
            ident = next((k for k in records if k[:2] == ident[:2]), ident)
        if ident in records:
            records[ident].spans.append(span_ref(m))
            continue
        evidence = grounded(text, *a.evidence, NAME, m.confidence)
        number = grounded(text, *a.number, NAME, m.confidence)
        noun = grounded(text, *a.noun, NAME, m.confidence)
        records[ident] = Count(value=a.value, unit=a.unit, what=a.what,
                               evidence=evidence.text, spans=[span_ref(m)],
                               provenance={"value": [number], "what": [noun],
                                           "evidence": [evidence]},
                               confidence=m.confidence)
    return list(records.values())
