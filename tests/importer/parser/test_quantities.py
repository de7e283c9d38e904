"""Quantities: numbers, ranges, number words, units, and the numbers that are not quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tiendo.importer.parser.quantities import (
    FRACTION_RE,
    find_quantities,
    parse_range,
    read_unit,
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


def test_year_context() -> None:
    assert year_context("Đến năm 2025: Độ che phủ rừng đạt 65%") == (2025, 0)
    assert year_context("Năm 2025, thu hút trên 4,4 triệu lượt khách")[0] == 2025  # type: ignore[index]
    assert year_context("Cơ cấu kinh tế năm 2030: Dịch vụ")[0] == 2030  # type: ignore[index]
    assert year_context("tăng gấp 1,7 lần so với năm 2020") is None


def test_offsets_point_into_the_clause() -> None:
    text = "đạt khoảng 6.650 triệu USD trở lên"
    [q] = find_quantities(text)
    assert text[q.start : q.end] == "6.650"
    assert text[q.end : q.unit_end] == " triệu USD"
    assert (q.value, q.percent, q.ratio_of) == (Decimal(6650), False, None)


def test_a_bare_number_counts_only_with_a_cue_or_in_a_table_cell() -> None:
    assert find_quantities("Khu chế xuất số 1 và lô 2") == []
    assert _values("đạt 120") == [("120", None, "")]
    assert [q.value for q in find_quantities("1.200", allow_bare=True)] == [Decimal(1200)]


def test_units_after_a_number() -> None:
    text = "60 triệu đồng/người/năm"
    assert read_unit(text, 2) == ("triệu đồng/người/năm", len(text), False)
    assert read_unit("5%/năm trở lên", 1) == ("%/năm", 6, True)
    assert read_unit("3 lượt khách", 1) == ("lượt khách", 12, False)
    assert read_unit("7 và", 1) == ("", 1, False)  # a word that cannot be a unit


def test_gap_doi_is_two_times() -> None:
    assert _values("quy mô nền kinh tế gấp đôi hiện nay") == [("2", None, "lần")]
    assert _values("gấp rưỡi năm 2025") == [("1.5", None, "lần")]


def test_tu_tam_den_chin_trieu_luot_khach_is_a_range_in_words() -> None:
    assert _values(
        "Số khách du lịch đạt từ tám triệu lượt khách/năm đến chín triệu lượt khách/năm"
    ) == [("8", "9", "triệu lượt khách/năm")]
    # the same with digits and the unit written twice
    assert _values("từ 8 triệu lượt khách đến 9 triệu lượt khách") == [
        ("8", "9", "triệu lượt khách")
    ]


def test_tuoi_tho_dat_khoang_76_nam_is_an_amount_not_a_duration() -> None:
    assert _values("tuổi thọ trung bình đạt khoảng 76 năm") == [("76", None, "năm")]
    assert _values("thời gian sống khỏe mạnh đạt tối thiểu 69 năm") == [("69", None, "năm")]
    assert _values("trong 5 năm tới đạt 10%") == [("10", None, "%")]  # "5 năm" is a duration


def test_tren_1_ha_canh_tac_is_per_unit_of_area() -> None:
    assert _values("giá trị trên 1 ha canh tác đạt từ 150 triệu đồng trở lên") == [
        ("150", None, "triệu đồng")
    ]
    assert _values("giá trị thu trên 1 hec-ta canh tác đạt 220 triệu đồng/năm") == [
        ("220", None, "triệu đồng/năm")
    ]


def test_giam_2_3_so_ho_ngheo_is_a_fraction_not_an_amount() -> None:
    assert _values("Trong nhiệm kỳ giảm 2/3 số hộ nghèo") == []
    assert FRACTION_RE.search("giảm 2/3 số hộ nghèo")
    assert _values("có 115/181 xã đạt chuẩn") == [("115", None, "xã (trên 181 xã)")]


def test_khong_de_xay_ra_cac_vu_chay_lon_is_zero() -> None:
    [fire] = find_quantities("không để xảy ra các vụ cháy lớn gây thiệt hại")
    assert (fire.value, fire.unit, fire.zero) == (Decimal(0), "vụ", True)


def test_a_count_alone_in_brackets_after_a_percentage_restates_it() -> None:
    assert _values("di dời 50% căn nhà trên và ven kênh rạch trên địa bàn (20.000 căn)") == [
        ("50", None, "%")
    ]
    # but a count with a percentage in brackets keeps both
    assert len(find_quantities("có 1.100 buồng (chiếm 20%)")) == 2


def test_nang_cap_20_tuyen_is_no_grade() -> None:
    assert _values("cải tạo và nâng cấp 20 tuyến hẻm") == [("20", None, "tuyến")]
    assert _values("đường cấp 3 miền núi") == []  # a grade of road


def test_units_of_communes_and_wards() -> None:
    assert _values("Cứng hóa thêm 15 km đường giao thông nông thôn") == [("15", None, "km")]
    assert _values("có 5 thôn đạt chuẩn") == [("5", None, "thôn")]
    assert _values("giảm 40 hộ nghèo") == [("40", None, "hộ")]
    assert _values("tăng thêm 199.400 căn") == [("199400", None, "căn")]


def test_diem_phan_tram_is_a_percentage() -> None:
    [points] = find_quantities("giảm 1 – 1,5 điểm phần trăm/năm")
    assert (points.value, points.value_high, points.unit, points.percent) == (
        Decimal(1),
        Decimal("1.5"),
        "điểm phần trăm/năm",
        True,
    )


def test_x_phan_tram_grdp_keeps_the_whole_it_is_a_share_of() -> None:
    assert _values("đạt bình quân trên 1%/GRDP") == [("1", None, "%/GRDP")]
    assert _values("chiếm 35-40% GRDP") == [("35", "40", "% GRDP")]


def test_an_age_range_is_no_target() -> None:
    assert _values("duy trì đạt 300 phòng học/vạn dân trong độ tuổi đi học (từ 3 đến 18 tuổi)") == [
        ("300", None, "phòng học/vạn dân")
    ]


def test_dan_so_42_percent_is_no_document_number() -> None:
    assert _values("Tỷ lệ người tập luyện thường xuyên so với dân số 42%") == [("42", None, "%")]
    assert _values("theo Nghị quyết số 15 của Tỉnh ủy") == []


def test_a_yearly_average_in_brackets_restates_a_five_year_total() -> None:
    assert _values("tạo việc làm mới cho 700.000 lao động (bình quân 140.000 lao động/năm)") == [
        ("700000", None, "lao động")
    ]


def test_tang_x_so_nam_2025_after_an_amount_restates_it() -> None:
    assert _values("thu nhập đạt hơn 98 triệu đồng, tăng 39% so năm 2025") == [
        ("98", None, "triệu đồng")
    ]
    # written alone the relative increase is the target
    assert _values("thu nhập đến năm 2030 so với năm 2025 tăng 30%") == [("30", None, "%")]


def test_tren_1_van_dan_is_per_head_of_population() -> None:
    assert _values("Có 10 bác sĩ và 30 giường bệnh trên 1 vạn dân") == [
        ("10", None, "bác sĩ"),
        ("30", None, "giường bệnh"),
    ]


def test_a_common_misspelling_of_chi_tieu_still_counts_the_documents_parts() -> None:
    assert _values("Huyện xây dựng 17 chủ tiêu, nhóm chỉ tiêu chủ yếu") == []


def test_55_dong_chi_are_people_not_money() -> None:
    units = [q.unit for q in find_quantities("bầu 55 đồng chí; thu ngân sách 180 tỷ đồng")]
    assert units == ["đồng chí", "tỷ đồng"]


def test_den_2025_without_nam_is_a_year() -> None:
    """ "thu nhập … đến 2025 đạt 85 triệu đồng": the year is written without "năm"; a period
    ("đến 2025-2030") and an amount ("trong 2025 hộ") are no year."""
    assert year_context("thu nhập bình quân đầu người đến 2025 đạt 85 triệu đồng") == (2025, 28)
    assert year_context("giai đoạn từ 2021 đến 2025-2030") is None
    assert year_context("hỗ trợ trong 2025 hộ gia đình") is None
