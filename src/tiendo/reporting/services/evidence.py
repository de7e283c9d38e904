"""Evidence files attached to a submission: checked by content (not by name), added while the
submission is editable, removed, opened for those who may read the submission."""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import NotAllowed, require_unit_editor, require_unit_reader
from tiendo.audit.models import AuditAction
from tiendo.audit.services import audit_record
from tiendo.core.numbers import format_number

from ..evidence import EXTENSIONS, evidence_kind_detect
from ..models import EDITABLE_STATES, Evidence, Submission
from ._common import Actor, StaleVersion, _now, _user


def evidence_max_bytes() -> int:
    return int(getattr(settings, "TIENDO_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def evidence_validate(*, upload: UploadedFile) -> str:
    """The kind of an uploaded file; ValidationError when it is too big, empty, of a kind not
    accepted, or not what its name says."""
    name = os.path.basename(upload.name or "")
    size = int(upload.size or 0)
    limit = evidence_max_bytes()
    if size <= 0:
        raise ValidationError({"file": _("Tệp “%(n)s” rỗng.") % {"n": name}})
    if size > limit:
        raise ValidationError(
            {
                "file": _("Tệp “%(n)s” quá lớn (%(s)s MB); chỉ nhận tệp tới %(l)s MB.")
                % {
                    "n": name,
                    "s": format_number(Decimal(size) / (1024 * 1024), 1),
                    "l": format_number(Decimal(limit) / (1024 * 1024)),
                }
            }
        )
    kind = evidence_kind_detect(upload.file)  # type: ignore[arg-type]
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Tệp “%(n)s” không phải PDF, Word (.docx), Excel (.xlsx), JPEG hay PNG (kiểm tra theo nội dung tệp)."
                )
                % {"n": name}
            }
        )
    ext = os.path.splitext(name)[1].lower()
    if ext not in EXTENSIONS[kind]:  # type: ignore[index]
        raise ValidationError(
            {
                "file": _(
                    "Tệp “%(n)s” có tên đuôi %(e)s nhưng nội dung là %(k)s: tệp không đúng như tên gọi."
                )
                % {"n": name, "e": ext or _("(không có)"), "k": kind.upper()}
            }
        )
    return str(kind)


@transaction.atomic
def evidence_add(*, actor: Actor, submission: Submission, upload: UploadedFile) -> Evidence:
    require_unit_editor(actor, submission.unit_id)
    kind = evidence_validate(upload=upload)
    # The submission must still be editable when the file is attached.
    locked = Submission.objects.filter(pk=submission.pk, state__in=list(EDITABLE_STATES)).update(
        updated_at=_now()
    )
    if locked != 1:
        raise StaleVersion(
            Submission.objects.select_related("round__plan", "unit").get(pk=submission.pk)
        )
    name = os.path.basename(upload.name or "tep")[:200]
    evidence = Evidence(
        submission=submission,
        name=name,
        kind=kind,
        size=int(upload.size or 0),
        uploaded_at=_now(),
        uploaded_by=_user(actor),
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=evidence,
        changes={
            "name": {"before": None, "after": name},
            "kind": {"before": None, "after": kind},
            "size": {"before": None, "after": evidence.size},
            "submission": {"before": None, "after": submission.pk},
        },
        plan_code=submission.round.plan.code,
    )
    return evidence


@transaction.atomic
def evidence_delete(*, actor: Actor, evidence: Evidence) -> None:
    submission = evidence.submission
    require_unit_editor(actor, submission.unit_id)
    if submission.state not in EDITABLE_STATES:
        raise NotAllowed(_("Báo cáo đã gửi; không thể xóa tài liệu kèm theo."))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=evidence,
        changes={"name": {"before": evidence.name, "after": None}},
        plan_code=submission.round.plan.code,
    )
    stored = evidence.file.name
    storage = evidence.file.storage
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


def evidence_open(*, actor: Actor, evidence: Evidence) -> Any:
    """The file, for download, when the actor may read the submission."""
    require_unit_reader(actor, evidence.submission.unit_id)
    return evidence.file.open("rb")
