"""Excel: the targets export, and the data-entry workbook round trip with cell-by-cell errors."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from tests.reporting.conftest import SNN, SVH, sub_of
from tiendo.accounts.permissions import NotAllowed
from tiendo.evaluation import engine
from tiendo.evaluation.services import plan_evaluate
from tiendo.exports.workbook import (
    FIGURES_SHEET,
    FIRST_ROW,
    TASKS_SHEET,
    WorkbookInvalid,
    entry_workbook_apply,
    entry_workbook_xlsx,
    plan_targets_xlsx,
)
from tiendo.reporting.models import SubmissionFigure

pytestmark = pytest.mark.django_db


def test_targets_export_matches_the_evaluation(shared_figures):
    data = plan_targets_xlsx(plan=shared_figures, as_of_year=2025)
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Chỉ tiêu"]
    header = [c.value for c in ws[3]]
    assert header[:6] == ["STT", "Mã", "Chương trình", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu"]
    years = [str(y) for y in range(2020, 2026)]
    assert header[6:12] == years
    result = {e.code: e for e in plan_evaluate(plan=shared_figures, as_of_year=2025).evaluations}
    rows = {row[1]: row for row in ws.iter_rows(min_row=4, values_only=True)}
    assert set(rows) == set(result)
    for code, e in result.items():
        row = rows[code]
        assert row[13] == engine.STATUS_LABELS[e.status] and row[14] == str(e.status)
        assert row[15] == e.explanation
    assert Decimal(str(rows["5.6"][6 + 5])) == Decimal("2.32")
    assert Decimal(str(rows["1.1"][6 + 3])) == Decimal("4975")  # official beats estimate
    from tiendo.indicators.models import Figure

    assert wb["Số liệu đã chấp nhận"].max_row == 1 + Figure.objects.count()


def test_workbooks_print_on_a4_landscape_with_the_header_repeated(shared_figures, rnd, demo):
    targets = load_workbook(io.BytesIO(plan_targets_xlsx(plan=shared_figures, as_of_year=2025)))
    _, entry = entry_for(rnd, demo)
    sheets = [
        (targets["Chỉ tiêu"], "$3:$3"),
        (targets["Số liệu đã chấp nhận"], "$1:$1"),
        (entry[FIGURES_SHEET], f"${FIRST_ROW - 1}:${FIRST_ROW - 1}"),
        (entry[TASKS_SHEET], f"${FIRST_ROW - 1}:${FIRST_ROW - 1}"),
    ]
    for ws, title_rows in sheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == "9", ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_title_rows == title_rows, ws.title


def test_targets_export_colours_statuses_and_hides_internal_codes(shared_figures):
    ws = load_workbook(io.BytesIO(plan_targets_xlsx(plan=shared_figures, as_of_year=2025)))[
        "Chỉ tiêu"
    ]
    header = [c.value for c in ws[3]]
    status_col = header.index("Đánh giá") + 1
    code_col = header.index("Mã đánh giá") + 1
    assert ws.column_dimensions[ws.cell(row=3, column=code_col).column_letter].hidden
    assert not ws.column_dimensions[ws.cell(row=3, column=status_col).column_letter].hidden
    fills = {}
    for row in range(4, ws.max_row + 1):
        fills[ws.cell(row=row, column=status_col).value] = ws.cell(
            row=row, column=status_col
        ).fill.fgColor.rgb
    # Each status its badge's colour: achieved green, not achieved red, no data grey.
    assert fills["Đạt"].endswith("DAFBE1")
    assert fills["Không đạt"].endswith("FFE1DE")
    assert fills["Chưa có số liệu"].endswith("EAEEF2")
    # Rows as high as their wrapped text: the longest explanation is not cut to one line.
    assert max(ws.row_dimensions[r].height or 15 for r in range(4, ws.max_row + 1)) > 15


def entry_for(rnd: Any, demo: dict[str, Any], unit: str = SNN, user: str = "baocao.snn") -> Any:
    sub = sub_of(rnd, unit)
    return sub, load_workbook(io.BytesIO(entry_workbook_xlsx(actor=demo[user], submission=sub)))


def save(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_entry_workbook_structure(rnd, demo):
    sub, wb = entry_for(rnd, demo)
    ws = wb[FIGURES_SHEET]
    assert ws.protection.sheet is True
    assert [ws[f"A{FIRST_ROW + i}"].value for i in range(3)] == ["2.2", "2.3", "2.4"]
    assert ws[f"A{FIRST_ROW}"].protection.locked is True
    assert ws[f"E{FIRST_ROW}"].protection.locked is False
    kinds = {(dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert ("decimal", "0") in kinds
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("Số chính thức" in f for f in lists) and any("Khoảng" in f for f in lists)
    percent = [
        dv
        for dv in ws.data_validations.dataValidation
        if dv.type == "decimal" and dv.formula2 == "100"
    ]
    assert percent and f"E{FIRST_ROW + 1}" in str(percent[0].sqref)  # 2.3 is a %
    assert wb[TASKS_SHEET].protection.sheet is True
    assert wb["tiendo"].sheet_state == "veryHidden"
    assert wb.security.lockStructure
    # Another unit's reporter may not download it.
    with pytest.raises(NotAllowed):
        entry_workbook_xlsx(actor=demo["baocao.svhttdl"], submission=sub)


def test_round_trip_fills_the_draft(rnd, demo):
    sub, wb = entry_for(rnd, demo)
    ws = wb[FIGURES_SHEET]
    ws[f"E{FIRST_ROW}"] = 9150  # 2.2 ha/năm, typed as a number
    ws[f"F{FIRST_ROW}"] = "Số chính thức"
    ws[f"E{FIRST_ROW + 1}"] = "63,5"  # 2.3 %, typed the Vietnamese way
    ws[f"G{FIRST_ROW + 1}"] = "Khoảng"
    ws[f"H{FIRST_ROW + 1}"] = "Cục Thống kê"
    result = entry_workbook_apply(actor=demo["baocao.snn"], submission=sub, data=save(wb))
    assert result.submission.version == sub.version + 1
    figures = {
        f.target.code: f
        for f in SubmissionFigure.objects.filter(submission=sub).select_related("target")
    }
    assert figures["2.2"].value == Decimal("9150") and figures["2.2"].figure_type == "official"
    assert figures["2.3"].value == Decimal("63.5") and figures["2.3"].qualifier == "about"
    assert figures["2.3"].source == "Cục Thống kê"
    assert figures["2.4"].value is None
    # The same file again is refused: the draft changed since it was downloaded.
    with pytest.raises(WorkbookInvalid, match="Hãy tải mẫu mới"):
        entry_workbook_apply(actor=demo["baocao.snn"], submission=sub, data=save(wb))


def test_errors_are_named_by_cell_and_nothing_changes(rnd, demo):
    sub, wb = entry_for(rnd, demo)
    ws = wb[FIGURES_SHEET]
    ws[f"E{FIRST_ROW}"] = "nhiều"
    ws[f"E{FIRST_ROW + 1}"] = 120  # a percentage above 100
    ws[f"F{FIRST_ROW + 2}"] = "Số đoán"
    version = sub.version
    with pytest.raises(WorkbookInvalid) as info:
        entry_workbook_apply(actor=demo["baocao.snn"], submission=sub, data=save(wb))
    messages = info.value.messages
    assert messages[0].startswith(
        f"Trang “Số liệu”, dòng {FIRST_ROW}, cột E: “nhiều” không phải là số"
    )
    assert messages[1].startswith(
        f"Trang “Số liệu”, dòng {FIRST_ROW + 1}, cột E: tỷ lệ (%) phải từ 0 đến 100"
    )
    assert messages[2].startswith(
        f"Trang “Số liệu”, dòng {FIRST_ROW + 2}, cột F: loại số liệu “Số đoán”"
    )
    assert len(messages) == 3
    sub.refresh_from_db()
    assert sub.version == version
    assert not SubmissionFigure.objects.filter(submission=sub, value__isnull=False).exists()


def test_refusals(rnd, demo):
    sub, wb = entry_for(rnd, demo)
    with pytest.raises(WorkbookInvalid, match="không phải sổ Excel"):
        entry_workbook_apply(actor=demo["baocao.snn"], submission=sub, data=b"not excel")
    _other, other_wb = entry_for(rnd, demo, SVH, "baocao.svhttdl")
    with pytest.raises(WorkbookInvalid, match="mẫu của báo cáo khác"):
        entry_workbook_apply(actor=demo["baocao.snn"], submission=sub, data=save(other_wb))
    with pytest.raises(NotAllowed):
        entry_workbook_apply(actor=demo["baocao.svhttdl"], submission=sub, data=save(wb))
    with pytest.raises(NotAllowed):
        entry_workbook_apply(actor=demo["theodoi"], submission=sub, data=save(wb))


def test_upload_page(rnd, demo, client):
    sub, wb = entry_for(rnd, demo)
    client.force_login(demo["baocao.snn"])
    download = client.get(f"/bao-cao/{sub.pk}/mau-nhap-lieu.xlsx")
    assert download.status_code == 200
    # Saved under a Vietnamese name (RFC 6266), with an ASCII name for old clients.
    disposition = download["Content-Disposition"]
    assert disposition.startswith('attachment; filename="nhap-so-lieu-')
    assert "filename*=UTF-8''" + quote("Nhập số liệu - ") in disposition
    wb = load_workbook(io.BytesIO(download.content))
    wb[FIGURES_SHEET][f"E{FIRST_ROW + 1}"] = "abc"
    bad = client.post(
        f"/bao-cao/{sub.pk}/tai-len-excel/", {"file": io.BytesIO(save(wb))}, format="multipart"
    )
    assert bad.status_code == 422
    assert f"dòng {FIRST_ROW + 1}, cột E" in bad.content.decode()
    wb[FIGURES_SHEET][f"E{FIRST_ROW + 1}"] = 64
    upload = io.BytesIO(save(wb))
    upload.name = "nhap-lieu.xlsx"
    ok = client.post(f"/bao-cao/{sub.pk}/tai-len-excel/", {"file": upload})
    assert ok.status_code == 302
    assert SubmissionFigure.objects.get(submission=sub, target__code="2.3").value == Decimal("64")


def test_open_data(shared_figures, client, settings):
    csv_response = client.get("/du-lieu-mo/lang-son-2020-2025/so-lieu.csv")
    assert csv_response.status_code == 200
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("plan,program,target_code,indicator,unit,year,value")
    assert any(",5.6," in line and ",2.32," in line for line in lines)
    data = client.get("/du-lieu-mo/lang-son-2020-2025/so-lieu.json").json()
    assert data["plan"]["code"] == "lang-son-2020-2025"
    assert len(data["figures"]) == len(lines) - 1
    settings.TIENDO_OPEN_DATA_PUBLIC = False
    assert client.get("/du-lieu-mo/lang-son-2020-2025/so-lieu.json").status_code == 302
