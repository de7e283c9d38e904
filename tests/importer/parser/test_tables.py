"""Stage 3d, tables: targets written as rows of a table."""

from __future__ import annotations

from decimal import Decimal

from tiendo.importer.parser import parse_plan_text
from tiendo.importer.parser.lines import Para
from tiendo.importer.parser.tables import TableReader
from tiendo.importer.parser.title_block import PlanYears

YEARS = PlanYears(to_year=2025, period_start=2021)


def row(text: str, line: int = 7) -> Para:
    return Para([line], [0], text)


def test_the_header_sets_the_columns_and_the_year() -> None:
    table = TableReader(YEARS)
    assert table.row(row("1 | GRDP | % | 7")) is None  # no header yet: read as prose
    assert table.row(row("STT | Chỉ tiêu | Đơn vị | Thực hiện 2020 | Mục tiêu 2030")) == []
    [growth] = table.row(row("1 | Tốc độ tăng trưởng GRDP bình quân | %/năm | 6 | 7-7,5")) or []
    assert (growth.kind, growth.comparator, growth.value, growth.value_high) == (
        "avg_growth",
        "range",
        Decimal(7),
        Decimal("7.5"),
    )
    assert (growth.unit, growth.from_year, growth.to_year, growth.line) == ("%/năm", 2021, 2030, 7)
    assert growth.indicator == "Tốc độ tăng trưởng GRDP bình quân"
    assert growth.source_text == "1 | Tốc độ tăng trưởng GRDP bình quân | %/năm | 6 | 7-7,5"


def test_rows_read_like_prose() -> None:
    table = TableReader(YEARS)
    table.row(row("STT | Chỉ tiêu | Đơn vị | Thực hiện 2020 | Mục tiêu 2030"))
    brief = {}
    for text in [
        "2 | Tỷ lệ hộ nghèo | % | 5 | 2",
        "3 | Thu nhập | triệu đồng | 40 | trên 60",
        "6 | Duy trì tỷ lệ trẻ đến trường | % | 98 | 99",
    ]:
        [target] = table.row(row(text)) or []
        brief[target.indicator] = (target.kind, target.comparator, target.value)
    assert brief == {
        "Tỷ lệ hộ nghèo": ("level", "le", Decimal(2)),  # less is better
        "Thu nhập": ("level", "gt", Decimal(60)),
        "Duy trì tỷ lệ trẻ đến trường": ("maintain", "ge", Decimal(99)),
    }
    assert table.row(row("4 | Độ che phủ rừng | % | 60")) is None  # no value column
    assert table.row(row("5 | Ghi chú | | | không")) is None  # no number
    assert table.row(row("Một dòng không phải bảng")) is None


def test_a_table_without_a_unit_column_or_a_year() -> None:
    table = TableReader(YEARS)
    assert table.row(row("STT | Nội dung | Kế hoạch")) == []
    [target] = table.row(row("1 | Số doanh nghiệp | 1.200", line=9)) or []
    assert (target.value, target.unit, target.to_year, target.line) == (Decimal(1200), "", 2025, 9)


PASTED = """\
ỦY BAN NHÂN DÂN XÃ AN BÌNH
KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI 5 NĂM 2026 - 2030

CÁC CHỈ TIÊU CHỦ YẾU
STT\tChỉ tiêu\tĐơn vị tính\tNăm 2030
1\tTốc độ tăng trưởng giá trị sản xuất bình quân\t%/năm\t9-10
2\tThu nhập bình quân đầu người\tTriệu đồng\t95
3\tTỷ lệ hộ nghèo\t%\t< 1
4\tĐường giao thông nông thôn được cứng hóa tăng thêm\tkm\t12
"""


def test_a_table_pasted_from_word_with_tabs_is_read_row_by_row() -> None:
    """Before, its numbers were read as prose: "3 Tỷ" became 3 billion and a row was lost."""
    brief = [
        (t["kind"], t["comparator"], t["value"], t["value_high"], t["unit"], t["to_year"])
        for t in parse_plan_text(text=PASTED).document["targets"]
    ]
    assert brief == [
        ("avg_growth", "range", "9", "10", "%/năm", 2030),
        ("level", "ge", "95", None, "Triệu đồng", 2030),
        ("level", "lt", "1", None, "%", 2030),
        ("increase", "ge", "12", None, "km", 2030),
    ]
    markdown = "\n".join(
        f"| {line.replace(chr(9), ' | ')} |" if "\t" in line else line
        for line in PASTED.splitlines()
    )
    markdown = markdown.replace("| STT", "| STT", 1).replace(
        "Năm 2030 |", "Năm 2030 |\n|---|---|---|---|", 1
    )
    again = parse_plan_text(text=markdown).document["targets"]
    assert [(t["kind"], t["value"]) for t in again] == [(b[0], b[2]) for b in brief]


def test_an_empty_cell_keeps_its_column() -> None:
    table = TableReader(YEARS)
    table.row(row("STT | Chỉ tiêu | Đơn vị | Mục tiêu 2025"))
    [count] = table.row(row("4 | Số xã đạt chuẩn nông thôn mới | | 6")) or []
    assert (count.value, count.unit) == (Decimal(6), "")
