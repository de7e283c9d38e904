"""Numbers, ranges, words, units, comparators and kinds in Vietnamese plan sentences."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tiendo.importer.parser import (
    PlanNotRecognised,
    find_deadline,
    parse_plan_text,
    parse_units,
    unit_kind,
    unit_name,
)
from tiendo.importer.parser.cues import (
    comparator_after,
    comparator_before,
    is_less_better,
    kind_cue,
)
from tiendo.importer.parser.lines import normalize
from tiendo.importer.parser.quantities import (
    find_quantities,
    parse_range,
    word_number,
    year_context,
)


def test_parse_range() -> None:
    assert parse_range("3-3,5%") == (Decimal(3), Decimal("3.5"))
    assert parse_range("02 - 04 khu du lịch") == (Decimal(2), Decimal(4))
    assert parse_range("từ 7,5 đến 8,0%/năm") == (Decimal("7.5"), Decimal("8.0"))
    assert parse_range("từ 1.500 đến 1.600 đảng viên") == (Decimal(1500), Decimal(1600))
    assert parse_range("6.650 triệu USD") is None
    assert parse_range("10 - 5") is None  # not a range: the bounds are reversed


def test_word_numbers() -> None:
    assert word_number("hai") == 2
    assert word_number("Mười") == 10
    assert word_number("nhiều") is None


def test_latex_and_ascii_comparators_are_made_plain() -> None:
    assert normalize(r"giảm $\geq 5\%$") == "giảm ≥ 5%"
    assert normalize("tỷ lệ <= 3%") == "tỷ lệ ≤ 3%"


def _values(text: str) -> list[tuple[str, str | None, str]]:
    return [
        (
            f"{q.value.normalize():f}",
            None if q.value_high is None else f"{q.value_high.normalize():f}",
            q.unit,
        )
        for q in find_quantities(text)
    ]


def test_vietnamese_number_notation_and_units() -> None:
    assert _values("đạt khoảng 6.650 triệu USD, trong đó xuất khẩu 3.890 triệu USD") == [
        ("6650", None, "triệu USD"),
        ("3890", None, "triệu USD"),
    ]
    assert _values("thu hút trên 4,4 triệu lượt khách du lịch") == [
        ("4.4", None, "triệu lượt khách")
    ]
    assert _values("từ 3,1 đến 3,2 triệu tỷ đồng") == [("3.1", "3.2", "triệu tỷ đồng")]
    assert _values("Có 115/181 xã đạt chuẩn") == [("115", None, "xã (trên 181 xã)")]
    assert _values("Trồng rừng mới 9.000 ha/năm") == [("9000", None, "ha/năm")]
    assert _values("51.990,563 tấn") == [("51990.563", None, "tấn")]
    assert _values("đạt 26% GRDP") == [("26", None, "% GRDP")]
    assert _values("có thêm hai huyện nông thôn mới") == [("2", None, "huyện")]
    assert _values("không còn hộ nghèo") == [("0", None, "hộ")]
    assert _values("ít nhất 01 Khu công nghiệp") == [("1", None, "khu công nghiệp")]


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết số 15-NQ/TU ngày 12/3/2021",
        "Chương trình hành động số 04-CTr/TU, ngày 06/11/2020",
        "giai đoạn 2021 - 2025, tầm nhìn đến năm 2030",
        "Đại hội lần thứ 17, kỳ họp thứ 38",
        "(1) Về kinh tế",
        "Kế hoạch phát triển kinh tế - xã hội 5 năm",
        "sản phẩm OCOP đạt từ 3 sao trở lên; buồng xếp hạng từ 3 - 5 sao",
        "phổ cập giáo dục tiểu học mức độ 2; Khu trung chuyển hàng hóa (giai đoạn 1)",
        "trẻ em dưới 5 tuổi; Khu chế xuất 1",
        "07 Chương trình công tác trọng tâm và 03 khâu đột phá; 39 chỉ tiêu",
        "tương đương 3.434 USD",
        "Luật số 72/2025/QH15; Tờ trình số 3621/TTr-UBND",
        "Quốc lộ 4A, 4B; đoạn Km3+700 đến Km18; mốc 1119-1120; Covid-19",
        "trong quý IV năm 2021",
    ],
)
def test_numbers_that_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_restatement_in_brackets_is_not_a_second_quantity() -> None:
    assert _values("đạt 60% (108/181 xã)") == [("60", None, "%")]
    assert _values("tăng gấp 1,7 lần so với năm 2020 (tương đương 3.434 USD)") == [
        ("1.7", None, "lần")
    ]
    # a bracket that says something new is kept
    assert (
        len(
            find_quantities(
                "từ 3,1 đến 3,2 triệu tỷ đồng (theo giá hiện hành, tăng từ 12,5 đến 13,5%/năm)"
            )
        )
        == 2
    )


def test_multiplier_cả_n_tiêu_chí() -> None:
    [q] = find_quantities("giảm tai nạn giao thông cả 3 tiêu chí ≥ 5%")
    assert q.multiplier == 3 and q.value == 5


def test_comparators() -> None:
    assert comparator_before("đạt khoảng ") == "approx"
    assert comparator_before("gần ") == "approx"
    assert comparator_before("doanh thu đạt trên ") == "gt"
    assert comparator_before("hơn ") == "gt"
    assert comparator_before("tỷ lệ hộ nghèo < ") == "lt"
    assert comparator_before("dưới ") == "lt"
    assert comparator_before("không quá ") == "le"
    assert comparator_before("giảm còn ") == "le"
    assert comparator_before("có thêm ít nhất ") == "ge!"
    assert comparator_before("cả 3 tiêu chí ≥ ") == "ge!"
    assert comparator_before("đạt ") == "ge!"
    assert comparator_before("chiếm ") == "eq"
    assert comparator_before("xuất khẩu ") is None
    assert comparator_after(" trở lên;") == "ge!"
    assert comparator_after(" trở xuống") == "le"
    assert comparator_after(" lao động") is None


def test_less_is_better() -> None:
    assert is_less_better("Tỷ lệ hộ nghèo")
    assert is_less_better("tỷ lệ thất nghiệp thành thị")
    assert is_less_better("số vụ tai nạn giao thông")
    assert not is_less_better("Tỷ lệ che phủ rừng")


def _kind(lead: str, unit: str = "%", annual: bool = False) -> str | None:
    tail = " ".join(lead.split()[-6:])
    return kind_cue(
        lead=lead,
        tail=tail,
        unit=unit,
        after="",
        percent=unit.startswith("%"),
        annual_context=annual,
    )


def test_kind_cues() -> None:
    assert _kind("Giá trị tăng thêm ngành nông lâm nghiệp bình quân hằng năm tăng ") == "avg_growth"
    assert _kind("Tốc độ tăng trưởng GRDP ", unit="%/năm") == "avg_growth"
    assert _kind("Tỷ lệ hộ nghèo giảm bình quân ", unit="%/năm") == "avg_growth"
    assert _kind("giảm tai nạn giao thông ≥ ", annual=True) == "annual_reduction"
    assert _kind("giảm ", unit="%") == "level"
    assert _kind("Trồng rừng mới ", unit="ha/năm") == "annual"
    assert _kind("Kết nạp đảng viên mới hằng năm là ", unit="đảng viên") == "annual"
    assert _kind("Có thêm ít nhất ", unit="sản phẩm") == "increase"
    assert _kind("xây dựng được ", unit="chuỗi") == "increase"
    assert _kind("Vốn đầu tư phát triển toàn xã hội: từ ", unit="triệu tỷ đồng") == "increase"
    assert _kind("GRDP bình quân đầu người tăng gấp ", unit="lần") == "level"
    assert _kind("GRDP bình quân/người: từ ", unit="USD") is None
    assert (
        _kind("Thu nhập bình quân đầu người đến năm 2025 đạt ", unit="triệu đồng/người/năm") is None
    )


def test_year_context() -> None:
    assert year_context("Đến năm 2025: Độ che phủ rừng đạt 65%") == (2025, 0)
    assert year_context("Năm 2025, thu hút trên 4,4 triệu lượt khách")[0] == 2025  # type: ignore[index]
    assert year_context("Cơ cấu kinh tế năm 2030: Dịch vụ")[0] == 2030  # type: ignore[index]
    assert year_context("tăng gấp 1,7 lần so với năm 2020") is None


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


# --- whole clauses, through the parser ---------------------------------------------------------


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


def test_text_without_a_plan_is_refused() -> None:
    with pytest.raises(PlanNotRecognised) as info:
        parse_plan_text(text="Biên bản họp chi bộ.\nCác đồng chí đã thảo luận.")
    assert "nhiệm kỳ" in info.value.message_vi or "chỉ tiêu" in info.value.message_vi
    with pytest.raises(PlanNotRecognised):
        parse_plan_text(text="   \n")
