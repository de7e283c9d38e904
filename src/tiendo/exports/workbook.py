"""Excel in and out (openpyxl).

* `plan_targets_xlsx`: a plan's targets with the figure that counts for each year, the
  progress and the evaluation, plus every accepted figure.
* `entry_workbook_xlsx`: the data-entry workbook of one unit in one round: its assigned targets
  and tasks, the structure locked (sheet protection; only the input cells are unlocked), data
  validation on every input cell. The unit fills it offline and uploads it.
* `entry_workbook_apply`: reads an uploaded workbook, checks every cell, and reports every error
  with its sheet, row and column in Vietnamese; only when the whole file is valid does it save
  the unit's draft submission, through `tiendo.reporting.services.submission_save` (which checks
  the actor and the optimistic version).

Over 600 lines for now: the data-entry workbook's writer and reader share one layout (columns,
rows, protection, validations) and must change together; the targets workbook could move out.
"""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tiendo.accounts.permissions import require_unit_editor, require_unit_reader
from tiendo.core.archives import ArchiveRefused, megabytes, zip_check
from tiendo.core.numbers import NumberFormatError, format_number, parse_number
from tiendo.core.spreadsheet import xlsx_cell, xlsx_put
from tiendo.evaluation import engine
from tiendo.evaluation.charts import status_colours
from tiendo.evaluation.selectors import figures_accepted
from tiendo.evaluation.services import plan_evaluate
from tiendo.indicators.models import FigureType, Qualifier
from tiendo.plans.models import Plan, Target, TaskStatus
from tiendo.plans.selectors import plan_figures
from tiendo.reporting.models import EDITABLE_STATES, Submission, SubmissionFigure, SubmissionTask
from tiendo.reporting.services import FigureInput, StaleVersion, TaskInput, submission_save

from .report import report_years

FIGURES_SHEET = "Số liệu"
TASKS_SHEET = "Nhiệm vụ"
GUIDE_SHEET = "Hướng dẫn"
META_SHEET = "tiendo"
KIND = "tiendo-nhap-lieu/1"
HEADER_ROW = 6
FIRST_ROW = 7
SHEET_PASSWORD = "tiendo"  # structure protection against slips, not a secret

FIGURE_COLUMNS = [
    ("A", "Mã", 8),
    ("B", "Chỉ tiêu", 50),
    ("C", "Đơn vị tính", 14),
    ("D", "Năm", 8),
    ("E", "Giá trị", 14),
    ("F", "Loại số liệu", 18),
    ("G", "Mức chính xác", 14),
    ("H", "Nguồn, phương pháp", 30),
    ("I", "Ghi chú", 30),
    ("J", "Lý do đính chính", 30),
]
FIGURE_INPUT = "EFGHIJ"
TASK_COLUMNS = [
    ("A", "Mã", 8),
    ("B", "Nhiệm vụ, giải pháp", 60),
    ("C", "Thời hạn", 12),
    ("D", "Tình trạng", 18),
    ("E", "% hoàn thành", 12),
    ("F", "Kết quả, khó khăn", 60),
]
TASK_INPUT = "DEF"

FIGURE_TYPE_LABELS = {str(v): str(label) for v, label in FigureType.choices}
QUALIFIER_LABELS = {str(v): str(label) for v, label in Qualifier.choices}
TASK_STATUS_LABELS = {str(v): str(label) for v, label in TaskStatus.choices}

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")
_INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(ws: Worksheet, row: int, columns: list[tuple[str, str, int]]) -> None:
    for letter, title, width in columns:
        cell = ws[f"{letter}{row}"]
        xlsx_put(cell, title)
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[letter].width = width
    ws.row_dimensions[row].height = 32  # two lines of a wrapped title


