"""Average growth (avg_growth): the mean of the yearly rates against the target."""

from __future__ import annotations

import pytest

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

GROWTH = spec("avg_growth", "range", "3", high="3.5", unit="%/năm", from_year=2021)


@pytest.mark.parametrize(
    ("rates", "expected"),
    [
        (["3", "3", "3", "3", "3"], ACHIEVED),
        (["1", "1", "7", "3", "3"], ACHIEVED),  # mean exactly 3
        (["3.5", "3.5", "3.5", "3.5", "3.5"], ACHIEVED),  # mean exactly 3,5
        (["3.5", "3.5", "3.5", "3.5", "3.51"], EXCEEDED),
        (["3", "3", "3", "3", "2.99"], NOT_ACHIEVED),
        (["2.9", "3.1", "3.1", "2.9", "3"], ACHIEVED),
    ],
)
def test_avg_growth_mean_against_the_range(rates: list[str], expected: Status) -> None:
    figures = [fig(2021 + i, r) for i, r in enumerate(rates)]
    assert run(GROWTH, figures).status == expected


def test_avg_growth_before_the_end_and_projection() -> None:
    figures = [fig(2021, "2"), fig(2022, "3"), fig(2023, "4")]
    evaluation = run(GROWTH, figures, as_of=2023)
    assert evaluation.status == Status.ON_TRACK  # mean 3
    # Trend of the rates: 2024 = 5, 2025 = 6, so the mean of 2..6 is 4.
    assert evaluation.projection == Projection(2025, D("4"), "linear_trend")
    assert run(GROWTH, figures[:2], as_of=2023).status == Status.AT_RISK  # mean 2,5
    ge = spec("avg_growth", "ge", "7", unit="%/năm", from_year=2021)
    assert run(ge, [fig(2021, "7"), fig(2022, "7")]).status == Status.NO_DATA
    assert run(ge, [fig(2021 + i, "7") for i in range(5)]).status == ACHIEVED
    lt = spec("avg_growth", "lt", "2", unit="%/năm", from_year=2024)
    assert run(lt, [fig(2024, "1"), fig(2025, "3")]).status == NOT_ACHIEVED  # mean 2
    assert run(lt, [fig(2024, "1"), fig(2025, "2.99")]).status == ACHIEVED  # mean 1,995


def test_2_1_growth_2023_2024_is_on_track_as_of_2024(lang_son: Seed) -> None:
    # Mean of the years reported so far: (6,55 + 2,78) / 2 = 4,665 ≥ 3, so on track; 2021
    # and 2022 are missing and 2024 is an estimate, all said.
    evaluation = evaluate_seed(lang_son, "2.1", 2024)
    assert evaluation.status == Status.ON_TRACK
    assert evaluation.judged_value == D("4.67")
    assert evaluation.years_judged == (2023, 2024)
    assert evaluation.years_missing == (2021, 2022)
    assert evaluation.to_dict()["estimate"] is True
    assert "thiếu số liệu năm 2021 và 2022" in evaluation.explanation
    assert "năm 2024 là số ước tính" in evaluation.explanation
    assert evaluation.projection == Projection(2025, D("4.67"), "straight_path")
    # At the end of the term, with years still missing, no verdict on the mean.
    assert evaluate_seed(lang_son, "2.1", 2025).status == Status.NO_DATA
