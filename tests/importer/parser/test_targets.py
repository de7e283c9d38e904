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


def test_chiem_is_eq_in_the_economic_structure_and_ge_elsewhere() -> None:
    assert _brief(targets_of("Kinh tế số chiếm 30% GRDP.")) == [("level", "ge", "30", None)]
    assert _brief(
        targets_of("Cơ cầu GRDP đến năm 2025: công nghiệp - xây dựng chiếm 51%, dịch vụ chiếm 40%.")
    ) == [("level", "eq", "51", None), ("level", "eq", "40", None)]
    assert _brief(targets_of("Công nghiệp, xây dựng chiếm 45%.")) == [("level", "eq", "45", None)]


def test_nong_lam_thuy_san_con_x_in_the_economic_structure_is_eq() -> None:
    assert _brief(
        targets_of(
            "Về cơ cấu kinh tế: Công nghiệp xây dựng 49%; dịch vụ 42,5%; nông, lâm, thủy "
            "sản còn 8,5%."
        )
    ) == [("level", "eq", "49", None), ("level", "eq", "42.5", None), ("level", "eq", "8.5", None)]
    # outside the structure "còn" is a ceiling
    assert _brief(targets_of("Tỷ lệ hộ nghèo còn 2%.")) == [("level", "le", "2", None)]


def test_khong_de_xay_ra_cac_vu_chay_lon_is_zero_every_year() -> None:
    [fire] = targets_of("Không để xảy ra các vụ cháy lớn gây thiệt hại nghiêm trọng.")
    assert (fire["kind"], fire["comparator"], fire["value"], fire["unit"]) == (
        "annual",
        "eq",
        "0",
        "vụ/năm",
    )
    assert fire["from_year"] == 2021


def test_thuoc_nhom_10_tinh_is_a_rank() -> None:
    assert _brief(
        targets_of("Đến năm 2025 thuộc nhóm 10 tỉnh, thành phố có thu nhập bình quân cao nhất.")
    ) == [("level", "le", "10", None)]


def test_quy_mo_dan_so_du_kien_is_a_projection() -> None:
    assert _brief(targets_of("Quy mô dân số của tỉnh dự kiến 4,2 triệu người.")) == [
        ("level", "eq", "4.2", None)
    ]


def test_gap_doi_hien_nay_is_a_level_of_two() -> None:
    [double] = targets_of("Quy mô nền kinh tế gấp đôi hiện nay.")
    assert (double["kind"], double["comparator"], double["value"], double["unit"]) == (
        "level",
        "ge",
        "2",
        "lần",
    )


def test_giam_40_ho_ngheo_is_a_reduction_not_a_level_of_poverty() -> None:
    [cut] = targets_of("Giảm 40 hộ nghèo.")
    assert (cut["kind"], cut["comparator"], cut["value"]) == ("level", "ge", "40")
    assert cut["indicator"] == "Số hộ nghèo giảm được"


def test_a_clause_without_its_subject_borrows_the_one_before() -> None:
    first, second = targets_of("Tỷ lệ hộ nghèo giảm bình quân 1%/năm; đến năm 2025 còn dưới 1%.")
    assert (first["kind"], first["indicator"]) == ("avg_growth", "Tỷ lệ hộ nghèo giảm bình quân")
    assert (second["indicator"], second["comparator"], second["value"]) == (
        "Tỷ lệ hộ nghèo",
        "lt",
        "1",
    )
    assert "tên theo vế câu trước" in second["reason"]


def test_a_status_with_a_deadline_in_a_target_section_is_a_milestone() -> None:
    [milestone] = targets_of("Xã đạt chuẩn nông thôn mới nâng cao trước năm 2024.")
    assert (milestone["kind"], milestone["to_year"], milestone["indicator"]) == (
        "milestone",
        2024,
        "Xã đạt chuẩn nông thôn mới nâng cao",
    )


def test_a_status_beside_numbers_is_a_milestone_of_its_own() -> None:
    milestone, county = targets_of(
        "Tỉnh đạt chuẩn nông thôn mới, ít nhất 1 huyện đạt chuẩn nông thôn mới kiểu mẫu."
    )
    assert (milestone["kind"], milestone["to_year"]) == ("milestone", 2025)
    assert (county["kind"], county["comparator"], county["value"]) == ("level", "ge", "1")


