"""Stage 3c, targets: the targets of a paragraph, clause by clause; and whole sentences through
the parser."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tiendo.importer.parser import parse_plan_text
from tiendo.importer.parser.lines import Para, marker
from tiendo.importer.parser.targets import Cand, TargetReader, candidate
from tiendo.importer.parser.title_block import PlanYears

YEARS = PlanYears(to_year=2025, period_start=2021)


def para(text: str, line: int = 1) -> Para:
    kind, number, body_at = marker(text)
    return Para([line], [0], text, kind, number, body_at)


def _brief_cands(cands: list[Cand]) -> list[tuple[Any, ...]]:
    return [(c.kind, c.comparator, c.value, c.unit, c.from_year, c.to_year) for c in cands]


def test_every_quantity_of_a_clause_is_a_target() -> None:
    found = TargetReader(YEARS).paragraph(
        para(
            "- Tổng kim ngạch xuất nhập khẩu đạt khoảng 6.650 triệu USD, trong đó xuất khẩu "
            "3.890 triệu USD.",
            line=12,
        ),
        allow_loose=True,
    )
    assert _brief_cands(found.cands) == [
        ("level", "approx", Decimal(6650), "triệu USD", None, 2025),
        ("level", "approx", Decimal(3890), "triệu USD", None, 2025),  # the comparator carries
    ]
    assert [(c.indicator, c.source_text, c.line) for c in found.cands] == [
        (
            "Tổng kim ngạch xuất nhập khẩu",
            "Tổng kim ngạch xuất nhập khẩu đạt khoảng 6.650 triệu USD",
            12,
        ),
        ("Tổng kim ngạch xuất nhập khẩu: xuất khẩu", "xuất khẩu 3.890 triệu USD", 12),
    ]
    assert found.residues == []


def test_kinds_set_their_years_and_units() -> None:
    found = TargetReader(YEARS).paragraph(
        para("- Trồng rừng mới 9.000 ha/năm; GRDP tăng bình quân 7%; có thêm 8 xã nông thôn mới."),
        allow_loose=True,
    )
    assert _brief_cands(found.cands) == [
        ("annual", "ge", Decimal(9000), "ha/năm", 2021, 2025),
        ("avg_growth", "ge", Decimal(7), "%/năm", 2021, 2025),  # a rate is per year
        ("increase", "ge", Decimal(8), "xã", 2021, 2025),
    ]


def test_one_target_per_criterion() -> None:
    found = TargetReader(YEARS).paragraph(
        para("- Giảm tai nạn giao thông cả 3 tiêu chí ≥ 5%."), allow_loose=True
    )
    assert [c.indicator for c in found.cands] == [
        "Số vụ tai nạn giao thông",
        "Số người chết do tai nạn giao thông",
        "Số người bị thương do tai nạn giao thông",
    ]


def test_milestones_and_levels_to_hold_without_a_number() -> None:
    reader = TargetReader(YEARS)
    found = reader.paragraph(
        para("- Hoàn thành xây dựng Khu A, Khu B và các khu khác."), allow_loose=True
    )
    assert [(c.kind, c.indicator, c.source_text) for c in found.cands] == [
        ("milestone", "Hoàn thành xây dựng Khu A", "Hoàn thành xây dựng Khu A"),
        ("milestone", "Hoàn thành xây dựng Khu B", "Khu B"),
        ("milestone", "Hoàn thành xây dựng các khu khác", "các khu khác"),
    ]
    assert found.milestone_like
    held = reader.paragraph(
        para("- Duy trì phổ cập giáo dục giai đoạn 2021 - 2025."), allow_loose=True
    )
    assert _brief_cands(held.cands) == [("maintain", None, None, "", 2021, 2025)]
    # outside a target section, a milestone without any number in its paragraph is no target
    loose = reader.paragraph(para("- Hoàn thành xây dựng Khu A."), allow_loose=False)
    assert loose.cands == []
    assert loose.residues == [("Hoàn thành xây dựng Khu A", 1)]


def test_clauses_without_a_number_are_kept_as_residue() -> None:
    found = TargetReader(YEARS).paragraph(
        para("- Bảo đảm an ninh trật tự trên địa bàn; độ che phủ rừng đạt 65%.", line=4),
        allow_loose=True,
    )
    assert _brief_cands(found.cands) == [("level", "ge", Decimal(65), "%", None, 2025)]
    assert found.residues == [("Bảo đảm an ninh trật tự trên địa bàn", 4)]


def test_an_intro_carries_its_year_and_yearliness_to_the_sub_bullets() -> None:
    reader = TargetReader(YEARS)
    assert reader.paragraph(para("- Hằng năm:"), allow_loose=True).cands == []
    [cut] = reader.paragraph(para("+ Giảm 3% số vụ tai nạn giao thông."), allow_loose=True).cands
    assert (cut.kind, cut.unit) == ("annual_reduction", "%/năm")
    intro = reader.paragraph(para("- Đến năm 2030:"), allow_loose=True)
    assert intro.year == 2030
    [sub] = reader.paragraph(para("+ Tỷ lệ đô thị hóa đạt 40%."), allow_loose=True).cands
    assert sub.to_year == 2030
    # a new "-" item ends what the intro carried
    [item] = reader.paragraph(para("- Tỷ lệ đô thị hóa đạt 40%."), allow_loose=True).cands
    assert item.to_year == 2025


def test_a_free_reader_skips_the_past() -> None:
    found = TargetReader(YEARS, free=True).paragraph(
        para("Nhiệm kỳ 2015 - 2020, GRDP tăng 7,2%/năm. Đến năm 2025, GRDP tăng 8%/năm."),
        allow_loose=False,
    )
    assert [c.value for c in found.cands] == [Decimal(8)]
    assert found.year == 2025


def test_candidate() -> None:
    planted = candidate(
        years=YEARS,
        kind="annual",
        comparator="ge",
        quantity=None,
        unit="ha",
        to_year=2025,
        indicator="",
        source="trồng rừng",
        line=3,
        period=None,
    )
    # without a quantity: no comparator, value or unit; the source names it
    assert planted == Cand(
        "annual", None, None, None, "", 2021, 2025, "Trồng rừng", "trồng rừng", 3
    )
    over_a_period = candidate(
        years=YEARS,
        kind="avg_growth",
        comparator=None,
        quantity=None,
        unit="%",
        to_year=2030,
        indicator="GRDP",
        source="GRDP",
        line=1,
        period=(2026, 2030),
    )
    assert (over_a_period.from_year, over_a_period.to_year) == (2026, 2030)


# --- whole sentences, through the parser --------------------------------------------------------


def targets_of(*bullets: str) -> list[dict[str, Any]]:
    text = "NGHỊ QUYẾT\nnhiệm kỳ 2020 - 2025\n\nCác chỉ tiêu chủ yếu\n" + "\n".join(
        f"- {b}" for b in bullets
    )
    return parse_plan_text(text=text).document["targets"]


def _brief(targets: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(t["kind"], t["comparator"], t["value"], t["value_high"]) for t in targets]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Tốc độ tăng trưởng GRDP bình quân hằng năm đạt 7 - 7,5%.",
            [("avg_growth", "range", "7", "7.5")],
        ),
        (
            "Thu ngân sách trên địa bàn tăng bình quân từ 8,0 đến 10%/năm.",
            [("avg_growth", "range", "8", "10")],
        ),
        (
            "Tổng kim ngạch xuất nhập khẩu đạt khoảng 6.650 triệu USD, trong đó xuất khẩu 3.890 triệu USD, "
            "nhập khẩu 2.760 triệu USD.",
            [
                ("level", "approx", "6650", None),
                ("level", "approx", "3890", None),
                ("level", "approx", "2760", None),
            ],
        ),
        (
            "Toàn tỉnh có khoảng 5.400 buồng lưu trú, trong đó có 1.100 buồng đạt tiêu chuẩn từ 3 - 5 sao.",
            [("level", "approx", "5400", None), ("level", "ge", "1100", None)],
        ),
        ("Tỷ lệ hộ nghèo dưới 3%.", [("level", "lt", "3", None)]),
        ("Tỷ lệ thất nghiệp thành thị 3%.", [("level", "le", "3", None)]),
        ("Tỷ lệ hộ nghèo giảm bình quân 2%/năm trở lên.", [("avg_growth", "ge", "2", None)]),
        ("Tỷ lệ hộ nghèo giảm còn dưới 5%.", [("level", "lt", "5", None)]),
        (
            "Hằng năm giảm 3% số vụ phạm pháp hình sự so với năm trước.",
            [("annual_reduction", "ge", "3", None)],
        ),
        (
            "Hằng năm, giảm tai nạn giao thông cả 3 tiêu chí ≥ 5%.",
            [("annual_reduction", "ge", "5", None)] * 3,
        ),
        ("Có thêm hai huyện đạt chuẩn nông thôn mới.", [("increase", "ge", "2", None)]),
        ("Không còn hộ nghèo.", [("level", "eq", "0", None)]),
        ("Duy trì 100% xã đạt chuẩn quốc gia về y tế.", [("maintain", "ge", "100", None)]),
        (
            "Giữ vững phổ cập giáo dục mầm non cho trẻ em 5 tuổi; 100% xã đạt chuẩn phổ cập giáo dục "
            "tiểu học mức độ 2 trở lên.",
            [("maintain", None, None, None), ("level", "ge", "100", None)],
        ),
        (
            "Vốn đầu tư toàn xã hội 5 năm từ 3,1 đến 3,2 triệu tỷ đồng.",
            [("increase", "range", "3.1", "3.2")],
        ),
        ("Trồng rừng mới 9.000 ha/năm.", [("annual", "ge", "9000", None)]),
        (
            "GRDP bình quân đầu người đạt 3.000 USD (tương đương 70 triệu đồng).",
            [("level", "ge", "3000", None)],
        ),
        (
            "Cơ cấu kinh tế: nông nghiệp 20%; công nghiệp 35%; dịch vụ 45%.",
            [("level", "eq", "20", None), ("level", "eq", "35", None), ("level", "eq", "45", None)],
        ),
        (
            "Thu nhập bình quân đầu người đến năm 2025 đạt 60 triệu đồng/người/năm.",
            [("level", "ge", "60", None)],
        ),
        (
            "Có thêm 8 xã đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn lên 12 xã.",
            [("increase", "ge", "8", None), ("level", "ge", "12", None)],
        ),
        ("Mỗi năm giải quyết việc làm mới cho 1.200 lao động.", [("annual", "ge", "1200", None)]),
        ("Tỷ lệ che phủ rừng duy trì ổn định 58%.", [("maintain", "ge", "58", None)]),
        (
            "Tỷ lệ huy động trẻ em từ 3 - 5 tuổi đến trường mẫu giáo đạt 98%.",
            [("level", "ge", "98", None)],
        ),
    ],
)
def test_sentences(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    assert _brief(targets_of(sentence)) == expected


def test_years_of_targets() -> None:
    level, growth = targets_of(
        "Đến năm 2030, tỷ lệ đô thị hóa đạt 40%; GRDP tăng bình quân 7%/năm."
    )
    assert (level["from_year"], level["to_year"]) == (None, 2030)
    assert (growth["from_year"], growth["to_year"]) == (2021, 2030)
    [period] = targets_of(
        "Tốc độ tăng trưởng GRDP bình quân giai đoạn 2021 - 2025: từ 7,5 đến 8,0%/năm."
    )
    assert (period["from_year"], period["to_year"]) == (2021, 2025)


def test_inline_enumeration() -> None:
    targets = targets_of(
        "Về kinh tế: (1) Tốc độ tăng trưởng GRDP bình quân 7%/năm. (2) GRDP bình quân/người: từ 8.300 "
        "đến 8.500 USD. (3) Tỷ trọng kinh tế số trong GRDP đạt khoảng 30%."
    )
    assert _brief(targets) == [
        ("avg_growth", "ge", "7", None),
        ("level", "range", "8300", "8500"),
        ("level", "approx", "30", None),
    ]


def test_milestones_split_by_object() -> None:
    text = (
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\nnhiệm kỳ 2020 - 2025\n\n1. Chương trình 1: Hạ tầng\n1.1. Mục tiêu cụ thể\n"
        "- Hoàn thành xây dựng hạ tầng Khu A (giai đoạn 1), Khu chế xuất 2 và các khu chức năng khác.\n"
        "- Bảo đảm an ninh trật tự trên địa bàn.\n"
    )
    targets = parse_plan_text(text=text).document["targets"]
    assert [(t["code"], t["kind"]) for t in targets] == [
        ("1.1", "milestone"),
        ("1.2", "milestone"),
        ("1.3", "milestone"),
        ("1.4", "qualitative"),
    ]
    assert targets[1]["indicator"] == "Hoàn thành xây dựng hạ tầng Khu chế xuất 2"
    assert targets[3]["from_year"] == 2021
