"""Noun-phrase nominative and case forms for geo, schools and organisations.

The helpers live in the shared text layer (``extractors.text.inflect``, one
inflection helper for every family); this module keeps their old import path.
"""
from __future__ import annotations

from extractors.morph import parses
from extractors.text.inflect import (ADJ_POS, CASES, FEM_ADJ_ENDINGS, HARD_BEFORE_YI,
                                     MASC_ADJ_ENDINGS, NOUN_POS, adj_by_suffix, adj_nominative,
                                     case_forms, feminine_nominative, inflect_last_part, is_noun_head,
                                     is_pos, match_case, noun_gender, noun_nominative,
                                     nominative_phrase)
from extractors.text.inflect import CYRILLIC_WORD as WORD

_inflect_last_part = inflect_last_part

__all__ = ["ADJ_POS", "CASES", "FEM_ADJ_ENDINGS", "HARD_BEFORE_YI", "MASC_ADJ_ENDINGS", "NOUN_POS",
           "WORD", "adj_by_suffix", "adj_nominative", "case_forms", "feminine_nominative",
           "is_noun_head", "is_pos", "match_case", "noun_gender", "noun_nominative",
           "nominative_phrase", "parses"]
