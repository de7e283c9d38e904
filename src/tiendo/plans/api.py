"""The plans part of the API: plans, programs, targets and tasks (mounted in tiendo.api).

Any account with a token reads plans of record; drafts exist only for the office
(`plans_visible` / `plan_visible_get`): for anyone else a draft's code answers 404 exactly like
a code that does not exist."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from tiendo.accounts import permissions as perms
from tiendo.core.api import ERRORS, Code, Pagination, api_user
from tiendo.core.numbers import plain_decimal

from . import api_schemas as s
from .models import Plan, PlanStatus, Target
from .selectors import (
    plan_document_build,
    plan_visible_get,
    targets_filtered,
    tasks_filtered,
)
from .selectors import plans_list as plans_list_selector

router = Router(tags=["Chương trình hành động"])


def plan_for_api(*, code: str, user: Any) -> Plan:
    """The plan `user` may see, or the API's 404 (the same for a draft as for no plan)."""
    try:
        return plan_visible_get(code=code, user=user)
    except Plan.DoesNotExist:
        raise HttpError(404, f"Không có chương trình hành động “{code}”.") from None


def _target_out(t: Target) -> dict[str, Any]:
    return {
        "code": t.code,
        "program": t.program.number,
        "kind": t.kind,
        "comparator": t.comparator or None,
        "value": plain_decimal(t.value),
        "value_high": plain_decimal(t.value_high),
        "unit": t.unit,
        "from_year": t.from_year,
        "to_year": t.to_year,
        "indicator": t.indicator,
        "baseline_value": plain_decimal(t.baseline_value),
        "baseline_year": t.baseline_year,
    }


@router.get("/plans", response={200: list[s.PlanOut], **ERRORS})
@paginate(Pagination)
def plans_list(request: HttpRequest, status: str | None = None) -> QuerySet[Plan]:
    """Các chương trình hành động (dự thảo chỉ khi Văn phòng hỏi `status=draft`)."""
    user = api_user(request)
    drafts = status == PlanStatus.DRAFT
    if drafts and not perms.can_read_drafts(user):
        raise HttpError(403, "Chỉ Văn phòng mới xem được các dự thảo.")
    plans = plans_list_selector(include_drafts=drafts).order_by("-term_from_year", "code")
    if status:
        plans = plans.filter(status=status)
    return plans


@router.get("/plans/{code}", response={200: dict[str, Any], **ERRORS})
def plan_get(request: HttpRequest, code: Code) -> dict[str, Any]:
    """Một chương trình hành động, dưới dạng tài liệu chương trình (plan document)."""
    return plan_document_build(plan=plan_for_api(code=code, user=api_user(request)))


@router.get("/plans/{code}/programs", response={200: list[s.ProgramOut], **ERRORS})
def programs_list(request: HttpRequest, code: Code) -> Any:
    return list(plan_for_api(code=code, user=api_user(request)).programs.order_by("number"))


@router.get("/plans/{code}/targets", response={200: list[s.TargetOut], **ERRORS})
@paginate(Pagination)
def targets_list(
    request: HttpRequest, code: Code, filters: Query[s.TargetFilters]
) -> list[dict[str, Any]]:
    """Chỉ tiêu; lọc theo chương trình (số), đơn vị chủ trì (mã), loại."""
    plan = plan_for_api(code=code, user=api_user(request))
    targets = targets_filtered(
        plan=plan, program=filters.program, kind=filters.kind, unit_code=filters.unit
    )
    return [_target_out(t) for t in targets]


@router.get("/plans/{code}/tasks", response={200: list[s.TaskOut], **ERRORS})
@paginate(Pagination)
def tasks_list(
    request: HttpRequest, code: Code, filters: Query[s.TaskFilters]
) -> list[dict[str, Any]]:
    """Nhiệm vụ, giải pháp; lọc theo chương trình, đơn vị chủ trì, tình trạng."""
    plan = plan_for_api(code=code, user=api_user(request))
    tasks = tasks_filtered(
        plan=plan, program=filters.program, status=filters.status, unit_code=filters.unit
    )
    return [
        {
            "code": t.code,
            "program": t.program.number,
            "text": t.text,
            "due_date": t.due_date,
            "status": t.status,
        }
        for t in tasks
    ]
