"""What units are assigned and what they owe: the units leading in a plan, their targets and
tasks, their late tasks, what each unit does in a plan today, and the part of a delegate's report
that a lead body handed on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from tiendo.org.models import OrgUnit
from tiendo.plans.coverage import ItemCoverage, PlanCoverage, plan_coverage
from tiendo.plans.lateness import task_lateness
from tiendo.plans.models import Assignment, AssignmentRole, Plan, PlanStatus, Target, Task

from ..models import Submission
from .submissions import _submission_base


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
