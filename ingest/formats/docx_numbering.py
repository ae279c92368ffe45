"""Automatic list numbers of DOCX paragraphs ("1.", "2.1.", "а)"), rendered
from word/numbering.xml so numbered rows of action tables keep their number."""
from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = W + "val"
BULLET = "•"
RUSSIAN_LOWER = "абвгдежзиклмнопрстуфхцчшщэюя"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = " "


def letters(n: int, alphabet: str) -> str:
    n = max(n, 1)
    return alphabet[(n - 1) % len(alphabet)] * ((n - 1) // len(alphabet) + 1)


def roman(n: int) -> str:
    out = []
    for value, digits in ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


FORMATTERS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": lambda n: letters(n, "abcdefghijklmnopqrstuvwxyz"),
    "upperLetter": lambda n: letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerRoman": roman,
    "upperRoman": lambda n: roman(n).upper(),
    "russianLower": lambda n: letters(n, RUSSIAN_LOWER),
    "russianUpper": lambda n: letters(n, RUSSIAN_LOWER.upper()),
    "none": lambda n: "",
}


def val(element: Element | None, tag: str, default: str) -> str:
    found = element.find(W + tag) if element is not None else None
    return found.get(VAL, default) if found is not None else default


def parse_level(lvl: Element) -> Level:
    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(val(lvl, "suff", "tab"), " ")
    start = val(lvl, "start", "1")
    return Level(val(lvl, "numFmt", "decimal"), val(lvl, "lvlText", "%1."),
                 int(start) if start.isdigit() else 1, suffix)


@dataclass
class Numbering:
    lists: dict[str, dict[int, Level]]                  # numId -> ilvl -> level
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Numbering:
        return cls({})

    @classmethod
    def from_xml(cls, root: Element) -> Numbering:
        abstract = {a.get(W + "abstractNumId"): {int(l.get(W + "ilvl", "0")): parse_level(l)
                                                 for l in a.findall(W + "lvl")}
                    for a in root.findall(W + "abstractNum")}
        lists = {n.get(W + "numId", ""): abstract.get(val(n, "abstractNumId", ""), {})
                 for n in root.findall(W + "num")}
        return cls(lists)

    def label(self, paragraph: Element) -> str:
        """The rendered number of a numbered paragraph, else ""."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is None or not self.lists:
            return ""
        num_id = val(num_pr, "numId", "0")
        ilvl_text = val(num_pr, "ilvl", "0")
        levels = self.lists.get(num_id)
        if not levels or not ilvl_text.isdigit():
            return ""
        ilvl = min(int(ilvl_text), 8)
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels.get(ilvl, Level()).start
        counts[ilvl + 1:] = [0] * (8 - ilvl)
        level = levels.get(ilvl, Level())
        if level.fmt == "bullet":
            return BULLET + level.suffix
        return self.render(level, levels, counts) + level.suffix

    @staticmethod
    def render(level: Level, levels: dict[int, Level], counts: list[int]) -> str:
        text = level.text
        for i in range(9):
            placeholder = f"%{i + 1}"
            if placeholder in text:
                fmt = FORMATTERS.get(levels.get(i, Level()).fmt, str)
                text = text.replace(placeholder, fmt(max(counts[i], 1)))
        return text
