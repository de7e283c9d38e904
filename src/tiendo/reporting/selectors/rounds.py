"""Reads of reporting rounds: the list, a round's progress and reminders, the open rounds' panel
of the dashboard, the choices of the form that opens a round."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from tiendo.accounts.permissions import require_read_all
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.plans.models import Plan, Task
from tiendo.plans.register import RegisterCell

from ..models import Reminder, ReportingRound, RoundStatus, Submission, SubmissionState
from .assigned import overdue_tasks_by_unit


def rounds_list(*, actor: Any) -> QuerySet[ReportingRound]:
    require_read_all(actor)
    states = SubmissionState
    return ReportingRound.objects.select_related("plan").annotate(
        unit_count=Count("submissions", distinct=True),
        sent_count=Count(
            "submissions",
            filter=Q(submissions__state__in=[states.SUBMITTED, states.RESUBMITTED]),
            distinct=True,
        ),
        returned_count=Count(
            "submissions", filter=Q(submissions__state=states.RETURNED), distinct=True
        ),
        accepted_count=Count(
            "submissions", filter=Q(submissions__state=states.ACCEPTED), distinct=True
        ),
    )


@dataclass
class ProgressRow:
    submission: Submission
    late: bool
    waiting: bool
    overdue_tasks: list[Task]
    reminder_count: int
    last_reminder: dt.datetime | None
    # Implementing documents the unit owes and has not issued past their deadline (the urging
    # page fills it in: tiendo.plans.register.documents_missing_by_unit).
    missing_documents: list[RegisterCell] = field(default_factory=list)
    # The message the unit would receive and its recipients (the urging page fills it in:
    # tiendo.reporting.services.urge_preview).
    preview: Any = None


def round_get(*, actor: Any, round_id: int) -> ReportingRound:
    require_read_all(actor)
    return ReportingRound.objects.select_related("plan").get(pk=round_id)


def round_progress(
    *, actor: Any, round_id: int, show: str = "", today: dt.date | None = None
) -> tuple[ReportingRound, list[ProgressRow]]:
    """Who submitted, who is late, who was returned; `show` filters: "waiting" (not submitted
    or returned), "late", "returned", "review" (waiting for the office)."""
    rnd = round_get(actor=actor, round_id=round_id)
    today = today or timezone.localdate()
    subs = list(
        Submission.objects.filter(round=rnd)
        .select_related("unit", "reviewed_by")
        .annotate(
            figure_count=Count("figures", distinct=True),
            filled_count=Count("figures", filter=Q(figures__value__isnull=False), distinct=True),
            evidence_count=Count("evidence", distinct=True),
        )
        .order_by("unit__name")
    )
    reminders: dict[int, dict[str, Any]] = {
        r["unit_id"]: dict(r)
        for r in Reminder.objects.filter(round=rnd)
        .values("unit_id")
        .annotate(n=Count("id"), last=Max("sent_at"))
    }
    overdue = overdue_tasks_by_unit(plan=rnd.plan, unit_ids=[s.unit_id for s in subs], today=today)
    rows: list[ProgressRow] = []
    for sub in subs:
        waiting = sub.state in (SubmissionState.DRAFT, SubmissionState.RETURNED)
        late = waiting and today > rnd.deadline
        row = ProgressRow(
            submission=sub,
            late=late,
            waiting=waiting,
            overdue_tasks=overdue.get(sub.unit_id, []),
            reminder_count=reminders.get(sub.unit_id, {}).get("n", 0),
            last_reminder=reminders.get(sub.unit_id, {}).get("last"),
        )
        if show == "waiting" and not waiting:
            continue
        if show == "late" and not late:
            continue
        if show == "returned" and sub.state != SubmissionState.RETURNED:
            continue
        if show == "review" and sub.state not in (
            SubmissionState.SUBMITTED,
            SubmissionState.RESUBMITTED,
        ):
            continue
        rows.append(row)
    return rnd, rows


@dataclass(frozen=True)
class PanelUnit:
    """One unit of an open round, as the dashboard's round panel shows it."""

    submission: Submission
    late: bool
    days_overdue: int


@dataclass(frozen=True)
class RoundPanel:
    """An open round at a glance: how many units sent, have not, were returned, are late; the
    units still owing (late first, most overdue first) and those waiting for the office."""

    round: ReportingRound
    days_left: int
    days_overdue: int
    total: int
    sent: int
    accepted: int
    waiting: int
    returned: int
    late: int
    owing: list[PanelUnit]
    to_review: list[PanelUnit]


