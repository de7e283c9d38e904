"""Yearly targets: annual, maintain and annual_reduction."""

from __future__ import annotations

from tests.evaluation.engine.helpers import ACHIEVED, EXCEEDED, NOT_ACHIEVED, D, fig, run, spec
from tiendo.evaluation.engine import Assessment, Figure, Status

ANNUAL = spec("annual", "ge", "2000", unit="đảng viên/năm", from_year=2021)


def annual_figures(values: dict[int, str]) -> list[Figure]:
    return [fig(year, value) for year, value in values.items()]


def test_annual_every_year_met() -> None:
    evaluation = run(ANNUAL, annual_figures(dict.fromkeys(range(2021, 2026), "2000")))
    assert evaluation.status == ACHIEVED
    assert (evaluation.years_met, evaluation.years_missing) == (tuple(range(2021, 2026)), ())
    assert evaluation.to_dict()["years_met"] == 5 and evaluation.to_dict()["years_judged"] == 5
    assert "đạt yêu cầu cả 5/5 năm" in evaluation.explanation
    exceeded = run(ANNUAL, annual_figures(dict.fromkeys(range(2021, 2026), "2001")))
    assert exceeded.status == EXCEEDED


def test_annual_one_failed_year_fails_the_term() -> None:
    values = dict.fromkeys(range(2021, 2026), "2100") | {2023: "1999"}
    evaluation = run(ANNUAL, annual_figures(values))
    assert evaluation.status == NOT_ACHIEVED
    assert evaluation.years_met == (2021, 2022, 2024, 2025)
    assert evaluation.progress_pct == D("80.0")
    assert "không đạt năm 2023" in evaluation.explanation
    # Still failed when other years are missing.
    evaluation = run(ANNUAL, annual_figures({2021: "2100", 2023: "1999"}))
    assert evaluation.status == NOT_ACHIEVED
    assert evaluation.years_missing == (2022, 2024, 2025)


def test_annual_missing_year_at_the_end_is_no_data_not_met() -> None:
    values = dict.fromkeys([2021, 2022, 2024, 2025], "2100")
    evaluation = run(ANNUAL, annual_figures(values))
    assert evaluation.status == Status.NO_DATA
    assert evaluation.met is None
    assert evaluation.years_met == (2021, 2022, 2024, 2025)
    assert evaluation.years_missing == (2023,)
    assert "thiếu số liệu năm 2023 nên chưa kết luận được" in evaluation.explanation
    assert run(ANNUAL, []).status == Status.NO_DATA


def test_annual_before_the_last_year() -> None:
    evaluation = run(ANNUAL, annual_figures({2021: "2100", 2022: "2000"}), as_of=2023)
    assert evaluation.status == Status.ON_TRACK
    assert evaluation.years_missing == (2023,)
    evaluation = run(ANNUAL, annual_figures({2021: "2100", 2022: "1900"}), as_of=2023)
    assert evaluation.status == Status.AT_RISK
    assert run(ANNUAL, [], as_of=2023).status == Status.NO_DATA
    assert run(ANNUAL, annual_figures({2020: "2500"}), as_of=2020).status == Status.NO_DATA


def test_annual_le_and_eq() -> None:
    le = spec("annual", "le", "3", from_year=2024)
    assert run(le, annual_figures({2024: "3", 2025: "2"})).status == ACHIEVED
    assert run(le, annual_figures({2024: "3", 2025: "3.01"})).status == NOT_ACHIEVED
    eq = spec("annual", "eq", "100", from_year=2024)
    assert run(eq, annual_figures({2024: "95", 2025: "105"})).status == ACHIEVED
    assert run(eq, annual_figures({2024: "95", 2025: "105.01"})).status == NOT_ACHIEVED


def test_maintain_with_a_number_is_judged_every_year() -> None:
    t = spec("maintain", "ge", "95", from_year=2024)
    assert run(t, annual_figures({2024: "95", 2025: "96"})).status == ACHIEVED
    assert run(t, annual_figures({2024: "94", 2025: "96"})).status == NOT_ACHIEVED
    assert run(t, annual_figures({2024: "96", 2025: "96"})).status == EXCEEDED


