"""Items of one decision list (the body after a ``Решили:``-like header).

An item is numbered or bulleted (wrapped lines continue it until a line starts a
new sentence), or one item per line when nothing is marked. ``Ответственный: …``
and ``Срок: …`` lines (or the same words inside the item) are attributes of the
item, not its text. An item ending with ``:`` (``Муниципальному координатору
Н.:``) is a parent: its sub-items inherit it as their context. A table with a
``Решение | Ответственный | Срок`` header gives one item per row.
A closing ``(отв. — …, срок — до …)`` parenthesis is an attribute too; a vote
record (``Голосовали: «за» – 12``) ends an item; a run-in ``1) …; 2) …`` line is
split; the next agenda question (``2. Об …``) ends the list.
In an act's list (an order's operative part) an unnumbered paragraph belongs to the
item above, signature and name-only lines end the list, and bullets that are not
actions (``- Ивановой А.А., учителю …``) stay in the numbered ``…:`` item above them.
"""
from __future__ import annotations

import re
from typing import Callable

from extractors.base import trim
from extractors.decisions.lexicon import Lexicon
from extractors.text.inflect import has_pos
from extractors.text.tokens import alnum_words as tokens
from extractors.text.lines import bounds as lines

ITEM_TRIM = " \t\r\n;,"
TAIL = 64
ACT_ACTION_WINDOW = 8
VALUE_TRIM = " \t\r\n;,."
SUB_NUMBER = re.compile(r"\s*(\d{1,2})\.\d")
TOP_NUMBER = re.compile(r"\s*(\d{1,2})[.)]")
RUN_IN_NUMBER = re.compile(r"(?<=[.;])[ \t]+(\d{1,2})\.[ \t]*(?=[«\"А-ЯЁ])")
Span = tuple[int, int]


class Item:
    """One item of a list: its text's span, its marker and the spans of its attributes.
    Mutable (the list's reading moves its ends); a plain class, since generating a
    dataclass's methods cost ~0.7 ms of every run's import and none of them is used."""
    __slots__ = ("start", "stop", "marker", "responsible", "deadline", "parent")

    def __init__(self, start: int, stop: int, marker: str = "", responsible: Span | None = None,
                 deadline: Span | None = None, parent: Span | None = None) -> None:
        self.start, self.stop, self.marker = start, stop, marker
        self.responsible, self.deadline, self.parent = responsible, deadline, parent

    def __repr__(self) -> str:
        return (f"Item({self.start}, {self.stop}, marker={self.marker!r}, responsible="
                f"{self.responsible}, deadline={self.deadline}, parent={self.parent})")


def ends_with(text: str, pos: int, endings: tuple[str, ...]) -> bool:
    """``text[:pos].rstrip().endswith(endings)`` without copying all the text before
    ``pos`` (once per line that was quadratic): the last ``TAIL`` characters end the
    same way unless too few of them are left once white space is stripped."""
    start = max(0, pos - TAIL)
    before = text[start:pos].rstrip()
    if start > 0 and len(before) < max(map(len, endings)):
        before = text[:pos].rstrip()
    return before.endswith(endings)


def ends_sentence(text: str, previous_stop: int, line_start: int) -> bool:
    """The previous line closed its sentence and the next line starts a new one."""
    after = text[line_start:line_start + 40].lstrip()
    return ends_with(text, previous_stop, (".", ";", "!")) and after[:1].isupper()


def attribute(item: Item, key: str, span: Span) -> None:
    if key.lower().startswith(Lexicon.load().deadline_keys):
        item.deadline = span
    else:
        item.responsible = span


def trim_value(text: str, start: int, stop: int) -> Span:
    """Trim an attribute value, keeping the full stop of a closing initial (``А.Б.``)."""
    start, stop = trim(text, start, stop, VALUE_TRIM)
    if text[stop:stop + 1] == "." and text[stop - 1:stop].isupper() and (
            stop < 2 or text[stop - 2] in ". "):
        stop += 1
    return start, stop


def starts_with_infinitive(text: str, start: int, stop: int) -> bool:
    words = tokens(text, start, min(stop, start + 40))
    return bool(words) and has_pos(words[0].text, "INFN")


def opens_with_action(text: str, start: int, stop: int, window: int = 4) -> bool:
    """An infinitive among the first words (``ежедневно вести учёт``, ``в срок до 5
    числа представить``): the line is an action, not an object of the item above."""
    words = tokens(text, start, min(stop, start + 15 * window))[:window]
    return any(has_pos(w.text, "INFN") for w in words)


def cut_vote(text: str, item: Item) -> None:
    """A vote record inside the item (``… Голосовали: «за» – 12``) ends it."""
    vote = Lexicon.load().vote_cue.search(text, item.start + 1, item.stop)
    if vote is not None:
        item.stop = vote.start()


