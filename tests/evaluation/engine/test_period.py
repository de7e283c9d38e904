"""Figures for a period, and counts of units whose number changed (issue 15, item 6).

* A figure may describe a period (from_year … year): "giai đoạn 2021–2025 tăng bình quân
  6,14%/năm", "lũy kế 5 năm có thêm …". For an avg_growth or increase target, a period figure
  that covers the target's period decides, in preference to what the yearly figures give, and
  the explanation says so; among period figures the usual precedence holds.
* A count stated against a number of units ("115/181 xã") is judged on the count as stated; with
  the number of units existing each year given, the explanation adds the share.
"""

from __future__ import annotations

import pytest

from tests.evaluation.engine.helpers import D, Seed, evaluate_seed, fig, run, spec
from tiendo.evaluation.engine import (
    Figure,
    Status,
    evaluate_many,
    evaluate_target,
    evaluation_sentence,
    select_figures,
)
from tiendo.evaluation.engine import reasons as r
from tiendo.evaluation.engine.figures import select_period_figure

GROWTH = spec("avg_growth", "range", "3", high="3.5", unit="%/năm", from_year=2021)
OCOP = spec("increase", "ge", "50", unit="sản phẩm", from_year=2021)


def period(
    value: str,
    from_year: int = 2021,
    year: int = 2025,
    figure_type: str = "official",
    qualifier: str = "exact",
    order: int = 0,
) -> Figure:
    return Figure(
        year=year,
        value=D(value),
        figure_type=figure_type,
        qualifier=qualifier,
        order=order,
        from_year=from_year,
    )


def test_2_1_with_the_period_figure_6_14_is_exceeded(lang_son: Seed) -> None:
    targets, _ = lang_son
    evaluation = evaluate_target(target=targets["2.1"], figures=[period("6.14")], as_of_year=2025)
    assert evaluation.status == Status.EXCEEDED
    assert evaluation.explanation == (
        "Bình quân giai đoạn 2021–2025 tăng 6,14%/năm (số chính thức, số liệu của cả giai "
        "đoạn), vượt khoảng 3–3,5%/năm đề ra: vượt."
    )
    assert evaluation_sentence(evaluation, "en") == (
        "Average growth over 2021–2025 was 6.14%/year (official figure for the whole period), "
        "above the target range of 3–3.5%/year: exceeded."
    )
    assert (evaluation.latest_from_year, evaluation.latest_year) == (2021, 2025)
    assert evaluation.judged_value == D("6.14")
    assert evaluation.progress_pct == D("204.7")  # 6,14 / 3
    assert evaluation.years_missing == ()
    assert evaluation.used_figures == (period("6.14"),)
    assert evaluation.to_dict()["latest_from_year"] == 2021


def test_the_period_figure_wins_over_incomplete_yearly_figures(lang_son: Seed) -> None:
    targets, figures = lang_son
    yearly = figures["2.1"]  # 2023: 6,55 (reported), 2024: 2,78 (estimate): 2021, 2022, 2025 lack
    assert evaluate_seed(lang_son, "2.1", 2025).status == Status.NO_DATA
    evaluation = evaluate_target(
        target=targets["2.1"],
        figures=[*yearly, period("6.14", figure_type="reported")],
        as_of_year=2025,
    )
    assert evaluation.status == Status.EXCEEDED
    assert "dùng số liệu cả giai đoạn vì số liệu từng năm còn thiếu năm 2021, 2022 và 2025" in (
        evaluation.explanation
    )
    assert "the yearly figures lack 2021, 2022 and 2025" in evaluation_sentence(evaluation, "en")


def test_the_period_figure_wins_over_complete_yearly_figures_and_shows_both() -> None:
    # Yearly rates 2..4 give a mean of 2,8 (not achieved); the statistics office's figure for
    # the period is 3,1 (achieved): the figure for the period is the one the target is about.
    yearly = [fig(2021 + i, v) for i, v in enumerate(["2", "3", "4", "2", "3"])]
    evaluation = run(GROWTH, [*yearly, period("3.1")])
    assert evaluation.status == Status.ACHIEVED
    assert "dùng số liệu cả giai đoạn (số liệu từng năm cho bình quân 2,8%/năm)" in (
        evaluation.explanation
    )
    assert run(GROWTH, yearly).status == Status.NOT_ACHIEVED


