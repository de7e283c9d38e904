"""What a page shows when data is missing (issue 14, items 3, 14 and 15):

* an explanation says "no data" once: the missing data is its conclusion, not followed by
  ": chưa có số liệu." again — for every kind;
* "progress" is about the judged year only, and only with a verdict; the latest figure, its
  year, its progress and the projection are there separately.
"""

from __future__ import annotations

import pytest

from tests.evaluation.engine.golden import evaluate_input, golden_read
from tests.evaluation.engine.helpers import D, Seed, evaluate_seed, fig, one_sentence, run, spec
from tiendo.evaluation.engine import (
    Evaluation,
    Projection,
    Status,
    TargetSpec,
    evaluation_sentence,
)

ANNUAL = spec("annual", "ge", "2000", unit="đảng viên/năm", from_year=2021)
REDUCTION = spec("annual_reduction", "ge", "5", unit="%/năm", from_year=2021)
GROWTH = spec("avg_growth", "range", "3", high="3.5", unit="%/năm", from_year=2021)
OCOP = spec("increase", "ge", "50", unit="sản phẩm", from_year=2021)
MAINTAIN = spec("maintain", "ge", "95", from_year=2021)
LEVEL = spec("level", "ge", "65")
MILESTONE = spec("milestone", None, None, unit="")

# Every way each kind can lack data: (target, figures, as-of year, what the sentence says).
NO_DATA_CASES: list[tuple[TargetSpec, list[str], int, str]] = [
    (LEVEL, [], 2023, "Chưa có số liệu nào đến năm 2023."),
    (LEVEL, ["2023:60"], 2025, "Chưa có số liệu năm 2025; số liệu gần nhất là năm 2023"),
    (ANNUAL, [], 2025, "Chưa có số liệu năm nào giai đoạn 2021–2025."),
    (ANNUAL, [], 2021, "Chưa có số liệu năm 2021."),
    (ANNUAL, [], 2023, "Chưa có số liệu năm nào từ năm 2021 đến năm 2023."),
    (ANNUAL, [], 2020, "Giai đoạn 2021–2025 chưa bắt đầu (đánh giá đến năm 2020)."),
    (
        ANNUAL,
        ["2021:2100", "2022:2100", "2024:2100", "2025:2100"],
        2025,
        "thiếu số liệu năm 2023 nên chưa kết luận được.",
    ),
    (MAINTAIN, ["2021:96", "2025:96"], 2025, "nên chưa kết luận được."),
    (REDUCTION, ["2021:100"], 2025, "Chưa có số liệu năm nào giai đoạn 2021–2025"),
    (REDUCTION, ["2020:100", "2021:90"], 2025, "nên chưa kết luận được."),
    (GROWTH, [], 2025, "Chưa có số liệu tăng trưởng năm nào giai đoạn 2021–2025."),
    (GROWTH, ["2023:6.55", "2024:2.78"], 2025, "nên chưa tính được bình quân cả giai đoạn"),
    (OCOP, ["2020:11", "2022:94"], 2025, "Chưa có số liệu năm 2025; số liệu gần nhất"),
    (OCOP, [], 2023, "Chưa có số liệu nào từ năm 2021."),
    (OCOP, ["2022:94"], 2023, "Chưa có số liệu năm gốc 2020 để tính mức tăng"),
    (MILESTONE, [], 2025, "Chưa có số liệu về tiến độ hoàn thành đến năm 2025."),
]


def figures(items: list[str]) -> list:  # type: ignore[type-arg]
    return [fig(int(year), value) for year, value in (item.split(":") for item in items)]


@pytest.mark.parametrize(
    ("target", "items", "as_of", "says"),
    NO_DATA_CASES,
    ids=[f"{t.kind}-{n}" for n, (t, *_) in enumerate(NO_DATA_CASES)],
)
def test_no_data_is_said_once_for_every_kind(
    target: TargetSpec, items: list[str], as_of: int, says: str
) -> None:
    evaluation = run(target, figures(items), as_of)
    assert evaluation.status == Status.NO_DATA
    text = evaluation.explanation
    assert says in text, text
    assert one_sentence(text), text
    assert not text.endswith(": chưa có số liệu."), text
    assert text.lower().count("chưa có số liệu") <= 1, text
    english = evaluation_sentence(evaluation, "en")
    assert one_sentence(english) and not english.endswith(": no data."), english


def test_no_golden_explanation_repeats_no_data() -> None:
    for case in golden_read():
        evaluation = evaluate_input(case["input"])
        for text in (evaluation.explanation, evaluation_sentence(evaluation, "en")):
            assert not text.endswith((": chưa có số liệu.", ": no data.")), (case["case"], text)
            assert text.lower().count("chưa có số liệu") <= 1, (case["case"], text)


def test_other_verdicts_still_end_with_the_verdict() -> None:
    assert run(LEVEL, [fig(2025, "70")]).explanation.endswith(": vượt.")
    assessed = run(spec("qualitative", None, None, from_year=2021), [])
    assert assessed.explanation == "Chưa có đánh giá của người có thẩm quyền: cần đánh giá."


