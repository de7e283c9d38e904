"""Stage 1, reading lines: cleaning, numbering, list markers, the paragraph record, placement."""

from __future__ import annotations

import unicodedata

import pytest

from tiendo.importer.parser.lines import (
    Para,
    Placement,
    clean_line,
    is_caps,
    marker,
    normalize,
    read_lines,
    table_row,
)


def test_latex_and_ascii_comparators_are_made_plain() -> None:
    assert normalize(r"giảm $\geq 5\%$") == "giảm ≥ 5%"
    assert normalize("tỷ lệ <= 3%") == "tỷ lệ ≤ 3%"


def test_clean_line_makes_one_spelling_of_what_editors_write() -> None:
    decomposed = unicodedata.normalize("NFD", "  **Mục tiêu**  cụ\u00a0thể\ufeff ")
    assert clean_line(decomposed) == "Mục tiêu cụ thể"
    assert clean_line("*Đến năm 2025*: đạt $\\geq 5\\%$") == "Đến năm 2025: đạt ≥ 5%"
    assert clean_line("__Chương trình 1__:\tKinh tế") == "Chương trình 1: Kinh tế"


def test_lines_of_any_system_are_numbered_from_one() -> None:
    source = read_lines("a\r\nb\rc\n\n  d  ")
    assert source.raw == ["a", "b", "c", "", "  d  "]
    assert source.clean == ["a", "b", "c", "", "d"]
    assert source.numbered(0, 5) == [(1, "a"), (2, "b"), (3, "c"), (5, "d")]
    assert source.numbered(1, 3) == [(2, "b"), (3, "c")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(1) Tốc độ tăng trưởng", ("enum", "1", 4)),
        ("I- CÁC CHƯƠNG TRÌNH", ("roman", "I", 3)),
        ("II. Nhiệm vụ", ("roman", "II", 4)),
        ("IV-Tổ chức thực hiện", ("roman", "IV", 3)),
        ("a) Mục tiêu", ("letter", "a", 3)),
        ("1.1. Mục tiêu cụ thể", ("num", "1.1", 5)),
        ("2) Thu ngân sách", ("num", "2", 3)),
        ("3. Xây dựng", ("num", "3", 3)),
        ("- Độ che phủ rừng", ("-", "", 2)),
        ("• Tỷ lệ hộ nghèo", ("•", "", 2)),
        ("+ Ưu tiên cây cam", ("+", "", 2)),
        ("– Cứng hóa thêm 15 km đường", ("–", "", 2)),
        ("* Về kinh tế", ("*", "", 2)),
        ("➢ Tỷ lệ hộ nghèo", ("➢", "", 2)),
        # an infographic's icon read as "0" or "o" before a capital is a bullet
        ("0 Thu ngân sách đạt 28 nghìn tỷ đồng", ("-", "", 2)),
        ("o Tỷ lệ che phủ rừng", ("-", "", 2)),
        ("0 giờ", ("", "", 0)),
        # numbers that start a sentence are no list markers
        ("12.500 tấn thóc", ("", "", 0)),
        ("2025 là năm về đích", ("", "", 0)),
        ("Độ che phủ rừng", ("", "", 0)),
    ],
)
def test_list_markers(line: str, expected: tuple[str, str, int]) -> None:
    assert marker(line) == expected


def test_capitals() -> None:
    assert is_caps("CHƯƠNG TRÌNH HÀNH ĐỘNG")
    assert is_caps("NGHỊ QUYẾT số 5")  # mostly capitals
    assert is_caps("UBND")
    assert not is_caps("Chương trình")
    assert not is_caps("ABC")  # too short to tell


def test_a_paragraph_knows_the_line_of_each_piece() -> None:
    p = Para(
        lines=[7, 8],
        starts=[0, 27],
        text="- Phát triển kinh tế trang trại theo hướng",
        marker="-",
        body_at=2,
    )
    assert p.body == "Phát triển kinh tế trang trại theo hướng"
    assert p.line_at(0) == 7
    assert p.line_at(26) == 7
    assert p.line_at(27) == 8
    assert p.line_at(40) == 8


def test_the_first_stage_to_place_a_line_keeps_it() -> None:
    placement = Placement()
    placement.mark([3, 4], "target")
    placement.mark(4, "assignment")
    placement.mark(5, "task")
    assert placement.lines == {3: "target", 4: "target", 5: "task"}
    assert 4 in placement
    assert 6 not in placement


def test_a_table_pasted_with_tabs_or_as_markdown_is_a_row_of_cells() -> None:
    assert table_row("1\tTỷ lệ hộ nghèo\t%\t< 1") == "1 | Tỷ lệ hộ nghèo | % | < 1"
    assert table_row("4\tSố xã\t\t6") == "4 | Số xã |  | 6"  # an empty cell keeps its column
    assert table_row("| 2 | Thu nhập | triệu đồng | 95 |") == "2 | Thu nhập | triệu đồng | 95"
    assert table_row("|---|:--:|---:|") == ""
    # a list item typed with a tab, and prose, stay as they are
    assert table_row("1.\tTốc độ tăng trưởng đạt 8%") == "1.\tTốc độ tăng trưởng đạt 8%"
    assert table_row("Tỷ lệ | tỷ suất") == "Tỷ lệ | tỷ suất"
    assert clean_line("3\tTỷ lệ hộ nghèo\t%\t< 1") == "3 | Tỷ lệ hộ nghèo | % | < 1"
    assert clean_line("1.\tTốc độ tăng trưởng đạt 8%") == "1. Tốc độ tăng trưởng đạt 8%"
