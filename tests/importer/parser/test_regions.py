"""Stage 3a, target regions: which paragraphs and sentences are read for targets."""

from __future__ import annotations

import pytest

from tiendo.importer.parser.lines import Para, marker
from tiendo.importer.parser.regions import (
    EVENT,
    NONE,
    PAST,
    TARGET,
    FreeReading,
    Stance,
    free_regions,
    is_free,
    reports_the_past,
    stance,
)
from tiendo.importer.parser.sections import Sections
from tiendo.importer.parser.title_block import PlanYears


def para(text: str, line: int) -> Para:
    kind, number, body_at = marker(text)
    return Para([line], [0], text, kind, number, body_at)


def test_a_document_without_programs_or_target_sections_is_read_whole() -> None:
    sections = Sections(
        loose=[
            (para("Căn cứ Nghị quyết số 15-NQ/TU.", 3), "preamble"),
            (para("Xét đề nghị của Ban Tuyên giáo.", 4), "preamble"),
            (para("Đến năm 2025, GRDP tăng 8%/năm.", 5), "preamble"),
            (para("- Căn cứ vào tình hình, tăng 5%.", 6), "other"),
        ]
    )
    assert is_free(sections)
    free_regions(sections)
    assert [(region, p.lines[0]) for region, p in sections.target_paras[None]] == [(0, 5), (0, 6)]
    assert [p.lines[0] for p, _ in sections.loose] == [3, 4]  # the legal grounds stay out


def test_a_document_with_a_program_or_a_target_section_is_not_free() -> None:
    assert not is_free(Sections(programs={1: {"number": 1, "title": "Kinh tế"}}))
    assert not is_free(Sections(region_count=1))


@pytest.mark.parametrize(
    ("sentence", "past"),
    [
        ("Nhiệm kỳ 2015 - 2020, GRDP tăng bình quân 7,2%/năm", True),
        ("Năm 2020, thu ngân sách ước đạt 3.500 tỷ đồng", True),
        ("Những năm qua, tỉnh đã đạt được nhiều kết quả", True),
        ("Năm 2019, thu 5 tỷ đồng", True),
        ("Đến năm 2025, GRDP tăng 7%", False),
        ("giai đoạn 2021 - 2025 tăng 7%", False),
        ("Năm 2019 so với đến năm 2025", False),  # "đến năm" looks ahead
    ],
)
def test_sentences_that_report_the_past(sentence: str, past: bool) -> None:
    assert reports_the_past(sentence, period_start=2021) is past


# --- Reading a free document by tense and period ------------------------------------------------

TERM_2030 = PlanYears(to_year=2030, period_start=2026)
TERM_2025 = PlanYears(to_year=2025, period_start=2021)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # setting targets
        ("Nhiệm kỳ 2025 - 2030, Đảng bộ xã phấn đấu tốc độ tăng 11%/năm", TARGET),
        ("Đại hội đề ra 22 chỉ tiêu chủ yếu", TARGET),
        (
            "Giai đoạn 2026-2030, Quảng Trị đặt mục tiêu tốc độ tăng trưởng GRDP đạt 9%-10%/năm",
            TARGET,
        ),
        ("Phường xác định nhiệm kỳ 2025-2030 là giai đoạn tạo bước đột phá", TARGET),
        ("Đến cuối năm 2030, thành phố có số căn hộ nhà ở xã hội tăng thêm 199.400 căn", TARGET),
        ("Nhiệm kỳ tới, Đảng bộ xã tập trung phát triển dịch vụ", TARGET),
        ("Phú Thọ sẽ không còn địa bàn trọng điểm", TARGET),
        ("Đại hội đã thông qua Nghị quyết với nhiều chỉ tiêu quan trọng", TARGET),
        # reporting the past
        ("giai đoạn 2020 – 2025, kinh tế tăng trưởng bình quân 13,5%/năm", PAST),
        ("Nhiệm kỳ qua, Đảng bộ và Nhân dân đã đạt được nhiều thành tựu", PAST),
        ("Quy mô nền kinh tế đến năm 2025 đạt 126.000 tỷ đồng", PAST),
        ("thu nhập bình quân đầu người năm 2019 đạt 46,9 triệu đồng", PAST),
        ("Trên địa bàn xã hiện có 131 doanh nghiệp", PAST),
        ("Xã được thành lập trên cơ sở sáp nhập 4 xã", PAST),
        ("hoàn thành và vượt hầu hết mục tiêu đề ra", PAST),
        ("hoàn thành thắng lợi các chỉ tiêu, nhiệm vụ Đại hội đã đặt ra", PAST),
        ("với quyết tâm chính trị cao, Đảng bộ đạt được những kết quả toàn diện", PAST),
        ("Nhiệm kỳ 2020-2025, tăng trưởng bình quân đạt 6,8%/năm; năm 2025 dự kiến tăng 8%", PAST),
        # the congress itself
        ("Chiều 15/10, sau 3 ngày làm việc, Đại hội đã bế mạc", EVENT),
        ("Đại hội triệu tập 438 đại biểu, đại diện cho trên 182.000 đảng viên", EVENT),
        ("Ban Chấp hành đã bầu Ban Thường vụ gồm 15 đồng chí", EVENT),
        # neither
        ("Tổng thu ngân sách đạt 225 tỷ đồng", NONE),
    ],
)
def test_the_stance_of_a_sentence(sentence: str, kind: str) -> None:
    assert stance(sentence, TERM_2030).kind == kind


