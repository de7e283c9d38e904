"""Stage 2a, headings: which paragraphs are headings, of what level, opening what section."""

from __future__ import annotations

import pytest

from tiendo.importer.parser.headings import (
    INLINE_LABEL_RE,
    PROGRAM_RE,
    Heading,
    heading,
    heading_like_program,
    program_number,
    section_type,
    starts_new,
)
from tiendo.importer.parser.lines import Para, marker


def para(text: str) -> Para:
    kind, number, body_at = marker(text)
    return Para([1], [0], text, kind, number, body_at)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I- MỤC TIÊU", Heading(0, "targets", "MỤC TIÊU")),
        ("II. NHIỆM VỤ, GIẢI PHÁP", Heading(0, "tasks", "NHIỆM VỤ, GIẢI PHÁP")),
        ("III- TỔ CHỨC THỰC HIỆN", Heading(0, "org", "TỔ CHỨC THỰC HIỆN")),
        ("1. Mục tiêu tổng quát", Heading(1, "other", "Mục tiêu tổng quát")),
        ("1.1. Mục tiêu cụ thể", Heading(2, "targets", "Mục tiêu cụ thể")),
        ("2.2. Nhiệm vụ, giải pháp", Heading(2, "tasks", "Nhiệm vụ, giải pháp")),
        ("a) Các chỉ tiêu chủ yếu", Heading(6, "targets", "Các chỉ tiêu chủ yếu")),
        ("Các chỉ tiêu chủ yếu", Heading(None, "targets", "Các chỉ tiêu chủ yếu")),
        ("Ba khâu đột phá", Heading(None, "breakthroughs", "Ba khâu đột phá")),
        ("Quan điểm", Heading(None, "other", "Quan điểm")),
        ("CÁC CHƯƠNG TRÌNH CỤ THỂ", Heading(0, "unknown", "CÁC CHƯƠNG TRÌNH CỤ THỂ")),
        (
            "2. Tập trung phát triển nông nghiệp hàng hóa",
            Heading(1, "unknown", "Tập trung phát triển nông nghiệp hàng hóa"),
        ),
        ("1.", Heading(1, "unknown", "")),  # the number alone, the title on the next line
    ],
)
def test_headings(text: str, expected: Heading) -> None:
    assert heading(para(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1. Độ che phủ rừng đạt 65%.",  # a numbered target
        "- Độ che phủ rừng đạt 65%.",
        "Đến năm 2025 tỷ lệ đạt 65%",  # a number: body text
        "STT | Chỉ tiêu | Đơn vị",  # a table row
    ],
)
def test_body_text_is_no_heading(text: str) -> None:
    assert heading(para(text)) is None


def test_section_type_ignores_the_numbering() -> None:
    assert section_type("IV. Các nhiệm vụ và giải pháp chủ yếu:") == "tasks"
    assert section_type("2.1 Một số chỉ tiêu cụ thể") == "targets"
    assert section_type("Mục tiêu chung") == "other"
    assert section_type("Kết quả thực hiện") == "other"
    assert section_type("Phát triển du lịch") == "unknown"


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("Chương trình 1: Kinh tế", 1, "Kinh tế"),
        ("Chương trình thứ ba - Du lịch", 3, "Du lịch"),
        ("chương trình số 2. Xây dựng Đảng", 2, "Xây dựng Đảng"),
    ],
)
def test_program_headings(text: str, number: int, title: str) -> None:
    match = PROGRAM_RE.match(text)
    assert match is not None
    assert (program_number(match["n"]), match["title"]) == (number, title)


def test_a_program_heading_is_short() -> None:
    assert PROGRAM_RE.match("Chương trình hành động") is None
    assert heading_like_program(para("Chương trình 1: Kinh tế"))
    assert not heading_like_program(para("Chương trình 1: " + "rất dài " * 30))


def test_inline_labels() -> None:
    match = INLINE_LABEL_RE.match("Mục tiêu: Đến năm 2025, có 50 nhà văn hóa.")
    assert match is not None and (match["label"], match.end()) == ("Mục tiêu", 10)
    match = INLINE_LABEL_RE.match("Nhiệm vụ, giải pháp: Hoàn thiện hạ tầng")
    assert match is not None and match["label"] == "Nhiệm vụ, giải pháp"
    assert INLINE_LABEL_RE.match("Mục tiêu cụ thể") is None  # a heading, not a label


@pytest.mark.parametrize(
    ("line", "new"),
    [
        ("trại theo hướng liên kết", False),
        ("Đây là câu thường, dài hơn mười hai chữ và có chữ nhiệm vụ giải pháp ở giữa", False),
        ("- Trồng rừng", True),
        ("STT | Chỉ tiêu", True),
        ("Mục tiêu cụ thể", True),
        ("Căn cứ Nghị quyết số 15", True),
        ("Nơi nhận:", True),
        ("Điều 1. Ban hành", True),
        ("CHƯƠNG TRÌNH", True),
    ],
)
def test_what_starts_a_new_paragraph(line: str, new: bool) -> None:
    assert starts_new(line) is new
