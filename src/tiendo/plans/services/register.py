"""Writes of the register of implementing documents: record, change, remove an entry, open its
file. The office (monitor) records for any unit; a unit's reporter records for their own unit.
Every write is audited; bad input raises ValidationError (Vietnamese, by field) and changes
nothing."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import NotAllowed, can_edit_unit, can_monitor, can_read_unit
from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, actor_user, audit_record, diff_fields
from tiendo.core.files import EXTENSIONS, file_kind_detect
from tiendo.core.text import normalize_space
from tiendo.core.uploads import upload_size_check
from tiendo.org.models import OrgUnit, OrgUnitKind

from ..models import (
    DocumentKind,
    ImplementingDocument,
    Plan,
    PlanStatus,
    Program,
    RegisterFileKind,
    Target,
    Task,
)

REGISTER_FILE_KINDS = frozenset(k.value for k in RegisterFileKind)


@dataclass
class DocumentInput:
    """What a form or an API call gives for one register entry."""

    unit: OrgUnit | None
    kind: str
    number: str
    date: dt.date | None
    title: str
    issuing_body: str = ""
    programs: Sequence[Program] = field(default_factory=list)
    targets: Sequence[Target] = field(default_factory=list)
    tasks: Sequence[Task] = field(default_factory=list)


def document_input_from_codes(
    *,
    plan: Plan,
    unit: str,
    kind: str,
    number: str,
    date: dt.date | None,
    title: str,
    issuing_body: str = "",
    programs: Sequence[int] = (),
    targets: Sequence[str] = (),
    tasks: Sequence[str] = (),
) -> DocumentInput:
    """A register entry named by codes (the API, scripts): the unit's code, program numbers,
    target and task codes of `plan`; ValidationError naming the first unknown one per field."""
    errors: dict[str, str] = {}
    unit_obj = OrgUnit.objects.filter(code=unit).first()
    if unit_obj is None:
        errors["unit"] = _("Không có đơn vị mã “%(c)s”.") % {"c": unit}
    by_number = {p.number: p for p in Program.objects.filter(plan=plan, number__in=programs)}
    by_target = {t.code: t for t in Target.objects.filter(plan=plan, code__in=targets)}
    by_task = {t.code: t for t in Task.objects.filter(plan=plan, code__in=tasks)}
    for field_name, wanted, found, noun in (
        ("programs", [str(n) for n in programs], {str(k) for k in by_number}, _("chương trình")),
        ("targets", list(targets), set(by_target), _("chỉ tiêu")),
        ("tasks", list(tasks), set(by_task), _("nhiệm vụ")),
    ):
        unknown = [w for w in wanted if w not in found]
        if unknown:
            errors[field_name] = _("Chương trình hành động không có %(noun)s %(codes)s.") % {
                "noun": noun,
                "codes": ", ".join(unknown),
            }
    if errors:
        raise ValidationError(errors)
    return DocumentInput(
        unit=unit_obj,
        kind=kind,
        number=number,
        date=date,
        title=title,
        issuing_body=issuing_body,
        programs=[by_number[n] for n in dict.fromkeys(programs)],
        targets=[by_target[c] for c in dict.fromkeys(targets)],
        tasks=[by_task[c] for c in dict.fromkeys(tasks)],
    )


def _require_editor(actor: Actor, unit_id: int) -> None:
    if can_monitor(actor) or can_edit_unit(actor, unit_id):
        return
    raise NotAllowed(
        _(
            "Chỉ Văn phòng, hoặc cán bộ báo cáo của chính đơn vị ban hành, mới được ghi sổ "
            "văn bản triển khai của đơn vị."
        )
    )


def _max_bytes() -> int:
    return int(getattr(settings, "TIENDO_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def register_file_validate(*, upload: UploadedFile) -> str:
    """The kind ("pdf" or "docx") of an uploaded document file; ValidationError when it is
    empty, too big, not a PDF or DOCX by its content, or not what its name says."""
    name = upload_size_check(upload=upload, limit=_max_bytes())
    kind = file_kind_detect(upload.file)  # type: ignore[arg-type]
    if kind not in REGISTER_FILE_KINDS:
        raise ValidationError(
            {
                "file": _(
                    "Tệp “%(n)s” không phải PDF hay Word (.docx) (kiểm tra theo nội dung tệp)."
                )
                % {"n": name}
            }
        )
    assert kind is not None
    ext = os.path.splitext(name)[1].lower()
    if ext not in EXTENSIONS[kind]:
        raise ValidationError(
            {
                "file": _(
                    "Tệp “%(n)s” có tên đuôi %(e)s nhưng nội dung là %(k)s: tệp không đúng như tên gọi."
                )
                % {"n": name, "e": ext or _("(không có)"), "k": kind.upper()}
            }
        )
    return kind


def _clean(*, plan: Plan, data: DocumentInput, today: dt.date) -> dict[str, Any]:
    """The entry's values, or ValidationError naming every field that is wrong."""
    errors: dict[str, str] = {}
    number = normalize_space(data.number or "")
    title = normalize_space(data.title or "")
    if plan.status == PlanStatus.DRAFT:
        raise ValidationError(
            {"plan": _("Chương trình còn là dự thảo: chưa thể ghi văn bản triển khai.")}
        )
    if data.unit is None:
        errors["unit"] = _("Hãy chọn đơn vị ban hành.")
    elif data.unit.kind == OrgUnitKind.GROUP:
        errors["unit"] = _(
            "“%(u)s” là một nhóm cơ quan, không ban hành văn bản; hãy chọn một đơn vị cụ thể."
        ) % {"u": data.unit.name}
    if data.kind not in DocumentKind.values:
        errors["kind"] = _("Hãy chọn loại văn bản.")
    if not number:
        errors["number"] = _("Hãy ghi số, ký hiệu văn bản.")
    elif len(number) > 64:
        errors["number"] = _("Số, ký hiệu dài quá 64 ký tự.")
    if not title:
        errors["title"] = _("Hãy ghi trích yếu văn bản.")
    if data.date is None:
        errors["date"] = _("Hãy ghi ngày ban hành (ngày/tháng/năm).")
    elif data.date > today:
        errors["date"] = _("Ngày ban hành %(d)s còn ở tương lai.") % {
            "d": data.date.strftime("%d/%m/%Y")
        }
    elif plan.issue_date and data.date < plan.issue_date:
        errors["date"] = _(
            "Ngày ban hành %(d)s trước ngày ban hành chương trình hành động (%(p)s): văn bản "
            "này không thể triển khai chương trình."
        ) % {"d": data.date.strftime("%d/%m/%Y"), "p": plan.issue_date.strftime("%d/%m/%Y")}
    programs, targets, tasks = list(data.programs), list(data.targets), list(data.tasks)
    if (
        any(p.plan_id != plan.pk for p in programs)
        or any(t.plan_id != plan.pk for t in targets)
        or any(t.plan_id != plan.pk for t in tasks)
    ):
        errors["programs"] = _("Chương trình, chỉ tiêu, nhiệm vụ phải thuộc chương trình này.")
    elif not (programs or targets or tasks):
        errors["programs"] = _(
            "Hãy chọn ít nhất một chương trình, chỉ tiêu hoặc nhiệm vụ mà văn bản triển khai."
        )
    if errors:
        raise ValidationError(errors)
    return {
        "issuing_unit": data.unit,
        "kind": data.kind,
        "number": number,
        "date": data.date,
        "title": title,
        "issuing_body": normalize_space(data.issuing_body or "")[:300],
        "programs": programs,
        "targets": targets,
        "tasks": tasks,
    }


