"""The reporting part of the API (mounted in tiendo.api): reporting rounds, the units'
submissions (read, save, bulk upsert of figures, submit, return, accept) and accepted figures.

The web's rules apply through the same selectors and services. A submission or round the caller
may not read answers 404 exactly like one that does not exist, so that ids of other units' work
cannot be probed; an operation on something the caller may read but not change answers 403."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, QuerySet, Value
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from tiendo.accounts import permissions as perms
from tiendo.core.api import ERRORS, WRITE_ERRORS, Id, Pagination, api_user
from tiendo.core.idempotency import (
    MAX_KEY_LENGTH,
    IdempotencyKeyReused,
    idempotent_replay,
    idempotent_run,
    request_fingerprint,
)
from tiendo.core.numbers import format_number, plain_decimal
from tiendo.plans.selectors import plan_figures, plans_visible

from . import api_schemas as s
from . import selectors
from . import services as reporting
from .models import ReportingRound, Submission, SubmissionFigure, SubmissionTask

router = Router()
ROUNDS = ["Đợt báo cáo"]
SUBMISSIONS = ["Báo cáo của đơn vị"]
FIGURES = ["Số liệu"]

SUBMISSION_NOT_FOUND = "Không có báo cáo này (hoặc đây không phải báo cáo của đơn vị bạn)."
KEY_REUSED = "Khóa chống lặp này đã được dùng cho một yêu cầu có nội dung khác."


# --- Rounds ---------------------------------------------------------------------------------------


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


def _rounds_for(user: Any) -> QuerySet[ReportingRound]:
    rounds = ReportingRound.objects.select_related("plan").order_by("-year", "-opens_on", "-id")
    if perms.can_read_all(user):
        return rounds
    unit_id = perms.unit_id_of(user)
    if perms.role_of(user) == perms.Role.REPORTER and unit_id is not None:
        return rounds.filter(submissions__unit_id=unit_id).distinct()
    raise perms.NotAllowed("Bạn không có quyền xem các đợt báo cáo.")


@router.get("/rounds", response={200: list[s.RoundOut], **ERRORS}, tags=ROUNDS)
@paginate(Pagination)
def rounds_list(request: HttpRequest, filters: Query[s.RoundFilters]) -> list[dict[str, Any]]:
    """Đợt báo cáo (cán bộ báo cáo chỉ thấy các đợt đơn vị mình phải báo cáo)."""
    rounds = _rounds_for(api_user(request))
    if filters.plan:
        rounds = rounds.filter(plan__code=filters.plan)
    if filters.year:
        rounds = rounds.filter(year=filters.year)
    if filters.status:
        rounds = rounds.filter(status=filters.status)
    return [_round_out(r) for r in rounds]


@router.get("/rounds/{round_id}", response={200: s.RoundOut, **ERRORS}, tags=ROUNDS)
def round_get(request: HttpRequest, round_id: Id) -> dict[str, Any]:
    rnd = _rounds_for(api_user(request)).filter(pk=round_id).first()
    if rnd is None:
        raise HttpError(404, "Không có đợt báo cáo này (hoặc đơn vị bạn không tham gia).")
    return _round_out(rnd)


# --- Submissions: reads ---------------------------------------------------------------------------


# What the API shows of a report and of its items: output name -> field path (`__` follows a
# relation). One mapping for the report read as plain values and for a write's answer.
SUBMISSION_FIELDS = {
    "id": "id",
    "round": "round_id",
    "plan": "round__plan__code",
    "year": "round__year",
    "unit": "unit__code",
    "state": "state",
    "version": "version",
    "return_reason": "return_reason",
    "updated_at": "updated_at",
    "submitted_at": "submitted_at",
    "accepted_at": "accepted_at",
}
FIGURE_FIELDS = {
    "target": "target__code",
    "year": "year",
    "value": "value",
    "figure_type": "figure_type",
    "qualifier": "qualifier",
    "source": "source",
    "note": "note",
    "correction_reason": "correction_reason",
    "accepted_figure": "figure_id",
}
TASK_FIELDS = {
    "task": "task__code",
    "status": "status",
    "percent_done": "percent_done",
    "narrative": "narrative",
}


def _follow(obj: Any, path: str) -> Any:
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj


def _of_model(obj: Any, fields: dict[str, str]) -> dict[str, Any]:
    return {name: _follow(obj, path) for name, path in fields.items()}


def _of_values(row: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    return {name: row[path] for name, path in fields.items()}


def _figure_out(figure: dict[str, Any]) -> dict[str, Any]:
    return {**figure, "value": plain_decimal(figure["value"])}


def _submission_out(sub: Submission) -> dict[str, Any]:
    return _of_model(sub, SUBMISSION_FIELDS)


def _submission_detail(submission_id: int, user: Any) -> dict[str, Any]:
    try:
        found = selectors.submission_values(
            actor=user,
            submission_id=submission_id,
            fields=list(SUBMISSION_FIELDS.values()),
            figure_fields=list(FIGURE_FIELDS.values()),
            task_fields=list(TASK_FIELDS.values()),
        )
        if found is None:  # the part a lead body handed on
            sub = selectors.submission_detail(
                actor=user, submission_id=submission_id, evidence=False
            )
            return _detail_out(sub)
    except (Submission.DoesNotExist, perms.NotAllowed):
        raise HttpError(404, SUBMISSION_NOT_FOUND) from None
    head, figures, tasks = found
    data = _of_values(head, SUBMISSION_FIELDS)
    data["figures"] = [_figure_out(_of_values(f, FIGURE_FIELDS)) for f in figures]
    data["tasks"] = [_of_values(t, TASK_FIELDS) for t in tasks]
    return data


def _written_out(sub: Submission) -> dict[str, Any]:
    """The report as a write left it (the service's submission, its items read once)."""
    return _detail_out(selectors.submission_items_read(submission=sub))


def _detail_out(sub: Submission) -> dict[str, Any]:
    data = _submission_out(sub)
    data["figures"] = [_figure_out(_of_model(f, FIGURE_FIELDS)) for f in sub.figures.all()]
    data["tasks"] = [_of_model(t, TASK_FIELDS) for t in sub.tasks.all()]
    return data


def _submission_for_write(user: Any, submission_id: int) -> Submission:
    """The submission if the caller may read it (the 404 of a missing one otherwise); whether
    they may change it is for the operation to check (403)."""
    try:
        return selectors.submission_get(actor=user, submission_id=submission_id)
    except (Submission.DoesNotExist, perms.NotAllowed):
        raise HttpError(404, SUBMISSION_NOT_FOUND) from None


@router.get("/submissions", response={200: list[s.SubmissionOut], **ERRORS}, tags=SUBMISSIONS)
@paginate(Pagination)
def submissions_list(
    request: HttpRequest, filters: Query[s.SubmissionFilters]
) -> list[dict[str, Any]]:
    """Báo cáo của các đơn vị (cán bộ báo cáo chỉ thấy báo cáo của đơn vị mình)."""
    user = api_user(request)
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


@router.get(
    "/submissions/{submission_id}",
    response={200: s.SubmissionDetailOut, **ERRORS},
    tags=SUBMISSIONS,
)
def submission_get(request: HttpRequest, submission_id: Id) -> dict[str, Any]:
    return _submission_detail(submission_id, api_user(request))


# --- Submissions: writes --------------------------------------------------------------------------


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
    # the report's targets and tasks by code: their ids, in one query
    items = (
        SubmissionFigure.objects.filter(submission=submission)
        .order_by()
        .annotate(kind=Value("target", output_field=CharField()))
        .values_list("kind", "target__code", "target_id")
        .union(
            SubmissionTask.objects.filter(submission=submission)
            .order_by()
            .annotate(kind=Value("task", output_field=CharField()))
            .values_list("kind", "task__code", "task_id"),
            all=True,
        )
    )
    targets: dict[str, int] = {}
    task_items: dict[str, int] = {}
    for kind, code, pk in items:
        (targets if kind == "target" else task_items)[code] = pk
    names: dict[str, str] = {}
    errors: dict[str, str] = {}
    figure_inputs: dict[int, reporting.FigureInput] = {}
    for index, item in enumerate(figures):
        target_id = targets.get(item.target)
        if target_id is None:
            errors[f"figures.{index}.target"] = (
                f"Chỉ tiêu “{item.target}” không được giao cho đơn vị trong báo cáo này."
            )
            continue
        for field in ("value", "year", "figure_type", "qualifier", "source", "note"):
            names[f"figure-{target_id}-{field}"] = f"figures.{index}.{field}"
        names[f"figure-{target_id}-correction_reason"] = f"figures.{index}.correction_reason"
        figure_inputs[target_id] = reporting.FigureInput(
            value=_number_text(item.value) if "value" in item.model_fields_set else None,
            figure_type=item.figure_type,
            qualifier=item.qualifier,
            source=item.source,
            note=item.note,
            correction_reason=item.correction_reason,
        )
        if "value" in item.model_fields_set and item.value is None:
            figure_inputs[target_id].value = ""
    task_inputs: dict[int, reporting.TaskInput] = {}
    for index, titem in enumerate(tasks):
        task_id = task_items.get(titem.task)
        if task_id is None:
            errors[f"tasks.{index}.task"] = (
                f"Nhiệm vụ “{titem.task}” không được giao cho đơn vị trong báo cáo này."
            )
            continue
        for field in ("status", "percent_done", "narrative"):
            names[f"task-{task_id}-{field}"] = f"tasks.{index}.{field}"
        pct = titem.percent_done
        task_inputs[task_id] = reporting.TaskInput(
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
    # The API's exception handler names the service's error keys ("figure-12-value") the way
    # the request did ("figures.0.value").
    request._tiendo_field_names = names  # type: ignore[attr-defined]
    return figure_inputs, task_inputs


@router.put(
    "/submissions/{submission_id}",
    response={200: s.SubmissionDetailOut, **WRITE_ERRORS},
    tags=SUBMISSIONS,
)
def submission_update(
    request: HttpRequest, submission_id: Id, payload: s.SubmissionUpdateIn
) -> dict[str, Any]:
    """Cán bộ báo cáo lưu bản nháp (số liệu theo mã chỉ tiêu, tiến độ theo mã nhiệm vụ);
    `version` là phiên bản đã đọc (409 nếu người khác đã sửa)."""
    user = api_user(request)
    submission = _submission_for_write(user, submission_id)
    perms.require_unit_editor(user, submission.unit_id)
    figures, tasks = _inputs(request, submission, payload.figures, payload.tasks)
    saved = reporting.submission_save(
        actor=user, submission=submission, version=payload.version, figures=figures, tasks=tasks
    )
    return _written_out(saved)


@router.post(
    "/submissions/{submission_id}/submit",
    response={200: s.SubmissionDetailOut, **WRITE_ERRORS},
    tags=SUBMISSIONS,
)
def submission_submit(
    request: HttpRequest, submission_id: Id, payload: s.VersionIn
) -> dict[str, Any]:
    """Cán bộ báo cáo gửi báo cáo cho Văn phòng."""
    user = api_user(request)
    submission = _submission_for_write(user, submission_id)
    sent = reporting.submission_submit(actor=user, submission=submission, version=payload.version)
    return _written_out(sent)


@router.post(
    "/submissions/{submission_id}/accept",
    response={200: s.SubmissionDetailOut, **WRITE_ERRORS},
    tags=SUBMISSIONS,
)
def submission_accept(
    request: HttpRequest, submission_id: Id, payload: s.VersionIn
) -> dict[str, Any]:
    """Văn phòng chấp nhận báo cáo: số liệu thành số liệu đã chấp nhận."""
    user = api_user(request)
    perms.require_monitor(user)
    submission = _submission_for_write(user, submission_id)
    accepted = reporting.submission_accept(
        actor=user, submission=submission, version=payload.version
    )
    return _written_out(accepted)


@router.post(
    "/submissions/{submission_id}/return",
    response={200: s.SubmissionDetailOut, **WRITE_ERRORS},
    tags=SUBMISSIONS,
)
def submission_return(
    request: HttpRequest, submission_id: Id, payload: s.ReturnIn
) -> dict[str, Any]:
    """Văn phòng trả lại báo cáo, kèm lý do."""
    user = api_user(request)
    perms.require_monitor(user)
    submission = _submission_for_write(user, submission_id)
    returned = reporting.submission_return(
        actor=user, submission=submission, version=payload.version, reason=payload.reason
    )
    return _written_out(returned)


@router.post(
    "/submissions/{submission_id}/figures",
    response={200: s.FiguresBulkOut, **WRITE_ERRORS},
    tags=SUBMISSIONS,
)
def figures_upsert(
    request: HttpRequest, submission_id: Id, payload: s.FiguresBulkIn
) -> dict[str, Any]:
    """Ghi nhiều số liệu vào bản nháp một lần. Chống lặp: gửi tiêu đề `Idempotency-Key` (hoặc
    trường `client_key`); gửi lại cùng khóa với cùng nội dung trả lại đúng kết quả lần đầu mà
    không ghi lại; cùng khóa với nội dung khác bị từ chối (409). Không có `version`: ghi đè
    lên phiên bản hiện tại."""
    user = api_user(request)
    key = (request.headers.get("Idempotency-Key") or payload.client_key or "").strip()
    if len(key) > MAX_KEY_LENGTH or "\x00" in key:
        raise HttpError(422, "Khóa chống lặp dài tối đa 200 ký tự.")
    fingerprint = request_fingerprint(
        {"submission": submission_id, **payload.model_dump(mode="json", exclude={"client_key"})}
    )
    try:
        if key:
            stored = idempotent_replay(user=user, key=key, fingerprint=fingerprint)
            if stored is not None:
                return {**stored.body, "replayed": True}
        submission = _submission_for_write(user, submission_id)
        perms.require_unit_editor(user, submission.unit_id)
        figures, _tasks = _inputs(request, submission, payload.figures, [])

        def write() -> dict[str, Any]:
            reporting.submission_save(
                actor=user, submission=submission, version=payload.version, figures=figures
            )
            return {
                "submission": _submission_detail(submission_id, user),
                "updated": [f.target for f in payload.figures],
                "replayed": False,
            }

        if not key:
            with transaction.atomic():
                return write()
        result = idempotent_run(user=user, key=key, fingerprint=fingerprint, write=write)
    except IdempotencyKeyReused:
        raise HttpError(409, KEY_REUSED) from None
    return {**result.body, "replayed": result.replayed}


# --- Accepted figures -----------------------------------------------------------------------------


@router.get("/figures", response={200: list[s.FigureOut], **ERRORS}, tags=FIGURES)
@paginate(Pagination)
def figures_list(request: HttpRequest, filters: Query[s.FigureFilters]) -> list[dict[str, Any]]:
    """Số liệu đã được chấp nhận (kể cả đính chính, mỗi số một dòng)."""
    plans = plans_visible(user=api_user(request))
    if filters.plan:
        plans = plans.filter(code=filters.plan)
    rows = [
        row
        for plan in plans
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