def test_confidence_and_reason() -> None:
    said, bare = targets_of("Tỷ lệ che phủ rừng đạt 65%.", "100% xã có trạm y tế.")
    assert (said["confidence"], said["reason"]) == (
        "high",
        "Loại “mức đạt được” (không có từ chỉ loại khác); so sánh “≥” theo “đạt”.",
    )
    assert bare["confidence"] == "medium"
    assert bare["reason"].endswith("Chưa chắc: không có từ so sánh (coi là “ít nhất”).")
    [avg] = targets_of("Tốc độ tăng trưởng GRDP bình quân hằng năm từ 7,5% trở lên.")
    assert avg["reason"] == "Loại “tăng bình quân” theo “bình quân”; so sánh “≥” theo “trở lên”."
    [unit_less] = targets_of("Chỉ số cải cách hành chính đạt 90.")
    assert unit_less["confidence"] == "medium"
    assert "không rõ đơn vị tính" in unit_less["reason"]


# --- documents without target sections: press reports, political reports -------------------------


def press(*paragraphs: str, title: str = "Đại hội Đảng bộ xã Tân Lập, nhiệm kỳ 2025 - 2030") -> Any:
    return parse_plan_text(text=title + "\n\n" + "\n\n".join(paragraphs))


def test_a_press_report_reads_its_targets_and_leaves_results_and_the_congress_out() -> None:
    result = press(
        "Sáng 12/8, Đại hội khai mạc với 150 đại biểu, đại diện cho 1.200 đảng viên.",
        "Nhiệm kỳ 2020 - 2025, thu nhập bình quân đầu người đạt 52 triệu đồng; tỷ lệ hộ nghèo "
        "giảm còn 3,2%. Xã hiện có 12 thôn.",
        "Đại hội đề ra 15 chỉ tiêu chủ yếu, trong đó: thu nhập bình quân đầu người đến năm 2030 "
        "đạt 90 triệu đồng; tỷ lệ hộ nghèo dưới 1%; có thêm 3 thôn đạt chuẩn nông thôn mới kiểu "
        "mẫu.",
        "Tổng thu ngân sách trên địa bàn đạt 30 tỷ đồng.",
        "Đại hội đã bầu Ban Chấp hành gồm 15 đồng chí.",
    )
    targets = result.document["targets"]
    assert _brief(targets) == [
        ("level", "ge", "90", None),
        ("level", "lt", "1", None),
        ("increase", "ge", "3", None),
        ("level", "ge", "30", None),
    ]
    # the last is read only because it follows the list, and may be a five-year total
    assert [t["confidence"] for t in targets] == ["high", "high", "high", "low"]
    assert targets[0]["reason"].startswith("Đọc vì câu có “đề ra”")
    assert targets[3]["reason"].startswith("Đọc vì tiếp theo câu có “đề ra”")
    assert "có thể là tổng cả nhiệm kỳ" in targets[3]["reason"]


def test_a_headline_that_states_a_target_is_read() -> None:
    result = press(
        "Ngày 13/8, Đại hội Đảng bộ xã nhiệm kỳ 2025-2030 thông qua các mục tiêu, nhiệm vụ.",
        "Nhiệm kỳ 2020-2025, thu nhập bình quân đạt 36,4 triệu đồng/người.",
        title="Chiềng Sinh hướng tới giảm tỷ lệ hộ nghèo xuống dưới 3%",
    )
    [headline] = result.document["targets"]
    assert (headline["comparator"], headline["value"], headline["confidence"]) == (
        "lt",
        "3",
        "medium",
    )
    assert "tít bài" in headline["reason"]


def test_a_status_restated_in_a_sub_heading_is_one_milestone_with_its_deadline() -> None:
    result = press(
        "* Thạch Quý phấn đấu đạt phường văn minh đô thị kiểu mẫu",
        "Nhiệm kỳ 2020 – 2025, Đảng bộ phường đề ra mục tiêu phấn đấu đến năm 2024 cơ bản đạt "
        "phường văn minh đô thị kiểu mẫu; thu nhập bình quân đầu người đạt trên 80 triệu đồng.",
        title="Đại hội Đảng bộ phường Thạch Quý nhiệm kỳ 2020 - 2025",
    )
    milestone, income = result.document["targets"]
    assert (milestone["kind"], milestone["to_year"]) == ("milestone", 2024)
    assert "hạn “đến năm 2024”" in milestone["reason"]
    assert (income["comparator"], income["value"]) == ("gt", "80")