def _check_unique(*, plan: Plan, number: str, date: dt.date, exclude: int | None = None) -> None:
    clash = ImplementingDocument.objects.filter(plan=plan, number=number, date=date)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    other = clash.select_related("issuing_unit").first()
    if other is not None:
        raise ValidationError(
            {
                "number": _("Văn bản số %(n)s ngày %(d)s đã có trong sổ (đơn vị %(u)s).")
                % {"n": number, "d": date.strftime("%d/%m/%Y"), "u": other.issuing_unit}
            }
        )


def _snapshot(doc: ImplementingDocument) -> dict[str, Any]:
    return {
        "issuing_unit": doc.issuing_unit.code,
        "issuing_body": doc.issuing_body,
        "kind": doc.kind,
        "number": doc.number,
        "date": doc.date.isoformat(),
        "title": doc.title,
        "programs": sorted(p.number for p in doc.programs.all()),
        "targets": sorted(t.code for t in doc.targets.all()),
        "tasks": sorted(t.code for t in doc.tasks.all()),
        "file": doc.file_name or None,
    }


def _attach(doc: ImplementingDocument, upload: UploadedFile, kind: str) -> str | None:
    """Store `upload` as the entry's file; returns the name of the file it replaces."""
    previous = doc.file.name or None
    name = os.path.basename(upload.name or "van-ban")[:200]
    doc.file.save(name, upload, save=False)
    doc.file_name = name
    doc.file_kind = kind
    doc.file_size = int(upload.size or 0)
    return previous


