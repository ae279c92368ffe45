"""Event kind mentions: a kind of ``data/event.json`` ``kinds`` (matched by lemmas,
so every case works), widened by the adjectives the text puts before it
(``выездной семинар``, ``проектная мастерская``) unless they only say where or
how often the event is held (``kind_modifier_skip``: ``региональный``,
``очередной`` …). A ``kind_prefixes`` prefix (``онлайн-совещание``) is not part
of the kind; the format cues read it."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Sequence

from pymorphy3.units.by_lookup import DictionaryAnalyzer

from extractors.event.lexicon import Lexicon
from extractors.text.morph import inflect
from extractors.text.tokens import Token
from extractors.text.tokens import alnum_words as tokens
from extractors.text.inflect import lemma, lemmas
from extractors.text.morph import analyzer, lexeme_words, parses
from schemas.mention import Mention
from schemas.mention_attrs import EventKindAttrs

NAME = "event"
MAX_MODIFIERS = 2
SKIP_TAGS = {"Apro", "Anum", "Subx"}
SENTENCE_BREAK = ".!?\n"


class Kind(NamedTuple):
    value: str
    lemmas: tuple[str, ...]
    head: int = -1  # the noun the kind is about: стол of круглый стол, неделя of неделя открытых уроков


def head_index(words: list[str]) -> int:
    """The first word of a kind (in the nominative) that is a noun in the nominative."""
    for i, word in enumerate(words):
        if any(p.tag.POS == "NOUN" and p.normal_form == word.lower() for p in parses(word)):
            return i
    return len(words) - 1


@lru_cache(maxsize=1)
def kinds() -> tuple[Kind, ...]:
    entries = []
    for k in Lexicon.load().kinds:
        words = [t.text for t in tokens(k)]
        entries.append(Kind(k, tuple(lemma(w) for w in words), head_index(words)))
    return tuple(sorted(entries, key=lambda k: -len(k.lemmas)))


# plural_verb, singular_form and agreeing_adjective read pymorphy3 tags (each grammeme a
# descriptor call) of the same few words for every kind mention: kept per word
@lru_cache(maxsize=20000)
def plural_verb(word: str) -> bool:
    verbs = [p for p in parses(word) if p.tag.POS in ("VERB", "PRTS")]
    return bool(verbs) and all("plur" in p.tag for p in verbs)


@lru_cache(maxsize=20000)
def singular_form(word: str, lemma_: str) -> bool:
    return any(p.normal_form == lemma_ and "sing" in p.tag for p in parses(word))


def is_singular(word: str, lemma_: str, neighbours: list[str]) -> bool:
    """Singular by form, unless a plural-only verb next to it says otherwise (the
    neighbours, often words parsed nowhere else, are parsed only for a singular form)."""
    return singular_form(word, lemma_) and not any(plural_verb(n) for n in neighbours)


def bare(word: str) -> str:
    """``word`` without a ``kind_prefixes`` prefix (``онлайн-совещание`` -> ``совещание``)."""
    lower = word.lower()
    prefixes = Lexicon.load().kind_prefixes
    if not lower.startswith(prefixes):
        return word  # no prefix at all (one C call): the loop below would find none
    for prefix in prefixes:
        if lower.startswith(prefix) and len(word) > len(prefix) + 2:
            return word[len(prefix):]
    return word


@lru_cache(maxsize=1)
def first_lemma_index() -> dict[str, tuple[int, ...]]:
    """Positions in ``kinds()`` of the kinds whose first word has each lemma."""
    index: dict[str, list[int]] = {}
    for position, kind in enumerate(kinds()):
        index.setdefault(kind.lemmas[0], []).append(position)
    return {first: tuple(positions) for first, positions in index.items()}


@lru_cache(maxsize=1)
def first_word_forms() -> frozenset[str]:
    """Every form (lower case, ё as е) of every dictionary lexeme whose normal form is a
    kind's first lemma. A dictionary word has such a lemma only if it is one of these
    forms: pymorphy3 gives a dictionary word only its dictionary parses, and a parse's
    normal form is form 0 of the parse's lexeme, so ``parses(first)`` finds every such
    lexeme (the guessed lexemes of a word the dictionary does not know are not needed:
    ``may_start_kind`` lets such words through)."""
    forms: set[str] = set()
    for first in first_lemma_index():
        for parse in parses(first):
            if parse.normal_form == first and isinstance(parse.methods_stack[0][0],
                                                         DictionaryAnalyzer):
                forms.update(map(folded, lexeme_words(parse)))
    return frozenset(forms)



def folded(word: str) -> str:
    return word.lower().replace("ё", "е")


def may_start_kind(word: str) -> bool:
    """A necessary condition of ``word_lemmas(word)`` holding a kind's first lemma, without
    parsing the word: ``may_open`` holds for it or for its ``bare`` form."""
    lower = word.lower()
    if not lower.startswith(Lexicon.load().kind_prefixes):
        return may_open(lower)  # ``bare(word)`` is ``word`` itself
    stripped = bare(word)
    return may_open(lower) or stripped != word and may_open(stripped.lower())


def may_open(lower: str) -> bool:
    """A necessary condition of ``lemmas(lower)`` holding a kind's first lemma: ``lower``
    is a form of such a lemma's lexeme (``first_word_forms``), or a word pymorphy3 does not
    know, whose guessed lemmas only parsing tells, except a word read by its shape."""
    if folded(lower) in first_word_forms():
        return True
    known = analyzer().word_is_known
    if known(lower, strict=True) or known(lower):  # a word stored as written is known: the
        return False  # walk over its е/ё variants is ~5x dearer and asked only of the rest
    if read_by_shape(lower):
        return lower in first_lemma_index()
    return True


def read_by_shape(lower: str) -> bool:
    """An unknown word pymorphy3 reads by its shape alone: a number (the terminal
    NumberAnalyzer, first after the dictionary) or ASCII with a Latin letter (the Latin
    analyzer, terminal, after the Number and Roman-number ones); each of these parses has
    the word itself, lower-cased, as its normal form."""
    return lower.isdecimal() or lower.isascii() and any(map(str.isalpha, lower))


@lru_cache(maxsize=20000)
def kinds_starting_with(word: str) -> tuple[Kind, ...]:
    """The kinds that can start at ``word``, in ``kinds()`` order (longest first), so a
    word is compared only with the kinds its lemmas can open, not with all of them."""
    if not may_start_kind(word):
        return ()
    index = first_lemma_index()
    positions = sorted(p for lemma_ in word_lemmas(word) for p in index.get(lemma_, ()))
    every = kinds()
    return tuple(every[p] for p in positions)


@lru_cache(maxsize=20000)
def word_lemmas(word: str) -> frozenset[str]:
    return lemmas(word) | lemmas(bare(word))


@lru_cache(maxsize=20000)
def agreeing_adjective(word: str, head: str, head_lemma: str):
    """The parse of ``word`` as an adjective agreeing with the noun ``head``."""
    nouns = [p for p in parses(bare(head)) if p.normal_form == head_lemma and p.tag.case]
    for p in parses(word):
        if p.tag.POS != "ADJF" or SKIP_TAGS & set(p.tag.grammemes):
            continue
        for noun in nouns:
            if p.tag.case == noun.tag.case and p.tag.number == noun.tag.number and (
                    p.tag.number == "plur" or p.tag.gender == noun.tag.gender):
                return p
    return None


def abbreviated(word: str, gap: str, head: str, head_lemma: str) -> str | None:
    """``пед.конференция``: a ``modifier_abbreviations`` adjective written short, in the
    nominative agreeing with the kind's first word (``педагогическая``)."""
    full = Lexicon.load().modifier_abbreviations.get(word.lower())
    if full is None or gap.strip() != ".":
        return None
    noun = next((p for p in parses(bare(head)) if p.normal_form == head_lemma and p.tag.gender), None)
    adjective = next((p for p in parses(full) if p.tag.POS == "ADJF"), None)
    if noun is None or adjective is None:
        return full
    inflected = inflect(adjective, {"nomn", "sing", noun.tag.gender})
    return inflected.word if inflected else full


