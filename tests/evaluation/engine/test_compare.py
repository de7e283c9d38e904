"""Comparing with what a target asks: exact bounds, the rule of each comparator, verdicts;
and every comparator at its boundaries (level targets, judged on the last year's figure)."""

from __future__ import annotations

import pytest

from tests.evaluation.engine.helpers import (
    ACHIEVED,
    EXCEEDED,
    NOT_ACHIEVED,
    D,
    fig,
    one_sentence,
    run,
    spec,
)
from tiendo.evaluation.engine import Status
from tiendo.evaluation.engine.arithmetic import PROGRESS_QUANTUM, divide, rounded
from tiendo.evaluation.engine.compare import (
    FINAL_STATUS,
    Grade,
    Rule,
    Verdict,
    combine,
    progress_toward,
    single,
    target_rule,
)
from tiendo.evaluation.engine.intervals import INF, Bound, Interval


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


# --------------------------------------------------------------------------------------------
# The stage itself: exact bounds, the rule of each comparator, verdicts over an interval


def test_a_bound_just_above_x_sits_between_x_and_every_number_above_it() -> None:
    x = Bound(D("4.4"))
    above = Bound(D("4.4"), 1)
    assert x < above < Bound(D("4.4000000000001"))
    assert Bound(D("4.4"), -1) < x
    assert -above == Bound(D("-4.4"), -1)
    assert (above + Bound(D("1"), 1)) == Bound(D("5.4"), 1)
    assert (above + Bound(D("1"), -1)) == Bound(D("5.4"))
    assert above.times(D("-2")) == Bound(D("-8.8"), -1)
    assert (INF + above) == INF


def test_interval_arithmetic_keeps_the_ends_in_order() -> None:
    about = Interval(Bound(D("95")), Bound(D("100")), Bound(D("105")))
    difference = about - Interval.exact(D("90"))
    assert (difference.lo, difference.point, difference.hi) == (
        Bound(D("5")),
        Bound(D("10")),
        Bound(D("15")),
    )
    flipped = about.times(D("-1"))
    assert flipped.lo == Bound(D("-105")) and flipped.hi == Bound(D("-95"))


@pytest.mark.parametrize(
    ("comparator", "value", "high", "tolerance", "rule"),
    [
        ("ge", "65", None, None, ("at_least", "65", "65", "65", "65")),
        ("gt", "4.4", None, None, ("above", "4.4", "4.4", "4.4", "4.4")),
        ("le", "3", None, None, ("at_most", "3", "3", "3", "3")),
        ("lt", "3", None, None, ("below", "3", "3", "3", "3")),
        ("approx", "6650", None, None, ("at_least", "6317.5", "6982.5", "6317.5", "6650")),
        ("approx", "100", None, "10", ("at_least", "90", "110", "90", "100")),
        ("range", "3", "3.5", None, ("at_least", "3", "3.5", "3", "3")),
        ("eq", "16", None, None, ("within", "15.2", "16.8", "16", "16")),
    ],
)
def test_target_rule_of_each_comparator(
    comparator: str,
    value: str,
    high: str | None,
    tolerance: str | None,
    rule: tuple[str, str, str, str, str],
) -> None:
    t = spec("level", comparator, value, high=high, tolerance=tolerance)
    got = target_rule(t)
    assert got is not None
    assert (got.test, got.lo, got.hi, got.aim, got.nominal) == (rule[0], *map(D, rule[1:]))
    assert target_rule(spec("milestone", None, None)) is None


def test_a_verdict_over_an_interval_gives_the_worst_the_best_and_the_point() -> None:
    rule = Rule("at_least", D("95"), D("105"), D("95"), D("100"))
    straddling = Interval(Bound(D("90")), Bound(D("100")), Bound(D("110")))
    verdict = rule.judge(straddling)
    assert verdict == Verdict(Grade.MET, Grade.NOT_MET, Grade.EXCEEDED)
    assert verdict.settled == Grade.MET
    assert verdict.capped() == Verdict(Grade.MET, Grade.NOT_MET, Grade.MET)
    inside = rule.judge(Interval(Bound(D("96")), Bound(D("100")), Bound(D("104"))))
    assert inside == Verdict(Grade.MET, Grade.MET, Grade.MET)
    # "hơn 95": every value is above 95, so met, however close to 95.
    assert rule.judge(Interval(Bound(D("95"), 1), Bound(D("95")), Bound(D("96")))).worst == (
        Grade.MET
    )


def test_combine_is_certain_only_when_worst_and_best_agree() -> None:
    final = single(FINAL_STATUS)
    sure = Verdict(Grade.MET, Grade.MET, Grade.MET)
    open_ = Verdict(Grade.NOT_MET, Grade.NOT_MET, Grade.MET)
    assert combine([sure], final) == (Status.ACHIEVED, False)
    assert combine([open_], final) == (Status.NOT_ACHIEVED, True)


def test_progress_toward_the_target() -> None:
    ge = Rule("at_least", D("65"), D("65"), D("65"), D("65"))
    assert progress_toward(ge, D("52")) == D("80.0")
    lt = Rule("below", D("3"), D("3"), D("3"), D("3"))
    assert progress_toward(lt, D("6")) == D("50.0")
    assert progress_toward(lt, D("0")) == D("200")
    assert progress_toward(Rule("at_least", D(0), D(0), D(0), D(0)), D("5")) is None


def test_rounding_for_people_and_exact_division() -> None:
    assert rounded(D("4.665")) == D("4.67")  # half up, not to even
    assert rounded(D("74.85"), PROGRESS_QUANTUM) == D("74.9")
    assert rounded(D("-2.345")) == D("-2.35")
    third = divide(D(1), D(3))
    assert len(third.as_tuple().digits) == 50
    assert divide(D("6.55") + D("2.78"), D(2)) == D("4.665")
