"""Urging (đôn đốc): which units to urge in a round, the digest each gets (e-mail and in-app
notification, recorded as a Reminder), and the daily reminders of `tiendo remind`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import actor_user, audit_record
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Task
from tiendo.plans.register import RegisterCell, documents_missing_by_unit

from ..models import (
    Reminder,
    ReminderTrigger,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionState,
)
from ..selectors import overdue_tasks_by_unit
from ._common import Actor, _now
from .notifications import _notify_unit, _unit_recipients


def _digest(
    *,
    rnd: ReportingRound,
    submission: Submission | None,
    overdue: Sequence[Task],
    today: dt.date,
    documents: Sequence[RegisterCell] = (),
) -> tuple[str, str]:
    """The reminder's subject and text, in the official language whoever sends it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _digest_text(
            rnd=rnd, submission=submission, overdue=overdue, today=today, documents=documents
        )


def _digest_text(
    *,
    rnd: ReportingRound,
    submission: Submission | None,
    overdue: Sequence[Task],
    today: dt.date,
    documents: Sequence[RegisterCell] = (),
) -> tuple[str, str]:
    lines = [
        _("Kính gửi %(u)s,") % {"u": submission.unit if submission else ""},
        "",
        _("Văn phòng Tỉnh ủy đôn đốc đợt báo cáo: %(p)s — %(plan)s.")
        % {"p": rnd.period_label(), "plan": rnd.plan},
        _("Hạn nộp: %(d)s.") % {"d": rnd.deadline.strftime("%d/%m/%Y")},
    ]
    if submission is not None:
        if submission.state == SubmissionState.DRAFT:
            lines.append(
                _("Đơn vị chưa gửi báo cáo; đã quá hạn %(n)s ngày.")
                % {"n": (today - rnd.deadline).days}
                if today > rnd.deadline
                else _("Đơn vị chưa gửi báo cáo.")
            )
        elif submission.state == SubmissionState.RETURNED:
            lines.append(
                _("Báo cáo bị trả lại và chưa gửi lại. Lý do: %(r)s")
                % {"r": submission.return_reason}
            )
    if overdue:
        lines.append("")
        lines.append(_("Nhiệm vụ chậm tiến độ (quá hạn, hoặc chưa triển khai khi đã đến lúc):"))
        lines += [
            f"  - {t.code}: {t.text[:160]}"
            + (f" (hạn {t.due_date:%d/%m/%Y})" if t.due_date else "")
            for t in overdue
        ]
    if documents:
        lines.append("")
        lines.append(_("Văn bản triển khai chưa ban hành, đã quá hạn:"))
        lines += [
            "  - "
            + (
                _("Chương trình %(n)s") % {"n": c.program.number}
                if c.program
                else _("toàn chương trình")
            )
            + ": "
            + _("hạn %(d)s, quá hạn %(k)s ngày") % {"d": f"{c.due:%d/%m/%Y}", "k": c.days}
            for c in documents
        ]
        lines.append(
            _(
                "Khi đã ban hành, đề nghị đơn vị ghi văn bản vào mục “Văn bản triển khai” của tiendo."
            )
        )
    lines += [
        "",
        _("Đề nghị đơn vị đăng nhập tiendo, mục “Việc của đơn vị”, để nhập và gửi báo cáo."),
    ]
    subject = _("[tiendo] Đôn đốc báo cáo %(p)s") % {"p": rnd.period_label()}
    return subject, "\n".join(lines)


@dataclass(frozen=True)
class UrgeCandidate:
    """A unit of a round as the urging page shows it: why it would be urged, or why not, and
    the message it would receive with its recipients."""

    unit: OrgUnit
    submission: Submission | None
    subject: str
    body: str
    recipients: list[str]
    skipped: str = ""


def _urge_candidates(
    *, reporting_round: ReportingRound, today: dt.date, with_text: bool
) -> list[UrgeCandidate]:
    subs = {
        s.unit_id: s
        for s in Submission.objects.select_related("unit")
        .filter(round=reporting_round)
        .annotate(items=Count("figures", distinct=True) + Count("tasks", distinct=True))
    }
    units = list(reporting_round.units.order_by("name"))
    unit_ids = [u.pk for u in units]
    overdue = overdue_tasks_by_unit(plan=reporting_round.plan, unit_ids=unit_ids, today=today)
    missing = documents_missing_by_unit(plan=reporting_round.plan, unit_ids=unit_ids, today=today)
    people = _unit_recipients(unit_ids)
    found = []
    for unit in units:
        sub = subs.get(unit.pk)
        waiting = sub is not None and sub.state in (
            SubmissionState.DRAFT,
            SubmissionState.RETURNED,
        )
        owes_report = waiting and bool(getattr(sub, "items", 0))
        if not (owes_report or overdue.get(unit.pk) or missing.get(unit.pk)):
            continue  # nothing to urge: not listed
        recipients = [
            f"{u.get_full_name() or u.get_username()}" + (f" <{u.email}>" if u.email else "")
            for u in people[unit.pk]
        ] + ([f"{unit} <{unit.email}>"] if unit.email else [])
        skipped = ""
        if not recipients:
            skipped = _(
                "Không gửi được: đơn vị chưa có tài khoản cán bộ báo cáo và chưa có địa chỉ thư "
                "điện tử. Hãy tạo tài khoản cho đơn vị trước."
            )
        subject = body = ""
        if with_text:
            subject, body = _digest(
                rnd=reporting_round,
                submission=sub if owes_report else None,
                overdue=overdue.get(unit.pk, []),
                today=today,
                documents=missing.get(unit.pk, []),
            )
            if sub is None or not owes_report:
                with translation.override(settings.LANGUAGE_CODE):
                    body = body.replace(_("Kính gửi ,"), _("Kính gửi %(u)s,") % {"u": unit})
        found.append(
            UrgeCandidate(
                unit=unit,
                submission=sub,
                subject=subject,
                body=body,
                recipients=recipients,
                skipped=skipped,
            )
        )
    return found


