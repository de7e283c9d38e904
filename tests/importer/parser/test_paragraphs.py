"""Stage 2b, paragraphs: a paragraph cut by a page break is joined back, nothing else is."""

from __future__ import annotations

from tiendo.importer.parser.paragraphs import build_paragraphs, is_value_line


def test_a_page_break_inside_a_sentence_is_mended() -> None:
    [p] = build_paragraphs([(51, "- Phát triển kinh tế trang"), (52, "trại theo hướng liên kết.")])
    assert p.text == "- Phát triển kinh tế trang trại theo hướng liên kết."
    assert (p.lines, p.starts) == ([51, 52], [0, 27])
    assert (p.marker, p.body) == ("-", "Phát triển kinh tế trang trại theo hướng liên kết.")
    assert p.line_at(p.text.index("trại")) == 52


def test_a_long_line_without_a_stop_goes_on_even_before_a_capital() -> None:
    [p] = build_paragraphs(
        [
            (6, "Một đoạn văn khá dài không có dấu chấm ở cuối dòng này vì ngắt"),
            (7, "Trang mới Viết hoa"),
        ]
    )
    assert p.lines == [6, 7]


def test_what_is_not_joined() -> None:
    paras = build_paragraphs(
        [
            (1, "- Độ che phủ rừng đạt 65%."),  # ended
            (2, "tiếp theo viết thường"),
            (3, "- Mục hai"),  # a list item
            (4, "1.1. Mục tiêu cụ thể"),  # a heading: the line after it is not its title
            (5, "tiếp theo"),
            (6, "II- TỔ CHỨC"),  # a roman heading
            (7, "THỰC HIỆN"),
            (8, "Ngắn"),  # short, and the next line starts in capitals
            (9, "Dòng khác"),
        ]
    )
    assert [p.lines for p in paras] == [[1], [2], [3], [4], [5], [6], [7], [8], [9]]
    assert [(p.marker, p.number) for p in paras[3:6]] == [("num", "1.1"), ("", ""), ("roman", "II")]


def test_a_line_that_is_only_a_value_is_the_value_of_the_line_before() -> None:
    # the text of an infographic: the indicator on one line, its value under it
    first, second = build_paragraphs(
        [
            (5, "Tốc độ đổi mới công nghệ ;"),
            (6, "> 20%"),
            (7, "Tỷ lệ bao phủ bảo hiểm y tế"),
            (8, ">95%"),
        ]
    )
    assert first.text == "Tốc độ đổi mới công nghệ > 20%"
    assert (first.lines, first.line_at(first.text.index(">"))) == ([5, 6], 6)
    assert second.text == "Tỷ lệ bao phủ bảo hiểm y tế >95%"


def test_what_is_a_value_line() -> None:
    assert is_value_line(">90%")
    assert is_value_line("≥ 95 %")
    assert is_value_line("trên 20 nghìn lao động")
    assert not is_value_line("12")  # a page number
    assert not is_value_line("1. Mục đích")  # a heading
    assert not is_value_line("2025 tỷ đồng")