def test_a_document_that_never_says_it_sets_targets_is_read_whole_but_unsure() -> None:
    result = press(
        "Tốc độ tăng trưởng kinh tế bình quân 9%/năm. Thu nhập bình quân đầu người 80 triệu đồng.",
        "Nhiệm kỳ qua, thu nhập đạt 50 triệu đồng.",
        title="Xã Tân Lập nhiệm kỳ 2025 - 2030",
    )
    targets = result.document["targets"]
    assert [t["value"] for t in targets] == ["9", "80"]
    assert {t["confidence"] for t in targets} == {"low"}
    assert any("không có câu nào nói rõ là đề ra chỉ tiêu" in w for w in result.warnings)


def test_a_fraction_of_a_whole_is_told_not_guessed() -> None:
    result = press(
        "Đại hội đề ra mục tiêu: trong nhiệm kỳ giảm 2/3 số hộ nghèo; có 5 thôn kiểu mẫu."
    )
    assert [t["value"] for t in result.document["targets"]] == ["5"]
    assert any("“2/3 số” là một phần của tổng số" in w for w in result.warnings)


def test_duy_tri_after_a_comma_is_a_level_to_hold_of_its_own() -> None:
    assert _brief(
        targets_of(
            "Tốc độ tăng trưởng GRDP bình quân hàng năm từ 8 - 8,5%, duy trì tỷ trọng khu vực "
            "dịch vụ trong GRDP trên 60%."
        )
    ) == [("avg_growth", "range", "8", "8.5"), ("maintain", "gt", "60", None)]


def test_ty_le_che_phu_rung_on_dinh_x_is_maintain() -> None:
    assert _brief(targets_of("Tỷ lệ che phủ rừng ổn định 42%.")) == [("maintain", "ge", "42", None)]


def test_a_comma_parts_two_quantities_before_va_does() -> None:
    growth, share = targets_of(
        "Tốc độ tăng trưởng đạt 16%/năm, tỷ trọng công nghiệp - xây dựng và dịch vụ đạt trên 90%."
    )
    assert growth["kind"] == "avg_growth"
    assert (share["kind"], share["comparator"], share["value"]) == ("level", "gt", "90")
    assert share["indicator"].startswith("Tỷ trọng công nghiệp - xây dựng và dịch vụ")


def test_ty_le_ho_ngheo_giam_x_diem_phan_tram_nam_is_avg_growth() -> None:
    [poverty] = targets_of("Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm 1 – 1,5 điểm phần trăm/năm.")
    assert (poverty["kind"], poverty["comparator"], poverty["unit"]) == (
        "avg_growth",
        "range",
        "điểm phần trăm/năm",
    )
    [kept] = targets_of("Tỷ lệ hộ nghèo duy trì mức giảm 1 - 1,5%/năm.")
    assert (kept["kind"], kept["comparator"]) == ("avg_growth", "range")


def test_dan_so_trung_binh_n_nguoi_is_a_projection() -> None:
    assert _brief(targets_of("Dân số trung bình 7.129 người.")) == [("level", "eq", "7129", None)]


def test_ty_le_tang_dan_so_tu_nhien_colon_x_is_a_ceiling() -> None:
    assert _brief(targets_of("Tỷ lệ tăng dân số tự nhiên: 0,9%.")) == [("level", "le", "0.9", None)]
    assert _brief(targets_of("Tỷ lệ lao động qua đào tạo: 70%.")) == [("level", "ge", "70", None)]


def test_in_a_plan_of_one_year_tang_x_is_the_growth_of_that_year() -> None:
    text = (
        "KẾ HOẠCH KINH TẾ - XÃ HỘI NĂM 2022\n\nCÁC CHỈ TIÊU CHỦ YẾU CỦA NĂM 2022:\n"
        "- Giá trị sản lượng nông nghiệp tăng 7,5 - 8,0%.\n"
        "- Kinh doanh dịch vụ tăng từ 10% trở lên.\n"
        "+ Mức giảm sinh 0,5%.\n"
        "- Tỷ lệ hộ dân dùng nước hợp vệ sinh 100%.\n"
    )
    targets = parse_plan_text(text=text).document["targets"]
    assert [(t["kind"], t["from_year"], t["to_year"]) for t in targets] == [
        ("avg_growth", 2022, 2022),
        ("avg_growth", 2022, 2022),
        ("avg_growth", 2022, 2022),
        ("level", None, 2022),
    ]
    # in a five-year plan "sẽ tăng 50%" is the level reached against the year before the term
    assert _brief(targets_of("Thu ngân sách sẽ tăng 50%.")) == [("level", "ge", "50", None)]