def urge_preview(
    *, actor: Actor, reporting_round: ReportingRound, today: dt.date | None = None
) -> list[UrgeCandidate]:
    """The units the office may urge in a round, each with the message it would receive and
    its recipients; a unit nobody would receive the message for is listed with the reason.
    Units with nothing to report, no overdue task and no document owed are left out."""
    require_monitor(actor)
    return _urge_candidates(
        reporting_round=reporting_round, today=today or timezone.localdate(), with_text=True
    )


def units_needing_urge(
    *, reporting_round: ReportingRound, today: dt.date | None = None
) -> list[int]:
    """Units that have something to report and have not sent it (or were returned), or have
    overdue tasks, or owe implementing documents past their deadline — and someone to receive
    the message (a reporter's account or the unit's e-mail address)."""
    today = today or timezone.localdate()
    return sorted(
        c.unit.pk
        for c in _urge_candidates(reporting_round=reporting_round, today=today, with_text=False)
        if not c.skipped
    )


@transaction.atomic
def units_urge(
    *,
    actor: Actor,
    reporting_round: ReportingRound,
    unit_ids: Sequence[int],
    trigger: ReminderTrigger | str = ReminderTrigger.MANUAL,
    today: dt.date | None = None,
    check_actor: bool = True,
) -> list[Reminder]:
    """Send one digest per selected unit (e-mail + in-app notification) and record it. Units
    with nothing to urge are skipped. `check_actor=False` is for `tiendo remind` (cron)."""
    if check_actor:
        require_monitor(actor)
    today = today or timezone.localdate()
    wanted = set(int(u) for u in unit_ids)
    # the message each unit receives is the one the urging page previews
    candidates = [
        c
        for c in _urge_candidates(reporting_round=reporting_round, today=today, with_text=True)
        if c.unit.pk in wanted and not c.skipped
    ]
    if not candidates:
        return []
    recipients = _unit_recipients([c.unit.pk for c in candidates])
    now = _now()
    user = actor_user(actor)
    reminders: list[Reminder] = []
    for candidate in candidates:
        unit, sub, uid = candidate.unit, candidate.submission, candidate.unit.pk
        subject, body = candidate.subject, candidate.body
        emails = sorted(
            {u.email for u in recipients[uid] if u.email} | ({unit.email} if unit.email else set())
        )
        reminder = Reminder.objects.create(
            round=reporting_round,
            unit=unit,
            trigger=trigger,
            sent_at=now,
            for_date=today,
            sent_by=user,
            recipients=emails,
            subject=subject[:300],
            body=body,
        )
        _notify_unit(unit=unit, submission=sub, subject=subject, body=body, reminder=reminder)
        if emails:
            # Sent inside the transaction: when the mail server refuses, nothing is recorded.
            send_mail(subject, body, None, emails, fail_silently=False)
        audit_record(
            actor=actor,
            action=AuditAction.SEND,
            obj=reminder,
            changes={
                "unit": {"before": None, "after": unit.code},
                "recipients": {"before": None, "after": emails},
                "trigger": {"before": None, "after": str(trigger)},
            },
            plan_code=reporting_round.plan.code,
        )
        reminders.append(reminder)
    return reminders


def reminders_due_send(
    *, today: dt.date | None = None, round_id: int | None = None, days_before: int = 3
) -> list[Reminder]:
    """For cron (`tiendo remind`): `days_before` days before a round's deadline, urge the units
    that have not submitted; after the deadline, urge the late ones (once a day)."""
    today = today or timezone.localdate()
    rounds = ReportingRound.objects.select_related("plan").filter(status=RoundStatus.OPEN)
    if round_id is not None:
        rounds = rounds.filter(pk=round_id)
    sent: list[Reminder] = []
    for rnd in rounds:
        if today > rnd.deadline:
            trigger = ReminderTrigger.OVERDUE
        elif (rnd.deadline - today).days == days_before:
            trigger = ReminderTrigger.BEFORE_DEADLINE
        else:
            continue
        already = set(
            Reminder.objects.filter(round=rnd, trigger=trigger, for_date=today).values_list(
                "unit_id", flat=True
            )
        )
        due = [u for u in units_needing_urge(reporting_round=rnd, today=today) if u not in already]
        if trigger == ReminderTrigger.BEFORE_DEADLINE:
            waiting = set(
                Submission.objects.filter(
                    round=rnd, state__in=[SubmissionState.DRAFT, SubmissionState.RETURNED]
                ).values_list("unit_id", flat=True)
            )
            due = [u for u in due if u in waiting]
        sent += units_urge(
            actor=None,
            reporting_round=rnd,
            unit_ids=due,
            trigger=trigger,
            today=today,
            check_actor=False,
        )
    return sent
