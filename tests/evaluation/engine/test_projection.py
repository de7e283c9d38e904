"""Projections to the target's last year."""

from __future__ import annotations

from tests.evaluation.engine.helpers import D, fig, run, spec
from tiendo.evaluation.engine import Projection
from tiendo.evaluation.engine.projection import project, project_mean, trend


def test_projection_linear_trend_from_three_figures_else_straight_path() -> None:
    t = spec("level", "ge", "100")
    evaluation = run(t, [fig(2020, "10"), fig(2021, "20"), fig(2022, "30")], as_of=2022)
    assert evaluation.projection == Projection(2025, D("60"), "linear_trend")
    assert "theo xu hướng tuyến tính" in evaluation.explanation
    # Least squares: 2020=10, 2021=30, 2022=20 → slope 5, mean 20 at 2021 → 2025: 40.
    evaluation = run(t, [fig(2020, "10"), fig(2021, "30"), fig(2022, "20")], as_of=2022)
    assert evaluation.projection == Projection(2025, D("40"), "linear_trend")
    evaluation = run(t, [fig(2020, "10"), fig(2022, "30")], as_of=2022)
    assert evaluation.projection == Projection(2025, D("60"), "straight_path")
    assert "theo đường thẳng" in evaluation.explanation
    # A projection of a falling rate stops at zero.
    evaluation = run(spec("level", "lt", "3"), [fig(2020, "10"), fig(2022, "2")], as_of=2022)
    assert evaluation.projection == Projection(2025, D("0"), "straight_path")
    assert run(t, [fig(2022, "30")], as_of=2022).projection is None
    assert run(t, [fig(2020, "10"), fig(2025, "30")], as_of=2025).projection is None


# --------------------------------------------------------------------------------------------
# The stage itself


def test_trend_is_the_least_squares_line() -> None:
    points = [(2020, D("10")), (2021, D("30")), (2022, D("20"))]
    assert trend(points, 2025) == D("40")
    assert trend([(2020, D("11")), (2022, D("94"))], 2025) == D("218.5")


def test_project_needs_two_points_and_stays_at_or_above_zero() -> None:
    assert project([(2022, D("5"))], 2025) is None
    assert project([(2020, D("11")), (2022, D("94"))], 2025) == Projection(
        2025, D("218.5"), "straight_path"
    )
    assert project([(2020, D("10")), (2022, D("2"))], 2025) == Projection(
        2025, D("0"), "straight_path"
    )
    # A series that already has negative values may be projected below zero.
    assert project([(2020, D("1")), (2022, D("-1"))], 2025) == Projection(
        2025, D("-4"), "straight_path"
    )


def test_project_mean_fills_the_missing_years_with_the_trend_of_the_rates() -> None:
    t = spec("avg_growth", "ge", "3", unit="%/năm", from_year=2021)
    rates = {2021: fig(2021, "2"), 2022: fig(2022, "3"), 2023: fig(2023, "4")}
    assert project_mean(t, rates) == Projection(2025, D("4"), "linear_trend")
    two = {2021: fig(2021, "2"), 2023: fig(2023, "5")}
    assert project_mean(t, two) == Projection(2025, D("3.50"), "straight_path")
