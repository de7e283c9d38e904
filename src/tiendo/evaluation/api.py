"""The evaluation part of the API (mounted in tiendo.api): every target of a plan evaluated as of
a year, the same objects as `tiendo evaluate --json`."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from tiendo.core.api import ERRORS, Code, api_user
from tiendo.plans.api import plan_for_api

from .services import plan_evaluate

router = Router(tags=["Đánh giá"])


class EvaluationOut(Schema):
    plan: str
    as_of: int
    counts: dict[str, int]
    evaluations: list[dict[str, Any]]


@router.get("/plans/{code}/evaluation", response={200: EvaluationOut, **ERRORS})
def evaluation_get(
    request: HttpRequest,
    code: Code,
    as_of: int | None = Query(None, ge=1945, le=2100),
) -> dict[str, Any]:
    """Đánh giá mọi chỉ tiêu đến năm `as_of` (mặc định năm nay): các đối tượng giống hệt
    `tiendo evaluate --json`."""
    plan = plan_for_api(code=code, user=api_user(request))
    year = as_of or timezone.localdate().year
    result = plan_evaluate(plan=plan, as_of_year=year)
    return {
        "plan": plan.code,
        "as_of": year,
        "counts": dict(result.counts),
        "evaluations": [e.to_dict() for e in result.evaluations],
    }
