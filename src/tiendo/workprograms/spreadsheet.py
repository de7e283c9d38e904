"""The work program as a spreadsheet (.xlsx or .csv): the office's table, one row per item.

Reading finds the header row (the first row with a “Nội dung” column), checks that every
required column is there, and gives each row's cells as text with its row number and column
letter; it knows nothing of the database (the load service resolves units, programs, targets,
tasks and register entries, and reports the first error at its row and column). Writing makes a
file in the same format, so that a work program exported from tiendo loads back unchanged.

Columns (header names are matched without regard to case or diacritics):

    STT | Nội dung | Chương trình | Chỉ tiêu, nhiệm vụ | Cơ quan chủ trì chuẩn bị |
    Cơ quan phối hợp | Thời gian trình | Cấp xem xét | Kết quả | Văn bản ban hành | Lý do

The last three are optional. Rows above the header are a title: the first one's text becomes
the work program's title. A row with every cell empty is skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tiendo.core.text import normalize_space, slug


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...]
    required: bool
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("number", "STT", ("stt", "so-thu-tu", "tt"), True, 6),
    Column("content", "Nội dung", ("noi-dung",), True, 60),
    Column("programs", "Chương trình", ("chuong-trinh", "phuc-vu-chuong-trinh"), True, 12),
    Column(
        "refs",
        "Chỉ tiêu, nhiệm vụ",
        ("chi-tieu-nhiem-vu", "chi-tieu-nhiem-vu-lien-quan"),
        True,
        16,
    ),
    Column(
        "preparing",
        "Cơ quan chủ trì chuẩn bị",
        ("co-quan-chu-tri-chuan-bi", "co-quan-chu-tri", "chu-tri-chuan-bi"),
        True,
        26,
    ),
    Column("coordinating", "Cơ quan phối hợp", ("co-quan-phoi-hop", "phoi-hop"), True, 26),
    Column("due", "Thời gian trình", ("thoi-gian-trinh", "thoi-gian", "thoi-han"), True, 12),
    Column("considered_by", "Cấp xem xét", ("cap-xem-xet", "co-quan-xem-xet"), True, 12),
    Column("outcome", "Kết quả", ("ket-qua",), False, 14),
    Column("document", "Văn bản ban hành", ("van-ban-ban-hanh", "van-ban"), False, 20),
    Column("reason", "Lý do", ("ly-do", "ghi-chu"), False, 30),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
SHEET_TITLE = "Chương trình công tác"


@dataclass
class SheetError(Exception):
    """The file is refused whole: `row` and `column` (a letter) of the first error, or None
    for an error of the whole file."""

    row: int | None
    column: str | None
    message: str
    header: str = ""

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return f"Dòng {self.row}: {self.message}"
        named = f" ({self.header})" if self.header else ""
        return f"Dòng {self.row}, cột {self.column}{named}: {self.message}"


@dataclass
class SheetRow:
    row: int
    cells: dict[str, str]
    letters: dict[str, str]
    raw: dict[str, Any] = field(default_factory=dict)

    def error(self, key: str, message: str) -> SheetError:
        return SheetError(self.row, self.letters.get(key), message, COLUMN_BY_KEY[key].header)


@dataclass
class ParsedSheet:
    title: str
    rows: list[SheetRow]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return normalize_space(str(value))


def _matrix_xlsx(data: bytes) -> list[list[Any]]:
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise SheetError(None, None, "Tệp không phải sổ Excel (.xlsx) đọc được.") from exc
    ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def _matrix_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(None, None, "Tệp CSV phải ở mã UTF-8.") from exc
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def sheet_read(*, data: bytes, filename: str) -> ParsedSheet:
    """The rows of a work-program spreadsheet, or SheetError (row, column, Vietnamese message)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        matrix = _matrix_xlsx(data)
    elif name.endswith(".csv"):
        matrix = _matrix_csv(data)
    else:
        raise SheetError(None, None, "Chỉ nhận tệp .xlsx hoặc .csv.")
    header_index = None
    for index, values in enumerate(matrix):
        if any(slug(_text(v)) == "noi-dung" for v in values):
            header_index = index
            break
    if header_index is None:
        raise SheetError(None, None, "Không thấy dòng tiêu đề của bảng (dòng có cột “Nội dung”).")
    header_row = header_index + 1
    positions: dict[str, int] = {}
    for col, value in enumerate(matrix[header_index]):
        key = slug(_text(value))
        for column in COLUMNS:
            if key in column.aliases and column.key not in positions:
                positions[column.key] = col
                break
    for column in COLUMNS:
        if column.required and column.key not in positions:
            raise SheetError(header_row, None, f"thiếu cột “{column.header}”.")
    title = ""
    for values in matrix[:header_index]:
        texts = [_text(v) for v in values if _text(v)]
        if texts:
            title = texts[0]
            break
    letters = {key: get_column_letter(col + 1) for key, col in positions.items()}
    rows = []
    for index in range(header_index + 1, len(matrix)):
        values = matrix[index]
        raw = {key: values[col] if col < len(values) else None for key, col in positions.items()}
        cells = {key: _text(value) for key, value in raw.items()}
        if not any(cells.values()):
            continue
        rows.append(SheetRow(row=index + 1, cells=cells, letters=letters, raw=raw))
    return ParsedSheet(title=title, rows=rows)


# --- Writing ------------------------------------------------------------------------------------


SAMPLE_NOTE = "DỮ LIỆU MẪU"


def sheet_rows(document: dict[str, Any]) -> list[list[str]]:
    """The table's rows (header first) from a work program as `workprogram show --json`
    prints it (see `selectors.workprogram_document`)."""
    rows = [[c.header for c in COLUMNS]]
    for item in document["items"]:
        rows.append(
            [
                str(item["number"]),
                item["content"],
                ", ".join(str(n) for n in item["programs"]),
                ", ".join([*item["targets"], *item["tasks"]]),
                item["preparing_unit"]["name"],
                "; ".join(u["name"] for u in item["coordinating_units"]),
                item["due"]["label"],
                item["considered_by"]["label"],
                item["outcome"]["label"] if item["outcome"]["code"] != "pending" else "",
                _document_ref(item["document"]),
                item["reason"],
            ]
        )
    return rows


def _document_ref(document: dict[str, Any] | None) -> str:
    if not document:
        return ""
    date = dt.date.fromisoformat(document["date"])
    return f"{document['number']} ({date:%d/%m/%Y})"


def sheet_xlsx(document: dict[str, Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_TITLE
    ws["A1"] = document["title"] or f"Chương trình công tác năm {document['year']}"
    ws["A1"].font = Font(bold=True, size=13)
    rows = sheet_rows(document)
    header_row = 3
    fill = PatternFill("solid", fgColor="DDE7F3")
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=header_row + offset, column=col, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if offset == 0:
                cell.font = Font(bold=True)
                cell.fill = fill
    for col, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = column.width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sheet_csv(document: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([document["title"] or f"Chương trình công tác năm {document['year']}"])
    writer.writerows(sheet_rows(document))
    return buffer.getvalue().encode("utf-8-sig")