def _print_setup(ws: Worksheet, *, header_row: int) -> None:
    """Printed on A4 landscape, fitted to the page's width (as many pages down as needed), the
    header row repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _fit_height(ws: Worksheet, row: int) -> None:
    """A row as high as its longest wrapped text (office suites do not grow rows written by a
    program, and a printed row must not hide its words)."""
    lines = 1
    for cell in ws[row]:
        if cell.value is None:
            continue
        width = ws.column_dimensions[cell.column_letter].width or 10
        per_line = max(1, int(width * 1.1) - 1)
        text_lines = sum(
            max(1, math.ceil(len(part) / per_line)) for part in str(cell.value).split("\n")
        )
        lines = max(lines, text_lines)
    ws.row_dimensions[row].height = 15 * lines


def _status_cell(cell: Any, status: str) -> None:
    """A status in the colours of its badge on the pages."""
    fill, ink = status_colours(status)
    cell.fill = PatternFill("solid", fgColor=fill.lstrip("#").upper())
    cell.font = Font(bold=True, color=ink.lstrip("#").upper())


# --- Export of a plan's targets ----------------------------------------------------------------


def plan_targets_xlsx(*, plan: Plan, as_of_year: int) -> bytes:
    """The plan's targets with the figure that counts for each year and the evaluation."""
    evaluation = plan_evaluate(plan=plan, as_of_year=as_of_year)
    targets = {t.code: t for t in Target.objects.filter(plan=plan).select_related("program")}
    figures = figures_accepted(plan=plan)
    years = report_years(plan, as_of_year)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Chỉ tiêu"
    xlsx_put(
        ws["A1"], f"Kết quả thực hiện các chỉ tiêu — {plan.number} — tính đến năm {as_of_year}"
    )
    ws["A1"].font = _TITLE
    columns: list[tuple[str, str, int]] = []
    titles = [
        ("STT", 5),
        ("Mã", 6),
        ("Chương trình", 8),
        ("Chỉ tiêu", 36),
        ("Đơn vị tính", 10),
        ("Mục tiêu", 28),
        *[(str(y), 9) for y in years],
        ("% so với mục tiêu", 10),
        ("Đánh giá", 13),
        ("Mã đánh giá", 16),
        ("Căn cứ đánh giá", 55),
    ]
    for index, (title, width) in enumerate(titles, start=1):
        columns.append((get_column_letter(index), title, width))
    _header(ws, 3, columns)
    for row, e in enumerate(evaluation.evaluations, start=4):
        target = targets[e.code]
        chosen = engine.select_figures(figures.get(e.code, []), as_of_year=as_of_year)
        values: list[Any] = [
            row - 3,
            e.code,
            target.program.number,
            target.indicator,
            target.unit,
            e.target_text,
        ]
        for year in years:
            figure = chosen.get(year)
            values.append(figure.value if figure is not None else None)
        values += [
            e.progress_pct,
            engine.STATUS_LABELS[e.status],
            str(e.status),
            e.explanation,
        ]
        for col, value in enumerate(values, start=1):
            cell = xlsx_cell(ws, row, col, value)
            cell.border = _BOX
            cell.alignment = _WRAP
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.######"
        _status_cell(ws.cell(row=row, column=len(values) - 2), str(e.status))
        _fit_height(ws, row)
    # The status's code is for a program reading the file, not for the reader: hidden.
    ws.column_dimensions[get_column_letter(len(titles) - 1)].hidden = True
    ws.freeze_panes = "E4"
    _print_setup(ws, header_row=3)

    all_figs = wb.create_sheet("Số liệu đã chấp nhận")
    fig_columns = [
        ("A", "Mã chỉ tiêu", 10),
        ("B", "Năm", 8),
        ("C", "Giá trị", 14),
        ("D", "Loại số liệu", 18),
        ("E", "Mức chính xác", 14),
        ("F", "Nguồn", 40),
        ("G", "Đính chính cho (số thứ tự)", 14),
        ("H", "Số thứ tự", 10),
    ]
    _header(all_figs, 1, fig_columns)
    for row, item in enumerate(plan_figures(plan=plan), start=2):
        fig = item.figure
        for col, value in enumerate(
            [
                item.target_code,
                fig.year,
                fig.value,
                FIGURE_TYPE_LABELS[fig.figure_type],
                QUALIFIER_LABELS[fig.qualifier],
                fig.source,
                fig.corrects_id,
                fig.pk,
            ],
            start=1,
        ):
            xlsx_cell(all_figs, row, col, value)
    all_figs.freeze_panes = "A2"
    _print_setup(all_figs, header_row=1)
    return _save(wb)


