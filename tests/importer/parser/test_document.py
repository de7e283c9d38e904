"""Stage 6, the plan document: the stages together, refusals, placement and warnings."""

from __future__ import annotations

import pytest

from tiendo.importer.parser import ParseResult, PlanNotRecognised, parse_plan_text

SMALL = """TỈNH ỦY CAO BẰNG
Số 07-CTr/TU
Cao Bằng, ngày 2 tháng 3 năm 2026

CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Cao Bằng, nhiệm kỳ 2025 - 2030

Các chỉ tiêu chủ yếu
- Tốc độ tăng trưởng GRDP bình quân đạt 8%/năm.
- Một dòng không có chỉ tiêu nào cả.

T/M TỈNH ỦY
BÍ THƯ
Nông Văn B
"""


def test_a_small_document_through_every_stage() -> None:
    result = parse_plan_text(text=SMALL)
    assert isinstance(result, ParseResult)
    doc = result.document
    assert list(doc) == [
        "format",
        "code",
        "number",
        "title",
        "issuing_body",
        "issuing_unit",
        "issue_date",
        "place",
        "signer",
        "term",
        "status",
        "supersedes",
        "units",
        "programs",
        "targets",
        "tasks",
        "breakthroughs",
        "assignments",
        "deadlines",
        "implementing_documents",
        "unparsed",
    ]
    assert (doc["number"], doc["issue_date"], doc["place"]) == (
        "07-CTr/TU",
        "2026-03-02",
        "Cao Bằng",
    )
    assert doc["issuing_body"] == "Tỉnh ủy Cao Bằng"
    assert doc["units"] == [
        {"key": "tinh-uy-cao-bang", "name": "Tỉnh ủy Cao Bằng", "kind": "party_committee"}
    ]
    assert doc["term"] == {"from_year": 2025, "to_year": 2030}
    assert doc["programs"] == [{"number": 1, "title": "Các chỉ tiêu chủ yếu"}]
    [target] = doc["targets"]
    assert (target["code"], target["kind"], target["from_year"], target["to_year"]) == (
        "1.1",
        "avg_growth",
        2026,
        2030,
    )
    assert doc["unparsed"] == [{"line": 10, "text": "- Một dòng không có chỉ tiêu nào cả."}]
    assert result.placement == {
        1: "metadata",
        2: "metadata",
        3: "metadata",
        5: "metadata",
        6: "metadata",
        8: "structure",
        9: "target",
        12: "metadata",
        13: "metadata",
        14: "metadata",
    }
    assert result.warnings == ["1 dòng chưa hiểu được, cần xem lại (mục “unparsed”)."]


def test_the_reviewer_is_told_what_is_missing() -> None:
    result = parse_plan_text(text="NGHỊ QUYẾT\nđến năm 2030\n\nCác chỉ tiêu chủ yếu\n- Đạt 5%.\n")
    assert result.warnings == [
        "Không thấy nhiệm kỳ: lấy giai đoạn 2026 - 2030 theo “đến năm 2030”.",
        "Không thấy số, ký hiệu văn bản (ví dụ “Số 23-CTr/TU”): hãy bổ sung khi duyệt.",
    ]


def test_a_text_with_a_term_but_neither_targets_nor_tasks_is_refused() -> None:
    with pytest.raises(PlanNotRecognised) as info:
        parse_plan_text(text="BIÊN BẢN\nnhiệm kỳ 2020 - 2025\n\nCăn cứ Điều lệ Đảng.\n")
    assert info.value.message_vi.startswith("Không tìm thấy chỉ tiêu hay nhiệm vụ nào")


def test_text_without_a_plan_is_refused() -> None:
    with pytest.raises(PlanNotRecognised) as info:
        parse_plan_text(text="Biên bản họp chi bộ.\nCác đồng chí đã thảo luận.")
    assert "nhiệm kỳ" in info.value.message_vi or "chỉ tiêu" in info.value.message_vi


def test_a_table_whose_only_chi_tieu_column_holds_a_year_is_read_not_a_crash() -> None:
    # "STT | Chỉ tiêu 2025 | Đơn vị": the indicators and their 2025 targets in one column
    text = (
        "NGHỊ QUYẾT\nvề phát triển kinh tế - xã hội nhiệm kỳ 2020 - 2025\n\n"
        "I. CÁC CHỈ TIÊU CHỦ YẾU\n"
        "STT | Chỉ tiêu 2025 | Đơn vị\n"
        "1 | Tỷ lệ che phủ rừng 65 | %\n"
        "2 | Thu nhập bình quân đầu người trên 60 | triệu đồng\n"
    )
    targets = parse_plan_text(text=text).document["targets"]
    assert [
        (t["indicator"], t["comparator"], t["value"], t["unit"], t["to_year"]) for t in targets
    ] == [
        ("Tỷ lệ che phủ rừng", "ge", "65", "%", 2025),
        ("Thu nhập bình quân đầu người", "gt", "60", "triệu đồng", 2025),
    ]
    assert targets[0]["reason"].startswith("Hàng của bảng, cột “Chỉ tiêu 2025”")


def test_a_table_without_a_column_of_values_is_refused_in_vietnamese_when_nothing_else_is_there() -> (
    None
):
    text = "NGHỊ QUYẾT\nnhiệm kỳ 2020 - 2025\n\nI. CÁC CHỈ TIÊU CHỦ YẾU\nSTT | Chỉ tiêu | Đơn vị\n"
    with pytest.raises(PlanNotRecognised) as info:
        parse_plan_text(text=text)
    assert info.value.message_vi.startswith("Không tìm thấy chỉ tiêu hay nhiệm vụ nào")
