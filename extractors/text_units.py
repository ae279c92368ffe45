"""Lines and sentences of a text as half-open offset pairs (no copies of the
text), for the decisions and event families: a line-bounded view of the
shared text layer (``extractors.text``), kept under its old import path."""
from __future__ import annotations

from extractors.text.lines import bounds as lines
from extractors.text.sentences import (LINE_SENTENCE_END as SENTENCE_END, PARAGRAPH, WORD_BEFORE,
                                       abbreviations, is_abbreviation_end, sentences)

__all__ = ["PARAGRAPH", "SENTENCE_END", "WORD_BEFORE", "abbreviations", "is_abbreviation_end",
           "lines", "sentences"]