def test_the_targets_of_a_plan_year_named_in_the_sentence() -> None:
    result = press(
        "Chính phủ trình 12 chỉ tiêu trong kế hoạch phát triển KTXH năm 2026; trong đó: GDP tăng "
        "khoảng 10%; tỷ lệ lao động qua đào tạo khoảng 70%.",
    )
    growth, trained = result.document["targets"]
    assert (growth["kind"], growth["from_year"], growth["to_year"]) == ("avg_growth", 2026, 2026)
    assert (trained["kind"], trained["to_year"]) == ("level", 2026)


def test_a_place_that_becomes_a_ward_or_an_urban_district_by_a_deadline_is_a_milestone() -> None:
    result = press(
        "Đại hội đề ra mục tiêu xây dựng xã Sơn Động trở thành phường trước năm 2030.",
        "Phấn đấu đến năm 2030, thị xã đạt tiêu chuẩn đô thị loại III và đạt 70% tiêu chuẩn đô "
        "thị loại II.",
    )
    brief = [(t["kind"], t["value"], t["to_year"]) for t in result.document["targets"]]
    assert brief == [("milestone", None, 2030), ("milestone", None, 2030), ("level", "70", 2030)]


def test_a_lead_that_restates_a_target_of_the_list_is_one_target() -> None:
    result = press(
        "Nghị quyết đặt mục tiêu đến năm 2030 thu nhập bình quân đầu người đạt khoảng 4.700 - "
        "5.000 USD.",
        "Các mục tiêu cụ thể: GDP bình quân đầu người đến năm 2030 đạt khoảng 4.700 - 5.000 USD; "
        "tỷ lệ đô thị hóa khoảng 45%.",
    )
    targets = result.document["targets"]
    assert [(t["value"], t["line"]) for t in targets] == [("4700", 5), ("45", 5)]
    assert any("nêu cùng một chỉ tiêu" in w for w in result.warnings)
    # equal percentages of different indicators are two targets
    twins = press("Đại hội đề ra: tỷ lệ A đạt 100%; tỷ lệ B đạt 100%.").document["targets"]
    assert len(twins) == 2


def test_hang_nam_at_the_start_of_a_sentence_makes_each_of_its_clauses_yearly() -> None:
    """ "Hằng năm kết nạp …; có …" (no comma after "Hằng năm"): the second clause is yearly too."""
    members, cells = targets_of(
        "Hằng năm kết nạp từ 20 đảng viên trở lên; có trên 85% tổ chức cơ sở đảng hoàn thành "
        "tốt nhiệm vụ."
    )
    assert (members["kind"], members["comparator"], members["value"]) == ("annual", "ge", "20")
    assert (cells["kind"], cells["comparator"], cells["value"]) == ("annual", "gt", "85")
    # "hằng năm" inside a sentence is the word of its own clause only
    water, members = targets_of("Tỷ lệ hộ dùng nước sạch đạt 98%; hằng năm kết nạp 20 đảng viên.")
    assert (water["kind"], members["kind"]) == ("level", "annual")


def test_hang_nam_then_den_nam_2030_in_a_later_clause_is_that_years_level() -> None:
    growth, revenue = targets_of(
        "Hằng năm, thu ngân sách tăng 10% trở lên; đến năm 2030 thu ngân sách đạt 5.000 tỷ đồng."
    )
    assert (growth["kind"], growth["value"]) == ("avg_growth", "10")
    assert (revenue["kind"], revenue["unit"], revenue["to_year"]) == ("level", "tỷ đồng", 2030)


def test_moi_nam_giam_x_phan_tram_ty_le_ho_ngheo_is_avg_growth() -> None:
    """The rate named after the number ("giảm 1% tỷ lệ hộ nghèo"), as before it."""
    [poverty] = targets_of("Mỗi năm giảm 1% tỷ lệ hộ nghèo.")
    assert (poverty["kind"], poverty["comparator"], poverty["value"]) == ("avg_growth", "ge", "1")
    [accidents] = targets_of("Mỗi năm giảm 5% số vụ tai nạn giao thông.")
    assert accidents["kind"] == "annual_reduction"


def test_dien_tich_gieo_trong_cay_hang_nam_on_dinh_x_ha_is_maintain() -> None:
    [area] = targets_of("Diện tích gieo trồng cây hằng năm ổn định 1.200 ha.")
    assert (area["kind"], area["comparator"], area["value"], area["unit"]) == (
        "maintain",
        "ge",
        "1200",
        "ha",
    )


