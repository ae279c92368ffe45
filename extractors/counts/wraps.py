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
word, which the layer reads as a list item but no list holds («на 1 декабря» / «– 318.»). A line
that is a number alone stays apart unless a comma or dash ends the line before: it is a
table's value cell («Количество участников (чел.)» / «45»), which the cue rules read as such.

``soft_reading(layer)`` gives the reflowed text with each soft break made a space (one
character for one: every offset still maps back to the source through the view) and the
view's sentences joined across those breaks.
"""
from __future__ import annotations

import bisect
import re

from extractors.text.lines import LIST_ITEM, TEXT
from extractors.text.sentences import Sentence

BREAK = re.compile(r"(?<=[^\W_]|[,–—»)-])\n(?=[\d№])|(?<=,)\n(?=\S)")
NUMBER_LINE = re.compile(r"\d[\d \u00a0]*[.,;)]?[ \t]*(?:\n|$)")
DASH_NUMBER_LINE = re.compile(r"[–—-][ \t]*\d[\d \u00a0]*[.,;)]?[ \t]*(?:\n|$)")
VALUE_AFTER = frozenset(",–—-")  # a number alone on its line goes on the line only after these
IN_QUOTE_BREAK = re.compile(r"(?<=[^\W_])\n(?=[^\W\d_])")
DASH_BREAK = re.compile(r"(?<=[^\W_])\n(?=[–—-])")


def soft_breaks(layer) -> list[int]:
    """Offsets (in the reflowed view) of the line breaks counts reads across."""
    view = layer.reflowed
    text = view.text
    found = []
    for m in BREAK.finditer(text):
        at = m.start()
        if text[at - 1] not in VALUE_AFTER and NUMBER_LINE.match(text, at + 1):
            continue  # «Количество участников (чел.)» / «45»: a value cell under its label
        if running(layer, at):
            found.append(at)
    for m in IN_QUOTE_BREAK.finditer(text):  # «МБОУ «Кедровская» / «ООШ», кураторы»
        at = m.start()
        line_start = text.rfind("\n", 0, at) + 1
        if text.count("«", line_start, at) > text.count("»", line_start, at) and running(layer, at):
            found.append(at)
    for m in DASH_BREAK.finditer(text):  # «на 1 декабря» / «– 318.»: no list of one number
        at = m.start()
        if DASH_NUMBER_LINE.match(text, at + 1) and running(layer, at, LIST_ITEM):
            found.append(at)
    return sorted(found)


def running(layer, at: int, kind: str = TEXT) -> bool:
    """The lines either side of the break at ``at`` hold running text (the line after
    is of ``kind``)."""
    view = layer.reflowed
    line = layer.line_at(view.source_start(at + 1))
    before = layer.line_at(view.source_stop(at) - 1)
    return line.kind == kind and before.kind in (TEXT, LIST_ITEM)


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
