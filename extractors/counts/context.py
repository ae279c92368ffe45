"""What the sentence around a number says about it, for the counts family:
a vote tally ("«за» – 12") is no count, "не менее 40" is a target in a plan
and a count in a report, and "В школе обучаются 58 человек" describes a school,
not the event or the project.
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from extractors.counts.lexicon import counts_lexicon, fold, key, lemmas, names_target, tags
from extractors.counts.numbers import SAME_LINE_GAP, Reading, Token, gap, sentence_bounds

TABLE_CELLS = re.compile(r"[\t|]")
TARGET_GLUE = frozenset("–—-:")
VOTE_GLUE = frozenset("–—-:«»\"“”(")
PLAN_POS = frozenset({"INFN"})
REPORT_POS = frozenset({"VERB", "PRTS", "PRTF"})


def sentence_words(tokens: Reading, offset: int, reach: int | None = None) -> list[str]:
    """Words of the sentence holding ``offset``; with ``reach``, only that many tokens either side."""
    start, stop = sentence_bounds(tokens, offset)
    first = bisect.bisect_left(tokens, start, key=token_start)  # tokens are in text order:
    last = bisect.bisect_left(tokens, stop, key=token_start)  # no scan of the whole document
    if reach is not None:
        here = bisect.bisect_left(tokens, offset, key=token_start)
        first, last = max(first, here - reach), min(last, here + reach)
    return [t.text for t in tokens[first:last] if t.is_word]


def token_start(token: Token) -> int:
    return token.start


def is_vote(text: str, tokens: Sequence[Token], i: int) -> bool:
    """"«за» – 12", "против: 0": a vote word right before the number, past quotes and a dash,
    or a voting verb right after it."""
    j = i - 1
    while j >= 0 and tokens[j].text in VOTE_GLUE \
            and gap(text, tokens[j], tokens[j + 1], SAME_LINE_GAP):
        j -= 1
    if j >= 0 and j < i - 1 and fold(tokens[j].text) in counts_lexicon().vote_words:
        return True
    k = i + 1  # "12 проголосовали за"
    return k < len(tokens) and tokens[k].is_word \
        and bool(lemmas(tokens[k].text) & counts_lexicon().vote_keys)


def after_target(text: str, tokens: Sequence[Token], i: int) -> bool:
    """"План – 12", "целевой показатель: 40 человек": a target label right before the number."""
    j = i - 1
    while j >= 0 and tokens[j].text in TARGET_GLUE \
            and gap(text, tokens[j], tokens[j + 1], SAME_LINE_GAP):
        j -= 1
    if j == i - 1:
        return False
    return names_target([t.text for t in tokens[max(0, j - 1):j + 1] if t.is_word])


def planned_label(text: str, tokens: Sequence[Token], i: int) -> bool:
    """"Планируемое количество участников": a plan word right before a count cue."""
    return i > 0 and tokens[i - 1].is_word and gap(text, tokens[i - 1], tokens[i], SAME_LINE_GAP) \
        and bool(lemmas(tokens[i - 1].text) & counts_lexicon().plan_keys)


def is_target(text: str, tokens: Reading, offset: int) -> bool:
    """"не менее N" plans in a table row (a plan's cells) or in a sentence with an infinitive,
    a future tense or a plan word, and reports where a past-tense verb or participle says so."""
    lexicon = counts_lexicon()
    lo, hi = max(0, offset - lexicon.sentence_window), min(len(text), offset + lexicon.sentence_window)
    line_start = text.rfind("\n", lo, offset) + 1 or lo  # the line, within a window
    line_stop = text.find("\n", offset, hi)
    if TABLE_CELLS.search(text, line_start, line_stop if line_stop >= 0 else hi):
        return True
    reported = False
    for w in sentence_words(tokens, offset, lexicon.target_reach):
        if lemmas(w) & lexicon.plan_keys:
            return True
        pos, tense = tags(w)
        if pos in PLAN_POS or tense == "futr":
            return True
        reported = reported or (pos in REPORT_POS and tense == "past")
    return not reported


def is_profile(words: Sequence[str], what: str) -> bool:
    """"В школе обучаются 58 человек, работают 11 педагогов": one school's own staff."""
    rules = [rule for rule in counts_lexicon().profile_rules if what in rule.whats]
    if not rules:
        return False
    forms = {fold(w) for w in words}
    verbs = {key(w) for w in words}
    return any(forms & rule.forms and verbs & rule.verbs for rule in rules)


def staff_counts(text: str, tokens: Reading, offsets_whats: Sequence[tuple[int, str]]
                 ) -> set[int]:
    """Offsets (of the given numbers) that count one school's own staff; each sentence read once."""
    lexicon = counts_lexicon()
    seen: dict[tuple[tuple[int, int], str], bool] = {}
    out: set[int] = set()
    for offset, what in offsets_whats:
        if not any(what in rule.whats for rule in lexicon.profile_rules):
            continue
        bounds = (sentence_bounds(tokens, offset), what)
        if bounds not in seen:
            seen[bounds] = lexicon.profile_forms.search(text, *bounds[0]) is not None \
                and is_profile(sentence_words(tokens, offset), what)
        if seen[bounds]:
            out.add(offset)
    return out


def targeted(text: str, tokens: Sequence[Token], q: int, i: int) -> bool:
    """"не менее 4" (tokens q..i) in a sentence that plans: a target, not a count."""
    return tuple(fold(t.text) for t in tokens[q:i]) in counts_lexicon().target_qualifiers \
        and is_target(text, tokens, tokens[i].start)