def split_parenthesis(text: str, item: Item) -> None:
    """Move a closing ``(отв. — Петров П.П., срок — до 01.03.2024)`` out of the item's text."""
    found = [m for m in Lexicon.load().inline_attributes.finditer(text, item.start, item.stop)
             if not text[m.end():item.stop].strip(" \t\r\n.;,")]
    if not found:
        return
    body_start, body_stop = found[-1].span("body")
    keys = list(Lexicon.load().inline_attribute_keys.finditer(text, body_start, body_stop))
    for i, key in enumerate(keys):
        stop = keys[i + 1].start() if i + 1 < len(keys) else body_stop
        value = trim_value(text, key.end(), stop)
        if value[1] > value[0]:
            attribute(item, key.group("key"), value)
    item.stop = found[-1].start()


def line_attributes(text: str, item: Item, first: re.Match[str], stop: int) -> None:
    """An ``Ответственный: … Срок: …`` line: each key's value runs to the next key
    that follows a full stop, semicolon or comma (a wrap may put both on one line)."""
    found = [first] + [m for m in Lexicon.load().attribute_lines.finditer(text, first.end(), stop)
                       if ends_with(text, m.start(), (".", ";", ","))]
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else stop
        attribute(item, m.group("key"), trim_value(text, m.end(), end))


def split_attributes(text: str, item: Item) -> None:
    """Move inline ``Ответственный: … Срок: …`` out of the item's text."""
    found = [m for m in Lexicon.load().attribute_lines.finditer(text, item.start, item.stop)
             if m.start() > item.start and ends_with(text, m.start(), (".", ";", ","))]
    for i, m in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else item.stop
        attribute(item, m.group("key"), trim_value(text, m.end(), stop))
    if found:
        item.stop = found[0].start()


def table_columns(text: str, start: int, stop: int) -> list[str] | None:
    cells = text[start:stop].split("\t")
    if len(cells) < 2:
        return None
    roles = []
    for cell in cells:
        value = cell.strip().lower()
        roles.append(next((role for role, words in Lexicon.load().decision_table_roles.items()
                           if value and any(value.startswith(w) for w in words)), ""))
    return roles if "text" in roles and len({r for r in roles if r}) >= 2 else None


def table_row(text: str, start: int, stop: int, roles: list[str]) -> Item | None:
    cells, pos = [], start
    for part in text[start:stop].split("\t"):
        cells.append(trim(text, pos, pos + len(part), " \t"))
        pos += len(part) + 1
    spans = {role: cells[i] for i, role in enumerate(roles) if role and i < len(cells)
             and cells[i][1] > cells[i][0] and text[cells[i][0]:cells[i][1]] not in "–-—"}
    if "text" not in spans:
        return None
    item = Item(*trim(text, *spans["text"], ITEM_TRIM), marker=text[cells[0][0]:cells[0][1]])
    item.responsible = spans.get("responsible")
    item.deadline = spans.get("deadline")
    return item


def style(marker: str) -> str:
    """How an item is marked: ``)``, ``.`` (numbers) or a bullet."""
    mark = marker.strip()
    return mark[-1] if mark[-1:] in (")", ".") else "bullet"


def is_child(marker: str, parent: Item) -> bool:
    top = TOP_NUMBER.match(parent.marker)
    sub = SUB_NUMBER.match(marker)
    if top and sub:
        return sub.group(1) == top.group(1)
    return not TOP_NUMBER.match(marker)


def name_line(text: str, start: int, stop: int) -> bool:
    """The line is only a person's name (``А.М. Петров``, ``Петров А.М.``): a signature."""
    return Lexicon.load().name_line.match(text, start, stop) is not None


def starts_new_line_item(text: str, previous: Item, ls: int, le: int) -> bool:
    """In an unmarked list a line starts a new item when the line before closed its
    sentence or this one opens with an action verb, or (lists without punctuation)
    both lines tell someone to act (``Информацию принять к сведению`` /
    ``Кураторам провести выезды``); otherwise it is a hard wrap."""
    if ends_with(text, previous.stop, (".", ";", "!")) or starts_with_infinitive(text, ls, le):
        return True
    line_start = text.rfind("\n", previous.start, previous.stop) + 1 or previous.start
    return text[ls:ls + 1].isupper() and opens_with_action(text, ls, le) \
        and opens_with_action(text, max(line_start, previous.start), previous.stop, 12)


def marker_follows(text: str, after: int, stop: int, item_marker: re.Pattern[str],
                   stop_line: re.Pattern[str]) -> bool:
    """A numbered item comes later, before any signature: a paragraph set off by blank
    lines between two items of an act belongs to the item above it."""
    for ls, le in lines(text, min(after + 1, stop), stop):
        if stop_line.match(text, ls, le) or name_line(text, ls, le):
            return False
        marker = item_marker.match(text, ls, le)
        if marker is not None and style(text[ls:marker.end()]) != "bullet":
            return True
    return False


