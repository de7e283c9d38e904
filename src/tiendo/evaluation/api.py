"""The evaluation part of the API (mounted in tiendo.api): every target of a plan evaluated as of
a year, the same objects as `tiendo evaluate --json`."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from tiendo.core.api import ERRORS, Code, api_user
from tiendo.plans.api import plan_for_api

from .selectors import closure_get, closure_verdicts
from .services import plan_evaluate

router = Router(tags=["Đánh giá"])


class ClosureOut(Schema):
    closed_on: str
    as_of: int
    decision_ref: str
    counts: dict[str, int]


class EvaluationOut(Schema):
    plan: str
    as_of: int
    counts: dict[str, int]
    evaluations: list[dict[str, Any]]
    closure: ClosureOut | None = None


@router.get("/plans/{code}/evaluation", response={200: EvaluationOut, **ERRORS})
def evaluation_get(
    request: HttpRequest,
    code: Code,
    as_of: int | None = Query(None, ge=1945, le=2100),
) -> dict[str, Any]:
    """Đánh giá mọi chỉ tiêu đến năm `as_of` (mặc định năm nay): các đối tượng giống hệt
    `tiendo evaluate --json`. Chương trình đã kết thúc nhiệm kỳ: `closure` (ngày, năm đánh giá
    đã chốt) và ở mỗi chỉ tiêu `at_closure` — đánh giá khi kết thúc nhiệm kỳ, có khác với đánh
    giá theo số liệu hiện nay (cùng năm) không."""
    plan = plan_for_api(code=code, user=api_user(request))
    year = as_of or timezone.localdate().year
    result = plan_evaluate(plan=plan, as_of_year=year)
    evaluations = [e.to_dict() for e in result.evaluations]
    closure = closure_get(plan=plan) if plan.status == "closed" else None
    if closure is None:
        return {
            "plan": plan.code,
            "as_of": year,
            "counts": dict(result.counts),
            "evaluations": evaluations,
            "closure": None,
        }
    # A closed term: each target carries the verdict frozen at the close ("at_closure"), and
    # whether the figures held now give another verdict as of the same year ("changed").
    now = result if year == closure.as_of_year else None
    now = now or plan_evaluate(plan=plan, as_of_year=closure.as_of_year)
    verdicts = closure_verdicts(closure=closure, evaluations=now.evaluations)
    for item in evaluations:
        verdict = verdicts.get(str(item["code"]))
        item["at_closure"] = verdict.as_json() if verdict is not None else None
    return {
        "plan": plan.code,
        "as_of": year,
        "counts": dict(result.counts),
        "evaluations": evaluations,
        "closure": {
            "closed_on": closure.closed_on.isoformat(),
            "as_of": closure.as_of_year,
            "decision_ref": closure.decision_ref,
            "counts": closure.counts,
        },
    }
