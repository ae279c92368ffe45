"""Writers of exported rows: csv, parquet, jsonl, with the same types in each.

Values come as ``registry.export.plain`` makes them: JSON columns already JSON
text, timestamps aware in UTC. Parquet gets an explicit Arrow schema from the
column types (a column that happens to be empty keeps its type); csv and jsonl
write dates and times in ISO 8601 (``2026-12-06T05:50:00.123456+00:00``) and
booleans as ``true``/``false``. ``excel`` csv is for Excel as Russian users run
it: UTF-8 with a byte-order mark (so Cyrillic is read as UTF-8), ``;`` between
fields and a decimal comma (the Russian list and decimal separators), CRLF, and a text cell
that Excel would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return: OWASP's "CSV injection") gets a leading ``'``, which Excel shows as plain text. Numbers
stay numbers; the plain csv, for programs, is left exactly as stored.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any, Sequence

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer

SUFFIX = {"csv": ".csv", "parquet": ".parquet", "jsonl": ".jsonl"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def arrow_type(column_type: Any) -> Any:
    import pyarrow as pa

    if isinstance(column_type, JSON):
        return pa.string()
    if isinstance(column_type, Boolean):
        return pa.bool_()
    if isinstance(column_type, Integer):
        return pa.int64()
    if isinstance(column_type, Float):
        return pa.float64()
    if isinstance(column_type, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(column_type, Date):
        return pa.date32()
    return pa.string()


def write_parquet(columns: Sequence[str], types: Sequence[Any], rows: list[tuple], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field(name, arrow_type(kind)) for name, kind in zip(columns, types)])
    arrays = [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)


def as_text(value: Any, decimal_comma: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value).replace(".", ",") if decimal_comma else repr(value)
    return str(value)


def excel_cell(value: Any) -> str:
    """A value as Excel should show it: text that would start a formula is quoted."""
    text = as_text(value, decimal_comma=True)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(columns: Sequence[str], rows: list[tuple], path: Path, excel: bool) -> None:
    encoding, delimiter, newline = ("utf-8-sig", ";", "\r\n") if excel else ("utf-8", ",", "\n")
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator=newline)
        writer.writerow(columns)
        cell = excel_cell if excel else as_text
        writer.writerows([cell(value) for value in row] for row in rows)


def as_json(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def write_jsonl(columns: Sequence[str], rows: list[tuple], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            record = {name: as_json(value) for name, value in zip(columns, row)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")



def write_rows(columns: Sequence[str], types: Sequence[Any], rows: list[tuple], fmt: str, path: Path,
               excel: bool = False) -> None:
    if fmt == "parquet":
        write_parquet(columns, types, rows, path)
    elif fmt == "csv":
        write_csv(columns, rows, path, excel)
    else:
        write_jsonl(columns, rows, path)
