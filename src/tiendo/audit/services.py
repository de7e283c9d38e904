"""Writing to the audit log. Every service that changes plan data, figures, statuses or
accounts calls `audit_record` inside its transaction, or `audit_record_many` with the rows of a
bulk write (`audit_row` makes one from the object written)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models
from django.utils import timezone

from tiendo.core.db import rows_insert

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
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Append one entry. `changes` maps a field to {"before": ..., "after": ...} (JSON values).
    `at` is now unless the caller records an act of another time (the demo data's calendar)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
    user = actor_user(actor)
    return AuditEntry.objects.create(
        at=at or timezone.now(),
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


def audit_row(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction | str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    plan_code: str = "",
    object_label: str | None = None,
    at: dt.datetime | None = None,
) -> AuditRow:
    """The row `audit_record` would write for `obj`, for `audit_record_many`."""
    return AuditRow(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=(object_label or str(obj))[:300],
        changes=changes or {},
        reason=reason,
        plan_code=plan_code,
        at=at,
    )


def audit_record_many(*, rows: Sequence[AuditRow]) -> int:
    """Append many entries in one statement (bulk writes: figures accepted together, a round of
    reports, demo data). Returns how many."""
    now = timezone.now()
    return rows_insert(
        AuditEntry,
        fields=AUDIT_FIELDS,
        rows=[
            (
                row.at or now,
                _actor_pk(row.actor),
                _actor_label(row.actor),
                str(row.action),
                row.object_type,
                row.object_id,
                row.object_label[:300],
                row.plan_code,
                row.changes,
                row.reason,
            )
            for row in rows
        ],
    )


AUDIT_FIELDS = (
    "at",
    "actor",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "plan_code",
    "changes",
    "reason",
)


def _actor_pk(actor: AbstractBaseUser | AnonymousUser | None) -> Any:
    user = actor_user(actor)
    return user.pk if user is not None else None


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose values differ, as {"field": {"before": b, "after": a}}."""
    keys = sorted(set(before) | set(after))
    return {
        key: {"before": before.get(key), "after": after.get(key)}
        for key in keys
        if before.get(key) != after.get(key)
    }
