"""Evaluating targets: the engine's entry points."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from .compare import target_rule
from .figures import by_year, select_figures, select_period_figure
from .reasons import Reason
from .result import Evaluation
from .rules import Case, Outcome, dispatch
from .spec import Assessment, Figure, Status, TargetSpec
from .wording import vi

__all__ = ["evaluate_many", "evaluate_target", "summarize"]


def evaluate_target(
    *,
    target: TargetSpec,
    figures: Sequence[Figure],
    as_of_year: int,
    assessments: Sequence[Assessment] = (),
    denominators: Mapping[int, Decimal | int] | None = None,
) -> Evaluation:
    """Judge one target as of a year from its figures (and, for qualitative targets and
    maintain targets without a number, from reviewers' assessments).

    A figure for the target's whole period decides an avg_growth or increase target (see
    rules/period.py). `denominators` gives, for a count of units ("115/181 xã"), the number of
    units existing in a year: the verdict stays on the count as stated, and the explanation adds
    the share of the units existing at the time."""
    period = None
    if target.kind in PERIOD_FIGURE_KINDS and target.from_year is not None:
        period = select_period_figure(
            figures, from_year=target.from_year, to_year=target.to_year, as_of_year=as_of_year
        )
    case = Case(
        spec=target,
        chosen=select_figures(figures, as_of_year=as_of_year),
        as_of_year=as_of_year,
        rule=target_rule(target),
        period=period,
        denominators=_denominators(denominators),
    )
    outcome = dispatch(case, assessments)
    reason = Reason(outcome.status, outcome.parts)
    latest = outcome.latest
    met = {Status.EXCEEDED: True, Status.ACHIEVED: True, Status.NOT_ACHIEVED: False}
    judged_year = min(as_of_year, target.to_year)
    return Evaluation(
        code=target.code,
        status=outcome.status,
        met=met.get(outcome.status),
        judged_year=judged_year,
        latest_year=None if latest is None else latest.year,
        latest_value=None if latest is None else latest.value,
        latest_figure_type=None if latest is None else latest.figure_type,
        latest_qualifier=None if latest is None else latest.qualifier,
        target_text=vi.target_meaning(target),
        progress_pct=_judged_progress(outcome, judged_year),
        latest_progress_pct=outcome.progress_pct,
        projection=outcome.projection,
        years_met=outcome.years_met,
        years_judged=outcome.years_judged,
        years_missing=outcome.years_missing,
        uncertain=outcome.uncertain,
        used_figures=tuple(sorted(outcome.used, key=by_year)),
        explanation=vi.explain(reason),
        reason=reason,
        judged_value=outcome.judged_value,
        latest_from_year=None if latest is None else latest.from_year,
    )


PERIOD_FIGURE_KINDS = ("avg_growth", "increase")


def _denominators(given: Mapping[int, Decimal | int] | None) -> dict[int, Decimal]:
    """The number of units existing each year: whole or decimal numbers above zero."""
    result: dict[int, Decimal] = {}
    for year, count in (given or {}).items():
        if isinstance(count, bool) or not isinstance(count, int | Decimal):
            raise TypeError(f"the number of units in {year} must be a Decimal (or int)")
        number = Decimal(count)
        if not number.is_finite() or number <= 0:
            raise ValueError(f"the number of units in {year} must be above zero")
        result[int(year)] = number
    return result


def _judged_progress(outcome: Outcome, judged_year: int) -> Decimal | None:
    """Progress about the judged year: only with a verdict, and only when the figure it is
    measured on is that year's (or holds for it: a completed milestone)."""
    if outcome.status in (Status.NO_DATA, Status.NEEDS_ASSESSMENT) or outcome.latest is None:
        return None
    if outcome.progress_holds or outcome.latest.year == judged_year:
        return outcome.progress_pct
    return None


def evaluate_many(
    *,
    targets: Iterable[TargetSpec],
    figures_by_code: Mapping[str, Sequence[Figure]],
    assessments_by_code: Mapping[str, Sequence[Assessment]] | None = None,
    as_of_year: int,
    denominators_by_code: Mapping[str, Mapping[int, Decimal | int]] | None = None,
) -> list[Evaluation]:
    """Evaluate each target (in the order given) from the figures, assessments and numbers of
    units by code."""
    assessments_by_code = assessments_by_code or {}
    denominators_by_code = denominators_by_code or {}
    return [
        evaluate_target(
            target=target,
            figures=figures_by_code.get(target.code, ()),
            as_of_year=as_of_year,
            assessments=assessments_by_code.get(target.code, ()),
            denominators=denominators_by_code.get(target.code),
        )
        for target in targets
    ]


def summarize(evaluations: Iterable[Evaluation]) -> dict[Status, int]:
    """How many targets have each status (every status present, in the enum's order)."""
    counts = dict.fromkeys(Status, 0)
    for evaluation in evaluations:
        counts[evaluation.status] += 1
    return counts
