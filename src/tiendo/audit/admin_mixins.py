"""Django admin edits go into the audit log like every other change (who, when, before/after)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest

from .models import AuditAction
from .services import audit_record, diff_fields


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, list | tuple | set):
            value = sorted(str(getattr(v, "pk", v)) for v in value)
        elif value is not None and not isinstance(value, bool | int | str):
            value = str(value)
        result[key] = value
    return result


def _plan_code(obj: models.Model) -> str:
    plan = getattr(obj, "plan", None)
    return str(getattr(plan, "code", "")) if plan is not None else ""


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletions are recorded in the audit log."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = (
            _jsonable(model_to_dict(type(obj)._default_manager.get(pk=obj.pk)))
            if change and obj.pk
            else {}
        )
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            after = _jsonable(model_to_dict(obj))
            diff = diff_fields(before, after)
            if change and not diff:
                return
            audit_record(
                actor=request.user,
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                obj=obj,
                changes=diff,
                reason="Sửa trong trang quản trị",
                plan_code=_plan_code(obj),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(
                actor=request.user,
                action=AuditAction.DELETE,
                obj=obj,
                changes={
                    k: {"before": v, "after": None}
                    for k, v in _jsonable(model_to_dict(obj)).items()
                },
                reason="Xóa trong trang quản trị",
                plan_code=_plan_code(obj),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
