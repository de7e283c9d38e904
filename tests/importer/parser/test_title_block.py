"""Stage 2c, the title block and the signature, and what they say about the plan."""

from __future__ import annotations

from tiendo.importer.parser.lines import Placement, read_lines
from tiendo.importer.parser.title_block import (
    TitleBlock,
    issuing_body,
    plan_code,
    plan_term,
    plan_title,
    province,
    read_signer,
    read_title_block,
    sentence_case,
    yearly_plan,
)

HEAD = """\
ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY LẠNG SƠN | Lạng Sơn, ngày 6 tháng 11 năm 2020
Số 23-CTr/TU

CHƯƠNG TRÌNH HÀNH ĐỘNG
THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH LẠNG SƠN LẦN THỨ XVII
NHIỆM KỲ 2020 - 2025
(Dự thảo trình Hội nghị Ban Chấp hành Đảng bộ tỉnh)

Căn cứ Nghị quyết Đại hội.
I- MỤC TIÊU
- Độ che phủ rừng đạt 65%.

T/M TỈNH ỦY
BÍ THƯ
Nguyễn Văn A
"""


def test_the_head_and_the_foot_of_a_document() -> None:
    source = read_lines(HEAD)
    placement = Placement()
    block, body_start = read_title_block(source, placement)
    assert block.number == "23-CTr/TU"
    assert (block.place, block.issue_date) == ("Lạng Sơn", "2020-11-06")
    assert block.issuer_line == "TỈNH ỦY LẠNG SƠN"
    assert block.title_lines == [
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH LẠNG SƠN LẦN THỨ XVII",
        "NHIỆM KỲ 2020 - 2025",
        "(Dự thảo trình Hội nghị Ban Chấp hành Đảng bộ tỉnh)",  # the bracketed subtitle
    ]
    assert source.numbered(body_start, len(source.clean))[0] == (10, "Căn cứ Nghị quyết Đại hội.")
    signer_start = read_signer(source, block, placement)
    assert source.clean[signer_start] == "T/M TỈNH ỦY"
    assert block.signer == "T/M TỈNH ỦY, BÍ THƯ, Nguyễn Văn A"
    assert placement.lines == {n: "metadata" for n in (1, 2, 3, 5, 6, 7, 8, 14, 15, 16)}


def test_a_document_without_a_signature() -> None:
    source = read_lines("NGHỊ QUYẾT\n\n- Đạt 5%.\n")
    block, _ = read_title_block(source, Placement())
    assert read_signer(source, block, Placement()) == len(source.clean)
    assert block.signer is None


def test_the_title_in_sentence_case() -> None:
    assert plan_title(
        [
            "CHƯƠNG TRÌNH HÀNH ĐỘNG",
            "THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH LẠNG SƠN LẦN THỨ XVII",
            "Về phát triển du lịch",
        ]
    ) == (
        "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVII "
        "về phát triển du lịch"
    )
    assert sentence_case("ĐẠI HỘI LẦN THỨ VI", True) == "Đại hội lần thứ VI"
    assert sentence_case("VI PHẠM", True) == "Vi phạm"  # "vi" is a word unless it counts


def test_the_term_sets_the_years() -> None:
    warnings: list[str] = []
    # a Party term: periods start the year after the congress
    assert plan_term("Chương trình nhiệm kỳ 2020 - 2025", "", "", warnings) == ((2020, 2025), 2021)
    # a five-year period starts in its first year; the title wins over the body
    assert plan_term("Kế hoạch 5 năm 2021-2025", "", "nhiệm kỳ 2015 - 2020", warnings) == (
        (2021, 2025),
        2021,
    )
    assert plan_term("Nghị quyết", "giai đoạn 2021 - 2025", "", warnings) == ((2021, 2025), 2021)
    assert warnings == []
    # only "đến năm 2030": five years up to it, and the reviewer is told
    assert plan_term("Nghị quyết", "", "phấn đấu đến năm 2030 đạt", warnings) == (
        (2025, 2030),
        2026,
    )
    assert warnings == ["Không thấy nhiệm kỳ: lấy giai đoạn 2026 - 2030 theo “đến năm 2030”."]
    assert plan_term("Biên bản", "", "nhiệm kỳ 2010 - 2030", []) == (None, 0)  # too long a term


