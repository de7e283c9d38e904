"""Importing a document into a draft plan, and the reviewer's corrections before publishing.

The document is read (`readers.read_document`) and parsed (`parser.parse_plan_text`) by pure
functions; the proposal is validated and saved whole as a draft plan through `plan_load`, or
refused whole with a message that says what to do. Corrections rebuild the plan document, change
one item and load it again, so that every edit is validated and audited the same way.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.services import Actor, actor_user
from tiendo.core.archives import megabytes
from tiendo.core.text import slug
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Plan, PlanStatus
from tiendo.plans.selectors import plan_document_build
from tiendo.plans.services import plan_document_check, plan_load, plan_load_checked

from .models import ImportedDocument
from .parser import PlanNotRecognised, parse_plan_text
from .readers import DocumentRefused, read_document


class ImportRefused(ValueError):
    """The document cannot become a draft plan; `message` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportProposal:
    document: dict[str, Any]
    text: str
    warnings: list[str] = field(default_factory=list)


def import_size_check(*, size: int) -> None:
    """Refuse a file larger than TIENDO_IMPORT_MAX_BYTES; callers check before reading it."""
    limit = settings.TIENDO_IMPORT_MAX_BYTES
    if size > limit:
        raise ImportRefused(
            f"Tệp quá lớn ({megabytes(size)} MB; tối đa {megabytes(limit)} MB). Văn bản chương trình hành "
            "động thường chỉ vài MB: hãy bỏ hình ảnh hoặc lưu lại dưới dạng .docx rồi tải lên lại."
        )


def document_propose(*, data: bytes, filename: str, code: str | None = None) -> ImportProposal:
    """Read and parse a file into a proposed plan document (with `unparsed`), saving nothing.
    The file's size and, for a .docx, its unpacked size are checked before it is opened."""
    import_size_check(size=len(data))
    try:
        text = read_document(
            data=data,
            filename=filename,
            zip_max_bytes=settings.TIENDO_ZIP_MAX_BYTES,
            zip_max_members=settings.TIENDO_ZIP_MAX_MEMBERS,
        )
        result = parse_plan_text(text=text, code=code)
    except DocumentRefused as exc:
        raise ImportRefused(exc.message_vi) from exc
    except PlanNotRecognised as exc:
        raise ImportRefused(exc.message_vi) from exc
    document = result.document
    if code:
        document["code"] = code
    elif not document.get("code"):
        document["code"] = (
            slug(document.get("number") or filename.rsplit(".", 1)[0])[:64] or "du-thao"
        )
    document["status"] = PlanStatus.DRAFT
    return ImportProposal(document=document, text=text, warnings=list(result.warnings))


def _loadable(document: dict[str, Any]) -> dict[str, Any]:
    """The document without the importer's own fields (`unparsed`, `line`)."""
    clean = {k: copy.deepcopy(v) for k, v in document.items() if k != "unparsed"}
    for key in (
        "programs",
        "targets",
        "tasks",
        "breakthroughs",
        "assignments",
        "deadlines",
        "supersedes",
    ):
        for item in clean.get(key, []):
            item.pop("line", None)
    return clean


def plan_import(
    *,
    data: bytes,
    filename: str,
    actor: Actor,
    code: str | None = None,
    check_permission: bool = True,
) -> ImportedDocument:
    """Save a document as a draft plan. A plan of that code that is not a draft is never
    touched: choose another code. Refused whole (ImportRefused) when anything is wrong.

    Reading, parsing and validating the document (seconds for a long one) happen before any
    transaction; only the writes run in one short transaction at the end, so that sign-ins and
    saves of other people do not wait for a long upload (issue 13)."""
    if check_permission:
        require_monitor(actor)
    proposal = document_propose(data=data, filename=filename, code=code)
    try:
        checked = plan_document_check(document=_loadable(proposal.document))
    except PlanDocumentError as exc:
        raise _refused_document(exc) from exc
    with transaction.atomic():
        existing = Plan.objects.filter(code=proposal.document["code"]).first()
        if existing is not None and existing.status != PlanStatus.DRAFT:
            raise ImportRefused(
                f"Đã có chương trình “{existing.code}” đang thực hiện hoặc đã kết thúc; nhập văn "
                "bản không được ghi đè lên nó. Hãy chọn một mã khác cho dự thảo."
            )
        try:
            result = plan_load_checked(
                checked=checked,
                actor=actor,
                reason=f"Nhập từ văn bản {filename}",
                record_revision=False,
            )
        except PlanDocumentError as exc:
            raise _refused_document(exc) from exc
        return ImportedDocument.objects.create(
            plan=result.plan,
            filename=filename[:255],
            text=proposal.text,
            proposal=proposal.document,
            unparsed=proposal.document.get("unparsed", []),
            warnings=proposal.warnings,
            uploaded_at=timezone.now(),
            uploaded_by=actor_user(actor),
        )


