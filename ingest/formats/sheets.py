"""Excel workbooks (plans, monitoring tables): one document per workbook,
each sheet's name on a line of its own, then one line per non-empty row with
tab-separated cells, as docx tables come out.

* xlsx through openpyxl (read-only, cached values of formulas). Every member
  of the package is first inflated through safezip under the same caps as any
  archive, so a bomb is refused before openpyxl opens it; openpyxl parses its
  XML with defusedxml (installed with reestr), so entities are never expanded.
* xls (Excel 97-2003, BIFF) through python-calamine, a maintained binding of
  the Rust calamine reader (xlrd, the historical choice, is in minimal
  maintenance). A password-protected workbook -> encrypted.

Cells: whole numbers without ".0", dates as DD.MM.YYYY (the form the date
extractors read), empty cells at the end of a row dropped.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Any, Iterable

from ingest.formats import safezip
from ingest.formats.model import (CORRUPT, ENCRYPTED, LIMITS_EXCEEDED, Budget, Extracted, Limits,
                                  Quarantine)


def read_xlsx(archive: safezip.Archive, limits: Limits, budget: Budget) -> Extracted:
    import openpyxl

    for member in safezip.members(archive):  # raises Quarantine (zip_bomb, corrupt...)
        safezip.read_member(archive, member.info, limits, budget)
    try:
        book = openpyxl.load_workbook(io.BytesIO(archive.data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on damaged packages
        raise Quarantine(CORRUPT, f"unreadable xlsx workbook: {reason(error)}") from None
    try:
        sheets = [(sheet.title, sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
        return Extracted(workbook_text(sheets, limits))
    except Quarantine:
        raise
    except Exception as error:
        raise Quarantine(CORRUPT, f"unreadable xlsx sheet: {reason(error)}") from None
    finally:
        book.close()


def read_xls(data: bytes, limits: Limits) -> Extracted:
    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=True))
                  for name in book.sheet_names]
    except calamine.PasswordError:
        raise Quarantine(ENCRYPTED, "a password-protected Excel workbook") from None
    except Exception as error:  # calamine's errors, and panics surfaced as exceptions
        raise Quarantine(CORRUPT, f"unreadable xls workbook: {reason(error)}") from None
    return Extracted(workbook_text(sheets, limits))


def workbook_text(sheets: Iterable[tuple[str, Iterable[Iterable[Any]]]], limits: Limits) -> str:
    lines: list[str] = []
    size = 0
    for title, rows in sheets:
        lines.append(str(title))
        for row in rows:
            cells = [cell_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            line = "\t".join(cells)
            size += len(line) + 1
            if size > limits.max_text_chars:
                raise Quarantine(LIMITS_EXCEEDED, f"workbook text longer than {limits.max_text_chars} characters")
            lines.append(line)
        lines.append("")
    return "\n".join(lines).strip("\n")


def reason(error: Exception) -> str:
    """The error on one line, shortened (reader messages can run over lines)."""
    return f"{type(error).__name__}: {' '.join(str(error).split())}"[:300]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y") if value.time() == dt.time() else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())
