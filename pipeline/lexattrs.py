"""The Vocab's lexical attribute getters: spaCy's values, computed with less CPU.

spaCy works out about twenty attributes of every word a ``Doc`` brings into the
Vocab for the first time (``Vocab._new_lexeme`` calls each getter): a first pass
over the 65 real documents meets ~3,500 new words, and spaCy's getters took
~0.03 s of CPU on them, half of it in two Python loops over the characters
(``word_shape``; ``like_url`` looking for a dot). The getters here give spaCy's
value for every string (tests/test_lexattrs.py compares them with the getters
spaCy's ``create_vocab`` makes for Russian): C methods where spaCy wraps one in
a Python function, sets where spaCy scans a tuple, and where spaCy's function
stays, a cheap test before it that decides only what spaCy's function would.
"""
from __future__ import annotations

from operator import itemgetter

from spacy import attrs
from spacy.lang import lex_attrs as spacy_lex_attrs
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.lang.ru import lex_attrs as russian_lex_attrs
from spacy.lang.ru.stop_words import STOP_WORDS
from spacy.vocab import Vocab

RUSSIAN_NUMBER_WORDS = frozenset(russian_lex_attrs._num_words)

# spaCy's tuples (spacy/lang/lex_attrs.py: is_bracket, is_quote, is_left_punct,
# is_right_punct), as sets: ``text in tuple`` compares with every entry
BRACKETS = frozenset(("(", ")", "[", "]", "{", "}", "<", ">"))
QUOTES = frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯",
                    "''", "``"))
LEFT_PUNCT = frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``"))
RIGHT_PUNCT = frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''"))

LOWER_SHAPE = "xxxx"  # a shape keeps at most four of a run of the same character


def like_num(text: str) -> bool:
    """spaCy's Russian ``like_num`` step for step, its number words in a set (spaCy
    looks each new word up in a list of 884). A word of letters only has no sign,
    per cent, separator or slash to strip, so the steps come down to the digits
    test and the word list."""
    if text.isalpha():
        return text.isdigit() or text.lower() in RUSSIAN_NUMBER_WORDS
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    if text.endswith("%"):
        text = text[:-1]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text.lower() in RUSSIAN_NUMBER_WORDS


def word_shape(text: str) -> str:
    """spaCy's ``word_shape``: letters as ``X``/``x``, digits as ``d``, any other
    character itself, a run of one shape character cut to four, ``LONG`` from 100
    characters on. The two shapes of most words are written at once: letters only,
    none upper case (``str.islower``: no character is upper or title case), or one
    upper-case letter before them; any other word goes through spaCy's loop."""
    if text.isalpha() and len(text) < 100:
        if text.islower():
            return LOWER_SHAPE[:len(text)]
        if text[0].isupper() and text[1:].islower():
            return "X" + LOWER_SHAPE[:len(text) - 1]
    return spacy_lex_attrs.word_shape(text)


def like_url(text: str) -> bool:
    """spaCy's ``like_url``; without a dot in the text spaCy's only yes is an
    ``http://`` or ``https://`` start (its ``www.`` start and its top-level domain
    both need a dot), so only a text with a dot goes through spaCy's loop."""
    if text and "." not in text:
        return text.startswith(("http://", "https://"))
    return spacy_lex_attrs.like_url(text)


def like_email(text: str) -> bool:
    """spaCy's ``like_email``: its pattern needs an ``@``."""
    return "@" in text and spacy_lex_attrs.like_email(text)


def is_punct(text: str) -> bool:
    """spaCy's ``is_punct`` (every character of a ``P*`` category): no letter or
    digit is of such a category (tests/test_lexattrs.py checks every code point),
    so for a word of letters and digits spaCy's loop stops at its first character."""
    return not text.isalnum() and spacy_lex_attrs.is_punct(text)


def is_currency(text: str) -> bool:
    """spaCy's ``is_currency`` (every character of category ``Sc``), with
    ``is_punct``'s test first: no letter or digit is of category ``Sc`` either."""
    return not text.isalnum() and spacy_lex_attrs.is_currency(text)


def norm(text: str) -> str:
    """spaCy's NORM getter for a language without norm exceptions of its own: the
    base norm exceptions, else the lower case."""
    value = BASE_NORMS.get(text)
    return text.lower() if value is None else value


def is_stop(text: str) -> bool:
    """spaCy's ``is_stop`` with the Russian stop words (a partial with a keyword
    in spaCy's Vocab)."""
    return text.lower() in STOP_WORDS


def russian(text: str) -> str:
    """spaCy's LANG getter of a Russian Vocab (``get_lang`` with ``lang="ru"`` in a
    partial, four times the CPU of a plain function)."""
    return "ru"


GETTERS = {
    attrs.LOWER: str.lower,
    attrs.NORM: norm,
    attrs.PREFIX: itemgetter(0),
    attrs.SUFFIX: itemgetter(slice(-3, None)),
    attrs.IS_ALPHA: str.isalpha,
    attrs.IS_DIGIT: str.isdigit,
    attrs.IS_LOWER: str.islower,
    attrs.IS_SPACE: str.isspace,
    attrs.IS_TITLE: str.istitle,
    attrs.IS_UPPER: str.isupper,
    attrs.IS_STOP: is_stop,
    attrs.LIKE_EMAIL: like_email,
    attrs.LIKE_NUM: like_num,
    attrs.IS_PUNCT: is_punct,
    attrs.IS_ASCII: str.isascii,
    attrs.SHAPE: word_shape,
    attrs.IS_BRACKET: BRACKETS.__contains__,
    attrs.IS_QUOTE: QUOTES.__contains__,
    attrs.IS_LEFT_PUNCT: LEFT_PUNCT.__contains__,
    attrs.IS_RIGHT_PUNCT: RIGHT_PUNCT.__contains__,
    attrs.IS_CURRENCY: is_currency,
    attrs.LIKE_URL: like_url,
    attrs.LANG: russian,
}


def install(vocab: Vocab) -> None:
    """Our getters in the place of spaCy's in a Russian blank pipeline's Vocab
    (the same attributes, in the same order)."""
    vocab.lex_attr_getters.update(GETTERS)
