"""Stage 4, programs: each program's targets and tasks, numbered; the breakthroughs."""

from __future__ import annotations

from decimal import Decimal

from tiendo.importer.parser.lines import Para, Placement, marker
from tiendo.importer.parser.programs import (
    breakthroughs,
    program_tasks,
    programs_targets_and_tasks,
    target_entry,
)
from tiendo.importer.parser.sections import Sections
from tiendo.importer.parser.targets import Cand
from tiendo.importer.parser.title_block import PlanYears

YEARS = PlanYears(to_year=2025, period_start=2021)


def para(text: str, line: int) -> Para:
    kind, number, body_at = marker(text)
    return Para([line], [0], text, kind, number, body_at)


def test_targets_and_tasks_of_programs_and_outside_them() -> None:
    sections = Sections(
        programs={1: {"number": 1, "title": "Kinh tế", "line": 3}},
        target_paras={
            1: [
                (1, para("- Độ che phủ rừng đạt 65%; bảo đảm an ninh trật tự trên địa bàn.", 5)),
                (1, para("- Giữ gìn bản sắc văn hóa các dân tộc.", 6)),
                (1, para("- Đến năm 2025:", 7)),
                (1, para("+ Có 50 nhà văn hóa.", 8)),
            ],
            None: [
                (1, para("- GRDP tăng 7%.", 20)),
                (1, para("- Giữ gìn bản sắc văn hóa các dân tộc.", 21)),
            ],
        },
        task_paras={
            1: [
                para("- Trồng rừng.", 10),
                para("+ Ưu tiên cây bản địa.", 11),
                para("- Bảo vệ rừng, hoàn thành trước ngày 30/6/2022.", 12),
            ]
        },
        region_titles=["MỤC TIÊU", "CÁC CHỈ TIÊU CHỦ YẾU"],
    )
    placement = Placement()
    warnings: list[str] = []
    targets, tasks = programs_targets_and_tasks(
        sections, YEARS, free=False, title="Nghị quyết", placement=placement, warnings=warnings
    )
    assert [(t["code"], t["kind"], t["value"], t["line"]) for t in targets] == [
        ("1.1", "level", "65", 5),
        ("1.2", "level", "50", 8),
        # qualitative targets come after the measured ones, in line order
        ("1.3", "qualitative", None, 5),  # the goal written beside a number
        ("1.4", "qualitative", None, 6),
        ("2.1", "level", "7", 20),  # the general program: no qualitative targets
    ]
    assert targets[2]["indicator"] == "Bảo đảm an ninh trật tự trên địa bàn"
    # the general program takes the title of the target heading that says "chỉ tiêu"
    assert sections.programs[2] == {"number": 2, "title": "Các chỉ tiêu chủ yếu"}
    assert warnings == ["Có chỉ tiêu hoặc nhiệm vụ ngoài các chương trình: đưa vào chương trình 2."]
    assert tasks == [
        {"code": "NV1.1", "program": 1, "text": "Trồng rừng. Ưu tiên cây bản địa.", "line": 10},
        {
            "code": "NV1.2",
            "program": 1,
            "text": "Bảo vệ rừng, hoàn thành trước ngày 30/6/2022.",
            "line": 12,
        },
    ]
    assert placement.lines == {
        5: "target",
        6: "target",
        7: "structure",
        8: "target",
        10: "task",
        11: "task",
        12: "task",
        20: "target",
    }  # line 21 is left for `unparsed`


def test_a_free_document_is_one_program_titled_by_the_document() -> None:
    sections = Sections(target_paras={None: [(0, para("Đến năm 2025, GRDP tăng 8%/năm.", 4))]})
    warnings: list[str] = []
    targets, tasks = programs_targets_and_tasks(
        sections,
        YEARS,
        free=True,
        title="Nghị quyết Đại hội",
        placement=Placement(),
        warnings=warnings,
    )
    assert sections.programs == {1: {"number": 1, "title": "Nghị quyết Đại hội"}}
    assert [t["code"] for t in targets] == ["1.1"]
    assert (tasks, warnings) == ([], [])


def test_a_sub_item_without_a_task_before_it_is_a_task() -> None:
    placement = Placement()
    assert program_tasks([para("+ Ưu tiên cây cam.", 3), para("- ", 4)], placement=placement) == [
        ("Ưu tiên cây cam.", 3)
    ]
    assert placement.lines == {3: "task"}


def test_breakthroughs_keep_their_numbers() -> None:
    placement = Placement()
    found = breakthroughs(
        [para("1. Hạ tầng.", 30), para("1. Nhân lực.", 31), para("- Cải cách.", 32)],
        placement=placement,
    )
    assert found == [
        {"number": 1, "text": "Hạ tầng.", "line": 30},
        {"number": 2, "text": "Nhân lực.", "line": 31},  # a repeated number moves on
        {"number": 3, "text": "Cải cách.", "line": 32},
    ]
    assert placement.lines == {30: "breakthrough", 31: "breakthrough", 32: "breakthrough"}


def test_target_entry() -> None:
    cand = Cand(
        "level", "range", Decimal("3.50"), Decimal("4.0"), "%", None, 2025, "x" * 600, "y", 1
    )
    entry = target_entry(cand, 2, 3)
    assert (entry["code"], entry["program"], entry["value"], entry["value_high"]) == (
        "2.3",
        2,
        "3.5",
        "4",
    )
    assert len(entry["indicator"]) == 500
    zero = Cand("level", "eq", Decimal("0.0"), None, "hộ", None, 2025, "Hộ nghèo", "y", 1)
    assert target_entry(zero, 1, 1)["value"] == "0"
    thousand = Cand("level", "ge", Decimal("1E+3"), None, "ha", None, 2025, "x", "y", 1)
    assert target_entry(thousand, 1, 1)["value"] == "1000"


def test_target_entry_says_how_sure_and_why() -> None:
    cand = Cand("level", "ge", Decimal(5), None, "%", None, 2025, "Tỷ lệ", "5%", 1)
    entry = target_entry(cand, 1, 1)
    assert (entry["confidence"], entry["reason"]) == ("high", "")
    cand.reasons.append("so sánh “≥” (mặc định)")
    cand.doubt("không có từ so sánh (coi là “ít nhất”)")
    cand.doubt("không có từ so sánh (coi là “ít nhất”)")  # once only
    entry = target_entry(cand, 1, 1)
    assert entry["confidence"] == "medium"
    assert entry["reason"] == (
        "So sánh “≥” (mặc định). Chưa chắc: không có từ so sánh (coi là “ít nhất”)."
    )
    cand.doubt("văn bản không có câu nào nói rõ là đề ra chỉ tiêu", 2)
    assert target_entry(cand, 1, 1)["confidence"] == "low"