def test_precedence_among_period_figures() -> None:
    figures = [
        period("2.5", figure_type="estimate", order=9),
        period("3.2", figure_type="reported", order=1),
        period("2.9", figure_type="reported", order=2),
    ]
    assert run(GROWTH, figures).status == Status.NOT_ACHIEVED  # latest reported: 2,9
    official = period("3.6", figure_type="official", order=0)
    for ordering in ([*figures, official], [official, *figures]):
        evaluation = run(GROWTH, ordering)
        assert (evaluation.status, evaluation.judged_value) == (Status.EXCEEDED, D("3.6"))


def test_only_a_figure_for_the_targets_own_period_counts() -> None:
    other_periods = [period("9", from_year=2020), period("9", year=2024), period("9", 2022)]
    evaluation = run(GROWTH, other_periods)
    assert evaluation.status == Status.NO_DATA
    assert evaluation.latest_year is None
    # Nor does a period figure count before the period is over (it is after the as-of year).
    assert run(GROWTH, [period("6.14")], as_of=2024).status == Status.NO_DATA
    # A period figure is never the figure of its last year for a level target either.
    level = spec("level", "ge", "3")
    assert run(level, [period("6.14")]).status == Status.NO_DATA
    assert select_figures([period("6.14"), fig(2025, "1")], as_of_year=2025)[2025].value == 1


def test_a_qualified_period_figure_is_judged_over_its_interval() -> None:
    evaluation = run(GROWTH, [period("2.9", qualifier="about")])  # 2,755 … 3,045
    assert (evaluation.status, evaluation.uncertain) == (Status.NOT_ACHIEVED, True)
    assert "số liệu giai đoạn 2021–2025 chỉ ghi “khoảng 2,9%/năm”" in evaluation.explanation
    assert "the 2021–2025 figure only says “about 2.9%/year”" in evaluation_sentence(
        evaluation, "en"
    )
    assert run(GROWTH, [period("3.5", qualifier="more_than")]).status == Status.EXCEEDED


def test_an_increase_over_the_period_decides_an_increase_target() -> None:
    # "lũy kế 5 năm có thêm 48 sản phẩm": the yearly stocks lack the baseline.
    evaluation = run(
        OCOP, [fig(2022, "94"), fig(2025, "215"), period("48", figure_type="reported")]
    )
    assert evaluation.status == Status.NOT_ACHIEVED
    assert evaluation.uncertain is False
    assert evaluation.explanation == (
        "Lũy kế giai đoạn 2021–2025 tăng thêm 48 sản phẩm (số báo cáo, số liệu của cả giai "
        "đoạn), chưa đạt mức tăng thêm 50 sản phẩm đề ra; dùng số liệu cả giai đoạn vì số liệu "
        "từng năm còn thiếu năm 2020: không đạt."
    )
    both = run(OCOP, [fig(2020, "11"), fig(2025, "215"), period("204")])
    assert both.status == Status.EXCEEDED
    assert "(số liệu từng năm cho mức tăng 204 sản phẩm)" in both.explanation
    assert "the yearly figures give an increase of 204 products" in evaluation_sentence(both, "en")


def test_a_period_figure_is_checked_when_built() -> None:
    assert Figure(year=2025, value=D(1), from_year=2025) == Figure(year=2025, value=D(1))
    assert period("1").is_period and not fig(2025, "1").is_period
    with pytest.raises(ValueError, match="after"):
        Figure(year=2021, value=D(1), from_year=2025)
    with pytest.raises(TypeError):
        Figure(year=2025, value=D(1), from_year="2021")  # type: ignore[arg-type]


