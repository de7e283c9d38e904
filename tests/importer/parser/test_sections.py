"""Stage 2d, sections: the body's paragraphs sorted into programs and sections."""

from __future__ import annotations

from tiendo.importer.parser.lines import Placement, read_lines
from tiendo.importer.parser.sections import Sections, find_sections

PROGRAMS = """\
Căn cứ Nghị quyết Đại hội.
I- CÁC CHƯƠNG TRÌNH CỤ THỂ
1. Chương trình 1: Phát triển kinh tế
1.1. Mục tiêu cụ thể
- Độ che phủ rừng đạt 65%.
1.2. Nhiệm vụ, giải pháp
- Trồng rừng.
+ Ưu tiên cây bản địa.
2. Chương trình 2: Văn hóa
a) Mục tiêu: Đến năm 2025, có 50 nhà văn hóa.
b) Nhiệm vụ, giải pháp: Xây dựng nhà văn hóa.
II- BA KHÂU ĐỘT PHÁ
1. Hạ tầng.
2. Nhân lực.
III- TỔ CHỨC THỰC HIỆN
1. Giao Ủy ban nhân dân tỉnh chủ trì.
2. Kiểm tra, giám sát
- Văn phòng Tỉnh ủy theo dõi, đôn đốc.
Nơi nhận:
- Như trên,
- Lưu.
"""


def _sections(text: str, start: int = 0) -> tuple[Sections, Placement, list[str]]:
    source = read_lines(text)
    placement = Placement()
    warnings: list[str] = []
    found = find_sections(source, start, len(source.clean), placement, warnings)
    return found, placement, warnings


def test_an_action_program() -> None:
    found, placement, warnings = _sections(PROGRAMS)
    assert found.programs == {
        1: {"number": 1, "title": "Phát triển kinh tế", "line": 3},
        2: {"number": 2, "title": "Văn hóa", "line": 9},
    }
    targets = {k: [(region, p.body) for region, p in v] for k, v in found.target_paras.items()}
    assert targets == {
        1: [(1, "Độ che phủ rừng đạt 65%.")],
        # the inline label opens the section and is cut off the paragraph it holds
        2: [(2, "Đến năm 2025, có 50 nhà văn hóa.")],
    }
    tasks = {k: [p.text for p in v] for k, v in found.task_paras.items()}
    assert tasks == {
        1: ["- Trồng rừng.", "+ Ưu tiên cây bản địa."],
        2: ["b) Nhiệm vụ, giải pháp: Xây dựng nhà văn hóa."],
    }
    assert [p.text for p in found.breakthrough_paras] == ["1. Hạ tầng.", "2. Nhân lực."]
    assert [(p.text, under) for p, under in found.org_items] == [
        ("1. Giao Ủy ban nhân dân tỉnh chủ trì.", ""),
        ("- Văn phòng Tỉnh ủy theo dõi, đôn đốc.", "Kiểm tra, giám sát"),
    ]
    assert [(p.text, where) for p, where in found.loose] == [
        ("Căn cứ Nghị quyết Đại hội.", "preamble")
    ]
    assert (found.region_count, found.region_titles) == (0, [])  # all targets are in programs
    assert placement.lines == {
        2: "structure",
        3: "program",
        4: "structure",
        6: "structure",
        9: "program",
        12: "structure",
        15: "structure",
        17: "structure",
        19: "metadata",
        20: "metadata",
        21: "metadata",
    }
    assert warnings == ["Danh sách “Nơi nhận” (2 dòng, từ dòng 19) không được lưu."]


def test_target_sections_outside_programs_are_regions() -> None:
    found, placement, _ = _sections(
        "NGHỊ QUYẾT\n"
        "Các chỉ tiêu chủ yếu\n"
        "- GRDP tăng 7%.\n"
        "Chỉ tiêu xã hội\n"
        "- Tỷ lệ hộ nghèo dưới 3%.\n"
        "STT | Chỉ tiêu | Đơn vị | Mục tiêu 2025\n",
        start=1,
    )
    assert found.programs == {}
    assert [(region, p.lines) for region, p in found.target_paras[None]] == [
        (1, [3]),
        (2, [5]),
        (2, [6]),
    ]
    assert found.region_titles == ["Các chỉ tiêu chủ yếu", "Chỉ tiêu xã hội"]
    assert found.region_count == 2
    assert placement.lines == {2: "structure", 4: "structure"}


def test_a_heading_at_the_programs_level_leaves_the_program() -> None:
    found, _, _ = _sections(
        "1. Chương trình 1: Kinh tế\n"
        "1.1. Mục tiêu cụ thể\n"
        "- Độ che phủ rừng đạt 65%.\n"
        "2. Mục tiêu chung\n"
        "- Phát triển bền vững.\n"
    )
    assert list(found.target_paras) == [1]
    assert [(p.text, where) for p, where in found.loose] == [("- Phát triển bền vững.", "other")]


def test_a_breakthrough_intro_without_a_heading() -> None:
    found, placement, _ = _sections(
        "Tập trung thực hiện ba khâu đột phá sau:\n- Hạ tầng giao thông.\n- Nguồn nhân lực.\n"
    )
    assert [p.body for p in found.breakthrough_paras] == ["Hạ tầng giao thông.", "Nguồn nhân lực."]
    assert placement.lines == {1: "structure"}
