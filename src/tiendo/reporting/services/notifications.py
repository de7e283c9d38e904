"""In-app notifications: to a unit's reporters (a submission returned or accepted, a reminder),
and marking one read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.accounts.models import Role
from tiendo.accounts.permissions import NotAllowed
from tiendo.core.db import rows_insert
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


@dataclass(frozen=True)
class Notice:
    """One message to every active reporter of a unit, at a time (now by default)."""

    unit_id: int
    subject: str
    body: str
    submission: Submission | None = None
    reminder: Reminder | None = None
    at: dt.datetime | None = None


def _notify_units(notices: Sequence[Notice]) -> int:
    """Write the notices' notifications: two queries whatever their number. Returns how many."""
    if not notices:
        return 0
    now = _now()
    reporters: dict[int, list[int]] = {n.unit_id: [] for n in notices}
    for user_id, unit_id in (
        get_user_model()
        .objects.filter(
            is_active=True, profile__unit_id__in=list(reporters), profile__role=Role.REPORTER
        )
        .values_list("pk", "profile__unit_id")
    ):
        reporters[unit_id].append(user_id)
    rows = [
        (
            user_id,
            notice.submission.pk if notice.submission else None,
            notice.reminder.pk if notice.reminder else None,
            notice.subject[:300],
            notice.body,
            notice.at or now,
        )
        for notice in notices
        for user_id in reporters[notice.unit_id]
    ]
    return rows_insert(
        Notification,
        fields=("user", "submission", "reminder", "subject", "body", "created_at"),
        rows=rows,
    )


def _notify_unit(
    *,
    unit: OrgUnit,
    submission: Submission | None,
    subject: str,
    body: str,
    reminder: Reminder | None = None,
) -> int:
    return _notify_units([Notice(unit.pk, subject, body, submission=submission, reminder=reminder)])


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    if notification.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Đây không phải thông báo của bạn."))
    if notification.read_at is None:
        notification.read_at = _now()
        notification.save(update_fields=["read_at"])
    return notification
