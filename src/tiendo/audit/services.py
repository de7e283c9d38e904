"""Writing to the audit log. Every service that changes plan data, figures, statuses or
accounts calls `audit_record` inside its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models
from django.utils import timezone

from .models import AuditAction, AuditEntry

SYSTEM_ACTOR = "hệ thống"


Actor = AbstractBaseUser | AnonymousUser | None


def actor_user(actor: Actor) -> User | None:
    """The signed-in user behind an actor, or None for the system and anonymous visitors."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _actor_label(actor: AbstractBaseUser | AnonymousUser | None) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return SYSTEM_ACTOR
    return str(actor.get_username())


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction | str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_label: str | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    plan_code: str = "",
) -> AuditEntry:
    """Append one entry. `changes` maps a field to {"before": ..., "after": ...} (JSON values)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
    user = actor_user(actor)
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=user,
        actor_label=_actor_label(actor),
        action=str(action),
        object_type=object_type or "",
        object_id=object_id or "",
        object_label=(object_label or "")[:300],
        plan_code=plan_code,
        changes=changes or {},
        reason=reason,
    )


@dataclass(frozen=True)
class AuditRow:
    """One entry for `audit_record_many` (the same fields as `audit_record`)."""

    actor: AbstractBaseUser | AnonymousUser | None
    action: AuditAction | str
    object_type: str
    object_id: str
    object_label: str
    changes: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    plan_code: str = ""
    at: dt.datetime | None = None


def audit_record_many(*, rows: Sequence[AuditRow]) -> list[AuditEntry]:
    """Append many entries in one insert (bulk writes: figures accepted together, demo data)."""
    now = timezone.now()
    return AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                at=row.at or now,
                actor=actor_user(row.actor),
                actor_label=_actor_label(row.actor),
                action=str(row.action),
                object_type=row.object_type,
                object_id=row.object_id,
                object_label=row.object_label[:300],
                plan_code=row.plan_code,
                changes=row.changes,
                reason=row.reason,
            )
            for row in rows
        ]
    )


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose values differ, as {"field": {"before": b, "after": a}}."""
    keys = sorted(set(before) | set(after))
    return {
        key: {"before": before.get(key), "after": after.get(key)}
        for key in keys
        if before.get(key) != after.get(key)
    }
