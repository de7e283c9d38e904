"""Properties of the evaluation engine, checked with hypothesis (pure: no database).

1. Improving the figure that is judged (in the direction the comparator prefers) never makes
   the verdict worse, for every kind × comparator.
2. The result does not depend on the order in which figures (or assessments) are given.
3. Decimal exactness: 3,5 is exactly 3.5, and values exactly on a threshold are judged exactly.
4. Figures for a period: the best one covering the target's period alone decides an avg_growth
   or increase target, whatever else is given; one for another period changes nothing; a
   better one never worsens the verdict; one equal to the yearly mean agrees with it.
5. The number of units existing each year adds words, never changes a verdict.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tiendo.core.numbers import parse_number
from tiendo.evaluation.engine import (
    COMPARATORS,
    FIGURE_TYPES,
    QUALIFIERS,
    Assessment,
    Evaluation,
    Figure,
    Status,
    TargetSpec,
    evaluate_target,
    evaluation_sentence,
)

D = Decimal
FROM, TO = 2021, 2025

# A status rank for "never worse". no_data / needs_assessment sit in the middle: improving a
# value never changes which years have data, so they only meet themselves.
RANK = {
    Status.NOT_ACHIEVED: 0,
    Status.AT_RISK: 1,
    Status.NO_DATA: 2,
    Status.NEEDS_ASSESSMENT: 2,
    Status.ON_TRACK: 3,
    Status.ACHIEVED: 4,
    Status.EXCEEDED: 5,
}

COMBOS: list[tuple[str, str | None]] = [
    *[("level", c) for c in COMPARATORS],
    *[("annual", c) for c in COMPARATORS],
    *[("maintain", c) for c in COMPARATORS],
    *[("annual_reduction", c) for c in ("ge", "gt", "le", "lt", "approx", "range")],
    *[("avg_growth", c) for c in ("ge", "gt", "le", "lt", "approx", "range")],
    *[("increase", c) for c in ("ge", "gt", "le", "lt", "approx", "range")],
    ("milestone", None),
]

amounts = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.01"), max_value=500, places=2)
fractions = st.decimals(min_value=0, max_value=1, places=2)


@st.composite
def targets(draw: st.DrawFn, combo: tuple[str, str | None] | None = None) -> TargetSpec:
    kind, comparator = combo if combo is not None else draw(st.sampled_from(COMBOS))
    value = high = None
    if comparator is not None:
        value = draw(st.decimals(min_value=1, max_value=1000, places=2))
        if kind == "annual_reduction":
            value = draw(st.decimals(min_value=D("0.5"), max_value=50, places=1))
        if comparator == "range":
            high = value + draw(st.decimals(min_value=0, max_value=100, places=2))
    baseline = draw(st.none() | amounts) if kind in ("level", "increase") else None
    return TargetSpec(
        code="p",
        kind=kind,
        comparator=comparator,
        value=value,
        value_high=high,
        unit="%",
        from_year=None if kind in ("level", "milestone") else FROM,
        to_year=TO,
        indicator="thử",
        baseline_value=baseline,
        baseline_year=None if baseline is None else FROM - 1,
        tolerance_pct=draw(st.sampled_from([None, D("2.5"), D("10")]))
        if comparator in ("approx", "eq")
        else None,
        term_from_year=FROM - 1,
    )


@st.composite
def figure_lists(draw: st.DrawFn, kind: str) -> list[Figure]:
    values = fractions if kind == "milestone" else amounts
    years = draw(st.lists(st.integers(FROM - 2, TO + 1), max_size=8))
    return [
        Figure(
            year=year,
            value=draw(values),
            figure_type=draw(st.sampled_from(FIGURE_TYPES)),
            qualifier=draw(st.sampled_from(QUALIFIERS)),
            order=draw(st.integers(0, 3)),
        )
        for year in years
    ]


def evaluate(target: TargetSpec, figures: list[Figure], as_of: int) -> Evaluation:
    return evaluate_target(target=target, figures=figures, as_of_year=as_of)


def judged_years(target: TargetSpec, figures: list[Figure], as_of: int) -> list[int]:
    """The years whose figure the verdict judges (and that can be improved alone)."""
    present = sorted({f.year for f in figures if f.year <= as_of})
    if target.kind == "milestone":
        # Any year can complete it; before the deadline progress is judged on the latest
        # figure (an earlier one is the baseline of the straight path).
        return present if as_of >= TO else present[-1:]
    if target.kind == "level":
        if as_of >= TO:
            return [TO] if TO in present else []
        return present[-1:]
    period = [y for y in present if FROM <= y <= min(TO, as_of)]
    if target.kind in ("annual", "maintain", "avg_growth"):
        return period
    return period[-1:]  # reduction: the last year's count; increase: the latest stock


def improve(target: TargetSpec, value: Decimal, step: Decimal, share: Decimal) -> Decimal:
    """Move a figure the way the target prefers."""
    if target.kind == "milestone":
        return min(D(1), value + step)
    if target.comparator == "eq":
        assert target.value is not None
        return value + (target.value - value) * share
    lower_is_better = target.comparator in ("le", "lt")
    if target.kind == "annual_reduction":  # a lower count is a bigger reduction
        lower_is_better = not lower_is_better
    return max(D(0), value - step) if lower_is_better else value + step


@settings(max_examples=400)
@given(data=st.data())
def test_improving_the_judged_figure_never_worsens_the_verdict(data: st.DataObject) -> None:
    target = data.draw(targets())
    figures = data.draw(figure_lists(target.kind))
    as_of = data.draw(st.integers(FROM - 1, TO + 1))
    years = judged_years(target, figures, as_of)
    assume(years)
    year = data.draw(st.sampled_from(years))
    step, share = (
        data.draw(positive),
        data.draw(st.decimals(min_value=D("0.01"), max_value=1, places=2)),
    )
    better = [
        dataclasses.replace(f, value=improve(target, f.value, step, share)) if f.year == year else f
        for f in figures
    ]
    before, after = evaluate(target, figures, as_of), evaluate(target, better, as_of)
    assert RANK[after.status] >= RANK[before.status], (before.explanation, after.explanation)


@settings(max_examples=300)
@given(data=st.data())
def test_the_order_of_figures_does_not_matter(data: st.DataObject) -> None:
    target = data.draw(targets())
    figures = data.draw(figure_lists(target.kind))
    shuffled = data.draw(st.permutations(figures))
    as_of = data.draw(st.integers(FROM - 1, TO + 1))
    assert evaluate(target, figures, as_of) == evaluate(target, list(shuffled), as_of)


@given(
    assessments=st.lists(
        st.builds(
            Assessment,
            status=st.sampled_from(["exceeded", "achieved", "not_achieved", "on_track", "at_risk"]),
            reasons=st.sampled_from(["Ổn định.", "Còn hạn chế."]),
            order=st.integers(0, 3),
        ),
        max_size=5,
    ),
    data=st.data(),
)
def test_the_order_of_assessments_does_not_matter(
    assessments: list[Assessment], data: st.DataObject
) -> None:
    target = TargetSpec(
        code="q",
        kind="qualitative",
        comparator=None,
        value=None,
        value_high=None,
        unit="",
        from_year=FROM,
        to_year=TO,
        indicator="định tính",
    )
    shuffled = data.draw(st.permutations(assessments))

    def run(items: list[Assessment]) -> Evaluation:
        return evaluate_target(target=target, figures=[], as_of_year=TO, assessments=items)

    assert run(assessments) == run(list(shuffled))


@given(st.integers(0, 10**6), st.integers(0, 10**4))
def test_vietnamese_decimal_comma_is_exact(integer: int, fraction: int) -> None:
    digits = f"{fraction:04d}"
    assert parse_number(f"{integer},{digits}") == D(f"{integer}.{digits}")
    assert parse_number("3,5") == D("3.5")
    assert str(parse_number("3,5")) == "3.5"


def level(comparator: str, value: Decimal, tolerance: Decimal | None = None) -> TargetSpec:
    return TargetSpec(
        code="e",
        kind="level",
        comparator=comparator,
        value=value,
        value_high=None,
        unit="%",
        from_year=None,
        to_year=TO,
        indicator="thử",
        tolerance_pct=tolerance,
    )


def final(target: TargetSpec, value: Decimal) -> Status:
    return evaluate(target, [Figure(year=TO, value=value)], TO).status


@given(
    st.decimals(min_value=D("0.01"), max_value=10**6, places=2),
    st.sampled_from([D("1"), D("2.5"), D("5"), D("10")]),
)
def test_approx_and_eq_edges_are_exact(target_value: Decimal, tolerance: Decimal) -> None:
    d = target_value * tolerance / 100
    tiny = D("0.000001")
    approx = level("approx", target_value, tolerance)
    assert final(approx, target_value - d) == Status.ACHIEVED
    assert final(approx, target_value - d - tiny) == Status.NOT_ACHIEVED
    assert final(approx, target_value + d) == Status.ACHIEVED
    assert final(approx, target_value + d + tiny) == Status.EXCEEDED
    eq = level("eq", target_value, tolerance)
    assert final(eq, target_value + d) == Status.ACHIEVED
    assert final(eq, target_value - d - tiny) == Status.NOT_ACHIEVED
    assert final(level("ge", target_value), target_value) == Status.ACHIEVED


@given(
    st.lists(st.decimals(min_value=-10, max_value=20, places=2), min_size=1, max_size=4),
    st.decimals(min_value=0, max_value=10, places=2),
    st.decimals(min_value=0, max_value=2, places=2),
)
def test_a_mean_exactly_on_the_bound_is_met(
    rates: list[Decimal], low: Decimal, width: Decimal
) -> None:
    n = len(rates) + 1
    last = low * n - sum(rates, D(0))  # makes the mean exactly `low`, however it divides
    target = TargetSpec(
        code="g",
        kind="avg_growth",
        comparator="range",
        value=low,
        value_high=low + width,
        unit="%/năm",
        from_year=TO - n + 1,
        to_year=TO,
        indicator="thử",
    )
    figures = [Figure(year=TO - n + 1 + i, value=r) for i, r in enumerate([*rates, last])]
    assert evaluate(target, figures, TO).status == Status.ACHIEVED
    lowered = [*figures[:-1], Figure(year=TO, value=last - D("0.000001"))]
    assert evaluate(target, lowered, TO).status == Status.NOT_ACHIEVED


@given(
    st.decimals(min_value=1, max_value=10**5, places=2),
    st.decimals(min_value=D("0.1"), max_value=50, places=1),
)
def test_a_reduction_of_exactly_p_percent_is_met(previous: Decimal, pct: Decimal) -> None:
    target = TargetSpec(
        code="r",
        kind="annual_reduction",
        comparator="ge",
        value=pct,
        value_high=None,
        unit="%/năm",
        from_year=TO,
        to_year=TO,
        indicator="thử",
    )
    current = previous * (1 - pct / 100)
    figures = [Figure(year=TO - 1, value=previous), Figure(year=TO, value=current)]
    assert evaluate(target, figures, TO).status == Status.ACHIEVED
    worse = [figures[0], Figure(year=TO, value=current + D("0.000001"))]
    assert evaluate(target, worse, TO).status == Status.NOT_ACHIEVED


def no_floats(value: object) -> bool:
    if isinstance(value, float):
        return False
    if isinstance(value, dict):
        return all(no_floats(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(no_floats(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(no_floats(getattr(value, f.name)) for f in dataclasses.fields(value))
    return True


@settings(max_examples=200)
@given(data=st.data())
def test_no_float_ever_appears(data: st.DataObject) -> None:
    target = data.draw(targets())
    figures = data.draw(figure_lists(target.kind))
    evaluation = evaluate(target, figures, data.draw(st.integers(FROM - 1, TO + 1)))
    assert no_floats(evaluation)
    assert no_floats(evaluation.to_dict())
    assert evaluation.explanation.endswith(".")


# --------------------------------------------------------------------------------------------
# Figures for a period (avg_growth, increase) and numbers of units

PERIOD_COMBOS = [
    (kind, c)
    for kind in ("avg_growth", "increase")
    for c in ("ge", "gt", "le", "lt", "approx", "range", "eq")
]


@st.composite
def period_figures(draw: st.DrawFn, *, covering: bool | None = None) -> Figure:
    """A figure for a period: the target's own (FROM … TO) or, unless `covering`, another."""
    own = covering if covering is not None else draw(st.booleans())
    start, end = FROM, TO
    if not own:
        start, end = draw(
            st.sampled_from([(FROM - 1, TO), (FROM + 1, TO), (FROM, TO - 1), (FROM - 1, TO - 1)])
        )
    return Figure(
        year=end,
        value=draw(amounts),
        figure_type=draw(st.sampled_from(FIGURE_TYPES)),
        qualifier=draw(st.sampled_from(QUALIFIERS)),
        order=draw(st.integers(0, 3)),
        from_year=start,
    )


