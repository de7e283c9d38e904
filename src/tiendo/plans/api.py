"""The plans part of the API: plans, programs, targets and tasks (mounted in tiendo.api).

Any account with a token reads plans of record; drafts exist only for the office
(`plans_visible` / `plan_visible_get`): for anyone else a draft's code answers 404 exactly like
a code that does not exist."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import File, Query, Router
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from tiendo.accounts import permissions as perms
from tiendo.core.api import ERRORS, WRITE_ERRORS, Code, Id, Pagination, api_user
from tiendo.core.numbers import plain_decimal
from tiendo.org.models import OrgUnit

from . import api_schemas as s
from .models import ImplementingDocument, Plan, PlanStatus, Program, Target
from .register import implementing_document_get, register_scope, register_view
from .register import implementing_documents_list as implementing_documents_list_selector
from .selectors import (
    PlanSummaries,
    plan_document_build,
    plan_visible_get,
    plans_summaries,
    targets_filtered,
    tasks_filtered,
)
from .services import (
    DocumentInput,
    document_input_from_codes,
    implementing_document_delete,
    implementing_document_file_attach,
    implementing_document_file_open,
    implementing_document_record,
    implementing_document_update,
)

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
def plans_list(request: HttpRequest, status: str | None = None) -> PlanSummaries:
    """Các chương trình hành động (dự thảo chỉ khi Văn phòng hỏi `status=draft`)."""
    user = api_user(request)
    drafts = status == PlanStatus.DRAFT
    if drafts and not perms.can_read_drafts(user):
        raise HttpError(403, "Chỉ Văn phòng mới xem được các dự thảo.")
    return plans_summaries(include_drafts=drafts, status=status)


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


# --- The register of implementing documents ------------------------------------------------------
# The same rules as the pages: the office, leaders and administrators read every unit's entries, a
# unit's reporter its own (another unit's entry answers 404 like a missing one); the office writes
# for any unit, a reporter for their own (tiendo.plans.services.register checks).

REGISTER = ["Văn bản triển khai"]
DOCUMENT_NOT_FOUND = "Không có văn bản này trong sổ (hoặc đây không phải văn bản của đơn vị bạn)."


def _document_out(d: ImplementingDocument) -> dict[str, Any]:
    return {
        "id": d.pk,
        "unit": d.issuing_unit.code,
        "issuing_body": d.issuing_body,
        "kind": d.kind,
        "number": d.number,
        "date": d.date,
        "title": d.title,
        "programs": [p.number for p in d.programs.all()],
        "targets": [t.code for t in d.targets.all()],
        "tasks": [t.code for t in d.tasks.all()],
        "file_name": d.file_name or None,
        "file_kind": d.file_kind or None,
        "file_size": d.file_size,
        "recorded_at": d.recorded_at,
    }


def _document_for(request: HttpRequest, code: str, document_id: int) -> ImplementingDocument:
    user = api_user(request)
    plan = plan_for_api(code=code, user=user)
    scope = register_scope(user)
    try:
        doc = implementing_document_get(plan=plan, pk=document_id)
    except ImplementingDocument.DoesNotExist:
        raise HttpError(404, DOCUMENT_NOT_FOUND) from None
    if scope is not None and doc.issuing_unit_id not in scope:
        raise HttpError(404, DOCUMENT_NOT_FOUND)
    return doc


def _document_input(plan: Plan, body: s.ImplementingDocumentIn) -> DocumentInput:
    return document_input_from_codes(
        plan=plan,
        unit=body.unit,
        kind=body.kind,
        number=body.number,
        date=body.date,
        title=body.title,
        issuing_body=body.issuing_body,
        programs=body.programs,
        targets=body.targets,
        tasks=body.tasks,
    )


@router.get("/plans/{code}/register", response={200: s.RegisterOut, **ERRORS}, tags=REGISTER)
def register_get(request: HttpRequest, code: Code, as_of: dt.date | None = None) -> dict[str, Any]:
    """Ai phải ban hành văn bản triển khai cho chương trình nào, đến hạn nào, và tình hình vào
    ngày `as_of` (mặc định hôm nay): đúng hạn, muộn, chưa ban hành (quá hạn bao nhiêu ngày), chưa
    đến hạn. Cán bộ báo cáo chỉ thấy đơn vị mình."""
    user = api_user(request)
    plan = plan_for_api(code=code, user=user)
    day = as_of or timezone.localdate()
    view = register_view(plan=plan, as_of=day, unit_ids=register_scope(user))
    return {
        "plan": plan.code,
        "as_of": day,
        "deadlines": [
            {
                "due_date": d.due_date,
                "title": d.title,
                "units": sorted(u.code for u in d.units.all()),
            }
            for d in view.deadlines
        ],
        "obligations": [
            {
                "unit": c.unit.code,
                "program": c.program.number if c.program else None,
                "due": c.due,
                "status": c.status,
                "days": c.days,
                "document": c.document.pk if c.document else None,
            }
            for row in view.rows
            for c in row.owed
        ],
        "counts": view.counts,
    }


@router.get(
    "/plans/{code}/implementing-documents",
    response={200: list[s.ImplementingDocumentOut], **ERRORS},
    tags=REGISTER,
)
@paginate(Pagination)
def implementing_documents_list(
    request: HttpRequest, code: Code, filters: Query[s.DocumentFilters]
) -> list[dict[str, Any]]:
    """Văn bản triển khai đã ghi sổ, theo ngày; lọc theo đơn vị (mã), chương trình (số)."""
    user = api_user(request)
    plan = plan_for_api(code=code, user=user)
    scope = register_scope(user)
    if filters.unit:
        unit_ids = list(OrgUnit.objects.filter(code=filters.unit).values_list("pk", flat=True))
        scope = unit_ids if scope is None else [u for u in scope if u in unit_ids]
    program = (
        Program.objects.filter(plan=plan, number=filters.program).first()
        if filters.program
        else None
    )
    if filters.program and program is None:
        return []
    documents = implementing_documents_list_selector(plan=plan, unit_ids=scope, program=program)
    return [_document_out(d) for d in documents]


@router.get(
    "/plans/{code}/implementing-documents/{document_id}",
    response={200: s.ImplementingDocumentOut, **ERRORS},
    tags=REGISTER,
)
def implementing_document_detail(request: HttpRequest, code: Code, document_id: Id) -> Any:
    return _document_out(_document_for(request, code, document_id))


@router.post(
    "/plans/{code}/implementing-documents",
    response={201: s.ImplementingDocumentOut, **WRITE_ERRORS},
    tags=REGISTER,
)
def implementing_document_create(
    request: HttpRequest, code: Code, body: s.ImplementingDocumentIn
) -> Any:
    """Ghi một văn bản vào sổ (Văn phòng cho mọi đơn vị; cán bộ báo cáo cho đơn vị mình). Tệp
    văn bản gửi riêng: POST …/{document_id}/file."""
    user = api_user(request)
    plan = plan_for_api(code=code, user=user)
    doc = implementing_document_record(
        actor=user, plan=plan, data=_document_input(plan, body), today=timezone.localdate()
    )
    return 201, _document_out(implementing_document_get(plan=plan, pk=doc.pk))


@router.put(
    "/plans/{code}/implementing-documents/{document_id}",
    response={200: s.ImplementingDocumentOut, **WRITE_ERRORS},
    tags=REGISTER,
)
def implementing_document_change(
    request: HttpRequest, code: Code, document_id: Id, body: s.ImplementingDocumentIn
) -> Any:
    """Sửa một văn bản (toàn bộ các trường; tệp giữ nguyên)."""
    user = api_user(request)
    doc = _document_for(request, code, document_id)
    implementing_document_update(
        actor=user,
        document=doc,
        data=_document_input(doc.plan, body),
        today=timezone.localdate(),
    )
    return _document_out(implementing_document_get(plan=doc.plan, pk=doc.pk))


@router.delete(
    "/plans/{code}/implementing-documents/{document_id}",
    response={204: None, **WRITE_ERRORS},
    tags=REGISTER,
)
def implementing_document_remove(request: HttpRequest, code: Code, document_id: Id) -> Any:
    """Xóa một văn bản ghi nhầm (không xóa được văn bản đã làm căn cứ cho nội dung khác)."""
    doc = _document_for(request, code, document_id)
    implementing_document_delete(actor=api_user(request), document=doc)
    return 204, None


@router.post(
    "/plans/{code}/implementing-documents/{document_id}/file",
    response={200: s.ImplementingDocumentOut, **WRITE_ERRORS},
    tags=REGISTER,
)
def implementing_document_file_upload(
    request: HttpRequest, code: Code, document_id: Id, file: File[UploadedFile]
) -> Any:
    """Gửi (hoặc thay) tệp văn bản: PDF hoặc Word .docx, kiểm tra theo nội dung tệp."""
    doc = _document_for(request, code, document_id)
    implementing_document_file_attach(actor=api_user(request), document=doc, upload=file)
    return _document_out(implementing_document_get(plan=doc.plan, pk=doc.pk))


FILE_ANSWER = {
    "responses": {
        200: {
            "description": "Tệp văn bản (PDF hoặc Word .docx).",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                    "schema": {"type": "string", "format": "binary"}
                },
            },
        }
    }
}


@router.get(
    "/plans/{code}/implementing-documents/{document_id}/file",
    response={**ERRORS},
    tags=REGISTER,
    openapi_extra=FILE_ANSWER,
)
def implementing_document_file_download(
    request: HttpRequest, code: Code, document_id: Id
) -> FileResponse:
    """Tải tệp văn bản."""
    doc = _document_for(request, code, document_id)
    try:
        handle = implementing_document_file_open(actor=api_user(request), document=doc)
    except ValidationError as exc:
        raise HttpError(404, " ".join(exc.messages)) from None
    return FileResponse(handle, as_attachment=True, filename=doc.file_name)
