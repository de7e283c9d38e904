"""Naming a target from the words around its number."""

from __future__ import annotations

import pytest

from tiendo.importer.parser.indicators import criteria_names, indicator_name, refine_indicator


@pytest.mark.parametrize(
    ("lead", "unit", "after", "percent", "name"),
    [
        (
            "Đến năm 2025, tổng kim ngạch xuất nhập khẩu qua địa bàn đạt khoảng ",
            "triệu USD",
            "",
            False,
            "Tổng kim ngạch xuất nhập khẩu qua địa bàn",
        ),
        ("có thêm ít nhất ", "sản phẩm", " OCOP đạt 3 sao", False, "Số sản phẩm OCOP đạt 3 sao"),
        ("", "%", " xã đạt chuẩn nông thôn mới", True, "Tỷ lệ xã đạt chuẩn nông thôn mới"),
        ("Phấn đấu đến năm 2025, toàn tỉnh có ", "xã", " đạt chuẩn", False, "Số xã đạt chuẩn"),
        (
            "Tỷ lệ hộ nghèo giảm bình quân ",
            "%/năm",
            " trở lên",
            True,
            "Tỷ lệ hộ nghèo giảm bình quân",
        ),
        ("Thu hút ", "triệu lượt khách", " du lịch", False, "Thu hút lượt khách du lịch"),
        ("kết nạp từ ", "đảng viên", " mới trở lên", False, "Kết nạp đảng viên mới"),
        (
            "lũy kế đến cuối nhiệm kỳ có thêm ",
            "xã",
            " đạt chuẩn nông thôn mới kiểu mẫu",
            False,
            "Số xã đạt chuẩn nông thôn mới kiểu mẫu",
        ),
        (
            "thêm ít nhất ",
            "sản phẩm",
            " OCOP đạt từ 3 sao trở lên",
            False,
            "Số sản phẩm OCOP đạt từ 3 sao trở lên",  # that "trở lên" is the stars'
        ),
        ("Cơ cấu kinh tế: nông nghiệp ", "%", "", True, "Cơ cấu kinh tế: nông nghiệp"),
        ("Duy trì ", "%", "", True, ""),  # nothing to name it by: the caller uses the source
    ],
)
def test_indicator_names(lead: str, unit: str, after: str, percent: bool, name: str) -> None:
    assert indicator_name(lead, unit, after, percent) == name


def test_a_later_quantity_is_named_from_the_first() -> None:
    head = "Tổng kim ngạch xuất nhập khẩu"
    assert refine_indicator("Xuất khẩu", head, "trong đó xuất khẩu ", True) == (
        "Tổng kim ngạch xuất nhập khẩu: xuất khẩu"
    )
    assert refine_indicator("Nhập khẩu", "Kim ngạch xuất khẩu", "nhập khẩu ", False) == "Nhập khẩu"
    assert refine_indicator("Số", "Số buồng lưu trú", " có ", True) == "Số buồng lưu trú (có)"
    assert (
        refine_indicator(
            "Đạt chuẩn nông thôn mới nâng cao", "Tỷ lệ xã đạt chuẩn nông thôn mới", "", False
        )
        == "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao"
    )
    assert refine_indicator("Số xã đạt chuẩn", "Tỷ lệ", "", True) == "Số xã đạt chuẩn"
    assert refine_indicator("Tỷ lệ", "", "x", False) == "Tỷ lệ"  # no first name to borrow


def test_one_name_per_criterion() -> None:
    assert criteria_names("Giảm tai nạn giao thông", 3) == [
        "Số vụ tai nạn giao thông",
        "Số người chết do tai nạn giao thông",
        "Số người bị thương do tai nạn giao thông",
    ]
    assert criteria_names("giảm phạm pháp hình sự", 2) == [
        "Giảm phạm pháp hình sự (tiêu chí 1/2)",
        "Giảm phạm pháp hình sự (tiêu chí 2/2)",
    ]