def modifiers(text: str, words: list[Token], first: int, head: Token,
              head_lemma: str) -> tuple[int, list[str]]:
    """Index of the first adjective before ``words[first]`` that belongs to the kind,
    and their nominative forms (agreeing with the kind's first word)."""
    forms: list[str] = []
    j = first
    while j > 0 and len(forms) < MAX_MODIFIERS:
        word = words[j - 1]
        gap = text[word.stop:words[j].start]
        short = abbreviated(word.text, gap, head.text, head_lemma)
        if short:
            forms.insert(0, short)
            j -= 1
            continue
        if gap.strip():
            break
        at_start = word.start == 0 or any(ch in SENTENCE_BREAK
                                          for ch in text[max(0, word.start - 3):word.start])
        if word.text[:1].isupper() and not at_start:
            break
        parse = agreeing_adjective(word.text, head.text, head_lemma)
        if parse is None or parse.normal_form in Lexicon.load().kind_modifier_skip:
            break
        wanted = {"nomn", "plur"} if parse.tag.number == "plur" else {"nomn", "sing",
                                                                     parse.tag.gender}
        inflected = inflect(parse, wanted)
        forms.insert(0, (inflected.word if inflected else word.text).lower())
        j -= 1
    return j, forms


def stage(text: str, words: list[Token], first: int, kind: Kind) -> tuple[int, str] | None:
    """``муниципального этапа Всероссийского конкурса``: a staged kind (``staged_kinds``)
    after ``этап`` and its adjective is that stage (``муниципальный этап конкурса``),
    the adjectives of the whole contest left out. (index of the first word, value)."""
    if kind.value not in Lexicon.load().staged_kinds:
        return None
    j = first
    while j > 0 and j > first - MAX_MODIFIERS and not text[words[j - 1].stop:words[j].start].strip(
            ) and any(p.tag.POS == "ADJF" for p in parses(words[j - 1].text)[:1]):
        j -= 1
    if j < 2 or "этап" not in word_lemmas(words[j - 1].text) or any(
            text[a.stop:b.start].strip() for a, b in ((words[j - 2], words[j - 1]),
                                                       (words[j - 1], words[j]))):
        return None
    adjective = next((p for p in parses(words[j - 2].text) if p.tag.POS == "ADJF"), None)
    noun = next((p for p in parses(kind.value) if p.tag.POS == "NOUN"), None)
    stage_form = inflect(adjective, {"nomn", "sing", "masc"}) if adjective else None
    genitive = inflect(noun, {"gent", "sing"}) if noun else None
    if stage_form is None or genitive is None:
        return None
    return j - 2, f"{stage_form.word} этап {genitive.word}"


