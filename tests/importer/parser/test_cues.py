"""Cues: the comparator and the kind of target that the words around a number tell."""

from __future__ import annotations

import pytest

from tiendo.importer.parser.cues import (
    MAINTAIN_RE,
    MILESTONE_RE,
    comparator_after,
    comparator_before,
    is_less_better,
    kind_cue,
)


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


def test_comparator_cues_across_a_bracket_and_a_colon() -> None:
    assert comparator_before("đạt (") == "ge!"
    assert comparator_before("Tỷ lệ: ") == "ge!"
    assert comparator_before("tăng thêm ") == "ge!"
    assert comparator_before("~") == "approx"


def test_kind_cues_from_the_words_after_and_the_context() -> None:
    assert (
        kind_cue(
            lead="Tỷ lệ hộ nghèo giảm ",
            tail="giảm ",
            unit="%",
            after=" so với năm trước",
            percent=True,
            annual_context=False,
        )
        == "annual_reduction"
    )
    assert _kind("Thu ngân sách hằng năm tăng ") == "avg_growth"
    assert _kind("Lũy kế ", unit="doanh nghiệp") == "increase"
    # a sentence that starts "Hằng năm," makes its amounts yearly
    assert _kind("Kim ngạch đạt ", unit="triệu USD", annual=True) == "annual"


@pytest.mark.parametrize(
    ("start", "maintain", "milestone"),
    [
        ("Duy trì 100% xã đạt chuẩn", True, False),
        ("Tiếp tục duy trì phổ cập", True, False),
        ("giữ ổn định tỷ lệ", True, False),
        ("Hoàn thành xây dựng cầu", False, True),
        ("Đưa vào sử dụng cầu Kỳ Cùng", False, True),
        ("Khởi công dự án", False, True),
        ("Xây dựng xong trụ sở", False, True),
        ("Thành lập mới 5 hợp tác xã", False, True),
        ("Hoàn thiện thể chế", False, False),
    ],
)
def test_clauses_that_hold_a_level_or_set_a_milestone(
    start: str, maintain: bool, milestone: bool
) -> None:
    assert bool(MAINTAIN_RE.match(start)) is maintain
    assert bool(MILESTONE_RE.match(start)) is milestone
