"""Stage 2b, paragraphs: a paragraph cut by a page break is joined back, nothing else is."""

from __future__ import annotations

from tiendo.importer.parser.paragraphs import build_paragraphs


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
