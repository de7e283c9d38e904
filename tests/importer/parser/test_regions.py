"""Stage 3a, target regions: which paragraphs and sentences are read for targets."""

from __future__ import annotations

import pytest

from tiendo.importer.parser.lines import Para, marker
from tiendo.importer.parser.regions import free_regions, is_free, reports_the_past
from tiendo.importer.parser.sections import Sections


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
