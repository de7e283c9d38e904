"""Evidence files attached to a submission: checked by content (not by name), added while the
submission is editable, removed, opened for those who may read the submission."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import NotAllowed, require_unit_editor, require_unit_reader
from tiendo.audit.models import AuditAction
from tiendo.audit.services import actor_user, audit_record, audit_record_many, audit_row
from tiendo.core.db import rows_update
from tiendo.core.text import filename_shorten, slug
from tiendo.core.uploads import upload_size_check

from ..evidence import EXTENSIONS, evidence_kind_detect
from ..models import EDITABLE_STATES, Evidence, Submission
from ._common import Actor, StaleVersion, _now


def evidence_max_bytes() -> int:
    return int(getattr(settings, "TIENDO_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def evidence_validate(*, upload: UploadedFile) -> str:
    """The kind of an uploaded file; ValidationError when it is too big, empty, of a kind not
    accepted, or not what its name says."""
    name = upload_size_check(upload=upload, limit=evidence_max_bytes())
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


@dataclass(frozen=True, kw_only=True)
class EvidenceUpload:
    """A file a reporter attaches to a submission, and when (now by default; the demo data
    gives calendar times)."""

    actor: Actor
    submission: Submission
    upload: UploadedFile
    at: dt.datetime | None = None


EVIDENCE_NAME_MAX = 200  # characters of an evidence file's name, its extension kept


def _stored_name(name: str) -> str:
    """The name on disk: ASCII (a file system counts bytes, and Vietnamese letters take
    several), the extension kept."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        return slug(name, max_length=80) or "tep"
    return f"{slug(stem, max_length=80) or 'tep'}.{slug(extension)}"


@transaction.atomic
def evidences_add(*, uploads: Sequence[EvidenceUpload]) -> list[Evidence]:
    """Attach files to submissions that are still editable, each checked by its content
    (ValidationError for the first that fails, and none is attached); one audit entry each.
    Raises StaleVersion when a submission was sent meanwhile."""
    now = _now()
    kinds = []
    for item in uploads:
        require_unit_editor(item.actor, item.submission.unit_id)
        kinds.append(evidence_validate(upload=item.upload))
    # The submissions must still be editable when the files are attached.
    rows = [[item.at or now, item.submission.pk] for item in uploads]
    locked = rows_update(
        Submission, fields=["updated_at"], rows=rows, among=("state", EDITABLE_STATES)
    )
    if locked != len(uploads):
        states = dict(
            Submission.objects.filter(pk__in=[r[1] for r in rows]).values_list("pk", "state")
        )
        sent = next(
            i.submission.pk for i in uploads if states[i.submission.pk] not in EDITABLE_STATES
        )
        raise StaleVersion(Submission.objects.select_related("round__plan", "unit").get(pk=sent))
    evidence = []
    for item, kind in zip(uploads, kinds, strict=True):
        # A long name is shortened keeping its extension (issue 13, item 9).
        name = filename_shorten(item.upload.name or "", max_length=EVIDENCE_NAME_MAX) or "tep"
        row = Evidence(
            submission=item.submission,
            name=name,
            kind=kind,
            size=int(item.upload.size or 0),
            uploaded_at=item.at or now,
            uploaded_by=actor_user(item.actor),
        )
        row.file.save(_stored_name(name), item.upload, save=False)
        evidence.append(row)
    Evidence.objects.bulk_create(evidence)
    audit_record_many(
        rows=[
            audit_row(
                actor=item.actor,
                action=AuditAction.CREATE,
                obj=row,
                changes={
                    "name": {"before": None, "after": row.name},
                    "kind": {"before": None, "after": row.kind},
                    "size": {"before": None, "after": row.size},
                    "submission": {"before": None, "after": item.submission.pk},
                },
                plan_code=item.submission.round.plan.code,
                at=row.uploaded_at,
            )
            for item, row in zip(uploads, evidence, strict=True)
        ]
    )
    return evidence


def evidence_add(*, actor: Actor, submission: Submission, upload: UploadedFile) -> Evidence:
    """Attach a file to a submission that is still editable (checked by its content)."""
    item = EvidenceUpload(actor=actor, submission=submission, upload=upload)
    return evidences_add(uploads=[item])[0]


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
