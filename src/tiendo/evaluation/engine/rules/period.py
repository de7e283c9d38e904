"""A figure for the whole period decides an avg_growth or increase target.

Provinces often publish only the period's figure ("giai đoạn 2021–2025 tăng bình quân
6,14%/năm", "lũy kế 5 năm có thêm …"). When a figure covers exactly the target's period
(from_year … to_year; the best one by figures.select_period_figure), it is the quantity the
target is about: the mean growth of the period, or what was added over it. It is judged against
the target directly, in preference to what the yearly figures give — which the explanation still
mentions (their value, or the years they lack).
"""

from __future__ import annotations

from decimal import Decimal

from .. import reasons as r
from ..compare import FINAL_STATUS, combine, progress_toward, single
from ..figures import reading
from .common import Case, Outcome, parts
from .phrases import figure_ref, relation, uncertain_note

__all__ = ["evaluate_period_figure"]


def evaluate_period_figure(
    case: Case,
    *,
    measure: str,
    yearly_value: Decimal | None,
    yearly_missing: tuple[int, ...],
) -> Outcome:
    """Judge the period figure (`measure` "mean" or "increase") against the target."""
    spec, rule, figure, unit = case.spec, case.rule, case.period, case.unit
    assert rule is not None and figure is not None and spec.from_year is not None
    verdict = rule.judge(reading(figure))
    status, uncertain = combine([verdict], single(FINAL_STATUS))
    noun = "mean" if measure == "mean" else "increase"
    used = r.PeriodFigureUsed(
        measure=measure,
        figure=figure_ref(figure, unit),
        relation=relation(spec, rule, verdict.settled, noun),
        yearly_value=yearly_value,
        yearly_missing=yearly_missing,
    )
    years = tuple(range(spec.from_year, spec.to_year + 1))
    return Outcome(
        status,
        parts(used, uncertain_note(uncertain, [figure], unit)),
        uncertain=uncertain,
        latest=figure,
        judged_value=figure.value,
        progress_pct=progress_toward(rule, figure.value),
        years_judged=years if measure == "mean" else None,
        years_missing=() if measure == "mean" else None,
        used=(figure,),
    )
