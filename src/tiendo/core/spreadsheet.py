"""Text in the spreadsheets and CSV files tiendo writes, never a formula (issue 13, item 2).

A note, a source or a narrative typed by a user may begin with `=`, `+`, `-` or `@`
(`=HYPERLINK("http://x","click")`): a spreadsheet program would run it as a formula when the
file is opened (formula or CSV injection). Every cell tiendo writes goes through this module:

- `xlsx_put(cell, value)` (and `xlsx_cell(ws, row, column, value)`): text is stored as a text
  cell (openpyxl data type "s", never "f"), and text that begins like a formula is marked
  quote-prefixed, so that Excel keeps it text even when the cell is edited again; the reader of
  the workbook (openpyxl) gives back exactly the text that was written. Characters a workbook
  cannot hold (control characters) are replaced by U+FFFD rather than failing the download.
- `csv_value(value)` / `csv_row(row)`: the OWASP rule for CSV: text that begins with
  `= + - @`, a tab or a carriage return gets a leading apostrophe. A plain number ("-3.5") is
  left as it is: it is not a formula and its meaning must not change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

__all__ = [
    "EXCEL_CELL_MAX_CHARS",
    "FORMULA_PREFIXES",
    "csv_row",
    "csv_value",
    "xlsx_cell",
    "xlsx_put",
]

#: What a spreadsheet program may read as the start of a formula or a command.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: The most characters one Excel cell holds; longer text is cut when Excel saves the file.
EXCEL_CELL_MAX_CHARS = 32_767

_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?\Z")


def _formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(text)


def csv_value(value: Any) -> Any:
    """A value for a CSV cell: formula-like text gets a leading apostrophe; the rest as is."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of a CSV row through `csv_value`."""
    return {key: csv_value(value) for key, value in row.items()}


def xlsx_put(cell: Any, value: Any) -> Any:
    """Write `value` into an openpyxl cell; text is always a text cell, never a formula."""
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell.value = text
        cell.data_type = "s"
        if _formula_like(text):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def xlsx_cell(ws: Any, row: int, column: int, value: Any) -> Any:
    """`ws.cell(row, column)` with `value` written by `xlsx_put`; returns the cell."""
    return xlsx_put(ws.cell(row=row, column=column), value)