def test_a_report_of_a_congress_names_the_past_term_and_its_own() -> None:
    # the title names none; the body reports 2020-2025 and sets 2026-2030: the latest is the plan's
    body = "Nhiệm kỳ 2020-2025, GRDP tăng 6,8%/năm. Giai đoạn 2026-2030, đặt mục tiêu 9%-10%/năm."
    assert plan_term("Ông A dự và chỉ đạo đại hội", "", body, []) == ((2026, 2030), 2026)
    # ten-year strategies do not count against a five-year term
    body = "nhiệm kỳ 2020 - 2025 … chiến lược giai đoạn 2021 - 2030"
    assert plan_term("Nghị quyết", "", body, []) == ((2020, 2025), 2021)
    # the title still wins
    assert plan_term("Đại hội nhiệm kỳ 2020 - 2025", "", "giai đoạn 2026 - 2030", []) == (
        (2020, 2025),
        2021,
    )


def test_without_a_term_the_earliest_deadline_sets_it() -> None:
    warnings: list[str] = []
    body = "trở thành tỉnh phát triển trước năm 2030 và đạt chuẩn nông thôn mới trước năm 2025"
    assert plan_term("Khai mạc đại hội", "", body, warnings) == ((2020, 2025), 2021)
    assert warnings == ["Không thấy nhiệm kỳ: lấy giai đoạn 2021 - 2025 theo “trước năm 2025”."]


def test_the_names_of_communes_and_wards_keep_their_capitals() -> None:
    assert sentence_case("ĐẠI HỘI ĐẢNG BỘ XÃ HÒA BÌNH LẦN THỨ I", True) == (
        "Đại hội Đảng bộ xã Hòa Bình lần thứ I"
    )
    assert sentence_case(
        "NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ PHƯỜNG TAM THẮNG, NHIỆM KỲ 2025 - 2030", True
    ) == ("Nghị quyết Đại hội Đảng bộ phường Tam Thắng, nhiệm kỳ 2025 - 2030")


def test_the_place() -> None:
    assert province("Đảng bộ tỉnh Lạng Sơn lần thứ XVII") == "Lạng Sơn"
    assert province("thành phố Hà Nội, nhiệm kỳ 2020 - 2025") == "Hà Nội"
    assert province("huyện Chợ Mới") is None
    assert province("huyện Chợ Mới giai đoạn 2021 - 2025", districts=True) == "Chợ Mới"


def test_the_code() -> None:
    title = ["CHƯƠNG TRÌNH HÀNH ĐỘNG", "THỰC HIỆN NGHỊ QUYẾT"]
    assert plan_code(None, title, "Lạng Sơn", (2020, 2025)) == (
        "chuong-trinh-hanh-dong-lang-son-2020-2025"
    )
    assert plan_code(None, [], None, (2020, 2025)) == "ke-hoach-2020-2025"
    assert plan_code("lang-son-2020", title, None, (2020, 2025)) == "lang-son-2020"
    assert plan_code("Mã Thử 1", title, None, (2020, 2025)) == "ma-thu-1"
    assert plan_code("!!!", title, None, (2020, 2025)) == "ke-hoach"


def test_the_issuing_body() -> None:
    assert (
        issuing_body(
            TitleBlock(title_lines=["CHƯƠNG TRÌNH"]),
            "Ban Chấp hành Đảng bộ tỉnh ban hành",
            "Lạng Sơn",
        )
        == "Ban Chấp hành Đảng bộ tỉnh Lạng Sơn"
    )
    assert (
        issuing_body(
            TitleBlock(title_lines=["NGHỊ QUYẾT"], issuer_line="HUYỆN ỦY CHỢ MỚI"), "", None
        )
        == "Huyện ủy Chợ Mới"
    )
    assert (
        issuing_body(
            TitleBlock(title_lines=["X"], issuer_line="ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"), "", None
        )
        == "Ủy ban nhân dân tỉnh Cao Bằng"
    )
    assert issuing_body(TitleBlock(title_lines=["CHƯƠNG TRÌNH"]), "", None) is None


def test_a_plan_of_one_year() -> None:
    assert plan_term("KẾ HOẠCH KINH TẾ - XÃ HỘI NĂM 2022", "", "", []) == ((2022, 2022), 2022)
    assert plan_term("12 chỉ tiêu phát triển kinh tế - xã hội năm 2021", "", "", []) == (
        (2021, 2021),
        2021,
    )
    # "đến năm" is a deadline, not the year of the plan
    assert plan_term("Các chỉ tiêu chủ yếu đến năm 2025", "", "giai đoạn 2021 - 2025", []) == (
        (2021, 2025),
        2021,
    )
    assert yearly_plan("trong kế hoạch phát triển KTXH năm 2021; trong đó") == 2021
    assert yearly_plan("các chỉ tiêu chủ yếu đến năm 2030") is None
