"""Evaluating targets: the engine's entry points."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from .compare import target_rule
from .figures import by_year, select_figures
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
) -> Evaluation:
    """Judge one target as of a year from its figures (and, for qualitative targets and
    maintain targets without a number, from reviewers' assessments)."""
    case = Case(
        spec=target,
        chosen=select_figures(figures, as_of_year=as_of_year),
        as_of_year=as_of_year,
        rule=target_rule(target),
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
    )


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
) -> list[Evaluation]:
    """Evaluate each target (in the order given) from the figures and assessments by code."""
    assessments_by_code = assessments_by_code or {}
    return [
        evaluate_target(
            target=target,
            figures=figures_by_code.get(target.code, ()),
            as_of_year=as_of_year,
            assessments=assessments_by_code.get(target.code, ()),
        )
        for target in targets
    ]


def summarize(evaluations: Iterable[Evaluation]) -> dict[Status, int]:
    """How many targets have each status (every status present, in the enum's order)."""
    counts = dict.fromkeys(Status, 0)
    for evaluation in evaluations:
        counts[evaluation.status] += 1
    return counts