# --- The data-entry workbook -------------------------------------------------------------------


def _entry_items(submission: Submission) -> tuple[list[SubmissionFigure], list[SubmissionTask]]:
    figures = list(
        SubmissionFigure.objects.filter(submission=submission)
        .select_related("target")
        .order_by("target__position")
    )
    tasks = list(
        SubmissionTask.objects.filter(submission=submission)
        .select_related("task")
        .order_by("task__position")
    )
    return figures, tasks


def _is_percent(target: Target) -> bool:
    return target.unit.strip().startswith("%")


def _list_validation(labels: list[str], title: str) -> DataValidation:
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(labels) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error="Hãy chọn một giá trị trong danh sách.",
    )
    return dv


def entry_workbook_xlsx(*, actor: Any, submission: Submission) -> bytes:
    """The data-entry workbook of a submission (its unit's targets and tasks in its round)."""
    require_unit_reader(actor, submission.unit_id)
    submission = Submission.objects.select_related("round__plan", "unit").get(pk=submission.pk)
    figures, tasks = _entry_items(submission)
    rnd = submission.round
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    guide.column_dimensions["A"].width = 110
    lines = [
        f"Mẫu nhập số liệu — {submission.unit} — {rnd.period_label()} — {rnd.plan.number}",
        "",
        f"1. Trang “{FIGURES_SHEET}”: nhập giá trị (cột E) của từng chỉ tiêu đơn vị được giao;"
        " chọn loại số liệu (cột F) và mức chính xác (cột G); ghi nguồn, ghi chú nếu có.",
        "   Số viết theo kiểu Việt Nam (6.650; 3,5) hoặc nhập số trực tiếp. Tỷ lệ (%) từ 0 đến 100.",
        "   Nếu số liệu khác số đã được chấp nhận trước đó, ghi lý do đính chính (cột J).",
        f"2. Trang “{TASKS_SHEET}”: chọn tình trạng (cột D), ghi % hoàn thành (0–100, cột E)"
        " và kết quả, khó khăn (cột F).",
        "3. Không thêm, xóa hay đổi thứ tự dòng, cột; chỉ các ô tô màu vàng được nhập.",
        "4. Lưu tệp (.xlsx) và tải lên ở trang báo cáo của đơn vị. Tệp có lỗi sẽ bị từ chối cả tệp,"
        " kèm danh sách ô bị lỗi; sửa và tải lên lại.",
        f"Hạn nộp: {rnd.deadline:%d/%m/%Y}.",
    ]
    for row, text in enumerate(lines, start=1):
        xlsx_cell(guide, row, 1, text).alignment = _WRAP
    guide["A1"].font = _TITLE

    ws = wb.create_sheet(FIGURES_SHEET)
    xlsx_put(ws["A1"], f"Số liệu chỉ tiêu — {submission.unit}")
    ws["A1"].font = _TITLE
    xlsx_put(ws["A2"], f"Đợt báo cáo: {rnd.period_label()} (hạn nộp {rnd.deadline:%d/%m/%Y})")
    xlsx_put(ws["A3"], f"Chương trình hành động: {rnd.plan.number}")
    xlsx_put(ws["A4"], "Chỉ nhập vào các ô màu vàng.")
    _header(ws, HEADER_ROW, FIGURE_COLUMNS)
    dv_number = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="99999999999999",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Giá trị phải là số không âm.",
    )
    dv_percent = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tỷ lệ không hợp lệ",
        error="Tỷ lệ (%) phải từ 0 đến 100.",
    )
    dv_type = _list_validation(list(FIGURE_TYPE_LABELS.values()), "Loại số liệu")
    dv_qual = _list_validation(list(QUALIFIER_LABELS.values()), "Mức chính xác")
    for dv in (dv_number, dv_percent, dv_type, dv_qual):
        ws.add_data_validation(dv)
    for row, item in enumerate(figures, start=FIRST_ROW):
        target = item.target
        values: list[Any] = [
            target.code,
            target.indicator,
            target.unit,
            item.year,
            item.value,
            FIGURE_TYPE_LABELS.get(item.figure_type, ""),
            QUALIFIER_LABELS.get(item.qualifier, ""),
            item.source,
            item.note,
            item.correction_reason,
        ]
        for col, value in enumerate(values, start=1):
            cell = xlsx_cell(ws, row, col, value)
            cell.border = _BOX
            cell.alignment = _WRAP
        for letter in FIGURE_INPUT:
            cell = ws[f"{letter}{row}"]
            cell.protection = Protection(locked=False)
            cell.fill = _INPUT_FILL
        ws[f"E{row}"].number_format = "#,##0.######"
        (dv_percent if _is_percent(target) else dv_number).add(f"E{row}")
        dv_type.add(f"F{row}")
        dv_qual.add(f"G{row}")
        _fit_height(ws, row)
    ws.freeze_panes = f"C{FIRST_ROW}"
    _print_setup(ws, header_row=HEADER_ROW)
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD

    wt = wb.create_sheet(TASKS_SHEET)
    xlsx_put(wt["A1"], f"Tiến độ nhiệm vụ, giải pháp — {submission.unit}")
    wt["A1"].font = _TITLE
    xlsx_put(wt["A2"], f"Đợt báo cáo: {rnd.period_label()} (hạn nộp {rnd.deadline:%d/%m/%Y})")
    xlsx_put(wt["A4"], "Chỉ nhập vào các ô màu vàng.")
    _header(wt, HEADER_ROW, TASK_COLUMNS)
    dv_status = _list_validation(list(TASK_STATUS_LABELS.values()), "Tình trạng")
    dv_pct = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="% hoàn thành",
        error="Phần trăm hoàn thành là số nguyên từ 0 đến 100.",
    )
    wt.add_data_validation(dv_status)
    wt.add_data_validation(dv_pct)
    for row, titem in enumerate(tasks, start=FIRST_ROW):
        task = titem.task
        values = [
            task.code,
            task.text,
            task.due_date.strftime("%d/%m/%Y") if task.due_date else "",
            TASK_STATUS_LABELS.get(titem.status, ""),
            titem.percent_done,
            titem.narrative,
        ]
        for col, value in enumerate(values, start=1):
            cell = xlsx_cell(wt, row, col, value)
            cell.border = _BOX
            cell.alignment = _WRAP
        for letter in TASK_INPUT:
            cell = wt[f"{letter}{row}"]
            cell.protection = Protection(locked=False)
            cell.fill = _INPUT_FILL
        dv_status.add(f"D{row}")
        dv_pct.add(f"E{row}")
        _fit_height(wt, row)
    wt.freeze_panes = f"C{FIRST_ROW}"
    _print_setup(wt, header_row=HEADER_ROW)
    wt.protection.sheet = True
    wt.protection.password = SHEET_PASSWORD

    meta = wb.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(
        [
            ("kind", KIND),
            ("submission", submission.pk),
            ("version", submission.version),
            ("unit", submission.unit.code),
            ("round", rnd.pk),
            ("plan", rnd.plan.code),
        ],
        start=1,
    ):
        xlsx_cell(meta, row, 1, key)
        xlsx_cell(meta, row, 2, value)
    meta.protection.sheet = True
    meta.protection.password = SHEET_PASSWORD
    meta.sheet_state = "veryHidden"
    wb.security = WorkbookProtection(workbookPassword=SHEET_PASSWORD, lockStructure=True)
    return _save(wb)