def verdict(evaluation: Evaluation) -> tuple[object, ...]:
    return (
        evaluation.status,
        evaluation.uncertain,
        evaluation.judged_value,
        evaluation.progress_pct,
    )


def best(figures: list[Figure]) -> Figure:
    return max(
        figures,
        key=lambda f: (FIGURE_TYPES.index(f.figure_type), f.order, f.value, f.qualifier, f.note),
    )


@settings(max_examples=200)
@given(data=st.data())
def test_the_best_covering_period_figure_alone_decides(data: st.DataObject) -> None:
    target = data.draw(targets(data.draw(st.sampled_from(PERIOD_COMBOS))))
    yearly = data.draw(figure_lists(target.kind))
    covering = data.draw(st.lists(period_figures(covering=True), min_size=1, max_size=3))
    others = data.draw(st.lists(period_figures(covering=False), max_size=2))
    as_of = data.draw(st.integers(TO, TO + 1))
    everything = data.draw(st.permutations([*yearly, *covering, *others]))
    alone = evaluate(target, [best(covering)], as_of)
    together = evaluate(target, list(everything), as_of)
    assert verdict(together) == verdict(alone)
    assert together.latest_from_year == FROM
    assert "giai đoạn 2021–2025" in together.explanation
    assert "2021–2025" in evaluation_sentence(together, "en")