def test_the_same_term_is_the_plan_in_a_document_of_that_term() -> None:
    # "Nhiệm kỳ 2020 - 2025" reports the past in 2025 and sets targets in 2020
    sentence = "Nhiệm kỳ 2020 - 2025, Đảng bộ xã phấn đấu tốc độ tăng trưởng 10%"
    assert stance(sentence, TERM_2025).kind == TARGET
    assert stance(sentence, TERM_2030) == Stance(TARGET, "phấn đấu", mixed=True)


def test_a_list_after_a_sentence_that_sets_targets_is_read_until_the_past_or_the_congress() -> None:
    reading = FreeReading(TERM_2030)
    kept = [
        reading.sentence(s)[0]
        for s in [
            "Đảng bộ xã có 47 chi bộ với 733 đảng viên",  # before any target: not read
            "Đại hội xác định một số chỉ tiêu cụ thể đến năm 2030:",
            "Tổng thu ngân sách đạt 225 tỷ đồng",  # carried on
            "Tỷ lệ hộ nghèo dưới 0,6%",  # carried on
            "Nhiệm kỳ qua, thu nhập đạt 60 triệu đồng",  # the past
            "Tỷ lệ trường đạt chuẩn 90%",  # after the past: not read
            "Đại hội đề ra 3 khâu đột phá",  # targets again
            "Chiều nay, 8 tổ thảo luận",  # the congress: not read
            "Số hộ có nhà kiên cố 95%",
        ]
    ]
    assert kept == [False, True, True, True, False, False, True, False, False]
    assert reading.sentence("Đến năm 2030 có 5 thôn kiểu mẫu") == (
        True,
        "câu có “Đến năm 2030”",
        False,
    )
    assert reading.sentence("Thu ngân sách 200 tỷ đồng")[1] == "tiếp theo câu có “Đến năm 2030”"


def test_a_sentence_with_both_is_read_part_by_part() -> None:
    reading = FreeReading(TERM_2030)
    sentence = "Nhiệm kỳ qua tăng trưởng 7%; nhiệm kỳ tới phấn đấu tăng 10%; thu nhập 90 triệu"
    assert reading.sentence(sentence) == (True, "", True)
    parts = [reading.part(p)[0] for p in sentence.split(";")]
    assert parts == [False, True, True]


def test_without_any_sentence_that_sets_targets_the_fallback_reads_all_but_the_past() -> None:
    reading = FreeReading(TERM_2030, fallback=True)
    assert reading.sentence("Tổng thu ngân sách đạt 225 tỷ đồng")[0]
    assert not reading.sentence("Nhiệm kỳ qua, thu ngân sách đạt 200 tỷ đồng")[0]


def test_the_items_of_a_list_after_de_ra_15_chi_tieu_colon_are_its_targets_not_doubtful() -> None:
    """ "Đảng bộ phường đề ra 15 chỉ tiêu chủ yếu:" then "+ …" items: each item is read as the
    list's, also after an item that names its own year, until a paragraph without a marker."""
    reading = FreeReading(TERM_2030)
    reading.paragraph(listed=False)
    assert reading.sentence("Nhiệm kỳ 2025-2030, Đảng bộ phường đề ra 15 chỉ tiêu chủ yếu:")[
        :2
    ] == (
        True,
        "câu có “đề ra”",
    )
    reasons = []
    for item in [
        "Tổng thu ngân sách trên địa bàn đến năm 2030 đạt 180 tỷ đồng",
        "Giá trị sản xuất thương mại - dịch vụ tăng bình quân 12%/năm",
    ]:
        reading.paragraph(listed=True)
        reasons.append(reading.sentence(item)[1])
    assert reasons == ["câu có “đến năm 2030”", "mục của danh sách sau câu có “đề ra”"]
    reading.paragraph(listed=False)  # prose again: carried on, and doubtful as before
    assert reading.sentence("Tỷ lệ trường đạt chuẩn 90%")[1] == "tiếp theo câu có “đến năm 2030”"
