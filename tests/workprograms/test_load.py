"""`tiendo workprogram load|show|export`: the sample spreadsheet loads and round-trips (load →
show --json → export → load → the same); a bad file is refused whole with the row and column
of its first error, in Vietnamese, and the database is unchanged."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit
from tiendo.plans.models import ImplementingDocument, Program
from tiendo.plans.services import DocumentInput, implementing_document_record
from tiendo.workprograms.models import WorkProgram, WorkProgramItem

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "docs" / "samples" / "chuong-trinh-cong-tac-2022.xlsx"
PLAN = "lang-son-2020-2025"
HEADER_ROW = 4  # the sample's header row; item n is on row HEADER_ROW + n

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("workprogram", *args, stdout=out)
    return out.getvalue()


def load(path: Path, year: int = 2022) -> str:
    return run("load", str(path), "--plan", PLAN, "--year", str(year))


def show_json(year: int = 2022) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        run("show", "--plan", PLAN, "--year", str(year), "--json")
    )
    return document


def state() -> tuple[int, ...]:
    return (
        WorkProgram.objects.count(),
        WorkProgramItem.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_sample_loads_with_what_each_row_says(builtin_plan: Any) -> None:
    out = load(SAMPLE)
    assert "Đã nạp chương trình công tác năm 2022 (17 nội dung" in out
    doc = show_json()
    assert doc["title"].endswith("(DỮ LIỆU MẪU)")
    assert [i["number"] for i in doc["items"]] == list(range(1, 18))
    second = doc["items"][1]
    assert second["programs"] == [1]
    assert second["targets"] == ["1.1", "1.2", "1.3"]
    assert second["tasks"] == ["NV1.1", "NV1.2"]
    assert second["preparing_unit"]["code"] == "ban-can-su-dang-uy-ban-nhan-dan-tinh"
    assert [u["code"] for u in second["coordinating_units"]] == [
        "cac-ban-dang-tinh-uy",
        "cac-so-ban-nganh-tinh",
    ]
    assert second["due"] == {"month": 1, "quarter": None, "label": "Tháng 1"}
    assert second["considered_by"]["code"] == "btv"
    assert doc["items"][3]["due"] == {"month": None, "quarter": 1, "label": "Quý I"}
    postponed = doc["items"][6]
    assert postponed["outcome"]["code"] == "postponed"
    assert postponed["reason"].startswith("Lùi sang tháng 9")
    assert doc["items"][10]["outcome"]["code"] == "dropped"
    assert doc["items"][11]["considered_by"]["code"] == "tt"
    entry = AuditEntry.objects.get(object_type="workprograms.workprogram")
    assert entry.changes["items"] == {"before": 0, "after": 17}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_load_show_export_load_round_trips(builtin_plan: Any, tmp_path: Path, fmt: str) -> None:
    load(SAMPLE)
    first = show_json()
    exported = tmp_path / f"xuat.{fmt}"
    run("export", "--plan", PLAN, "--year", "2022", "--format", fmt, "-o", str(exported))
    WorkProgram.objects.all().delete()
    load(exported)
    assert show_json() == first
    # Loading the same file again changes no item.
    again = load(exported)
    assert "thêm 0, sửa 0, bỏ 0" in again
    assert show_json() == first


def test_the_word_table_is_landscape_a4_with_a_repeated_header_row(
    builtin_plan: Any, tmp_path: Path
) -> None:
    load(SAMPLE)
    path = tmp_path / "ctct.docx"
    run(
        "export",
        "--plan",
        PLAN,
        "--year",
        "2022",
        "--format",
        "docx",
        "-o",
        str(path),
        "--date",
        "2022-01-10",
    )
    word = Document(str(path))
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.cm, 1) == 29.7 and round(section.page_height.cm, 1) == 21.0
    (table,) = word.tables[1:]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells][:3] == ["TT", "Nội dung", "Cơ quan chủ trì chuẩn bị"]
    texts = [row.cells[1].text for row in table.rows]
    assert "Đề án phát triển kinh tế cửa khẩu" in texts[texts.index("THÁNG 1") + 2]
    body = "\n".join(p.text for p in word.paragraphs)
    assert "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2022" in body
    outcomes = [row.cells[7].text for row in table.rows]
    assert any(t.startswith("Lùi thời gian: Lùi sang tháng 9") for t in outcomes)
    top = word.tables[0].rows[0].cells
    assert "TỈNH ỦY LẠNG SƠN" in top[0].text
    assert "Lạng Sơn, ngày 10 tháng 01 năm 2022" in top[1].text


# --- Bad files --------------------------------------------------------------------------------


def _edited(tmp_path: Path, edit: Callable[[Any], None], name: str = "sai.xlsx") -> Path:
    wb = load_workbook(SAMPLE)
    edit(wb.active)
    path = tmp_path / name
    wb.save(path)
    return path


def _set(cell: str, value: Any) -> Callable[[Any], None]:
    def edit(ws: Any) -> None:
        ws[cell] = value

    return edit


def _drop_column(letter: str) -> Callable[[Any], None]:
    def edit(ws: Any) -> None:
        ws.delete_cols(ord(letter) - ord("A") + 1)

    return edit


def _row(n: int) -> int:
    return HEADER_ROW + n


BAD = [
    ("missing column", _drop_column("H"), f"Dòng {HEADER_ROW}: thiếu cột “Cấp xem xét”"),
    (
        "bad month",
        _set(f"G{_row(3)}", "Tháng 13"),
        f"Dòng {_row(3)}, cột G (Thời gian trình): không có tháng 13",
    ),
    (
        "bad period",
        _set(f"G{_row(5)}", "giữa năm"),
        f"Dòng {_row(5)}, cột G (Thời gian trình): thời gian trình “giữa năm” không đúng",
    ),
    (
        "unknown unit",
        _set(f"E{_row(2)}", "Sở Không Có"),
        f"Dòng {_row(2)}, cột E (Cơ quan chủ trì chuẩn bị): không có đơn vị “Sở Không Có”",
    ),
    (
        "unknown coordinating unit",
        _set(f"F{_row(4)}", "Các ban xây dựng đảng Tỉnh ủy; Ban Ma"),
        f"Dòng {_row(4)}, cột F (Cơ quan phối hợp): không có đơn vị “Ban Ma”",
    ),
    (
        "group preparing",
        _set(f"E{_row(4)}", "Các cơ quan liên quan"),
        f"Dòng {_row(4)}, cột E (Cơ quan chủ trì chuẩn bị): “Các cơ quan liên quan” là nhóm cơ quan",
    ),
    (
        "unknown program",
        _set(f"C{_row(6)}", "6, 9"),
        f"Dòng {_row(6)}, cột C (Chương trình): không có chương trình 9",
    ),
    (
        "not a program number",
        _set(f"C{_row(6)}", "sáu"),
        f"Dòng {_row(6)}, cột C (Chương trình): “sáu” không phải số chương trình",
    ),
    (
        "unknown target",
        _set(f"D{_row(2)}", "1.1, 9.9"),
        f"Dòng {_row(2)}, cột D (Chỉ tiêu, nhiệm vụ): không có chỉ tiêu hay nhiệm vụ “9.9”",
    ),
    (
        "empty content",
        _set(f"B{_row(8)}", None),
        f"Dòng {_row(8)}, cột B (Nội dung): nội dung không được để trống",
    ),
    (
        "bad considering body",
        _set(f"H{_row(9)}", "Quốc hội"),
        f"Dòng {_row(9)}, cột H (Cấp xem xét): cấp xem xét “Quốc hội” không đúng",
    ),
    (
        "duplicate number",
        _set(f"A{_row(10)}", 9),
        f"Dòng {_row(10)}, cột A (STT): số thứ tự 9 đã dùng ở dòng {_row(9)}",
    ),
    (
        "bad number",
        _set(f"A{_row(10)}", "mười"),
        f"Dòng {_row(10)}, cột A (STT): số thứ tự “mười” phải là số nguyên dương",
    ),
    (
        "postponed without reason",
        _set(f"K{_row(7)}", None),
        f"Dòng {_row(7)}, cột K (Lý do): lùi thời gian hay không thực hiện thì ghi lý do",
    ),
    (
        "issued without document",
        _set(f"I{_row(1)}", "Đã ban hành"),
        f"Dòng {_row(1)}, cột J (Văn bản ban hành): đã ban hành thì ghi số văn bản",
    ),
    (
        "document not in the register",
        _set(f"J{_row(1)}", "99-NQ/TU"),
        f"Dòng {_row(1)}, cột J (Văn bản ban hành): văn bản “99-NQ/TU” chưa có trong sổ văn bản triển khai",
    ),
    (
        "bad outcome",
        _set(f"I{_row(2)}", "Tạm hoãn"),
        f"Dòng {_row(2)}, cột I (Kết quả): kết quả “Tạm hoãn” không đúng",
    ),
    (
        "a reason without an outcome",
        _set(f"K{_row(2)}", "Chưa kịp"),
        f"Dòng {_row(2)}, cột K (Lý do): chưa có kết quả thì không ghi lý do",
    ),
]


@pytest.mark.parametrize(("case", "edit", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_is_refused_whole_with_row_and_column(
    builtin_plan: Any, tmp_path: Path, case: str, edit: Callable[[Any], None], message: str
) -> None:
    path = _edited(tmp_path, edit)
    before = state()
    with pytest.raises(CommandError) as caught:
        load(path)
    text = str(caught.value)
    assert text.startswith("Tệp bị từ chối, không có gì thay đổi."), text
    assert message in text, text
    assert state() == before


def test_a_bad_csv_is_refused_with_its_line_and_column(builtin_plan: Any, tmp_path: Path) -> None:
    path = tmp_path / "ctct.csv"
    path.write_text(
        "STT;Nội dung;Chương trình;Chỉ tiêu, nhiệm vụ;Cơ quan chủ trì chuẩn bị;Cơ quan phối hợp;"
        "Thời gian trình;Cấp xem xét\n"
        "1;Báo cáo quý I;1;;Văn phòng Tỉnh ủy;;Quý I;BTV\n"
        "2;Báo cáo quý II;1;;Văn phòng Tỉnh ủy;;Quý V;BTV\n",
        encoding="utf-8",
    )
    before = state()
    with pytest.raises(CommandError) as caught:
        load(path)
    assert "Dòng 3, cột G (Thời gian trình): thời gian trình “Quý V” không đúng" in str(
        caught.value
    )
    assert state() == before


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("ctct.xlsx", b"khong phai excel", "Tệp không phải sổ Excel (.xlsx) đọc được."),
        ("ctct.ods", b"x", "Chỉ nhận tệp .xlsx hoặc .csv."),
        ("ctct.csv", "Một;Hai\n1;2\n".encode(), "Không thấy dòng tiêu đề của bảng"),
        ("ctct.csv", b"\xff\xfe\x00", "Tệp CSV phải ở mã UTF-8."),
    ],
)
def test_files_that_are_not_the_table_are_refused(
    builtin_plan: Any, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        load(path)
    assert words in str(caught.value)
    assert state()[:2] == (0, 0)


def test_a_year_outside_the_plan_term_is_refused(builtin_plan: Any) -> None:
    with pytest.raises(CommandError) as caught:
        load(SAMPLE, year=2030)
    assert "Năm 2030 nằm ngoài nhiệm kỳ của chương trình hành động (2020–2025)" in str(caught.value)


# --- Reloading keeps what the office recorded ---------------------------------------------------


def _register(plan: Any, number: str, date: dt.date) -> ImplementingDocument:
    return implementing_document_record(
        actor=None,
        plan=plan,
        data=DocumentInput(
            unit=OrgUnit.objects.get(code="ban-can-su-dang-uy-ban-nhan-dan-tinh"),
            kind="project",
            number=number,
            date=date,
            title="Đề án phát triển kinh tế cửa khẩu",
            programs=[Program.objects.get(plan=plan, number=1)],
        ),
        today=dt.date(2026, 1, 1),
        check_actor=False,
    )


def test_an_issued_outcome_names_a_register_entry_and_a_reload_keeps_it(
    builtin_plan: Any, tmp_path: Path
) -> None:
    _register(builtin_plan, "15-ĐA/TU", dt.date(2022, 2, 10))
    path = _edited(tmp_path, _set(f"J{_row(2)}", "15-ĐA/TU"))
    load(path)
    item = show_json()["items"][1]
    assert item["outcome"]["code"] == "issued"
    assert (item["document"]["number"], item["document"]["date"]) == ("15-ĐA/TU", "2022-02-10")
    # The sample again (its outcome cell is empty): the recorded outcome stays.
    load(SAMPLE)
    assert show_json()["items"][1]["outcome"]["code"] == "issued"
    # A second document with the same number (next year): the file must give the date.
    _register(builtin_plan, "15-ĐA/TU", dt.date(2023, 3, 1))
    ambiguous = _edited(tmp_path, _set(f"J{_row(2)}", "15-ĐA/TU"), "hai.xlsx")
    with pytest.raises(CommandError) as caught:
        load(ambiguous)
    assert "có nhiều văn bản số “15-ĐA/TU”; ghi kèm ngày" in str(caught.value)
    dated = _edited(tmp_path, _set(f"J{_row(2)}", "15-ĐA/TU (01/03/2023)"), "ngay.xlsx")
    load(dated)
    assert show_json()["items"][1]["document"]["date"] == "2023-03-01"


def test_an_item_with_an_outcome_cannot_be_left_out_of_a_reload(
    builtin_plan: Any, tmp_path: Path
) -> None:
    load(SAMPLE)

    def drop_item_7(ws: Any) -> None:
        ws.delete_rows(_row(7))

    path = _edited(tmp_path, drop_item_7)
    before = state()
    with pytest.raises(CommandError) as caught:
        load(path)
    assert "Nội dung số 7" in str(caught.value) and "không thể bỏ" in str(caught.value)
    assert state() == before

    def drop_item_8(ws: Any) -> None:
        ws.delete_rows(_row(8))

    out = load(_edited(tmp_path, drop_item_8, "bo-8.xlsx"))
    assert "bỏ 1" in out
    assert [i["number"] for i in show_json()["items"]] == [n for n in range(1, 18) if n != 8]
