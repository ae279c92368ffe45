"""The signatory of an order or decision, for ``Контроль … оставляю за собой``.

The signature block follows the operative list: a post on one or more lines
(``Глава администрации`` / ``Сосновского района``) and the name, on its own line
or at the end of the post's last line (``С.А. Тальников``, ``С.В.КЛЕВЦОВ``). The
value is the post with a lower-case first letter and the name as ``Фамилия И.О.``
(``глава администрации Сосновского района Тальников С.А.``).
"""
from __future__ import annotations

import re

from extractors.base import trim
from extractors.decisions.lexicon import Lexicon
from extractors.decisions.parts import Responsible

MAX_LINES = 5
INITIALS = r"((?:[А-ЯЁ]\.[ \t]?){1,2})"
SURNAME = r"([А-ЯЁ][А-ЯЁа-яё]+(?:-[А-ЯЁ][А-ЯЁа-яё]+)?)"
NAME_AT_END = (re.compile(INITIALS + r"[ \t]*" + SURNAME + r"[ \t]*$"),
               re.compile(SURNAME + r"[ \t]+" + INITIALS + r"[ \t]*$"))
SPACES = re.compile(r"\s+")


def filled_lines(text: str, start: int, stop: int, count: int) -> list[tuple[int, int]]:
    """``[(s, e) for s, e in lines(text, start, stop) if text[s:e].strip()][:count]``,
    reading no further than the ``count``-th line that is not blank (the list's
    signature or an act's title is near; the text after may be long)."""
    found: list[tuple[int, int]] = []
    pos = start
    while pos <= stop and len(found) < count:
        end = text.find("\n", pos, stop)
        end = stop if end < 0 else end
        if text[pos:end].strip():
            found.append((pos, end))
        if end >= stop:
            break
        pos = end + 1
    return found


def keeps_control(text: str, start: int, stop: int) -> bool:
    """``Контроль за исполнением приказа оставляю за собой``."""
    return Lexicon.load().self_control.search(text, start, stop) is not None


def name_at_end(text: str, start: int, stop: int) -> tuple[int, str, str] | None:
    """(offset, surname, initials) of a name closing the line ``[start, stop)``."""
    for i, pattern in enumerate(NAME_AT_END):
        found = pattern.search(text, start, stop)
        if found is not None:
            initials, surname = (found.group(1), found.group(2)) if i == 0 else \
                (found.group(2), found.group(1))
            return found.start(), surname, initials.replace(" ", "").replace("\t", "")
    return None


def signatory(text: str, after: int) -> Responsible | None:
    """The post and name signed under the list that ends at ``after``."""
    filled = filled_lines(text, after, len(text), MAX_LINES)
    if not filled or Lexicon.load().stop_line.match(text, *filled[0]) is None:
        return None
    for s, e in filled:
        found = name_at_end(text, s, e)
        if found is None:
            continue
        name_start, surname, initials = found
        post = SPACES.sub(" ", text[filled[0][0]:name_start]).strip(" ,")
        if not post:
            return None
        surname = surname if not surname.isupper() else surname.capitalize()
        value = f"{post[:1].lower()}{post[1:]} {surname} {initials}"
        start, _ = trim(text, *filled[0], " \t")
        return Responsible(value, start, trim(text, s, e, " \t")[1])
    return None