# --- Reading an uploaded workbook ------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"Trang “{self.sheet}”: {self.message}" if self.sheet else self.message
        return f"Trang “{self.sheet}”, dòng {self.row}, cột {self.column}: {self.message}"


class WorkbookInvalid(Exception):
    """The workbook is refused whole; `errors` names every bad cell."""

    def __init__(self, errors: list[CellError]) -> None:
        self.errors = errors
        self.messages = [str(e) for e in errors]
        super().__init__("\n".join(self.messages))


@dataclass
class WorkbookApplied:
    submission: Submission
    figures: int
    tasks: int


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any) -> Decimal | None:
    """A cell's number: a number typed in Excel, or text written the Vietnamese way."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation as exc:
            raise ValueError from exc
        if not number.is_finite():
            raise ValueError
        return number
    if isinstance(value, Decimal):
        return value
    try:
        return parse_number(str(value))
    except NumberFormatError as exc:
        raise ValueError from exc


def _choice(value: Any, labels: dict[str, str]) -> str | None:
    """A code from its Vietnamese label (or the code itself); None for an empty cell."""
    text = _text(value)
    if not text:
        return None
    for code, label in labels.items():
        if text.casefold() in (label.casefold(), code.casefold()):
            return code
    raise ValueError


def _meta(wb: Any) -> dict[str, str]:
    if META_SHEET not in wb.sheetnames:
        return {}
    ws = wb[META_SHEET]
    return {
        _text(ws.cell(row=r, column=1).value): _text(ws.cell(row=r, column=2).value)
        for r in range(1, 20)
        if ws.cell(row=r, column=1).value
    }


NOT_A_WORKBOOK = "Tệp không phải sổ Excel (.xlsx) đọc được."


def workbook_size_check(*, size: int) -> None:
    """Refuse a workbook larger than TIENDO_IMPORT_MAX_BYTES; callers check before reading it."""
    limit = settings.TIENDO_IMPORT_MAX_BYTES
    if size > limit:
        raise WorkbookInvalid(
            [
                CellError(
                    "",
                    None,
                    None,
                    f"Tệp quá lớn ({megabytes(size)} MB; tối đa {megabytes(limit)} MB). Hãy dùng"
                    " đúng sổ Excel tải về từ trang báo cáo, không chèn thêm hình ảnh, rồi tải"
                    " lên lại.",
                )
            ]
        )


def _load(data: bytes) -> Any:
    """The workbook, opened only after its size and its zip parts were checked (a small .xlsx
    may unpack to gigabytes)."""
    workbook_size_check(size=len(data))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookInvalid([CellError("", None, None, NOT_A_WORKBOOK)])
    try:
        zip_check(
            data,
            max_bytes=settings.TIENDO_ZIP_MAX_BYTES,
            max_members=settings.TIENDO_ZIP_MAX_MEMBERS,
        )
    except ArchiveRefused as exc:
        raise WorkbookInvalid([CellError("", None, None, exc.message_vi)]) from exc
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise WorkbookInvalid([CellError("", None, None, NOT_A_WORKBOOK)]) from exc


def _code_at(ws: Worksheet, row: int) -> str:
    return _text(ws[f"A{row}"].value)


def _check_rows(ws: Worksheet, sheet: str, codes: list[str], noun: str) -> list[CellError]:
    errors: list[CellError] = []
    for offset, code in enumerate(codes):
        row = FIRST_ROW + offset
        found = _code_at(ws, row)
        if found != code:
            errors.append(
                CellError(
                    sheet,
                    row,
                    "A",
                    f"cần mã {noun} “{code}”, tệp có “{found or '(trống)'}”: không sửa, thêm hay"
                    " xóa dòng trong mẫu.",
                )
            )
    extra = FIRST_ROW + len(codes)
    if _code_at(ws, extra):
        errors.append(
            CellError(
                sheet, extra, "A", f"{noun} “{_code_at(ws, extra)}” không có trong báo cáo này."
            )
        )
    return errors


def entry_workbook_read(
    *, submission: Submission, data: bytes
) -> tuple[dict[int, FigureInput], dict[int, TaskInput], int]:
    """Check the whole workbook against the submission; return the inputs keyed by target and
    task id and the version it was made from. Raises WorkbookInvalid with every error."""
    wb = _load(data)
    meta = _meta(wb)
    errors: list[CellError] = []
    if meta.get("kind") != KIND:
        raise WorkbookInvalid(
            [CellError("", None, None, "Tệp không phải mẫu nhập số liệu của tiendo.")]
        )
    if meta.get("submission") != str(submission.pk):
        raise WorkbookInvalid(
            [
                CellError(
                    "",
                    None,
                    None,
                    f"Tệp là mẫu của báo cáo khác (đơn vị “{meta.get('unit', '')}”), không phải"
                    f" báo cáo của {submission.unit} {submission.round.period_label()}.",
                )
            ]
        )
    try:
        version = int(meta.get("version", ""))
    except ValueError:
        raise WorkbookInvalid([CellError("", None, None, "Tệp mẫu bị hỏng (phiên bản).")]) from None
    for name in (FIGURES_SHEET, TASKS_SHEET):
        if name not in wb.sheetnames:
            errors.append(CellError(name, None, None, "thiếu trang này trong tệp."))
    if errors:
        raise WorkbookInvalid(errors)
    figures, tasks = _entry_items(submission)
    ws = wb[FIGURES_SHEET]
    wt = wb[TASKS_SHEET]
    errors += _check_rows(ws, FIGURES_SHEET, [f.target.code for f in figures], "chỉ tiêu")
    errors += _check_rows(wt, TASKS_SHEET, [t.task.code for t in tasks], "nhiệm vụ")
    if errors:
        raise WorkbookInvalid(errors)

    figure_inputs: dict[int, FigureInput] = {}
    year = submission.round.year
    for offset, item in enumerate(figures):
        row = FIRST_ROW + offset
        target = item.target

        def err(col: str, message: str, row: int = row) -> None:
            errors.append(CellError(FIGURES_SHEET, row, col, message))

        year_text = _text(ws[f"D{row}"].value)
        if year_text and year_text != str(year):
            err("D", f"năm phải là {year} (năm của đợt báo cáo), không phải “{year_text}”.")
        raw = ws[f"E{row}"].value
        value_text = ""
        try:
            value = _number(raw)
        except ValueError:
            err(
                "E",
                f"“{_text(raw)}” không phải là số (chỉ tiêu {target.code}). Hãy viết như 6.650,"
                " 6650 hoặc 3,5.",
            )
            value = None
        else:
            if value is not None:
                if value < 0:
                    err("E", f"số liệu không được âm ({format_number(value)}).")
                elif _is_percent(target) and value > 100:
                    err(
                        "E",
                        f"tỷ lệ ({target.unit}) phải từ 0 đến 100, không phải"
                        f" {format_number(value)}.",
                    )
                elif value >= Decimal(10) ** 14:
                    err("E", "số quá lớn.")
                elif value.as_tuple().exponent < -6:  # type: ignore[operator]
                    err("E", "chỉ được tối đa 6 chữ số thập phân.")
                value_text = format_number(value)
        figure_type = qualifier = None
        try:
            figure_type = _choice(ws[f"F{row}"].value, FIGURE_TYPE_LABELS)
        except ValueError:
            err(
                "F",
                f"loại số liệu “{_text(ws[f'F{row}'].value)}” không hợp lệ; chọn một trong: "
                + ", ".join(FIGURE_TYPE_LABELS.values())
                + ".",
            )
        try:
            qualifier = _choice(ws[f"G{row}"].value, QUALIFIER_LABELS)
        except ValueError:
            err(
                "G",
                f"mức chính xác “{_text(ws[f'G{row}'].value)}” không hợp lệ; chọn một trong: "
                + ", ".join(QUALIFIER_LABELS.values())
                + ".",
            )
        figure_inputs[target.pk] = FigureInput(
            value=value_text,
            year=str(year),
            figure_type=figure_type,
            qualifier=qualifier,
            source=_text(ws[f"H{row}"].value),
            note=_text(ws[f"I{row}"].value),
            correction_reason=_text(ws[f"J{row}"].value),
        )

    task_inputs: dict[int, TaskInput] = {}
    for offset, titem in enumerate(tasks):
        row = FIRST_ROW + offset
        status = None
        try:
            status = _choice(wt[f"D{row}"].value, TASK_STATUS_LABELS)
        except ValueError:
            errors.append(
                CellError(
                    TASKS_SHEET,
                    row,
                    "D",
                    f"tình trạng “{_text(wt[f'D{row}'].value)}” không hợp lệ; chọn một trong: "
                    + ", ".join(TASK_STATUS_LABELS.values())
                    + ".",
                )
            )
        raw = wt[f"E{row}"].value
        pct_text = ""
        try:
            pct = _number(raw.rstrip("%") if isinstance(raw, str) else raw)
        except ValueError:
            pct = Decimal(-1)
        if pct is not None:
            if pct != pct.to_integral_value() or not 0 <= pct <= 100:
                errors.append(
                    CellError(
                        TASKS_SHEET,
                        row,
                        "E",
                        f"phần trăm hoàn thành phải là số nguyên từ 0 đến 100, không phải"
                        f" “{_text(raw)}”.",
                    )
                )
            else:
                pct_text = str(int(pct))
                if (status or titem.status) == TaskStatus.DONE and int(pct) != 100:
                    errors.append(
                        CellError(
                            TASKS_SHEET,
                            row,
                            "E",
                            "nhiệm vụ đã hoàn thành thì phần trăm hoàn thành là 100.",
                        )
                    )
        task_inputs[titem.task_id] = TaskInput(
            status=status, percent_done=pct_text, narrative=_text(wt[f"F{row}"].value)
        )
    if errors:
        raise WorkbookInvalid(errors)
    return figure_inputs, task_inputs, version


def _service_errors(
    exc: ValidationError, figures: list[SubmissionFigure], tasks: list[SubmissionTask]
) -> list[CellError]:
    """Map submission_save's keyed errors ("figure-<id>-<field>") back to cells."""
    figure_rows = {f.target_id: FIRST_ROW + i for i, f in enumerate(figures)}
    task_rows = {t.task_id: FIRST_ROW + i for i, t in enumerate(tasks)}
    figure_cols = {
        "value": "E",
        "year": "D",
        "figure_type": "F",
        "qualifier": "G",
        "source": "H",
        "note": "I",
        "correction_reason": "J",
    }
    task_cols = {"status": "D", "percent_done": "E", "narrative": "F"}
    result: list[CellError] = []
    for key, messages in getattr(exc, "message_dict", {"": exc.messages}).items():
        parts = key.split("-")
        message = messages[0] if messages else ""
        if len(parts) == 3 and parts[0] == "figure" and parts[1].isdigit():
            row = figure_rows.get(int(parts[1]))
            result.append(CellError(FIGURES_SHEET, row, figure_cols.get(parts[2], "A"), message))
        elif len(parts) == 3 and parts[0] == "task" and parts[1].isdigit():
            row = task_rows.get(int(parts[1]))
            result.append(CellError(TASKS_SHEET, row, task_cols.get(parts[2], "A"), message))
        else:
            result.append(CellError("", None, None, message))
    return result


