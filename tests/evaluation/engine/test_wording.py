"""The target's meaning in Vietnamese words (pure: no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tiendo.evaluation.engine import TargetSpec
from tiendo.evaluation.engine.wording import (
    amount,
    figure_amount,
    period,
    span,
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
