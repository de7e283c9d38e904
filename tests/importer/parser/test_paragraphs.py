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


def test_dat_at_the_end_of_a_line_and_its_number_on_the_next_are_one_paragraph() -> None:
    """A PDF or a narrow column wraps "… đến năm 2025 đạt" / "150 triệu đồng": the number is the
    end of the sentence, not a paragraph of its own (and "giảm còn dưới" keeps its "dưới")."""
    paras = build_paragraphs(
        [
            (3, "- Thu nhập bình quân đầu người đến năm 2025 đạt"),
            (4, "150 triệu đồng/người/năm."),
            (5, "- Tỷ lệ hộ nghèo giảm còn dưới"),
            (6, "0,5%; có 100% khu phố đạt chuẩn văn minh đô thị."),
            (7, "- Số xã đạt chuẩn"),  # no word that asks for a number: a line of its own
            (8, "12 xã trong năm 2021."),
        ]
    )
    assert [p.lines for p in paras] == [[3, 4], [5, 6], [7], [8]]
    assert paras[1].text == (
        "- Tỷ lệ hộ nghèo giảm còn dưới 0,5%; có 100% khu phố đạt chuẩn văn minh đô thị."
    )
