"""Text geometry the people family needs, read from the text layer: word tokens
(the layer's ``alnum_words``, a «…» quote one token) with their parses, the layer's
sentences and lines with people's list-item ends, quoted chunks, and the head of a
job title or organisation name put into the nominative by the layer's
``inflect.nominative_phrase``."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple, Optional

from extractors.text.inflect import nominative_phrase as nominative_phrase_words
from extractors.text.tokens import Token, alnum_words
from extractors.people.given import patronymic_parse
from extractors.people.names import parses, surname_like

QUOTED = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»|\"[^\"\n]*\"|“[^”\n]*”")
ABBREVIATION = re.compile(r"^[А-ЯЁA-Z]{2,}[А-ЯЁA-Z0-9-]*$")
LINE_END = re.compile(r"[ \t\r]*\n")
INITIAL_END = re.compile(r"\.(?=[ \t\u00a0]+[«\"(]?[А-ЯЁ0-9•])")
ITEM_END = ";•\n\t"  # found by str.find: a class of them compiles through re's big map
WRAPPED_WORD = re.compile(r"[ \t]*([А-ЯЁа-яё]+)")
FINITE = frozenset({"VERB"})
# A part of speech is tested as a grammeme of the tag (``"NOUN" in p.tag.grammemes``): every
# pymorphy3 tag holds at most one (checked over its 5,532 tags), and ``tag.POS`` builds a
# checked string anew at each reading, ~8x slower; the family asks it of every new word.
SURNAME_FIRST_END = re.compile(
    r"(?<![А-ЯЁа-яё.])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)[ \u00a0]+[А-ЯЁ]\.[ \u00a0]?[А-ЯЁ]$")


class Tok(NamedTuple):  # not a dataclass: generating its methods cost ~0.5 ms of import
    text: str
    start: int
    stop: int
    quoted: bool = False
    abbreviated: bool = False

    @property
    def lower(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=200000)
def lemma_set(word: str) -> frozenset[str]:
    return frozenset(p.normal_form.replace("ё", "е") for p in parses(word.lower()))


@lru_cache(maxsize=200000)
def best_pos(word: str) -> Optional[str]:
    found = parses(word.lower())
    pos = found[0].tag.POS if found else None
    return None if pos is None else str(pos)  # a plain str: compared at C speed


@lru_cache(maxsize=200000)
def verb_parse(word: str):
    """The finite-verb parse of a word when that is its most probable reading."""
    found = parses(word.lower())
    if found and not found[0].tag.grammemes.isdisjoint(FINITE):
        return found[0]
    return None


def tokens(text: str, start: int, stop: int) -> list[Tok]:
    """Words and whole quoted names (``«…»`` is one token) in ``[start, stop)`` of a
    phrase that is not the document (a title, a lead); the document's are
    ``Geometry.tokens``."""
    out, pos = [], start
    for q in QUOTED.finditer(text, start, stop):
        out += words(text, pos, q.start())
        out.append(Tok(q.group(), q.start(), q.end(), True))
        pos = q.end()
    return out + words(text, pos, stop)


def words(text: str, start: int, stop: int) -> list[Tok]:
    return [word(text, t) for t in alnum_words(text, start, stop)]


def word(text: str, t: Token) -> Tok:
    """A word token; a short lowercase word with a dot after it is an abbreviation (``с.``).
    Made by ``tuple.__new__`` (what ``Tok(...)`` does, less its Python-level ``__new__``, half
    the cost): every word of a document is made once."""
    return tuple.__new__(Tok, (t.text, t.start, t.stop, False, len(t.text) <= 3
                               and text[t.stop:t.stop + 1] == "." and t.text.islower()))


class Geometry:
    """Sentence ends, list-item ends and quoted ranges of one document, read from its
    text layer (``text_layer(doc)``): the layer's sentences (a hard-wrapped line goes
    on, no cut after «г.» or inside «…»), cut once more after a surname's initials
    when a word that is no surname follows (``… и Гречко С.Д. Модератором …``) and
    joined over a line break that splits a full name (``Лапина Ирина`` / ``Сергеевна``);
    an item also ends at ``;``, ``•``, a tab or a line break the layer does not join."""

    def __init__(self, layer) -> None:
        self.layer = layer
        self.text = text = layer.text
        self.quotes = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
        self.quote_starts = [s for s, _ in self.quotes]
        ends = []
        for start, stop in layer.sentences:
            if text.find(".", start, stop) >= 0:  # INITIAL_END opens with a dot (C find first)
                ends += [m.start() + 1 for m in INITIAL_END.finditer(text, start, stop)
                         if not self.in_quote(m.start()) and self.name_end(m.start())]
            wrap = LINE_END.match(text, stop)
            if wrap is None or not name_wrap(text, wrap.end() - 1):
                ends.append(stop)
        self.sentence_ends = ends
        self.item_ends = sorted(set(self.item_breaks()) | set(ends))
        self.cut: dict[tuple[int, int], list[Tok]] = {}
        self.word_starts: Optional[list[int]] = None  # of the layer's words, once asked for
        self.word_toks: list[Optional[Tok]] = []  # each word's Tok, made once when first cut

    def tokens(self, start: int, stop: int) -> list[Tok]:
        """The document's words (the layer's ``alnum_words``) and «…» quotes inside
        ``[start, stop)``; a quote cut by the range is left out, and so are its words.
        A range is cut once (sentences and items are read by several cues); each caller
        gets its own list."""
        found = self.cut.get((start, stop))
        if found is None:
            found = self.cut[start, stop] = self.cut_tokens(start, stop)
        return list(found)

    def words_in(self, start: int, stop: int) -> list[Tok]:
        """The layer's ``alnum_words`` inside ``[start, stop)`` (``tokens.within``, by binary
        search over their starts) as Toks, each word's made once for the document."""
        words = self.layer.alnum_words
        if self.word_starts is None:
            self.word_starts = [t.start for t in words]
            self.word_toks = [None] * len(words)
        first = bisect.bisect_left(self.word_starts, start)
        last = bisect.bisect_left(self.word_starts, stop)
        while last > first and words[last - 1].stop > stop:
            last -= 1
        out = self.word_toks[first:last]
        if None in out:  # some words of the range not made yet (C scan first)
            toks = self.word_toks
            for k in range(first, last):
                if toks[k] is None:
                    toks[k] = out[k - first] = word(self.text, words[k])
        return out

    def cut_tokens(self, start: int, stop: int) -> list[Tok]:
        text, out = self.text, []
        words = self.words_in(start, stop)
        quotes = self.quotes
        i = bisect.bisect_left(self.quote_starts, start)
        if i > 0 and quotes[i - 1][1] > start:
            i -= 1  # a quote open before the range: its words are no words of it
        k = 0
        while i < len(quotes) and quotes[i][0] < stop:
            q_start, q_stop = quotes[i]
            while k < len(words) and words[k].start < q_start:
                out.append(words[k])
                k += 1
            while k < len(words) and words[k].start < q_stop:
                k += 1
            if start <= q_start and q_stop <= stop:
                out.append(Tok(text[q_start:q_stop], q_start, q_stop, True))
            i += 1
        out += words[k:]
        return out

    def item_breaks(self) -> list[int]:
        """``;``, ``•``, tabs and the line breaks the layer does not join, outside quotes and
        not inside a full name wrapped over two lines (``name_wrap`` reads only line breaks)."""
        text, joined, quoted = self.text, self.joined_breaks(), bool(self.quotes)
        found = []
        for pos in char_positions(text, ITEM_END):
            if pos in joined or (quoted and self.in_quote(pos)):
                continue
            if text[pos] != "\n" or not name_wrap(text, pos):
                found.append(pos)
        return found

    def joined_breaks(self) -> set[int]:
        """Line breaks inside one of the layer's paragraphs (a hard wrap it joins)."""
        text = self.text
        found = set()
        for start, stop in self.layer.paragraphs:
            pos = text.find("\n", start, stop)
            while pos >= 0:
                found.add(pos)
                pos = text.find("\n", pos + 1, stop)
        return found

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1] - 1

    def name_end(self, pos: int) -> bool:
        """``… и Гречко С.Д. Модератором стала …``: the initials after a surname end it, and
        the dot may end the sentence too (the sentence then keeps the dot)."""
        if self.text[pos] != ".":
            return False
        m = SURNAME_FIRST_END.search(self.text, max(0, pos - 60), pos)
        after = re.match(r"\s+([А-ЯЁа-яё]+)", self.text[pos + 1:pos + 40])
        return (m is not None and surname_like(m.group(1))
                and (after is None or not surname_like(after.group(1))))

    def bounds(self, ends: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(ends, pos)
        start = ends[i - 1] + 1 if i > 0 else 0
        stop = ends[i] if i < len(ends) else len(self.text)
        return start, stop

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.bounds(self.sentence_ends, pos)

    def item(self, pos: int) -> tuple[int, int]:
        return self.bounds(self.item_ends, pos)

    def line(self, pos: int) -> tuple[int, int]:
        """The layer's line holding ``pos``, up to its line break."""
        start = self.layer.line_at(pos).start
        stop = self.text.find("\n", start)
        return start, len(self.text) if stop < 0 else stop

    def split_outside_quotes(self, start: int, stop: int, seps: str = ",",
                             dashes: bool = False) -> list[tuple[int, int]]:
        """Pieces of ``[start, stop)`` between separators outside quotes (and, with
        ``dashes``, between dashes with a space on both sides)."""
        parts, begin = [], start
        text = self.text
        for m in separator_marks(seps, dashes).finditer(text, start, stop):  # only these can cut
            pos = m.start()
            dash = dashes and text[pos] in "–—-" and text[pos - 1:pos + 2:2] == "  "
            if (text[pos] in seps or dash) and not self.in_quote(pos):
                parts.append((begin, pos))
                begin = pos + 1
        parts.append((begin, stop))
        return [p for p in parts if self.text[p[0]:p[1]].strip()]


def char_positions(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order (one C find per occurrence)."""
    found = []
    for ch in chars:
        pos = text.find(ch)
        while pos >= 0:
            found.append(pos)
            pos = text.find(ch, pos + 1)
    found.sort()
    return found


@lru_cache(maxsize=None)
def separator_marks(seps: str, dashes: bool) -> re.Pattern[str]:
    """The characters ``split_outside_quotes`` may cut at: a separator, or a dash."""
    return re.compile("[" + re.escape(seps + ("–—-" if dashes else "")) + "]")


def name_wrap(text: str, pos: int) -> bool:
    """A line break at ``pos`` that splits a full name (``ознакомила Лапина Ирина\\nСергеевна``):
    the line before ends with a letter and the next one opens with a patronymic."""
    if text[pos] != "\n":
        return False
    word = WRAPPED_WORD.match(text, pos + 1, pos + 40)  # the next line's first word
    if word is None:
        return False
    before = text[max(0, pos - 40):pos].rstrip(" \t\r")
    return bool(before) and before[-1].isalpha() and patronymic_parse(word.group(1)) is not None


def is_abbreviation(tok: Tok) -> bool:
    return not tok.quoted and bool(ABBREVIATION.match(tok.text))


def has_lemma(tok: Tok, words: frozenset[str] | set[str]) -> bool:
    if tok.quoted:
        return False
    return bool(lemma_set(tok.text) & words) or tok.lower in words




def nominative_phrase(text: str, start: int, stop: int, head: Optional[int] = None) -> str:
    """``заместителя директора`` -> ``заместитель директора``; the head noun (the
    ``head``-th word when given) and the adjectives before it go into the nominative, the
    rest stays as written."""
    return nominative_words(text[start:stop], head)


def head_noun(toks: list[Tok]) -> Optional[int]:
    """The first noun that cannot be an adjective (``главного специалиста`` -> 1)."""
    return next((i for i, t in enumerate(toks) if not t.quoted and not is_abbreviation(t)
                 and best_pos(t.text) == "NOUN" and not adjective_possible(t.text)), None)


@lru_cache(maxsize=50000)
def adjective_possible(word: str) -> bool:
    return any(not p.tag.grammemes.isdisjoint(("ADJF", "PRTF")) for p in parses(word.lower()))


def nominative_singular(word: str) -> bool:
    found = parses(word.lower())
    return bool(found) and "NOUN" in found[0].tag.grammemes and {"nomn", "sing"} <= found[0].tag.grammemes


@lru_cache(maxsize=20000)
def nominative_words(text: str, head: Optional[int] = None) -> str:
    """The words of ``text`` through the text layer's ``nominative_phrase`` (the head
    noun found here: the first that cannot be an adjective, never a quoted name or an
    abbreviation), each changed word replaced where it stands so the spacing stays. A
    head whose likeliest reading is a nominative singular leaves the title as written
    (``муниципального аналитика`` is no ``муниципальная аналитика``)."""
    toks = tokens(text, 0, len(text))
    head = head_noun(toks) if head is None else head
    if head is None or nominative_singular(toks[head].text):
        return text
    words = nominative_phrase_words([t.text for t in toks], head)
    out, pos = [], 0
    for tok, word in zip(toks, words):
        if word != tok.text:
            out += [text[pos:tok.start], word]
            pos = tok.stop
    out.append(text[pos:])
    return "".join(out)
