"""Which figure counts for a year, and what "hơn X" and "khoảng X" stand for."""

from __future__ import annotations

from tests.evaluation.engine.helpers import ACHIEVED, EXCEEDED, NOT_ACHIEVED, D, fig, run, spec
from tiendo.evaluation.engine import Status, select_figures
from tiendo.evaluation.engine.figures import reading
from tiendo.evaluation.engine.intervals import INF, Bound, Interval


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
# The stage itself


def test_the_interval_a_figure_stands_for() -> None:
    exact = reading(fig(2025, "100"))
    assert exact == Interval.exact(D("100"))
    more = reading(fig(2025, "4.4", qualifier="more_than"))
    assert (more.lo, more.point, more.hi) == (Bound(D("4.4"), 1), Bound(D("4.4")), INF)
    about = reading(fig(2025, "4500", qualifier="about"))
    assert (about.lo.value, about.point.value, about.hi.value) == (
        D("4275"),
        D("4500"),
        D("4725"),
    )
    negative = reading(fig(2025, "-20", qualifier="about"))
    assert (negative.lo.value, negative.hi.value) == (D("-21"), D("-19"))


def test_select_figures_gives_one_figure_a_year_in_year_order() -> None:
    figures = [
        fig(2024, "3", "estimate", order=4),
        fig(2022, "1"),
        fig(2024, "2", "reported", order=1),
        fig(2026, "9"),
    ]
    chosen = select_figures(figures, as_of_year=2025)
    assert list(chosen) == [2022, 2024]
    assert chosen[2024].value == D("2")  # reported beats a later estimate
    assert select_figures([], as_of_year=2025) == {}