def round_panels_version(*, plan_id: int) -> str | None:
    """A fingerprint of what the open rounds' panel of a plan shows (each open round's period
    and deadline, each of its units' submission state and sending date; the units' names are
    in the plan's stamp), or None when the plan has no open round. One query returning plain
    values: the panel can then be served as rendered while it is the same. Who may see the
    panel (the office and leaders) is for its caller to check, as for `round_panels`."""
    rows = list(
        Submission.objects.filter(round__plan_id=plan_id, round__status=RoundStatus.OPEN)
        .order_by("pk")
        .values_list(
            "round_id",
            "round__period_kind",
            "round__year",
            "round__number",
            "round__deadline",
            "pk",
            "unit_id",
            "state",
            "submitted_at",
        )
    )
    if not rows:
        return None
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:24]


def round_panels(*, plan_id: int, today: dt.date | None = None) -> list[RoundPanel]:
    """The open rounds of a plan for the dashboard (one query whatever the number of rounds
    and units: a round is opened with at least one unit, each with its submission, and
    submissions are never deleted). The same for everyone who may see it, the office and
    leaders: the caller checks that (`require_read_all`), so that the server can also build
    it ahead of any request (tiendo.web.warmup)."""
    today = today or timezone.localdate()
    by_round: dict[int, list[Submission]] = defaultdict(list)
    rounds: dict[int, ReportingRound] = {}
    for sub in (
        Submission.objects.filter(round__plan_id=plan_id, round__status=RoundStatus.OPEN)
        .select_related("round", "unit")
        .order_by("unit__name", "pk")
    ):
        by_round[sub.round_id].append(sub)
        rounds.setdefault(sub.round_id, sub.round)
    ordered = sorted(rounds.values(), key=lambda r: (r.deadline, r.pk))
    states = SubmissionState
    panels = []
    for rnd in ordered:
        subs = by_round[rnd.pk]
        overdue = max((today - rnd.deadline).days, 0)
        units = [
            PanelUnit(
                submission=sub,
                late=bool(overdue) and sub.state in (states.DRAFT, states.RETURNED),
                days_overdue=overdue if sub.state in (states.DRAFT, states.RETURNED) else 0,
            )
            for sub in subs
        ]
        owing = [u for u in units if u.submission.state in (states.DRAFT, states.RETURNED)]
        owing.sort(key=lambda u: (not u.late, u.submission.state != states.RETURNED))
        panels.append(
            RoundPanel(
                round=rnd,
                days_left=(rnd.deadline - today).days,
                days_overdue=overdue,
                total=len(subs),
                sent=sum(s.state in (states.SUBMITTED, states.RESUBMITTED) for s in subs),
                accepted=sum(s.state == states.ACCEPTED for s in subs),
                waiting=sum(s.state == states.DRAFT for s in subs),
                returned=sum(s.state == states.RETURNED for s in subs),
                late=sum(u.late for u in units),
                owing=owing,
                to_review=[
                    u for u in units if u.submission.state in (states.SUBMITTED, states.RESUBMITTED)
                ],
            )
        )
    return panels


def round_reminders(*, actor: Any, reporting_round: ReportingRound) -> QuerySet[Reminder]:
    require_read_all(actor)
    return (
        Reminder.objects.filter(round=reporting_round)
        .select_related("unit", "sent_by")
        .order_by("-sent_at", "-id")
    )


def plans_for_round_form() -> QuerySet[Plan]:
    return Plan.objects.order_by("-term_from_year", "code")


# Collective bodies lead and decide; they are not units that report to the office.
COLLECTIVE_KINDS = (
    OrgUnitKind.GROUP,
    OrgUnitKind.PARTY_EXECUTIVE,
    OrgUnitKind.STANDING_COMMITTEE,
)


def units_for_round_form(*, on: dt.date | None = None) -> QuerySet[OrgUnit]:
    """The units a round may ask, by name: single units in existence on `on` (today), not
    groups nor collective bodies (Ban Chấp hành, Ban Thường vụ)."""
    on = on or timezone.localdate()
    return (
        OrgUnit.objects.exclude(kind__in=COLLECTIVE_KINDS)
        .exclude(valid_to__lt=on)
        .exclude(valid_from__gt=on)
        .order_by("name")
    )


def open_rounds() -> QuerySet[ReportingRound]:
    return ReportingRound.objects.filter(status=RoundStatus.OPEN).select_related("plan")
