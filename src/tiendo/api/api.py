"""The JSON API (django-ninja) at /api/v1/: OpenAPI at /api/v1/openapi.json, interactive docs at
/api/v1/docs (Swagger UI served from ninja's packaged static files, no CDN).

Every endpoint needs a personal token (`Authorization: Bearer tdo_…`, see `tiendo token`) and
applies the web's role and unit rules (tiendo.accounts.permissions) through the same selectors
and services. Errors have one shape: {"error": {"code", "message" (Vietnamese), "details"}}.
"""

import hashlib
import json
import logging
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer
from pydantic import Field

from tiendo.accounts import permissions as perms
from tiendo.core.numbers import format_number
from tiendo.evaluation.services import plan_evaluate
from tiendo.exports.selectors import plain_decimal
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Plan, PlanStatus, Target
from tiendo.plans.selectors import (
    plan_document_build,
    plan_figures,
    targets_filtered,
    tasks_filtered,
)
from tiendo.plans.selectors import plans_list as plans_list_selector
from tiendo.reporting import services as reporting
from tiendo.reporting.models import ReportingRound, Submission, SubmissionFigure, SubmissionTask

from . import schemas as s
from .models import IdempotencyRecord
from .services import token_authenticate

logger = logging.getLogger(__name__)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = token_authenticate(raw=token.strip())
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="tiendo API",
    version="1",
    description=(
        "Chương trình hành động, chỉ tiêu, nhiệm vụ, đơn vị, đợt báo cáo, báo cáo của đơn vị, "
        "số liệu và kết quả đánh giá. Xác thực: `Authorization: Bearer <mã cá nhân>`."
    ),
    urls_namespace="api-v1",
    docs=Swagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=TokenAuth(),
)

ERRORS = {400: s.ErrorOut, 401: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.ErrorOut}
WRITE_ERRORS = {**ERRORS, 409: s.ErrorOut}


# --- Errors -------------------------------------------------------------------------------------