def block_items(text: str, start: int, stop: int, item_marker: re.Pattern[str],
                stop_line: re.Pattern[str], act: bool = False,
                wrapped: Callable[[int], bool] | None = None) -> list[Item]:
    """Items of one decision list; wrapped lines continue the item before them.
    In an act's list (``act``) a paragraph that starts a new sentence without a
    number still belongs to the item above it; signature lines end the list.
    ``wrapped(line_start)`` says the page wrapped the line above there: a dash
    the wrap carried to the line's start opens no item, and a name the wrap
    carried to its own line (``возложить на`` / ``Петрову А.А.``) is no
    signature when the item above is not closed or numbered items follow."""
    wrapped = wrapped or (lambda _start: False)
    items: list[Item] = []
    marked = blank = voted = False
    objects: Item | None = None
    roles: list[str] | None = None
    for ls, le in lines(text, start, stop):
        if not text[ls:le].strip():
            blank = bool(items)
            continue
        if roles is None and not items and (roles := table_columns(text, ls, le)):
            continue
        if roles:
            row = table_row(text, ls, le, roles)
            items += [row] if row else []
            continue
        indent = len(text[ls:le]) - len(text[ls:le].lstrip())
        attr = Lexicon.load().attribute_lines.match(text, ls + indent, le)
        if attr and items:
            line_attributes(text, items[-1], attr, le)
            continue
        if items and Lexicon.load().vote_cue.match(text, ls + indent, le):
            voted = True
            continue
        marker = item_marker.match(text, ls, le)
        if marker is None and items and name_line(text, ls, le) and not (wrapped(ls) and (
                not ends_with(text, ls, (".", ";", "!", "?", ":"))
                or marker_follows(text, le, stop, item_marker, stop_line))):
            break
        if marker is not None and items and style(text[ls:marker.end()]) == "bullet" \
                and not ends_with(text, ls, (".", ";", ":", "!", "?")) and wrapped(ls):
            items[-1].stop = le
            continue
        if marker is None and items and not text[items[-1].start:items[-1].stop].strip():
            items[-1].start, items[-1].stop = ls, le
            continue
        if marker is None and (blank or voted or stop_line.match(text, ls, le)) and not (
                blank and not voted and not stop_line.match(text, ls, le) and (
                    not marked and starts_with_infinitive(text, ls, le)
                    or not marked and act and opens_with_action(text, ls, le, ACT_ACTION_WINDOW)
                    or marked and act and marker_follows(text, le, stop, item_marker, stop_line))):
            break
        if marker is not None and items and (
                Lexicon.load().question_heading.match(text, marker.end(), le)
                or blank and marked and style(text[ls:marker.end()]) != style(items[0].marker)):
            break
        if marker is not None and items and style(text[ls:marker.end()]) == "bullet" \
                and (objects is items[-1] or style(items[-1].marker) != "bullet"
                     and ends_with(text, items[-1].stop, (":",))) \
                and not opens_with_action(text, marker.end(), le):
            objects = items[-1]
            objects.stop = le
            continue
        if marker is not None:
            items.append(Item(marker.end(), le, marker=text[ls:marker.end()]))
            marked, blank, voted = True, False, False
        elif items and marked and (act or not ends_sentence(text, items[-1].stop, ls)):
            items[-1].stop, blank = le, False
        elif items and marked:
            break
        elif items and not blank and not starts_new_line_item(text, items[-1], ls, le):
            items[-1].stop = le
        else:
            items.append(Item(ls, le))
            blank = False
    return finish(text, items)


def next_numbers(text: str, item: Item) -> list[re.Match[str]]:
    """``1. Провести … . 2. Утвердить …`` run in on one line: the following numbers
    in order after a sentence end (``п. 3. Положения`` does not count)."""
    top = TOP_NUMBER.match(item.marker)
    if top is None or item.marker.strip()[-1:] != ".":
        return []
    found, expected = [], int(top.group(1)) + 1
    for m in RUN_IN_NUMBER.finditer(text, item.start, item.stop):
        if int(m.group(1)) == expected:
            found.append(m)
            expected += 1
    return found


def split_run_in(text: str, items: list[Item]) -> list[Item]:
    """``1) принять …; 2) провести …`` on one line: one item per number."""
    found: list[Item] = []
    for item in items:
        start, marker = item.start, item.marker
        inline = list(Lexicon.load().inline_item_marker.finditer(text, item.start, item.stop))
        for m in inline or next_numbers(text, item):
            found.append(Item(start, m.start(), marker=marker))
            start, marker = m.end(), text[m.start():m.end()]
        found.append(Item(start, item.stop, marker=marker, responsible=item.responsible,
                          deadline=item.deadline, parent=item.parent))
    return found


def finish(text: str, items: list[Item]) -> list[Item]:
    """Trim items, split inline attributes, give sub-items their parent."""
    kept: list[Item] = []
    parent: Item | None = None
    for item in split_run_in(text, items):
        item.start, item.stop = trim(text, item.start, item.stop, ITEM_TRIM)
        cut_vote(text, item)
        split_parenthesis(text, item)
        split_attributes(text, item)
        item.start, item.stop = trim(text, item.start, item.stop, ITEM_TRIM)
        if item.stop <= item.start:
            continue
        if parent is not None and is_child(item.marker, parent):
            item.parent = (parent.start, parent.stop)
        else:
            parent = None
        if text[item.start:item.stop].endswith(":"):
            parent = item
            continue
        kept.append(item)
    return kept
