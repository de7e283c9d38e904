"""Stage 3b, clauses: a target paragraph cut into clauses; a clause into one span per quantity."""

from __future__ import annotations

from tiendo.importer.parser.clauses import (
    Clause,
    blank_baselines,
    inline_items,
    paragraph_clauses,
    period,
    quantity_spans,
)
from tiendo.importer.parser.lines import Para, marker
from tiendo.importer.parser.quantities import find_quantities


def para(text: str) -> Para:
    kind, number, body_at = marker(text)
    return Para([1], [0], text, kind, number, body_at)


def _clauses(
    text: str, *, year: int | None = None, annual: bool = False, skip_past: bool = False
) -> list[Clause]:
    return list(
        paragraph_clauses(
            para(text), year=year, annual=annual, period_start=2021, skip_past=skip_past
        )
    )


def test_a_paragraph_is_cut_at_sentences_and_semicolons() -> None:
    text = (
        "- Đến năm 2030, tỷ lệ đô thị hóa đạt 40% (năm 2020: 30%); GRDP tăng 7%/năm. "
        "Hằng năm, giảm 3% hộ nghèo; cơ cấu: nông nghiệp 20%, dịch vụ 45%."
    )
    clauses = _clauses(text)
    assert [(c.text.strip(), c.year, c.annual, c.share) for c in clauses] == [
        # the baseline of 2020 is blanked out; the year holds for the clauses after it
        ("Đến năm 2030, tỷ lệ đô thị hóa đạt 40%", 2030, False, False),
        ("GRDP tăng 7%/năm.", 2030, False, False),
        ("Hằng năm, giảm 3% hộ nghèo", 2030, True, False),
        ("cơ cấu: nông nghiệp 20%, dịch vụ 45%.", 2030, True, True),
    ]
    # offsets into the paragraph; the blanked baseline keeps its length
    first = clauses[0]
    assert text[first.start : first.start + len(first.text)] == (
        "Đến năm 2030, tỷ lệ đô thị hóa đạt 40% (năm 2020: 30%)"
    )
    assert all(text[c.start : c.start + len(c.text)] == c.text for c in clauses[1:])


def test_inline_items_and_what_an_intro_carries_in() -> None:
    text = "Về kinh tế: (1) Tăng trưởng 7%. (2) GRDP 8.300 USD; (3) Kinh tế số 30%."
    assert [text[s:e] for s, e in inline_items(text, 0)] == [
        "Về kinh tế:",  # the words before the first item are read too (they may set the context)
        "Tăng trưởng 7%.",
        "GRDP 8.300 USD;",
        "Kinh tế số 30%.",
    ]
    assert [(c.text, c.year, c.annual) for c in _clauses(text, year=2027, annual=True)] == [
        ("Về kinh tế:", 2027, True),
        ("Tăng trưởng 7%.", 2027, True),
        ("GRDP 8.300 USD", 2027, True),
        ("Kinh tế số 30%.", 2027, True),
    ]
    assert inline_items("Không có mục nào", 0) == [(0, 16)]


def test_an_item_run_on_after_the_stop_of_the_one_before_is_an_item() -> None:
    text = "(6) Tỷ lệ trường đạt chuẩn đạt 100%.(7) Giá trị sản xuất đạt 200 triệu đồng trở lên."
    assert [text[s:e] for s, e in inline_items(text, 4)] == [
        "Tỷ lệ trường đạt chuẩn đạt 100%.",
        "Giá trị sản xuất đạt 200 triệu đồng trở lên.",
    ]


def test_sentences_about_the_past_are_skipped_when_asked() -> None:
    text = "Nhiệm kỳ 2015 - 2020, GRDP tăng 7,2%/năm. Đến năm 2025, GRDP tăng 8%/năm."
    assert [c.text for c in _clauses(text, skip_past=True)] == ["Đến năm 2025, GRDP tăng 8%/năm."]
    assert len(_clauses(text)) == 2


def test_baselines_and_periods() -> None:
    assert blank_baselines("đạt 65% (năm 2020: 60%)", 2021) == "đạt 65%" + " " * 16
    assert blank_baselines("đạt 65% (năm 2025: 70%)", 2021) == "đạt 65% (năm 2025: 70%)"
    assert period("bình quân giai đoạn 2021 - 2025") == (2021, 2025)
    assert period("giai đoạn 2020–2025") == (2021, 2025)  # a Party term: from the year after
    assert period("giai đoạn 2021 - 2035") is None
    assert period("đến năm 2025") is None


def _own_words(segment: str) -> list[tuple[str, str]]:
    quantities = find_quantities(segment)
    spans = quantity_spans(segment, quantities)
    return [
        (segment[a : q.start], segment[q.unit_end : b])
        for (a, b), q in zip(spans, quantities, strict=True)
    ]


def test_each_quantity_gets_its_own_words() -> None:
    assert _own_words(
        "tổng kim ngạch đạt khoảng 6.650 triệu USD, trong đó xuất khẩu 3.890 triệu USD "
        "và nhập khẩu 2.760 triệu USD"
    ) == [("tổng kim ngạch đạt khoảng ", ","), ("xuất khẩu ", ""), ("nhập khẩu ", "")]
    # without a delimiter the first quantity ends at its unit
    assert _own_words("đạt 5% 10 tấn") == [("đạt ", ""), (" ", "")]
    # an opening bracket parts them too
    assert _own_words("có 1.100 buồng 3 sao (chiếm 20%)") == [("có ", " 3 sao "), ("chiếm ", ")")]


def test_bare_1_paren_2_paren_inline_items_are_items_when_they_count_on() -> None:
    """ "… 10 chỉ tiêu: 1) Tổng giá trị …; 2) Thu nhập …": before, "1" was read as a target."""
    text = "Đề ra 10 chỉ tiêu: 1) Tổng giá trị tăng 9%/năm; 2) Thu nhập đạt 90 triệu đồng."
    assert [text[s:e] for s, e in inline_items(text, 0)] == [
        "Đề ra 10 chỉ tiêu:",
        "Tổng giá trị tăng 9%/năm;",
        "Thu nhập đạt 90 triệu đồng.",
    ]
    # numbers that do not count on one by one, or not before a capital, are no items
    ages = "Trẻ em (từ 3 đến 18) được học; 5) Tỷ lệ đạt 90%."
    assert inline_items(ages, 0) == [(0, len(ages))]
