"""Automatic list numbers of ODT paragraphs ("1.", "а)"), rendered from the
text:list-style definitions, so numbered rows keep their number as in docx.
Only the item's own level is shown (display-levels is not applied)."""
from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from ingest.formats.docx_numbering import BULLET, FORMATTERS

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
LIST_STYLE = TEXT + "list-style"
NUMBER_LEVEL = TEXT + "list-level-style-number"
BULLET_LEVEL = TEXT + "list-level-style-bullet"
# ODF num-format -> formatter names shared with docx numbering.
NUM_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
               "I": "upperRoman", "а": "russianLower", "А": "russianUpper", "": "none"}


@dataclass(frozen=True)
class ListLevel:
    fmt: str = "decimal"      # a FORMATTERS key, or "bullet"
    prefix: str = ""
    suffix: str = "."
    start: int = 1


def parse_level(element: Element) -> ListLevel:
    if element.tag == BULLET_LEVEL:
        return ListLevel("bullet")
    start = element.get(TEXT + "start-value", "1")
    return ListLevel(NUM_FORMATS.get(element.get(STYLE + "num-format", "1"), "decimal"),
                     element.get(STYLE + "num-prefix", ""), element.get(STYLE + "num-suffix", ""),
                     int(start) if start.isdigit() else 1)


@dataclass
class ListStyles:
    styles: dict[str, dict[int, ListLevel]]
    last: dict[tuple[str | None, int], int] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, *roots: Element) -> ListStyles:
        styles: dict[str, dict[int, ListLevel]] = {}
        for root in roots:
            for style in root.iter(LIST_STYLE):
                levels = {}
                for level in style:
                    number = level.get(TEXT + "level", "1")
                    if level.tag in (NUMBER_LEVEL, BULLET_LEVEL) and number.isdigit():
                        levels[int(number)] = parse_level(level)
                styles[style.get(STYLE + "name", "")] = levels
        return cls(styles)

    def level(self, style: str | None, level: int) -> ListLevel | None:
        return self.styles.get(style or "", {}).get(level)

    def first(self, style: str | None, level: int, continues: bool) -> int:
        """The number before the first item of a list."""
        if continues and (style, level) in self.last:
            return self.last[(style, level)]
        found = self.level(style, level)
        return (found.start if found else 1) - 1

    def label(self, style: str | None, level: int, number: int) -> str:
        found = self.level(style, level)
        if found is None:
            return ""
        self.last[(style, level)] = number
        if found.fmt == "bullet":
            return BULLET + " "
        rendered = FORMATTERS.get(found.fmt, str)(max(number, 1))
        return f"{found.prefix}{rendered}{found.suffix} " if rendered else ""