def _delete_file_later(doc: ImplementingDocument, name: str | None) -> None:
    if name:
        storage = doc.file.storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def implementing_document_record(
    *,
    actor: Actor,
    plan: Plan,
    data: DocumentInput,
    upload: UploadedFile | None = None,
    today: dt.date,
    check_actor: bool = True,
) -> ImplementingDocument:
    """Record a document a unit issued. `today` bounds its date (no date in the future)."""
    if check_actor:
        if data.unit is None:
            raise ValidationError({"unit": _("Hãy chọn đơn vị ban hành.")})
        _require_editor(actor, data.unit.pk)
    values = _clean(plan=plan, data=data, today=today)
    _check_unique(plan=plan, number=values["number"], date=values["date"])
    kind = register_file_validate(upload=upload) if upload is not None else None
    relations = {k: values.pop(k) for k in ("programs", "targets", "tasks")}
    doc = ImplementingDocument(
        plan=plan, recorded_at=timezone.now(), recorded_by=actor_user(actor), **values
    )
    if upload is not None and kind is not None:
        _attach(doc, upload, kind)
    doc.save()
    for name, items in relations.items():
        getattr(doc, name).set(items)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=doc,
        changes={k: {"before": None, "after": v} for k, v in _snapshot(doc).items()},
        plan_code=plan.code,
    )
    return doc


@transaction.atomic
def implementing_document_update(
    *,
    actor: Actor,
    document: ImplementingDocument,
    data: DocumentInput,
    upload: UploadedFile | None = None,
    today: dt.date,
    reason: str = "",
) -> ImplementingDocument:
    """Change an entry (a new file replaces the old one). A reporter may change only their own
    unit's entries, and may not hand an entry to another unit."""
    doc = (
        ImplementingDocument.objects.select_for_update().select_related("plan").get(pk=document.pk)
    )
    _require_editor(actor, doc.issuing_unit_id)
    if data.unit is not None and data.unit.pk != doc.issuing_unit_id:
        _require_editor(actor, data.unit.pk)
    before = _snapshot(doc)
    values = _clean(plan=doc.plan, data=data, today=today)
    _check_unique(plan=doc.plan, number=values["number"], date=values["date"], exclude=doc.pk)
    kind = register_file_validate(upload=upload) if upload is not None else None
    relations = {k: values.pop(k) for k in ("programs", "targets", "tasks")}
    for key, value in values.items():
        setattr(doc, key, value)
    replaced = _attach(doc, upload, kind) if upload is not None and kind is not None else None
    doc.save()
    for name, items in relations.items():
        getattr(doc, name).set(items)
    changes = diff_fields(before, _snapshot(doc))
    if upload is not None and "file" not in changes:
        changes["file"] = {"before": before["file"], "after": doc.file_name}
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=doc,
            changes=changes,
            reason=reason,
            plan_code=doc.plan.code,
        )
    _delete_file_later(doc, replaced)
    return doc


@transaction.atomic
def implementing_document_file_attach(
    *, actor: Actor, document: ImplementingDocument, upload: UploadedFile
) -> ImplementingDocument:
    """Attach (or replace) an entry's file, checked by its content."""
    doc = (
        ImplementingDocument.objects.select_for_update().select_related("plan").get(pk=document.pk)
    )
    _require_editor(actor, doc.issuing_unit_id)
    kind = register_file_validate(upload=upload)
    before = doc.file_name or None
    replaced = _attach(doc, upload, kind)
    doc.save(update_fields=["file", "file_name", "file_kind", "file_size"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=doc,
        changes={"file": {"before": before, "after": doc.file_name}},
        plan_code=doc.plan.code,
    )
    _delete_file_later(doc, replaced)
    return doc


@transaction.atomic
def implementing_document_delete(
    *, actor: Actor, document: ImplementingDocument, reason: str = ""
) -> None:
    """Remove an entry recorded by mistake. An entry something else rests on (the outcome of a
    work program item, the basis of a delegation) cannot be removed."""
    doc = ImplementingDocument.objects.select_related("plan", "issuing_unit").get(pk=document.pk)
    _require_editor(actor, doc.issuing_unit_id)
    stored = doc.file.name or None
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=doc,
        changes={k: {"before": v, "after": None} for k, v in _snapshot(doc).items()},
        reason=reason,
        plan_code=doc.plan.code,
    )
    try:
        with transaction.atomic():
            doc.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _(
                "Không thể xóa văn bản %(n)s: đã có nội dung khác căn cứ vào văn bản này (kết quả "
                "của chương trình công tác, phân công thực hiện)."
            )
            % {"n": doc.number}
        ) from exc
    _delete_file_later(doc, stored)


def implementing_document_file_open(*, actor: Actor, document: ImplementingDocument) -> IO[bytes]:
    """The entry's file, for download, when the actor may read that unit's records."""
    if not can_read_unit(actor, document.issuing_unit_id):
        raise NotAllowed(_("Bạn chỉ được xem văn bản của đơn vị mình."))
    if not document.file:
        raise ValidationError(_("Văn bản này chưa có tệp đính kèm."))
    handle: IO[bytes] = document.file.open("rb")
    return handle
