"""Reads of reporting. Every queryset that feeds a page is built here, with the permission
check for the reader."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.accounts.permissions import (
    NotAllowed,
    can_read_unit,
    require_audit_reader,
    require_read_all,
    require_unit_reader,
    role_of,
    unit_id_of,
)
from tiendo.audit.models import AuditEntry
from tiendo.indicators.models import Figure
from tiendo.indicators.selectors import series_figures
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.plans.coverage import ItemCoverage, PlanCoverage, plan_coverage
from tiendo.plans.lateness import task_lateness
from tiendo.plans.models import (
    Assignment,
    AssignmentRole,
    Plan,
    PlanStatus,
    Target,
    Task,
)
from tiendo.plans.register import RegisterCell
from tiendo.plans.selectors import plans_visible

from .audit_log import OBJECT_TYPE_GROUPS, object_type_label, object_type_members
from .models import (
    Evidence,
    Notification,
    Reminder,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionFigure,
    SubmissionState,
    SubmissionTask,
)

# --- What units are assigned ------------------------------------------------------------------


def units_leading(*, plan: Plan, on: dt.date | None = None) -> list[OrgUnit]:
    """The units a round of the plan asks on `on` (default today), by name: each is the
    deepest lead of some target or task and can report (a single unit, not a group, existing
    that day, with an active reporter account). See `tiendo.plans.coverage`."""
    return plan_coverage(plan=plan, on=on).reporting_units()


def assigned_items_for_units(
    *, plan: Plan, unit_ids: Sequence[int], on: dt.date | None = None
) -> dict[int, tuple[list[Target], list[Task]]]:
    """For each unit: the targets and the tasks it reports on `on` (default today), following
    the delegations (a program-level lead covers the program's targets and tasks). A fixed
    number of queries."""
    reported = plan_coverage(plan=plan, on=on).by_reporter()
    return {uid: reported.get(uid, ([], [])) for uid in unit_ids}


def round_not_asked(*, coverage: PlanCoverage, unit_ids: set[int]) -> list[ItemCoverage]:
    """The targets and tasks a round asking `unit_ids` would ask of nobody (uncovered, or
    their reporting unit not chosen)."""
    return [i for i in coverage.items if i.reporter is None or i.reporter.pk not in unit_ids]


def overdue_tasks_by_unit(
    *, plan: Plan, unit_ids: Sequence[int], today: dt.date | None = None
) -> dict[int, list[Task]]:
    """Tasks a unit leads that are late (`tiendo.plans.lateness`: marked delayed, past their
    deadline — the assignment's, or the task's — or not started past their time to start).
    Two queries."""
    today = today or timezone.localdate()
    items = assigned_items_for_units(plan=plan, unit_ids=unit_ids)
    deadlines: dict[tuple[int, int], dt.date] = {}
    for a in Assignment.objects.filter(
        plan=plan,
        unit_id__in=list(unit_ids),
        role=AssignmentRole.LEAD,
        task__isnull=False,
        deadline__isnull=False,
    ):
        assert a.task_id is not None and a.deadline is not None
        deadlines[(a.unit_id, a.task_id)] = a.deadline
    result: dict[int, list[Task]] = {}
    for uid, (_targets, tasks) in items.items():
        late = []
        for task in tasks:
            deadline = deadlines.get((uid, task.pk))
            if task_lateness(task=task, plan=plan, on=today, deadline=deadline) is not None:
                late.append(task)
        result[uid] = late
    return result


# --- Submissions ------------------------------------------------------------------------------


def _submission_base() -> QuerySet[Submission]:
    return Submission.objects.select_related("round__plan", "unit", "updated_by", "reviewed_by")


def _item_prefetches(
    *, targets: set[int] | None = None, tasks: set[int] | None = None, evidence: bool = True
) -> list[Prefetch[Any]]:
    figures = SubmissionFigure.objects.select_related(
        "target", *(["figure"] if evidence else [])
    ).order_by("target__position")
    task_rows = SubmissionTask.objects.select_related("task").order_by("task__position")
    if targets is not None:
        figures = figures.filter(target_id__in=targets)
        task_rows = task_rows.filter(task_id__in=tasks or set())
    prefetches = [Prefetch("figures", queryset=figures), Prefetch("tasks", queryset=task_rows)]
    if evidence:
        files = Evidence.objects.select_related("uploaded_by").order_by("uploaded_at", "id")
        # the part handed on is read without the unit's evidence (no query)
        prefetches.append(Prefetch("evidence", files if targets is None else files.none()))
    return prefetches


def _submission_with_items(
    submission_id: int,
    *,
    targets: set[int] | None = None,
    tasks: set[int] | None = None,
    evidence: bool = True,
) -> Submission:
    prefetches = _item_prefetches(targets=targets, tasks=tasks, evidence=evidence)
    return _submission_base().prefetch_related(*prefetches).get(pk=submission_id)


def submission_items_read(*, submission: Submission) -> Submission:
    """The submission a service has just written (with its round, plan and unit), with its
    figures and task reports read (two queries; no evidence): what the API answers a write
    with, without reading the submission again."""
    prefetch_related_objects([submission], *_item_prefetches(evidence=False))
    submission.part_only = False  # type: ignore[attr-defined]
    return submission


def submission_detail(*, actor: Any, submission_id: int, evidence: bool = True) -> Submission:
    """A submission with its figures (and their targets' accepted figure history), task
    reports and evidence (not read with `evidence=False`: the API's report, which shows
    neither the evidence nor the accepted figure beside each item). The lead body above the
    unit reads only the part it handed on (`submission.part_only` is True; no evidence).
    Raises Submission.DoesNotExist or NotAllowed."""
    submission = _submission_with_items(submission_id, evidence=evidence)
    submission.part_only = False  # type: ignore[attr-defined]
    if can_read_unit(actor, submission.unit_id):
        return submission
    targets, tasks = submission_part_for(actor=actor, submission=submission)
    if not targets and not tasks:
        require_unit_reader(actor, submission.unit_id)
    part = _submission_with_items(submission_id, targets=targets, tasks=tasks, evidence=evidence)
    part.part_only = True  # type: ignore[attr-defined]
    return part


def submission_get(*, actor: Any, submission_id: int) -> Submission:
    submission = _submission_base().get(pk=submission_id)
    require_unit_reader(actor, submission.unit_id)
    return submission


def figure_history(*, targets: Sequence[Target], area_id: int | None) -> dict[int, list[Figure]]:
    """Every accepted figure of the indicators these targets measure in the area (corrections
    included), oldest first, by target id."""
    by_indicator: dict[int, list[int]] = defaultdict(list)
    for target in targets:
        if target.indicator_ref_id is not None:
            by_indicator[target.indicator_ref_id].append(target.pk)
    history: dict[int, list[Figure]] = defaultdict(list)
    for fig in (
        series_figures(indicator_ids=by_indicator, area_id=area_id)
        .select_related("accepted_by")
        .order_by("year", "id")
    ):
        for target_id in by_indicator[fig.indicator_id]:
            history[target_id].append(fig)
    return history


def submissions_for_workspace(*, actor: Any) -> QuerySet[Submission]:
    """The reporter's unit's submissions, open rounds first, with item counts."""
    unit_id = unit_id_of(actor)
    if unit_id is None:
        raise NotAllowed("Tài khoản của bạn chưa gắn với đơn vị nào.")
    return (
        _submission_base()
        .filter(unit_id=unit_id)
        .annotate(
            figure_count=Count("figures", distinct=True),
            filled_count=Count("figures", filter=Q(figures__value__isnull=False), distinct=True),
            task_count=Count("tasks", distinct=True),
            evidence_count=Count("evidence", distinct=True),
        )
        .annotate(
            returned_first=Case(
                When(state=SubmissionState.RETURNED, then=Value(0)), default=Value(1)
            )
        )
        .order_by("round__status", "returned_first", "round__deadline", "-id")
    )


def evidence_get(*, actor: Any, submission_id: int, evidence_id: int) -> Evidence:
    evidence = Evidence.objects.select_related("submission__round__plan", "submission__unit").get(
        pk=evidence_id, submission_id=submission_id
    )
    require_unit_reader(actor, evidence.submission.unit_id)
    return evidence


# --- Rounds -----------------------------------------------------------------------------------


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


def round_panels_version(*, actor: Any, plan_id: int) -> str | None:
    """A fingerprint of what the open rounds' panel of a plan shows (each open round's period
    and deadline, each of its units' submission state and sending date; the units' names are
    in the plan's stamp), or None when the plan has no open round. One query returning plain
    values: the panel can then be served as rendered while it is the same."""
    require_read_all(actor)
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


def round_panels(*, actor: Any, plan_id: int, today: dt.date | None = None) -> list[RoundPanel]:
    """The open rounds of a plan for the dashboard (the office and leaders; one query whatever
    the number of rounds and units: a round is opened with at least one unit, each with its
    submission, and submissions are never deleted)."""
    require_read_all(actor)
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


# --- Notifications ----------------------------------------------------------------------------


def notifications_for_user(*, actor: Any) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(user=actor)
        .select_related("submission__round", "submission__unit")
        .order_by("-created_at", "-id")
    )


def notification_get(*, actor: Any, notification_id: int) -> Notification:
    """Only the recipient can read a notification; others get DoesNotExist (404)."""
    return Notification.objects.get(pk=notification_id, user=actor)


def notifications_unread_count(*, actor: Any) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).count()


def user_with_unread_get(*, user_id: Any) -> Any:
    """The signed-in user, read once per request with their profile (role and unit: what
    every permission check reads) and the number of their unread notifications
    (`unread_notifications`, for the navigation): one query. DoesNotExist when there is no
    such user."""
    unread = (
        Notification.objects.filter(user_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        get_user_model()
        ._default_manager.select_related("profile")
        .annotate(unread_notifications=Coalesce(Subquery(unread), 0))
        .get(pk=user_id)
    )


# --- Audit log --------------------------------------------------------------------------------


@dataclass
class AuditFilters:
    object_type: str = ""
    actor: str = ""
    plan: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _audit_visible(actor: Any) -> QuerySet[AuditEntry]:
    """The log without the entries of plans the actor may not see (drafts, for anyone but the
    office: plans_visible)."""
    hidden = Plan.objects.exclude(pk__in=plans_visible(user=actor).values("pk")).values("code")
    return AuditEntry.objects.exclude(plan_code__in=hidden)


def audit_entries(
    *, actor: Any, filters: AuditFilters, page: int = 1, per_page: int = 50
) -> Page[Any]:
    require_audit_reader(actor)
    qs = _audit_visible(actor).select_related("actor").order_by("-at", "-id")
    if filters.object_type:
        qs = qs.filter(object_type__in=object_type_members(filters.object_type))
    if filters.actor:
        qs = qs.filter(actor_label__iexact=filters.actor)
    if filters.plan:
        qs = qs.filter(plan_code=filters.plan)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return Paginator(qs, per_page).get_page(page)


def audit_filter_choices(*, actor: Any) -> dict[str, list[Any]]:
    """The choices of the filter bar: object types as (value, name), sorted by name, an old
    name of a type merged into the type; the plans' codes."""
    require_audit_reader(actor)
    types: dict[str, str] = {}
    for object_type in (
        AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    ):
        value = next((k for k, v in OBJECT_TYPE_GROUPS.items() if object_type in v), object_type)
        types[value] = object_type_label(value)
    return {
        "object_types": sorted(types.items(), key=lambda item: item[1].lower()),
        "plans": list(
            _audit_visible(actor)
            .exclude(plan_code="")
            .order_by()
            .values_list("plan_code", flat=True)
            .distinct()
        ),
    }


__all__ = ["role_of"]


@dataclass
class UnitWork:
    """What a unit does in one plan today: the targets and tasks it reports (each with its
    chain: for whom), the ones it handed on (and who reports them now), and the submissions
    of the units it handed them to."""

    plan: Plan
    reports: list[ItemCoverage]
    handed_on: list[ItemCoverage]
    delegate_submissions: list[Submission]

    @property
    def report_targets(self) -> list[ItemCoverage]:
        return [i for i in self.reports if i.kind == "target"]

    @property
    def report_tasks(self) -> list[ItemCoverage]:
        return [i for i in self.reports if i.kind == "task"]


def unit_work(*, unit_id: int, on: dt.date | None = None) -> list[UnitWork]:
    """For each plan in force in which the unit reports something or handed something on.
    A fixed number of queries per plan the unit holds an assignment in (a unit reports or hands
    on only what it holds; a successor holds its predecessor's work as assignments of its own),
    whatever the number of other plans."""
    result = []
    plans = (
        Plan.objects.filter(status=PlanStatus.ACTIVE, assignments__unit_id=unit_id)
        .distinct()
        .order_by("code")
    )
    for plan in plans:
        coverage = plan_coverage(plan=plan, on=on)
        reports = [i for i in coverage.items if i.reporter is not None and i.reporter.pk == unit_id]
        handed_on = [
            i
            for i in coverage.items
            if i.involves(unit_id) and i.lead is not None and i.lead.unit_id != unit_id
        ]
        if not reports and not handed_on:
            continue
        below = {i.reporter.pk for i in handed_on if i.reporter is not None}
        targets = [i.item.pk for i in handed_on if i.kind == "target"]
        tasks = [i.item.pk for i in handed_on if i.kind == "task"]
        submissions = list(
            _submission_base()
            .filter(round__plan=plan, unit_id__in=below)
            .filter(Q(figures__target_id__in=targets) | Q(tasks__task_id__in=tasks))
            .distinct()
            .order_by("round__status", "-round__opens_on", "unit__name")
        )
        result.append(
            UnitWork(
                plan=plan,
                reports=reports,
                handed_on=handed_on,
                delegate_submissions=submissions,
            )
        )
    return result


def submission_part_for(*, actor: Any, submission: Submission) -> tuple[set[int], set[int]]:
    """The targets and tasks of a delegate's submission that the actor's unit handed on (it
    is above the delegate in their chains, on the round's opening date, and the round asked
    for them): a lead body sees that part, read-only, so that it can answer for it. Empty
    when it handed nothing of it on. `submission` comes with its figures and tasks."""
    if role_of(actor) != Role.REPORTER:
        return set(), set()
    uid = unit_id_of(actor)
    if uid is None or uid == submission.unit_id:
        return set(), set()
    coverage = plan_coverage(plan=submission.round.plan, on=submission.round.opens_on)
    part = [
        i
        for i in coverage.items
        if i.reporter is not None and i.reporter.pk == submission.unit_id and i.involves(uid)
    ]
    asked_targets = {f.target_id for f in submission.figures.all()}
    asked_tasks = {t.task_id for t in submission.tasks.all()}
    return (
        {i.item.pk for i in part if i.kind == "target"} & asked_targets,
        {i.item.pk for i in part if i.kind == "task"} & asked_tasks,
    )