def test_maintain_without_a_number_is_assessed() -> None:
    t = spec("maintain", None, None, from_year=2021)
    assert run(t, [fig(2025, "1")]).status == Status.NEEDS_ASSESSMENT
    assessed = run(t, [], assessments=[Assessment(status="achieved", reasons="Giữ vững.")])
    assert assessed.status == ACHIEVED


REDUCTION = spec("annual_reduction", "ge", "5", unit="%/năm", from_year=2021)


def test_reduction_exactly_five_percent_is_met() -> None:
    figures = annual_figures({2020: "400", 2021: "380", 2022: "361", 2023: "342.95"})
    evaluation = run(REDUCTION, figures, as_of=2023)
    assert evaluation.status == Status.ON_TRACK
    assert evaluation.years_met == (2021, 2022, 2023)
    assert evaluation.judged_value == D("5.00")
    assert "giảm 5% so với năm 2022" in evaluation.explanation
    figures[1] = fig(2021, "380.01")
    evaluation = run(REDUCTION, figures, as_of=2023)
    assert evaluation.status == Status.AT_RISK
    assert evaluation.years_met == (2022, 2023)


def test_reduction_boundaries_at_the_end() -> None:
    base = {2020: "100", 2021: "95", 2022: "90.25", 2023: "85", 2024: "80", 2025: "76"}
    assert run(REDUCTION, annual_figures(base)).status == ACHIEVED  # 2025: exactly 5 %
    assert run(REDUCTION, annual_figures(base | {2025: "75.99"})).status == ACHIEVED
    assert run(REDUCTION, annual_figures(base | {2025: "76.01"})).status == NOT_ACHIEVED
    everything = {2020: "100", 2021: "90", 2022: "80", 2023: "70", 2024: "60", 2025: "50"}
    assert run(REDUCTION, annual_figures(everything)).status == EXCEEDED


def test_reduction_needs_the_previous_year() -> None:
    # No 2020 count: 2021 cannot be judged; no 2022 count: neither 2022 nor 2023.
    figures = annual_figures({2021: "100", 2023: "90", 2024: "85"})
    evaluation = run(REDUCTION, figures, as_of=2024)
    assert evaluation.years_judged == (2024,)
    assert evaluation.years_missing == (2021, 2022, 2023)
    assert evaluation.status == Status.ON_TRACK
    assert "thiếu số liệu năm 2021, 2022 và 2023" in evaluation.explanation
    assert [f.year for f in evaluation.used_figures] == [2023, 2024]


def test_reduction_baseline_from_the_plan_and_zero_counts() -> None:
    t = spec("annual_reduction", "ge", "5", from_year=2021, baseline=(2020, "200"))
    assert run(t, annual_figures({2021: "190"}), as_of=2021).status == Status.ON_TRACK
    assert run(t, annual_figures({2021: "191"}), as_of=2021).status == Status.AT_RISK
    # Nothing left to reduce: staying at zero meets the target, any rise does not.
    assert (
        run(REDUCTION, annual_figures({2020: "0", 2021: "0"}), as_of=2021).status == Status.ON_TRACK
    )
    assert (
        run(REDUCTION, annual_figures({2020: "0", 2021: "1"}), as_of=2021).status == Status.AT_RISK
    )


def test_reduction_with_qualified_counts() -> None:
    # "hơn 100" the year before, 90 now: at least a 10 % fall, certainly ≥ 5 %.
    figures = [fig(2020, "100", qualifier="more_than"), fig(2021, "90")]
    evaluation = run(REDUCTION, figures, as_of=2021)
    assert (evaluation.status, evaluation.uncertain) == (Status.ON_TRACK, False)
    # "khoảng 96" now after 100: 0,8 % … 8,8 % fall: uncertain, verdict at 96 (4 %): behind.
    figures = [fig(2020, "100"), fig(2021, "96", qualifier="about")]
    evaluation = run(REDUCTION, figures, as_of=2021)
    assert (evaluation.status, evaluation.uncertain) == (Status.AT_RISK, True)
