"""Writes of exports: the report draft, and a unit's data-entry workbook applied to its draft
submission (see `workbook.py`). Every write checks the actor and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import audit_record
from tiendo.plans.models import Plan

from .models import ReportDraft

Actor = AbstractBaseUser | AnonymousUser | None

DRAFT_FIELDS = (
    "number",
    "place",
    "date",
    "signer_authority",
    "signer_title",
    "signer_name",
    "recipients",
)


class DraftStale(Exception):
    """Someone else saved the draft since it was read."""

    def __init__(self, current: ReportDraft) -> None:
        self.current = current
        self.message = _(
            "Dự thảo báo cáo vừa được người khác sửa; nội dung của bạn chưa được lưu. "
            "Hãy tải lại trang để xem bản mới nhất."
        )
        super().__init__(self.message)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def report_draft_save(
    *,
    actor: Actor,
    plan: Plan,
    as_of_year: int,
    version: int | None,
    fields: Mapping[str, Any],
    sections: Mapping[str, str],
) -> ReportDraft:
    """Save the office's edits of a report (header fields and narrative sections). A section
    saved empty goes back to the generated text. `version` is the draft version the editor
    read (None when there was no draft yet); a stale version raises DraftStale."""
    require_monitor(actor)
    if not plan.term_from_year <= as_of_year <= plan.term_to_year + 1:
        raise ValidationError(
            {"as_of_year": _("Năm đánh giá phải trong nhiệm kỳ của chương trình.")}
        )
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValidationError({"fields": _("Trường không hợp lệ: %(f)s") % {"f": sorted(unknown)}})
    now = timezone.now()
    user: Any = actor if getattr(actor, "is_authenticated", False) else None
    cleaned_sections = {k: str(v).replace("\r\n", "\n").strip() for k, v in sections.items()}
    draft = ReportDraft.objects.select_for_update().filter(plan=plan, as_of_year=as_of_year).first()
    if draft is None:
        if version not in (None, 0):
            raise DraftStale(ReportDraft(plan=plan, as_of_year=as_of_year, updated_at=now))
        draft = ReportDraft.objects.create(plan=plan, as_of_year=as_of_year, updated_at=now)
        before: dict[str, Any] = {}
    else:
        if version is not None and version != draft.version:
            raise DraftStale(draft)
        before = {f: _json(getattr(draft, f)) for f in DRAFT_FIELDS}
        before.update({f"section.{k}": v for k, v in (draft.sections or {}).items()})
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(draft, name, value if value != "" or name != "date" else None)
    merged = dict(draft.sections or {})
    for key, text in cleaned_sections.items():
        if text:
            merged[key] = text
        else:
            merged.pop(key, None)
    draft.sections = merged
    draft.updated_at = now
    draft.updated_by = user
    draft.save()
    ReportDraft.objects.filter(pk=draft.pk).update(version=F("version") + 1)
    draft.refresh_from_db()
    after = {f: _json(getattr(draft, f)) for f in DRAFT_FIELDS}
    after.update({f"section.{k}": v for k, v in merged.items()})
    changes = {
        key: {"before": before.get(key), "after": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        obj=draft,
        changes=changes,
        plan_code=plan.code,
    )
    return draft
