"""The rules per kind of target; `dispatch` picks the one for a case."""

from __future__ import annotations

from collections.abc import Sequence

from ..spec import Assessment
from .common import Case, Outcome
from .growth import evaluate_avg_growth
from .increase import evaluate_increase
from .level import evaluate_level
from .milestone import evaluate_milestone
from .qualitative import evaluate_qualitative
from .yearly import evaluate_yearly

__all__ = ["Case", "Outcome", "dispatch"]


def dispatch(case: Case, assessments: Sequence[Assessment]) -> Outcome:
    kind = case.spec.kind
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