def test_a_fall_in_a_stock_is_called_a_fall() -> None:
    evaluation = run(OCOP, [fig(2020, "120"), fig(2025, "100")])
    assert "giảm 20 sản phẩm so với 120 sản phẩm" in evaluation.explanation
    assert "tăng -" not in evaluation.explanation
    assert "down 20 products on 120 products" in evaluation_sentence(evaluation, "en")


# --------------------------------------------------------------------------------------------
# Progress, the year it refers to, the latest figure and the projection


def progress(e: Evaluation) -> tuple[int, int | None, object, object]:
    return (e.judged_year, e.latest_year, e.progress_pct, e.latest_progress_pct)


def test_progress_is_given_for_the_judged_year_only(lang_son: Seed) -> None:
    # 1.1: one figure, for 2023. As of 2023 it is the judged year's; as of 2024 it is not,
    # but it stays the latest, with its own progress.
    assert progress(evaluate_seed(lang_son, "1.1", 2023)) == (2023, 2023, D("74.8"), D("74.8"))
    as_of_2024 = evaluate_seed(lang_son, "1.1", 2024)
    assert as_of_2024.status == Status.AT_RISK
    assert progress(as_of_2024) == (2024, 2023, None, D("74.8"))
    # As of 2026 the verdict is about 2025, which has no figure.
    assert progress(evaluate_seed(lang_son, "1.1", 2026)) == (2025, 2023, None, D("74.8"))


def test_no_progress_next_to_no_data_but_the_latest_is_kept(lang_son: Seed) -> None:
    # 2.1 as of 2025: the mean of 2023–2024 (4,665) is 155,5 % of 3; the period's mean is
    # unknown (2021, 2022, 2025 missing), so no progress is shown for 2025 — the mean so far,
    # its progress and the projection of the period's mean are.
    evaluation = evaluate_seed(lang_son, "2.1", 2025)
    assert evaluation.status == Status.NO_DATA
    assert progress(evaluation) == (2025, 2024, None, D("155.5"))
    assert evaluation.projection == Projection(2025, D("4.67"), "straight_path")
    assert "dự báo năm 2025 bình quân cả giai đoạn 4,67%/năm" in evaluation.explanation
    # A yearly target with a missing year: 4 of 4 years met is not "100 %" of the target.
    annual = run(ANNUAL, figures(["2021:2100", "2022:2100", "2024:2100", "2025:2100"]))
    assert progress(annual) == (2025, 2025, None, D("100.0"))


def test_level_without_the_last_years_figure_says_where_it_was_heading() -> None:
    evaluation = run(LEVEL, [fig(2020, "40"), fig(2022, "50"), fig(2023, "52")], as_of=2025)
    assert evaluation.status == Status.NO_DATA
    assert (evaluation.latest_year, evaluation.latest_value) == (2023, D("52"))
    assert evaluation.latest_progress_pct == D("80.0")
    assert evaluation.progress_pct is None
    # Least squares through 40, 50, 52 (2020, 2022, 2023): 47,33 + 4,14 × (2025 − 2021,67).
    assert evaluation.projection == Projection(2025, D("61.14"), "linear_trend")
    assert evaluation.explanation == (
        "Chưa có số liệu năm 2025; số liệu gần nhất là năm 2023: 52% (số chính thức); "
        "dự báo năm 2025 đạt 61,14% theo xu hướng tuyến tính."
    )
    assert evaluation_sentence(evaluation, "en") == (
        "No figure for 2025; the latest figure, for 2023, is 52% (official figure); projected "
        "to reach 61.14% in 2025 on the linear trend."
    )


def test_increase_without_the_last_years_stock_says_where_it_was_heading() -> None:
    evaluation = run(OCOP, [fig(2020, "11"), fig(2022, "94")], as_of=2025)
    assert evaluation.status == Status.NO_DATA
    assert evaluation.latest_progress_pct == D("166.0")  # 83 of 50
    assert evaluation.projection == Projection(2025, D("218.5"), "straight_path")
    assert "dự báo năm 2025 có khoảng 218,5 sản phẩm" in evaluation.explanation


def test_a_completed_milestone_keeps_its_progress_in_later_years() -> None:
    evaluation = run(MILESTONE, [fig(2023, "1")], as_of=2024)
    assert evaluation.status == Status.ACHIEVED
    assert progress(evaluation) == (2024, 2023, D("100"), D("100"))
    unfinished = run(MILESTONE, [fig(2023, "0.6")], as_of=2025)
    assert unfinished.status == Status.NOT_ACHIEVED
    assert progress(unfinished) == (2025, 2023, None, D("60.0"))


def test_to_dict_names_the_years() -> None:
    data = run(LEVEL, [fig(2020, "40"), fig(2023, "52")], as_of=2024).to_dict()
    assert (data["judged_year"], data["latest_year"]) == (2024, 2023)
    assert (data["progress_pct"], data["latest_progress_pct"]) == (None, "80")
