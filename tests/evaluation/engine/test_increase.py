"""Increase over the period: the stock at the end minus the baseline stock."""

from __future__ import annotations

from tests.evaluation.engine.helpers import (
    ACHIEVED,
    EXCEEDED,
    NOT_ACHIEVED,
    D,
    Seed,
    evaluate_seed,
    fig,
    run,
    spec,
)
from tiendo.evaluation.engine import Projection, Status

OCOP = spec("increase", "ge", "50", unit="sản phẩm", from_year=2021)


def test_increase_boundaries() -> None:
    assert run(OCOP, [fig(2020, "11"), fig(2025, "61")]).status == ACHIEVED
    assert run(OCOP, [fig(2020, "11"), fig(2025, "60")]).status == NOT_ACHIEVED
    assert run(OCOP, [fig(2020, "11"), fig(2025, "62")]).status == EXCEEDED
    approx = spec("increase", "approx", "20", from_year=2021)
    assert run(approx, [fig(2020, "0"), fig(2025, "19")]).status == ACHIEVED
    assert run(approx, [fig(2020, "0"), fig(2025, "18.99")]).status == NOT_ACHIEVED


def test_increase_baseline_from_the_plan_wins() -> None:
    t = spec("increase", "ge", "50", from_year=2021, baseline=(2020, "20"))
    evaluation = run(t, [fig(2020, "11"), fig(2025, "70")])
    assert (evaluation.status, evaluation.judged_value) == (ACHIEVED, D("50"))


def test_increase_without_baseline_counts_from_the_earliest_figure_and_says_so() -> None:
    evaluation = run(OCOP, [fig(2022, "94"), fig(2025, "215")])
    assert (evaluation.status, evaluation.uncertain) == (EXCEEDED, True)
    assert "thiếu số liệu năm gốc 2020 nên tính mức tăng từ năm 2022" in evaluation.explanation
    evaluation = run(OCOP, [fig(2025, "215")])
    assert evaluation.status == Status.NO_DATA
    assert run(OCOP, [fig(2020, "11")], as_of=2023).status == Status.NO_DATA


def test_increase_before_the_end() -> None:
    # 5 years for 50: 10 a year; by 2022 (2 years) the path needs +20.
    assert run(OCOP, [fig(2020, "11"), fig(2022, "31")], as_of=2022).status == Status.ON_TRACK
    assert run(OCOP, [fig(2020, "11"), fig(2022, "30")], as_of=2022).status == Status.AT_RISK
    evaluation = run(OCOP, [fig(2020, "11"), fig(2022, "94")], as_of=2023)
    assert evaluation.projection == Projection(2025, D("218.5"), "straight_path")
    # The latest stock is 2022's: its progress (83 of 50) is the latest progress, not 2023's.
    assert (evaluation.judged_year, evaluation.latest_year) == (2023, 2022)
    assert evaluation.progress_pct is None
    assert evaluation.latest_progress_pct == D("166.0")
    assert run(OCOP, [fig(2020, "11"), fig(2022, "94")], as_of=2022).progress_pct == D("166.0")


def test_2_5_ocop_increase_is_exceeded(lang_son: Seed) -> None:
    evaluation = evaluate_seed(lang_son, "2.5", 2025)
    assert evaluation.status == EXCEEDED
    assert evaluation.judged_value == D("204")  # 215 − 11
    assert evaluation.progress_pct == D("408.0")
    assert [(f.year, f.value) for f in evaluation.used_figures] == [
        (2020, D("11")),
        (2025, D("215")),
    ]
    assert "tăng 204 sản phẩm" in evaluation.explanation
