"""Cues: the comparator and the kind of target that the words around a number tell."""

from __future__ import annotations

import pytest

from tiendo.importer.parser.cues import (
    MAINTAIN_RE,
    MILESTONE_RE,
    STATUS_RE,
    comparator_after,
    comparator_before,
    comparator_before_why,
    is_less_better,
    is_sector,
    is_term_flow,
    kind_cue,
    kind_cue_why,
    term_total_why,
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


def test_tu_2200_dang_vien_moi_tro_len() -> None:
    """ "trở lên" a word or two after the number and its unit is still the comparator."""
    assert comparator_after(" mới trở lên;") == "ge!"
    assert comparator_after(" chỉ tiêu trở lên.") == "ge!"
    assert comparator_after(" mới trở xuống") == "le"
    assert comparator_after(" số chi bộ hoàn thành tốt nhiệm vụ trở lên") is None  # too far


def test_hoan_thanh_tot_nhiem_vu_tro_len() -> None:
    """ "trở lên" after a rating ("nhiệm vụ", "loại", "mức", "hạng") qualifies the rating."""
    assert comparator_after(" tốt nhiệm vụ trở lên") is None
    assert comparator_after(" xếp loại trở lên") is None


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


# --- One test per phrase: the rules for the genre as it is written (issue 16) ------------------


def _kind_why(lead: str, unit: str = "%", after: str = "", annual: bool = False) -> tuple:
    return kind_cue_why(
        lead=lead,
        tail=" ".join(lead.split()[-9:]),
        unit=unit,
        after=after,
        percent=unit.startswith("%"),
        annual_context=annual,
    )


def test_tang_binh_quan_moi_nam_tu_x_tro_len_is_avg_growth_ge() -> None:
    assert _kind_why("Thu ngân sách tăng bình quân mỗi năm từ ", after=" trở lên") == (
        "avg_growth",
        "bình quân",
    )
    assert comparator_before("tăng bình quân mỗi năm từ ") is None
    assert comparator_after(" trở lên") == "ge!"


def test_x_phan_tram_nam_is_avg_growth() -> None:
    assert _kind_why("tốc độ tăng giá trị sản phẩm ", unit="%/năm") == ("avg_growth", "%/năm")
    assert _kind_why("Kinh tế số ", unit="%/năm")[0] == "avg_growth"


def test_hang_nam_tang_x_is_avg_growth() -> None:
    assert _kind_why("GRDP bình quân đầu người hàng năm tăng ")[0] == "avg_growth"
    assert _kind_why("Thu ngân sách trên địa bàn hằng năm tăng từ ")[0] == "avg_growth"


def test_tang_x_tro_len_moi_nam_is_avg_growth() -> None:
    assert _kind_why("GRDP tăng từ ", after=" trở lên mỗi năm, quy mô") == (
        "avg_growth",
        "tăng … mỗi năm",
    )
    # without "mỗi năm" the growth is a level reached ("thu ngân sách sẽ tăng 50%")
    assert _kind_why("thu ngân sách sẽ tăng ")[0] is None


def test_binh_quan_5_nam_of_a_growth_rate_is_avg_growth() -> None:
    assert _kind_why("tốc độ tăng trưởng kinh tế bình quân 5 năm đạt ")[0] == "avg_growth"
    assert _kind_why("Tăng trưởng kinh tế (GRDP) bình quân 5 năm giai đoạn 2021 - 2025 đạt ")[
        0
    ] == ("avg_growth")


def test_binh_quan_5_nam_chiem_x_of_grdp_is_a_share() -> None:
    assert _kind_why("tổng vốn đầu tư xã hội bình quân 5 năm chiếm ", unit="% GRDP") == (
        "level",
        "chiếm",
    )


def test_toc_do_doi_moi_cong_nghe_x_is_avg_growth() -> None:
    assert _kind_why("Tốc độ đổi mới công nghệ > ") == ("avg_growth", "tốc độ")


def test_luy_ke_den_cuoi_nhiem_ky_is_increase() -> None:
    assert _kind_why("Lũy kế đến cuối nhiệm kỳ có ", unit="doanh nghiệp") == ("increase", "lũy kế")


def test_tang_them_is_increase() -> None:
    assert _kind_why("số căn hộ nhà ở xã hội tăng thêm ", unit="căn") == ("increase", "tăng thêm")


def test_hinh_thanh_cai_tao_nang_cap_n_is_increase() -> None:
    assert _kind_why("Hình thành ", unit="cụm công nghiệp")[0] == "increase"
    assert _kind_why("cải tạo và nâng cấp ", unit="tuyến")[0] == "increase"
    assert _kind_why("Bê tông hóa thêm ", unit="km")[0] == "increase"


def test_ty_trong_gia_tri_tang_them_is_a_share_not_an_increase() -> None:
    assert _kind_why("Tỷ trọng giá trị tăng thêm của kinh tế số trong GRDP là ") == (
        "level",
        "tỷ trọng",
    )


def test_ty_trong_dong_gop_cua_tfp_vao_tang_truong_is_a_share_not_growth() -> None:
    lead = "Tỷ trọng đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng khoảng "
    assert _kind_why(lead) == ("level", "tỷ trọng")
    assert _kind_why("Đóng góp của TFP vào tăng trưởng đạt khoảng ")[0] == "level"


def test_x_phan_tram_gdp_is_a_share_even_on_average() -> None:
    lead = "Tỷ lệ bội chi ngân sách nhà nước giai đoạn 2021-2025 bình quân "
    assert _kind_why(lead, unit="% GDP") == ("level", "% GDP: tỷ trọng")
    assert _kind_why("Chi đầu tư cho khoa học đạt bình quân trên ", unit="%/GRDP")[0] == "level"
    assert is_less_better("Tỷ lệ bội chi ngân sách nhà nước")


def test_a_five_year_total_of_investment_or_revenue_is_increase() -> None:
    assert _kind_why(
        "Tổng vốn đầu tư thực hiện trên địa bàn trong 5 năm đạt trên ", unit="tỷ đồng"
    ) == ("increase", "tổng trong 5 năm")
    assert _kind_why(
        "Tổng vốn đầu tư toàn xã hội giai đoạn 2021 - 2025 khoảng ", unit="nghìn tỷ đồng"
    )[0] == ("increase")
    assert term_total_why("Giai đoạn 2026-2030, Quảng Trị đặt mục tiêu … thu ngân sách") == (
        "Giai đoạn 2026-2030"
    )
    # with a year it is the level of that year
    assert _kind_why("Thu ngân sách đến năm 2030 đạt trên ", unit="tỷ đồng")[0] is None
    assert term_total_why("Đến năm 2030, trong 5 năm") == ""


def test_investment_or_revenue_without_a_period_is_a_level_the_reviewer_checks() -> None:
    lead = "Vốn đầu tư thực hiện trên địa bàn theo giá hiện hành "
    assert _kind_why(lead, unit="tỷ đồng")[0] is None
    assert is_term_flow(lead, "tỷ đồng")
    assert not is_term_flow("Thu nhập bình quân đầu người ", "triệu đồng")


def test_thu_nhap_binh_quan_dau_nguoi_trieu_dong_nam_is_a_level() -> None:
    assert _kind_why("thu nhập bình quân đầu người đạt ", unit="triệu đồng/năm")[0] is None
    assert _kind_why("GRDP bình quân đầu người (đến năm 2030) đạt ", unit="triệu đồng/năm")[0] is (
        None
    )


def test_so_khach_du_lich_luot_khach_nam_is_a_level() -> None:
    assert _kind_why("Số khách du lịch đạt từ ", unit="triệu lượt khách/năm")[0] is None
    # an action done every year stays yearly
    assert _kind_why("Giải quyết việc làm mới cho trên ", unit="nghìn lao động/năm")[0] == "annual"


def test_moi_nam_thanh_lap_moi_is_annual() -> None:
    assert _kind_why("Mỗi năm thành lập mới trên ", unit="doanh nghiệp") == ("annual", "mỗi năm")


def test_thuoc_nhom_n_tinh_is_a_rank_le() -> None:
    assert comparator_before_why("Đến năm 2030 thuộc nhóm ") == ("le", "thuộc nhóm")
    assert comparator_before("nằm trong top ") == "le"


def test_du_kien_is_a_projection_eq() -> None:
    assert comparator_before_why("Quy mô dân số của tỉnh dự kiến ") == ("eq", "dự kiến")
    assert comparator_before("dự kiến đạt ") == "ge!"


def test_khong_de_xay_ra_is_zero() -> None:
    assert comparator_before("phấn đấu không để xảy ra ") == "eq"


def test_a_sector_of_the_economic_structure() -> None:
    assert is_sector("công nghiệp - xây dựng chiếm ")
    assert is_sector("Công nghiệp xây dựng ")
    assert is_sector("; nông, lâm, thủy sản còn ")
    assert not is_sector("Kinh tế số chiếm ")


@pytest.mark.parametrize(
    ("clause", "status"),
    [
        ("đạt chuẩn nông thôn mới trước năm 2025", "nông thôn mới"),
        ("Long Xuyên phấn đấu xây dựng đạt nông thôn mới nâng cao", "nông thôn mới nâng cao"),
        ("trở thành đô thị loại V trước năm 2030", "đô thị loại V"),
        ("trở thành đơn vị hành chính đô thị trước năm 2030", "đơn vị hành chính đô thị"),
        ("cơ bản đạt phường văn minh đô thị kiểu mẫu", "phường văn minh đô thị kiểu mẫu"),
        ("hoàn thành nhiệm vụ xây dựng nông thôn mới vào năm 2024", "nông thôn mới"),
        ("Phấn đấu đạt tiêu chí nông thôn mới nâng cao", "nông thôn mới nâng cao"),
        ("Tỉnh đạt chuẩn nông thôn mới", "nông thôn mới"),
        ("xã Sơn Động trở thành phường trước năm 2030", "phường"),
        ("trở thành quận công nghiệp văn minh, hiện đại trước năm 2030", "quận"),
        ("thị xã đạt tiêu chuẩn đô thị loại III", "đô thị loại III"),
        ("Trà Vinh trở thành tỉnh phát triển trong nhóm đầu của khu vực", None),
        ("xây dựng Bắc Ninh trở thành thành phố trực thuộc Trung ương", None),
    ],
)
def test_dat_chuan_nong_thon_moi_and_other_statuses(clause: str, status: str | None) -> None:
    found = STATUS_RE.search(clause)
    assert ((found["status"] or found["unit"]) if found else None) == status


def test_be_tong_hoa_15_km_duong_is_increase() -> None:
    """Works counted in what is built ("nhựa hóa, bê tông hóa 15 km", "kiên cố hóa 20 km kênh
    mương", "làm mới 3 cầu") add up over the term; a share of them is the level reached."""
    assert _kind_why("Nhựa hóa, bê tông hóa ", unit="km") == ("increase", "bê tông hóa")
    assert _kind_why("Kiên cố hóa ", unit="km")[0] == "increase"
    assert _kind_why("làm mới ", unit="cầu")[0] == "increase"
    assert _kind_why("Bê tông hóa ", unit="%")[0] is None


def test_nang_suat_lao_dong_tang_tren_x_phan_tram_nam_is_avg_growth() -> None:
    """A percentage a year of a measure that is yearly by nature is its growth rate; the same
    measure in its own unit a year is the end year's level."""
    assert _kind_why("Năng suất lao động tăng trên ", unit="%/năm")[0] == "avg_growth"
    assert _kind_why("Doanh thu du lịch tăng ", unit="%/năm")[0] == "avg_growth"
    assert _kind_why("Số khách du lịch đạt ", unit="triệu lượt khách/năm")[0] is None


def test_ket_nap_60_dang_vien_moi_trong_nhiem_ky_is_increase() -> None:
    """A count "trong nhiệm kỳ", "trong 5 năm" is summed over the term; a share or an amount
    of money is not counted that way, and a year named in the lead makes it that year's level."""
    assert _kind_why("Kết nạp ", unit="đảng viên", after=" mới trong nhiệm kỳ.") == (
        "increase",
        "trong nhiệm kỳ",
    )
    assert _kind_why("Trong 5 năm đào tạo nghề cho ", unit="lao động")[0] == "increase"
    assert _kind_why("trồng mới rừng ", unit="ha", after=" trong giai đoạn 2026 - 2030")[0] == (
        "increase"
    )
    assert _kind_why("Trong nhiệm kỳ, tỷ lệ lao động qua đào tạo đạt ")[0] is None
    assert _kind_why("Kết nạp ", unit="đảng viên", after=" mới; trong nhiệm kỳ có")[0] is None


def test_dien_tich_cay_hang_nam_on_dinh_is_not_every_year() -> None:
    """ "cây hằng năm" is a kind of crop: its area "ổn định 1.200 ha" is a level to hold."""
    assert _kind_why("Diện tích gieo trồng cây hằng năm ổn định ", unit="ha")[0] is None
    assert _kind_why("Diện tích gieo trồng hằng năm đạt ", unit="ha")[0] == "annual"


def test_ket_nap_tu_15_dang_vien_tro_len_nam_is_annual() -> None:
    """ "/năm" after "trở lên" belongs to the unit: a count every year."""
    assert _kind_why("Kết nạp từ ", unit="đảng viên", after=" trở lên/năm.") == (
        "annual",
        "trở lên/năm",
    )
    assert _kind_why("Kết nạp từ ", unit="đảng viên", after=" trở lên.")[0] is None
