"""Soft line wraps the counts family reads across, beyond the lines the text layer joins.

The layer's reflowed view keeps a line break before a line that opens with a digit
(a date often opens a paragraph under a title), so «приняли участие» / «34 педагога» or
«просмотров записи –» / «412.» stay two lines there, and a count's noun, its attendance
words or its sentence would be cut off. For counts, a break is soft when both lines hold
running text (the line after is no list item, table row or heading: the layer's line
kinds), the line before ends with a word, a number, a comma, a dash or a closing quote or
bracket (no sentence end), and the line after opens with a digit or a number sign, or
the line before ends with a comma whatever the line after opens with («Присутствовали:
руководители школ,» / «МБОУ «Лесная СОШ», кураторы – 14 человек»); a break inside
a quote the line opened («МБОУ «Кедровская» / «ООШ»»); a dash and a number alone after a
word, which the layer reads as a list item but no list holds («на 1 декабря» / «– 318.»); a
place or person name after a lower-case word («12 школ Республики» / «Бурятия, из них
три»). A line
that is a number alone stays apart unless a comma or dash ends the line before: it is a
table's value cell («Количество участников (чел.)» / «45»), which the cue rules read as such.

``soft_reading(layer)`` gives the reflowed text with each soft break made a space (one
character for one: every offset still maps back to the source through the view) and the
view's sentences joined across those breaks.
"""
from __future__ import annotations

import bisect
import re

from extractors.counts.lexicon import word_value
from extractors.text.lines import LIST_ITEM, TEXT
from extractors.text.morph import parses
from extractors.text.sentences import Sentence

# A line break between two non-empty lines; the line before is checked by hand (a pattern
# that opens with a look-behind is tried at every character, one that opens with "\n" is not).
BREAK_BEFORE_LINE = re.compile(r"\n(?=[^\n])")
NUMBER_LINE = re.compile(r"\d[\d \u00a0]*[.,;)]?[ \t]*(?:\n|$)")
DASH_VALUE_LINE = re.compile(r"[–—-][ \t]*(?P<value>\d[\d \u00a0]*|[а-яё]+)[.,;)]?[ \t]*(?:\n|$)")
CAPITAL_WORD = re.compile(r"(?P<abbr>[А-ЯЁ]{2,}(?![а-яё]))|[А-ЯЁ][а-яё]+")
VALUE_AFTER = frozenset(",–—-")  # a number alone on its line goes on the line only after these
WORD_END = frozenset("–—-»)")  # besides a letter or digit, what may end a line a number goes on
PROPER = frozenset({"Geox", "Name", "Surn", "Patr"})
RUNNING = (TEXT,)
RUNNING_OR_ITEM = (TEXT, LIST_ITEM)


def soft_breaks(layer) -> list[int]:
    """Offsets (in the reflowed view) of the line breaks counts reads across."""
    view = layer.reflowed
    text = view.text
    found = []
    for m in BREAK_BEFORE_LINE.finditer(text):
        at = m.start()
        if at == 0 or text[at - 1] == "\n":
            continue  # no line before, or an empty one
        kinds = wrap_kinds(text, at)
        if kinds and running(layer, at, kinds):
            found.append(at)
    return found


def wrap_kinds(text: str, at: int) -> tuple[str, ...]:
    """The kinds the line after the break at ``at`` may have for the break to be soft
    (none: the break is real)."""
    before, after = text[at - 1], text[at + 1]
    line_start = text.rfind("\n", 0, at) + 1
    if text.count("(", line_start, at) > text.count(")", line_start, at):
        return RUNNING_OR_ITEM  # «(2019 г.» / «- 2 чел.)»: no list opens inside brackets
    if text.count("«", line_start, at) > text.count("»", line_start, at):
        return RUNNING  # «МБОУ «Кедровская» / «ООШ»» (a quote left open, «А «Б», is common)
    ends_word = before.isalnum() or before in WORD_END
    dash = DASH_VALUE_LINE.match(text, at + 1)
    if dash and ends_word and (dash.group("value")[0].isdigit()
                               or word_value(dash.group("value")) is not None):
        return (LIST_ITEM,)  # «на 1 декабря» / «– 318.»: no list of one number
    if before == ",":
        return RUNNING  # «руководители школ,» / «МБОУ «Лесная СОШ», кураторы»
    if ends_word and (after.isdigit() or after == "№"):
        if before not in VALUE_AFTER and NUMBER_LINE.match(text, at + 1):
            return ()  # «Количество участников (чел.)» / «45»: a value cell under its label
        return RUNNING  # «приняли участие» / «34 педагога»
    word = CAPITAL_WORD.match(text, at + 1)
    if before.islower() and word and (word.group("abbr") or proper_name(word.group())):
        return RUNNING  # «12 школ Республики» / «Бурятия», «не справился 1 выпускник» / «МБОУ»
    return ()


def running(layer, at: int, kinds: tuple[str, ...]) -> bool:
    """The line before the break at ``at`` holds running text and the line after is of
    one of ``kinds``."""
    view = layer.reflowed
    line = layer.line_at(view.source_start(at + 1))
    before = layer.line_at(view.source_stop(at) - 1)
    return line.kind in kinds and before.kind in (TEXT, LIST_ITEM)


def proper_name(word: str) -> bool:
    """A place or person name (its likeliest reading): it goes on a phrase, as a title's
    first word after a line break seldom does."""
    readings = parses(word)
    return bool(readings) and not PROPER.isdisjoint(readings[0].tag.grammemes)


def soft_reading(layer) -> tuple[str, list[Sentence]]:
    """The reflowed text with soft breaks as spaces, and its sentences joined across them."""
    text = layer.reflowed.text
    sentences = list(layer.reflowed_sentences)
    breaks = soft_breaks(layer)
    if not breaks:
        return text, sentences
    chars = list(text)
    for at in breaks:
        chars[at] = " "
    joined: list[Sentence] = []
    for s in sentences:
        if joined:
            i = bisect.bisect_left(breaks, joined[-1].stop)
            if i < len(breaks) and breaks[i] < s.start:  # a soft break lies between the two
                joined[-1] = Sentence(joined[-1].start, s.stop)
                continue
        joined.append(s)
    return "".join(chars), joined
