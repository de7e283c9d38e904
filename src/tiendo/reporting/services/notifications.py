"""In-app notifications: to a unit's reporters (a submission returned or accepted, a reminder),
to the office (a report sent), and marking one read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tiendo.accounts.models import Role
from tiendo.accounts.permissions import NotAllowed
from tiendo.core.db import rows_insert
from tiendo.org.models import OrgUnit

from ..models import Notification, Reminder, Submission, SubmissionState
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


def office_notify_sent(
    *, submissions: Sequence[Submission], at: Sequence[dt.datetime | None] | None = None
) -> int:
    """Tell the office (every active monitor) that units sent or sent again their reports: an
    in-app notification each, at the time of the sending (`at`, one per submission; now by
    default), and for a sending happening now an e-mail to those with an address once it is
    committed (a mail server that refuses never undoes a unit's report). Two queries whatever
    the number of reports. Returns how many notifications were written."""
    if not submissions:
        return 0
    times = list(at) if at is not None else [None] * len(submissions)
    office = list(
        get_user_model()
        .objects.filter(is_active=True, profile__role=Role.MONITOR)
        .order_by("pk")
        .only("pk", "email")
    )
    emails = sorted({u.email for u in office if u.email})
    now = _now()
    rows = []
    mails: list[tuple[str, str]] = []
    with translation.override(settings.LANGUAGE_CODE):  # stored text: the official language
        for submission, when in zip(submissions, times, strict=True):
            rnd = submission.round
            resent = submission.state == SubmissionState.RESUBMITTED
            subject = (
                _("%(u)s gửi lại báo cáo %(p)s") if resent else _("%(u)s đã gửi báo cáo %(p)s")
            ) % {"u": submission.unit, "p": rnd.period_label()}
            body = _(
                "%(u)s đã gửi báo cáo đợt %(p)s (%(plan)s) để Văn phòng duyệt. "
                "Mở báo cáo trong tiendo, mục “Đợt báo cáo”, để chấp nhận hoặc trả lại."
            ) % {"u": submission.unit, "p": rnd.period_label(), "plan": rnd.plan}
            rows += [
                (user.pk, submission.pk, None, subject[:300], body, when or now) for user in office
            ]
            if when is None:
                mails.append((subject, body))
    if emails and mails:
        transaction.on_commit(
            lambda: [send_mail(s, b, None, emails, fail_silently=True) for s, b in mails]
        )
    return rows_insert(
        Notification,
        fields=("user", "submission", "reminder", "subject", "body", "created_at"),
        rows=rows,
    )


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    if notification.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Đây không phải thông báo của bạn."))
    if notification.read_at is None:
        notification.read_at = _now()
        notification.save(update_fields=["read_at"])
    return notification
