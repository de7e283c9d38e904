"""Qualitative targets (and `maintain` targets without a number): the latest assessment."""

from __future__ import annotations

from collections.abc import Sequence

from .. import reasons as r
from ..spec import Assessment, Status
from .common import Case, Outcome

__all__ = ["evaluate_qualitative"]


def evaluate_qualitative(case: Case, assessments: Sequence[Assessment]) -> Outcome:
    if not assessments:
        return Outcome(Status.NEEDS_ASSESSMENT, (r.NotAssessed(),))
    latest = max(assessments, key=lambda a: (a.order, str(a.status), a.reasons, a.assessed_by))
    grounds = " ".join(latest.reasons.split()).rstrip(".")
    return Outcome(Status(latest.status), (r.Assessed(latest.assessed_by, grounds),))
