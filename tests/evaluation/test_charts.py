"""The charts as a reader sees them: round ticks, a rate within 0–100%, no empty chart, the
projection drawn dashed where the data is old, words in the interface language, and bars by
status that read without colour."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tiendo.evaluation import engine
from tiendo.evaluation.charts import (
    BarSegment,
    axis_ticks,
    chart_data,
    chart_svg,
    status_bar_svg,
    status_swatch_svg,
)

D = Decimal


def spec(**kwargs: object) -> engine.TargetSpec:
    values: dict[str, object] = {
        "code": "1.1",
        "kind": "level",
        "comparator": "approx",
        "value": D(6650),
        "value_high": None,
        "from_year": None,
        "unit": "triệu USD",
        "to_year": 2025,
        "indicator": "Tổng kim ngạch xuất nhập khẩu",
        "term_from_year": 2020,
    }
    values.update(kwargs)
    return engine.TargetSpec(**values)  # type: ignore[arg-type]


def figure(year: int, value: str, kind: str = "official") -> engine.Figure:
    return engine.Figure(year=year, value=D(value), figure_type=kind)


def chart(target: engine.TargetSpec, figures: list[engine.Figure], as_of: int, lang: str = "vi"):
    evaluation = engine.evaluate_target(target=target, figures=figures, as_of_year=as_of)
    data = chart_data(
        spec=target,
        figures=figures,
        evaluation=evaluation,
        as_of_year=as_of,
        first_year=2020,
        lang=lang,
    )
    return evaluation, data


def tick_labels(svg: str) -> list[str]:
    return re.findall(r'text-anchor="end" dominant-baseline="middle">([^<]+)</text>', svg)


@pytest.mark.parametrize(
    ("low", "high", "rate", "expected"),
    [
        ("0", "7182", False, ["0", "2000", "4000", "6000", "8000"]),
        ("0", "6650", False, ["0", "2000", "4000", "6000", "8000"]),
        ("0", "1", False, ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        ("0", "12.2", True, ["0", "5", "10", "15"]),
        ("0", "99", True, ["0", "20", "40", "60", "80", "100"]),
        ("0", "100", True, ["0", "20", "40", "60", "80", "100"]),
        ("-1.5", "6.55", True, ["-2", "0", "2", "4", "6", "8"]),
        ("0", "215", False, ["0", "50", "100", "150", "200", "250"]),
    ],
)
def test_axis_ticks_are_round(low, high, rate, expected):
    ticks = axis_ticks(D(low), D(high), rate=rate)
    assert ticks == [D(e) for e in expected]
    assert ticks[0] <= D(low) and ticks[-1] >= D(high)


def test_the_axis_of_an_amount_is_labelled_with_round_vietnamese_numbers():
    _, data = chart(spec(), [figure(2021, "3100"), figure(2023, "4975")], 2023)
    assert data is not None
    assert tick_labels(chart_svg(data)) == ["0", "2.000", "4.000", "6.000", "8.000"]


def test_a_rate_stays_within_0_to_100_percent_and_its_ticks_say_percent():
    target = spec(code="2.3", comparator="ge", value=D(65), unit="%", indicator="Độ che phủ rừng")
    _, data = chart(target, [figure(2021, "63"), figure(2023, "64,5".replace(",", "."))], 2023)
    assert data is not None
    labels = tick_labels(chart_svg(data))
    assert labels == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert "65 %" not in chart_svg(data) and "Mục tiêu 65%" in chart_svg(data)


def test_no_chart_without_a_figure():
    _, data = chart(spec(), [], 2025)
    assert data is None, "an empty chart says nothing: none is drawn"
    _, later = chart(spec(), [figure(2026, "7000")], 2025)
    assert later is None, "figures after the as-of year are not drawn either"


def test_where_the_last_year_has_no_figure_the_projection_is_drawn_dashed():
    figures = [figure(2021, "3100"), figure(2022, "4000"), figure(2023, "4975")]
    evaluation, data = chart(spec(), figures, 2025)
    assert evaluation.status == engine.Status.NO_DATA
    assert evaluation.projection is not None and evaluation.projection.year == 2025
    assert data is not None and data.projection is not None
    svg = chart_svg(data)
    dashed = re.search(r'<line class="projection"[^>]*stroke-dasharray="6 4"', svg)
    assert dashed, "the projection is a dashed line"
    assert "Dự báo</text>" in svg, "the legend names it"
    value = engine.format_value(evaluation.projection.value.quantize(D("0.01")))
    assert f"Dự báo năm 2025: {value} triệu USD" in svg, "its <desc> and <title> say it in words"


def test_the_legend_lists_only_what_is_drawn():
    _, data = chart(spec(), [figure(2023, "4975")], 2023)
    assert data is not None and data.projection is None
    svg = chart_svg(data)
    assert "Dự báo</text>" not in svg and "Ước tính</text>" not in svg
    assert "Số chính thức / công bố</text>" in svg and "Mục tiêu</text>" in svg


def test_chart_words_in_english_and_the_vietnamese_ones_unchanged():
    figures = [figure(2021, "3100", "estimate"), figure(2022, "4000"), figure(2023, "4975")]
    _, vi = chart(spec(), figures, 2025, "vi")
    _, en = chart(spec(), figures, 2025, "en")
    assert vi is not None and en is not None
    vi_svg, en_svg = chart_svg(vi), chart_svg(en)
    assert "2021: 3.100 (ước tính); 2022: 4.000; 2023: 4.975. Mục tiêu 6.650 triệu USD" in vi_svg
    assert "2021: 3,100 (estimate); 2022: 4,000; 2023: 4,975. Target 6,650 million USD" in en_svg
    for word in ("Estimate</text>", "Target</text>", "Projection</text>", "Straight path</text>"):
        assert word in en_svg, word
    assert tick_labels(en_svg) == ["0", "2,000", "4,000", "6,000", "8,000"]
    for word in ("Mục tiêu", "Dự báo", "ước tính", "Ước tính"):
        assert word not in en_svg, word


def test_a_sparkline_is_small_and_keeps_the_dashed_projection():
    figures = [figure(2021, "3100"), figure(2022, "4000"), figure(2023, "4975")]
    _, data = chart(spec(), figures, 2025)
    assert data is not None
    svg = chart_svg(data, width=120, height=32, compact=True)
    assert 'width="120"' in svg and 'class="projection"' in svg
    assert "</text>" not in svg, "no axes or legend in a sparkline"
    assert '<title id="t-c-1-1-s">1.1. Tổng kim ngạch xuất nhập khẩu</title>' in svg


def test_a_bar_by_status_reads_without_colour():
    segments = [
        BarSegment("exceeded", "Vượt", 1),
        BarSegment("achieved", "Đạt", 0),
        BarSegment("not_achieved", "Không đạt", 3),
        BarSegment("no_data", "Chưa có số liệu", 8),
    ]
    svg = status_bar_svg(segments=segments, title="Chương trình 2, 12 chỉ tiêu", ident="p2")
    assert (
        '<title id="bt-p2">Chương trình 2, 12 chỉ tiêu: Vượt: 1; Không đạt: 3; '
        "Chưa có số liệu: 8</title>" in svg
    ), "the bar's name says every count in words"
    assert "<title>Đạt" not in svg, "a status with no target has no part"
    widths = [D(w) for w in re.findall(r'<rect x="[\d.]+%" y="0.5" width="([\d.]+)%"', svg)]
    assert [round(w) for w in widths] == [8, 25, 67], "each part as wide as its share"
    patterns = re.findall(r'<pattern id="bp-p2-(\w+)"', svg)
    assert patterns == ["exceeded", "not_achieved", "no_data"]
    assert len({m for m in re.findall(r"<pattern[^>]*>(.*?)</pattern>", svg)}) == 3, (
        "every status its own pattern, not only its own colour"
    )
    assert re.findall(r">(\d+)</text>", svg) == ["1", "3", "8"], "the counts are written in"
    swatch = status_swatch_svg(status="not_achieved")
    assert 'aria-hidden="true"' in swatch and "sw-not_achieved" in swatch