def test_select_period_figure() -> None:
    figures = [
        period("1", order=1),
        period("2", order=2),
        period("3", from_year=2022),
        fig(2025, "4"),
    ]
    chosen = select_period_figure(figures, from_year=2021, to_year=2025, as_of_year=2025)
    assert chosen is not None and chosen.value == D("2")
    assert select_period_figure(figures, from_year=2021, to_year=2025, as_of_year=2024) is None
    assert select_period_figure([], from_year=2021, to_year=2025, as_of_year=2025) is None


# --------------------------------------------------------------------------------------------
# Counts of units whose number changed


def test_2_9_is_judged_on_the_count_and_shown_as_a_share_of_the_communes_then(
    lang_son: Seed,
) -> None:
    targets, figures = lang_son
    evaluation = evaluate_target(
        target=targets["2.9"],
        figures=figures["2.9"],
        as_of_year=2025,
        denominators={2020: 181, 2025: 175},
    )
    assert evaluation.status == Status.NOT_ACHIEVED  # 106 < 115, as stated
    assert evaluation.explanation == (
        "Năm 2025 đạt 106 xã (trên 181 xã) (số báo cáo), bằng 60,57% trong tổng số 175 xã có "
        "năm 2025, chưa đạt mức 115 xã (trên 181 xã) đề ra: không đạt."
    )
    assert "that is 60.57% of the 175 communes existing in 2025" in evaluation_sentence(
        evaluation, "en"
    )
    share = evaluation.reason.parts[0]
    assert isinstance(share, r.Reached) and share.share == r.UnitShare(
        2025, D("175"), D("60.57"), "xã"
    )
    # Without the number of units, the sentence is the one it always was.
    assert evaluate_seed(lang_son, "2.9", 2025).explanation == (
        "Năm 2025 đạt 106 xã (trên 181 xã) (số báo cáo), chưa đạt mức 115 xã (trên 181 xã) đề "
        "ra: không đạt."
    )


def test_the_share_is_of_the_units_existing_in_the_figures_year() -> None:
    communes = spec("level", "ge", "115", unit="xã (trên 181 xã)")
    figures = [fig(2020, "60"), fig(2023, "90")]
    units = {2020: D("181"), 2023: D("178"), 2025: D("65")}
    progress = evaluate_target(
        target=communes, figures=figures, as_of_year=2023, denominators=units
    )
    assert "bằng 50,56% trong tổng số 178 xã có năm 2023" in progress.explanation
    no_data = evaluate_target(target=communes, figures=figures, as_of_year=2025, denominators=units)
    assert no_data.status == Status.NO_DATA
    assert "số liệu gần nhất là năm 2023: 90 xã (trên 181 xã) (số chính thức), bằng 50,56%" in (
        no_data.explanation
    )
    annual = spec("annual", "ge", "10", unit="xã", from_year=2024)
    yearly = evaluate_target(
        target=annual,
        figures=[fig(2024, "12"), fig(2025, "13")],
        as_of_year=2025,
        denominators={2025: 65},
    )
    assert "Năm 2025 đạt 13 xã (số chính thức), bằng 20% trong tổng số 65 xã có năm 2025" in (
        yearly.explanation
    )
    # A rate is not a count: no share.
    rate = spec("level", "ge", "65", unit="%")
    assert "bằng" not in run(rate, [fig(2025, "70")]).explanation
    assert (
        "bằng"
        not in evaluate_target(
            target=rate, figures=[fig(2025, "70")], as_of_year=2025, denominators={2025: 65}
        ).explanation
    )


def test_denominators_by_code_and_bad_numbers_of_units() -> None:
    communes = spec("level", "ge", "115", unit="xã", code="2.9")
    [evaluation] = evaluate_many(
        targets=[communes],
        figures_by_code={"2.9": [fig(2025, "106")]},
        as_of_year=2025,
        denominators_by_code={"2.9": {2025: 175}},
    )
    assert "trong tổng số 175 xã" in evaluation.explanation
    for bad in ({2025: 0}, {2025: D("-1")}):
        with pytest.raises(ValueError):
            evaluate_target(target=communes, figures=[], as_of_year=2025, denominators=bad)
    with pytest.raises(TypeError):
        evaluate_target(target=communes, figures=[], as_of_year=2025, denominators={2025: 1.5})  # type: ignore[dict-item]