def _error(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    return api.create_response(
        request,
        {"error": {"code": code, "message": message, "details": details or []}},
        status=status,
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(
        request,
        401,
        "unauthenticated",
        "Cần mã truy cập hợp lệ: gửi kèm tiêu đề Authorization: Bearer <mã>.",
    )


@api.exception_handler(NinjaValidationError)
def _invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    details = [
        {
            "field": ".".join(str(x) for x in err.get("loc", ())),
            "message": str(err.get("msg", "")),
        }
        for err in exc.errors
    ]
    return _error(request, 422, "invalid_request", "Yêu cầu không hợp lệ.", details)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
    return _error(request, 403, "forbidden", message)


@api.exception_handler(ObjectDoesNotExist)
def _missing(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", "Không tìm thấy đối tượng yêu cầu.")


@api.exception_handler(Http404)
def _missing_404(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", str(exc) or "Không tìm thấy đối tượng yêu cầu.")


@api.exception_handler(ValidationError)
def _invalid_data(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = []
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            details += [{"field": _field_name(request, field), "message": m} for m in messages]
    else:
        details = [{"field": "", "message": m} for m in exc.messages]
    message = details[0]["message"] if len(details) == 1 else "Dữ liệu không hợp lệ."
    return _error(request, 422, "invalid_data", message, details)


@api.exception_handler(reporting.StaleVersion)
def _stale(request: HttpRequest, exc: reporting.StaleVersion) -> HttpResponse:
    current = exc.current
    return _error(
        request,
        409,
        "stale_version",
        exc.message,
        [
            {"field": "version", "message": str(current.version)},
            {"field": "state", "message": str(current.state)},
        ],
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "bad_request", 404: "not_found", 409: "conflict", 422: "invalid_data"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error")
    return _error(request, 500, "server_error", "Lỗi máy chủ; đã ghi nhật ký để kiểm tra.")


def _field_name(request: HttpRequest, key: str) -> str:
    """ "figure-12-value" → "figures.<code>.value" where the code is known."""
    names: dict[str, str] = getattr(request, "_tiendo_field_names", {})
    return names.get(key, key)


# --- Helpers ------------------------------------------------------------------------------------


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=500)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=500, **kwargs)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _read_any(request: HttpRequest) -> Any:
    user = _user(request)
    perms.require_authenticated(user)
    return user


def _plan(code: str) -> Plan:
    plan = Plan.objects.filter(code=code).first()
    if plan is None:
        raise HttpError(404, f"Không có chương trình hành động “{code}”.")
    return plan


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


def _round_out(r: ReportingRound) -> dict[str, Any]:
    return {
        "id": r.pk,
        "plan": r.plan.code,
        "period_kind": r.period_kind,
        "year": r.year,
        "number": r.number,
        "period_label": str(r.period_label()),
        "opens_on": r.opens_on,
        "deadline": r.deadline,
        "status": r.status,
    }


def _submission_out(sub: Submission) -> dict[str, Any]:
    return {
        "id": sub.pk,
        "round": sub.round_id,
        "plan": sub.round.plan.code,
        "year": sub.round.year,
        "unit": sub.unit.code,
        "state": sub.state,
        "version": sub.version,
        "return_reason": sub.return_reason,
        "updated_at": sub.updated_at,
        "submitted_at": sub.submitted_at,
        "accepted_at": sub.accepted_at,
    }


def _submission_detail(submission_id: int, user: Any) -> dict[str, Any]:
    from tiendo.reporting.selectors import submission_detail

    sub = submission_detail(actor=user, submission_id=submission_id)
    data = _submission_out(sub)
    data["figures"] = [
        {
            "target": f.target.code,
            "year": f.year,
            "value": plain_decimal(f.value),
            "figure_type": f.figure_type,
            "qualifier": f.qualifier,
            "source": f.source,
            "note": f.note,
            "correction_reason": f.correction_reason,
            "accepted_figure": f.figure_id,
        }
        for f in sub.figures.all()
    ]
    data["tasks"] = [
        {
            "task": t.task.code,
            "status": t.status,
            "percent_done": t.percent_done,
            "narrative": t.narrative,
        }
        for t in sub.tasks.all()
    ]
    return data


def _unit_filter_ids(unit: str | None) -> list[int] | None:
    if not unit:
        return None
    return list(OrgUnit.objects.filter(code=unit).values_list("pk", flat=True))


# --- Plans --------------------------------------------------------------------------------------


@api.get("/plans", response={200: list[s.PlanOut], **ERRORS}, tags=["Chương trình hành động"])
@paginate(Pagination)
def plans_list(request: HttpRequest, status: str | None = None) -> QuerySet[Plan]:
    """Các chương trình hành động (dự thảo chỉ khi Văn phòng hỏi `status=draft`)."""
    user = _read_any(request)
    if status == PlanStatus.DRAFT and not perms.can_monitor(user):
        raise HttpError(403, "Chỉ Văn phòng mới xem được các dự thảo.")
    plans = plans_list_selector(include_drafts=status == PlanStatus.DRAFT).order_by(
        "-term_from_year", "code"
    )
    if status:
        plans = plans.filter(status=status)
    return plans


@api.get("/plans/{code}", response={200: dict[str, Any], **ERRORS}, tags=["Chương trình hành động"])
def plan_get(request: HttpRequest, code: s.Code) -> dict[str, Any]:
    """Một chương trình hành động, dưới dạng tài liệu chương trình (plan document)."""
    _read_any(request)
    return plan_document_build(plan=_plan(code))


@api.get(
    "/plans/{code}/programs",
    response={200: list[s.ProgramOut], **ERRORS},
    tags=["Chương trình hành động"],
)
def programs_list(request: HttpRequest, code: s.Code) -> Any:
    _read_any(request)
    return list(_plan(code).programs.order_by("number"))


class TargetFilters(Schema):
    program: int | None = Field(None, ge=1, le=1000)
    unit: s.Code | None = None
    kind: str | None = Field(None, max_length=32)


@api.get(
    "/plans/{code}/targets",
    response={200: list[s.TargetOut], **ERRORS},
    tags=["Chương trình hành động"],
)
@paginate(Pagination)
def targets_list(
    request: HttpRequest, code: s.Code, filters: Query[TargetFilters]
) -> list[dict[str, Any]]:
    """Chỉ tiêu; lọc theo chương trình (số), đơn vị chủ trì (mã), loại."""
    _read_any(request)
    plan = _plan(code)
    targets = targets_filtered(
        plan=plan, program=filters.program, kind=filters.kind, unit_code=filters.unit
    )
    return [_target_out(t) for t in targets]


class TaskFilters(Schema):
    program: int | None = Field(None, ge=1, le=1000)
    unit: s.Code | None = None
    status: s.TaskStatusCode | None = None


@api.get(
    "/plans/{code}/tasks",
    response={200: list[s.TaskOut], **ERRORS},
    tags=["Chương trình hành động"],
)
@paginate(Pagination)
def tasks_list(
    request: HttpRequest, code: s.Code, filters: Query[TaskFilters]
) -> list[dict[str, Any]]:
    """Nhiệm vụ, giải pháp; lọc theo chương trình, đơn vị chủ trì, tình trạng."""
    _read_any(request)
    plan = _plan(code)
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


@api.get(
    "/plans/{code}/evaluation",
    response={200: s.EvaluationOut, **ERRORS},
    tags=["Đánh giá"],
)
def evaluation_get(
    request: HttpRequest,
    code: s.Code,
    as_of: int | None = Query(None, ge=1945, le=2100),
) -> dict[str, Any]:
    """Đánh giá mọi chỉ tiêu đến năm `as_of` (mặc định năm nay): các đối tượng giống hệt
    `tiendo evaluate --json`."""
    _read_any(request)
    plan = _plan(code)
    year = as_of or timezone.localdate().year
    result = plan_evaluate(plan=plan, as_of_year=year)
    return {
        "plan": plan.code,
        "as_of": year,
        "counts": dict(result.counts),
        "evaluations": [e.to_dict() for e in result.evaluations],
    }


# --- Org units ----------------------------------------------------------------------------------


@api.get("/units", response={200: list[s.UnitOut], **ERRORS}, tags=["Đơn vị"])
@paginate(Pagination)
def units_list(
    request: HttpRequest,
    kind: str | None = Query(None, max_length=32),
) -> list[dict[str, Any]]:
    _read_any(request)
    units = OrgUnit.objects.select_related("parent").order_by("name")
    if kind:
        units = units.filter(kind=kind)
    return [
        {
            "code": u.code,
            "name": u.name,
            "short_name": u.short_name,
            "kind": u.kind,
            "parent": u.parent.code if u.parent else None,
            "valid_from": u.valid_from,
            "valid_to": u.valid_to,
        }
        for u in units
    ]


# --- Rounds -------------------------------------------------------------------------------------


class RoundFilters(Schema):
    plan: s.Code | None = None
    year: int | None = Field(None, ge=1945, le=2100)
    status: str | None = Field(None, max_length=16)


def _rounds_for(user: Any) -> QuerySet[ReportingRound]:
    rounds = ReportingRound.objects.select_related("plan").order_by("-year", "-opens_on", "-id")
    if perms.can_read_all(user):
        return rounds
    unit_id = perms.unit_id_of(user)
    if perms.role_of(user) == perms.Role.REPORTER and unit_id is not None:
        return rounds.filter(submissions__unit_id=unit_id).distinct()
    raise perms.NotAllowed("Bạn không có quyền xem các đợt báo cáo.")


@api.get("/rounds", response={200: list[s.RoundOut], **ERRORS}, tags=["Đợt báo cáo"])
@paginate(Pagination)
def rounds_list(request: HttpRequest, filters: Query[RoundFilters]) -> list[dict[str, Any]]:
    """Đợt báo cáo (cán bộ báo cáo chỉ thấy các đợt đơn vị mình phải báo cáo)."""
    rounds = _rounds_for(_read_any(request))
    if filters.plan:
        rounds = rounds.filter(plan__code=filters.plan)
    if filters.year:
        rounds = rounds.filter(year=filters.year)
    if filters.status:
        rounds = rounds.filter(status=filters.status)
    return [_round_out(r) for r in rounds]


@api.get("/rounds/{round_id}", response={200: s.RoundOut, **ERRORS}, tags=["Đợt báo cáo"])
def round_get(request: HttpRequest, round_id: s.Id) -> dict[str, Any]:
    rnd = _rounds_for(_read_any(request)).filter(pk=round_id).first()
    if rnd is None:
        raise HttpError(404, "Không có đợt báo cáo này (hoặc đơn vị bạn không tham gia).")
    return _round_out(rnd)


# --- Submissions --------------------------------------------------------------------------------


class SubmissionFilters(Schema):
    round: int | None = Field(None, ge=1, le=s.MAX_ID)
    plan: s.Code | None = None
    unit: s.Code | None = None
    state: s.StateCode | None = None
    year: int | None = Field(None, ge=1945, le=2100)


@api.get(
    "/submissions", response={200: list[s.SubmissionOut], **ERRORS}, tags=["Báo cáo của đơn vị"]
)
@paginate(Pagination)
def submissions_list(
    request: HttpRequest, filters: Query[SubmissionFilters]
) -> list[dict[str, Any]]:
    """Báo cáo của các đơn vị (cán bộ báo cáo chỉ thấy báo cáo của đơn vị mình)."""
    user = _read_any(request)
    subs = Submission.objects.select_related("round__plan", "unit").order_by("-round__year", "id")
    if not perms.can_read_all(user):
        unit_id = perms.unit_id_of(user)
        if perms.role_of(user) != perms.Role.REPORTER or unit_id is None:
            raise perms.NotAllowed("Bạn không có quyền xem báo cáo của các đơn vị.")
        subs = subs.filter(unit_id=unit_id)
    if filters.round:
        subs = subs.filter(round_id=filters.round)
    if filters.plan:
        subs = subs.filter(round__plan__code=filters.plan)
    if filters.unit:
        subs = subs.filter(unit__code=filters.unit)
    if filters.state:
        subs = subs.filter(state=filters.state)
    if filters.year:
        subs = subs.filter(round__year=filters.year)
    return [_submission_out(sub) for sub in subs]


@api.get(
    "/submissions/{submission_id}",
    response={200: s.SubmissionDetailOut, **ERRORS},
    tags=["Báo cáo của đơn vị"],
)
def submission_get(request: HttpRequest, submission_id: s.Id) -> dict[str, Any]:
    return _submission_detail(submission_id, _read_any(request))


def _number_text(value: Any) -> str | None:
    """A machine number (JSON number or "2.32") as the Vietnamese text the services read."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise HttpError(422, "Giá trị phải là số.")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except ArithmeticError:
        raise HttpError(422, "Giá trị phải là số.") from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 14:
        raise HttpError(422, "Giá trị phải là số hữu hạn, nhỏ hơn 10^14.")
    if number.as_tuple().exponent < -6:  # type: ignore[operator]
        raise HttpError(422, "Giá trị có tối đa 6 chữ số thập phân.")
    if number < 0:
        return "-" + format_number(-number)
    return format_number(number)


def _inputs(
    request: HttpRequest,
    submission: Submission,
    figures: list[s.FigureIn],
    tasks: list[s.TaskIn],
) -> tuple[dict[int, reporting.FigureInput], dict[int, reporting.TaskInput]]:
    targets = {
        f.target.code: f.target
        for f in SubmissionFigure.objects.filter(submission=submission).select_related("target")
    }
    task_items = {
        t.task.code: t.task
        for t in SubmissionTask.objects.filter(submission=submission).select_related("task")
    }
    names: dict[str, str] = {}
    errors: dict[str, str] = {}
    figure_inputs: dict[int, reporting.FigureInput] = {}
    for index, item in enumerate(figures):
        target = targets.get(item.target)
        if target is None:
            errors[f"figures.{index}.target"] = (
                f"Chỉ tiêu “{item.target}” không được giao cho đơn vị trong báo cáo này."
            )
            continue
        for field in ("value", "year", "figure_type", "qualifier", "source", "note"):
            names[f"figure-{target.pk}-{field}"] = f"figures.{index}.{field}"
        names[f"figure-{target.pk}-correction_reason"] = f"figures.{index}.correction_reason"
        figure_inputs[target.pk] = reporting.FigureInput(
            value=_number_text(item.value) if "value" in item.model_fields_set else None,
            figure_type=item.figure_type,
            qualifier=item.qualifier,
            source=item.source,
            note=item.note,
            correction_reason=item.correction_reason,
        )
        if "value" in item.model_fields_set and item.value is None:
            figure_inputs[target.pk].value = ""
    task_inputs: dict[int, reporting.TaskInput] = {}
    for index, titem in enumerate(tasks):
        task = task_items.get(titem.task)
        if task is None:
            errors[f"tasks.{index}.task"] = (
                f"Nhiệm vụ “{titem.task}” không được giao cho đơn vị trong báo cáo này."
            )
            continue
        for field in ("status", "percent_done", "narrative"):
            names[f"task-{task.pk}-{field}"] = f"tasks.{index}.{field}"
        pct = titem.percent_done
        task_inputs[task.pk] = reporting.TaskInput(
            status=titem.status,
            percent_done=(
                str(pct)
                if pct is not None
                else ("" if "percent_done" in titem.model_fields_set else None)
            ),
            narrative=titem.narrative,
        )
    if errors:
        raise ValidationError(errors)
    request._tiendo_field_names = names  # type: ignore[attr-defined]
    return figure_inputs, task_inputs


def _submission_for_write(user: Any, submission_id: int) -> Submission:
    from tiendo.reporting.selectors import submission_get as get

    return get(actor=user, submission_id=submission_id)


@api.put(
    "/submissions/{submission_id}",
    response={200: s.SubmissionDetailOut, **WRITE_ERRORS},
    tags=["Báo cáo của đơn vị"],
)
def submission_update(
    request: HttpRequest, submission_id: s.Id, payload: s.SubmissionUpdateIn
) -> dict[str, Any]:
    """Cán bộ báo cáo lưu bản nháp (số liệu theo mã chỉ tiêu, tiến độ theo mã nhiệm vụ);
    `version` là phiên bản đã đọc (409 nếu người khác đã sửa)."""
    user = _read_any(request)
    submission = _submission_for_write(user, submission_id)
    perms.require_unit_editor(user, submission.unit_id)
    figures, tasks = _inputs(request, submission, payload.figures, payload.tasks)
    reporting.submission_save(
        actor=user, submission=submission, version=payload.version, figures=figures, tasks=tasks
    )
    return _submission_detail(submission_id, user)


@api.post(
    "/submissions/{submission_id}/submit",
    response={200: s.SubmissionDetailOut, **WRITE_ERRORS},
    tags=["Báo cáo của đơn vị"],
)
def submission_submit(
    request: HttpRequest, submission_id: s.Id, payload: s.VersionIn
) -> dict[str, Any]:
    """Cán bộ báo cáo gửi báo cáo cho Văn phòng."""
    user = _read_any(request)
    submission = _submission_for_write(user, submission_id)
    reporting.submission_submit(actor=user, submission=submission, version=payload.version)
    return _submission_detail(submission_id, user)


@api.post(
    "/submissions/{submission_id}/accept",
    response={200: s.SubmissionDetailOut, **WRITE_ERRORS},
    tags=["Báo cáo của đơn vị"],
)
def submission_accept(
    request: HttpRequest, submission_id: s.Id, payload: s.VersionIn
) -> dict[str, Any]:
    """Văn phòng chấp nhận báo cáo: số liệu thành số liệu đã chấp nhận."""
    user = _read_any(request)
    perms.require_monitor(user)
    submission = _submission_for_write(user, submission_id)
    reporting.submission_accept(actor=user, submission=submission, version=payload.version)
    return _submission_detail(submission_id, user)


@api.post(
    "/submissions/{submission_id}/return",
    response={200: s.SubmissionDetailOut, **WRITE_ERRORS},
    tags=["Báo cáo của đơn vị"],
)
def submission_return(
    request: HttpRequest, submission_id: s.Id, payload: s.ReturnIn
) -> dict[str, Any]:
    """Văn phòng trả lại báo cáo, kèm lý do."""
    user = _read_any(request)
    perms.require_monitor(user)
    submission = _submission_for_write(user, submission_id)
    reporting.submission_return(
        actor=user, submission=submission, version=payload.version, reason=payload.reason
    )
    return _submission_detail(submission_id, user)


def _request_hash(submission_id: int, payload: s.FiguresBulkIn) -> str:
    body = json.dumps(
        {"submission": submission_id, **payload.model_dump(mode="json", exclude={"client_key"})},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@api.post(
    "/submissions/{submission_id}/figures",
    response={200: s.FiguresBulkOut, **WRITE_ERRORS},
    tags=["Báo cáo của đơn vị"],
)
def figures_upsert(
    request: HttpRequest, submission_id: s.Id, payload: s.FiguresBulkIn
) -> HttpResponse | dict[str, Any]:
    """Ghi nhiều số liệu vào bản nháp một lần. Chống lặp: gửi tiêu đề `Idempotency-Key` (hoặc
    trường `client_key`); gửi lại cùng khóa với cùng nội dung trả lại đúng kết quả lần đầu mà
    không ghi lại; cùng khóa với nội dung khác bị từ chối (409). Không có `version`: ghi đè
    lên phiên bản hiện tại."""
    user = _read_any(request)
    key = (request.headers.get("Idempotency-Key") or payload.client_key or "").strip()
    if len(key) > 200 or "\x00" in key:
        raise HttpError(422, "Khóa chống lặp dài tối đa 200 ký tự.")
    digest = _request_hash(submission_id, payload)
    if key:
        record = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if record is not None:
            if record.request_hash != digest:
                raise HttpError(
                    409, "Khóa chống lặp này đã được dùng cho một yêu cầu có nội dung khác."
                )
            body = dict(record.response)
            body["replayed"] = True
            return api.create_response(request, body, status=record.status_code)
    submission = _submission_for_write(user, submission_id)
    perms.require_unit_editor(user, submission.unit_id)
    figures, _tasks = _inputs(request, submission, payload.figures, [])
    version = payload.version or submission.version
    with transaction.atomic():
        reporting.submission_save(
            actor=user, submission=submission, version=version, figures=figures
        )
        body = {
            "submission": _submission_detail(submission_id, user),
            "updated": [f.target for f in payload.figures],
            "replayed": False,
        }
        if key:
            stored = json.loads(json.dumps(body, cls=NinjaJSONEncoder))
            try:
                with transaction.atomic():
                    IdempotencyRecord.objects.create(
                        user=user,
                        key=key,
                        request_hash=digest,
                        status_code=200,
                        response=stored,
                        created_at=timezone.now(),
                    )
            except IntegrityError:
                raise HttpError(409, "Yêu cầu cùng khóa chống lặp đang được xử lý.") from None
    return body


# --- Accepted figures ---------------------------------------------------------------------------


class FigureFilters(Schema):
    plan: s.Code | None = None
    target: s.Code | None = None
    program: int | None = Field(None, ge=1, le=1000)
    year: int | None = Field(None, ge=1945, le=2100)
    figure_type: s.FigureTypeCode | None = None


@api.get("/figures", response={200: list[s.FigureOut], **ERRORS}, tags=["Số liệu"])
@paginate(Pagination)
def figures_list(request: HttpRequest, filters: Query[FigureFilters]) -> list[dict[str, Any]]:
    """Số liệu đã được chấp nhận (kể cả đính chính, mỗi số một dòng)."""
    _read_any(request)
    rows = [
        row
        for plan in plans_list_selector().filter(**({"code": filters.plan} if filters.plan else {}))
        for row in plan_figures(plan=plan)
        if (not filters.target or row.target_code == filters.target)
        and (not filters.program or row.program == filters.program)
        and (not filters.year or row.figure.year == filters.year)
        and (not filters.figure_type or row.figure.figure_type == filters.figure_type)
    ]
    return [
        {
            "id": f.pk,
            "target": row.target_code,
            "year": f.year,
            "value": plain_decimal(f.value) or "0",
            "figure_type": f.figure_type,
            "qualifier": f.qualifier,
            "source": f.source,
            "corrects": f.corrects_id,
            "accepted_at": f.accepted_at,
        }
        for row in rows
        for f in [row.figure]
    ]
