"""Word tokens, lemmas and the number-keeping nominative of a short noun phrase,
for the decisions and events families.

The helpers live in the shared text layer (``extractors.text.tokens`` and
``extractors.text.inflect``); this module keeps their old import path.
"""
from __future__ import annotations

from extractors.morph import inflect, parses
from extractors.text.inflect import (AGREEING, FUNCTION_WORDS, NOMINATIVE_VARIANTS, case_parse,
                                     has_pos, is_abbreviation, lemma, lemmas, match_case,
                                     noun_phrase, to_nominative)
from extractors.text.tokens import ALNUM_WORD as WORD
from extractors.text.tokens import Token
from extractors.text.tokens import alnum_words as tokens

__all__ = ["AGREEING", "FUNCTION_WORDS", "NOMINATIVE_VARIANTS", "Token", "WORD", "case_parse",
           "has_pos", "inflect", "is_abbreviation", "lemma", "lemmas", "match_case", "noun_phrase",
           "parses", "to_nominative", "tokens"]
