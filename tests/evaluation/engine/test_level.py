"""Level targets: the last year's figure; before it, the straight path from the baseline.

The worked examples read the real figures of ../shared/data.
"""

from __future__ import annotations

import dataclasses

from tests.evaluation.engine.helpers import (
    ACHIEVED,
    NOT_ACHIEVED,
    D,
    Seed,
    evaluate_seed,
    fig,
    run,
    spec,
)
from tiendo.evaluation.engine import Evaluation, Projection, Status


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
    assert evaluation.explanation == "Chưa có số liệu nào đến năm 2023."
    evaluation = run(spec(), [fig(2024, "90")], as_of=2025)
    assert evaluation.status == Status.NO_DATA
    assert evaluation.latest_year == 2024
    assert "số liệu gần nhất là năm 2024" in evaluation.explanation


def test_progress_pct_of_level_targets() -> None:
    assert run(spec("level", "ge", "65"), [fig(2025, "52")]).progress_pct == D("80.0")
    assert run(spec("level", "lt", "3"), [fig(2025, "6")]).progress_pct == D("50.0")
    assert run(spec("level", "le", "3"), [fig(2025, "1")]).progress_pct == D("200")  # capped
    assert run(spec("level", "le", "3"), [fig(2025, "0")]).progress_pct == D("200")
    assert run(spec("level", "range", "8", high="10"), [fig(2025, "6")]).progress_pct == D("75.0")
    assert run(spec("level", "approx", "6650"), [fig(2025, "4975")]).progress_pct == D("74.8")
