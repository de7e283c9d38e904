"""The words of the engine: the target's meaning, amounts, years and labels in Vietnamese
and in English (pure: no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tiendo.evaluation.engine import STATUS_LABELS, Status, TargetSpec
from tiendo.evaluation.engine.wording import (
    amount,
    en,
    figure_amount,
    figure_type_label,
    language,
    period,
    span,
    status_label,
    target_meaning,
    years_text,
)


def spec(
    kind: str,
    comparator: str | None,
    value: str | None,
    unit: str = "",
    *,
    high: str | None = None,
    from_year: int | None = None,
    to_year: int = 2025,
    tolerance: str | None = None,
) -> TargetSpec:
    return TargetSpec(
        code="x",
        kind=kind,
        comparator=comparator,
        value=None if value is None else Decimal(value),
        value_high=None if high is None else Decimal(high),
        unit=unit,
        from_year=from_year,
        to_year=to_year,
        indicator="chỉ tiêu",
        tolerance_pct=None if tolerance is None else Decimal(tolerance),
    )


@pytest.mark.parametrize(
    ("target", "meaning"),
    [
        # The examples of the issue, word for word.
        (spec("level", "approx", "6650", "triệu USD"), "Đến năm 2025 đạt khoảng 6.650 triệu USD"),
        (
            spec("annual", "ge", "2000", "đảng viên/năm", from_year=2021),
            "Mỗi năm 2021–2025 đạt ít nhất 2.000 đảng viên/năm",
        ),
        (spec("level", "lt", "3", "%"), "Đến năm 2025 dưới 3%"),
        (
            spec("avg_growth", "range", "3", "%/năm", high="3.5", from_year=2021),
            "Bình quân 2021–2025 tăng từ 3 đến 3,5%/năm",
        ),
        (
            spec("increase", "ge", "50", "sản phẩm", from_year=2021),
            "Giai đoạn 2021–2025 có thêm ít nhất 50 sản phẩm",
        ),
        (
            spec("annual_reduction", "ge", "5", "%/năm", from_year=2021),
            "Mỗi năm 2021–2025 giảm ít nhất 5% so với năm trước",
        ),
        (spec("milestone", None, None), "Hoàn thành chậm nhất năm 2025"),
        (spec("qualitative", None, None, from_year=2021), "Đánh giá định tính giai đoạn 2021–2025"),
        # The other comparators and kinds.
        (spec("level", "ge", "65", "%"), "Đến năm 2025 đạt ít nhất 65%"),
        (
            spec("level", "gt", "4.4", "triệu lượt khách"),
            "Đến năm 2025 đạt trên 4,4 triệu lượt khách",
        ),
        (spec("level", "le", "1.5", "%"), "Đến năm 2025 không quá 1,5%"),
        (spec("level", "range", "8", "điểm", high="10"), "Đến năm 2025 đạt từ 8 đến 10 điểm"),
        (spec("level", "eq", "16", "đô thị"), "Đến năm 2025 đạt 16 đô thị (sai lệch không quá 5%)"),
        (
            spec("level", "eq", "16", "đô thị", tolerance="2.5"),
            "Đến năm 2025 đạt 16 đô thị (sai lệch không quá 2,5%)",
        ),
        (
            spec("level", "ge", "51990.563", "tỷ đồng"),
            "Đến năm 2025 đạt ít nhất 51.990,563 tỷ đồng",
        ),
        (spec("annual", "lt", "3", "%", from_year=2021), "Mỗi năm 2021–2025 dưới 3%"),
        (
            spec("maintain", "ge", "95", "%", from_year=2021),
            "Mỗi năm 2021–2025 duy trì ít nhất 95%",
        ),
        (spec("maintain", None, None, from_year=2021), "Đánh giá định tính giai đoạn 2021–2025"),
        (spec("qualitative", None, None), "Đánh giá định tính đến năm 2025"),
        (
            spec("annual_reduction", "gt", "3", "%/năm", from_year=2021),
            "Mỗi năm 2021–2025 giảm trên 3% so với năm trước",
        ),
        (
            spec("avg_growth", "ge", "7", "%/năm", from_year=2021),
            "Bình quân 2021–2025 tăng ít nhất 7%/năm",
        ),
        (
            spec("increase", "approx", "25", "chuỗi", from_year=2021),
            "Giai đoạn 2021–2025 có thêm khoảng 25 chuỗi",
        ),
        (spec("level", "ge", "1", ""), "Đến năm 2025 đạt ít nhất 1"),
    ],
)
def test_target_meaning(target: TargetSpec, meaning: str) -> None:
    assert target_meaning(target) == meaning


def test_amounts_use_the_vietnamese_number_format() -> None:
    assert amount(Decimal("6650"), "triệu USD") == "6.650 triệu USD"
    assert amount(Decimal("3.5"), "%") == "3,5%"
    assert amount(Decimal("100"), "% chỉ tiêu") == "100% chỉ tiêu"
    assert amount(Decimal("6650.000000"), "") == "6.650"
    assert span(Decimal("3"), Decimal("3.5"), "%/năm") == "3–3,5%/năm"
    assert figure_amount(value=Decimal("4.4"), unit="triệu lượt khách", qualifier="more_than") == (
        "hơn 4,4 triệu lượt khách"
    )
    assert (
        figure_amount(value=Decimal("4500"), unit="tỷ đồng", qualifier="about")
        == "khoảng 4.500 tỷ đồng"
    )


def test_periods_and_year_lists() -> None:
    assert period(2021, 2025) == "2021–2025"
    assert period(None, 2025) == "2025"
    assert years_text([2023]) == "2023"
    assert years_text([2021, 2023, 2024]) == "2021, 2023 và 2024"


# --------------------------------------------------------------------------------------------
# English


@pytest.mark.parametrize(
    ("target", "meaning"),
    [
        (spec("level", "approx", "6650", "triệu USD"), "By 2025, about 6,650 million USD"),
        (
            spec("annual", "ge", "2000", "đảng viên/năm", from_year=2021),
            "Each year 2021–2025, at least 2,000 Party members/year",
        ),
        (spec("level", "lt", "3", "%"), "By 2025, below 3%"),
        (
            spec("avg_growth", "range", "3", "%/năm", high="3.5", from_year=2021),
            "Average growth of 3–3.5%/year over 2021–2025",
        ),
        (
            spec("increase", "ge", "50", "sản phẩm", from_year=2021),
            "An increase of at least 50 products over 2021–2025",
        ),
        (
            spec("annual_reduction", "ge", "5", "%/năm", from_year=2021),
            "Each year 2021–2025, a fall of at least 5% on the year before",
        ),
        (spec("milestone", None, None), "Completed by 2025 at the latest"),
        (
            spec("qualitative", None, None, from_year=2021),
            "Qualitative assessment for 2021–2025",
        ),
        (spec("qualitative", None, None), "Qualitative assessment by 2025"),
        (
            spec("level", "gt", "4.4", "triệu lượt khách"),
            "By 2025, more than 4.4 million visitors",
        ),
        (spec("level", "le", "1.5", "%"), "By 2025, at most 1.5%"),
        (
            spec("level", "eq", "16", "đô thị", tolerance="2.5"),
            "By 2025, 16 urban areas (within 2.5%)",
        ),
        (spec("level", "ge", "1", "khu công nghiệp"), "By 2025, at least 1 industrial park"),
        (
            spec("level", "ge", "51990.563", "tỷ đồng"),
            "By 2025, at least 51,990.563 billion VND",
        ),
        (
            spec("maintain", "ge", "95", "%", from_year=2021),
            "Each year 2021–2025, maintain at least 95%",
        ),
        (
            spec("level", "ge", "115", "xã (trên 181 xã)"),
            "By 2025, at least 115 communes (of 181 communes)",
        ),
        (spec("level", "ge", "3", "đơn vị tự đặt"), "By 2025, at least 3 đơn vị tự đặt"),
    ],
)
def test_target_meaning_in_english(target: TargetSpec, meaning: str) -> None:
    assert target_meaning(target, "en") == meaning
    assert target_meaning(target, "en-GB") == meaning


def test_english_numbers_units_and_years() -> None:
    assert en.format_number(Decimal("6650.000000")) == "6,650"
    assert en.format_number(Decimal("1234567.25")) == "1,234,567.25"
    assert en.format_number(Decimal("-0.50")) == "-0.5"
    assert en.format_number(Decimal("0.000")) == "0"
    assert en.amount(Decimal("3.5"), "%/năm") == "3.5%/year"
    assert en.amount(Decimal("6650"), "triệu USD") == "6,650 million USD"
    assert en.amount(Decimal("1"), "sản phẩm") == "1 product"
    assert en.amount(Decimal("2"), "ha/năm") == "2 ha/year"
    assert en.span(Decimal("3"), Decimal("3.5"), "%/năm") == "3–3.5%/year"
    assert en.figure_amount(
        value=Decimal("4.4"), unit="triệu lượt khách", qualifier="more_than"
    ) == ("more than 4.4 million visitors")
    assert en.years_text([2021, 2023, 2024]) == "2021, 2023 and 2024"


def test_status_and_figure_type_labels_in_both_languages() -> None:
    assert [status_label(s, "en") for s in Status] == [
        "Exceeded",
        "Achieved",
        "Not achieved",
        "On track",
        "At risk",
        "No data",
        "Needs assessment",
    ]
    assert [status_label(s) for s in Status] == [STATUS_LABELS[s] for s in Status]
    assert status_label("at_risk", "vi") == "Khó đạt"
    assert figure_type_label("estimate", "en") == "estimate"
    assert figure_type_label("official") == "số chính thức"


def test_language_codes_are_read_loosely() -> None:
    assert [language(c) for c in ("en", "EN", "en-us", "en_GB", "vi", "vi-VN", "", None, "fr")] == [
        "en",
        "en",
        "en",
        "en",
        "vi",
        "vi",
        "vi",
        "vi",
        "vi",
    ]