def entry_workbook_apply(*, actor: Any, submission: Submission, data: bytes) -> WorkbookApplied:
    """Validate the uploaded workbook whole; when valid, save the unit's draft submission.

    The workbook is opened and checked outside any transaction; only `submission_save` writes,
    in its own short transaction, and its version check refuses a workbook made from a draft
    that changed meanwhile (issue 13: no lock-ups while a large file is read)."""
    require_unit_editor(actor, submission.unit_id)
    submission = Submission.objects.select_related("round__plan", "unit").get(pk=submission.pk)
    if submission.state not in EDITABLE_STATES:
        raise WorkbookInvalid(
            [
                CellError(
                    "",
                    None,
                    None,
                    f"Báo cáo đang ở trạng thái “{submission.get_state_display()}”, không sửa"
                    " được nữa.",
                )
            ]
        )
    figure_inputs, task_inputs, version = entry_workbook_read(submission=submission, data=data)
    figures, tasks = _entry_items(submission)
    try:
        saved = submission_save(
            actor=actor,
            submission=submission,
            version=version,
            figures=figure_inputs,
            tasks=task_inputs,
        )
    except ValidationError as exc:
        raise WorkbookInvalid(_service_errors(exc, figures, tasks)) from exc
    except StaleVersion as exc:
        raise WorkbookInvalid(
            [
                CellError(
                    "",
                    None,
                    None,
                    "Báo cáo đã được sửa sau khi tải mẫu này (phiên bản mẫu "
                    f"{version}, hiện tại {exc.current.version}). Hãy tải mẫu mới, nhập lại"
                    " và tải lên.",
                )
            ]
        ) from exc
    return WorkbookApplied(submission=saved, figures=len(figure_inputs), tasks=len(task_inputs))
