"""Stage 5, assignments and deadlines: who does what, by when; what the plan replaces."""

from __future__ import annotations

from typing import Any

from tiendo.importer.parser import parse_plan_text
from tiendo.importer.parser.assignments import (
    find_deadline,
    organisation,
    parse_units,
    task_deadlines,
    unit_kind,
    unit_name,
)
from tiendo.importer.parser.lines import Para, Placement, marker


def para(text: str, line: int) -> Para:
    kind, number, body_at = marker(text)
    return Para([line], [0], text, kind, number, body_at)


def _assigned(doc: dict[str, Any]) -> set[tuple[str, str, str, Any]]:
    return {(a["unit"], a["role"], a["scope"], a["ref"]) for a in doc["assignments"]}


def test_deadlines() -> None:
    assert find_deadline("chậm nhất trong quý IV năm 2021.")[0] == "2021-12-31"  # type: ignore[index]
    assert find_deadline("hoàn thành trước ngày 30/6/2022")[0] == "2022-06-30"  # type: ignore[index]
    assert find_deadline("chậm nhất trong tháng 9 năm 2021")[0] == "2021-09-30"  # type: ignore[index]
    assert find_deadline("chậm nhất trong quý I/2022")[0] == "2022-03-31"  # type: ignore[index]
    assert find_deadline("trong năm tới") is None


def test_units_of_organisation() -> None:
    assert (
        unit_name("Ban cán sự đảng Uỷ ban nhân dân tỉnh") == "Ban cán sự đảng Ủy ban nhân dân tỉnh"
    )
    assert unit_name("Mặt trận Tổ quốc tỉnh") == "Ủy ban Mặt trận Tổ quốc tỉnh"
    kinds = {
        "Ban Thường vụ Tỉnh ủy": "standing_committee",
        "Ban cán sự đảng Ủy ban nhân dân tỉnh": "party_delegation",
        "Đảng đoàn Hội đồng nhân dân tỉnh": "party_delegation",
        "Ban Tổ chức Tỉnh ủy": "party_board",
        "Ban Tuyên giáo Tỉnh ủy": "party_board",
        "Ban Dân vận Tỉnh ủy": "party_board",
        "Ban Nội chính Tỉnh ủy": "party_board",
        "Văn phòng Tỉnh ủy": "office",
        "Ủy ban Mặt trận Tổ quốc tỉnh": "front",
        "Sở Tài chính": "department",
        "Ủy ban nhân dân tỉnh": "peoples_committee",
        "Đoàn Đại biểu Quốc hội tỉnh": "na_delegation",
        "Ban Chấp hành Đảng bộ tỉnh": "party_executive",
        "Các ban đảng Tỉnh ủy": "group",
        "Các tổ chức chính trị - xã hội tỉnh": "group",
        "Các cơ quan liên quan": "group",
    }
    for name, kind in kinds.items():
        assert unit_kind(name) == kind, name
    names, _ = parse_units(
        "Các ban đảng, đảng đoàn, ban cán sự đảng tỉnh; các sở, ban, ngành, Mặt trận Tổ quốc và tổ chức "
        "chính trị - xã hội tỉnh chủ động nghiên cứu"
    )
    assert names == [
        "Các ban đảng, đảng đoàn, ban cán sự đảng tỉnh",
        "Các sở, ban, ngành tỉnh",
        "Ủy ban Mặt trận Tổ quốc tỉnh",
        "Các tổ chức chính trị - xã hội tỉnh",
    ]
    names, _ = parse_units("Sở Nông nghiệp và Phát triển nông thôn chủ trì")
    assert names == ["Sở Nông nghiệp và Phát triển nông thôn"]


def test_more_deadlines() -> None:
    assert find_deadline("hoàn thành trong năm 2024") == ("2024-12-31", 0, 25)
    assert find_deadline("chậm nhất ngày 15 tháng 3 năm 2022")[0] == "2022-03-15"  # type: ignore[index]
    assert find_deadline("trước ngày 31/2/2022") is None  # no such day


ORGANISATION = [
    "1. Chương trình này thay thế Chương trình hành động số 04-CTr/TU, ngày 06/11/2020 của "
    "Ban Thường vụ Tỉnh ủy.",
    "2. Giao Ban cán sự đảng Ủy ban nhân dân tỉnh chủ trì, phối hợp với Sở Tài chính và các cơ "
    "quan liên quan thực hiện Chương trình 1, 2; chậm nhất trong quý IV năm 2021 ban hành kế "
    "hoạch.",
    "3. Ủy ban Mặt trận Tổ quốc tỉnh phát động phong trào thi đua.",
    "4. Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện.",
    "5. Các sở, ngành chủ động nghiên cứu, tham mưu.",
    "6. Hoàn thành việc sơ kết trước ngày 30/6/2023.",
    "7. Định kỳ hằng năm báo cáo kết quả.",
    "8. Giao Sở Nội vụ theo dõi, đôn đốc.",
]