def _refused_document(exc: PlanDocumentError) -> ImportRefused:
    return ImportRefused(
        f"Không lưu được dự thảo: {exc.message} (tại {exc.path}). Hãy sửa văn bản hoặc nhập "
        "bằng tệp JSON."
    )


def _draft_document(plan: Plan) -> dict[str, Any]:
    if plan.status != PlanStatus.DRAFT:
        raise PlanDocumentError("$.status", "chỉ sửa được chương trình ở trạng thái dự thảo")
    return plan_document_build(plan=plan)


def _save(plan: Plan, document: dict[str, Any], actor: Actor, reason: str) -> None:
    plan_load(document=document, actor=actor, reason=reason, record_revision=False)


@transaction.atomic
def draft_target_save(
    *, plan: Plan, actor: Actor, code: str, values: dict[str, Any], new: bool = False
) -> None:
    """Correct one target of a draft (or add it when `new`): `values` are plan-document fields.
    Raises PlanDocumentError with the field's path when the result is not a valid plan."""
    require_monitor(actor)
    document = _draft_document(plan)
    targets = document["targets"]
    index = next((i for i, t in enumerate(targets) if t["code"] == code), None)
    if new:
        if index is not None:
            raise PlanDocumentError("$.targets.code", f"mã chỉ tiêu “{code}” đã dùng")
        targets.append({"code": code, **values})
        reason = f"Thêm chỉ tiêu {code} vào dự thảo"
    else:
        if index is None:
            raise PlanDocumentError("$.targets", f"không có chỉ tiêu “{code}”")
        targets[index] = {**targets[index], **values}
        reason = f"Sửa chỉ tiêu {code} của dự thảo"
    _save(plan, document, actor, reason)


@transaction.atomic
def draft_target_delete(*, plan: Plan, actor: Actor, code: str) -> None:
    require_monitor(actor)
    document = _draft_document(plan)
    document["targets"] = [t for t in document["targets"] if t["code"] != code]
    document["assignments"] = [
        a for a in document["assignments"] if not (a["scope"] == "target" and a["ref"] == code)
    ]
    _save(plan, document, actor, f"Bỏ chỉ tiêu {code} khỏi dự thảo")


@transaction.atomic
def draft_task_save(*, plan: Plan, actor: Actor, code: str, text: str) -> None:
    require_monitor(actor)
    document = _draft_document(plan)
    for task in document["tasks"]:
        if task["code"] == code:
            task["text"] = text
            break
    else:
        raise PlanDocumentError("$.tasks", f"không có nhiệm vụ “{code}”")
    _save(plan, document, actor, f"Sửa nhiệm vụ {code} của dự thảo")


@transaction.atomic
def draft_task_delete(*, plan: Plan, actor: Actor, code: str) -> None:
    require_monitor(actor)
    document = _draft_document(plan)
    document["tasks"] = [t for t in document["tasks"] if t["code"] != code]
    document["assignments"] = [
        a for a in document["assignments"] if not (a["scope"] == "task" and a["ref"] == code)
    ]
    for item in document["breakthroughs"]:
        item["tasks"] = [c for c in item["tasks"] if c != code]
    _save(plan, document, actor, f"Bỏ nhiệm vụ {code} khỏi dự thảo")


@transaction.atomic
def draft_program_save(*, plan: Plan, actor: Actor, number: int, title: str) -> None:
    require_monitor(actor)
    document = _draft_document(plan)
    for program in document["programs"]:
        if program["number"] == number:
            program["title"] = title
            break
    else:
        raise PlanDocumentError("$.programs", f"không có chương trình {number}")
    _save(plan, document, actor, f"Sửa tên chương trình {number} của dự thảo")
