"""Qualitative targets (and `maintain` targets without a number): the latest assessment."""

from __future__ import annotations

from collections.abc import Sequence

from ..explain import sentence
from ..spec import Assessment, Status
from .common import Case, Outcome

__all__ = ["evaluate_qualitative"]


def evaluate_qualitative(case: Case, assessments: Sequence[Assessment]) -> Outcome:
    if not assessments:
        status = Status.NEEDS_ASSESSMENT
        return Outcome(status, sentence(["chưa có đánh giá của người có thẩm quyền"], status))
    latest = max(assessments, key=lambda a: (a.order, str(a.status), a.reasons, a.assessed_by))
    status = Status(latest.status)
    who = (
        f"theo đánh giá của {latest.assessed_by}"
        if latest.assessed_by
        else "theo đánh giá gần nhất"
    )
    reasons = " ".join(latest.reasons.split()).rstrip(".")
    return Outcome(status, sentence([f"{who} (căn cứ: {reasons})" if reasons else who], status))