def test_roles_scopes_deadlines_and_what_is_replaced() -> None:
    items = [(para(text, 40 + k), "") for k, text in enumerate(ORGANISATION)]
    units: dict[str, dict[str, Any]] = {}
    placement = Placement()
    assignments, deadlines, supersedes = organisation(
        items, {1: {}, 2: {}}, units, placement=placement
    )
    brief = [(a["unit"], a["role"], a["scope"], a["ref"], a.get("deadline")) for a in assignments]
    lead = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
    assert brief == [
        (lead, "lead", "program", 1, "2021-12-31"),
        (lead, "lead", "program", 2, "2021-12-31"),
        ("so-tai-chinh", "coordinate", "program", 1, None),
        ("so-tai-chinh", "coordinate", "program", 2, None),
        ("cac-co-quan-lien-quan", "coordinate", "program", 1, None),
        ("cac-co-quan-lien-quan", "coordinate", "program", 2, None),
        ("uy-ban-mat-tran-to-quoc-tinh", "mobilize", "plan", None, None),
        ("van-phong-tinh-uy", "monitor", "plan", None, None),
        ("cac-so-nganh", "coordinate", "plan", None, None),
        ("so-noi-vu", "monitor", "plan", None, None),  # "Giao X theo dõi" is no lead
    ]
    assert {key: unit["kind"] for key, unit in units.items()} == {
        lead: "party_delegation",
        "so-tai-chinh": "department",
        "cac-co-quan-lien-quan": "group",
        "uy-ban-mat-tran-to-quoc-tinh": "front",
        "van-phong-tinh-uy": "office",
        "cac-so-nganh": "group",
        "so-noi-vu": "department",
    }
    assert [(d["due_date"], d["units"], d["line"]) for d in deadlines] == [
        ("2021-12-31", [lead], 41),
        ("2023-06-30", [lead], 45),  # nobody named: those who lead programs
    ]
    assert deadlines[1]["title"] == "Sơ kết"
    assert supersedes == [
        {
            "number": "04-CTr/TU",
            "date": "2020-11-06",
            "title": "Chương trình hành động của Ban Thường vụ Tỉnh ủy",
            "plan": None,
            "line": 40,
        }
    ]
    # "Định kỳ hằng năm báo cáo kết quả" names nobody: left for `unparsed`
    assert sorted(placement.lines) == [40, 41, 42, 43, 44, 45, 47]


def test_a_reference_to_a_program_that_does_not_exist_is_the_whole_plan() -> None:
    units: dict[str, dict[str, Any]] = {}
    assignments, _, _ = organisation(
        [(para("Sở Y tế chủ trì thực hiện Chương trình 9.", 3), "")],
        {1: {}},
        units,
        placement=Placement(),
    )
    assert [(a["unit"], a["role"], a["scope"], a["ref"]) for a in assignments] == [
        ("so-y-te", "lead", "plan", None)
    ]


def test_a_task_gets_the_deadline_its_words_set() -> None:
    tasks: list[dict[str, Any]] = [
        {"code": "NV1.1", "text": "Ban hành đề án, hoàn thành trước ngày 30/6/2022."},
        {"code": "NV1.2", "text": "Đẩy mạnh cải cách hành chính."},
    ]
    task_deadlines(tasks)
    assert tasks[0]["due_date"] == "2022-06-30"
    assert "due_date" not in tasks[1]


def test_both_spellings_of_uy_give_one_unit() -> None:
    text = (
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\nnhiệm kỳ 2020 - 2025\n\n"
        "1. Chương trình 1: Kinh tế\n1.1. Mục tiêu cụ thể\n- Độ che phủ rừng đạt 65%.\n\n"
        "II- TỔ CHỨC THỰC HIỆN\n"
        "1. Giao Ban cán sự đảng Uỷ ban nhân dân tỉnh chủ trì thực hiện Chương trình 1.\n"
        "2. Ban cán sự đảng Ủy ban nhân dân tỉnh phối hợp với Sở Tài chính thực hiện Chương trình 1.\n"
    )
    doc = parse_plan_text(text=text).document
    keys = [u["key"] for u in doc["units"]]
    assert keys.count("ban-can-su-dang-uy-ban-nhan-dan-tinh") == 1
    assert ("ban-can-su-dang-uy-ban-nhan-dan-tinh", "lead", "program", 1) in _assigned(doc)
