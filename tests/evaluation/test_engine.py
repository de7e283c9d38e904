"""The evaluation engine: every kind × comparator, the data conventions, worked examples.

Pure Python: no database. The worked examples read the real figures of ../shared/data.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from tiendo.evaluation.engine import (
    STATUS_LABELS,
    Assessment,
    Evaluation,
    Figure,
    Projection,
    Status,
    TargetSpec,
    evaluate_many,
    evaluate_target,
    format_value,
    select_figures,
    summarize,
)

D = Decimal


def spec(
    kind: str = "level",
    comparator: str | None = "ge",
    value: str | None = "100",
    *,
    high: str | None = None,
    unit: str = "%",
    from_year: int | None = None,
    to_year: int = 2025,
    tolerance: str | None = None,
    baseline: tuple[int, str] | None = None,
    term_from_year: int | None = 2020,
    code: str = "t",
) -> TargetSpec:
    return TargetSpec(
        code=code,
        kind=kind,
        comparator=comparator,
        value=None if value is None else D(value),
        value_high=None if high is None else D(high),
        unit=unit,
        from_year=from_year,
        to_year=to_year,
        indicator="chỉ tiêu thử",
        baseline_value=None if baseline is None else D(baseline[1]),
        baseline_year=None if baseline is None else baseline[0],
        tolerance_pct=None if tolerance is None else D(tolerance),
        term_from_year=term_from_year,
    )


def fig(
    year: int, value: str, figure_type: str = "official", qualifier: str = "exact", order: int = 0
) -> Figure:
    return Figure(
        year=year, value=D(value), figure_type=figure_type, qualifier=qualifier, order=order
    )


def run(
    target: TargetSpec,
    figures: Sequence[Figure],
    as_of: int = 2025,
    assessments: Sequence[Assessment] = (),
) -> Evaluation:
    return evaluate_target(
        target=target, figures=figures, as_of_year=as_of, assessments=assessments
    )


def final_status(target: TargetSpec, value: str, qualifier: str = "exact") -> Status:
    return run(target, [fig(target.to_year, value, qualifier=qualifier)]).status


def one_sentence(text: str) -> bool:
    return text.endswith(".") and ". " not in text and text[0].isupper()


# --------------------------------------------------------------------------------------------
# Comparators at their boundaries (level targets, judged on the last year's figure)

EXCEEDED, ACHIEVED, NOT_ACHIEVED = Status.EXCEEDED, Status.ACHIEVED, Status.NOT_ACHIEVED


@pytest.mark.parametrize(
    ("comparator", "target", "high", "tolerance", "value", "expected"),
    [
        # ge: met at T, exceeded above.
        ("ge", "65", None, None, "65", ACHIEVED),
        ("ge", "65", None, None, "65.01", EXCEEDED),
        ("ge", "65", None, None, "64.99", NOT_ACHIEVED),
        # gt: met only above T, never "exceeded".
        ("gt", "4.4", None, None, "4.4", NOT_ACHIEVED),
        ("gt", "4.4", None, None, "4.41", ACHIEVED),
        ("gt", "4.4", None, None, "44", ACHIEVED),
        ("gt", "4.4", None, None, "4.39", NOT_ACHIEVED),
        # le: met at or below T, never exceeded.
        ("le", "3", None, None, "3", ACHIEVED),
        ("le", "3", None, None, "2.99", ACHIEVED),
        ("le", "3", None, None, "0", ACHIEVED),
        ("le", "3", None, None, "3.01", NOT_ACHIEVED),
        # lt: met only below T.
        ("lt", "3", None, None, "3", NOT_ACHIEVED),
        ("lt", "3", None, None, "2.99", ACHIEVED),
        ("lt", "3", None, None, "3.01", NOT_ACHIEVED),
        # approx (±5 %): met from T·0,95, exceeded above T·1,05.
        ("approx", "6650", None, None, "6317.5", ACHIEVED),
        ("approx", "6650", None, None, "6317.49", NOT_ACHIEVED),
        ("approx", "6650", None, None, "6650", ACHIEVED),
        ("approx", "6650", None, None, "6982.5", ACHIEVED),
        ("approx", "6650", None, None, "6982.51", EXCEEDED),
        # approx with the target's own tolerance (10 %).
        ("approx", "6650", None, "10", "5985", ACHIEVED),
        ("approx", "6650", None, "10", "5984.99", NOT_ACHIEVED),
        ("approx", "6650", None, "10", "7315", ACHIEVED),
        ("approx", "6650", None, "10", "7315.01", EXCEEDED),
        # range [lo, hi]: met from lo, exceeded above hi.
        ("range", "2", "4", None, "2", ACHIEVED),
        ("range", "2", "4", None, "1.99", NOT_ACHIEVED),
        ("range", "2", "4", None, "3", ACHIEVED),
        ("range", "2", "4", None, "4", ACHIEVED),
        ("range", "2", "4", None, "4.01", EXCEEDED),
        ("range", "3", "3.5", None, "3.5", ACHIEVED),
        # eq: |v − T| ≤ T·5 %, never exceeded.
        ("eq", "16", None, None, "16", ACHIEVED),
        ("eq", "16", None, None, "15.2", ACHIEVED),
        ("eq", "16", None, None, "16.8", ACHIEVED),
        ("eq", "16", None, None, "15.19", NOT_ACHIEVED),
        ("eq", "16", None, None, "16.81", NOT_ACHIEVED),
        ("eq", "16", None, "1", "16.16", ACHIEVED),
        ("eq", "16", None, "1", "16.17", NOT_ACHIEVED),
    ],
)
def test_comparator_boundaries(
    comparator: str,
    target: str,
    high: str | None,
    tolerance: str | None,
    value: str,
    expected: Status,
) -> None:
    t = spec("level", comparator, target, high=high, tolerance=tolerance)
    evaluation = run(t, [fig(2025, value)])
    assert evaluation.status == expected
    assert evaluation.met is (expected != NOT_ACHIEVED)
    assert evaluation.uncertain is False
    assert one_sentence(evaluation.explanation), evaluation.explanation


def test_labels_and_met() -> None:
    assert STATUS_LABELS == {
        Status.EXCEEDED: "Vượt",
        Status.ACHIEVED: "Đạt",
        Status.NOT_ACHIEVED: "Không đạt",
        Status.ON_TRACK: "Có khả năng đạt",
        Status.AT_RISK: "Khó đạt",
        Status.NO_DATA: "Chưa có số liệu",
        Status.NEEDS_ASSESSMENT: "Cần đánh giá",
    }
    assert Status.AT_RISK.label == "Khó đạt"
    assert STATUS_LABELS["achieved"] == "Đạt"  # type: ignore[index]  # plain strings work too
    assert run(spec(), [fig(2025, "100")], as_of=2025).met is True
    assert run(spec(), [fig(2024, "100")], as_of=2024).met is None


# --------------------------------------------------------------------------------------------
# Which figure counts


def test_official_beats_estimate_regardless_of_row_order() -> None:
    t = spec("level", "lt", "3")
    estimate, official = (
        fig(2025, "1.36", "estimate", order=9),
        fig(2025, "2.32", "official", order=1),
    )
    for figures in ([estimate, official], [official, estimate]):
        evaluation = run(t, figures)
        assert evaluation.latest_value == D("2.32")
        assert evaluation.latest_figure_type == "official"
        assert evaluation.to_dict()["estimate"] is False


def test_latest_of_the_best_type_wins() -> None:
    figures = [
        fig(2025, "70", "reported", order=5),
        fig(2025, "50", "estimate", order=9),
        fig(2025, "60", "reported", order=7),
    ]
    assert select_figures(figures, as_of_year=2025)[2025].value == D("60")
    figures.append(fig(2025, "40", "official", order=1))
    figures.append(fig(2025, "45", "official", order=2))
    assert select_figures(reversed(figures), as_of_year=2025)[2025].value == D("45")


def test_estimate_used_and_flagged_when_no_official() -> None:
    evaluation = run(spec("level", "lt", "3"), [fig(2025, "1.36", "estimate")])
    assert evaluation.status == ACHIEVED
    assert evaluation.latest_figure_type == "estimate"
    assert evaluation.to_dict()["estimate"] is True
    assert "số ước tính" in evaluation.explanation


def test_figures_after_as_of_are_ignored() -> None:
    t = spec("level", "ge", "100")
    figures = [fig(2023, "90"), fig(2025, "120"), fig(2026, "130")]
    assert run(t, figures, as_of=2024).latest_year == 2023
    evaluation = run(
        t, [fig(2025, "90", "estimate"), fig(2025, "120", "official", order=1)], as_of=2025
    )
    assert evaluation.latest_value == D("120")
    # A later year's figure never stands in for the last year's.
    evaluation = run(t, [fig(2024, "90"), fig(2026, "130")], as_of=2026)
    assert evaluation.status == Status.NO_DATA
    assert evaluation.explanation.startswith(
        "Chưa có số liệu năm 2025; số liệu gần nhất là năm 2026"
    )


# --------------------------------------------------------------------------------------------
# Qualifiers


def test_more_than_at_the_target_is_certainly_above_it() -> None:
    gt = spec("level", "gt", "4.4", unit="triệu lượt khách")
    evaluation = run(gt, [fig(2025, "4.4", "reported", "more_than")])
    assert (evaluation.status, evaluation.uncertain) == (ACHIEVED, False)
    ge = spec("level", "ge", "4.4")
    assert run(ge, [fig(2025, "4.4", qualifier="more_than")]).status == EXCEEDED


def test_more_than_below_the_target_is_uncertain() -> None:
    evaluation = run(
        spec("level", "ge", "5200", unit="tỷ đồng"), [fig(2025, "5000", "reported", "more_than")]
    )
    assert (evaluation.status, evaluation.uncertain) == (NOT_ACHIEVED, True)
    assert "chỉ ghi “hơn 5.000 tỷ đồng”" in evaluation.explanation
    assert "chưa chắc chắn" in evaluation.explanation
    # Above a ceiling nothing is certain but failure.
    assert (
        run(spec("level", "le", "3"), [fig(2025, "3", qualifier="more_than")]).status
    ) == NOT_ACHIEVED
    assert run(spec("level", "le", "3"), [fig(2025, "2", qualifier="more_than")]).uncertain is True
    below = run(spec("level", "lt", "3"), [fig(2025, "2", qualifier="more_than")])
    assert (below.status, below.uncertain) == (ACHIEVED, True)


def test_about_is_judged_over_plus_minus_five_percent() -> None:
    gt = spec("level", "gt", "5200", unit="tỷ đồng")
    evaluation = run(gt, [fig(2025, "4500", "reported", "about")])
    assert (evaluation.status, evaluation.uncertain) == (NOT_ACHIEVED, False)
    # 5.000 ± 250 straddles 5.200: the verdict at 5.000 (not met), flagged uncertain.
    evaluation = run(gt, [fig(2025, "5000", qualifier="about")])
    assert (evaluation.status, evaluation.uncertain) == (NOT_ACHIEVED, True)
    evaluation = run(gt, [fig(2025, "5300", qualifier="about")])
    assert (evaluation.status, evaluation.uncertain) == (ACHIEVED, True)
    evaluation = run(gt, [fig(2025, "5500", qualifier="about")])  # 5.225 … 5.775
    assert (evaluation.status, evaluation.uncertain) == (ACHIEVED, False)
    # khoảng 100 is 95 … 105: against ge 95 it is met at 95 and exceeded above, so the
    # verdict at 100 (exceeded) is given, uncertain; against ge 94,99 it is certainly exceeded.
    edge = run(spec("level", "ge", "95"), [fig(2025, "100", qualifier="about")])
    assert (edge.status, edge.uncertain) == (EXCEEDED, True)
    edge = run(spec("level", "ge", "94.99"), [fig(2025, "100", qualifier="about")])
    assert (edge.status, edge.uncertain) == (EXCEEDED, False)
    edge = run(spec("level", "lt", "95"), [fig(2025, "100", qualifier="about")])
    assert (edge.status, edge.uncertain) == (NOT_ACHIEVED, False)


# --------------------------------------------------------------------------------------------
# Worked examples: the real figures of ../shared/data/lang-son-reported-figures.csv


@pytest.fixture
def lang_son(shared_dir: Path) -> tuple[dict[str, TargetSpec], dict[str, list[Figure]]]:
    targets: dict[str, TargetSpec] = {}
    with (shared_dir / "seed" / "lang-son-2020-2025-targets.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            targets[row["code"]] = TargetSpec(
                code=row["code"],
                kind=row["kind"],
                comparator=row["comparator"] or None,
                value=D(row["value"]) if row["value"] else None,
                value_high=D(row["value_high"]) if row["value_high"] else None,
                unit=row["unit"],
                from_year=int(row["from_year"]) if row["from_year"] else None,
                to_year=int(row["to_year"]),
                indicator=row["indicator"],
                term_from_year=2020,
            )
    figures: dict[str, list[Figure]] = {}
    with (shared_dir / "data" / "lang-son-reported-figures.csv").open(encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            figures.setdefault(row["code"], []).append(
                Figure(
                    year=int(row["year"]),
                    value=D(row["value"]),
                    figure_type=row["figure"],
                    qualifier=row["qualifier"] or "exact",
                    order=line,
                )
            )
    return targets, figures


Seed = tuple[dict[str, TargetSpec], dict[str, list[Figure]]]


def evaluate_seed(seed: Seed, code: str, as_of: int) -> Evaluation:
    targets, figures = seed
    return run(targets[code], figures[code], as_of)


def test_every_seed_target_evaluates(lang_son: Seed) -> None:
    targets, figures = lang_son
    assert len(targets) == 53
    for as_of in (2020, 2023, 2025, 2026):
        evaluations = evaluate_many(
            targets=targets.values(),
            figures_by_code=figures,
            assessments_by_code={},
            as_of_year=as_of,
        )
        assert [e.code for e in evaluations] == list(targets)
        for evaluation in evaluations:
            assert one_sentence(evaluation.explanation), evaluation.explanation
            json.dumps(evaluation.to_dict())


def test_5_6_poverty_official_2_32_beats_estimate_1_36(lang_son: Seed) -> None:
    evaluation = evaluate_seed(lang_son, "5.6", 2025)
    assert evaluation.status == ACHIEVED
    assert (evaluation.latest_value, evaluation.latest_figure_type) == (D("2.32"), "official")
    assert evaluation.explanation == "Năm 2025 đạt 2,32% (số chính thức), dưới mức 3% đề ra: đạt."
    assert evaluation.progress_pct == D("129.3")  # 3 / 2,32
    assert evaluation.target_text == "Đến năm 2025 dưới 3%"


def test_5_6_poverty_in_2024_is_ahead_of_the_straight_path(lang_son: Seed) -> None:
    # No 2020 figure (the standard changed in 2021): the path runs from 12,2 % in 2021.
    evaluation = evaluate_seed(lang_son, "5.6", 2024)
    assert evaluation.status == Status.ON_TRACK
    assert "12,2% (số báo cáo) năm 2021" in evaluation.explanation
    assert "mốc năm 2024: 5,3%" in evaluation.explanation  # 12,2 − 3/4·(12,2 − 3)
    assert evaluation.projection == Projection(2025, D("0.41"), "straight_path")


def test_2_9_new_rural_communes_2025_not_achieved(lang_son: Seed) -> None:
    evaluation = evaluate_seed(lang_son, "2.9", 2025)
    assert evaluation.status == NOT_ACHIEVED
    assert evaluation.latest_value == D("106")


def test_3_1_more_than_4_4_against_above_4_4_is_certainly_met(lang_son: Seed) -> None:
    evaluation = evaluate_seed(lang_son, "3.1", 2025)
    assert (evaluation.status, evaluation.uncertain) == (ACHIEVED, False)
    assert evaluation.latest_qualifier == "more_than"
    assert "hơn 4,4 triệu lượt khách (số báo cáo)" in evaluation.explanation


def test_3_2_about_4_500_against_above_5_200_is_not_met(lang_son: Seed) -> None:
    evaluation = evaluate_seed(lang_son, "3.2", 2025)
    assert (evaluation.status, evaluation.uncertain) == (NOT_ACHIEVED, False)
    assert "khoảng 4.500 tỷ đồng" in evaluation.explanation


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


def test_1_1_trade_in_2023_without_a_baseline_is_compared_with_the_target(lang_son: Seed) -> None:
    evaluation = evaluate_seed(lang_son, "1.1", 2023)
    assert evaluation.status == Status.AT_RISK  # 4.975 < 6.650·0,95 = 6.317,5
    assert (evaluation.latest_value, evaluation.latest_figure_type) == (D("4975"), "official")
    assert evaluation.progress_pct == D("74.8")
    assert (
        "chưa có số liệu năm gốc nên so trực tiếp với chỉ tiêu năm 2025" in evaluation.explanation
    )
    assert evaluation.projection is None
    # With a 2020 baseline B (hypothetical, for the arithmetic) the straight path decides:
    # 2023 needs B + 3/5·(6.317,5 − B); with B = 3.000 that is 4.990,5 > 4.975 (behind); the
    # path meets 4.975 exactly at B = 2.961,25.
    targets, figures = lang_son

    def with_base(value: str) -> Evaluation:
        t = dataclasses.replace(targets["1.1"], baseline_value=D(value), baseline_year=2020)
        return run(t, figures["1.1"], 2023)

    assert with_base("3000").status == Status.AT_RISK
    assert "mốc năm 2023: 4.990,5 triệu USD" in with_base("3000").explanation
    assert with_base("2961.25").status == Status.ON_TRACK
    assert with_base("2961.26").status == Status.AT_RISK


# --------------------------------------------------------------------------------------------
# level before the last year: straight path, direction, baseline, projection


def test_level_straight_path_is_direction_aware() -> None:
    up = spec("level", "ge", "100", baseline=(2020, "50"))
    assert run(up, [fig(2023, "80")], as_of=2023).status == Status.ON_TRACK  # path 80
    assert run(up, [fig(2023, "79.99")], as_of=2023).status == Status.AT_RISK
    down = spec("level", "lt", "3", baseline=(2020, "13"))
    assert run(down, [fig(2023, "7")], as_of=2023).status == Status.ON_TRACK  # path 7
    assert run(down, [fig(2023, "7.01")], as_of=2023).status == Status.AT_RISK


def test_level_baseline_is_the_term_start_figure_else_the_earliest() -> None:
    t = spec("level", "ge", "100")  # term starts 2020
    evaluation = run(t, [fig(2019, "0"), fig(2020, "50"), fig(2023, "80")], as_of=2023)
    assert evaluation.status == Status.ON_TRACK
    assert [f.year for f in evaluation.used_figures] == [2020, 2023]
    # No 2020 figure: the earliest earlier one (2021: path 60 + 2/4·40 = 80).
    evaluation = run(t, [fig(2021, "60"), fig(2023, "80")], as_of=2023)
    assert evaluation.status == Status.ON_TRACK
    assert run(t, [fig(2021, "60"), fig(2023, "79")], as_of=2023).status == Status.AT_RISK


def test_level_single_figure_without_baseline_compares_with_the_target() -> None:
    t = spec("level", "ge", "100", term_from_year=None)
    evaluation = run(t, [fig(2023, "100")], as_of=2023)
    assert evaluation.status == Status.ON_TRACK
    assert "so trực tiếp với chỉ tiêu" in evaluation.explanation
    assert run(t, [fig(2023, "99")], as_of=2023).status == Status.AT_RISK


def test_level_with_no_figure_has_no_data() -> None:
    evaluation = run(spec(), [], as_of=2023)
    assert evaluation.status == Status.NO_DATA
    assert evaluation.explanation == "Chưa có số liệu nào đến năm 2023: chưa có số liệu."
    evaluation = run(spec(), [fig(2024, "90")], as_of=2025)
    assert evaluation.status == Status.NO_DATA
    assert evaluation.latest_year == 2024
    assert "số liệu gần nhất là năm 2024" in evaluation.explanation


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


def test_progress_pct_of_level_targets() -> None:
    assert run(spec("level", "ge", "65"), [fig(2025, "52")]).progress_pct == D("80.0")
    assert run(spec("level", "lt", "3"), [fig(2025, "6")]).progress_pct == D("50.0")
    assert run(spec("level", "le", "3"), [fig(2025, "1")]).progress_pct == D("200")  # capped
    assert run(spec("level", "le", "3"), [fig(2025, "0")]).progress_pct == D("200")
    assert run(spec("level", "range", "8", high="10"), [fig(2025, "6")]).progress_pct == D("75.0")
    assert run(spec("level", "approx", "6650"), [fig(2025, "4975")]).progress_pct == D("74.8")


# --------------------------------------------------------------------------------------------
# annual and maintain


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


# --------------------------------------------------------------------------------------------
# annual_reduction


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


# --------------------------------------------------------------------------------------------
# avg_growth


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


# --------------------------------------------------------------------------------------------
# increase


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
    assert evaluation.progress_pct == D("166.0")


# --------------------------------------------------------------------------------------------
# milestone


MILESTONE = spec("milestone", None, None, unit="")


def test_milestone_completed_on_time_early_or_late() -> None:
    assert run(MILESTONE, [fig(2025, "1")]).status == ACHIEVED
    early = run(MILESTONE, [fig(2023, "0.5"), fig(2024, "1")], as_of=2024)
    assert early.status == ACHIEVED
    assert "hoàn thành năm 2024" in early.explanation.lower()
    late = run(MILESTONE, [fig(2025, "0.9"), fig(2026, "1")], as_of=2026)
    assert late.status == NOT_ACHIEVED
    assert "chậm so với hạn năm 2025" in late.explanation


def test_milestone_not_completed() -> None:
    assert run(MILESTONE, [fig(2025, "0.9")]).status == NOT_ACHIEVED
    assert run(MILESTONE, []).status == Status.NO_DATA
    # Progress fractions against the straight path from 0 in 2020 to 1 in 2025.
    assert run(MILESTONE, [fig(2023, "0.6")], as_of=2023).status == Status.ON_TRACK
    assert run(MILESTONE, [fig(2023, "0.59")], as_of=2023).status == Status.AT_RISK
    assert run(MILESTONE, [fig(2023, "0.6")], as_of=2023).progress_pct == D("60.0")


# --------------------------------------------------------------------------------------------
# qualitative


QUALITATIVE = spec("qualitative", None, None, from_year=2021)


def test_qualitative_latest_assessment_wins_regardless_of_order() -> None:
    older = Assessment(status="at_risk", reasons="Còn vụ việc phức tạp.", order=1)
    newer = Assessment(
        status="achieved", reasons="Biên giới ổn định.", order=2, assessed_by="Ban Nội chính"
    )
    for assessments in ([older, newer], [newer, older]):
        evaluation = run(QUALITATIVE, [], assessments=assessments)
        assert evaluation.status == ACHIEVED
        assert evaluation.met is True
        assert "Ban Nội chính" in evaluation.explanation
        assert "Biên giới ổn định" in evaluation.explanation


def test_qualitative_without_assessment_needs_one() -> None:
    evaluation = run(QUALITATIVE, [])
    assert evaluation.status == Status.NEEDS_ASSESSMENT
    assert evaluation.met is None
    assert evaluation.target_text == "Đánh giá định tính giai đoạn 2021–2025"


# --------------------------------------------------------------------------------------------
# Output: to_dict, evaluate_many, summarize, validation


def test_to_dict_is_json_ready() -> None:
    evaluation = run(
        spec("level", "approx", "6650", unit="triệu USD"),
        [fig(2020, "3000"), fig(2022, "4975.000000", "estimate")],
        as_of=2022,
    )
    data = evaluation.to_dict()
    assert list(data) == [
        "code",
        "status",
        "met",
        "latest_year",
        "latest_value",
        "target",
        "progress_pct",
        "projection",
        "years_met",
        "years_judged",
        "explanation",
        "uncertain",
        "estimate",
    ]
    assert data["status"] == "on_track"  # path 3.000 + 2/5·3.317,5 = 4.327
    assert data["latest_value"] == "4975"
    assert data["progress_pct"] == "74.8"
    assert data["projection"] == {"year": 2025, "value": "7937.5", "method": "straight_path"}
    assert data["estimate"] is True
    assert data["target"] == "Đến năm 2025 đạt khoảng 6.650 triệu USD"
    assert json.loads(json.dumps(data)) == data


def test_evaluate_many_and_summarize() -> None:
    targets = [spec(code="a"), spec(code="b"), QUALITATIVE]
    evaluations = evaluate_many(
        targets=targets,
        figures_by_code={"a": [fig(2025, "100")], "b": [fig(2025, "120")]},
        assessments_by_code={},
        as_of_year=2025,
    )
    assert [e.status for e in evaluations] == [ACHIEVED, EXCEEDED, Status.NEEDS_ASSESSMENT]
    counts = summarize(evaluations)
    assert counts[ACHIEVED] == 1 and counts[EXCEEDED] == 1 and counts[Status.NEEDS_ASSESSMENT] == 1
    assert counts[Status.NO_DATA] == 0 and set(counts) == set(Status)


def test_format_value() -> None:
    assert format_value(D("6650.000000")) == "6.650"
    assert format_value(D("2.320000")) == "2,32"


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "level", "comparator": "ge", "value": 1.5},  # float
        {"kind": "levels", "comparator": "ge", "value": D(1)},
        {"kind": "level", "comparator": "range", "value": D(1)},  # no high
        {"kind": "level", "comparator": "ge", "value": None},
        {"kind": "annual", "comparator": "ge", "value": D(1)},  # no from_year
        {"kind": "milestone", "comparator": "ge", "value": D(1)},
    ],
)
def test_bad_target_specs_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        TargetSpec(
            code="x",
            value_high=None,
            unit="",
            from_year=None,
            to_year=2025,
            indicator="x",
            **bad,  # type: ignore[arg-type]
        )


def test_bad_figures_are_refused() -> None:
    with pytest.raises(TypeError):
        Figure(year=2025, value=2.32)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Figure(year=2025, value=D(1), figure_type="guess")
    with pytest.raises(ValueError):
        Figure(year=2025, value=D(1), qualifier="under")