@settings(max_examples=200)
@given(data=st.data())
def test_period_figures_for_other_periods_change_nothing(data: st.DataObject) -> None:
    target = data.draw(targets(data.draw(st.sampled_from(PERIOD_COMBOS))))
    yearly = data.draw(figure_lists(target.kind))
    others = data.draw(st.lists(period_figures(covering=False), min_size=1, max_size=3))
    as_of = data.draw(st.integers(FROM - 1, TO + 1))
    assert evaluate(target, [*yearly, *others], as_of) == evaluate(target, yearly, as_of)


@settings(max_examples=200)
@given(data=st.data())
def test_improving_the_period_figure_never_worsens_the_verdict(data: st.DataObject) -> None:
    target = data.draw(targets(data.draw(st.sampled_from(PERIOD_COMBOS))))
    figure = data.draw(period_figures(covering=True))
    step = data.draw(positive)
    share = data.draw(st.decimals(min_value=D("0.01"), max_value=1, places=2))
    better = dataclasses.replace(figure, value=improve(target, figure.value, step, share))
    before, after = evaluate(target, [figure], TO), evaluate(target, [better], TO)
    assert RANK[after.status] >= RANK[before.status], (before.explanation, after.explanation)


@given(
    st.lists(st.decimals(min_value=-10, max_value=20, places=2), min_size=1, max_size=4),
    st.decimals(min_value=0, max_value=10, places=2),
    st.sampled_from(["ge", "gt", "le", "lt", "range"]),
)
def test_a_period_figure_equal_to_the_yearly_mean_agrees_with_the_yearly_figures(
    rates: list[Decimal], target_value: Decimal, comparator: str
) -> None:
    n = len(rates) + 1
    mean = target_value + D("0.5")  # any mean; the last rate makes the yearly mean exactly it
    last = mean * n - sum(rates, D(0))
    target = TargetSpec(
        code="g",
        kind="avg_growth",
        comparator=comparator,
        value=target_value,
        value_high=target_value + 1 if comparator == "range" else None,
        unit="%/năm",
        from_year=TO - n + 1,
        to_year=TO,
        indicator="thử",
    )
    yearly = [Figure(year=TO - n + 1 + i, value=v) for i, v in enumerate([*rates, last])]
    whole = Figure(year=TO, value=mean, from_year=TO - n + 1)
    assert evaluate(target, yearly, TO).status == evaluate(target, [whole], TO).status
    assert evaluate(target, [*yearly, whole], TO).status == evaluate(target, yearly, TO).status


@settings(max_examples=200)
@given(data=st.data())
def test_the_number_of_units_never_changes_the_verdict(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(["level", "annual", "increase"]))
    target = dataclasses.replace(
        data.draw(targets((kind, data.draw(st.sampled_from(["ge", "gt", "approx"]))))),
        unit="xã",
    )
    figures = data.draw(figure_lists(kind))
    units = data.draw(
        st.dictionaries(st.integers(FROM - 2, TO + 1), st.integers(1, 300), max_size=6)
    )
    as_of = data.draw(st.integers(FROM - 1, TO + 1))
    plain = evaluate(target, figures, as_of)
    shared = evaluate_target(target=target, figures=figures, as_of_year=as_of, denominators=units)
    assert verdict(shared) == verdict(plain)
    assert shared.projection == plain.projection
    if plain.latest_year in units and plain.status != Status.NEEDS_ASSESSMENT:
        assert f"trong tổng số {units[plain.latest_year]} xã" in shared.explanation
