"""The rules per kind of target; `dispatch` picks the one for a case."""

from __future__ import annotations

from collections.abc import Sequence

from .. import reasons as r
from ..spec import PERIOD_KINDS, Assessment
from .common import Case, Outcome, no_data
from .growth import evaluate_avg_growth
from .increase import evaluate_increase
from .level import evaluate_level
from .milestone import evaluate_milestone
from .qualitative import evaluate_qualitative
from .yearly import evaluate_yearly

__all__ = ["Case", "Outcome", "dispatch"]


def dispatch(case: Case, assessments: Sequence[Assessment]) -> Outcome:
    kind, spec = case.spec.kind, case.spec
    if (
        kind in PERIOD_KINDS
        and case.rule is not None
        and spec.from_year is not None
        and case.as_of_year < spec.from_year
    ):
        missing = r.Missing("not_started", case.as_of_year, spec.from_year, to_year=spec.to_year)
        return no_data(case, missing)
    if kind == "qualitative" or (case.rule is None and kind == "maintain"):
        return evaluate_qualitative(case, assessments)
    if kind == "milestone":
        return evaluate_milestone(case)
    if kind in ("annual", "maintain", "annual_reduction"):
        return evaluate_yearly(case)
    if kind == "avg_growth":
        return evaluate_avg_growth(case)
    if kind == "increase":
        return evaluate_increase(case)
    return evaluate_level(case)