def test_khong_phat_sinh_ho_tai_ngheo_is_zero_every_year() -> None:
    [relapse] = targets_of("Không phát sinh hộ tái nghèo.")
    assert (relapse["kind"], relapse["comparator"], relapse["value"]) == ("annual", "eq", "0")


def test_ty_suat_sinh_giam_binh_quan_x_phan_nghin_nam_is_avg_growth() -> None:
    """A rate in per mille ("0,2‰/năm") is read like a percentage (before, it was lost)."""
    [births] = targets_of("Tỷ suất sinh giảm bình quân 0,2‰/năm.")
    assert (births["kind"], births["comparator"], births["value"], births["unit"]) == (
        "avg_growth",
        "ge",
        "0.2",
        "‰/năm",
    )


def test_a_chi_tieu_chu_yeu_list_in_a_press_report_ends_where_the_article_goes_on() -> None:
    """After the list under "CHỈ TIÊU CHỦ YẾU", a paragraph about the congress or the past is
    the article again: neither it nor what follows is a target (they stay unparsed)."""
    result = press(
        "CHỈ TIÊU CHỦ YẾU\n• Tốc độ tăng trưởng GRDP bình quân 10-11%/năm.\n• Tỷ lệ đô thị hóa "
        "đạt 50%.",
        "Đại hội đã bầu 55 đồng chí vào Ban Chấp hành Đảng bộ khóa I.",
        "Trước đó, xã đã đón 2 triệu lượt khách du lịch năm 2024, tăng 15% so với năm 2023.",
    )
    assert [t["value"] for t in result.document["targets"]] == ["10", "50"]
    assert [u["line"] for u in result.document["unparsed"]][-2:] == [7, 9]
    # a plain paragraph that goes on setting targets stays in the section
    goes_on = press(
        "CHỈ TIÊU CHỦ YẾU\n• Tỷ lệ đô thị hóa đạt 50%.",
        "Tỷ lệ hộ nghèo giảm còn dưới 1%.",
    )
    assert [t["value"] for t in goes_on.document["targets"]] == ["50", "1"]


def test_thuong_mai_dich_vu_tang_12_is_a_growth_rate_not_a_share() -> None:
    """A sector named with "tăng" is its growth (≥), not its share of the economy (=)."""
    text = (
        "KẾ HOẠCH KINH TẾ - XÃ HỘI NĂM 2026\n\nCÁC CHỈ TIÊU CHỦ YẾU CỦA NĂM 2026:\n"
        "- Giá trị sản xuất thương mại, dịch vụ tăng 12%.\n"
        "- Cơ cấu kinh tế: thương mại, dịch vụ 60%."
    )
    growth, share = parse_plan_text(text=text).document["targets"]
    assert (growth["kind"], growth["comparator"]) == ("avg_growth", "ge")
    assert (share["kind"], share["comparator"]) == ("level", "eq")


def test_50_phan_tram_vao_nam_2030_after_40_phan_tram_vao_nam_2025_is_a_2030_target() -> None:
    early, late = targets_of("Tỷ lệ đô thị hóa đạt 40% vào năm 2025 và 50% vào năm 2030.")
    assert [(t["value"], t["to_year"]) for t in (early, late)] == [("40", 2025), ("50", 2030)]


def test_den_nam_2025_ty_le_ho_ngheo_con_duoi_3_after_a_rate_is_a_level() -> None:
    """ "giảm … bình quân 1,5-2%/năm, đến năm 2025 tỷ lệ hộ nghèo còn dưới 3%": the second
    number has its own deadline: the level of that year, not another yearly rate."""
    rate, level = targets_of(
        "Phấn đấu giai đoạn 2021 - 2025 giảm tỷ lệ hộ nghèo bình quân 1,5-2%/năm, đến năm 2025 "
        "tỷ lệ hộ nghèo còn dưới 3%."
    )
    assert (rate["kind"], rate["comparator"]) == ("avg_growth", "range")
    assert (level["kind"], level["comparator"], level["unit"], level["to_year"]) == (
        "level",
        "lt",
        "%",
        2025,
    )


def test_huong_toi_2030_in_brackets_after_a_2025_target_is_a_2030_target() -> None:
    now, later = targets_of(
        "Đến năm 2025, tổng tỷ suất sinh đạt ít nhất 1,4 con/phụ nữ (hướng tới 2030: 1,6 con/phụ nữ)."
    )
    assert [(t["value"], t["to_year"]) for t in (now, later)] == [("1.4", 2025), ("1.6", 2030)]