def kind_mentions(text: str, words: Sequence[Token] | None = None) -> list[Mention]:
    """Kind mentions of ``text``; ``words`` are its letter-and-digit runs as the text
    layer has them (``text_layer(doc).alnum_words``), cut here only when not given."""
    words = tokens(text) if words is None else words
    found, i = [], 0
    while i < len(words):
        for kind in kinds_starting_with(words[i].text):
            window = words[i:i + len(kind.lemmas)]
            if len(window) == len(kind.lemmas) and all(
                    lemma_ in word_lemmas(w.text) for w, lemma_ in zip(window, kind.lemmas)):
                start, extra = modifiers(text, words, i, window[0], kind.lemmas[0])
                value = " ".join([*extra, kind.value])
                staged = stage(text, words, start, kind)
                if staged is not None:
                    start, value = staged
                singular = is_singular(bare(window[kind.head].text), kind.lemmas[kind.head],
                                       [w.text for w in words[max(0, start - 1):start]
                                        + words[i + len(window):i + len(window) + 1]])
                found.append(Mention.of(text, "EVENT_KIND", words[start].start, window[-1].stop,
                                        NAME, 0.8, attrs=EventKindAttrs(value, singular)))
                i += len(kind.lemmas) - 1
                break
        i += 1
    return found
