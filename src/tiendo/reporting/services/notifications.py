"""In-app notifications: to a unit's reporters (a submission returned or accepted, a reminder),
and marking one read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.accounts.models import Role
from tiendo.accounts.permissions import NotAllowed
from tiendo.org.models import OrgUnit

from ..models import Notification, Reminder, Submission
from ._common import Actor, _now


def _unit_recipients(unit_ids: Sequence[int]) -> dict[int, list[Any]]:
    users: dict[int, list[Any]] = {uid: [] for uid in unit_ids}
    for user in (
        get_user_model()
        .objects.filter(
            is_active=True, profile__unit_id__in=list(unit_ids), profile__role=Role.REPORTER
        )
        .select_related("profile")
    ):
        users[int(user.profile.unit_id or 0)].append(user)
    return users


def _notify_unit(
    *,
    unit: OrgUnit,
    submission: Submission | None,
    subject: str,
    body: str,
    reminder: Reminder | None = None,
) -> list[Notification]:
    now = _now()
    notes = [
        Notification(
            user=user,
            submission=submission,
            reminder=reminder,
            subject=subject[:300],
            body=body,
            created_at=now,
        )
        for user in _unit_recipients([unit.pk])[unit.pk]
    ]
    return Notification.objects.bulk_create(notes)


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    if notification.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Đây không phải thông báo của bạn."))
    if notification.read_at is None:
        notification.read_at = _now()
        notification.save(update_fields=["read_at"])
    return notification
